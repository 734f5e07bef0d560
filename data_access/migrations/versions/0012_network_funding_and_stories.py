"""The Network page without passes over grants and stories:

- ``portfolio_cell.funded`` and ``portfolio_cell.co_funded``: per snapshot date and cell, the
  projects with a grant and those with grants from more than one funder, so that "funders
  together" adds up a few hundred cells instead of grouping every grant of every shared project
  (NULL in a cell built by a version before this one: the page then counts the grants);
- ``ix_story_period_end_id``: the latest stories are found by walking this index backwards
  until enough belong to projects in view, instead of sorting every story.

Snapshots are derived data and are built again on first use, so the existing ones are dropped
here (otherwise their cells would lack the new counts).

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-28 16:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every table whose rows belong to a snapshot date, children before ``progress_snapshot``.
SNAPSHOT_TABLES = (
    "weak_element",
    "funder_pair_cell",
    "funder_evidence_cell",
    "funder_stage_cell",
    "funder_cell",
    "unit_total_cell",
    "portfolio_cell",
    "stage_cell",
    "project_stage_progress",
    "project_progress",
    "progress_snapshot",
)


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("portfolio_cell") as batch:
        batch.add_column(sa.Column("funded", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("co_funded", sa.Integer(), nullable=True))
    op.create_index("ix_story_period_end_id", "story", ["period_end", "id"])
    for table in SNAPSHOT_TABLES:
        op.execute(f"DELETE FROM {table}")


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index("ix_story_period_end_id", table_name="story")
    with op.batch_alter_table("portfolio_cell") as batch:
        batch.drop_column("co_funded")
        batch.drop_column("funded")
