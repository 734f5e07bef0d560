"""``data_access.cells``: the stage and evidence figures per change-logic stage read from the
cells give the per-project answers for every view over whole cells, also after partial
refreshes; the cells are really read; views that cut through cells never read them; the scope
gives the cell conditions only where whole cells apply. SQLite and PostgreSQL, demo data."""

from __future__ import annotations

from unittest import mock

import pandas as pd
import pytest
from sqlalchemy import select, update

from data_access import cells, rollups, scope
from data_access.demo import generate
from data_access.filters import PortfolioFilter
from data_access.models import (
    ALL_STAGES,
    ChangeLogicElement,
    EvidenceCell,
    EvidenceSource,
    Indicator,
    Measurement,
    PortfolioCell,
    Project,
    StageCell,
)
from data_access.viewer import Viewer
from data_access.vocabulary import STAGES
from tests.test_cubes import CELL_VIEWS, PROJECT_VIEWS, TODAY, _database, empty_cells


@pytest.fixture(scope="module")
def generated():
    return generate("small", seed=5, today=TODAY)


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def loaded(request, generated, tmp_path_factory):
    """The generated data, read only (cells emptied by a test are rebuilt by it)."""
    engine, close = _database(request.param, generated, tmp_path_factory.mktemp("cells"))
    yield engine
    close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def changing(request, generated, tmp_path):
    """The generated data in a database of the test's own, to change."""
    engine, close = _database(request.param, generated, tmp_path)
    yield engine
    close()


QUERIES = {
    "stages": lambda engine, viewer, filt: cells.stage_totals(engine, viewer, filt, TODAY),
    "evidence": lambda engine, viewer, filt: cells.evidence_totals(engine, viewer, filt),
}


def from_projects(query, engine, viewer, filt) -> pd.DataFrame:
    """The query's answer from the per-project rows."""
    with mock.patch.object(scope, "takes_whole_cells", return_value=False):
        return query(engine, viewer, filt)


def assert_cells_agree(engine, viewer, filt) -> None:
    assert scope.takes_whole_cells(viewer, filt)
    for name, query in QUERIES.items():
        from_cells = query(engine, viewer, filt)
        assert from_cells.projects.iloc[0] > 0, name  # an empty answer agrees with anything
        assert set(from_cells.stage.dropna()) <= set(STAGES), name
        expected = from_projects(query, engine, viewer, filt)
        pd.testing.assert_frame_equal(from_cells, expected, check_exact=False, rtol=1e-9)


@pytest.mark.parametrize("view", list(CELL_VIEWS))
def test_cel001_cells_give_the_per_project_answers(loaded, view):
    assert_cells_agree(loaded, *CELL_VIEWS[view])


@pytest.mark.parametrize("view", ["admin, everything", "network, environment"])
def test_cel002_stage_rows_from_indicators_agree(loaded, view):
    """The per-project rows (and so the cells) match the stages computed from the
    indicators, as for a date without a snapshot."""
    viewer, filt = CELL_VIEWS[view]
    from_cells = cells.stage_totals(loaded, viewer, filt, TODAY)
    computed = cells.stage_totals(loaded, viewer, filt, TODAY, snapshots=False)
    pd.testing.assert_frame_equal(from_cells, computed, check_exact=False, rtol=1e-9)
    total = from_cells.iloc[0]
    assert total.level == "total" and total.measured > 0
    stages = from_cells[from_cells.level == "stage"]
    assert total.indicators == stages.indicators.sum()
    assert total.projects <= stages.projects.sum()  # distinct over stages, not a sum


def test_cel003_cells_are_read_where_they_apply(loaded):
    """The answers above did come from the cells: with them emptied, the totals are 0."""
    viewer, filt = CELL_VIEWS["admin, everything"]
    before = {name: query(loaded, viewer, filt) for name, query in QUERIES.items()}
    empty_cells(loaded)
    try:
        for name, query in QUERIES.items():
            emptied = query(loaded, viewer, filt)
            assert list(emptied.level) == ["total"], name
            assert emptied.projects.iloc[0] == 0, name
            pd.testing.assert_frame_equal(
                from_projects(query, loaded, viewer, filt), before[name], rtol=1e-9
            )
    finally:
        with loaded.begin() as conn:
            rollups.refresh(conn)


@pytest.mark.parametrize("view", list(PROJECT_VIEWS))
def test_cel004_views_that_cut_through_cells_read_projects(loaded, view):
    """Funder and lead scopes, a funder filter, a period: the same answers without cells."""
    viewer, filt = PROJECT_VIEWS[view]
    before = {name: query(loaded, viewer, filt) for name, query in QUERIES.items()}
    assert before["evidence"].projects.iloc[0] > 0
    empty_cells(loaded)
    try:
        for name, query in QUERIES.items():
            pd.testing.assert_frame_equal(query(loaded, viewer, filt), before[name])
    finally:
        with loaded.begin() as conn:
            rollups.refresh(conn)


def test_cel005_partial_refreshes_keep_stage_and_evidence_cells_exact(changing):
    """A changed measurement, a step's new evidence source, and a project that moves theme,
    region and visibility, each refreshed for its project alone: the cells still give the
    per-project answers, and the cells a full rebuild gives."""
    engine = changing
    for viewer, filt in CELL_VIEWS.values():
        cells.stage_totals(engine, viewer, filt, TODAY)  # builds today's snapshot and cells
    with engine.begin() as conn:
        trusted = scope.trusted(conn)
        indicator_id, project_id = trusted.execute(
            select(Indicator.id, Indicator.project_id)
            .where(Indicator.measure_kind == "number", Indicator.latest_value.is_not(None))
            .order_by(Indicator.id)
            .limit(1)
        ).one()
        conn.execute(
            update(Measurement)
            .where(Measurement.indicator_id == indicator_id)
            .values(value=Measurement.value * 5 + 11)
        )
        element_id, element_project = trusted.execute(
            select(ChangeLogicElement.id, ChangeLogicElement.project_id)
            .where(ChangeLogicElement.evidence == "assumption")
            .order_by(ChangeLogicElement.id)
            .limit(1)
        ).one()
        conn.execute(
            EvidenceSource.__table__.insert().values(
                project_id=element_project, element_id=element_id, kind="research", citation="x"
            )
        )
        moved_id, visibility = trusted.execute(
            select(Project.id, Project.visibility)
            .where(Project.theme == "people", Project.id.not_in([project_id, element_project]))
            .order_by(Project.id)
            .limit(1)
        ).one()
        conn.execute(
            update(Project)
            .where(Project.id == moved_id)
            .values(
                theme="environment",
                sub_theme="climate",
                region="limburg",
                visibility="private" if visibility != "private" else "public",
            )
        )
        rollups.refresh(conn, [project_id])
        rollups.refresh(conn, [element_project])
        rollups.refresh(conn, [moved_id])
    for view in CELL_VIEWS.values():
        assert_cells_agree(engine, *view)
    partly = _cell_rows(engine)
    with engine.begin() as conn:
        rollups.refresh(conn)
    cells.stage_totals(engine, *CELL_VIEWS["admin, everything"], TODAY)
    again = _cell_rows(engine)
    for name in partly:
        assert len(partly[name]), name
        pd.testing.assert_frame_equal(partly[name], again[name], check_exact=False, rtol=1e-9)


def test_cel006_cell_rows_over_every_stage_count_distinct_projects(loaded):
    """The ALL_STAGES row of a cell: the sums of its stage rows, but projects counted once."""
    cells.stage_totals(loaded, Viewer.admin(), PortfolioFilter(), TODAY)
    frames = _cell_rows(loaded)
    for name, table in (("stage_cell", StageCell), ("evidence_cell", EvidenceCell)):
        frame = frames[name]
        keys = [
            key for key in ("as_of", "theme", "sub_theme", "region", "visibility") if key in frame
        ]
        everything = frame[frame.stage == ALL_STAGES].set_index(keys)
        stages = frame[frame.stage != ALL_STAGES].groupby(keys).sum(numeric_only=True)
        summed = "indicators" if table is StageCell else "elements"
        pd.testing.assert_series_equal(
            everything[summed].sort_index(), stages[summed].sort_index(), check_dtype=False
        )
        assert (everything.projects.sort_index() <= stages.projects.sort_index()).all()
        assert (everything.projects < stages.projects.reindex(everything.index)).any(), name


@pytest.mark.parametrize(
    ("viewer", "filt", "where"),
    [
        (Viewer.admin(), PortfolioFilter(), "true"),
        (Viewer.network(), PortfolioFilter(), "visibility IN ('network', 'public')"),
        (
            Viewer.network(),
            PortfolioFilter(themes=("people",), regions=("limburg",)),
            "theme IN ('people') AND portfolio_cell.region IN ('limburg')",
        ),
    ],
)
def test_cel007_scope_gives_the_cell_conditions(viewer, filt, where):
    """The project conditions of ``scope`` on the cell table's columns, nothing else."""
    conditions = scope.cell_conditions(
        viewer, filt, scope.portfolio_lens(viewer), PortfolioCell.__table__
    )
    sql = " AND ".join(str(c.compile(compile_kwargs={"literal_binds": True})) for c in conditions)
    assert where in sql
    assert "project" not in sql.replace("portfolio_cell", "")


def test_cel008_cell_conditions_refuse_rules_that_cut_through_cells():
    """Should ``takes_whole_cells`` ever let a funder's view through, the conditions (a grant
    of the funder) do not follow cell borders and are refused, not silently dropped."""
    whole = mock.patch.object(scope, "takes_whole_cells", return_value=True)
    with whole, pytest.raises(ValueError, match="cell borders"):
        scope.cell_conditions(
            Viewer.funder(1), PortfolioFilter(), scope.Lens.DETAIL, PortfolioCell.__table__
        )


def test_cel009_the_guard_accepts_scoped_cells_only(loaded):
    """A statement on the cell table needs the scope's ``scoped_cells``: the bare table is
    refused like any other project data."""
    with pytest.raises(scope.UnscopedQuery):
        scope.read(loaded, select(PortfolioCell.projects))
    with pytest.raises(scope.UnscopedQuery), loaded.connect() as conn:
        conn.execute(select(PortfolioCell.projects))
    in_view = scope.scoped_cells(
        Viewer.admin(), PortfolioFilter(), scope.Lens.DETAIL, PortfolioCell
    )
    assert scope.read(loaded, select(in_view.c.projects))


def _cell_rows(engine) -> dict[str, pd.DataFrame]:
    tables = {}
    with scope.trusted(engine.connect()) as conn:
        for table in (StageCell, EvidenceCell):
            columns = list(table.__table__.c)
            rows = conn.execute(select(*columns).order_by(*table.__table__.primary_key))
            tables[table.__tablename__] = pd.DataFrame(rows.all(), columns=rows.keys())
    return tables
