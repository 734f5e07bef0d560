"""The Data page in a real browser: a project lead uploads a small zip of CSV files, checks
it, imports it, and sees the report and the import in the history; the console stays empty."""

from __future__ import annotations

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.by import By
from sqlalchemy import select

from dashboard.app import create_app
from dashboard.config import Settings
from data_access import accounts, importer, scope
from data_access.importer.readers import MAX_BYTES
from data_access.models import Project
from data_access.viewer import Viewer
from tests.conftest import sqlite_engine
from tests.import_files import csv_files, good, workbook, zipped
from tests.test_browser import assert_console_clean

pytestmark = pytest.mark.browser

PASSWORD = "wachtwoord-voor-de-test"


@pytest.fixture
def data_app(tmp_path):
    engine = scope.install_guard(sqlite_engine(tmp_path / "data.db"))
    report = importer.run(engine, importer.Source("good.xlsx", workbook(good())), Viewer.admin())
    assert report.status == "imported", report.problems
    with engine.connect() as conn:
        own = scope.trusted(conn).scalar(select(Project.id).where(Project.reference == "P1"))
    accounts.add_user(engine, "lead", "project", project_ids=(own,), password=PASSWORD)
    engine.dispose()
    return create_app(Settings(database_url=f"sqlite:///{tmp_path / 'data.db'}"))


def upload(driver, path) -> None:
    driver.find_element(By.CSS_SELECTOR, "#data-upload input[type=file]").send_keys(str(path))


def test_brw201_a_lead_uploads_a_csv_zip_and_sees_the_report(dash_duo, data_app, tmp_path):
    wrong = tmp_path / "ander-project.zip"
    rows = {"measurements": [["P2", "I1", "31/03/2026", "600", "", "", "", "Telling", ""]]}
    wrong.write_bytes(zipped(csv_files(rows)))
    right = tmp_path / "lente.zip"
    rows = {
        "measurements": [["P1", "I1", "31/03/2026", "80", "", "", "", "Lijst", ""]],
        "stories": [["P1", "31/03/2026", "Lente", "Een nieuw verhaal.", "An"]],
    }
    right.write_bytes(zipped(csv_files(rows)))

    dash_duo.start_server(data_app, navigate=False)
    driver, base = dash_duo.driver, dash_duo.server.url
    driver.get(base + "/data?lang=en")
    until(lambda: "/login" in driver.current_url, timeout=10)
    driver.find_element(By.ID, "username").send_keys("lead")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    dash_duo.wait_for_contains_text("#data-history", "No imports yet", timeout=15)

    # Above the importer's limit the browser sends nothing; the page says why.
    huge = tmp_path / "groot.xlsx"
    with huge.open("wb") as file:
        file.truncate(MAX_BYTES + 1)
    upload(driver, huge)
    until(lambda: dash_duo.find_element(".data-too-large").is_displayed(), timeout=10)
    assert "too large: 50 MB at most" in dash_duo.find_element(".data-too-large").text
    assert dash_duo.find_element("#data-file-name").text == "No file chosen yet."

    upload(driver, wrong)
    dash_duo.wait_for_contains_text("#data-file-name", "ander-project.zip", timeout=10)
    assert not dash_duo.find_element(".data-too-large").is_displayed()
    dash_duo.find_element("#data-import").click()
    dash_duo.wait_for_contains_text("#data-report", "Refused: ander-project.zip", timeout=15)
    report = dash_duo.find_element("#data-report table").text
    assert "metingen.csv" in report and "not a project you may add data to" in report
    dash_duo.wait_for_contains_text("#data-history", "refused", timeout=10)

    upload(driver, right)
    dash_duo.wait_for_contains_text("#data-file-name", "lente.zip", timeout=10)
    until(lambda: dash_duo.find_element("#data-report").text == "", timeout=10)
    dash_duo.find_element("#data-check").click()
    dash_duo.wait_for_contains_text("#data-report", "Dry run: lente.zip", timeout=15)
    dash_duo.find_element("#data-import").click()
    dash_duo.wait_for_contains_text("#data-report", "Imported: lente.zip", timeout=15)
    counts = dash_duo.find_element("#data-report table").text
    assert "measurements 1 0 0" in counts and "stories 1 0 0" in counts
    dash_duo.wait_for_contains_text("#data-history", "lente.zip", timeout=10)
    assert "good.xlsx" not in dash_duo.find_element("#data-history").text  # not the lead's
    assert_console_clean(dash_duo)
