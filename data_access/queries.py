"""Viewer-scoped portfolio queries: parametrised ``select()`` in, fixed-column DataFrames out.

Every function takes the viewer (who asks) and a filter. Aggregates are computed in SQL with
the expressions of ``data_access.sql_rules``; pandas only holds the (small) results.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import (
    Date,
    Engine,
    Float,
    Integer,
    Select,
    and_,
    case,
    cast,
    distinct,
    exists,
    extract,
    false,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.orm import aliased

from data_access import sql_rules
from data_access.filters import PortfolioFilter
from data_access.models import Funder, Grant, Indicator, Measurement, Project
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


def indicator_facts(viewer: Viewer, filt: PortfolioFilter, as_of: dt.date):
    """One row per quantitative indicator in view: latest value up to ``as_of``, progress,
    expected progress and status (a subquery to aggregate over)."""
    projects = scoped_projects(viewer, filt).subquery("projects")
    latest_period = (
        select(Measurement.indicator_id, func.max(Measurement.period_end).label("period_end"))
        .join(Indicator, Indicator.id == Measurement.indicator_id)
        .where(
            Indicator.project_id.in_(select(projects.c.id)),
            Measurement.period_end <= as_of,
            Measurement.value.is_not(None),
        )
        .group_by(Measurement.indicator_id)
        .subquery("latest_period")
    )
    latest = aliased(Measurement, name="latest")
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
        .outerjoin(latest_period, latest_period.c.indicator_id == Indicator.id)
        .outerjoin(
            latest,
            and_(
                latest.indicator_id == latest_period.c.indicator_id,
                latest.period_end == latest_period.c.period_end,
            ),
        )
        .where(Indicator.measure_kind != "qualitative")
        .subquery("measured")
    )
    return select(
        measured,
        sql_rules.capped(measured.c.progress).label("capped_progress"),
        sql_rules.status(measured.c.progress, measured.c.expected).label("status"),
    ).subquery("facts")


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
    facts = indicator_facts(viewer, filt, filt.as_of(today or dt.date.today()))
    stmt = select(facts).order_by(facts.c.indicator_id)
    with engine.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(stmt)]
    return _frame(rows, INDICATOR_COLUMNS)


def key_figures(
    engine: Engine, viewer: Viewer, filt: PortfolioFilter, today: dt.date | None = None
) -> pd.DataFrame:
    """One row: projects, money granted, indicators by status, average progress, people
    reached (only indicators counted in persons that may be summed)."""
    as_of = filt.as_of(today or dt.date.today())
    projects = scoped_projects(viewer, filt).subquery("projects")
    facts = indicator_facts(viewer, filt, as_of)
    money = select(func.coalesce(func.sum(Grant.amount_eur), 0)).where(
        *grant_conditions(viewer, filt, select(projects.c.id))
    )
    indicator_stats = select(
        func.count().label("indicators"),
        *_status_counts(facts.c.status),
        func.avg(facts.c.capped_progress).label("avg_progress"),
    ).subquery("indicator_stats")
    unit_rows = _unit_rows(viewer, filt, as_of)
    _, people_projects, people_total = _unit_aggregates(unit_rows)
    people = (
        select(people_total, people_projects)
        .where(unit_rows.c.unit == PEOPLE_UNIT, unit_rows.c.measure_kind == "number")
        .subquery("people")
    )
    stmt = select(
        select(func.count()).select_from(projects).scalar_subquery().label("projects"),
        money.scalar_subquery().label("money_eur"),
        indicator_stats,
        select(people.c.total).scalar_subquery().label("people_reached"),
        select(people.c.projects).scalar_subquery().label("people_projects"),
    )
    with engine.connect() as conn:
        rows = [dict(conn.execute(stmt).one()._mapping)]
    frame = _frame(rows, KEY_FIGURE_COLUMNS)
    return _suppress(frame, viewer, "projects")


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
    as_of = filt.as_of(today or dt.date.today())
    projects = scoped_projects(viewer, filt).subquery("projects")
    facts = indicator_facts(viewer, filt, as_of)
    money = (
        select(Grant.project_id, func.sum(Grant.amount_eur).label("money"))
        .where(*grant_conditions(viewer, filt, select(projects.c.id)))
        .group_by(Grant.project_id)
        .subquery("money")
    )
    per_project = (
        select(
            facts.c.project_id,
            func.count().label("indicators"),
            func.count(facts.c.progress).label("measured"),
            func.sum(facts.c.capped_progress).label("progress_sum"),
            *_status_counts(facts.c.status),
        )
        .group_by(facts.c.project_id)
        .subquery("per_project")
    )
    groups = [projects.c.theme] + ([projects.c.sub_theme] if level == "sub_theme" else [])
    measured_total = func.sum(per_project.c.measured)
    stmt = (
        select(
            *groups,
            func.count(projects.c.id).label("projects"),
            func.coalesce(func.sum(money.c.money), 0).label("money_eur"),
            func.coalesce(func.sum(per_project.c.indicators), 0).label("indicators"),
            func.coalesce(measured_total, 0).label("measured"),
            (func.sum(per_project.c.progress_sum) / func.nullif(measured_total, 0)).label(
                "avg_progress"
            ),
            *[
                func.coalesce(func.sum(getattr(per_project.c, status)), 0).label(status)
                for status in STATUSES
            ],
        )
        .select_from(projects)
        .outerjoin(money, money.c.project_id == projects.c.id)
        .outerjoin(per_project, per_project.c.project_id == projects.c.id)
        .group_by(*groups)
        .order_by(*groups)
    )
    with engine.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(stmt)]
    frame = _frame(rows, THEME_COLUMNS)
    return _suppress(frame, viewer, "projects")


def progress_over_time(
    engine: Engine, viewer: Viewer, filt: PortfolioFilter, today: dt.date | None = None
) -> pd.DataFrame:
    """Per theme and quarter: average capped progress of the measurements of that quarter,
    next to the progress expected at their dates."""
    as_of = filt.as_of(today or dt.date.today())
    projects = scoped_projects(viewer, filt).subquery("projects")
    progress = sql_rules.progress(
        Indicator.baseline_value, Indicator.target_value, Measurement.value, Indicator.direction
    )
    expected = sql_rules.expected_progress(
        Indicator.baseline_date, Indicator.target_date, Measurement.period_end
    )
    year = cast(extract("year", Measurement.period_end), Integer)
    month = extract("month", Measurement.period_end)
    quarter = case((month <= 3, 1), (month <= 6, 2), (month <= 9, 3), else_=4)
    conditions = [Measurement.period_end <= as_of, Measurement.value.is_not(None)]
    if filt.period_start:
        conditions.append(Measurement.period_end >= filt.period_start)
    stmt = (
        select(
            projects.c.theme,
            year.label("year"),
            quarter.label("quarter"),
            func.count(distinct(Measurement.indicator_id)).label("indicators"),
            func.count(distinct(Indicator.project_id)).label("projects"),
            func.avg(sql_rules.capped(progress)).label("avg_progress"),
            func.avg(expected).label("avg_expected"),
        )
        .select_from(Measurement)
        .join(Indicator, Indicator.id == Measurement.indicator_id)
        .join(projects, projects.c.id == Indicator.project_id)
        .where(Indicator.measure_kind != "qualitative", *conditions)
        .group_by(projects.c.theme, year, quarter)
        .order_by(projects.c.theme, year, quarter)
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
    rows_in_view = _unit_rows(viewer, filt, as_of)
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


def _unit_rows(viewer: Viewer, filt: PortfolioFilter, as_of: dt.date):
    """Per summable indicator in view: what it adds to its unit's total (a subquery)."""
    projects = scoped_projects(viewer, filt).subquery("projects")
    in_view = Indicator.project_id.in_(select(projects.c.id))
    latest_period = (
        select(Measurement.indicator_id, func.max(Measurement.period_end).label("period_end"))
        .join(Indicator, Indicator.id == Measurement.indicator_id)
        .where(in_view, Measurement.period_end <= as_of, Measurement.value.is_not(None))
        .group_by(Measurement.indicator_id)
        .subquery("unit_latest_period")
    )
    period_conditions = [Measurement.period_end <= as_of, Measurement.value.is_not(None)]
    if filt.period_start:
        period_conditions.append(Measurement.period_end >= filt.period_start)
    period_sum = (
        select(Measurement.indicator_id, func.sum(Measurement.value).label("value_sum"))
        .join(Indicator, Indicator.id == Measurement.indicator_id)
        .where(in_view, *period_conditions)
        .group_by(Measurement.indicator_id)
        .subquery("unit_period_sum")
    )
    latest = aliased(Measurement, name="unit_latest")
    is_percentage = Indicator.measure_kind == "percentage"
    contribution = case(
        (is_percentage, None),
        (Indicator.accumulation == "cumulative", latest.value),
        else_=period_sum.c.value_sum,
    )
    return (
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
        .outerjoin(latest_period, latest_period.c.indicator_id == Indicator.id)
        .outerjoin(
            latest,
            and_(
                latest.indicator_id == latest_period.c.indicator_id,
                latest.period_end == latest_period.c.period_end,
            ),
        )
        .outerjoin(period_sum, period_sum.c.indicator_id == Indicator.id)
        .where(
            in_view,
            Indicator.summable.is_(True),
            Indicator.measure_kind.in_(("number", "percentage")),
        )
        .subquery("unit_rows")
    )


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
