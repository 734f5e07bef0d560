"""Pages are units: a new page joins through the one list; two apps stay independent."""

from __future__ import annotations

import json

import pytest
from dash import Input, Output, html

from dashboard.app import create_app
from dashboard.config import Settings
from dashboard.page import Page
from dashboard.pages import PAGES
from data_access.viewer import Viewer
from tests.conftest import sqlite_engine
from tests.test_app import callback_outputs, navbar_request, route_request


def throwaway_layout(lang, filter_bar=None, query=None):
    return html.Div(
        [html.H1("Proefpagina", className="page-title"), html.Button(id="try-button"), filter_bar],
        id="try-page",
    )


def register_throwaway(app, context):
    @app.callback(Output("try-page", "title"), Input("try-button", "n_clicks"))
    def say_who(_clicks):
        return f"seen by {context.viewer_for_request().role}"


THROWAWAY = Page(
    path="/try",
    title_key="Proefpagina",
    label_key="nav.try",
    layout=throwaway_layout,
    register=register_throwaway,
    order=50,
    filters=True,
)


@pytest.fixture
def url(tmp_path):
    sqlite_engine(tmp_path / "pages.db").dispose()
    return f"sqlite:///{tmp_path / 'pages.db'}"


def navbar_hrefs(app, client) -> list[str]:
    body = navbar_request(app, "/try")
    links = client.post("/_dash-update-component", json=body).get_json()["response"]
    return [
        item["props"]["children"]["props"]["href"] for item in links["navbar-links"]["children"]
    ]


def test_pag001_a_page_added_to_the_list_is_served_with_its_navbar_link(url):
    app = create_app(
        Settings(database_url=url), viewer_for_request=Viewer.admin, pages=(*PAGES, THROWAWAY)
    )
    client = app.server.test_client()

    hrefs = navbar_hrefs(app, client)
    assert hrefs[0] == "/?lang=nl" and hrefs[-1] == "/try?lang=nl"  # ordered by `order`
    page = client.post("/_dash-update-component", json=route_request(app, "/try", "?theme=people"))
    response = page.get_json()["response"]
    content = json.dumps(response["page-content"])
    assert "Proefpagina" in content
    assert "filter-theme" in content and '["people"]' in content  # the shell's filter bar
    assert response["title-store"]["data"] == "Proefpagina – FilantrImpact"

    output, outputs = callback_outputs(app, "try-page.title")
    body = {
        "output": output,
        "outputs": outputs,
        "inputs": [{"id": "try-button", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["try-button.n_clicks"],
    }
    said = client.post("/_dash-update-component", json=body).get_json()["response"]
    assert said["try-page"]["title"] == "seen by admin"


def test_pag002_two_apps_in_one_process_are_independent(url):
    with_page = create_app(
        Settings(database_url=url), viewer_for_request=Viewer.admin, pages=(*PAGES, THROWAWAY)
    )
    without = create_app(Settings(database_url=url), viewer_for_request=Viewer.admin)

    assert "/try?lang=nl" not in navbar_hrefs(without, without.server.test_client())
    assert navbar_hrefs(with_page, with_page.server.test_client())[-1] == "/try?lang=nl"
    missing = without.server.test_client().post(
        "/_dash-update-component", json=route_request(without, "/try")
    )
    assert "Deze pagina bestaat niet." in json.dumps(missing.get_json()["response"])
    assert not any("try-page" in key for key in without.callback_map)


def test_pag003_a_page_path_must_start_with_a_slash():
    with pytest.raises(ValueError, match="starts with '/'"):
        Page(path="try", title_key="x", layout=throwaway_layout)


def test_pag004_pool_and_timeouts_are_settings():
    settings = Settings.from_env(
        {
            "FILANTRIMPACT_DB_POOL_SIZE": "12",
            "FILANTRIMPACT_DB_POOL_TIMEOUT": "2.5",
            "FILANTRIMPACT_DB_STATEMENT_TIMEOUT": "10",
        }
    )
    options = settings.engine_options()
    assert (options["pool_size"], options["pool_timeout"]) == (12, 2.5)
    assert options["statement_timeout"] == 10
    with pytest.raises(ValueError, match="FILANTRIMPACT_DB_POOL_SIZE='many' is not a whole"):
        Settings.from_env({"FILANTRIMPACT_DB_POOL_SIZE": "many"})
    with pytest.raises(ValueError, match="must not be negative"):
        Settings.from_env({"FILANTRIMPACT_DB_LOCK_TIMEOUT": "-1"})


def test_pag005_a_failing_callback_changes_nothing_and_shows_no_traceback(url, caplog):
    def register_broken(app, context):
        @app.callback(Output("try-page", "title"), Input("try-button", "n_clicks"))
        def fail(_clicks):
            raise RuntimeError("secret internals")

    broken = Page(path="/try", title_key="x", layout=throwaway_layout, register=register_broken)
    app = create_app(
        Settings(database_url=url), viewer_for_request=Viewer.admin, pages=(*PAGES, broken)
    )
    output, outputs = callback_outputs(app, "try-page.title")
    body = {
        "output": output,
        "outputs": outputs,
        "inputs": [{"id": "try-button", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["try-button.n_clicks"],
    }
    response = app.server.test_client().post("/_dash-update-component", json=body)
    assert response.status_code in (200, 204)
    assert "secret internals" not in response.get_data(as_text=True)
    assert any("secret internals" in record.getMessage() for record in caplog.records)
