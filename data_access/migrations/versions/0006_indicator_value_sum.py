"""Indicator value sum: indicator.latest_sum, the sum of every measured value.

A periodic indicator's total over all its periods, so that the usual view (everything, as of
today) adds up indicators instead of reading their measurements. Filled here for databases
that already hold measurements, with this migration's own SQL (a later change to the live
refresh code must not change what this migration does).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 09:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.add_column(sa.Column("latest_sum", sa.Float(), nullable=True))
    op.execute(
        "UPDATE indicator SET latest_sum = (SELECT sum(measurement.value) FROM measurement "
        "WHERE measurement.indicator_id = indicator.id AND measurement.value IS NOT NULL)"
    )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_column("latest_sum")
