"""Real-browser tests (headless Chromium): a board compares two funders and opens the
projects two funders share."""

from __future__ import annotations

import pytest
from dash.testing.wait import until

from dashboard.app import create_app
from dashboard.config import Settings
from data_access.viewer import Viewer
from tests.test_browser import assert_console_clean, wait_for_url

pytestmark = pytest.mark.browser


@pytest.fixture
def funders_app(demo_database):
    return create_app(Settings(database_url=demo_database), viewer_for_request=Viewer.admin)


def bar_names(dash_duo, graph_id: str) -> list[str]:
    return dash_duo.driver.execute_script(
        "const plot = document.querySelector(arguments[0] + ' .js-plotly-plot');"
        "return plot && plot.data && plot.data.length ? plot.data[0].y : [];",
        f"#{graph_id}",
    )


def test_brf001_comparing_two_funders(dash_duo, funders_app):
    dash_duo.start_server(funders_app)
    dash_duo.driver.get(dash_duo.server_url + "/funders")
    dash_duo.wait_for_element("#funders-money .barlayer", timeout=20)
    until(lambda: len(bar_names(dash_duo, "funders-money")) == 8, timeout=15)
    everyone = bar_names(dash_duo, "funders-money")

    dash_duo.select_dcc_dropdown("#funders-pick", value=everyone[0])
    until(lambda: bar_names(dash_duo, "funders-money") == everyone[:1], timeout=15)
    dash_duo.find_element(".page-title").click()  # closes the menu
    dash_duo.select_dcc_dropdown("#funders-pick", value=everyone[1])

    until(lambda: bar_names(dash_duo, "funders-money") == everyone[:2], timeout=15)
    until(lambda: len(bar_names(dash_duo, "funders-themes")) == 2, timeout=15)
    wait_for_url(dash_duo, "compare=")
    assert dash_duo.find_element("#funders-subtitle").text.endswith("2 financiers gekozen.")
    assert "aandeel in het geld" in dash_duo.find_element(".rules-card").text
    assert_console_clean(dash_duo)


def test_brf002_a_co_funding_cell_opens_the_shared_projects(dash_duo, funders_app):
    dash_duo.start_server(funders_app)
    dash_duo.driver.get(dash_duo.server_url + "/funders?lang=en")
    dash_duo.wait_for_element("#funders-pairs .pair-link", timeout=20)
    cell = dash_duo.find_elements("#funders-pairs .pair-link")[0]
    shared = int(cell.find_element("css selector", ".pair-count").text)
    # A click as the browser dispatches it (the charts above still settle while it scrolls).
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", cell)
    dash_duo.driver.execute_script("arguments[0].click()", cell)
    wait_for_url(dash_duo, "pair=")
    dash_duo.wait_for_contains_text("#funders-pair", "Projects of", timeout=15)
    until(lambda: len(dash_duo.find_elements("#funders-pair .pair-list a")) == shared, timeout=15)
    link = dash_duo.find_elements("#funders-pair .pair-list a")[0]
    assert "/projects/" in link.get_attribute("href")
    assert_console_clean(dash_duo)
