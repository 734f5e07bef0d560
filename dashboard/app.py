"""The app factory: ``create_app(settings)`` builds a fresh Dash app; nothing happens at import."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import dash
from flask import Flask, send_from_directory
from sqlalchemy import text

from callbacks import filters as filter_callbacks
from callbacks import portfolio as portfolio_callbacks
from components.shell import shell
from dashboard import __version__
from dashboard.auth import current_viewer
from dashboard.config import Settings
from dashboard.pages import not_found_404, portfolio
from data_access.db import make_engine

ASSETS = Path(__file__).resolve().parent.parent / "assets"
BOOTSTRAP_URL = "/vendor/bootstrap5/"
PAGES = (portfolio, not_found_404)

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


def create_app(settings: Settings | None = None) -> dash.Dash:
    """A new app for ``settings`` (from the environment when omitted)."""
    settings = settings or Settings.from_env()
    engine = make_engine(settings.database_url, pool_pre_ping=True)
    server = Flask(__name__)
    _serve_bootstrap(server)

    app = dash.Dash(
        __name__,
        server=server,
        use_pages=True,
        pages_folder="",
        assets_folder=str(ASSETS),
        external_stylesheets=[
            BOOTSTRAP_URL + "css/bootstrap.min.css",
        ],
        title="FilantrImpact",
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.index_string = INDEX.format(lang=settings.language)
    for page in PAGES:
        page.register(settings)
    app.layout = shell(dash.page_container)

    filter_callbacks.register(app, engine, settings, current_viewer)
    portfolio_callbacks.register(app, engine, settings, current_viewer)

    @server.get("/healthz")
    def health():
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return {"status": "ok", "version": __version__}

    server.extensions["filantrimpact"] = {"settings": settings, "engine": engine}
    return app


def _serve_bootstrap(server: Flask) -> None:
    """Bootstrap 5 from the installed bootstrap-flask package: styling needs no internet."""
    folder = resources.files("flask_bootstrap") / "static" / "bootstrap5"

    @server.get(BOOTSTRAP_URL + "<path:filename>")
    def bootstrap_static(filename: str):
        return send_from_directory(str(folder), filename, max_age=86400)


def create_server():
    """WSGI entry point for gunicorn: ``gunicorn 'dashboard.app:create_server()'``."""
    return create_app().server
