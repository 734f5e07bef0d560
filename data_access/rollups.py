"""Derived data kept next to the measurements so that views stay fast at millions of rows.

- ``indicator.latest_*``: each indicator's latest measurement with a value, and the sum of
  all its values;
- ``progress_by_quarter``: per project and quarter, the count of measurements and the sums of
  their capped progress and expected progress (both computed with ``data_access.sql_rules``).

Whatever writes measurements or indicators calls ``refresh`` in the same transaction, for the
projects it touched (or for everything). ``filantrimpact db refresh`` rebuilds it all.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import (
    Connection,
    case,
    delete,
    extract,
    func,
    insert,
    inspect,
    literal,
    select,
    update,
)

from data_access import sql_rules
from data_access.models import DataVersion, Indicator, Measurement, ProgressByQuarter


def quarter_of(date_column):
    """The quarter (1-4) of a date, portable across SQLite and PostgreSQL."""
    month = extract("month", date_column)
    return case((month <= 3, 1), (month <= 6, 2), (month <= 9, 3), else_=4)


def refresh(conn: Connection, project_ids: Collection[int] | None = None) -> None:
    """Recompute the derived data for ``project_ids`` (all projects when None), and bump the
    data version so that cached answers from before this change are not used again."""
    _refresh_latest(conn, project_ids)
    _refresh_quarters(conn, project_ids)
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
