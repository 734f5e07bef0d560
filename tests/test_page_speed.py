"""What keeps the Portfolio, project and change-logic answers lean: frames built in one step
give the same frames, and figures carry only the part of the house template they draw with."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pandas as pd
import pytest
from plotly.io.json import to_json_plotly

from components import change_logic as change_logic_view
from components import portfolio as view
from components.i18n import t
from components.theme import FONT_FAMILY, figure_template_json
from data_access import facts, frames
from data_access import portfolio_queries as queries
from data_access.change_logic_queries import STAGE_COLUMNS

COLUMNS = {
    "id": "int64",
    "name": "string",
    "value": "float64",
    "day": "datetime64[s]",
    "suppressed": "bool",
}


@pytest.mark.parametrize(
    "rows",
    [
        [],
        [{"id": 1, "name": "a", "value": 1.5, "day": dt.date(2025, 3, 31)}],
        [
            {"id": 2, "name": None, "value": None, "day": None},
            {"id": None, "name": "b", "value": Decimal("2.25"), "day": dt.date(2024, 12, 31)},
        ],
        # What the quick way leaves to the general one: text in a number column, a whole
        # number with a fraction, a name that is not text, a date with a time.
        [{"id": 3.7, "name": 12, "value": "4", "day": "2025-01-02 10:00:00"}],
        [{"id": True, "name": "c", "value": float("nan"), "day": dt.datetime(2025, 1, 2)}],
        [{"name": "missing keys"}],
    ],
    ids=["empty", "plain", "missing", "general", "odd", "keys"],
)
def test_spd001_frames_are_those_of_typed_frame(rows):
    expected = facts.typed_frame(rows, COLUMNS)
    built = frames.typed_frame(rows, COLUMNS)
    pd.testing.assert_frame_equal(built, expected)
    assert list(built.dtypes.astype(str)) == list(expected.dtypes.astype(str))


def _themes():
    row = {
        "theme": "people",
        "sub_theme": "health",
        "projects": 4,
        "money_eur": 250_000.0,
        "indicators": 10,
        "measured": 8,
        "avg_progress": 0.123456789,
        "achieved": 2,
        "on_track": 3,
        "at_risk": 2,
        "off_track": 1,
        "no_data": 2,
        "suppressed": False,
    }
    return facts.typed_frame([row], queries.THEME_COLUMNS)


def test_spd002_figures_carry_the_template_they_draw_with_and_no_more():
    themes = _themes()
    figure = view.status_figure(themes, "nl")
    template = figure.layout.template
    # The house look is there: the font, the Belgian separators, the bar defaults.
    assert template.layout.font.family == FONT_FAMILY
    assert template.layout.separators == ",."
    assert template.data.bar
    # What only maps, pies or 3-D charts read is not sent with every figure.
    sent = json.loads(to_json_plotly(figure))["layout"]["template"]
    assert set(sent["data"]) == {"bar"}
    assert not {"geo", "scene", "polar", "ternary"} & set(sent["layout"])
    whole = len(json.dumps(figure_template_json()))
    assert len(to_json_plotly(figure)) < whole  # the old answer held the whole template
    # Shares as short numbers: 2 of 10 indicators achieved is 20 %.
    assert list(figure.data[0].x) == [20.0]


def test_spd003_figures_keep_their_titles_and_messages():
    empty = view.empty_figure("Titel", t("chart.empty", "nl"))
    assert empty.data == ()
    assert empty.layout.annotations[0].text == t("chart.empty", "nl")
    stages = facts.typed_frame([], STAGE_COLUMNS)
    figure = change_logic_view.stages_figure(stages, "en")
    assert figure.layout.annotations[0].text == t("chart.empty", "en")
    assert figure.layout.title.text == t("cl.chart.stages.title", "en")
