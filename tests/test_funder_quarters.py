"""The Funders page's progress per quarter from the funder quarter cells: the same answer as
the live path over every project's quarters, on hand-made data with known answers, after
partial refreshes (a grant, a moved project, a changed measurement) and a full one, on SQLite
and PostgreSQL; and the page's default choice of the funders with the most money."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import delete, insert, select, update

from callbacks import funders as funder_callbacks
from components import funders as funder_view
from components import ids
from data_access import funder_queries, rollups, scope
from data_access.models import FunderQuarterCell, Grant, Indicator, Measurement, Project
from data_access.viewer import Viewer
from tests import test_funders

TODAY = test_funders.TODAY
MEASURED = test_funders.MEASURED


def viewers(made) -> list[Viewer]:
    return [
        Viewer.admin(),
        Viewer.network(),
        Viewer.funder(made["north"]),
        Viewer.funder(made["roos"]),
        Viewer.funder(made["north"], made["south"]),
    ]


def every_funder(made) -> list[int]:
    return [made[name] for name in ("north", "south", "quercus", "roos")]


def assert_trend_agrees(engine, viewer, funder_ids) -> pd.DataFrame:
    """The trend from the cells equals the live one (before suppression, so that a hidden
    small group cannot hide a difference), and through ``compare_funders`` after it."""
    from_cells = funder_queries._trend_cells(engine, viewer, funder_ids, TODAY)
    live = funder_queries._trend(engine, viewer, funder_ids, TODAY)
    pd.testing.assert_frame_equal(from_cells, live, check_exact=False, rtol=1e-9)
    every = len(funder_ids)
    cells = funder_queries.compare_funders(engine, viewer, funder_ids, TODAY, every)
    straight = funder_queries.compare_funders(
        engine, viewer, funder_ids, TODAY, every, use_cells=False
    )
    pd.testing.assert_frame_equal(cells.trend, straight.trend, check_exact=False, rtol=1e-9)
    return from_cells


def quarter_rows(engine) -> pd.DataFrame:
    with scope.trusted(engine.connect()) as conn:
        table = FunderQuarterCell
        stmt = select(table).order_by(*table.__table__.primary_key)
        return pd.DataFrame(conn.execute(stmt).mappings().all())


def test_fqc001_quarter_cells_give_the_hand_counted_trend(engine, portfolio):
    """Noord: P1 (measured 100 of 0 → 100) and P2 (50): one quarter, two projects, 75 %.
    Quercus: its five projects and the one it co-funds with Roos; Roos: three."""
    made = test_funders.build(portfolio)
    found = assert_trend_agrees(engine, Viewer.admin(), every_funder(made))
    rows = found.set_index("funder_id")
    north = rows.loc[made["north"]]
    assert north.period_end == pd.Timestamp(dt.date(MEASURED.year, 12, 31))
    assert (north.projects, north.measurements) == (2, 2)
    assert north.avg_progress == pytest.approx(0.75)
    assert rows.loc[made["quercus"]].projects == 6
    assert rows.loc[made["roos"]].projects == 3
    for viewer in viewers(made):
        assert_trend_agrees(engine, viewer, every_funder(made))
    # The network sees Noord and Zuid through too few shared projects: no line for them.
    network = funder_queries.compare_funders(engine, Viewer.network(), every_funder(made), TODAY, 4)
    assert set(network.trend.funder_id) == {made["quercus"], made["roos"]}


def test_fqc002_partial_refreshes_keep_the_quarter_cells_exact(engine, portfolio):
    """A new grant, a project moved to another theme and visibility, a changed measurement —
    each refreshed for its project alone: the cells agree with the live path and equal what a
    full rebuild gives."""
    made = test_funders.build(portfolio)
    with engine.begin() as conn:
        trusted = scope.trusted(conn)
        conn.execute(
            insert(Grant).values(
                id=9001,
                funder_id=made["south"],
                project_id=made["p2"],
                amount=25_000,
                currency="EUR",
                amount_eur=25_000,
                awarded_on=test_funders.START,
            )
        )
        rollups.refresh(conn, [made["p2"]])
        moved = made["q"][0]
        conn.execute(
            update(Project)
            .where(Project.id == moved)
            .values(theme="environment", sub_theme="climate", visibility="private")
        )
        rollups.refresh(conn, [moved])
        measurement = trusted.scalar(
            select(Measurement.id).where(
                Measurement.indicator_id.in_(
                    select(Indicator.id).where(Indicator.project_id == made["p1"])
                )
            )
        )
        conn.execute(update(Measurement).where(Measurement.id == measurement).values(value=40))
        rollups.refresh(conn, [made["p1"]])
    for viewer in viewers(made):
        assert_trend_agrees(engine, viewer, every_funder(made))
    north = funder_queries._trend_cells(engine, Viewer.admin(), [made["north"]], TODAY).iloc[0]
    assert north.avg_progress == pytest.approx((0.4 + 0.5) / 2)  # P1 now at 40 %
    south = funder_queries._trend_cells(engine, Viewer.admin(), [made["south"]], TODAY).iloc[0]
    assert south.projects == 3  # P1, P3 and now P2
    partly = quarter_rows(engine)
    with engine.begin() as conn:
        rollups.refresh(conn)
    pd.testing.assert_frame_equal(partly, quarter_rows(engine), check_exact=False, rtol=1e-9)


def test_fqc003_the_trend_is_read_from_the_quarter_cells(engine, portfolio):
    made = test_funders.build(portfolio)
    chosen = every_funder(made)
    before = funder_queries.compare_funders(engine, Viewer.admin(), chosen, TODAY, 4)
    assert len(before.trend) == 4
    with engine.begin() as conn:
        conn.execute(delete(FunderQuarterCell))
    emptied = funder_queries.compare_funders(engine, Viewer.admin(), chosen, TODAY, 4)
    assert emptied.trend.empty
    live = funder_queries.compare_funders(engine, Viewer.admin(), chosen, TODAY, 4, False)
    pd.testing.assert_frame_equal(live.trend, before.trend, check_exact=False, rtol=1e-9)


# --- which funders the page shows when none is chosen ----------------------------------------


def summary_frame(rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["funder_id", "money_eur", "suppressed"])
    return frame.astype({"money_eur": "float64", "suppressed": bool})


@pytest.mark.parametrize(
    ("rows", "own", "count", "expected"),
    [
        # By money, most first; ties by id.
        ([(1, 10.0, False), (2, 30.0, False), (3, 20.0, False)], (), 2, [2, 3]),
        ([(1, 10.0, False), (2, 10.0, False), (3, 5.0, False)], (), 2, [1, 2]),
        # A hidden figure ranks nothing: the suppressed come last, by id.
        ([(1, float("nan"), True), (2, 1.0, False), (3, float("nan"), True)], (), 2, [2, 1]),
        # A funder account's own funders first, whatever their money, then the largest.
        ([(1, 50.0, False), (2, 1.0, False), (3, 20.0, False)], (2,), 2, [2, 1]),
        ([(1, 50.0, False), (2, 1.0, False), (3, 20.0, False)], (2, 3), 1, [2, 3]),
    ],
)
def test_fqc004_default_funders_are_the_own_then_the_largest(rows, own, count, expected):
    assert funder_queries.default_funders(summary_frame(rows), own, count) == expected


def test_fqc005_the_page_shows_the_largest_few_and_says_so(engine, portfolio, monkeypatch):
    """With room for two: the administrator sees Zuid (140 000 €) and Noord (110 000 €); the
    network, which sees neither's money (too few shared projects), Roos and Quercus; Noord's
    own account itself and then Roos. "Show all" and a choice show what they say."""
    made = test_funders.build(portfolio)
    monkeypatch.setattr(funder_queries, "DEFAULT_FUNDERS", 2)

    def bars(viewer, chosen=(), show_all=False):
        outputs = funder_callbacks.funders_outputs(
            engine, viewer, list(chosen), "en", TODAY, show_all
        )
        return list(outputs["money"].data[0].y), outputs["subtitle"]

    names, subtitle = bars(Viewer.admin())
    assert names == ["Fonds Noord", "Fonds Zuid"]
    assert "the 2 funders with the most money granted, of the 4 you may see" in subtitle
    assert bars(Viewer.network())[0] == ["Funder A", "Funder B"]
    names, subtitle = bars(Viewer.funder(made["north"]))
    assert names == ["Fonds Noord", "Funder B"]
    assert "your own funders and the others with the most money granted" in subtitle
    names, subtitle = bars(Viewer.admin(), show_all=True)
    assert len(names) == 4 and subtitle.endswith("4 funders chosen.")
    chosen = [str(made["quercus"])]
    assert bars(Viewer.admin(), chosen)[0] == [test_funders.UNNAMED[0]]
    # Only the funders shown are computed and sent: the co-funding pairs too.
    outputs = funder_callbacks.funders_outputs(engine, Viewer.admin(), [], "en", TODAY)
    assert "Stille Quercus" not in test_funders.as_text(outputs["pairs"])


def test_fqc007_a_link_keeps_show_all():
    """ "Show all" lives in the link (``all=1``) like the chosen funders, so a copied link
    shows the same funders."""

    def switch(query):
        layout = funder_view.layout("nl", None, query)
        return next(c for c in _walk(layout) if getattr(c, "id", None) == ids.FUNDERS_ALL).value

    assert switch({"all": "1"}) is True
    assert switch({}) is False and switch({"all": "yes"}) is False


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and hasattr(child, "to_plotly_json"):
            yield from _walk(child)
