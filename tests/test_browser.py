"""Real-browser tests (headless Chromium): the Portfolio page as a board member uses it."""

from __future__ import annotations

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.by import By

from dashboard.app import create_app
from dashboard.config import Settings
from data_access.viewer import Viewer

pytestmark = pytest.mark.browser


@pytest.fixture
def portfolio_app(demo_database):
    return create_app(Settings(database_url=demo_database), viewer_for_request=Viewer.admin)


def kpi_value(dash_duo, component_id: str) -> str:
    """The key figure's text, read in one step (the element is replaced on every update)."""
    return dash_duo.driver.execute_script(
        "const el = document.querySelector(arguments[0]); return el ? el.textContent : '';",
        f"#{component_id} .kpi-value",
    )


def wait_for_url(dash_duo, part: str, present: bool = True) -> None:
    until(lambda: (part in dash_duo.driver.current_url) == present, timeout=10)


def assert_console_clean(dash_duo) -> None:
    assert dash_duo.get_logs() == []


def test_brw001_portfolio_shows_figures_and_charts(dash_duo, portfolio_app):
    dash_duo.start_server(portfolio_app)
    dash_duo.wait_for_element("#kpi-projects .kpi-value", timeout=15)
    dash_duo.wait_for_element("#graph-themes .treemap", timeout=15)
    dash_duo.wait_for_element("#graph-status .barlayer", timeout=15)
    dash_duo.wait_for_element("#graph-timeline .scatterlayer", timeout=15)
    assert int(kpi_value(dash_duo, "kpi-projects").replace(".", "")) > 40
    assert kpi_value(dash_duo, "kpi-money").startswith("€")
    assert dash_duo.find_element(".page-title").text == "Portefeuille"
    assert_console_clean(dash_duo)


def test_brw002_changing_a_filter_updates_charts_and_url(dash_duo, portfolio_app):
    dash_duo.start_server(portfolio_app)
    dash_duo.wait_for_element("#graph-themes .treemap", timeout=15)
    all_projects = kpi_value(dash_duo, "kpi-projects")

    dash_duo.select_dcc_dropdown("#filter-theme", value="Milieu")

    wait_for_url(dash_duo, "theme=environment")
    until(lambda: kpi_value(dash_duo, "kpi-projects") not in ("", all_projects), timeout=10)
    labels = dash_duo.driver.execute_script(
        "return document.getElementById('graph-themes')"
        ".querySelector('.js-plotly-plot').data[0].labels"
    )
    assert labels[0] == "Milieu"
    assert "Mens" not in labels
    assert_console_clean(dash_duo)


def test_brw003_a_copied_link_reproduces_the_view(dash_duo, portfolio_app):
    dash_duo.start_server(portfolio_app)
    dash_duo.wait_for_element("#kpi-projects .kpi-value", timeout=15)
    dash_duo.driver.get(dash_duo.server_url + "/?theme=people&region=brussel,antwerpen&lang=en")
    dash_duo.wait_for_text_to_equal(".page-title", "Portfolio", timeout=15)
    dash_duo.wait_for_element("#graph-themes .main-svg", timeout=15)
    dash_duo.wait_for_contains_text("#filter-theme", "People", timeout=10)
    dash_duo.wait_for_contains_text("#filter-region", "Brussels", timeout=10)
    assert "theme=people" in dash_duo.driver.current_url
    nav = dash_duo.find_element("#navbar-links a")
    assert "theme=people" in nav.get_attribute("href")
    assert_console_clean(dash_duo)


def test_brw004_language_switch_keeps_the_filters(dash_duo, portfolio_app):
    dash_duo.start_server(portfolio_app)
    dash_duo.driver.get(dash_duo.server_url + "/?theme=society")
    dash_duo.wait_for_text_to_equal(".page-title", "Portefeuille", timeout=15)
    english = dash_duo.driver.find_element(By.LINK_TEXT, "EN")
    english.click()
    dash_duo.wait_for_text_to_equal(".page-title", "Portfolio", timeout=10)
    dash_duo.wait_for_contains_text("#filter-theme", "Society", timeout=10)
    wait_for_url(dash_duo, "lang=en")
    assert_console_clean(dash_duo)


def test_brw005_clearing_filters_shows_everything_again(dash_duo, portfolio_app):
    dash_duo.start_server(portfolio_app)
    dash_duo.driver.get(dash_duo.server_url + "/?region=limburg")
    dash_duo.wait_for_element("#kpi-projects .kpi-value", timeout=15)
    limburg = kpi_value(dash_duo, "kpi-projects")
    dash_duo.find_element("#filter-reset").click()
    until(lambda: kpi_value(dash_duo, "kpi-projects") != limburg, timeout=10)
    wait_for_url(dash_duo, "region=", present=False)
    assert_console_clean(dash_duo)


@pytest.mark.parametrize("size", [(1600, 1000), (1280, 720)])
def test_brw006_nothing_spills_over_at_projector_and_laptop_size(dash_duo, portfolio_app, size):
    dash_duo.start_server(portfolio_app)
    dash_duo.driver.set_window_size(*size)
    dash_duo.wait_for_element("#graph-themes .treemap", timeout=15)
    dash_duo.wait_for_element("#graph-timeline .scatterlayer", timeout=15)
    overflow = dash_duo.driver.execute_script(
        """
        const page = document.documentElement.scrollWidth - window.innerWidth;
        const clipped = [...document.querySelectorAll('.kpi-value, .filter-label, .nav-link')]
            .filter(el => el.scrollWidth > el.clientWidth + 1).map(el => el.textContent);
        return {page, clipped};
        """
    )
    assert overflow["page"] <= 0
    assert overflow["clipped"] == []
    assert_console_clean(dash_duo)


def test_brw007_a_link_with_unknown_values_says_what_was_left_out(dash_duo, portfolio_app):
    dash_duo.start_server(portfolio_app)
    dash_duo.driver.get(dash_duo.server_url + "/?funder=999&theme=sport&lang=en")
    dash_duo.wait_for_contains_text("#filter-notice", "funder=999", timeout=15)
    warnings = [alert.text for alert in dash_duo.find_elements(".alert-warning")]
    assert "Not used from the link: theme=sport (unknown value)." in warnings
    wait_for_url(dash_duo, "funder=", present=False)
    assert int(kpi_value(dash_duo, "kpi-projects").replace(".", "")) > 40
    assert_console_clean(dash_duo)


def test_brw008_clicking_a_sub_theme_tile_filters_the_page(dash_duo, portfolio_app):
    dash_duo.start_server(portfolio_app)
    dash_duo.wait_for_element("#graph-themes .treemap", timeout=15)
    all_projects = kpi_value(dash_duo, "kpi-projects")
    tile = next(
        slice_
        for slice_ in dash_duo.find_elements("#graph-themes g.slice")
        if slice_.text.startswith("Klimaat")
    )
    tile.find_element(By.CSS_SELECTOR, "path.surface").click()
    wait_for_url(dash_duo, "subtheme=climate")
    assert "theme=environment" in dash_duo.driver.current_url
    dash_duo.wait_for_contains_text("#filter-sub-theme", "Klimaat", timeout=10)
    until(lambda: kpi_value(dash_duo, "kpi-projects") not in ("", all_projects), timeout=10)
    assert_console_clean(dash_duo)


def test_brw009_on_a_phone_the_menu_folds_behind_one_button(dash_duo, portfolio_app):
    dash_duo.start_server(portfolio_app)
    dash_duo.driver.set_window_size(390, 844)
    dash_duo.wait_for_element("#kpi-projects .kpi-value", timeout=15)
    toggler = dash_duo.find_element("#navbar-toggler")
    first_link = dash_duo.find_element("#navbar-links a")
    assert toggler.is_displayed() and not first_link.is_displayed()
    # The three bars of the menu icon are drawn dark on the white bar, not white on white.
    icon = dash_duo.driver.execute_script(
        "return getComputedStyle(document.querySelector('#navbar-toggler span')).backgroundImage"
    )
    assert "255, 255, 255" not in icon
    # The page begins on the first screen, not below a stack of links and filters.
    top = dash_duo.driver.execute_script(
        "return document.querySelector('#kpi-projects').getBoundingClientRect().top"
    )
    assert top < 844
    toggler.click()
    until(lambda: dash_duo.find_element("#navbar-links a").is_displayed(), timeout=5)
    dash_duo.driver.find_element(By.LINK_TEXT, "Projecten").click()
    dash_duo.wait_for_text_to_equal(".page-title", "Projecten", timeout=15)
    until(lambda: not dash_duo.find_element("#navbar-links a").is_displayed(), timeout=5)
    assert_console_clean(dash_duo)
