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

    from data_access.rollups import refresh

    refresh(op.get_bind())


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_column("latest_denominator")
        batch_op.drop_column("latest_numerator")
        batch_op.drop_column("latest_value")
        batch_op.drop_column("latest_period_end")

    op.drop_table("progress_by_quarter")
