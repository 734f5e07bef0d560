""" "Since the last meeting": what changed in the viewer's projects between a date and today.

Indicators that moved status (newly achieved; slipped to at risk or off track), new
measurements and stories, projects started or finished. Statuses at the since date are
computed from the measurements up to it (``rules`` through ``sql_rules``), so any date works,
not only the snapshot dates. That per-indicator work is done once per pair of dates (since,
today) and kept per project (``project_change``, built on first use like the progress
snapshots; at most ``KEPT_SINCE_DATES`` since dates a day, others are computed each time).
The projects come from ``data_access.scope``; aggregate viewers get the figures suppressed
like every other aggregate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import (
    Connection,
    Date,
    Engine,
    Integer,
    String,
    and_,
    case,
    cast,
    delete,
    func,
    insert,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.exc import IntegrityError, OperationalError

from data_access import rollups, scope, sql_rules
from data_access.facts import LatestValues, can_materialize, maybe_materialized, typed_frame
from data_access.filters import PortfolioFilter
from data_access.models import (
    Indicator,
    Measurement,
    Project,
    ProjectChange,
    SinceSnapshot,
    Story,
)
from data_access.viewer import Viewer

KINDS = ("achieved", "slipped", "measurements", "stories", "started", "finished")
SUMMARY_COLUMNS = {"kind": "string", "items": "int64", "projects": "int64", "suppressed": "bool"}
CHANGE_COLUMNS = {
    "project_id": "int64",
    "name": "string",
    **{kind: "int64" for kind in KINDS},
}
LIST_LIMIT = 100
KEPT_SINCE_DATES = 12  # per day: the default, a few quarter-ends, some links
_RANK = {"achieved": 0, "on_track": 1, "at_risk": 2, "off_track": 3}


@dataclass(frozen=True)
class Changes:
    """What changed: one row per kind, and (detail viewers only) one row per project."""

    summary: pd.DataFrame
    projects: pd.DataFrame | None
    # How many projects changed in all (detail viewers); ``projects`` lists the first
    # LIST_LIMIT of them, those with the most changes.
    changed: int = 0


def changes_since(
    engine: Engine,
    viewer: Viewer,
    filt: PortfolioFilter,
    since: dt.date,
    today: dt.date,
    lens: scope.Lens | None = None,
    use_snapshot: bool = True,
) -> Changes:
    """The changes in the viewer's projects (for ``lens``: its portfolio's by default)
    between ``since`` (excluded) and ``today`` (included). The status moves and new
    measurements come from ``project_change`` when that pair of dates is (or can now be)
    kept there, and with ``use_snapshot=False`` are worked out from the indicators."""
    lens = lens or scope.portfolio_lens(viewer)
    materialize = can_materialize(engine)
    projects = scope.scoped_projects(viewer, filt, lens, materialize)
    kept = use_snapshot and ensure_changes(engine, since, today)
    per_project = maybe_materialized(
        _per_project(projects, since, today, materialize, kept).cte("changed"), materialize
    )
    detail = lens is scope.Lens.DETAIL
    # One statement for the figures and (in detail) the list: the changes are worked out once.
    parts = [
        select(
            literal(kind).label("kind"),
            func.coalesce(func.sum(per_project.c[kind]), 0).label("items"),
            func.count(case((per_project.c[kind] > 0, 1))).label("projects"),
            cast(null(), Integer).label("project_id"),
            cast(null(), String).label("name"),
            *[literal(0).label(k) for k in KINDS],
        )
        for kind in KINDS
    ]
    if detail:
        listed = (
            select(Project.id.label("project_id"), Project.name, *[per_project.c[k] for k in KINDS])
            .join(Project, Project.id == per_project.c.project_id)
            .order_by(*[per_project.c[k].desc() for k in KINDS[:2]], Project.name)
            .limit(LIST_LIMIT)
            .subquery("listed")
        )
        parts.append(
            select(
                literal("changed").label("kind"),
                func.count().label("items"),
                func.count().label("projects"),
                cast(null(), Integer).label("project_id"),
                cast(null(), String).label("name"),
                *[literal(0).label(k) for k in KINDS],
            ).select_from(per_project)
        )
        parts.append(
            select(
                literal("project").label("kind"),
                literal(0).label("items"),
                literal(0).label("projects"),
                listed.c.project_id,
                listed.c.name,
                *[listed.c[k] for k in KINDS],
            )
        )
    rows = scope.read(engine, union_all(*parts))
    summary = typed_frame([r for r in rows if r["kind"] in KINDS], SUMMARY_COLUMNS)
    summary = scope.suppress_rows(summary, lens)
    if not detail:
        return Changes(summary, None)
    listed_rows = [r for r in rows if r["kind"] == "project"]
    order = [k for k in KINDS[:2]]
    changes = typed_frame(listed_rows, CHANGE_COLUMNS)
    changes = changes.sort_values(
        [*order, "name"], ascending=[False] * len(order) + [True], kind="stable"
    ).reset_index(drop=True)
    changed = next((int(r["items"]) for r in rows if r["kind"] == "changed"), len(changes))
    return Changes(summary, changes, changed)


def _per_project(projects, since: dt.date, today: dt.date, materialize: bool, kept: bool):
    """Per project with any change: the count of each kind of change."""
    if kept:
        change = ProjectChange
        indicator_changes = (
            select(change.project_id, change.achieved, change.slipped, change.measurements)
            .where(
                change.since == since,
                change.as_of == today,
                change.project_id.in_(select(projects.c.id)),
            )
            .subquery("kept_changes")
        )
    else:
        indicator_changes = _indicator_changes(projects, since, today, materialize).subquery(
            "indicator_changes"
        )
    stories = (
        select(Story.project_id, func.count().label("stories"))
        .where(
            Story.period_end > since,
            Story.period_end <= today,
            Story.project_id.in_(select(projects.c.id)),
        )
        .group_by(Story.project_id)
        .subquery("new_stories")
    )
    started = and_(Project.start_date > since, Project.start_date <= today)
    finished = and_(Project.end_date > since, Project.end_date <= today)
    dates = (
        select(
            Project.id.label("project_id"),
            case((started, 1), else_=0).label("started"),
            case((finished, 1), else_=0).label("finished"),
        )
        # Only the projects that started or finished: the others add nothing.
        .where(or_(started, finished), Project.id.in_(select(projects.c.id)))
        .subquery("project_dates")
    )

    def row(source, **given):
        """One part of the union: the given kinds' counts, 0 for the others."""
        return select(
            source.c.project_id.label("project_id"),
            *[given.get(kind, literal(0)).label(kind) for kind in KINDS],
        )

    found = indicator_changes.c
    rows = union_all(
        row(
            indicator_changes,
            achieved=found.achieved,
            slipped=found.slipped,
            measurements=found.measurements,
        ),
        row(stories, stories=stories.c.stories),
        row(dates, started=dates.c.started, finished=dates.c.finished),
    ).subquery("change_rows")
    any_change = sum((rows.c[kind] for kind in KINDS[1:]), rows.c[KINDS[0]])
    return (
        select(rows.c.project_id, *[func.sum(rows.c[kind]).label(kind) for kind in KINDS])
        .group_by(rows.c.project_id)
        .having(func.sum(any_change) > 0)
    )


def _indicator_changes(projects, since: dt.date, today: dt.date, materialize: bool):
    """Per project (of ``projects``, a CTE with ``id``) with any: indicators newly achieved,
    indicators slipped, and measurements of periods after ``since`` up to ``today``."""
    moved = _status_moves(projects, since, today, materialize)
    in_range = and_(Measurement.period_end > since, Measurement.period_end <= today)
    measurements = (
        select(Indicator.project_id, func.count().label("measurements"))
        .select_from(Measurement)
        .join(Indicator, Indicator.id == Measurement.indicator_id)
        .where(in_range, Indicator.project_id.in_(select(projects.c.id)))
        .group_by(Indicator.project_id)
        .subquery("new_measurements")
    )
    rows = union_all(
        select(moved.c.project_id, moved.c.achieved, moved.c.slipped, literal(0).label("m")),
        select(
            measurements.c.project_id,
            literal(0),
            literal(0),
            measurements.c.measurements,
        ),
    ).subquery("indicator_change_rows")
    achieved, slipped = func.sum(rows.c.achieved), func.sum(rows.c.slipped)
    counted = func.sum(rows.c.m)
    return (
        select(
            rows.c.project_id,
            achieved.label("achieved"),
            slipped.label("slipped"),
            counted.label("measurements"),
        )
        .group_by(rows.c.project_id)
        .having(achieved + slipped + counted > 0)
    )


def ensure_changes(engine: Engine, since: dt.date, today: dt.date) -> bool:
    """Whether ``project_change`` holds the pair (``since``, ``today``); builds it first
    when fewer than ``KEPT_SINCE_DATES`` since dates are kept for today (about as long as
    one view computing it, once), dropping pairs of earlier days."""
    with engine.connect() as conn:
        kept = conn.execute(select(SinceSnapshot.since).where(SinceSnapshot.as_of == today))
        kept = {row.since for row in kept}
    if since in kept:
        return True
    if len(kept) >= KEPT_SINCE_DATES:
        return False
    try:
        with engine.begin() as conn, rollups.short_lock_wait(conn):
            conn.execute(insert(SinceSnapshot).values(since=since, as_of=today))
            conn.execute(delete(SinceSnapshot).where(SinceSnapshot.as_of < today))
            build_changes(conn, since, today, None)
    except IntegrityError:
        return True  # built by another worker meanwhile
    except OperationalError:
        return False  # a writer holds the database: compute this time
    _analyze_changes(engine)
    return True


def _analyze_changes(engine: Engine) -> None:
    """Fresh PostgreSQL statistics for the rows just built, or the planner takes them for
    none (3 s instead of 0.1 s at ``large``). Apart from the build, so that a failure here
    (a deadlock with another ANALYZE) costs only the statistics."""
    if engine.dialect.name != "postgresql":
        return
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"ANALYZE {ProjectChange.__tablename__}")
    except OperationalError:
        pass  # autovacuum comes by later


def build_changes(conn: Connection, since: dt.date, as_of: dt.date, project_ids) -> None:
    """Insert the ``project_change`` rows of (``since``, ``as_of``) for ``project_ids`` (or
    every project); ``rollups.refresh`` calls it for the projects it refreshes."""
    where = [] if project_ids is None else [Project.id.in_(sorted(project_ids))]
    materialize = can_materialize(conn.engine)
    projects = maybe_materialized(
        select(Project.id).where(*where).cte("change_projects"), materialize
    )
    rows = _indicator_changes(projects, since, as_of, materialize).subquery("changes")
    stmt = select(
        literal(since, Date),
        literal(as_of, Date),
        rows.c.project_id,
        rows.c.achieved,
        rows.c.slipped,
        rows.c.measurements,
    )
    columns = ["since", "as_of", "project_id", "achieved", "slipped", "measurements"]
    conn.execute(insert(ProjectChange).from_select(columns, stmt))


def _status_moves(projects, since: dt.date, today: dt.date, materialize: bool):
    """Per project: indicators achieved today but not at ``since``, and indicators at risk
    or off track today that stood better at ``since`` (measured both times)."""
    then, now = LatestValues(since), LatestValues(today)
    values = maybe_materialized(
        select(
            Indicator.project_id,
            Indicator.baseline_value,
            Indicator.target_value,
            Indicator.direction,
            Indicator.baseline_date,
            Indicator.target_date,
            then.value.label("then_value"),
            now.value.label("now_value"),
        )
        .where(
            Indicator.measure_kind != "qualitative",
            Indicator.project_id.in_(select(projects.c.id)),
            # Nothing measured by today: no status to move.
            Indicator.latest_period_end.is_not(None),
        )
        .cte("since_values"),
        materialize,
    )

    def status_at(value, day: dt.date):
        progress = sql_rules.progress(
            values.c.baseline_value, values.c.target_value, value, values.c.direction
        )
        expected = sql_rules.expected_progress(
            values.c.baseline_date, values.c.target_date, literal(day, Date)
        )
        return sql_rules.status(progress, expected)

    statuses = maybe_materialized(
        select(
            values.c.project_id,
            _rank(status_at(values.c.then_value, since)).label("then_rank"),
            _rank(status_at(values.c.now_value, today)).label("now_rank"),
        ).cte("since_statuses"),
        materialize,
    )
    newly = func.coalesce(statuses.c.then_rank, -1) != 0
    achieved = case((and_(statuses.c.now_rank == 0, newly), 1), else_=0)
    slipped = case(
        (
            and_(
                statuses.c.now_rank >= 2,
                statuses.c.then_rank.is_not(None),
                statuses.c.then_rank < statuses.c.now_rank,
            ),
            1,
        ),
        else_=0,
    )
    return (
        select(
            statuses.c.project_id,
            func.sum(achieved).label("achieved"),
            func.sum(slipped).label("slipped"),
        )
        .group_by(statuses.c.project_id)
        .subquery("moved")
    )


def _rank(status):
    """A status as a number (achieved 0 … off track 3; no data NULL), so moves compare."""
    return case(*[(status == name, rank) for name, rank in _RANK.items()], else_=None)
