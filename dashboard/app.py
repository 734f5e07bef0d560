"""The app factory: ``create_app(settings)`` builds a fresh Dash app; nothing happens at import."""

from __future__ import annotations

import gc
import itertools
import logging
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import dash
from dash import html
from flask import Flask, send_from_directory
from sqlalchemy import text

from callbacks import errors
from callbacks import shell as shell_callbacks
from components.i18n import DEFAULT_LANGUAGE
from components.shell import filter_section, shell
from dashboard import __version__, auth, security
from dashboard.cache import ViewCache
from dashboard.config import Settings
from dashboard.page import AppContext, Page
from dashboard.pages import NOT_FOUND, PAGES
from data_access import scope
from data_access.db import make_engine
from data_access.filters import PortfolioFilter
from data_access.viewer import Viewer

log = logging.getLogger(__name__)

ASSETS = Path(__file__).resolve().parent.parent / "assets"
BOOTSTRAP_URL = "/vendor/bootstrap5/"

INDEX = """<!DOCTYPE html>
<html lang="{lang}">
    <head>
        {{%metas%}}
        <title>{{%title%}}</title>
        {{%favicon%}}
        {{%css%}}
    </head>
    <body>
        {{%app_entry%}}
        <footer>
            {{%config%}}
            {{%scripts%}}
            {{%renderer%}}
        </footer>
    </body>
</html>"""


def create_app(
    settings: Settings | None = None,
    viewer_for_request: Callable[[], Viewer] | None = None,
    pages: tuple[Page, ...] = PAGES,
) -> dash.Dash:
    """A new app for ``settings`` (from the environment when omitted).

    Visitors log in with their accounts, and each request is answered for the logged-in
    account. Tests may instead give ``viewer_for_request``, which says who asks for every
    request, without accounts or login. ``pages`` are the pages the app serves, the
    not-found page among them or added.
    """
    settings = settings or Settings.from_env()
    engine = scope.install_guard(make_engine(settings.database_url, **settings.engine_options()))
    server = Flask(__name__)
    _serve_bootstrap(server)
    accounts_enabled = viewer_for_request is None
    if accounts_enabled:
        auth.install(server, engine, settings)
        viewer_for_request = auth.current_viewer
    not_found = next((page for page in pages if page.path == NOT_FOUND.path), NOT_FOUND)
    pages = tuple(page for page in pages if page is not not_found)

    app = dash.Dash(
        __name__,
        server=server,
        assets_folder=str(ASSETS),
        external_stylesheets=[
            BOOTSTRAP_URL + "css/bootstrap.min.css",
        ],
        title="FilantrImpact",
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
        on_error=errors.on_error,
    )
    app.index_string = INDEX.format(lang=settings.language)
    app.layout = shell()
    # Dash checks callbacks against every page's layout, not only the one on screen.
    app.validation_layout = html.Div([shell(), *_every_layout((*pages, not_found))])

    cache = ViewCache(server, engine, settings.cache_url)
    context = AppContext(engine, settings, viewer_for_request, accounts_enabled, cache)
    shell_callbacks.register(app, context, pages, not_found)
    for page in pages:
        if page.register:
            page.register(app, context)

    @server.get("/healthz")
    def health():
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return {"status": "ok", "version": __version__}

    security.install_headers(app)
    server.extensions["filantrimpact"] = {"settings": settings, "engine": engine, "cache": cache}
    return app


def _every_layout(pages: tuple[Page, ...]) -> list:
    lang = DEFAULT_LANGUAGE
    return [
        page.layout(lang, _filters_for_validation() if page.filters else None, {}) for page in pages
    ]


def _filters_for_validation():
    return filter_section(PortfolioFilter(), [], DEFAULT_LANGUAGE)


def _serve_bootstrap(server: Flask) -> None:
    """Bootstrap 5 from the installed bootstrap-flask package: styling needs no internet."""
    folder = resources.files("flask_bootstrap") / "static" / "bootstrap5"

    @server.get(BOOTSTRAP_URL + "<path:filename>")
    def bootstrap_static(filename: str):
        return send_from_directory(str(folder), filename, max_age=86400)


def create_server():
    """WSGI entry point for gunicorn: ``gunicorn 'dashboard.app:create_server()'``."""
    try:
        settings = Settings.from_env()
    except ValueError as error:  # a one-line reason, not a traceback
        print(f"filantrimpact: {error}", file=sys.stderr)
        raise SystemExit(1) from None
    server = create_app(settings).server
    settle_memory(server)
    return server


# After this many requests the app has built what it builds on first use (Plotly's
# validators, compiled statements, pandas' caches): kept out of the collector's sight too.
WARM_UP_REQUESTS = (25, 250)


def settle_memory(server: Flask | None = None) -> None:
    """Before the app serves, and again once it has warmed up (``WARM_UP_REQUESTS``, after
    the response has gone out): move what exists then out of the garbage collector's sight.
    Otherwise a full collection walks all of it now and then in the middle of a request;
    measured at the large size, one request in about forty then took 40–130 ms longer.
    Objects made later are collected as usual."""
    _freeze()
    if server is None:
        return
    served = itertools.count(1)

    @server.after_request
    def _settle_after_warm_up(response):
        if next(served) in WARM_UP_REQUESTS:
            response.call_on_close(_freeze)
        return response


def _freeze() -> None:
    gc.collect()
    gc.freeze()
