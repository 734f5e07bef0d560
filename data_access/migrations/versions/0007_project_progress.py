"""Project progress: per project and as-of date, the counts and sums the portfolio adds up.

Derived data, built on first use for each as-of date; the tables start empty, and until a
date is built the views compute from the indicators as before.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 09:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "progress_snapshot",
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column(
            "built_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("as_of", name=op.f("pk_progress_snapshot")),
    )
    op.create_table(
        "project_progress",
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("indicators", sa.Integer(), nullable=False),
        sa.Column("measured", sa.Integer(), nullable=False),
        sa.Column("progress_sum", sa.Float(), nullable=True),
        sa.Column("achieved", sa.Integer(), nullable=False),
        sa.Column("on_track", sa.Integer(), nullable=False),
        sa.Column("at_risk", sa.Integer(), nullable=False),
        sa.Column("off_track", sa.Integer(), nullable=False),
        sa.Column("no_data", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["as_of"],
            ["progress_snapshot.as_of"],
            name=op.f("fk_project_progress_as_of_progress_snapshot"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_project_progress_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("as_of", "project_id", name=op.f("pk_project_progress")),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("project_progress")
    op.drop_table("progress_snapshot")
