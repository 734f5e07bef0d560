"""The cells (per theme, sub-theme, region and visibility) give the same Portfolio answers as
the per-project rows they add up, for every view that reads them, also after a partial
refresh; views that cut through cells never read them; on SQLite and PostgreSQL, on generated
demo data. (``test_cells`` does the same for the stage and evidence cells.)"""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pandas as pd
import pytest
from sqlalchemy import func, insert, select, update

from data_access import portfolio_queries as queries
from data_access import rollups, scope
from data_access.demo import generate, load
from data_access.filters import PortfolioFilter
from data_access.models import (
    EvidenceCell,
    Grant,
    Indicator,
    Measurement,
    PortfolioCell,
    Project,
    ProjectCell,
    QuarterCell,
    StageCell,
    UnitCell,
)
from data_access.viewer import Viewer
from tests.conftest import PostgresSchema, sqlite_engine

TODAY = dt.date.today()  # a snapshot date: the unit cells are built for it

# Views that read cells (whole cells in or out), next to the same view on per-project rows.
CELL_VIEWS = {
    "admin, everything": (Viewer.admin(), PortfolioFilter()),
    "admin, people": (Viewer.admin(), PortfolioFilter(themes=("people",))),
    "admin, sub-themes in two regions": (
        Viewer.admin(),
        PortfolioFilter(sub_themes=("health", "climate", "work"), regions=("antwerpen", "brussel")),
    ),
    "network, everything": (Viewer.network(), PortfolioFilter()),
    "network, environment": (Viewer.network(), PortfolioFilter(themes=("environment",))),
    "network, one region": (Viewer.network(), PortfolioFilter(regions=("limburg",))),
}
STATEMENTS = {
    "rollup": queries.portfolio_rollup,
    "timeline": queries.progress_over_time,
    "units": queries.unit_totals,
}
# Views that cut through cells: a funder's or lead's scope, a funder filter, a period.
PROJECT_VIEWS = {
    "funder 1": (Viewer.funder(1), PortfolioFilter()),
    "project lead": (Viewer.project(1, 2), PortfolioFilter()),
    "admin, funder 2": (Viewer.admin(), PortfolioFilter(funder_ids=(2,))),
    "network, from 2024": (Viewer.network(), PortfolioFilter(year_from=2024)),
    "admin, until 2024": (Viewer.admin(), PortfolioFilter(year_to=2024)),
}
CELL_TABLES = (ProjectCell, QuarterCell, UnitCell, PortfolioCell, StageCell, EvidenceCell)


@pytest.fixture(scope="module")
def generated():
    return generate("small", seed=7, today=TODAY)


def _database(kind, generated, folder):
    if kind == "sqlite":
        engine = scope.install_guard(sqlite_engine(folder / "cubes.db"))
        load(engine, generated)
        return engine, engine.dispose
    schema = PostgresSchema()
    load(schema.engine, generated)
    return scope.install_guard(schema.engine), schema.drop


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def loaded(request, generated, tmp_path_factory):
    """The generated data, read only by the tests that use it."""
    engine, close = _database(request.param, generated, tmp_path_factory.mktemp("cubes"))
    yield engine
    close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def changing(request, generated, tmp_path):
    """The generated data in a database of the test's own, to change."""
    engine, close = _database(request.param, generated, tmp_path)
    yield engine
    close()


def from_projects(statement, engine, viewer, filt):
    """The statement's answer from the per-project rows, as before there were cells."""
    with mock.patch.object(queries, "_takes_whole_cells", return_value=False):
        return statement(engine, viewer, filt, TODAY)


def assert_cells_agree(engine, viewer, filt):
    assert queries._takes_whole_cells(viewer, filt)
    for name, statement in STATEMENTS.items():
        from_cells = statement(engine, viewer, filt, TODAY)
        assert len(from_cells), name  # an empty answer would agree with anything
        expected = from_projects(statement, engine, viewer, filt)
        pd.testing.assert_frame_equal(from_cells, expected, check_exact=False, rtol=1e-9)


def cell_tables(engine) -> dict[str, pd.DataFrame]:
    """Every cell row, sorted, to compare a partial refresh with a full one."""
    tables = {}
    with scope.trusted(engine.connect()) as conn:
        for table in CELL_TABLES:
            columns = list(table.__table__.c)
            rows = conn.execute(select(*columns).order_by(*table.__table__.primary_key))
            tables[table.__tablename__] = pd.DataFrame(rows.all(), columns=rows.keys())
    return tables


def assert_same_tables(left: dict, right: dict) -> None:
    for name in left:
        assert len(left[name]), name
        pd.testing.assert_frame_equal(left[name], right[name], check_exact=False, rtol=1e-9)


@pytest.mark.parametrize("view", list(CELL_VIEWS))
def test_cub001_cells_give_the_per_project_answers(loaded, view):
    assert_cells_agree(loaded, *CELL_VIEWS[view])


def empty_cells(engine) -> None:
    """Delete every cell row (the snapshots and per-project rows stay)."""
    with engine.begin() as conn:
        for table in CELL_TABLES:
            conn.execute(table.__table__.delete())


def test_cub002_cells_are_read_where_they_apply(loaded):
    """The answers above did come from the cells: emptied cells answer nothing."""
    viewer, filt = CELL_VIEWS["admin, everything"]
    queries.unit_totals(loaded, viewer, filt, TODAY)  # builds today's snapshot and unit cells
    rollup = queries.portfolio_rollup(loaded, viewer, filt, TODAY)
    assert rollup.projects.iloc[0] > 0 and rollup.money_eur.iloc[0] > 0
    empty_cells(loaded)
    try:
        assert queries.progress_over_time(loaded, viewer, filt, TODAY).empty
        assert queries.unit_totals(loaded, viewer, filt, TODAY).empty
        assert not from_projects(queries.unit_totals, loaded, viewer, filt).empty
        emptied = queries.portfolio_rollup(loaded, viewer, filt, TODAY)
        assert list(emptied.level) == ["total"]  # no theme has a cell left
        assert emptied.projects.iloc[0] == 0 and emptied.money_eur.iloc[0] == 0
        pd.testing.assert_frame_equal(
            from_projects(queries.portfolio_rollup, loaded, viewer, filt), rollup, rtol=1e-9
        )
    finally:
        with loaded.begin() as conn:
            rollups.refresh(conn)  # the cells again, for the tests after this one


@pytest.mark.parametrize("view", list(PROJECT_VIEWS))
def test_cub003_views_that_cut_through_cells_read_projects(loaded, view):
    """A funder's or project's scope, a funder filter and a period (project dates) do not
    follow cell borders: such views keep adding up their projects' rows, and give the same
    answers with every cell row gone."""
    viewer, filt = PROJECT_VIEWS[view]
    assert not queries._takes_whole_cells(viewer, filt)
    with pytest.raises(ValueError):
        scope.cell_conditions(viewer, filt, scope.portfolio_lens(viewer), PortfolioCell.__table__)
    before = {
        name: statement(loaded, viewer, filt, TODAY) for name, statement in STATEMENTS.items()
    }
    assert before["rollup"].projects.iloc[0] > 0
    empty_cells(loaded)
    try:
        for name, statement in STATEMENTS.items():
            pd.testing.assert_frame_equal(statement(loaded, viewer, filt, TODAY), before[name])
    finally:
        with loaded.begin() as conn:
            rollups.refresh(conn)


def test_cub004_partial_refresh_keeps_cells_exact(changing):
    """New and changed measurements of one project, refreshed for that project alone, give
    the cells a full rebuild gives, and the per-project answers."""
    engine = changing
    for viewer, filt in CELL_VIEWS.values():
        queries.unit_totals(engine, viewer, filt, TODAY)  # builds today's unit cells
    with engine.begin() as conn:
        trusted = scope.trusted(conn)
        indicators = trusted.execute(
            select(Indicator.id, Indicator.project_id)
            .where(Indicator.summable.is_(True), Indicator.measure_kind == "number")
            .order_by(Indicator.id)
        ).all()
        indicator_id, project_id = indicators[0]
        conn.execute(
            update(Measurement)
            .where(Measurement.indicator_id.in_([i for i, p in indicators if p == project_id]))
            .values(value=Measurement.value * 3 + 7)
        )
        latest = trusted.scalar(
            select(func.max(Measurement.period_end)).where(Measurement.indicator_id == indicator_id)
        )
        conn.execute(
            insert(Measurement).values(
                indicator_id=indicator_id,
                period_end=(latest or TODAY.replace(month=1, day=1)) + dt.timedelta(days=1),
                value=123_456.0,
                entered_by="test",
            )
        )
        rollups.refresh(conn, [project_id])
    for view in CELL_VIEWS.values():
        assert_cells_agree(engine, *view)
    partly = cell_tables(engine)
    with engine.begin() as conn:
        rollups.refresh(conn)
    for viewer, filt in CELL_VIEWS.values():
        queries.unit_totals(engine, viewer, filt, TODAY)
    assert_same_tables(partly, cell_tables(engine))


def test_cub006_money_follows_a_changed_grant(changing):
    """Money is derived data of the roll-up cells: a grant changed, added and removed, then
    refreshed for its projects alone, moves the cells' money as it moves the projects'."""
    engine = changing
    viewer, filt = CELL_VIEWS["admin, everything"]
    before = queries.portfolio_rollup(engine, viewer, filt, TODAY)
    with engine.begin() as conn:
        grant_id, project_id, funder_id, amount = (
            scope.trusted(conn)
            .execute(
                select(Grant.id, Grant.project_id, Grant.funder_id, Grant.amount_eur)
                .order_by(Grant.id)
                .limit(1)
            )
            .one()
        )
        conn.execute(
            update(Grant).where(Grant.id == grant_id).values(amount_eur=Grant.amount_eur + 1000)
        )
        other = project_id + 1
        conn.execute(
            insert(Grant).values(
                funder_id=funder_id,
                project_id=other,
                amount=250,
                amount_eur=250,
                awarded_on=TODAY,
            )
        )
        rollups.refresh(conn, [project_id, other])
    after = queries.portfolio_rollup(engine, viewer, filt, TODAY)
    assert float(after.money_eur.iloc[0]) == pytest.approx(float(before.money_eur.iloc[0]) + 1250)
    for view in CELL_VIEWS.values():
        assert_cells_agree(engine, *view)
    partly = cell_tables(engine)
    with engine.begin() as conn:
        rollups.refresh(conn)
    queries.unit_totals(engine, viewer, filt, TODAY)
    assert_same_tables(partly, cell_tables(engine))


def test_cub005_a_project_that_moves_leaves_its_old_cell(changing):
    """A project that changes theme, region and visibility is taken out of the cell it was
    counted in, not only added to its new one."""
    engine = changing
    queries.unit_totals(engine, Viewer.admin(), PortfolioFilter(), TODAY)
    with engine.begin() as conn:
        project_id, visibility = (
            scope.trusted(conn)
            .execute(
                select(Project.id, Project.visibility)
                .join(Indicator, Indicator.project_id == Project.id)
                .where(Project.theme == "people", Indicator.summable.is_(True))
                .order_by(Project.id)
                .limit(1)
            )
            .one()
        )
        moved = "private" if visibility != "private" else "public"
        conn.execute(
            update(Project)
            .where(Project.id == project_id)
            .values(theme="environment", sub_theme="climate", region="limburg", visibility=moved)
        )
        rollups.refresh(conn, [project_id])
    for view in CELL_VIEWS.values():
        assert_cells_agree(engine, *view)
    partly = cell_tables(engine)
    with engine.begin() as conn:
        rollups.refresh(conn)
    queries.unit_totals(engine, Viewer.admin(), PortfolioFilter(), TODAY)
    assert_same_tables(partly, cell_tables(engine))
