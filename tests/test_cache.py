"""The views' cache: hits skip the database, entries follow the viewer's scope and the data
version, Redis is shared by workers, and a Redis outage only makes answers uncached."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from sqlalchemy import event

from dashboard.app import create_app
from dashboard.config import Settings
from data_access import rollups
from data_access.viewer import Viewer
from tests.conftest import REDIS_URL, require_redis, sqlite_engine
from tests.factory import Portfolio
from tests.test_app import portfolio_request

THIS_YEAR = dt.date.today().year


@pytest.fixture
def url(tmp_path):
    engine = sqlite_engine(tmp_path / "cache.db")
    portfolio = Portfolio(engine)
    fund = portfolio.funder("Fonds Noord")
    start = dt.date(THIS_YEAR - 1, 1, 1)
    for name in ("A", "B", "C", "D"):
        project = portfolio.project(name, start=start, visibility="network")
        portfolio.grant(fund, project, 1_000, awarded=start)
    private = portfolio.project("E", start=start, visibility="private")
    portfolio.grant(fund, private, 5_000, awarded=start)
    engine.dispose()
    return f"sqlite:///{tmp_path / 'cache.db'}"


def serve(url, viewer=Viewer.admin, **settings):
    app = create_app(Settings(database_url=url, **settings), viewer_for_request=viewer)
    return app, app.server.test_client()


def money(app, client) -> str:
    body = client.post("/_dash-update-component", json=portfolio_request(app)).get_json()
    return body["response"]["kpi-money"]["children"][0]["props"]["children"]


def count_statements(app) -> list[str]:
    seen: list[str] = []
    engine = app.server.extensions["filantrimpact"]["engine"]

    def record(_conn, _cursor, statement, *args):
        if statement != "BEGIN":
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    return seen


def test_cch001_a_repeated_question_is_answered_from_the_cache(url):
    app, client = serve(url)
    first = money(app, client)
    statements = count_statements(app)
    assert money(app, client) == first == "€\u00a09.000"
    assert len(statements) == 1 and "data_version" in statements[0]  # the version, nothing else


def test_cch002_viewers_of_different_scopes_never_share_an_entry(url):
    admin_app, admin = serve(url)
    cache = admin_app.server.extensions["filantrimpact"]["cache"]
    network_app, network = serve(url, viewer=Viewer.network)
    network_app.server.extensions["filantrimpact"]["cache"] = cache
    assert money(admin_app, admin) == "€\u00a09.000"
    # the same cache object, the same inputs, another scope: computed anew, not the admin's
    key = cache._key("portfolio", Viewer.admin(), ("x",), 1)
    assert key != cache._key("portfolio", Viewer.network(), ("x",), 1)
    assert money(network_app, network) == "€\u00a04.000"  # shared projects only


def test_cch003_a_change_to_the_data_is_seen_at_once(url, tmp_path):
    app, client = serve(url)
    assert money(app, client) == "€\u00a09.000"
    engine = sqlite_engine(tmp_path / "cache.db")
    with engine.begin() as conn:
        (project,) = conn.exec_driver_sql("SELECT id FROM project WHERE name = 'A'").one()
        conn.exec_driver_sql(f'UPDATE "grant" SET amount_eur = 2000 WHERE project_id = {project}')
        rollups.refresh(conn, [project])  # what every writer does in its transaction
    engine.dispose()
    assert money(app, client) == "€\u00a010.000"


@pytest.mark.redis
def test_cch004_workers_share_the_cache_through_redis(url):
    require_redis()
    first_app, first = serve(url, cache_url=REDIS_URL)
    second_app, second = serve(url, cache_url=REDIS_URL)
    assert money(first_app, first) == "€\u00a09.000"
    statements = count_statements(second_app)
    assert money(second_app, second) == "€\u00a09.000"
    assert len(statements) == 1  # only the data version: the answer came from Redis


def test_cch005_with_redis_down_the_app_answers_uncached_and_says_so_once(url, caplog):
    caplog.set_level(logging.WARNING, logger="dashboard.cache")
    app, client = serve(url, cache_url="redis://127.0.0.1:1/0")
    for _ in range(3):
        assert money(app, client) == "€\u00a09.000"
    warnings = [r for r in caplog.records if "cache unavailable" in r.getMessage()]
    assert len(warnings) == 1


def test_cch006_a_project_page_is_cached_per_scope_and_a_save_shows_at_once(url):
    from tests.test_projects import project_request

    app, client = serve(url)

    def header() -> str:
        body = client.post("/_dash-update-component", json=project_request(app, "1"))
        return body.get_data(as_text=True)

    first = header()
    statements = count_statements(app)
    assert header() == first
    assert len(statements) == 1 and "data_version" in statements[0]  # the version, nothing else
    engine = app.server.extensions["filantrimpact"]["engine"]
    with engine.begin() as conn:
        rollups.bump_version(conn)  # as a save on the page does
    statements.clear()
    header()
    assert len(statements) > 1  # read again
    # A project lead of another project gets the not-found answer, not the admin's entry.
    lead_app, lead_client = serve(url, viewer=lambda: Viewer.project(2))
    body = lead_client.post("/_dash-update-component", json=project_request(lead_app, "1"))
    assert "Deze pagina bestaat niet." in body.get_data(as_text=True)
