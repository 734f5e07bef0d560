"""The app factory: ``create_app(settings)`` builds a fresh Dash app; nothing happens at import."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import dash
import dash_bootstrap_components as dbc
from dash import html
from flask import Flask, current_app, has_app_context, send_from_directory
from sqlalchemy import text

from callbacks import shell as shell_callbacks
from components import ids
from components.i18n import DEFAULT_LANGUAGE, normalise_language, t
from components.portfolio import empty_figure
from components.shell import shell
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
        on_error=_log_callback_error,
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
    from components.shell import filter_section

    return filter_section(PortfolioFilter(), [], DEFAULT_LANGUAGE)


def _log_callback_error(error: Exception):
    """A callback that failed: log it with the callback's outputs and inputs, and show a
    friendly message in its place; the browser gets no traceback.

    Returns one value per output, shaped like the callback's outputs (a dict for a callback
    declared with a dict of outputs, a list for several, one value for one): an alert where
    the output is ``children``, an empty figure with the message where it is ``figure``,
    ``no_update`` elsewhere.
    """
    ctx = dash.callback_context
    try:
        # Dash deprecates the flat lists for callbacks declared with dicts of outputs or
        # inputs; those come as groupings of the same entries.
        outputs = ctx.outputs_grouping if ctx.using_outputs_grouping else ctx.outputs_list
        arguments = _flat_specs(
            ctx.args_grouping if ctx.using_args_grouping else [ctx.inputs_list, ctx.states_list]
        )
        log.error(
            "callback failed: %s: %s; outputs %s; inputs %s",
            type(error).__name__,
            error,
            ", ".join(_prop_id(spec) for spec in _flat_specs(outputs)) or "none",
            # Ids and value shapes only: the values themselves may hold personal data.
            ", ".join(f"{_prop_id(spec)} ({_value_shape(spec.get('value'))})" for spec in arguments)
            or "none",
            exc_info=error,
        )
        return _fallback_outputs(outputs, t("error.data", _callback_language(arguments)))
    except Exception:  # the handler itself must never turn into a traceback for the browser
        log.exception("callback failed: %s; no fallback shown", error)
        return None


def _fallback_outputs(specs, message: str):
    """For ``specs`` (an output, a list or a dict of them, as Dash hands them over) the
    values that show ``message`` in the same shape."""
    if isinstance(specs, (list, tuple)):
        return [_fallback_outputs(spec, message) for spec in specs]
    if isinstance(specs.get("property"), str):
        prop = specs["property"].partition("@")[0]  # "value@hash" with allow_duplicate
        if prop == "children":
            return dbc.Alert(message, color="warning")
        if prop == "figure":
            return empty_figure("", message)
        return dash.no_update
    return {key: _fallback_outputs(spec, message) for key, spec in specs.items()}


def _callback_language(arguments: list[dict]) -> str:
    """The language of the page the request came from (the language store among the
    callback's states), else the app's default."""
    default = DEFAULT_LANGUAGE
    if has_app_context():
        settings = current_app.extensions.get("filantrimpact", {}).get("settings")
        default = settings.language if settings else default
    for spec in arguments:
        if spec.get("id") == ids.LANG_STORE and spec.get("property") == "data":
            return normalise_language(spec.get("value"), default)
    return default


def _flat_specs(specs) -> list[dict]:
    """Outputs, inputs or states as one flat list, from a single entry, a list (several, or
    a pattern-matching one) or a dict grouping of them."""
    if isinstance(specs, dict):
        if isinstance(specs.get("property"), str):
            return [specs]
        specs = list(specs.values())
    return [flat for spec in specs or [] for flat in _flat_specs(spec)]


def _prop_id(spec: dict) -> str:
    component = spec.get("id")
    if isinstance(component, dict):
        component = json.dumps(component, sort_keys=True, separators=(",", ":"))
    return f"{component}.{str(spec.get('property')).partition('@')[0]}"


def _value_shape(value: object) -> str:
    """The type of a value and, for collections and text, its length: enough to see what
    was sent without logging what it says."""
    if value is None:
        return "None"
    if isinstance(value, (str, list, tuple, dict)):
        return f"{type(value).__name__} of {len(value)}"
    return type(value).__name__


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
    return create_app(settings).server
