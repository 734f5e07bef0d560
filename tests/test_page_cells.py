"""The pre-aggregates of the pages after the Portfolio give the answers of the live path:
funder cells (Funders page), kept "since" changes (``project_change``) and the Network page's
stage cells — on hand-made data with known answers and on generated data, after partial
refreshes, on SQLite and PostgreSQL; and they are really read (emptied, the answer changes)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import delete, insert, select, update

from components.since import default_since
from data_access import change_logic_queries as change_logic
from data_access import funder_queries, network_queries, rollups, scope, since_queries
from data_access.filters import PortfolioFilter
from data_access.models import (
    EvidenceSource,
    FunderCell,
    FunderEvidenceCell,
    FunderPairCell,
    FunderStageCell,
    Grant,
    Indicator,
    Measurement,
    Project,
    ProjectChange,
    SinceSnapshot,
    Story,
    WeakElement,
)
from data_access.viewer import Viewer
from tests import test_funders, test_since
from tests.test_cubes import TODAY, _database
from tests.test_since import world  # noqa: F401 (a fixture: the since hand-made data)

FIGURES = ("summary", "themes", "stages", "evidence", "trend", "outcomes", "pairs")
FUNDER_CELLS = (FunderCell, FunderStageCell, FunderEvidenceCell, FunderPairCell)


@pytest.fixture(scope="module")
def generated():
    from data_access.demo import generate

    return generate("small", seed=11, today=TODAY)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def changing(request, generated, tmp_path):
    """The generated data in a database of the test's own, to change."""
    engine, close = _database(request.param, generated, tmp_path)
    yield engine
    close()


def generated_viewers(engine) -> list[Viewer]:
    with scope.trusted(engine.connect()) as conn:
        funders = conn.scalars(select(Grant.funder_id).distinct().order_by(Grant.funder_id)).all()
    return [
        Viewer.admin(),
        Viewer.network(),
        Viewer.funder(funders[0]),
        Viewer.funder(*funders[2:4]),
    ]


# --- Funders --------------------------------------------------------------------------------


def all_funders(engine, viewer) -> list[int]:
    return funder_queries.funder_choices(engine, viewer).funder_id.tolist()


def assert_funder_cells_agree(engine, viewer, funder_ids=None, today=TODAY) -> None:
    funder_ids = all_funders(engine, viewer) if funder_ids is None else funder_ids
    from_cells = funder_queries.compare_funders(engine, viewer, funder_ids, today)
    live = funder_queries.compare_funders(engine, viewer, funder_ids, today, use_cells=False)
    assert from_cells.summary.projects.sum() > 0  # an empty answer would agree with anything
    # Before suppression too: small groups hidden on both sides would hide a difference.
    snapshot = rollups.ensure_snapshot(engine, today, today)
    raw = [
        (funder_queries._summary_cells, funder_queries._summary, (today,), (today, snapshot)),
        (funder_queries._pairs_cells, funder_queries._pairs, (today,), ()),
    ]
    for cell_query, live_query, cell_args, live_args in raw:
        pd.testing.assert_frame_equal(
            cell_query(engine, viewer, funder_ids, *cell_args),
            live_query(engine, viewer, funder_ids, *live_args),
            check_exact=False,
            rtol=1e-9,
        )
    for name in FIGURES:
        # atol: the live path rounds attributed people to cents on SQLite (a NUMERIC product).
        pd.testing.assert_frame_equal(
            getattr(from_cells, name),
            getattr(live, name),
            check_exact=False,
            rtol=1e-9,
            atol=0.006,
        )


def test_pgc001_funder_cells_give_the_hand_counted_answers(engine, portfolio):
    made = test_funders.build(portfolio)
    pairs = [made["north"], made["south"]]
    found = funder_queries.compare_funders(engine, Viewer.admin(), pairs, test_funders.TODAY)
    north = found.summary.set_index("funder_id").loc[made["north"]]
    assert (north.projects, north.money_eur, north.co_funded) == (2, 110_000, 1)
    outcomes = found.outcomes.set_index("funder_id")
    assert outcomes.loc[made["north"]].people == pytest.approx(60 + 50)
    assert outcomes.loc[made["south"]].people == pytest.approx(40 + 200)
    for viewer in [
        Viewer.admin(),
        Viewer.network(),
        Viewer.funder(made["north"]),
        Viewer.funder(made["quercus"]),
        Viewer.funder(made["north"], made["south"]),
    ]:
        assert_funder_cells_agree(engine, viewer, today=test_funders.TODAY)


def test_pgc002_funder_cells_agree_on_generated_data_after_partial_refreshes(changing):
    """A changed grant, a project that changes visibility and theme, a changed measurement —
    each refreshed for its project alone: cells still agree with the live path, and equal
    what a full rebuild gives."""
    engine = changing
    viewers = generated_viewers(engine)
    for viewer in viewers:
        assert_funder_cells_agree(engine, viewer)
    with engine.begin() as conn:
        trusted = scope.trusted(conn)
        grant_id, granted = trusted.execute(
            select(Grant.id, Grant.project_id).order_by(Grant.id).limit(1)
        ).one()
        conn.execute(update(Grant).where(Grant.id == grant_id).values(amount_eur=123_456))
        moved, visibility = trusted.execute(
            select(Project.id, Project.visibility)
            .where(Project.id != granted, Project.id.in_(select(Grant.project_id)))
            .order_by(Project.id.desc())
            .limit(1)
        ).one()
        conn.execute(
            update(Project)
            .where(Project.id == moved)
            .values(
                theme="environment",
                sub_theme="climate",
                visibility="private" if visibility != "private" else "network",
            )
        )
        indicator_id, measured = trusted.execute(
            select(Indicator.id, Indicator.project_id)
            .where(Indicator.latest_value.is_not(None), Indicator.project_id.not_in([moved]))
            .order_by(Indicator.id)
            .limit(1)
        ).one()
        conn.execute(
            update(Measurement)
            .where(Measurement.indicator_id == indicator_id)
            .values(value=Measurement.value * 3 + 7)
        )
        for project_id in (granted, moved, measured):
            rollups.refresh(conn, [project_id])
    for viewer in viewers:
        assert_funder_cells_agree(engine, viewer)
    partly = funder_cell_rows(engine)
    with engine.begin() as conn:
        rollups.refresh(conn)
    rollups.ensure_snapshot(engine, TODAY, TODAY)
    again = funder_cell_rows(engine)
    for name in partly:
        assert len(partly[name]), name
        pd.testing.assert_frame_equal(partly[name], again[name], check_exact=False, rtol=1e-9)


def funder_cell_rows(engine) -> dict[str, pd.DataFrame]:
    tables = {}
    with scope.trusted(engine.connect()) as conn:
        for table in FUNDER_CELLS:
            stmt = select(table).order_by(*table.__table__.primary_key)
            frame = pd.DataFrame(conn.execute(stmt).mappings().all())
            tables[table.__tablename__] = frame.drop(columns="as_of").astype(
                {c: "float64" for c in frame.columns if "money" in c}
            )
    return tables


def test_pgc003_funder_cells_are_read(engine, portfolio):
    """Emptied funder cells: the figures they give go (the trend, read live, stays)."""
    made = test_funders.build(portfolio)
    chosen = [made["north"], made["south"], made["quercus"]]
    today = test_funders.TODAY
    before = funder_queries.compare_funders(engine, Viewer.admin(), chosen, today)
    assert before.summary.projects.sum() > 0 and len(before.pairs)
    with engine.begin() as conn:
        for table in FUNDER_CELLS:
            conn.execute(delete(table))
    emptied = funder_queries.compare_funders(engine, Viewer.admin(), chosen, today)
    for name in ("summary", "themes", "stages", "evidence", "outcomes", "pairs"):
        assert getattr(emptied, name).empty, name
    live = funder_queries.compare_funders(engine, Viewer.admin(), chosen, today, use_cells=False)
    pd.testing.assert_frame_equal(live.summary, before.summary, check_exact=False, rtol=1e-6)


def test_pgc004_the_funder_cell_scope_follows_the_funder_project_rules():
    """Rows a funder account may count: shared ones, and any of its own funder's; a pair
    only shared, or both funders its own."""
    sql = str(
        scope.scoped_funder_cells(Viewer.funder(4), [4, 5], FunderCell).element.compile(
            compile_kwargs={"literal_binds": True}
        )
    )
    assert "funder_cell.visibility IN ('network', 'public') OR funder_cell.funder_id IN (4)" in sql
    pair_sql = str(
        scope.scoped_funder_pair_cells(Viewer.network(), [4, 5], FunderPairCell).element.compile(
            compile_kwargs={"literal_binds": True}
        )
    )
    assert "funder_pair_cell.visibility IN ('network', 'public')" in pair_sql
    assert "funder_pair_cell.first IN" in pair_sql and "funder_pair_cell.second IN" in pair_sql


# --- Since the last meeting -----------------------------------------------------------------


def changes(engine, viewer, since, today, **options):
    return since_queries.changes_since(engine, viewer, PortfolioFilter(), since, today, **options)


def assert_kept_changes_agree(engine, viewer, since, today) -> None:
    kept = changes(engine, viewer, since, today)
    live = changes(engine, viewer, since, today, use_snapshot=False)
    assert kept.summary["items"].fillna(0).sum() > 0
    pd.testing.assert_frame_equal(kept.summary, live.summary)
    if live.projects is None:
        assert kept.projects is None
    else:
        pd.testing.assert_frame_equal(kept.projects, live.projects)


def kept_pairs(engine) -> set:
    with engine.connect() as conn:
        return set(conn.execute(select(SinceSnapshot.since, SinceSnapshot.as_of)).all())


def test_pgc005_kept_changes_give_the_hand_counted_answers(engine, world):  # noqa: F811
    since, today = test_since.SINCE, test_since.TODAY
    found = changes(engine, Viewer.admin(), since, today)
    assert (since, today) in kept_pairs(engine)  # built on first use
    assert test_since.counts(found.summary) == test_since.EXPECTED
    for viewer in [Viewer.admin(), Viewer.network(), Viewer.funder(1)]:
        assert_kept_changes_agree(engine, viewer, since, today)


def test_pgc006_kept_changes_follow_a_partial_refresh_and_are_read(engine, portfolio, world):  # noqa: F811
    made = world
    since, today = test_since.SINCE, test_since.TODAY
    changes(engine, Viewer.admin(), since, today)
    indicator = portfolio.indicator(made["Nieuw 1"])
    with engine.begin() as conn:
        # A writer's own transaction: a measurement and a refresh of its project alone.
        conn.execute(
            insert(Measurement).values(
                indicator_id=indicator,
                period_end=dt.date(2026, 6, 1),
                value=100,
                source="test",
                entered_by="test",
            )
        )
        rollups.refresh(conn, [made["Nieuw 1"]])
    assert (since, today) in kept_pairs(engine)
    found = changes(engine, Viewer.admin(), since, today)
    assert test_since.counts(found.summary)["achieved"] == (2, 2)
    assert test_since.counts(found.summary)["measurements"] == (3, 3)
    assert_kept_changes_agree(engine, Viewer.admin(), since, today)
    with engine.begin() as conn:
        conn.execute(delete(ProjectChange))
    emptied = test_since.counts(changes(engine, Viewer.admin(), since, today).summary)
    assert emptied["achieved"] == (0, 0) and emptied["measurements"] == (0, 0)
    assert emptied["stories"] == (1, 1)  # read live, as before


def test_pgc007_kept_changes_agree_on_generated_data_after_partial_refreshes(changing):
    engine = changing
    since = default_since(TODAY)
    viewers = generated_viewers(engine)
    for viewer in viewers:
        assert_kept_changes_agree(engine, viewer, since, TODAY)
    with engine.begin() as conn:
        trusted = scope.trusted(conn)
        indicator_id, project_id = trusted.execute(
            select(Indicator.id, Indicator.project_id)
            .where(Indicator.latest_period_end > since, Indicator.measure_kind == "number")
            .order_by(Indicator.id)
            .limit(1)
        ).one()
        conn.execute(
            update(Measurement)
            .where(Measurement.indicator_id == indicator_id)
            .values(value=Measurement.value * 4 + 9)
        )
        story_project = trusted.scalar(select(Project.id).order_by(Project.id.desc()).limit(1))
        conn.execute(
            insert(Story).values(
                project_id=story_project, period_end=TODAY, title="Nu", text="…", author="x"
            )
        )
        rollups.refresh(conn, [project_id])
        rollups.refresh(conn, [story_project])
    for viewer in viewers:
        assert_kept_changes_agree(engine, viewer, since, TODAY)
    with scope.trusted(engine.connect()) as conn:
        partly = conn.execute(select(ProjectChange).order_by(ProjectChange.project_id)).all()
    with engine.begin() as conn:
        rollups.refresh(conn)
    assert kept_pairs(engine) == set()  # a full refresh drops them
    changes(engine, Viewer.admin(), since, TODAY)
    with scope.trusted(engine.connect()) as conn:
        again = conn.execute(select(ProjectChange).order_by(ProjectChange.project_id)).all()
    assert partly == again and len(again)


def test_pgc008_only_a_few_since_dates_are_kept_a_day(engine, world, monkeypatch):  # noqa: F811
    monkeypatch.setattr(since_queries, "KEPT_SINCE_DATES", 2)
    today = test_since.TODAY
    dates = [dt.date(2026, 1, 31), dt.date(2026, 2, 28), test_since.SINCE]
    for since in dates:
        assert_kept_changes_agree(engine, Viewer.admin(), since, today)
    assert kept_pairs(engine) == {(since, today) for since in dates[:2]}


# --- Network ----------------------------------------------------------------------------------


@pytest.mark.parametrize("viewer", [Viewer.admin(), Viewer.network()])
def test_pgc009_stage_cells_agree_for_views_of_whole_cells(changing, viewer):
    from_cells = network_queries.stage_progress(changing, viewer, TODAY)
    from_rows = network_queries.stage_progress(changing, viewer, TODAY, use_cells=False)
    assert from_cells.projects.iloc[0] > 0
    pd.testing.assert_frame_equal(from_cells, from_rows, check_exact=False, rtol=1e-9)


# --- Weakest links ----------------------------------------------------------------------------


WEAK_VIEWS = [
    (Viewer.admin(), PortfolioFilter()),
    (Viewer.admin(), PortfolioFilter(year_to=TODAY.year - 1)),  # a past year-end snapshot
    (Viewer.funder(1), PortfolioFilter()),
    (Viewer.admin(), PortfolioFilter(themes=("people",))),
]


def assert_weak_links_agree(engine) -> None:
    for viewer, filt in WEAK_VIEWS:
        kept = change_logic.weakest_links(engine, viewer, filt, TODAY, limit=200)
        live = change_logic.weakest_links(engine, viewer, filt, TODAY, 200, use_snapshot=False)
        assert live.total > 0, filt  # an empty answer would agree with anything
        assert kept.total == live.total
        pd.testing.assert_frame_equal(kept.rows, live.rows, check_exact=False, rtol=1e-9)


def test_pgc010_weak_steps_agree_after_partial_refreshes_and_are_read(changing):
    """A measurement that changes and a source that grounds a weak step, each refreshed for
    its project alone; then the kept weak steps emptied: the snapshot's answer is empty."""
    engine = changing
    assert_weak_links_agree(engine)
    weak = change_logic.weakest_links(engine, Viewer.admin(), PortfolioFilter(), TODAY).rows
    grounded = weak.iloc[0]
    with engine.begin() as conn:
        trusted = scope.trusted(conn)
        indicator_id, project_id = trusted.execute(
            select(Indicator.id, Indicator.project_id)
            .where(Indicator.element_id == int(weak.iloc[1].element_id))
            .order_by(Indicator.id)
            .limit(1)
        ).one()
        conn.execute(
            update(Measurement)
            .where(Measurement.indicator_id == indicator_id)
            .values(value=Measurement.value * 2 + 5)
        )
        conn.execute(
            EvidenceSource.__table__.insert().values(
                project_id=int(grounded.project_id),
                element_id=int(grounded.element_id),
                kind="practice",
                citation="x",
            )
        )
        rollups.refresh(conn, [project_id])
        rollups.refresh(conn, [int(grounded.project_id)])
    assert_weak_links_agree(engine)
    after = change_logic.weakest_links(engine, Viewer.admin(), PortfolioFilter(), TODAY, 200)
    assert int(grounded.element_id) not in set(after.rows.element_id)
    with engine.begin() as conn:
        conn.execute(delete(WeakElement))
    emptied = change_logic.weakest_links(engine, Viewer.admin(), PortfolioFilter(), TODAY)
    assert emptied.total == 0 and emptied.rows.empty
