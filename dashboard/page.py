"""What a page is: one unit that brings its path, navbar label, layout and callbacks.

``create_app`` loops over a list of pages (``dashboard.pages.PAGES``); adding a page means a
new module that declares its ``Page``, an entry in that list, and its translations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

import dash
from sqlalchemy import Engine

from dashboard.cache import ViewCache
from dashboard.config import Settings
from data_access.viewer import Viewer


@dataclass(frozen=True)
class AppContext:
    """What every page's callbacks get: the database, the settings and who is asking."""

    engine: Engine
    settings: Settings
    viewer_for_request: Callable[[], Viewer]
    # Whether visitors log in (else tests serve the app as one viewer): a logout button.
    accounts_enabled: bool = False
    cache: ViewCache | None = None

    def cached(self, page: str, viewer: Viewer, inputs: tuple, compute: Callable[[], dict]):
        """A view's outputs through the cache (keyed by the viewer's scope and the inputs)."""
        if self.cache is None:
            return compute()
        return self.cache.outputs(page, viewer, inputs, compute)


@dataclass(frozen=True)
class Page:
    """One page of the dashboard.

    ``layout(lang, filter_bar, query)`` builds the page for a URL without touching the
    database (the data arrives through its callbacks); ``filter_bar`` is the shell's filter
    bar when ``filters`` is set, else None; ``query`` holds the URL's other parameters, which
    may be anything. ``register(app, context)`` adds the page's callbacks. ``queries`` names
    the module the page's data comes from.
    """

    path: str
    title_key: str
    layout: Callable[..., dash.development.base_component.Component]
    register: Callable[[dash.Dash, AppContext], None] | None = None
    label_key: str | None = None  # a navbar link when set
    order: int = 50
    filters: bool = False
    queries: ModuleType | None = None
    # The roles that may open the page (all when None); others get the not-found page and no
    # navbar link. Its callbacks still check the viewer themselves: they are public endpoints.
    roles: tuple[str, ...] | None = None
    # A path may hold parameters, one segment each: "/projects/<id>". The router hands them
    # to ``layout`` in ``query`` and first asks ``admits(engine, viewer, params)`` whether
    # they name something the viewer may open; when not, the viewer gets the not-found page,
    # the same as for an unknown address (so it cannot tell "hidden" from "missing").
    admits: Callable[[Engine, Viewer, dict[str, str]], bool] | None = None
    # The navbar entry shown as current on this page (its own path when None).
    nav_path: str | None = None

    def __post_init__(self) -> None:
        if not self.path.startswith("/"):
            raise ValueError(f"a page path starts with '/': {self.path!r}")

    def open_to(self, viewer: Viewer) -> bool:
        return self.roles is None or viewer.role in self.roles

    @property
    def has_parameters(self) -> bool:
        return "<" in self.path

    def match(self, path: str) -> dict[str, str] | None:
        """The parameters when ``path`` (without a trailing slash) is this page's address,
        else None: ``{}`` for a plain path, ``{"id": "12"}`` for "/projects/12"."""
        if not self.has_parameters:
            return {} if path == self.path else None
        pattern, given = self.path.split("/"), path.split("/")
        if len(pattern) != len(given):
            return None
        params = {}
        for expected, actual in zip(pattern, given, strict=True):
            if expected.startswith("<") and expected.endswith(">"):
                if not actual:
                    return None
                params[expected[1:-1]] = actual
            elif expected != actual:
                return None
        return params
