"""Callbacks called as plain functions: what a filter change produces for each viewer."""

from __future__ import annotations

import datetime as dt

import pytest

from callbacks.portfolio import KPI_IDS, OUTPUTS, filters_from_treemap_click, portfolio_outputs
from data_access.filters import PortfolioFilter
from data_access.viewer import Viewer
from tests.factory import TODAY


def test_cbk001_portfolio_outputs_for_a_funder_viewer(portfolio, engine):
    north, south = portfolio.funder("Fonds Noord"), portfolio.funder("Fonds Zuid")
    mine = portfolio.project("Buurtkeuken", theme="people", sub_theme="health")
    theirs = portfolio.project("Repair Café", theme="environment", sub_theme="circular")
    portfolio.grant(north, mine, 50_000)
    portfolio.grant(south, theirs, 70_000)
    indicator = portfolio.indicator(mine, target=200)
    portfolio.measure(indicator, dt.date(2026, 3, 31), 120)

    outputs = portfolio_outputs(engine, Viewer.funder(north), PortfolioFilter(), "nl", TODAY)

    subtitle, themes, timeline = outputs["subtitle"], outputs["themes"], outputs["timeline"]
    kpis = [outputs[key] for key in KPI_IDS]
    assert set(outputs) == set(OUTPUTS)
    assert subtitle == "Stand van zaken op 30/06/2026, alle projecten."
    assert kpis[0][0].children == "1"  # only the funder's own project
    assert kpis[1][0].children == "€\u00a050.000"
    assert kpis[2][0].children == "120"
    assert list(themes.data[0].labels) == ["Mens", "Gezondheid"]
    assert [trace.name for trace in timeline.data] == ["Mens – gerealiseerd", "Mens – verwacht"]
    assert outputs["notice"] is None


def test_cbk002_filtered_subtitle_and_english(portfolio, engine):
    portfolio.project("Buurtkeuken")
    filt = PortfolioFilter(year_to=2025)
    outputs = portfolio_outputs(engine, Viewer.admin(), filt, "en", TODAY)
    assert outputs["subtitle"] == "Status as of 31/12/2025, filtered selection."


@pytest.mark.parametrize(
    ("click", "chosen"),
    [
        ({"points": [{"id": "people"}]}, (["people"], [])),
        ({"points": [{"id": "environment/climate"}]}, (["environment"], ["climate"])),
        ({"points": [{"id": "people/climate"}]}, None),  # sub-theme of another theme
        ({"points": [{"id": "sport"}]}, None),
        ({"points": []}, None),
        (None, None),
        ("forged", None),
    ],
)
def test_cbk003_a_clicked_tile_becomes_the_theme_filter(click, chosen):
    assert filters_from_treemap_click(click) == chosen
