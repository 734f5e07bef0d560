"""A project lead in a real browser: logs in, sees only their own project, and text typed
by people (names, stories) appears as text, never as markup or script."""

from __future__ import annotations

import datetime as dt

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.by import By
from sqlalchemy import text

from dashboard.app import create_app
from dashboard.config import Settings
from data_access import accounts
from tests.conftest import sqlite_engine
from tests.factory import Portfolio
from tests.test_browser import assert_console_clean, kpi_value

pytestmark = pytest.mark.browser

PAYLOAD_NAME = '<img src=x onerror="window.hacked=1">Buurtkeuken'
PAYLOAD_STORY = "<script>window.hacked=2</script><b>vet</b>"
PASSWORD = "wachtwoord-voor-de-test"


@pytest.fixture
def lead_app(tmp_path):
    engine = sqlite_engine(tmp_path / "lead.db")
    portfolio = Portfolio(engine)
    this_year = dt.date.today().year
    start, end = dt.date(this_year - 1, 1, 1), dt.date(this_year + 2, 1, 1)
    north = portfolio.funder("Fonds Noord")
    own = portfolio.project(PAYLOAD_NAME, start=start, end=end)
    portfolio.grant(north, own, 12_000, awarded=start)
    for name in ("Taalcafé", "Repair Café"):
        portfolio.grant(north, portfolio.project(name, start=start, end=end), 50_000, awarded=start)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO story (project_id, period_end, title, text, author) "
                "VALUES (:p, :d, :t, :t, 'lead')"
            ),
            {"p": own, "d": dt.date(this_year - 1, 12, 31), "t": PAYLOAD_STORY},
        )
    accounts.add_user(engine, "lead", "project", project_ids=(own,), password=PASSWORD)
    engine.dispose()
    return create_app(Settings(database_url=f"sqlite:///{tmp_path / 'lead.db'}"))


def test_brw101_a_project_lead_logs_in_and_sees_only_their_project(dash_duo, lead_app):
    dash_duo.start_server(lead_app, navigate=False)
    driver, base = dash_duo.driver, dash_duo.server.url
    driver.get(base + "/")
    until(lambda: "/login" in driver.current_url, timeout=10)
    driver.find_element(By.ID, "username").send_keys("lead")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()

    dash_duo.wait_for_element("#kpi-projects .kpi-value", timeout=15)
    until(lambda: kpi_value(dash_duo, "kpi-projects") == "1", timeout=10)
    assert kpi_value(dash_duo, "kpi-money") == "€\u00a012.000"
    dash_duo.wait_for_contains_text("#account-menu", "projectleider", timeout=10)

    # The retired "My projects" address leads to the lead's tiles; the tile to the project.
    driver.get(base + "/my-projects")
    dash_duo.wait_for_contains_text("#projects-grid", "Buurtkeuken", timeout=15)
    assert "/projects" in driver.current_url
    assert PAYLOAD_NAME in dash_duo.find_element("#projects-grid .tile-name").text  # as typed
    assert "window.hacked=2" in dash_duo.find_element("#projects-grid .tile-story").text
    dash_duo.find_element("#projects-grid .tile-name a").click()
    dash_duo.wait_for_contains_text("#project-header", "Buurtkeuken", timeout=15)
    assert PAYLOAD_NAME in dash_duo.find_element("#project-header h1").text
    dash_duo.wait_for_contains_text("#project-stories", "window.hacked=2", timeout=15)
    assert "<b>vet</b>" in dash_duo.find_element("#project-stories").text
    dash_duo.wait_for_element("#my-indicator", timeout=10)  # the lead's form is here now
    assert driver.execute_script("return window.hacked === undefined")
    assert not driver.find_elements(
        By.CSS_SELECTOR,
        "#project-stories b, #project-header img, #projects-grid img:not(.tile-spark)",
    )
    assert "Taalcafé" not in driver.page_source
    assert_console_clean(dash_duo)
