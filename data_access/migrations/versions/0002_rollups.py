"""Rollups: each indicator's latest measurement, and progress sums per project and quarter.

Both are derived data, filled here for databases that already hold measurements.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 22:41:00.112431

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "progress_by_quarter",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("measurements", sa.Integer(), nullable=False),
        sa.Column("progress_sum", sa.Float(), nullable=False),
        sa.Column("expected_sum", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_progress_by_quarter_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "project_id", "year", "quarter", name=op.f("pk_progress_by_quarter")
        ),
    )
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.add_column(sa.Column("latest_period_end", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("latest_value", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("latest_numerator", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("latest_denominator", sa.Float(), nullable=True))

    _fill_rollups(op.get_bind())


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_column("latest_denominator")
        batch_op.drop_column("latest_numerator")
        batch_op.drop_column("latest_value")
        batch_op.drop_column("latest_period_end")

    op.drop_table("progress_by_quarter")


# A frozen copy of rollups.refresh (with the sql_rules it uses) as they were at this revision.
# A migration is history: later changes to the app's code or models must not change what this
# one does, so it imports nothing from the app and declares the tables it needs right here.
_indicator = sa.table(
    "indicator",
    sa.column("id", sa.Integer()),
    sa.column("project_id", sa.Integer()),
    sa.column("direction", sa.String()),
    sa.column("measure_kind", sa.String()),
    sa.column("baseline_value", sa.Float()),
    sa.column("baseline_date", sa.Date()),
    sa.column("target_value", sa.Float()),
    sa.column("target_date", sa.Date()),
    sa.column("latest_period_end", sa.Date()),
    sa.column("latest_value", sa.Float()),
    sa.column("latest_numerator", sa.Float()),
    sa.column("latest_denominator", sa.Float()),
)
_measurement = sa.table(
    "measurement",
    sa.column("indicator_id", sa.Integer()),
    sa.column("period_end", sa.Date()),
    sa.column("value", sa.Float()),
    sa.column("numerator", sa.Float()),
    sa.column("denominator", sa.Float()),
)
_progress_by_quarter = sa.table(
    "progress_by_quarter",
    sa.column("project_id", sa.Integer()),
    sa.column("year", sa.Integer()),
    sa.column("quarter", sa.Integer()),
    sa.column("measurements", sa.Integer()),
    sa.column("progress_sum", sa.Float()),
    sa.column("expected_sum", sa.Float()),
)


def _fill_rollups(conn) -> None:
    """Each indicator's latest measurement with a value; per project and quarter, the count
    of measurements and the sums of their capped progress and expected progress."""
    indicator, measurement = _indicator, _measurement

    latest_end = (
        sa.select(sa.func.max(measurement.c.period_end))
        .where(measurement.c.indicator_id == indicator.c.id, measurement.c.value.is_not(None))
        .scalar_subquery()
    )

    def at_latest(column):
        return (
            sa.select(column)
            .where(
                measurement.c.indicator_id == indicator.c.id,
                measurement.c.period_end == indicator.c.latest_period_end,
            )
            .scalar_subquery()
        )

    conn.execute(sa.update(indicator).values(latest_period_end=latest_end))
    conn.execute(
        sa.update(indicator).values(
            latest_value=at_latest(measurement.c.value),
            latest_numerator=at_latest(measurement.c.numerator),
            latest_denominator=at_latest(measurement.c.denominator),
        )
    )

    # progress_by_quarter was created empty above, so there is nothing to delete first.
    value = measurement.c.value
    baseline, target = indicator.c.baseline_value, indicator.c.target_value
    holds = sa.case(
        (indicator.c.direction == "decrease", value <= target),
        else_=value >= target,
    )
    progress = sa.case(
        (value.is_(None), None),
        (target == baseline, sa.case((holds, sa.literal(1.0)), else_=sa.literal(0.0))),
        else_=(value - baseline) / (target - baseline),
    )
    capped = sa.case(
        (progress.is_(None), None),
        (progress > 1.0, sa.literal(1.0)),
        (progress < 0.0, sa.literal(0.0)),
        else_=progress,
    )
    start, end, now = (
        _day_number(conn, indicator.c.baseline_date),
        _day_number(conn, indicator.c.target_date),
        _day_number(conn, measurement.c.period_end),
    )
    expected = sa.case(
        (end <= start, sa.literal(1.0)),
        (now <= start, sa.literal(0.0)),
        (now >= end, sa.literal(1.0)),
        else_=(now - start) / (end - start),
    )
    year = sa.extract("year", measurement.c.period_end)
    month = sa.extract("month", measurement.c.period_end)
    quarter = sa.case((month <= 3, 1), (month <= 6, 2), (month <= 9, 3), else_=4)
    rows = (
        sa.select(
            indicator.c.project_id,
            year,
            quarter,
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(capped), sa.literal(0.0)),
            sa.func.coalesce(sa.func.sum(expected), sa.literal(0.0)),
        )
        .select_from(measurement.join(indicator, indicator.c.id == measurement.c.indicator_id))
        .where(indicator.c.measure_kind != "qualitative", measurement.c.value.is_not(None))
        .group_by(indicator.c.project_id, year, quarter)
    )
    conn.execute(
        sa.insert(_progress_by_quarter).from_select(
            ["project_id", "year", "quarter", "measurements", "progress_sum", "expected_sum"],
            rows,
        )
    )
    if conn.dialect.name in ("sqlite", "postgresql"):
        # Fresh statistics after a bulk load let the planner pick the indexes.
        conn.exec_driver_sql("ANALYZE")


def _day_number(conn, date):
    """A date as a number of days, so date differences divide as floats on every database."""
    if conn.dialect.name == "sqlite":
        return sa.func.julianday(date, type_=sa.Float())
    return sa.cast(sa.cast(date, sa.Date()) - sa.literal_column("DATE '2000-01-01'"), sa.Double())
