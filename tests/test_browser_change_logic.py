"""Real-browser tests (headless Chromium): the Change-logic page as a board member uses it —
per-stage charts, choosing a project, clicking a step of its diagram and reading its
details, at projector, laptop and phone size, with an empty console."""

from __future__ import annotations

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.actions.action_builder import ActionBuilder

from dashboard.app import create_app
from dashboard.config import Settings
from data_access.viewer import Viewer

pytestmark = pytest.mark.browser

# The cytoscape instance lives on its container element (cytoscape.js keeps it there).
NODE_POINT = """
const host = [...document.querySelectorAll('.cl-diagram-canvas, .cl-diagram-canvas *')]
    .find(el => el._cyreg && el._cyreg.cy);
if (!host) return null;
const cy = host._cyreg.cy;
const node = cy.nodes('.step').filter(n => n.data('id') === arguments[0])[0]
    || cy.nodes('.step')[0];
const box = host.getBoundingClientRect();
const at = node.renderedPosition();
return {id: node.data('id'), x: Math.round(box.left + at.x), y: Math.round(box.top + at.y)};
"""


@pytest.fixture
def change_logic_app(demo_database):
    return create_app(Settings(database_url=demo_database), viewer_for_request=Viewer.admin)


def assert_console_clean(dash_duo) -> None:
    logs = dash_duo.get_logs()
    assert logs == [], [entry["message"][:400] for entry in logs]


def scroll_to(dash_duo, selector: str) -> None:
    dash_duo.driver.execute_script(
        "document.querySelector(arguments[0])"
        ".scrollIntoView({block: 'center', behavior: 'instant'})",
        selector,
    )


def project_name(dash_duo) -> str:
    """The name the picker shows once it took over the project from the link."""
    until(lambda: dash_duo.find_element("#cl-project").text.strip() != "", timeout=10)
    return dash_duo.find_element("#cl-project").text.strip().split("\n")[0]


def open_project(dash_duo, project: str = "") -> None:
    dash_duo.driver.get(
        dash_duo.server_url + "/change-logic" + (f"?project={project}" if project else "")
    )
    dash_duo.wait_for_text_to_equal(".page-title", "Veranderingslogica", timeout=15)


def test_brcl001_stage_charts_and_weakest_links(dash_duo, change_logic_app):
    dash_duo.start_server(change_logic_app)
    open_project(dash_duo)
    dash_duo.wait_for_element("#cl-graph-stages .barlayer", timeout=15)
    dash_duo.wait_for_element("#cl-graph-status .barlayer", timeout=15)
    dash_duo.wait_for_element("#cl-graph-evidence .barlayer", timeout=15)
    dash_duo.wait_for_element(".cl-weak-item a.cl-weak-project", timeout=15)
    dash_duo.wait_for_contains_text("#cl-project-logic", "Kies hierboven een project", timeout=10)
    assert_console_clean(dash_duo)


def test_brcl002_choose_a_project_click_a_step_see_its_details(dash_duo, change_logic_app):
    dash_duo.start_server(change_logic_app)
    open_project(dash_duo)
    dash_duo.wait_for_element(".cl-weak-item a.cl-weak-project", timeout=15)
    # The options come from the server (the first projects by name).
    scroll_to(dash_duo, "#cl-project")
    dash_duo.find_element("#cl-project").click()
    option = dash_duo.wait_for_element(".dash-dropdown-options .dash-dropdown-option", timeout=10)
    name = option.text
    dash_duo.driver.execute_script("arguments[0].click()", option)
    dash_duo.wait_for_text_to_equal(".cl-project-name", name, timeout=15)
    until(lambda: "project=" in dash_duo.driver.current_url, timeout=10)

    until(lambda: dash_duo.driver.execute_script(NODE_POINT, "") is not None, timeout=15)
    scroll_to(dash_duo, ".cl-diagram-canvas")
    point = dash_duo.driver.execute_script(NODE_POINT, "")
    point = dash_duo.driver.execute_script(NODE_POINT, "")
    click = ActionBuilder(dash_duo.driver)
    click.pointer_action.move_to_location(point["x"], point["y"]).click()
    click.perform()
    dash_duo.wait_for_element(f".cl-details-body[data-element='{point['id']}']", timeout=10)
    details = dash_duo.find_element(".cl-details-body").text
    assert "Indicatoren" in details and "Bronnen" in details

    # Switching the language keeps the chosen project.
    chosen = dash_duo.driver.current_url.split("project=")[1].split("&")[0]
    english = '#language-links a[href*="lang=en"]'
    until(lambda: f"project={chosen}" in dash_duo.find_element(english).get_attribute("href"), 10)
    dash_duo.driver.execute_script("arguments[0].click()", dash_duo.find_element(english))
    dash_duo.wait_for_text_to_equal(".page-title", "Change logic", timeout=15)
    dash_duo.wait_for_text_to_equal(".cl-project-name", name, timeout=15)
    assert f"project={chosen}" in dash_duo.driver.current_url
    assert_console_clean(dash_duo)


@pytest.mark.parametrize("size", [(1600, 1000), (1280, 720), (390, 844)])
def test_brcl003_a_linked_project_fits_every_screen(dash_duo, change_logic_app, size):
    dash_duo.start_server(change_logic_app)
    dash_duo.driver.set_window_size(*size)
    open_project(dash_duo, "1")
    dash_duo.wait_for_element(".cl-diagram-canvas canvas", timeout=15)
    dash_duo.wait_for_element("#cl-graph-stages .barlayer", timeout=15)
    page_overflow = dash_duo.driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert page_overflow <= 0
    dash_duo.wait_for_text_to_equal(".cl-project-name", project_name(dash_duo), timeout=10)
    until(lambda: "project=1" in dash_duo.driver.current_url, timeout=10)
    assert_console_clean(dash_duo)


def test_brcl004_an_unknown_project_says_so_without_an_error(dash_duo, change_logic_app):
    dash_duo.start_server(change_logic_app)
    open_project(dash_duo, "99999999")
    dash_duo.wait_for_contains_text("#cl-project-logic", "niet gevonden", timeout=15)
    assert_console_clean(dash_duo)
