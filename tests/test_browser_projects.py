"""Real-browser tests (headless Chromium): the tiles and a project's page, as a board member
and on a phone."""

from __future__ import annotations

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from dashboard.app import create_app
from dashboard.config import Settings
from data_access.viewer import Viewer
from tests.test_browser import assert_console_clean

pytestmark = pytest.mark.browser


@pytest.fixture
def projects_app(demo_database):
    return create_app(Settings(database_url=demo_database), viewer_for_request=Viewer.admin)


def count_text(dash_duo) -> str:
    return dash_duo.driver.execute_script(
        "const el = document.getElementById('projects-count'); return el ? el.textContent : '';"
    )


def tile_names(dash_duo) -> list[str]:
    return dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('#projects-grid .tile-name')]"
        ".map(el => el.textContent);"
    )


def click(dash_duo, element) -> None:
    # Bootstrap scrolls smoothly; the click must wait for nothing.
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element
    )
    element.click()


@pytest.mark.parametrize("size", [(1600, 1000), (1280, 720), (390, 844)])
def test_brp001_search_page_and_open_a_tile(dash_duo, projects_app, size):
    dash_duo.start_server(projects_app, navigate=False)
    driver = dash_duo.driver
    driver.set_window_size(*size)
    driver.get(dash_duo.server.url + "/projects?lang=nl")
    until(lambda: count_text(dash_duo).startswith("Projecten 1–24 van"), timeout=15)
    first_page = tile_names(dash_duo)
    assert len(first_page) == 24

    # The next page: other tiles.
    click(dash_duo, dash_duo.find_element("#projects-pager .page-item:last-child .page-link"))
    until(lambda: count_text(dash_duo).startswith("Projecten 25–48"), timeout=10)
    assert not set(tile_names(dash_duo)) & set(first_page)

    # A search starts again at the first page and finds the name.
    wanted = first_page[3]
    search = dash_duo.find_element("#projects-search")
    search.send_keys(wanted)
    until(
        lambda: wanted in tile_names(dash_duo) and count_text(dash_duo).startswith("Projecten 1–"),
        timeout=10,
    )
    assert all(wanted.lower() in name.lower() for name in tile_names(dash_duo))

    layout = driver.execute_script(
        """
        const tiles = [...document.querySelectorAll('#projects-grid .project-tile')];
        const lefts = new Set(tiles.map(tile => Math.round(tile.getBoundingClientRect().left)));
        return {overflow: document.documentElement.scrollWidth - window.innerWidth,
                columns: lefts.size};
        """
    )
    assert layout["overflow"] <= 0
    if size[0] == 390 and len(tile_names(dash_duo)) > 1:
        assert layout["columns"] == 1  # one column on a phone

    # Clicking the tile (anywhere on it) opens its project page.
    tile = next(
        element
        for element in dash_duo.find_elements("#projects-grid .project-tile")
        if element.find_element(By.CSS_SELECTOR, ".tile-name").text == wanted
    )
    # A click on the tile's text lands on its link, which covers the whole tile.
    organisation = tile.find_element(By.CSS_SELECTOR, ".tile-org")
    driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", organisation
    )
    ActionChains(driver).move_to_element(organisation).click().perform()
    dash_duo.wait_for_text_to_equal("#project-header h1", wanted, timeout=15)
    assert "/projects/" in driver.current_url and "lang=nl" in driver.current_url
    dash_duo.wait_for_element("#project-table .ag-row", timeout=15)
    dash_duo.wait_for_element("#project-charts .indicator-card", timeout=15)
    assert len(dash_duo.find_elements("#project-table .ag-row")) == len(
        dash_duo.find_elements("#project-charts .indicator-card")
    )
    overflow = driver.execute_script(
        "return document.documentElement.scrollWidth - window.innerWidth"
    )
    assert overflow <= 0
    assert_console_clean(dash_duo)


def test_brp002_the_indicator_table_sorts_by_a_column(dash_duo, projects_app):
    dash_duo.start_server(projects_app, navigate=False)
    dash_duo.driver.get(dash_duo.server.url + "/projects/1?lang=en")
    dash_duo.wait_for_element("#project-table .ag-row", timeout=15)

    def column(field: str) -> list[str]:
        return dash_duo.driver.execute_script(
            "return [...document.querySelectorAll("
            f"'#project-table .ag-center-cols-container .ag-row')]"
            ".sort((a, b) => a.getAttribute('row-index') - b.getAttribute('row-index'))"
            f".map(row => row.querySelector('[col-id=\"{field}\"]').textContent);"
        )

    click(dash_duo, dash_duo.find_element("#project-table .ag-header-cell[col-id='name']"))
    until(lambda: column("name") == sorted(column("name"), key=str.lower), timeout=10)
    assert_console_clean(dash_duo)


def test_brp003_an_unknown_project_gets_the_not_found_page(dash_duo, projects_app):
    dash_duo.start_server(projects_app, navigate=False)
    dash_duo.driver.get(dash_duo.server.url + "/projects/999999?lang=en")
    dash_duo.wait_for_text_to_equal(".page-title", "This page does not exist.", timeout=15)
    assert_console_clean(dash_duo)
