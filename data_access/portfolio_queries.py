"""The Portfolio's queries: parametrised ``select()`` in, fixed-column DataFrames out.

Every function takes the viewer (who asks) and a filter; the projects come from
``data_access.scope`` (detail for the viewer's own portfolio, suppressed aggregates for the
network's) and aggregates are computed in SQL with ``data_access.sql_rules``.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import (
    Engine,
    Float,
    String,
    case,
    cast,
    distinct,
    func,
    literal,
    select,
    union_all,
)

from data_access import frames, rollups, scope
from data_access.facts import (
    STATUS_COLUMNS,
    can_materialize,
    indicator_facts,
    maybe_materialized,
    period_key,
    quarter_end,
    status_counts,
    typed_frame,
    unit_counts,
    unit_rows,
)
from data_access.filters import PortfolioFilter
from data_access.models import (
    Grant,
    PortfolioCell,
    ProgressByQuarter,
    ProjectProgress,
    QuarterCell,
    UnitCell,
)
from data_access.viewer import Viewer
from data_access.vocabulary import PEOPLE_UNIT, STATUSES

KEY_FIGURE_COLUMNS = {
    "projects": "int64",
    "money_eur": "float64",
    "indicators": "int64",
    **STATUS_COLUMNS,
    "avg_progress": "float64",
    "people_reached": "float64",
    "people_projects": "int64",
    "suppressed": "bool",
}
THEME_COLUMNS = {
    "theme": "string",
    "sub_theme": "string",
    "projects": "int64",
    "money_eur": "float64",
    "indicators": "int64",
    "measured": "int64",
    "avg_progress": "float64",
    **STATUS_COLUMNS,
    "suppressed": "bool",
}
TIMELINE_COLUMNS = {
    "theme": "string",
    "period_end": "datetime64[s]",
    "indicators": "int64",
    "projects": "int64",
    "avg_progress": "float64",
    "avg_expected": "float64",
    "suppressed": "bool",
}
UNIT_COLUMNS = {
    "unit": "string",
    "measure_kind": "string",
    "indicator": "string",
    "indicators": "int64",
    "projects": "int64",
    "total": "float64",
    "suppressed": "bool",
}
INDICATOR_COLUMNS = {
    "indicator_id": "int64",
    "project_id": "int64",
    "theme": "string",
    "sub_theme": "string",
    "latest_value": "float64",
    "progress": "float64",
    "expected": "float64",
    "capped_progress": "float64",
    "status": "string",
}
ROLLUP_COLUMNS = {"level": "string", **THEME_COLUMNS}


def indicator_progress(
    engine: Engine, viewer: Viewer, filt: PortfolioFilter, today: dt.date | None = None
) -> pd.DataFrame:
    """One row per quantitative indicator in view, with its latest value, progress and status.

    Rows are detail: only the projects the viewer sees in detail (none for the network).
    """
    as_of = filt.as_of(today or dt.date.today())
    materialize = can_materialize(engine)
    projects = scope.scoped_projects(viewer, filt, scope.Lens.DETAIL, materialize)
    facts = indicator_facts(projects, as_of, materialize)
    stmt = select(facts).order_by(facts.c.indicator_id)
    return typed_frame(scope.read(engine, stmt), INDICATOR_COLUMNS)


def portfolio_rollup(
    engine: Engine,
    viewer: Viewer,
    filt: PortfolioFilter,
    today: dt.date | None = None,
    snapshots: bool = True,
) -> pd.DataFrame:
    """Projects, money, indicators, average capped progress and status counts at three levels
    in one statement: ``level`` "total" (one row, also when nothing matches), "theme" and
    "sub_theme".

    Views over whole cells add up the roll-up cells of the as-of date (``portfolio_cell``,
    built with its snapshot). Otherwise, per project, the indicator figures come from
    ``project_progress`` when it holds the as-of date (built on first use for today and past
    year-ends), else from the indicators; ``snapshots=False`` always takes the indicators
    (tests compare the two).
    """
    today = today or dt.date.today()
    as_of = filt.as_of(today)
    lens = scope.portfolio_lens(viewer)
    snapshot = snapshots and rollups.ensure_snapshot(engine, as_of, dt.date.today())
    if snapshot and _takes_whole_cells(viewer, filt):
        groups = _rollup_cells(viewer, filt, lens, as_of)
    else:
        groups = _rollup_projects(engine, viewer, filt, lens, as_of, snapshot)

    def level(name: str, *keys):
        measured = func.sum(groups.c.measured)
        return select(
            literal(name, String).label("level"),
            groups.c.theme if keys else literal(None, String).label("theme"),
            groups.c.sub_theme if len(keys) > 1 else literal(None, String).label("sub_theme"),
            func.coalesce(func.sum(groups.c.projects), 0).label("projects"),
            func.coalesce(func.sum(groups.c.money), 0).label("money_eur"),
            func.coalesce(func.sum(groups.c.indicators), 0).label("indicators"),
            func.coalesce(measured, 0).label("measured"),
            (func.sum(groups.c.progress_sum) / func.nullif(measured, 0)).label("avg_progress"),
            *[func.coalesce(func.sum(groups.c[s]), 0).label(s) for s in STATUSES],
        ).group_by(*keys)

    stmt = union_all(
        level("total"),
        level("theme", groups.c.theme),
        level("sub_theme", groups.c.theme, groups.c.sub_theme),
    )
    frame = frames.typed_frame(scope.read(engine, stmt), ROLLUP_COLUMNS)
    order = {"total": 0, "theme": 1, "sub_theme": 2}
    frame = frame.sort_values(
        ["level", "theme", "sub_theme"], key=lambda c: c.map(order) if c.name == "level" else c
    ).reset_index(drop=True)
    return scope.suppress_tree(frame, lens)


_ROLLUP_SUMS = ("indicators", "measured", "progress_sum", *STATUSES)


def _rollup_cells(viewer: Viewer, filt: PortfolioFilter, lens: scope.Lens, as_of: dt.date):
    """The roll-up cells in view at ``as_of`` (a few hundred rows), with the columns the
    roll-up's levels add up: theme, sub_theme, projects, money and ``_ROLLUP_SUMS``."""
    cells = scope.scoped_cells(viewer, filt, lens, PortfolioCell)
    return (
        select(
            cells.c.theme,
            cells.c.sub_theme,
            cells.c.projects,
            cells.c.money_eur.label("money"),
            *[cells.c[name] for name in _ROLLUP_SUMS],
        )
        .where(cells.c.as_of == as_of)
        .cte("per_cell")
    )


def _rollup_projects(
    engine: Engine,
    viewer: Viewer,
    filt: PortfolioFilter,
    lens: scope.Lens,
    as_of: dt.date,
    snapshot: bool,
):
    """One row per project in view (``projects`` = 1), with its money and indicator figures
    (from ``project_progress`` when ``snapshot``, else from the indicators)."""
    materialize = can_materialize(engine)
    projects = scope.scoped_projects(viewer, filt, lens, materialize)
    money = (
        select(Grant.project_id, func.sum(Grant.amount_eur).label("money"))
        .where(*scope.grant_conditions(viewer, filt, select(projects.c.id)))
        .group_by(Grant.project_id)
        .subquery("money")
    )
    if snapshot:
        indicator_stats = (
            select(
                ProjectProgress.project_id,
                *[ProjectProgress.__table__.c[name] for name in _ROLLUP_SUMS],
            )
            .where(ProjectProgress.as_of == as_of)
            .subquery("indicator_stats")
        )
    else:
        indicator_stats = _indicator_stats(projects, as_of, materialize)
    return maybe_materialized(
        select(
            projects.c.id,
            projects.c.theme,
            projects.c.sub_theme,
            literal(1).label("projects"),
            func.coalesce(money.c.money, 0).label("money"),
            func.coalesce(indicator_stats.c.indicators, 0).label("indicators"),
            func.coalesce(indicator_stats.c.measured, 0).label("measured"),
            indicator_stats.c.progress_sum,
            *[func.coalesce(indicator_stats.c[status], 0).label(status) for status in STATUSES],
        )
        .outerjoin(money, money.c.project_id == projects.c.id)
        .outerjoin(indicator_stats, indicator_stats.c.project_id == projects.c.id)
        .cte("per_project"),
        materialize,
    )


def _indicator_stats(projects, as_of: dt.date, materialize: bool):
    """Per project: its indicators, how many measured, capped progress sum, status counts."""
    facts = indicator_facts(projects, as_of, materialize)
    return (
        select(
            facts.c.project_id,
            func.count().label("indicators"),
            func.count(facts.c.progress).label("measured"),
            func.sum(facts.c.capped_progress).label("progress_sum"),
            *status_counts(facts.c.status),
        )
        .group_by(facts.c.project_id)
        .subquery("indicator_stats")
    )


@dataclass(frozen=True)
class PortfolioOverview:
    """Everything the Portfolio view shows for one viewer and filter."""

    key_figures: pd.DataFrame
    themes: pd.DataFrame
    sub_themes: pd.DataFrame
    timeline: pd.DataFrame
    units: pd.DataFrame


def portfolio_overview(
    engine: Engine, viewer: Viewer, filt: PortfolioFilter, today: dt.date | None = None
) -> PortfolioOverview:
    """The three portfolio statements, run side by side on their own connections: the
    database works on them in parallel (the driver releases the GIL while it waits)."""
    today = today or dt.date.today()
    with ThreadPoolExecutor(max_workers=3) as pool:
        rollup = pool.submit(portfolio_rollup, engine, viewer, filt, today)
        units = pool.submit(unit_totals, engine, viewer, filt, today)
        timeline = pool.submit(progress_over_time, engine, viewer, filt, today)
        rollup, units, timeline = rollup.result(), units.result(), timeline.result()
    themes = rollup_level(rollup, "theme")
    # A theme hidden among the totals stays hidden in the timeline of the same page.
    hidden = set(themes.theme[themes.suppressed])
    timeline = scope.hide_groups(
        timeline, scope.portfolio_lens(viewer), "theme", hidden, keep=("period_end",)
    )
    return PortfolioOverview(
        key_figures=key_figures_from(rollup, units),
        themes=themes,
        sub_themes=rollup_level(rollup, "sub_theme"),
        timeline=timeline,
        units=units,
    )


def key_figures_from(rollup: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """The key figures: the rollup's total row, with people reached from the unit totals."""
    total = rollup[rollup.level == "total"].iloc[0]
    people = units[(units.unit == PEOPLE_UNIT) & (units.measure_kind == "number")]
    row = {name: total[name] for name in KEY_FIGURE_COLUMNS if name in total.index}
    row["people_reached"] = people.total.iloc[0] if len(people) else None
    row["people_projects"] = people.projects.iloc[0] if len(people) else 0
    # The same dtypes as the rows they come from: whole numbers in detail, floats (NaN where
    # hidden) in suppressed aggregates.
    dtypes = {name: rollup[name].dtype for name in KEY_FIGURE_COLUMNS if name in rollup.columns}
    dtypes.update(people_reached="float64", people_projects=units.projects.dtype)
    frame = pd.DataFrame([row], columns=list(KEY_FIGURE_COLUMNS)).astype(dtypes)
    frame["suppressed"] = bool(total.suppressed)
    return frame


def key_figures(
    engine: Engine, viewer: Viewer, filt: PortfolioFilter, today: dt.date | None = None
) -> pd.DataFrame:
    """One row: projects, money granted, indicators by status, average progress, people
    reached (only indicators counted in persons that may be summed)."""
    rollup = portfolio_rollup(engine, viewer, filt, today)
    return key_figures_from(rollup, unit_totals(engine, viewer, filt, today))


def theme_summary(
    engine: Engine,
    viewer: Viewer,
    filt: PortfolioFilter,
    today: dt.date | None = None,
    level: str = "sub_theme",
) -> pd.DataFrame:
    """Per theme (``level="theme"``) or per theme and sub-theme: projects, money, indicators,
    average capped progress and status counts."""
    if level not in ("theme", "sub_theme"):
        raise ValueError(f"level must be 'theme' or 'sub_theme', not {level!r}")
    return rollup_level(portfolio_rollup(engine, viewer, filt, today), level)


def rollup_level(rollup: pd.DataFrame, level: str) -> pd.DataFrame:
    """The rows of one level of a portfolio rollup, with THEME_COLUMNS."""
    rows = rollup[rollup.level == level]
    return rows[list(THEME_COLUMNS)].reset_index(drop=True)


def progress_over_time(
    engine: Engine, viewer: Viewer, filt: PortfolioFilter, today: dt.date | None = None
) -> pd.DataFrame:
    """Per theme and quarter: average capped progress of the measurements of that quarter,
    next to the progress expected at their dates (from the progress_by_quarter rollup, or
    its cells when the view takes in whole cells)."""
    as_of = filt.as_of(today or dt.date.today())
    lens = scope.portfolio_lens(viewer)
    if _takes_whole_cells(viewer, filt):
        cells = scope.scoped_cells(viewer, filt, lens, QuarterCell)
        source, table, theme = cells, cells.c, cells.c.theme
        project_count = func.sum(table.projects)  # cells never share a project
    else:
        projects = scope.scoped_projects(viewer, filt, lens, can_materialize(engine))
        quarters = ProgressByQuarter.__table__
        source = quarters.join(projects, projects.c.id == quarters.c.project_id)
        table, theme = quarters.c, projects.c.theme
        project_count = func.count(distinct(table.project_id))
    quarter_key = table.year * 10 + table.quarter
    conditions = [quarter_key <= period_key(as_of)]
    if filt.period_start:
        conditions.append(quarter_key >= period_key(filt.period_start))
    total = func.sum(table.measurements)
    stmt = (
        select(
            theme.label("theme"),
            table.year,
            table.quarter,
            total.label("indicators"),
            project_count.label("projects"),
            (func.sum(table.progress_sum) / total).label("avg_progress"),
            (func.sum(table.expected_sum) / total).label("avg_expected"),
        )
        .select_from(source)
        .where(*conditions)
        .group_by(theme, table.year, table.quarter)
        .order_by(theme, table.year, table.quarter)
    )
    rows = scope.read(engine, stmt)
    for item in rows:
        item["period_end"] = quarter_end(int(item.pop("year")), int(item.pop("quarter")))
    frame = frames.typed_frame(rows, TIMELINE_COLUMNS)
    return scope.suppress_rows(frame, lens, keep=("period_end",))


def unit_totals(
    engine: Engine, viewer: Viewer, filt: PortfolioFilter, today: dt.date | None = None
) -> pd.DataFrame:
    """Totals over the indicators that may be summed. Numbers add up per unit (cumulative ones
    with their latest value, periodic ones with the sum over the period); percentages pool per
    indicator name (the same question in several projects) as Σ numerator / Σ denominator of
    the latest measurements. Views of whole cells add up the unit cells of the as-of date."""
    as_of = filt.as_of(today or dt.date.today())
    lens = scope.portfolio_lens(viewer)
    if _takes_whole_cells(viewer, filt) and rollups.ensure_snapshot(engine, as_of, dt.date.today()):
        cells = scope.scoped_cells(viewer, filt, lens, UnitCell).c
        groups = [cells.unit, cells.measure_kind, cells.indicator]
        pooled = 100.0 * func.sum(cells.numerator) / func.nullif(func.sum(cells.denominator), 0)
        aggregates = [
            func.sum(cells.indicators).label("indicators"),
            func.sum(cells.projects).label("projects"),  # cells never share a project
            _unit_total(cells.measure_kind, pooled, func.sum(cells.contribution)),
        ]
        stmt = (
            select(*groups, *aggregates)
            .where(cells.as_of == as_of)
            .group_by(*groups)
            .order_by(*groups)
        )
    else:
        materialize = can_materialize(engine)
        projects = scope.scoped_projects(viewer, filt, lens, materialize)
        rows = unit_rows(projects, as_of, filt.period_start, materialize)
        groups = [rows.c.unit, rows.c.measure_kind, rows.c.indicator]
        pooled = 100.0 * func.sum(rows.c.num) / func.nullif(func.sum(rows.c.den), 0)
        aggregates = [
            *unit_counts(rows),
            _unit_total(rows.c.measure_kind, pooled, func.sum(rows.c.contribution)),
        ]
        stmt = select(*groups, *aggregates).group_by(*groups).order_by(*groups)
    frame = frames.typed_frame(scope.read(engine, stmt), UNIT_COLUMNS)
    return scope.suppress_rows(frame, lens)


def _unit_total(measure_kind, pooled, summed):
    """A unit's total: percentages pooled, numbers summed (one measure kind per group)."""
    total = case((func.max(measure_kind) == "percentage", pooled), else_=summed)
    return cast(total, Float).label("total")


# --- cells -------------------------------------------------------------------------------


def _takes_whole_cells(viewer: Viewer, filt: PortfolioFilter) -> bool:
    """Whether the view may add up cells instead of projects (``scope.takes_whole_cells``)."""
    return scope.takes_whole_cells(viewer, filt)
