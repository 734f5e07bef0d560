""" "Since the last meeting": what changed in the viewer's projects between a date and today.

Indicators that moved status (newly achieved; slipped to at risk or off track), new
measurements and stories, projects started or finished. Statuses at the since date are
computed from the measurements up to it (``rules`` through ``sql_rules``), so any date works,
not only the snapshot dates. The projects come from ``data_access.scope``; aggregate viewers
get the figures suppressed like every other aggregate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import (
    Date,
    Engine,
    Integer,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    null,
    select,
    union_all,
)

from data_access import scope, sql_rules
from data_access.facts import LatestValues, can_materialize, maybe_materialized, typed_frame
from data_access.filters import PortfolioFilter
from data_access.models import Indicator, Measurement, Project, Story
from data_access.viewer import Viewer

KINDS = ("achieved", "slipped", "measurements", "stories", "started", "finished")
SUMMARY_COLUMNS = {"kind": "string", "items": "int64", "projects": "int64", "suppressed": "bool"}
CHANGE_COLUMNS = {
    "project_id": "int64",
    "name": "string",
    **{kind: "int64" for kind in KINDS},
}
LIST_LIMIT = 300
_RANK = {"achieved": 0, "on_track": 1, "at_risk": 2, "off_track": 3}


@dataclass(frozen=True)
class Changes:
    """What changed: one row per kind, and (detail viewers only) one row per project."""

    summary: pd.DataFrame
    projects: pd.DataFrame | None


def changes_since(
    engine: Engine,
    viewer: Viewer,
    filt: PortfolioFilter,
    since: dt.date,
    today: dt.date,
    lens: scope.Lens | None = None,
) -> Changes:
    """The changes in the viewer's projects (for ``lens``: its portfolio's by default)
    between ``since`` (excluded) and ``today`` (included)."""
    lens = lens or scope.portfolio_lens(viewer)
    materialize = can_materialize(engine)
    projects = scope.scoped_projects(viewer, filt, lens, materialize)
    per_project = maybe_materialized(
        _per_project(projects, since, today, materialize).cte("changed"), materialize
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
                literal("project").label("kind"),
                literal(0).label("items"),
                literal(0).label("projects"),
                listed.c.project_id,
                listed.c.name,
                *[listed.c[k] for k in KINDS],
            )
        )
    rows = scope.read(engine, union_all(*parts))
    summary = typed_frame([r for r in rows if r["kind"] != "project"], SUMMARY_COLUMNS)
    summary = scope.suppress_rows(summary, lens)
    if not detail:
        return Changes(summary, None)
    listed_rows = [r for r in rows if r["kind"] == "project"]
    order = [k for k in KINDS[:2]]
    changes = typed_frame(listed_rows, CHANGE_COLUMNS)
    changes = changes.sort_values(
        [*order, "name"], ascending=[False] * len(order) + [True], kind="stable"
    ).reset_index(drop=True)
    return Changes(summary, changes)


def _per_project(projects, since: dt.date, today: dt.date, materialize: bool):
    """Per project with any change: the count of each kind of change."""
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
    dates = (
        select(
            Project.id.label("project_id"),
            case((and_(Project.start_date > since, Project.start_date <= today), 1), else_=0).label(
                "started"
            ),
            case((and_(Project.end_date > since, Project.end_date <= today), 1), else_=0).label(
                "finished"
            ),
        )
        .where(Project.id.in_(select(projects.c.id)))
        .subquery("project_dates")
    )

    def row(source, **given):
        """One part of the union: the given kinds' counts, 0 for the others."""
        return select(
            source.c.project_id.label("project_id"),
            *[given.get(kind, literal(0)).label(kind) for kind in KINDS],
        )

    rows = union_all(
        row(moved, achieved=moved.c.achieved, slipped=moved.c.slipped),
        row(measurements, measurements=measurements.c.measurements),
        row(stories, stories=stories.c.stories),
        row(dates, started=dates.c.started, finished=dates.c.finished),
    ).subquery("change_rows")
    any_change = sum((rows.c[kind] for kind in KINDS[1:]), rows.c[KINDS[0]])
    return (
        select(rows.c.project_id, *[func.sum(rows.c[kind]).label(kind) for kind in KINDS])
        .group_by(rows.c.project_id)
        .having(func.sum(any_change) > 0)
    )


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
