"""Real-browser tests (headless Chromium): the network's page, and presentation mode stepped
through with the keys a presenter remote sends."""

from __future__ import annotations

import datetime as dt

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from dashboard.app import create_app
from dashboard.config import Settings
from data_access.viewer import Viewer
from tests.test_browser import assert_console_clean, wait_for_url

pytestmark = pytest.mark.browser


@pytest.fixture
def network_app(demo_database):
    return create_app(Settings(database_url=demo_database), viewer_for_request=Viewer.network)


def counter(dash_duo) -> str:
    return dash_duo.driver.execute_script(
        "const el = document.getElementById('present-counter'); return el ? el.textContent : '';"
    )


def shown_slide(dash_duo) -> str:
    """The slide whose left edge is on screen."""
    return dash_duo.driver.execute_script(
        "const s = [...document.querySelectorAll('.slide')]"
        ".find(el => Math.abs(el.getBoundingClientRect().left) < 2);"
        "return s ? s.dataset.slide : '';"
    )


def press(dash_duo, key) -> None:
    ActionChains(dash_duo.driver).send_keys(key).perform()


def test_brn001_the_network_page_shows_shared_progress(dash_duo, network_app):
    dash_duo.start_server(network_app)
    dash_duo.driver.get(dash_duo.server_url + "/network")
    dash_duo.wait_for_element("#network-headline .big-number", timeout=20)
    dash_duo.wait_for_element("#network-stages .stage-column", timeout=10)
    dash_duo.wait_for_element("#network-stories .story", timeout=10)
    dash_duo.wait_for_element("#network-since .since-tile", timeout=20)
    assert "financiers steunen samen" in dash_duo.find_element("#network-funders").text
    assert_console_clean(dash_duo)


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_brn002_presenting_with_the_keyboard_and_leaving(dash_duo, network_app, size):
    dash_duo.start_server(network_app)
    dash_duo.driver.set_window_size(*size)
    dash_duo.driver.get(dash_duo.server_url + "/network")
    link = dash_duo.wait_for_element("#network-present-link", timeout=20)
    until(lambda: "slides=" in (link.get_attribute("href") or ""), timeout=10)
    link.click()
    wait_for_url(dash_duo, "/network/present")
    dash_duo.wait_for_element(".slide-since .since-tile", timeout=20)
    names = ["headline", "themes", "logic", "funders", "stories", "since"]
    until(lambda: counter(dash_duo) == "1 / 6", timeout=10)
    assert shown_slide(dash_duo) == "headline"

    # What a presenter remote sends: right arrow, page down, space.
    for number, key in enumerate(
        [Keys.ARROW_RIGHT, Keys.PAGE_DOWN, Keys.SPACE, Keys.ARROW_RIGHT, Keys.PAGE_DOWN], start=2
    ):
        press(dash_duo, key)
        until(lambda n=number: counter(dash_duo) == f"{n} / 6", timeout=5)
        until(lambda n=number: shown_slide(dash_duo) == names[n - 1], timeout=5)
    press(dash_duo, Keys.ARROW_RIGHT)  # the last slide stays
    until(lambda: counter(dash_duo) == "6 / 6", timeout=5)
    press(dash_duo, Keys.PAGE_UP)
    until(lambda: counter(dash_duo) == "5 / 6", timeout=5)
    press(dash_duo, Keys.ARROW_LEFT)
    until(lambda: shown_slide(dash_duo) == "funders", timeout=5)

    overflow = dash_duo.driver.execute_script(
        """
        const slide = [...document.querySelectorAll('.slide')]
            .find(el => Math.abs(el.getBoundingClientRect().left) < 2);
        const clipped = [...slide.querySelectorAll('*')].filter(el => {
            const r = el.getBoundingClientRect();
            const w = window.innerWidth + 1, h = window.innerHeight + 1;
            return r.width && (r.right > w || r.bottom > h);
        }).length;
        return {clipped, navbar: !!document.querySelector('.app-navbar').offsetParent};
        """
    )
    assert overflow == {"clipped": 0, "navbar": False}

    dash_duo.find_element("#present-fullscreen").click()  # refused headless: quietly
    press(dash_duo, Keys.ESCAPE)
    until(lambda: "/network/present" not in dash_duo.driver.current_url, timeout=10)
    dash_duo.wait_for_element("#network-headline .big-number", timeout=20)
    assert_console_clean(dash_duo)


def test_brn003_a_prepared_link_with_a_timer_advances_by_itself(dash_duo, network_app):
    dash_duo.start_server(network_app)
    dash_duo.driver.get(dash_duo.server_url + "/network/present?slides=stories,headline&timer=5")
    dash_duo.wait_for_element(".slide-stories", timeout=20)
    until(lambda: counter(dash_duo) == "1 / 2", timeout=10)
    assert shown_slide(dash_duo) == "stories"
    until(lambda: counter(dash_duo) == "2 / 2", timeout=12)
    until(lambda: shown_slide(dash_duo) == "headline", timeout=5)
    assert "slides=stories,headline" in dash_duo.driver.current_url
    assert "timer=5" in dash_duo.driver.current_url
    assert_console_clean(dash_duo)


def test_brn004_the_since_date_stays_in_the_portfolio_s_link(dash_duo, demo_database):
    app = create_app(Settings(database_url=demo_database), viewer_for_request=Viewer.admin)
    since = dt.date(dt.date.today().year - 1, 1, 15).isoformat()
    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + f"/?since={since}")
    dash_duo.wait_for_element("#portfolio-since .since-tile", timeout=20)
    wait_for_url(dash_duo, f"since={since}")
    # "Toon de projecten (N)", or with many "Toon de 100 projecten met de meeste …"
    dash_duo.wait_for_contains_text("#portfolio-since", "Toon de ", timeout=10)
    dash_duo.select_dcc_dropdown("#filter-theme", value="Milieu")
    wait_for_url(dash_duo, "theme=environment")
    wait_for_url(dash_duo, f"since={since}")
    assert_console_clean(dash_duo)
