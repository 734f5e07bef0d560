"""Derived data kept next to the measurements so that views stay fast at millions of rows.

- ``indicator.latest_*``: each indicator's latest measurement with a value, and the sum of
  all its values;
- ``change_logic_element.evidence``: each step's evidence basis, from its sources;
- ``project_progress`` / ``project_stage_progress``: per project (and stage) and as-of date,
  indicator counts, progress sums and status counts (built on first use per date);
- ``progress_by_quarter``: per project and quarter, the count of measurements and the sums of
  their capped progress and expected progress (both computed with ``data_access.sql_rules``).

Whatever writes measurements or indicators calls ``refresh`` in the same transaction, for the
projects it touched (or for everything). ``filantrimpact db refresh`` rebuilds it all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from contextlib import contextmanager

from sqlalchemy import (
    Connection,
    Date,
    Engine,
    and_,
    case,
    delete,
    exists,
    extract,
    func,
    insert,
    inspect,
    literal,
    select,
    tuple_,
    union,
    update,
)
from sqlalchemy.exc import IntegrityError, OperationalError

from data_access import sql_rules
from data_access.facts import (
    can_materialize,
    indicator_facts,
    status_counts,
    unit_counts,
    unit_rows,
)
from data_access.models import (
    ChangeLogicElement,
    DataVersion,
    EvidenceSource,
    Indicator,
    Measurement,
    ProgressByQuarter,
    ProgressSnapshot,
    Project,
    ProjectCell,
    ProjectProgress,
    ProjectStageProgress,
    QuarterCell,
    UnitCell,
)
from data_access.vocabulary import STATUSES


def quarter_of(date_column):
    """The quarter (1-4) of a date, portable across SQLite and PostgreSQL."""
    month = extract("month", date_column)
    return case((month <= 3, 1), (month <= 6, 2), (month <= 9, 3), else_=4)


def refresh(conn: Connection, project_ids: Collection[int] | None = None) -> None:
    """Recompute the derived data for ``project_ids`` (all projects when None), and bump the
    data version so that cached answers from before this change are not used again."""
    _refresh_evidence(conn, project_ids)
    _refresh_latest(conn, project_ids)
    _refresh_quarters(conn, project_ids)
    _refresh_cells(conn, project_ids)
    _refresh_snapshots(conn, project_ids)
    bump_version(conn)
    if project_ids is None and conn.dialect.name in ("sqlite", "postgresql"):
        # Fresh statistics after a bulk load let the planner pick the indexes.
        conn.exec_driver_sql("ANALYZE")


def bump_version(conn: Connection) -> None:
    """One more data version, in the caller's transaction (nothing on a schema before 0005,
    which a test of old migrations may still be filling)."""
    if not inspect(conn).has_table(DataVersion.__tablename__):
        return
    conn.execute(
        update(DataVersion)
        .where(DataVersion.id == 1)
        .values(version=DataVersion.version + 1, changed_at=func.now())
    )


def current_version(conn: Connection) -> int:
    """The data version now (0 before any data)."""
    return conn.scalar(select(DataVersion.version).where(DataVersion.id == 1)) or 0


def snapshot_dates(today: dt.date) -> list[dt.date]:
    """The as-of dates worth keeping project progress for: today, and the ends of the years a
    board can pick (the filter bar's years before this one)."""
    return [dt.date(year, 12, 31) for year in range(today.year - 8, today.year)] + [today]


def ensure_snapshot(engine: Engine, as_of: dt.date, today: dt.date) -> bool:
    """Whether ``project_progress`` holds ``as_of``; builds it first when it is one of the
    ``snapshot_dates`` (about a quarter of a second at a million measurements). Other
    dates, as a link may carry, are computed by the views from the indicators."""
    with engine.connect() as conn:
        if conn.scalar(select(ProgressSnapshot.as_of).where(ProgressSnapshot.as_of == as_of)):
            return True
    if as_of not in snapshot_dates(today):
        return False
    try:
        with engine.begin() as conn, _short_lock_wait(conn):
            # The marker first: a second worker building the same date waits here, then
            # finds it taken and reads what the first one built.
            conn.execute(insert(ProgressSnapshot).values(as_of=as_of))
            stale = and_(
                ProgressSnapshot.as_of < today, ProgressSnapshot.as_of.not_in(snapshot_dates(today))
            )
            conn.execute(delete(ProgressSnapshot).where(stale))
            _build_snapshot(conn, as_of, None)
            _build_unit_cells(conn, as_of, None)
    except IntegrityError:
        return True  # built by another worker meanwhile
    except OperationalError:
        # A writer holds the database (an import): this view computes from the indicators
        # rather than wait; a later one builds the snapshot.
        return False
    return True


@contextmanager
def _short_lock_wait(conn: Connection):
    """Within this block, give up after a moment when another transaction holds a lock."""
    if conn.dialect.name == "sqlite":
        usual = conn.exec_driver_sql("PRAGMA busy_timeout").scalar()
        conn.exec_driver_sql("PRAGMA busy_timeout = 200")
        try:
            yield
        finally:
            conn.exec_driver_sql(f"PRAGMA busy_timeout = {int(usual)}")
        return
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET LOCAL lock_timeout = '200ms'")
    yield


def _refresh_snapshots(conn: Connection, project_ids) -> None:
    """A full refresh drops every snapshot (each is built again on first use); a refresh of
    some projects rebuilds their rows of every snapshot, in the same transaction."""
    if not inspect(conn).has_table(ProgressSnapshot.__tablename__):
        return  # a schema before 0007, as a test of old migrations fills
    if project_ids is None:
        conn.execute(delete(ProjectStageProgress))
        conn.execute(delete(ProjectProgress))
        conn.execute(delete(ProgressSnapshot))
        return
    ids = sorted(project_ids)
    conn.execute(delete(ProjectStageProgress).where(ProjectStageProgress.project_id.in_(ids)))
    conn.execute(delete(ProjectProgress).where(ProjectProgress.project_id.in_(ids)))
    for as_of in conn.scalars(select(ProgressSnapshot.as_of)).all():
        _build_snapshot(conn, as_of, ids)


_SNAPSHOT_COUNTS = ["indicators", "measured", "progress_sum", *STATUSES]


def _build_snapshot(conn: Connection, as_of: dt.date, project_ids) -> None:
    """Insert the project_stage_progress rows of ``as_of`` (for ``project_ids``, or all),
    then the project_progress rows as their sums per project."""

    scope = [] if project_ids is None else [Project.id.in_(project_ids)]
    materialize = can_materialize(conn.engine)
    projects = (
        select(Project.id, Project.theme, Project.sub_theme).where(*scope).cte("all_projects")
    )
    if materialize:
        projects = projects.prefix_with("MATERIALIZED")
    facts = indicator_facts(projects, as_of, materialize, stage=True)
    rows = select(
        literal(as_of, Date),
        facts.c.project_id,
        facts.c.stage,
        func.count(),
        func.count(facts.c.progress),
        func.sum(facts.c.capped_progress),
        *status_counts(facts.c.status),
        func.sum(case((facts.c.progress.is_not(None), facts.c.expected))),
    ).group_by(facts.c.project_id, facts.c.stage)
    columns = ["as_of", "project_id", "stage", *_SNAPSHOT_COUNTS, "expected_sum"]
    conn.execute(insert(ProjectStageProgress).from_select(columns, rows))
    stages = ProjectStageProgress.__table__.c
    in_scope = [] if project_ids is None else [stages.project_id.in_(project_ids)]
    per_project = (
        select(stages.as_of, stages.project_id, *[func.sum(stages[c]) for c in _SNAPSHOT_COUNTS])
        .where(stages.as_of == as_of, *in_scope)
        .group_by(stages.as_of, stages.project_id)
    )
    conn.execute(
        insert(ProjectProgress).from_select(["as_of", "project_id", *_SNAPSHOT_COUNTS], per_project)
    )


def _refresh_evidence(conn: Connection, project_ids) -> None:
    """Each element's evidence basis from its sources: research when one is research, else
    practice when one is, else an assumption."""
    if not inspect(conn).has_table(EvidenceSource.__tablename__):
        return  # a schema before 0008, as a test of old migrations fills

    def has(kind: str):
        return exists().where(
            EvidenceSource.element_id == ChangeLogicElement.id, EvidenceSource.kind == kind
        )

    basis = case((has("research"), "research"), (has("practice"), "practice"), else_="assumption")
    scope = [] if project_ids is None else [ChangeLogicElement.project_id.in_(sorted(project_ids))]
    conn.execute(update(ChangeLogicElement).where(*scope).values(evidence=basis))


def _refresh_latest(conn: Connection, project_ids) -> None:
    latest_end = (
        select(func.max(Measurement.period_end))
        .where(Measurement.indicator_id == Indicator.id, Measurement.value.is_not(None))
        .scalar_subquery()
    )

    def at_latest(column):
        return (
            select(column)
            .where(
                Measurement.indicator_id == Indicator.id,
                Measurement.period_end == Indicator.latest_period_end,
            )
            .scalar_subquery()
        )

    value_sum = (
        select(func.sum(Measurement.value))
        .where(Measurement.indicator_id == Indicator.id, Measurement.value.is_not(None))
        .scalar_subquery()
    )
    scope = [] if project_ids is None else [Indicator.project_id.in_(sorted(project_ids))]
    conn.execute(
        update(Indicator).where(*scope).values(latest_period_end=latest_end, latest_sum=value_sum)
    )
    conn.execute(
        update(Indicator)
        .where(*scope)
        .values(
            latest_value=at_latest(Measurement.value),
            latest_numerator=at_latest(Measurement.numerator),
            latest_denominator=at_latest(Measurement.denominator),
        )
    )


def _refresh_quarters(conn: Connection, project_ids) -> None:
    scope = [] if project_ids is None else [Indicator.project_id.in_(sorted(project_ids))]
    delete_scope = (
        [] if project_ids is None else [ProgressByQuarter.project_id.in_(sorted(project_ids))]
    )
    conn.execute(delete(ProgressByQuarter).where(*delete_scope))
    progress = sql_rules.progress(
        Indicator.baseline_value, Indicator.target_value, Measurement.value, Indicator.direction
    )
    expected = sql_rules.expected_progress(
        Indicator.baseline_date, Indicator.target_date, Measurement.period_end
    )
    year = extract("year", Measurement.period_end)
    quarter = quarter_of(Measurement.period_end)
    rows = (
        select(
            Indicator.project_id,
            year,
            quarter,
            func.count(),
            func.coalesce(func.sum(sql_rules.capped(progress)), literal(0.0)),
            func.coalesce(func.sum(expected), literal(0.0)),
        )
        .join(Indicator, Indicator.id == Measurement.indicator_id)
        .where(Indicator.measure_kind != "qualitative", Measurement.value.is_not(None), *scope)
        .group_by(Indicator.project_id, year, quarter)
    )
    conn.execute(
        insert(ProgressByQuarter).from_select(
            [
                "project_id",
                "year",
                "quarter",
                "measurements",
                "progress_sum",
                "expected_sum",
            ],
            rows,
        )
    )


# --- cubes: the derived data per cell (theme, sub-theme, region, visibility) ---------------

CELL_KEYS = ("theme", "sub_theme", "region", "visibility")


def _refresh_cells(conn: Connection, project_ids) -> None:
    """Rebuild the cells the projects are in, and the cells they were last counted in (a
    project may have moved), from the per-project rows: ``progress_by_quarter_cell`` and the
    ``unit_total_cell`` rows of every snapshot date. A full refresh rebuilds the quarter
    cells and drops the unit cells (each date's are built again with its snapshot)."""
    if not inspect(conn).has_table(ProjectCell.__tablename__):
        return  # a schema before 0009, as a test of old migrations fills
    if project_ids is None:
        for table in (UnitCell, QuarterCell, ProjectCell):
            conn.execute(delete(table))
        _count_projects_in_cells(conn, [])
        _build_quarter_cells(conn, None)
        return
    ids = sorted(project_ids)
    # Inserts and deletes only: the cells are found in SQL, before project_cell moves on.
    touched = union(
        select(*[ProjectCell.__table__.c[key] for key in CELL_KEYS]).where(
            ProjectCell.project_id.in_(ids)
        ),
        select(*[Project.__table__.c[key] for key in CELL_KEYS]).where(Project.id.in_(ids)),
    )
    conn.execute(delete(QuarterCell).where(_cell_of(QuarterCell).in_(touched)))
    _build_quarter_cells(conn, touched)
    for as_of in conn.scalars(select(ProgressSnapshot.as_of)).all():
        conn.execute(
            delete(UnitCell).where(UnitCell.as_of == as_of, _cell_of(UnitCell).in_(touched))
        )
        _build_unit_cells(conn, as_of, touched)
    conn.execute(delete(ProjectCell).where(ProjectCell.project_id.in_(ids)))
    _count_projects_in_cells(conn, [Project.id.in_(ids)])


def _cell_of(table):
    return tuple_(*[table.__table__.c[key] for key in CELL_KEYS])


def _count_projects_in_cells(conn: Connection, conditions) -> None:
    rows = select(Project.id, *[Project.__table__.c[key] for key in CELL_KEYS]).where(*conditions)
    conn.execute(insert(ProjectCell).from_select(["project_id", *CELL_KEYS], rows))


def _build_quarter_cells(conn: Connection, cells) -> None:
    """Insert the quarter cells of ``cells`` (a select of cell keys), or of every cell."""
    quarters = ProgressByQuarter
    keys = [Project.__table__.c[key] for key in CELL_KEYS]
    rows = (
        select(
            *keys,
            quarters.year,
            quarters.quarter,
            func.count(),  # one row per project and quarter: the distinct projects
            func.sum(quarters.measurements),
            func.sum(quarters.progress_sum),
            func.sum(quarters.expected_sum),
        )
        .join(Project, Project.id == quarters.project_id)
        .where(*([] if cells is None else [_cell_of(Project).in_(cells)]))
        .group_by(*keys, quarters.year, quarters.quarter)
    )
    columns = [*CELL_KEYS, "year", "quarter", "projects", "measurements"]
    conn.execute(insert(QuarterCell).from_select([*columns, "progress_sum", "expected_sum"], rows))


def _build_unit_cells(conn: Connection, as_of: dt.date, cells) -> None:
    """Insert the unit cells of ``as_of`` for ``cells`` (a select of cell keys), or all."""
    if not inspect(conn).has_table(UnitCell.__tablename__):
        return  # a schema before 0009
    materialize = can_materialize(conn.engine)
    keys = [Project.__table__.c[key] for key in CELL_KEYS]
    projects = (
        select(Project.id, *keys)
        .where(*([] if cells is None else [_cell_of(Project).in_(cells)]))
        .cte("cell_projects")
    )
    if materialize:
        projects = projects.prefix_with("MATERIALIZED")
    rows = unit_rows(projects, as_of, None, materialize, keys=CELL_KEYS)
    groups = [*[rows.c[key] for key in CELL_KEYS], rows.c.unit, rows.c.measure_kind]
    groups.append(rows.c.indicator)
    stmt = select(
        literal(as_of, Date),
        *groups,
        *unit_counts(rows),
        func.sum(rows.c.contribution),
        func.sum(rows.c.num),
        func.sum(rows.c.den),
    ).group_by(*groups)
    columns = ["as_of", *CELL_KEYS, "unit", "measure_kind", "indicator", "indicators"]
    columns += ["projects", "contribution", "numerator", "denominator"]
    conn.execute(insert(UnitCell).from_select(columns, stmt))
