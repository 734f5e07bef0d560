"""Real-browser test (headless Chromium): a board downloads a chart's data and picture from
the Portfolio page in one click each."""

from __future__ import annotations

import base64
import io
import json

import pytest
from dash.testing.wait import until
from openpyxl import load_workbook

from dashboard.app import create_app
from dashboard.config import Settings
from data_access.viewer import Viewer
from tests.test_browser import assert_console_clean

pytestmark = pytest.mark.browser

DOWNLOAD = '{"page":"portfolio","type":"export-download"}'


def open_menu_item(dash_duo, table: str, label: str) -> None:
    """Opens the card's menu with the keyboard-reachable button and clicks an item."""
    menu = dash_duo.find_element(f'[data-export="portfolio-{table}"]')
    toggle = menu.find_element("css selector", "button")
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", toggle)
    toggle.click()
    until(lambda: menu.find_elements("css selector", ".dropdown-menu.show"), timeout=5)
    items = menu.find_elements("css selector", ".dropdown-item")
    next(item for item in items if item.text.startswith(label)).click()


def test_brx001_portfolio_chart_to_excel_csv_and_svg(dash_duo, demo_database):
    app = create_app(Settings(database_url=demo_database), viewer_for_request=Viewer.admin)
    # Record what the download callback sends, without depending on Chrome's download folder.
    sent = []
    app.server.after_request(_remember(sent))
    dash_duo.start_server(app)
    dash_duo.wait_for_element("#graph-status .barlayer", timeout=20)

    open_menu_item(dash_duo, "status", "Excel")
    until(lambda: any(b"xlsx" in body for body in sent), timeout=15)
    open_menu_item(dash_duo, "status", "CSV")
    until(lambda: any(b"portfolio-status-" in body and b".csv" in body for body in sent), 15)

    # (An answer without a file, e.g. the since section's menus appearing, has no download.)
    responses = [json.loads(body)["response"] for body in sent]
    answers = [response[DOWNLOAD]["data"] for response in responses if DOWNLOAD in response]
    excel = next(a for a in answers if a["filename"].endswith(".xlsx"))
    sheet = load_workbook(io.BytesIO(base64.b64decode(excel["content"]))).active
    assert sheet["B2"].value == "geen filters"
    assert sheet["A7"].value == "Mens"
    assert isinstance(sheet["B7"].value, int)
    csv_text = base64.b64decode(
        next(a for a in answers if a["filename"].endswith(".csv"))["content"]
    )
    assert csv_text.decode("utf-8-sig").startswith("Thema;Indicatoren;")

    # The picture is drawn in the browser: Plotly's own SVG export, no console error.
    dash_duo.driver.execute_script(
        "window.__images = [];"
        "const real = window.Plotly.downloadImage;"
        "window.Plotly.downloadImage = function (gd, opts) {"
        "  window.__images.push(opts.filename + '.' + opts.format);"
        "  return real.apply(this, arguments); };"
    )
    open_menu_item(dash_duo, "status", "SVG")
    until(lambda: dash_duo.driver.execute_script("return window.__images.length") == 1, 10)
    image = dash_duo.driver.execute_script("return window.__images[0]")
    assert image.startswith("portfolio-status-") and image.endswith(".svg")
    assert_console_clean(dash_duo)


def _remember(sent: list):
    def after(response):
        from flask import request

        if request.path.endswith("/_dash-update-component") and b"export-download" in (
            request.get_data() or b""
        ):
            sent.append(response.get_data())
        return response

    return after
