"""Figures and layout pieces from hand-made frames: titles, hover numbers, empty states."""

import datetime as dt
import re

import pandas as pd
import pytest

from components import formatting as fmt
from components import portfolio as view
from components import shell
from components.i18n import LANGUAGES, TEXTS, t
from components.theme import NO_DATA_COLOUR, THEME_COLOURS
from data_access import portfolio_queries as queries
from data_access.facts import typed_frame


def frame(columns: dict, rows: list[dict]) -> pd.DataFrame:
    return typed_frame(rows, columns)


def theme_row(theme, sub_theme=None, **values):
    row = {
        "theme": theme,
        "sub_theme": sub_theme,
        "projects": 3,
        "money_eur": 1_234_567.0,
        "indicators": 10,
        "measured": 8,
        "avg_progress": 0.456,
        "achieved": 2,
        "on_track": 3,
        "at_risk": 2,
        "off_track": 1,
        "no_data": 2,
    }
    return {**row, **values}


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (fmt.number(1234567), "1.234.567"),
        (fmt.number(1234.5, 1), "1.234,5"),
        (fmt.money(1234567.4), "€\u00a01.234.567"),
        (fmt.money_short(2_450_000), "€\u00a02,5\u00a0mln"),
        (fmt.percent(0.456), "46\u00a0%"),
        (fmt.percent(float("nan")), "–"),
        (fmt.date(dt.date(2025, 12, 31)), "31/12/2025"),
    ],
)
def test_cmp001_belgian_formats(value, text):
    assert value == text


def test_cmp002_every_text_exists_in_every_language_with_the_same_placeholders():
    for key, entry in TEXTS.items():
        assert set(entry) == set(LANGUAGES), key
        placeholders = {lang: set(re.findall(r"{\w+}", text)) for lang, text in entry.items()}
        assert len({frozenset(p) for p in placeholders.values()}) == 1, key
    assert t("kpi.projects", "fr") == "Projets"
    assert t("kpi.projects", "nl") == "Projecten"
    assert t("kpi.projects", "en") == "Projects"


def test_cmp003_treemap_is_sized_by_money_and_hovers_exact_numbers():
    subs = frame(
        queries.THEME_COLUMNS,
        [
            theme_row("people", "health", money_eur=1_000_000.0, avg_progress=0.5),
            theme_row("people", "poverty", money_eur=234_567.0, avg_progress=None),
        ],
    )
    themes = frame(queries.THEME_COLUMNS, [theme_row("people")])
    figure = view.themes_figure(subs, themes, "nl")
    trace = figure.data[0]
    assert list(trace.labels) == ["Mens", "Gezondheid", "Armoede"]
    assert list(trace.values) == [1_234_567.0, 1_000_000.0, 234_567.0]
    assert trace.customdata[0][0] == "€\u00a01.234.567"
    assert trace.customdata[2][1] == "geen meting"  # no measurement: said, and greyed
    assert trace.marker.colors[2] == NO_DATA_COLOUR
    assert trace.marker.colors[0] == THEME_COLOURS["people"]
    assert trace.marker.colors[1] == view.progress_colour(0.5)
    assert "Steun" in trace.hovertemplate
    assert "grootte = steun" in figure.layout.title.text


def test_cmp004_status_bars_stack_shares_per_theme():
    themes = frame(
        queries.THEME_COLUMNS,
        [
            theme_row("people"),
            theme_row("environment", achieved=10, on_track=0, at_risk=0, off_track=0, no_data=0),
        ],
    )
    figure = view.status_figure(themes, "en")
    by_name = {trace.name: trace for trace in figure.data}
    assert list(by_name) == ["Achieved", "On track", "At risk", "Off track", "No data"]
    assert list(by_name["Achieved"].y) == ["Environment", "People"]
    assert list(by_name["Achieved"].x) == pytest.approx([100, 20])
    assert figure.layout.barmode == "stack"


def test_cmp005_timeline_draws_realised_and_expected_per_theme():
    timeline = frame(
        queries.TIMELINE_COLUMNS,
        [
            {
                "theme": "people",
                "period_end": dt.date(2025, 3, 31),
                "indicators": 4,
                "projects": 3,
                "avg_progress": 0.3,
                "avg_expected": 0.35,
            },
            {
                "theme": "people",
                "period_end": dt.date(2025, 6, 30),
                "indicators": 5,
                "projects": 3,
                "avg_progress": 0.4,
                "avg_expected": 0.4,
            },
        ],
    )
    figure = view.timeline_figure(timeline, "nl")
    realised, expected = figure.data
    assert list(realised.y) == pytest.approx([30, 40])
    assert expected.line.dash == "dot"
    assert realised.customdata[1][0] == "K2 2025"
    assert realised.customdata[1][1] == "40\u00a0%"


@pytest.mark.parametrize("builder", ["themes", "status", "timeline"])
def test_cmp006_nothing_to_show_says_so(builder):
    empty_themes = frame(queries.THEME_COLUMNS, [])
    figure = {
        "themes": lambda: view.themes_figure(empty_themes, empty_themes, "nl"),
        "status": lambda: view.status_figure(empty_themes, "nl"),
        "timeline": lambda: view.timeline_figure(frame(queries.TIMELINE_COLUMNS, []), "nl"),
    }[builder]()
    assert figure.data == ()  # no chart, only the message
    assert figure.layout.annotations[0].text == t("chart.empty", "nl")
    assert figure.layout.title.text


def test_cmp007_key_figures_and_status_pills():
    figures = frame(
        queries.KEY_FIGURE_COLUMNS,
        [
            {
                "projects": 61,
                "money_eur": 12_345_678.0,
                "indicators": 400,
                "achieved": 40,
                "on_track": 200,
                "at_risk": 60,
                "off_track": 50,
                "no_data": 50,
                "avg_progress": 0.62,
                "people_reached": 15_300.0,
                "people_projects": 40,
            }
        ],
    ).iloc[0]
    cards = view.key_figure_children(figures, "nl")
    assert cards["kpi-money"][0].children == "€\u00a012.345.678"
    assert cards["kpi-people"][0].children == "15.300"
    assert cards["kpi-progress"][1].children.startswith("van 350 gemeten")
    pills = view.status_pills(figures, "en")
    assert [pill.children[1].children for pill in pills][:2] == ["Achieved", "On track"]
    assert pills[1].children[2].children == "200"


def test_cmp008_suppressed_figures_show_no_numbers():
    figures = frame(queries.KEY_FIGURE_COLUMNS, [{"projects": 2}]).iloc[0].copy()
    figures["suppressed"] = True
    cards = view.key_figure_children(figures, "nl")
    assert cards["kpi-money"][0].children == "–"
    assert cards["kpi-money"][1].children == t("chart.suppressed", "nl")


def test_cmp009_unit_table_pools_percentages():
    units = frame(
        queries.UNIT_COLUMNS,
        [
            {
                "unit": "persons",
                "measure_kind": "number",
                "indicators": 3,
                "projects": 3,
                "total": 12_500.0,
            },
            {
                "unit": "percent",
                "measure_kind": "percentage",
                "indicator": "Aandeel met werk",
                "indicators": 2,
                "projects": 2,
                "total": 83.333,
            },
        ],
    )
    table = view.unit_table(units, "nl")
    numbers, heading, shares = table.children

    def cells(part):
        return [[cell.children for cell in row.children] for row in part.children[1].children]

    assert cells(numbers) == [["personen", "12.500", "3"]]
    assert heading.children == "Percentages, samengeteld over projecten"
    assert cells(shares) == [["Aandeel met werk", "83,3\u00a0%", "2"]]


def test_cmp010_navbar_links_carry_the_filters_and_language():
    from dashboard.pages import PAGES

    item, *_ = shell.nav_links(PAGES, "/", "?theme=people&lang=en", "en")  # 404: no link
    link = item.children
    assert (link.children, link.href, link.active) == ("Portfolio", "/?theme=people&lang=en", True)
    dutch, english, french = shell.language_links("/", {"theme": "people"}, "en")
    assert dutch.children.href == "/?theme=people&lang=nl"
    assert french.children.href == "/?theme=people&lang=fr"
    assert not dutch.children.active and english.children.active
    assert dutch.children.children.title == "Dutch"
    assert french.children.children.children == "FR"


def test_cmp011_sub_theme_choices_follow_the_chosen_themes():
    options = shell.sub_theme_options(["environment"], "nl")
    assert [o["value"] for o in options] == ["climate", "nature", "circular", "mobility"]
    assert options[0]["label"] == "Klimaat (Milieu)"
    assert len(shell.sub_theme_options([], "nl")) == 12


def test_cmp012_filter_bar_shows_the_link_s_choices_in_dutch():
    from data_access.filters import PortfolioFilter, Problem

    bar = shell.filter_bar(
        PortfolioFilter(themes=("people",), year_from=2023), "nl", range(2020, 2027)
    )
    text = str(bar)
    assert "'value': ['people']" in text or "value=['people']" in text
    assert "gekozen" in text  # the dropdown's own words, translated
    (alert,) = shell.problem_alerts([Problem("region", "gent", "unknown_value")], "nl")
    assert alert.children == "Niet gebruikt uit de link: region=gent (onbekende waarde)."
