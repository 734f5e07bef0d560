"""Forged callback requests over HTTP: a viewer gets only what its role may see."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from dashboard.app import create_app
from dashboard.config import Settings
from data_access.viewer import Viewer
from tests.conftest import sqlite_engine
from tests.factory import Portfolio
from tests.test_app import callback_outputs, portfolio_request

THIS_YEAR = dt.date.today().year


@pytest.fixture
def database(tmp_path):
    """A named funder with four shared projects (three people, one society: € 400 in all)
    and an anonymous funder whose two shared projects are worth € 7 777 each."""
    url = f"sqlite:///{tmp_path / 'access.db'}"
    engine = sqlite_engine(tmp_path / "access.db")
    portfolio = Portfolio(engine)
    named = portfolio.funder("Fonds Noord", named=True)
    anonymous = portfolio.funder("Stille Stichting", named=False)
    start, end = dt.date(THIS_YEAR - 1, 1, 1), dt.date(THIS_YEAR + 2, 1, 1)
    for name, theme, sub_theme in [
        ("A", "people", "health"),
        ("B", "people", "health"),
        ("C", "people", "health"),
        ("D", "society", "work"),
    ]:
        project = portfolio.project(name, theme=theme, sub_theme=sub_theme, start=start, end=end)
        portfolio.grant(named, project, 100, awarded=start)
    for name in ("X", "Y"):
        project = portfolio.project(name, theme="environment", sub_theme="climate", start=start)
        portfolio.grant(anonymous, project, 7_777, awarded=start)
    engine.dispose()
    return url, named, anonymous


def serve(url: str, viewer: Viewer):
    app = create_app(Settings(database_url=url), viewer_for_request=lambda: viewer)
    return app, app.server.test_client()


def answer(client, body) -> dict:
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    return response.get_json()["response"]


def kpi(body: dict, key: str) -> str:
    return body[key]["children"][0]["props"]["children"]


def test_acc001_a_forged_funder_id_gives_no_anonymous_funder_s_figures(database):
    url, named, anonymous = database
    app, client = serve(url, Viewer.network())

    forged = answer(client, portfolio_request(app, **{"filter-funder": [anonymous]}))

    notice = json.dumps(forged["portfolio-error"])
    assert f"funder={anonymous}" in notice  # the page says what it left out
    everything = answer(client, portfolio_request(app))
    assert kpi(forged, "kpi-projects") == kpi(everything, "kpi-projects") == "6"
    assert "7.777" not in json.dumps(forged)  # no figure of the anonymous funder alone
    # the funder list offers the named funder only, and a link naming the other is told so
    output, outputs = callback_outputs(app, "filter-funder.options")
    body = {
        "output": output,
        "outputs": outputs,
        "inputs": [{"id": "lang-store", "property": "data", "value": "en"}],
        "state": [{"id": "filter-funder", "property": "value", "value": [anonymous]}],
        "changedPropIds": ["lang-store.data"],
    }
    funders = answer(client, body)
    assert funders["filter-funder"]["options"] == [{"label": "Fonds Noord", "value": named}]
    assert funders["filter-funder"]["value"] == []
    assert f"funder={anonymous}" in json.dumps(funders["filter-notice"])


def test_acc002_a_funder_cannot_ask_for_another_funder_s_money(database):
    url, named, anonymous = database
    app, client = serve(url, Viewer.funder(named))
    forged = answer(client, portfolio_request(app, **{"filter-funder": [anonymous]}))
    assert kpi(forged, "kpi-money") == "€\u00a0400"  # its own grants, unfiltered
    assert "7.777" not in json.dumps(forged)
    assert f"funder={anonymous}" in json.dumps(forged["portfolio-error"])


def test_acc003_a_suppressed_theme_cannot_be_worked_out_from_the_page(database):
    url, named, _ = database
    app, client = serve(url, Viewer.network())
    body = answer(client, portfolio_request(app, **{"filter-funder": [named]}))

    assert kpi(body, "kpi-projects") == "4"
    assert kpi(body, "kpi-money") == "€\u00a0400"
    text = json.dumps(body)
    # society (1 project, € 100) is hidden; so is people (€ 300), or 400 − 300 would tell
    assert "€\\u00a0300" not in text and "€\\u00a0100" not in text
    treemap = body["graph-themes"]["figure"]
    assert not treemap["data"] or "Maatschappij" not in json.dumps(treemap["data"])
    status = body["graph-status"]["figure"]
    assert "Mens" not in json.dumps(status["data"])

    admin_app, admin = serve(url, Viewer.admin())
    seen = answer(admin, portfolio_request(admin_app, **{"filter-funder": [named]}))
    assert "Maatschappij" in json.dumps(seen["graph-themes"]["figure"]["data"])
