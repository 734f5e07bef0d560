"""Viewer-scoped portfolio queries: parametrised ``select()`` in, fixed-column DataFrames out.

Every function takes the viewer (who asks) and a filter. Aggregates are computed in SQL with
the expressions of ``data_access.sql_rules``; pandas only holds the (small) results.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import (
    Date,
    Engine,
    Float,
    Select,
    String,
    case,
    cast,
    distinct,
    exists,
    false,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
)

from data_access import sql_rules
from data_access.filters import PortfolioFilter
from data_access.models import (
    Funder,
    Grant,
    Indicator,
    Measurement,
    ProgressByQuarter,
    Project,
)
from data_access.viewer import Viewer
from data_access.vocabulary import PEOPLE_UNIT, STATUSES

# Aggregates shown to the network that cover fewer projects than this are suppressed.
SMALL_GROUP = 3

STATUS_COLUMNS = {status: "int64" for status in STATUSES}

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
FUNDER_OPTION_COLUMNS = {"funder_id": "int64", "name": "string"}


# --- scope -------------------------------------------------------------------------------


def project_conditions(viewer: Viewer, filt: PortfolioFilter) -> list:
    """WHERE conditions on ``Project``: what the viewer may see, narrowed by the filter."""
    conditions = [_viewer_projects(viewer)]
    if filt.funder_ids:
        conditions.append(_funded_by(filt.funder_ids))
    if filt.themes:
        conditions.append(Project.theme.in_(filt.themes))
    if filt.sub_themes:
        conditions.append(Project.sub_theme.in_(filt.sub_themes))
    if filt.regions:
        conditions.append(Project.region.in_(filt.regions))
    if filt.period_start:
        conditions.append(or_(Project.end_date.is_(None), Project.end_date >= filt.period_start))
    if filt.period_end:
        conditions.append(Project.start_date <= filt.period_end)
    return conditions


def _viewer_projects(viewer: Viewer):
    if viewer.role == "admin":
        return true()
    if viewer.role == "funder":
        return _funded_by(viewer.funder_ids)
    if viewer.role == "project":
        return Project.id.in_(sorted(viewer.project_ids))
    if viewer.role == "network":
        return Project.visibility.in_(("network", "public"))
    return false()


def _funded_by(funder_ids) -> exists:
    return exists().where(Grant.project_id == Project.id, Grant.funder_id.in_(sorted(funder_ids)))


def scoped_projects(viewer: Viewer, filt: PortfolioFilter) -> Select:
    """The projects in view, with the columns the roll-ups group by."""
    return select(Project.id, Project.theme, Project.sub_theme, Project.region).where(
        *project_conditions(viewer, filt)
    )


def projects_in_view(viewer: Viewer, filt: PortfolioFilter, materialize: bool):
    """The scoped projects as a CTE. Materialised, the (small) set of projects is found first
    and the big tables are entered through it, whatever the planner's statistics say."""
    return _maybe_materialized(scoped_projects(viewer, filt).cte("projects"), materialize)


def grant_conditions(viewer: Viewer, filt: PortfolioFilter, project_ids) -> list:
    """Grants counted as money: of projects in view, from the viewer's and the filter's funders,
    awarded within the period."""
    conditions = [Grant.project_id.in_(project_ids)]
    if viewer.role == "funder":
        conditions.append(Grant.funder_id.in_(sorted(viewer.funder_ids)))
    if filt.funder_ids:
        conditions.append(Grant.funder_id.in_(filt.funder_ids))
    if filt.period_start:
        conditions.append(Grant.awarded_on >= filt.period_start)
    if filt.period_end:
        conditions.append(Grant.awarded_on <= filt.period_end)
    return conditions


def indicator_facts(
    viewer: Viewer,
    filt: PortfolioFilter,
    as_of: dt.date,
    projects=None,
    materialize: bool = False,
):
    """One row per quantitative indicator in view: latest value up to ``as_of``, progress,
    expected progress and status (a CTE to aggregate over).

    ``materialize`` asks the database to compute the rows once; otherwise SQLite inlines the
    latest-value expression into every place progress and status use it.
    """
    if projects is None:
        projects = projects_in_view(viewer, filt, materialize)
    latest = LatestValues(as_of)
    progress = sql_rules.progress(
        Indicator.baseline_value, Indicator.target_value, latest.value, Indicator.direction
    )
    expected = sql_rules.expected_progress(
        Indicator.baseline_date, Indicator.target_date, literal(as_of, Date)
    )
    measured = (
        select(
            Indicator.id.label("indicator_id"),
            Indicator.project_id,
            projects.c.theme,
            projects.c.sub_theme,
            latest.value.label("latest_value"),
            progress.label("progress"),
            expected.label("expected"),
        )
        .join(projects, projects.c.id == Indicator.project_id)
        .where(Indicator.measure_kind != "qualitative")
    )
    measured = _maybe_materialized(measured.cte("measured"), materialize)
    return select(
        measured,
        sql_rules.capped(measured.c.progress).label("capped_progress"),
        sql_rules.status(measured.c.progress, measured.c.expected).label("status"),
    ).cte("facts")


class LatestValues:
    """SQL for an indicator's latest measured value, numerator and denominator up to a date.

    Uses the ``indicator.latest_*`` snapshot when it is not after ``as_of`` (the usual "as of
    today"); otherwise looks the measurement up through the (indicator, period) index.
    """

    def __init__(self, as_of: dt.date):
        self.as_of = as_of
        self.value = self._pick(Indicator.latest_value, Measurement.value)
        self.numerator = self._pick(Indicator.latest_numerator, Measurement.numerator)
        self.denominator = self._pick(Indicator.latest_denominator, Measurement.denominator)

    def _pick(self, snapshot_column, measurement_column):
        looked_up = (
            select(measurement_column)
            .where(
                Measurement.indicator_id == Indicator.id,
                Measurement.period_end <= self.as_of,
                Measurement.value.is_not(None),
            )
            .order_by(Measurement.period_end.desc())
            .limit(1)
            .correlate(Indicator)
            .scalar_subquery()
        )
        return case(
            (Indicator.latest_period_end.is_(None), None),
            (Indicator.latest_period_end <= self.as_of, snapshot_column),
            else_=looked_up,
        )


def _status_counts(status_column) -> list:
    return [
        func.coalesce(func.sum(case((status_column == status, 1), else_=0)), 0).label(status)
        for status in STATUSES
    ]


# --- queries -----------------------------------------------------------------------------


def indicator_progress(
    engine: Engine, viewer: Viewer, filt: PortfolioFilter, today: dt.date | None = None
) -> pd.DataFrame:
    """One row per quantitative indicator in view, with its latest value, progress and status.

    Not for network viewers: they see aggregates only.
    """
    if viewer.sees_aggregates_only:
        return _frame([], INDICATOR_COLUMNS)
    as_of = filt.as_of(today or dt.date.today())
    facts = indicator_facts(viewer, filt, as_of, materialize=_can_materialize(engine))
    stmt = select(facts).order_by(facts.c.indicator_id)
    with engine.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(stmt)]
    return _frame(rows, INDICATOR_COLUMNS)


def portfolio_rollup(
    engine: Engine, viewer: Viewer, filt: PortfolioFilter, today: dt.date | None = None
) -> pd.DataFrame:
    """Projects, money, indicators, average capped progress and status counts at three levels
    in one statement: ``level`` "total" (one row, also when nothing matches), "theme" and
    "sub_theme"."""
    as_of = filt.as_of(today or dt.date.today())
    materialize = _can_materialize(engine)
    projects = projects_in_view(viewer, filt, materialize)
    facts = indicator_facts(viewer, filt, as_of, projects=projects, materialize=materialize)
    money = (
        select(Grant.project_id, func.sum(Grant.amount_eur).label("money"))
        .where(*grant_conditions(viewer, filt, select(projects.c.id)))
        .group_by(Grant.project_id)
        .subquery("money")
    )
    indicator_stats = (
        select(
            facts.c.project_id,
            func.count().label("indicators"),
            func.count(facts.c.progress).label("measured"),
            func.sum(facts.c.capped_progress).label("progress_sum"),
            *_status_counts(facts.c.status),
        )
        .group_by(facts.c.project_id)
        .subquery("indicator_stats")
    )
    per_project = _maybe_materialized(
        select(
            projects.c.id,
            projects.c.theme,
            projects.c.sub_theme,
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

    def level(name: str, *groups):
        measured = func.sum(per_project.c.measured)
        return select(
            literal(name, String).label("level"),
            per_project.c.theme if groups else literal(None, String).label("theme"),
            per_project.c.sub_theme
            if len(groups) > 1
            else literal(None, String).label("sub_theme"),
            func.count(per_project.c.id).label("projects"),
            func.coalesce(func.sum(per_project.c.money), 0).label("money_eur"),
            func.coalesce(func.sum(per_project.c.indicators), 0).label("indicators"),
            func.coalesce(measured, 0).label("measured"),
            (func.sum(per_project.c.progress_sum) / func.nullif(measured, 0)).label("avg_progress"),
            *[func.coalesce(func.sum(per_project.c[s]), 0).label(s) for s in STATUSES],
        ).group_by(*groups)

    stmt = union_all(
        level("total"),
        level("theme", per_project.c.theme),
        level("sub_theme", per_project.c.theme, per_project.c.sub_theme),
    )
    with engine.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(stmt)]
    frame = _frame(rows, ROLLUP_COLUMNS)
    order = {"total": 0, "theme": 1, "sub_theme": 2}
    frame = frame.sort_values(
        ["level", "theme", "sub_theme"], key=lambda c: c.map(order) if c.name == "level" else c
    ).reset_index(drop=True)
    return _suppress(frame, viewer, "projects")


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
    return PortfolioOverview(
        key_figures=key_figures_from(rollup, units),
        themes=rollup_level(rollup, "theme"),
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
    row["people_projects"] = int(people.projects.iloc[0]) if len(people) else 0
    frame = _frame([row], KEY_FIGURE_COLUMNS)
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
    next to the progress expected at their dates (from the progress_by_quarter rollup)."""
    as_of = filt.as_of(today or dt.date.today())
    projects = projects_in_view(viewer, filt, _can_materialize(engine))
    rollup = ProgressByQuarter
    period_key = rollup.year * 10 + rollup.quarter
    conditions = [period_key <= _period_key(as_of)]
    if filt.period_start:
        conditions.append(period_key >= _period_key(filt.period_start))
    total = func.sum(rollup.measurements)
    stmt = (
        select(
            projects.c.theme,
            rollup.year,
            rollup.quarter,
            total.label("indicators"),
            func.count(distinct(rollup.project_id)).label("projects"),
            (func.sum(rollup.progress_sum) / total).label("avg_progress"),
            (func.sum(rollup.expected_sum) / total).label("avg_expected"),
        )
        .join(projects, projects.c.id == rollup.project_id)
        .where(*conditions)
        .group_by(projects.c.theme, rollup.year, rollup.quarter)
        .order_by(projects.c.theme, rollup.year, rollup.quarter)
    )
    with engine.connect() as conn:
        rows = []
        for row in conn.execute(stmt):
            item = dict(row._mapping)
            item["period_end"] = _quarter_end(int(item.pop("year")), int(item.pop("quarter")))
            rows.append(item)
    frame = _frame(rows, TIMELINE_COLUMNS)
    return _suppress(frame, viewer, "projects")


def unit_totals(
    engine: Engine, viewer: Viewer, filt: PortfolioFilter, today: dt.date | None = None
) -> pd.DataFrame:
    """Totals over the indicators that may be summed. Numbers add up per unit (cumulative ones
    with their latest value, periodic ones with the sum over the period); percentages pool per
    indicator name (the same question in several projects) as Σ numerator / Σ denominator of
    the latest measurements."""
    as_of = filt.as_of(today or dt.date.today())
    rows_in_view = _unit_rows(viewer, filt, as_of, _can_materialize(engine))
    groups = [rows_in_view.c.unit, rows_in_view.c.measure_kind, rows_in_view.c.indicator]
    stmt = select(*groups, *_unit_aggregates(rows_in_view)).group_by(*groups).order_by(*groups)
    with engine.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(stmt)]
    frame = _frame(rows, UNIT_COLUMNS)
    return _suppress(frame, viewer, "projects")


def funder_options(engine: Engine, viewer: Viewer) -> pd.DataFrame:
    """The funders the viewer may filter on, by name."""
    stmt = select(Funder.id.label("funder_id"), Funder.name).order_by(Funder.name)
    if viewer.role == "funder":
        stmt = stmt.where(Funder.id.in_(sorted(viewer.funder_ids)))
    elif viewer.role == "project":
        stmt = stmt.where(
            exists().where(
                Grant.funder_id == Funder.id, Grant.project_id.in_(sorted(viewer.project_ids))
            )
        )
    elif viewer.role == "network":
        stmt = stmt.where(Funder.named_to_network.is_(True))
    elif viewer.role != "admin":
        stmt = stmt.where(false())
    with engine.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(stmt)]
    return _frame(rows, FUNDER_OPTION_COLUMNS)


# --- unit totals -------------------------------------------------------------------------


def _unit_rows(viewer: Viewer, filt: PortfolioFilter, as_of: dt.date, materialize: bool):
    """Per summable indicator in view: what it adds to its unit's total (a CTE)."""
    projects = projects_in_view(viewer, filt, materialize)
    in_view = Indicator.project_id.in_(select(projects.c.id))
    latest = LatestValues(as_of)
    period_conditions = [
        Measurement.indicator_id == Indicator.id,
        Measurement.period_end <= as_of,
        Measurement.value.is_not(None),
    ]
    if filt.period_start:
        period_conditions.append(Measurement.period_end >= filt.period_start)
    period_sum = select(func.sum(Measurement.value)).where(*period_conditions).scalar_subquery()
    is_percentage = Indicator.measure_kind == "percentage"
    contribution = case(
        (is_percentage, None),
        (Indicator.accumulation == "cumulative", latest.value),
        else_=period_sum,
    )
    rows = (
        select(
            Indicator.id.label("indicator_id"),
            Indicator.project_id,
            Indicator.unit,
            Indicator.measure_kind,
            # Percentages pool only with the same question asked elsewhere, numbers by unit.
            case((is_percentage, Indicator.name), else_=literal("")).label("indicator"),
            contribution.label("contribution"),
            case((is_percentage, latest.numerator)).label("num"),
            case((is_percentage, latest.denominator)).label("den"),
        )
        .where(
            in_view,
            Indicator.summable.is_(True),
            Indicator.measure_kind.in_(("number", "percentage")),
        )
        .cte("unit_rows")
    )
    return _maybe_materialized(rows, materialize)


def _unit_aggregates(rows) -> list:
    """indicators, projects and total over unit rows of one unit and measure kind."""
    has_value = or_(rows.c.contribution.is_not(None), rows.c.den.is_not(None))
    pooled = 100.0 * func.sum(rows.c.num) / func.nullif(func.sum(rows.c.den), 0)
    total = case(
        (func.max(rows.c.measure_kind) == "percentage", pooled),
        else_=func.sum(rows.c.contribution),
    )
    return [
        func.count(case((has_value, rows.c.indicator_id))).label("indicators"),
        func.count(distinct(case((has_value, rows.c.project_id)))).label("projects"),
        cast(total, Float).label("total"),
    ]


# --- helpers -----------------------------------------------------------------------------


def _can_materialize(engine: Engine) -> bool:
    """Whether the database understands ``WITH ... AS MATERIALIZED`` (SQLite 3.35+, PG 12+)."""
    if engine.dialect.name == "sqlite":
        return sqlite3.sqlite_version_info >= (3, 35)
    if engine.dialect.name != "postgresql":
        return False
    if engine.dialect.server_version_info is None:  # learnt on the first connection
        with engine.connect():
            pass
    return engine.dialect.server_version_info >= (12,)


def _maybe_materialized(cte, materialize: bool):
    return cte.prefix_with("MATERIALIZED") if materialize else cte


def _period_key(day: dt.date) -> int:
    """Year and quarter as one comparable number: 2025-05-12 -> 20252."""
    return day.year * 10 + (day.month - 1) // 3 + 1


def _quarter_end(year: int, quarter: int) -> dt.date:
    month = quarter * 3
    next_month = dt.date(year + (month == 12), month % 12 + 1, 1)
    return next_month - dt.timedelta(days=1)


def _frame(rows: list[dict], columns: dict[str, str]) -> pd.DataFrame:
    """A DataFrame with exactly ``columns`` in that order and those dtypes, even when empty."""
    frame = pd.DataFrame(rows, columns=list(columns))
    for name, dtype in columns.items():
        if name == "suppressed":
            frame[name] = False
        elif dtype == "int64":
            frame[name] = pd.to_numeric(frame[name]).fillna(0).astype("int64")
        elif dtype == "float64":
            frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
        elif dtype.startswith("datetime64"):
            frame[name] = pd.to_datetime(frame[name]).astype(dtype)
        else:
            frame[name] = frame[name].astype(dtype)
    return frame


def _suppress(frame: pd.DataFrame, viewer: Viewer, count_column: str) -> pd.DataFrame:
    """For network viewers, blank every figure of a row that covers fewer than 3 projects."""
    if not viewer.sees_aggregates_only or frame.empty:
        return frame
    small = frame[count_column] < SMALL_GROUP
    frame.loc[small, "suppressed"] = True
    for name in frame.columns:
        if name in ("suppressed", count_column) or frame[name].dtype == "string":
            continue
        if name == "period_end":
            continue
        frame[name] = frame[name].astype("float64")
        frame.loc[small, name] = float("nan")
    return frame
