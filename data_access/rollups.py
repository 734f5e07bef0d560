"""Derived data kept next to the measurements so that views stay fast at millions of rows.

- ``indicator.latest_*``: each indicator's latest measurement with a value, and the sum of
  all its values;
- ``change_logic_element.evidence``: each step's evidence basis, from its sources;
- ``project_progress`` / ``project_stage_progress``: per project (and stage) and as-of date,
  indicator counts, progress sums and status counts (built on first use per date);
- ``progress_by_quarter``: per project and quarter, the count of measurements and the sums of
  their capped progress and expected progress (both computed with ``data_access.sql_rules``);
- cells (``models.CELL_KEYS``): the same added up per theme, sub-theme, region and
  visibility for views over whole cells — quarters, unit totals, the Portfolio's roll-up with
  its **money** (each project's grants), stages and evidence bases.

Whatever writes measurements, indicators, change-logic steps or sources, projects (their
theme, sub-theme, region or visibility) or **grants** calls ``refresh`` in the same
transaction, for the projects it touched (or for everything): the money of the roll-up cells
is derived from the grants, so an importer or form that adds or changes a grant without a
refresh leaves the administrator's and the network's money stale. ``filantrimpact db
refresh`` rebuilds it all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from contextlib import contextmanager

from sqlalchemy import (
    Connection,
    Date,
    Engine,
    String,
    and_,
    case,
    delete,
    distinct,
    exists,
    extract,
    func,
    insert,
    inspect,
    literal,
    select,
    tuple_,
    union,
    union_all,
    update,
)
from sqlalchemy.exc import IntegrityError, OperationalError

from data_access import sql_rules
from data_access.db import analyze_tables
from data_access.facts import (
    can_materialize,
    indicator_facts,
    status_counts,
    unit_counts,
    unit_rows,
)
from data_access.models import (
    ALL_STAGES,
    CELL_KEYS,
    FUNDER_CELL_KEYS,
    ChangeLogicElement,
    DataVersion,
    EvidenceCell,
    EvidenceSource,
    FunderCell,
    FunderEvidenceCell,
    FunderPairCell,
    FunderQuarterCell,
    FunderStageCell,
    Grant,
    Indicator,
    Measurement,
    PortfolioCell,
    ProgressByQuarter,
    ProgressSnapshot,
    Project,
    ProjectCell,
    ProjectChange,
    ProjectProgress,
    ProjectStageProgress,
    QuarterCell,
    SinceSnapshot,
    StageCell,
    UnitCell,
    WeakElement,
)
from data_access.vocabulary import EVIDENCE, PEOPLE_UNIT, STATUSES


def quarter_of(date_column):
    """The quarter (1-4) of a date, portable across SQLite and PostgreSQL."""
    month = extract("month", date_column)
    return case((month <= 3, 1), (month <= 6, 2), (month <= 9, 3), else_=4)


# Told how far a long task is: phase, steps done, steps in all.
Progress = Callable[[str, int, int], None]


def refresh(
    conn: Connection,
    project_ids: Collection[int] | None = None,
    progress: Progress | None = None,
) -> None:
    """Recompute the derived data for ``project_ids`` (all projects when None), and bump the
    data version so that cached answers from before this change are not used again.
    ``progress("derive", steps done, steps)`` follows the steps."""
    steps = [
        lambda: _refresh_evidence(conn, project_ids),
        lambda: _refresh_latest(conn, project_ids),
        lambda: _refresh_quarters(conn, project_ids),
        lambda: _refresh_snapshots(conn, project_ids),
        lambda: _refresh_cells(conn, project_ids),  # from the per-project rows above
        lambda: _refresh_changes(conn, project_ids),
        lambda: bump_version(conn),
    ]
    if project_ids is None:
        steps.append(lambda: analyze_tables(conn))
    for done, step in enumerate(steps, start=1):
        step()
        if progress:
            progress("derive", done, len(steps))


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
        with engine.begin() as conn, short_lock_wait(conn):
            # The marker first: a second worker building the same date waits here, then
            # finds it taken and reads what the first one built.
            conn.execute(insert(ProgressSnapshot).values(as_of=as_of))
            stale = and_(
                ProgressSnapshot.as_of < today, ProgressSnapshot.as_of.not_in(snapshot_dates(today))
            )
            conn.execute(delete(ProgressSnapshot).where(stale))
            _build_snapshot(conn, as_of, None)
            _build_snapshot_cells(conn, as_of, None)
            _analyze_snapshot_tables(conn)
    except IntegrityError:
        return True  # built by another worker meanwhile
    except OperationalError:
        # A writer holds the database (an import): this view computes from the indicators
        # rather than wait; a later one builds the snapshot.
        return False
    return True


def _analyze_snapshot_tables(conn: Connection) -> None:
    """Fresh PostgreSQL statistics for the tables a new snapshot date just filled: without
    them the planner takes the new date for a handful of rows until autovacuum comes by, and
    a partial refresh then rescans the whole date once per project (ANALYZE samples; it takes
    no lock that readers or writers wait for)."""
    if conn.dialect.name != "postgresql":
        return
    tables = [ProjectProgress, ProjectStageProgress, *_SNAPSHOT_CELLS, *_FUNDER_CELLS, WeakElement]
    present = [t.__tablename__ for t in tables if inspect(conn).has_table(t.__tablename__)]
    names = ", ".join(conn.dialect.identifier_preparer.quote(name) for name in present)
    conn.exec_driver_sql(f"ANALYZE {names}")


@contextmanager
def short_lock_wait(conn: Connection):
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
    weak = [WeakElement] if _has_weak_elements(conn) else []
    if project_ids is None:
        for table in (*weak, ProjectStageProgress, ProjectProgress, ProgressSnapshot):
            conn.execute(delete(table))
        return
    ids = sorted(project_ids)
    for table in weak:
        conn.execute(delete(table).where(table.project_id.in_(ids)))
    conn.execute(delete(ProjectStageProgress).where(ProjectStageProgress.project_id.in_(ids)))
    conn.execute(delete(ProjectProgress).where(ProjectProgress.project_id.in_(ids)))
    for as_of in conn.scalars(select(ProgressSnapshot.as_of)).all():
        _build_snapshot(conn, as_of, ids)


def _refresh_changes(conn: Connection, project_ids) -> None:
    """ "Since the last meeting" per project (``project_change``): a full refresh drops every
    pair of dates (each is built again on first use); a refresh of some projects rebuilds
    their rows of every pair kept."""
    if not inspect(conn).has_table(SinceSnapshot.__tablename__):
        return  # a schema before 0011
    if project_ids is None:
        conn.execute(delete(ProjectChange))
        conn.execute(delete(SinceSnapshot))
        return
    from data_access import since_queries  # it builds on the rows refreshed above

    ids = sorted(project_ids)
    conn.execute(delete(ProjectChange).where(ProjectChange.project_id.in_(ids)))
    for kept in conn.execute(select(SinceSnapshot.since, SinceSnapshot.as_of)).all():
        since_queries.build_changes(conn, kept.since, kept.as_of, ids)


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
    if _has_weak_elements(conn):
        _build_weak_elements(conn, as_of, projects, materialize)


def _has_weak_elements(conn: Connection) -> bool:
    return inspect(conn).has_table(WeakElement.__tablename__)  # a schema from 0011 on


def _build_weak_elements(conn: Connection, as_of: dt.date, projects, materialize: bool) -> None:
    """The weakest links of ``as_of`` for ``projects`` (a CTE with ``id``): the change logic
    works them out the same way for a date without a snapshot."""
    from data_access.change_logic_queries import weak_elements  # it builds on the rules here

    weak = weak_elements(projects, as_of, materialize).subquery("weak")
    stmt = select(literal(as_of, Date), *weak.c)
    columns = ["as_of", "element_id", "project_id", "behind", "off_track", "indicators", "gap"]
    conn.execute(insert(WeakElement).from_select(columns, stmt))


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
# CELL_KEYS (from models) names a cell's columns; ALL_STAGES the stage and evidence cells' row
# over every stage.

# The cells of each snapshot date, built with it (0010 added the last three).
_SNAPSHOT_CELLS = (UnitCell, PortfolioCell, StageCell)
# The funder cells of each snapshot date (0011), keyed by ``FUNDER_CELL_KEYS``.
_FUNDER_CELLS = (FunderCell, FunderStageCell, FunderEvidenceCell, FunderPairCell)


def _refresh_cells(conn: Connection, project_ids) -> None:
    """Rebuild the cells the projects are in, and the cells they were last counted in (a
    project may have moved), from the per-project rows: ``progress_by_quarter_cell``,
    ``funder_quarter_cell`` (the funder cells of those cells, for every funder),
    ``evidence_cell`` and the snapshot cells of every snapshot date (unit totals, roll-up,
    stages). A full refresh rebuilds the quarter and evidence cells and drops the snapshot
    cells (each date's are built again with its snapshot)."""
    if not inspect(conn).has_table(ProjectCell.__tablename__):
        return  # a schema before 0009, as a test of old migrations fills
    has_0010 = inspect(conn).has_table(EvidenceCell.__tablename__)
    if project_ids is None:
        tables = (*_SNAPSHOT_CELLS, EvidenceCell) if has_0010 else (UnitCell,)
        tables += _FUNDER_CELLS if _has_funder_cells(conn) else ()
        for table in (*tables, QuarterCell, ProjectCell):
            conn.execute(delete(table))
        _count_projects_in_cells(conn, [])
        _build_quarter_cells(conn, None)
        if _has_funder_quarter_cells(conn):
            conn.execute(delete(FunderQuarterCell))
            _build_funder_quarter_cells(conn, None)
        if has_0010:
            _build_evidence_cells(conn, None)
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
    if _has_funder_quarter_cells(conn):
        funder_cells = _funder_cells_of(touched)
        conn.execute(
            delete(FunderQuarterCell).where(_funder_cell_of(FunderQuarterCell).in_(funder_cells))
        )
        _build_funder_quarter_cells(conn, funder_cells)
    if has_0010:
        conn.execute(delete(EvidenceCell).where(_cell_of(EvidenceCell).in_(touched)))
        _build_evidence_cells(conn, touched)
    for as_of in conn.scalars(select(ProgressSnapshot.as_of)).all():
        for table in _SNAPSHOT_CELLS if has_0010 else (UnitCell,):
            conn.execute(delete(table).where(table.as_of == as_of, _cell_of(table).in_(touched)))
        if _has_funder_cells(conn):
            funder_cells = _funder_cells_of(touched)
            for table in _FUNDER_CELLS:
                conn.execute(
                    delete(table).where(
                        table.as_of == as_of, _funder_cell_of(table).in_(funder_cells)
                    )
                )
        _build_snapshot_cells(conn, as_of, touched)
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


def _build_snapshot_cells(conn: Connection, as_of: dt.date, cells) -> None:
    """Insert every snapshot cell of ``as_of`` for ``cells`` (a select of cell keys), or all,
    from that date's per-project rows (which must be built already)."""
    _build_unit_cells(conn, as_of, cells)
    if not inspect(conn).has_table(PortfolioCell.__tablename__):
        return  # a schema before 0010
    _build_portfolio_cells(conn, as_of, cells)
    _build_stage_cells(conn, as_of, cells)
    if _has_funder_cells(conn):
        _build_funder_cells(conn, as_of, None if cells is None else _funder_cells_of(cells))


def _cell_projects(conn: Connection, cells):
    """The projects of ``cells`` (a select of cell keys; all when None) with their cell, as a
    CTE the builders start from: a partial refresh then enters the per-project tables through
    their project index for a few dozen projects, whatever the planner's statistics say (they
    lag behind a snapshot built a moment ago)."""
    keys = [Project.__table__.c[key] for key in CELL_KEYS]
    where = [] if cells is None else [_cell_of(Project).in_(cells)]
    projects = select(Project.id, *keys).where(*where).cte("cell_projects")
    return projects.prefix_with("MATERIALIZED") if can_materialize(conn.engine) else projects


def _build_portfolio_cells(conn: Connection, as_of: dt.date, cells) -> None:
    """Per cell: its projects, the euro of all their grants, and their ``project_progress``
    rows of ``as_of`` added up; the projects with a grant, and with more than one funder."""
    projects = _cell_projects(conn, cells)
    keys = [projects.c[key] for key in CELL_KEYS]
    money = (
        select(
            Grant.project_id,
            func.sum(Grant.amount_eur).label("money"),
            func.count(distinct(Grant.funder_id)).label("funders"),
        )
        .join(projects, projects.c.id == Grant.project_id)
        .group_by(Grant.project_id)
        .subquery("project_money")
    )
    stats = ProjectProgress.__table__.c
    counts = ["indicators", "measured", *STATUSES]
    rows = (
        select(
            literal(as_of, Date),
            *keys,
            func.count(projects.c.id),
            func.coalesce(func.sum(money.c.money), 0),
            *[func.coalesce(func.sum(stats[name]), 0) for name in counts],
            func.sum(stats.progress_sum),
            func.count(money.c.project_id),
            func.count(case((money.c.funders > 1, 1))),
        )
        .select_from(projects)
        .outerjoin(money, money.c.project_id == projects.c.id)
        .outerjoin(ProjectProgress, and_(stats.project_id == projects.c.id, stats.as_of == as_of))
        .group_by(*keys)
    )
    columns = ["as_of", *CELL_KEYS, "projects", "money_eur", *counts, "progress_sum"]
    columns += ["funded", "co_funded"]
    conn.execute(insert(PortfolioCell).from_select(columns, rows))


def _build_stage_cells(conn: Connection, as_of: dt.date, cells) -> None:
    """Per cell and stage, and per cell over every stage (``ALL_STAGES``): the
    ``project_stage_progress`` rows of ``as_of`` added up, with their distinct projects."""
    projects = _cell_projects(conn, cells)
    stages = ProjectStageProgress.__table__.c
    keys = [projects.c[key] for key in CELL_KEYS]
    sums = ["indicators", "measured", "progress_sum", "expected_sum", *STATUSES]

    def per(stage, *groups):
        return (
            select(
                literal(as_of, Date),
                *keys,
                stage,
                func.count(distinct(stages.project_id)),
                *[func.sum(stages[name]) for name in sums],
            )
            .select_from(projects)
            .join(
                ProjectStageProgress,
                and_(stages.project_id == projects.c.id, stages.as_of == as_of),
            )
            .group_by(*keys, *groups)
        )

    rows = union_all(per(stages.stage, stages.stage), per(literal(ALL_STAGES, String)))
    columns = ["as_of", *CELL_KEYS, "stage", "projects", *sums]
    conn.execute(insert(StageCell).from_select(columns, rows))


def _build_evidence_cells(conn: Connection, cells) -> None:
    """Per cell and stage, and per cell over every stage (``ALL_STAGES``): the steps, how
    many rest on each evidence basis, and their distinct projects."""
    projects = _cell_projects(conn, cells)
    element = ChangeLogicElement
    keys = [projects.c[key] for key in CELL_KEYS]

    def per(stage, *groups):
        return (
            select(
                *keys,
                stage,
                func.count(distinct(element.project_id)),
                func.count(),
                *[
                    func.coalesce(func.sum(case((element.evidence == basis, 1), else_=0)), 0)
                    for basis in EVIDENCE
                ],
            )
            .select_from(projects)
            .join(element, element.project_id == projects.c.id)
            .group_by(*keys, *groups)
        )

    rows = union_all(per(element.stage, element.stage), per(literal(ALL_STAGES, String)))
    columns = [*CELL_KEYS, "stage", "projects", "elements", *EVIDENCE]
    conn.execute(insert(EvidenceCell).from_select(columns, rows))


# --- funder cells: the Funders page's figures per funder and (theme, sub-theme, visibility) ---


def _has_funder_cells(conn: Connection) -> bool:
    return inspect(conn).has_table(FunderCell.__tablename__)  # a schema from 0011 on


def _funder_cell_of(table):
    return tuple_(*[table.__table__.c[key] for key in FUNDER_CELL_KEYS])


def _funder_cells_of(cells):
    """The funder cells (``FUNDER_CELL_KEYS``) of ``cells``, a select of ``CELL_KEYS``."""
    found = cells.subquery("touched_cells")
    return select(*[found.c[key] for key in FUNDER_CELL_KEYS]).distinct()


def _has_funder_quarter_cells(conn: Connection) -> bool:
    return inspect(conn).has_table(FunderQuarterCell.__tablename__)  # a schema from 0013 on


def _build_funder_quarter_cells(conn: Connection, funder_cells) -> None:
    """Insert the funder quarter cells of ``funder_cells`` (a select of ``FUNDER_CELL_KEYS``),
    or of all: per funder, funder cell and quarter, the ``progress_by_quarter`` rows of the
    projects it supports (one per project and quarter: their count is the distinct projects)."""
    keys = [Project.__table__.c[key] for key in FUNDER_CELL_KEYS]
    where = [] if funder_cells is None else [_funder_cell_of(Project).in_(funder_cells)]
    pairs = (
        select(Grant.funder_id, Project.id.label("project_id"), *keys)
        .join(Project, Project.id == Grant.project_id)
        .where(*where)
        .distinct()
        .cte("funder_project_pairs")
    )
    if can_materialize(conn.engine):
        pairs = pairs.prefix_with("MATERIALIZED")
    quarters = ProgressByQuarter
    groups = [pairs.c.funder_id, *[pairs.c[key] for key in FUNDER_CELL_KEYS]]
    rows = (
        select(
            *groups,
            quarters.year,
            quarters.quarter,
            func.count(),
            func.sum(quarters.measurements),
            func.sum(quarters.progress_sum),
            func.sum(quarters.expected_sum),
        )
        .select_from(pairs)
        .join(quarters, quarters.project_id == pairs.c.project_id)
        .group_by(*groups, quarters.year, quarters.quarter)
    )
    columns = ["funder_id", *FUNDER_CELL_KEYS, "year", "quarter", "projects", "measurements"]
    conn.execute(
        insert(FunderQuarterCell).from_select([*columns, "progress_sum", "expected_sum"], rows)
    )


def _funder_projects(conn: Connection, funder_cells):
    """Per funder and project it supports (of ``funder_cells``, or all): the project's
    funder cell, the funder's euro, its share of all the project's money, and whether others
    fund it too — what ``scope.scoped_funder_projects`` computes per view, once."""
    keys = [Project.__table__.c[key] for key in FUNDER_CELL_KEYS]
    where = [] if funder_cells is None else [_funder_cell_of(Project).in_(funder_cells)]
    projects = select(Project.id, *keys).where(*where).cte("funder_cell_projects")
    if can_materialize(conn.engine):
        projects = projects.prefix_with("MATERIALIZED")
    project_money = (
        select(Grant.project_id, func.sum(Grant.amount_eur).label("money"))
        .join(projects, projects.c.id == Grant.project_id)
        .group_by(Grant.project_id)
        .subquery("project_money")
    )
    money = func.sum(Grant.amount_eur)
    rows = (
        select(
            Grant.funder_id,
            projects.c.id.label("project_id"),
            *[projects.c[key] for key in FUNDER_CELL_KEYS],
            money.label("money"),
            (money / func.nullif(func.max(project_money.c.money), 0)).label("share"),
        )
        .join(projects, projects.c.id == Grant.project_id)
        .join(project_money, project_money.c.project_id == Grant.project_id)
        .group_by(Grant.funder_id, projects.c.id, *[projects.c[k] for k in FUNDER_CELL_KEYS])
        .cte("funder_project_rows")
    )
    return rows.prefix_with("MATERIALIZED") if can_materialize(conn.engine) else rows


def _project_people(rows):
    """Per project of ``rows``: people reached (latest values of summable person counts)."""
    value = case(
        (Indicator.accumulation == "cumulative", Indicator.latest_value),
        else_=Indicator.latest_sum,
    )
    return (
        select(Indicator.project_id, func.sum(value).label("people"))
        .where(
            Indicator.project_id.in_(select(rows.c.project_id)),
            Indicator.unit == PEOPLE_UNIT,
            Indicator.measure_kind == "number",
            Indicator.summable.is_(True),
            value.is_not(None),
        )
        .group_by(Indicator.project_id)
        .subquery("project_people")
    )


def _build_funder_cells(conn: Connection, as_of: dt.date, funder_cells) -> None:
    """Insert the four funder cell tables of ``as_of`` for ``funder_cells`` (a select of
    ``FUNDER_CELL_KEYS``), or for all, from the grants and that date's per-project rows."""
    rows = _funder_projects(conn, funder_cells)
    keys = [rows.c.funder_id, *[rows.c[key] for key in FUNDER_CELL_KEYS]]
    cell_columns = ["as_of", "funder_id", *FUNDER_CELL_KEYS]
    stats = ProjectProgress.__table__.c
    people = _project_people(rows)
    counted = people.c.project_id.is_not(None)
    summary = (
        select(
            literal(as_of, Date),
            *keys,
            func.count(),
            func.sum(case((rows.c.share < 0.999, 1), else_=0)),
            func.coalesce(func.sum(rows.c.money), 0),
            *[func.coalesce(func.sum(stats[name]), 0) for name in ("indicators", "measured")],
            func.sum(stats.progress_sum),
            *[func.coalesce(func.sum(stats[name]), 0) for name in STATUSES],
            func.count(people.c.project_id),
            func.sum(rows.c.share * people.c.people),
            func.sum(case((counted, rows.c.money))),
        )
        .select_from(rows)
        .outerjoin(
            ProjectProgress, and_(stats.project_id == rows.c.project_id, stats.as_of == as_of)
        )
        .outerjoin(people, people.c.project_id == rows.c.project_id)
        .group_by(*keys)
    )
    columns = [*cell_columns, "projects", "co_funded", "money_eur", "indicators", "measured"]
    columns += ["progress_sum", *STATUSES, "people_projects", "people", "people_money_eur"]
    conn.execute(insert(FunderCell).from_select(columns, summary))

    stages = ProjectStageProgress.__table__.c
    sums = ["indicators", "measured", "progress_sum", "expected_sum"]

    def per_stage(stage, *groups):
        return (
            select(
                literal(as_of, Date),
                *keys,
                stage,
                func.count(distinct(stages.project_id)),
                *[func.sum(stages[name]) for name in sums],
            )
            .select_from(rows)
            .join(
                ProjectStageProgress,
                and_(stages.project_id == rows.c.project_id, stages.as_of == as_of),
            )
            .group_by(*keys, *groups)
        )

    stage_rows = union_all(
        per_stage(stages.stage, stages.stage), per_stage(literal(ALL_STAGES, String))
    )
    columns = [*cell_columns, "stage", "projects", *sums]
    conn.execute(insert(FunderStageCell).from_select(columns, stage_rows))

    element = ChangeLogicElement
    steps = (
        select(element.project_id, element.evidence.label("basis"), func.count().label("steps"))
        .where(element.project_id.in_(select(rows.c.project_id)))
        .group_by(element.project_id, element.evidence)
        .subquery("project_steps")
    )

    def per_basis(basis, *groups):
        return (
            select(
                literal(as_of, Date),
                *keys,
                basis,
                func.count(distinct(steps.c.project_id)),
                func.sum(steps.c.steps),
            )
            .select_from(rows)
            .join(steps, steps.c.project_id == rows.c.project_id)
            .where(*[group.is_not(None) for group in groups])
            .group_by(*keys, *groups)
        )

    basis_rows = union_all(
        per_basis(steps.c.basis, steps.c.basis), per_basis(literal(ALL_STAGES, String))
    )
    columns = [*cell_columns, "basis", "projects", "elements"]
    conn.execute(insert(FunderEvidenceCell).from_select(columns, basis_rows))

    second = rows.alias("second_funder")
    pair_keys = [rows.c.funder_id, second.c.funder_id, *keys[1:]]
    pairs = (
        select(literal(as_of, Date), *pair_keys, func.count(), func.sum(rows.c.money))
        .select_from(rows)
        .join(second, second.c.project_id == rows.c.project_id)
        .where(rows.c.funder_id != second.c.funder_id)
        .group_by(*pair_keys)
    )
    columns = ["as_of", "first", "second", *FUNDER_CELL_KEYS, "projects", "money_first"]
    conn.execute(insert(FunderPairCell).from_select(columns, pairs))
