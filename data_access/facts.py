"""Building blocks every view's queries share: indicator facts over the scoped projects,
latest values, status counts, and fixed-column DataFrames.

The projects a statement may see come from ``data_access.scope``; nothing here decides that.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pandas as pd
from sqlalchemy import Date, Engine, case, distinct, func, literal, or_, select

from data_access import sql_rules
from data_access.models import ChangeLogicElement, Indicator, Measurement
from data_access.vocabulary import STATUSES

STATUS_COLUMNS = {status: "int64" for status in STATUSES}


def indicator_facts(projects, as_of: dt.date, materialize: bool = False, stage: bool = False):
    """One row per quantitative indicator of the ``projects`` CTE (from ``scope``): latest
    value up to ``as_of``, progress, expected progress and status (a CTE to aggregate over).

    ``materialize`` asks the database to compute each step once: the latest value first (a
    lookup when ``as_of`` lies before it), then progress from it; otherwise SQLite inlines
    the latest-value expression, lookup and all, into every place progress and status use it.
    ``stage`` adds the change-logic stage of each indicator's element.
    """
    latest = (
        select(
            Indicator.id.label("indicator_id"),
            Indicator.project_id,
            projects.c.theme,
            projects.c.sub_theme,
            Indicator.baseline_value,
            Indicator.target_value,
            Indicator.direction,
            Indicator.baseline_date,
            Indicator.target_date,
            LatestValues(as_of).value.label("latest_value"),
        )
        .join(projects, projects.c.id == Indicator.project_id)
        .where(Indicator.measure_kind != "qualitative")
    )
    if stage:
        latest = latest.add_columns(ChangeLogicElement.stage).join(
            ChangeLogicElement, ChangeLogicElement.id == Indicator.element_id
        )
    latest = maybe_materialized(latest.cte("latest"), materialize)
    progress = sql_rules.progress(
        latest.c.baseline_value, latest.c.target_value, latest.c.latest_value, latest.c.direction
    )
    expected = sql_rules.expected_progress(
        latest.c.baseline_date, latest.c.target_date, literal(as_of, Date)
    )
    measured = select(
        *([latest.c.stage] if stage else []),
        latest.c.indicator_id,
        latest.c.project_id,
        latest.c.theme,
        latest.c.sub_theme,
        latest.c.latest_value,
        progress.label("progress"),
        expected.label("expected"),
    )
    measured = maybe_materialized(measured.cte("measured"), materialize)
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


def status_counts(status_column) -> list:
    return [
        func.coalesce(func.sum(case((status_column == status, 1), else_=0)), 0).label(status)
        for status in STATUSES
    ]


def can_materialize(engine: Engine) -> bool:
    """Whether the database understands ``WITH ... AS MATERIALIZED`` (SQLite 3.35+, PG 12+)."""
    if engine.dialect.name == "sqlite":
        return sqlite3.sqlite_version_info >= (3, 35)
    if engine.dialect.name != "postgresql":
        return False
    if engine.dialect.server_version_info is None:  # learnt on the first connection
        with engine.connect():
            pass
    return engine.dialect.server_version_info >= (12,)


def maybe_materialized(cte, materialize: bool):
    return cte.prefix_with("MATERIALIZED") if materialize else cte


def period_key(day: dt.date) -> int:
    """Year and quarter as one comparable number: 2025-05-12 -> 20252."""
    return day.year * 10 + (day.month - 1) // 3 + 1


def quarter_end(year: int, quarter: int) -> dt.date:
    month = quarter * 3
    next_month = dt.date(year + (month == 12), month % 12 + 1, 1)
    return next_month - dt.timedelta(days=1)


def typed_frame(rows: list[dict], columns: dict[str, str]) -> pd.DataFrame:
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


def unit_rows(projects, as_of: dt.date, period_start: dt.date | None, materialize: bool, keys=()):
    """Per summable indicator of the ``projects`` CTE: what it adds to its unit's total at
    ``as_of`` (cumulative numbers their latest value, periodic ones the sum of their values
    from ``period_start``, percentages their latest numerator and denominator), with the
    ``projects`` columns named in ``keys``."""
    latest = LatestValues(as_of)
    period_conditions = [
        Measurement.indicator_id == Indicator.id,
        Measurement.period_end <= as_of,
        Measurement.value.is_not(None),
    ]
    if period_start:
        period_conditions.append(Measurement.period_end >= period_start)
    period_sum = select(func.sum(Measurement.value)).where(*period_conditions).scalar_subquery()
    if not period_start:
        # Every value up to as_of is every value when none lies after it: the stored sum.
        everything_seen = or_(
            Indicator.latest_period_end.is_(None), Indicator.latest_period_end <= as_of
        )
        period_sum = case((everything_seen, Indicator.latest_sum), else_=period_sum)
    is_percentage = Indicator.measure_kind == "percentage"
    contribution = case(
        (is_percentage, None),
        (Indicator.accumulation == "cumulative", latest.value),
        else_=period_sum,
    )
    rows = (
        select(
            *[projects.c[key] for key in keys],
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
        .select_from(Indicator)
        .where(
            Indicator.summable.is_(True),
            Indicator.measure_kind.in_(("number", "percentage")),
        )
    )
    if keys:
        rows = rows.join(projects, projects.c.id == Indicator.project_id)
    else:
        rows = rows.where(Indicator.project_id.in_(select(projects.c.id)))
    return maybe_materialized(rows.cte("unit_rows"), materialize)


def unit_counts(rows) -> list:
    """Over unit rows: the indicators with a value and their distinct projects."""
    has_value = or_(rows.c.contribution.is_not(None), rows.c.den.is_not(None))
    return [
        func.count(case((has_value, rows.c.indicator_id))).label("indicators"),
        func.count(distinct(case((has_value, rows.c.project_id)))).label("projects"),
    ]
