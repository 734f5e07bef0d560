"""The app over HTTP (Flask test client): offline styling, pages, callbacks and forged input."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from dashboard.app import create_app
from dashboard.config import Settings
from data_access.viewer import Viewer
from tests.conftest import sqlite_engine
from tests.factory import three_projects

THIS_YEAR = dt.date.today().year


@pytest.fixture
def app(tmp_path):
    """An app on a small hand-made SQLite portfolio: two themes, two funders."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    engine = sqlite_engine(tmp_path / "app.db")
    three_projects(engine, THIS_YEAR)
    engine.dispose()
    return create_app(Settings(database_url=url), viewer_for_request=Viewer.admin)


@pytest.fixture
def client(app):
    return app.server.test_client()


def callback_outputs(app, output_prop: str) -> tuple[str, list[dict]]:
    """The callback output key that contains ``output_prop``, and its outputs as JSON."""
    output = next(key for key in app.callback_map if output_prop in key)
    outputs = [
        {"id": part.split(".")[0], "property": part.split(".")[1]}
        for part in output.strip(".").split("...")
    ]
    # A single output is sent as one object, several as a list.
    return output, (outputs if output.startswith("..") else outputs[0])


def portfolio_request(app, lang="nl", **controls) -> dict:
    """The JSON body the browser sends when a filter changes."""
    output, outputs = callback_outputs(app, "portfolio-subtitle.children")
    values = {
        "filter-funder": [],
        "filter-theme": [],
        "filter-sub-theme": [],
        "filter-region": [],
        "filter-year-from": None,
        "filter-year-to": None,
        **controls,
    }
    return {
        "output": output,
        "outputs": outputs,
        "inputs": [
            {"id": key, "property": "value", "value": value} for key, value in values.items()
        ],
        "state": [{"id": "lang-store", "property": "data", "value": lang}],
        "changedPropIds": ["filter-theme.value"],
    }


def test_app001_index_uses_no_outside_addresses(client):
    page = client.get("/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<html lang="nl">' in html
    assert "/vendor/bootstrap5/css/bootstrap.min.css" in html
    assert not re.findall(r'(?:href|src)="(?:https?:)?//', html)


def test_app002_bootstrap_is_served_from_the_installed_package(client):
    css = client.get("/vendor/bootstrap5/css/bootstrap.min.css")
    assert css.status_code == 200
    text = css.get_data(as_text=True)
    assert "Bootstrap" in text[:200]
    assert "@import url(http" not in text


def test_app003_health_check_reaches_the_database(client):
    assert client.get("/healthz").get_json()["status"] == "ok"


def test_app004_portfolio_callback_answers_a_filter_change(app, client):
    response = client.post("/_dash-update-component", json=portfolio_request(app))
    assert response.status_code == 200
    body = response.get_json()["response"]
    assert body["kpi-projects"]["children"][0]["props"]["children"] == "3"
    assert body["kpi-money"]["children"][0]["props"]["children"] == "€\u00a0245.500"

    people = portfolio_request(app, **{"filter-theme": ["people"]})
    body = client.post("/_dash-update-component", json=people).get_json()["response"]
    assert body["kpi-projects"]["children"][0]["props"]["children"] == "1"
    treemap = body["graph-themes"]["figure"]["data"][0]
    assert treemap["labels"] == ["Mens", "Gezondheid"]


def test_app005_forged_values_are_ignored_not_crashed_on(app, client):
    forged = portfolio_request(
        app,
        lang="xx",
        **{
            "filter-theme": ["people", "'; DROP TABLE project; --"],
            "filter-funder": ["1 OR 1=1"],
            "filter-year-from": "next year",
        },
    )
    response = client.post("/_dash-update-component", json=forged)
    assert response.status_code == 200
    body = response.get_json()["response"]
    assert body["kpi-projects"]["children"][0]["props"]["children"] == "1"  # theme people only
    assert body["kpi-projects"]["children"][1]["props"]["children"].startswith("met")  # Dutch
    again = client.post("/_dash-update-component", json=portfolio_request(app))
    assert again.get_json()["response"]["kpi-projects"]["children"][0]["props"]["children"] == "3"


def test_app006_nothing_matching_shows_empty_states(app, client):
    request = portfolio_request(app, lang="en", **{"filter-region": ["west-vlaanderen"]})
    body = client.post("/_dash-update-component", json=request).get_json()["response"]
    assert body["kpi-projects"]["children"][0]["props"]["children"] == "0"
    figure = body["graph-timeline"]["figure"]
    assert figure["layout"]["annotations"][0]["text"].startswith("No projects match")


def route_request(app, pathname, search="") -> dict:
    """The JSON body the browser sends when the address changes."""
    output, outputs = callback_outputs(app, "page-content.children")
    return {
        "output": output,
        "outputs": outputs,
        "inputs": [
            {"id": "url", "property": "pathname", "value": pathname},
            {"id": "url", "property": "search", "value": search},
        ],
        "changedPropIds": ["url.pathname"],
    }


def test_app007_the_router_serves_the_page_for_the_address(app, client):
    layout = client.get("/_dash-layout").get_json()
    assert '"page-content"' in json.dumps(layout)

    body = client.post("/_dash-update-component", json=route_request(app, "/", "?lang=en"))
    response = body.get_json()["response"]
    assert "portfolio-subtitle" in json.dumps(response["page-content"])
    assert response["title-store"]["data"] == "Portfolio – FilantrImpact"
    assert response["lang-store"]["data"] == "en"

    missing = client.post("/_dash-update-component", json=route_request(app, "/nowhere"))
    response = missing.get_json()["response"]
    assert "Deze pagina bestaat niet." in json.dumps(response["page-content"])


NO_FILTERS = {"query": {}, "lang": "nl"}


def navbar_request(app, pathname="/", state=NO_FILTERS, changed="url.pathname") -> dict:
    """The JSON body the browser sends when the address or the remembered filters change."""
    output, outputs = callback_outputs(app, "navbar-links.children")
    return {
        "output": output,
        "outputs": outputs,
        "inputs": [
            {"id": "query-store", "property": "data", "value": state},
            {"id": "url", "property": "pathname", "value": pathname},
        ],
        "changedPropIds": [changed],
    }


@pytest.mark.parametrize("state", [["not", "a", "dict"], {"query": "x", "lang": 5}, None])
def test_app008_navbar_survives_a_forged_state(app, client, state):
    body = navbar_request(app, state=state, changed="query-store.data")
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    links = response.get_json()["response"]["navbar-links"]["children"]
    assert links[0]["props"]["children"]["props"]["href"] == "/?lang=nl"


def test_app030_a_served_app_keeps_what_it_built_out_of_the_collector_s_sight(app):
    """Before serving and again after warming up, what exists is frozen for the garbage
    collector, so a full collection no longer stalls a request (make bench measures it)."""
    import gc

    from dashboard.app import WARM_UP_REQUESTS, settle_memory

    gc.unfreeze()
    try:
        settle_memory(app.server)
        at_start = gc.get_freeze_count()
        assert at_start > 0
        client = app.server.test_client()
        for number in range(1, WARM_UP_REQUESTS[0] + 1):
            response = client.get("/_dash-layout")
            assert response.status_code == 200
            before_close = gc.get_freeze_count()
            response.close()  # the freeze runs once the answer has gone out
            if number < WARM_UP_REQUESTS[0]:
                assert gc.get_freeze_count() == before_close
        assert gc.get_freeze_count() > at_start
    finally:
        gc.unfreeze()
