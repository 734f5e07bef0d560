"""Funder quarter cells: ``progress_by_quarter`` added up per funder, funder cell (theme,
sub-theme, visibility) and quarter, so that the Funders page's progress per quarter reads a
few hundred rows per funder instead of joining every grant to its project's quarters.

Not tied to a snapshot date (quarters are measured periods, like ``progress_by_quarter``):
filled here, kept current by ``rollups.refresh``.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-28 17:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FUNDER_CELL_KEYS = ("theme", "sub_theme", "visibility")
QUARTER_SUMS = ("projects", "measurements", "progress_sum", "expected_sum")


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "funder_quarter_cell",
        sa.Column("funder_id", sa.Integer(), nullable=False),
        *[sa.Column(key, sa.String(length=40), nullable=False) for key in FUNDER_CELL_KEYS],
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("projects", sa.Integer(), nullable=False),
        sa.Column("measurements", sa.Integer(), nullable=False),
        sa.Column("progress_sum", sa.Float(), nullable=False),
        sa.Column("expected_sum", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint(
            "funder_id",
            *FUNDER_CELL_KEYS,
            "year",
            "quarter",
            name=op.f("pk_funder_quarter_cell"),
        ),
    )
    _fill(op.get_bind())


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("funder_quarter_cell")


# A frozen copy of what data_access.rollups does for these cells at this revision: a
# migration is history, so it imports nothing from the app and declares its tables here.
_project = sa.table("project", sa.column("id", sa.Integer()), *map(sa.column, FUNDER_CELL_KEYS))
_grant = sa.table("grant", sa.column("funder_id", sa.Integer()), sa.column("project_id"))
_progress_by_quarter = sa.table(
    "progress_by_quarter",
    sa.column("project_id", sa.Integer()),
    sa.column("year", sa.Integer()),
    sa.column("quarter", sa.Integer()),
    sa.column("measurements", sa.Integer()),
    sa.column("progress_sum", sa.Float()),
    sa.column("expected_sum", sa.Float()),
)
_funder_quarter_cell = sa.table(
    "funder_quarter_cell",
    sa.column("funder_id"),
    *map(sa.column, FUNDER_CELL_KEYS),
    sa.column("year"),
    sa.column("quarter"),
    *map(sa.column, QUARTER_SUMS),
)


def _fill(conn) -> None:
    """Per funder, funder cell and quarter: the quarter rows of the projects the funder
    supports (one row per project and quarter, so the row count is the distinct projects)."""
    pairs = (
        sa.select(_grant.c.funder_id, _grant.c.project_id)
        .distinct()
        .subquery("funder_project_pairs")
    )
    keys = [pairs.c.funder_id, *[_project.c[key] for key in FUNDER_CELL_KEYS]]
    quarters = _progress_by_quarter.c
    rows = (
        sa.select(
            *keys,
            quarters.year,
            quarters.quarter,
            sa.func.count(),
            sa.func.sum(quarters.measurements),
            sa.func.sum(quarters.progress_sum),
            sa.func.sum(quarters.expected_sum),
        )
        .select_from(
            pairs.join(_project, _project.c.id == pairs.c.project_id).join(
                _progress_by_quarter, quarters.project_id == pairs.c.project_id
            )
        )
        .group_by(*keys, quarters.year, quarters.quarter)
    )
    columns = ["funder_id", *FUNDER_CELL_KEYS, "year", "quarter", *QUARTER_SUMS]
    conn.execute(sa.insert(_funder_quarter_cell).from_select(columns, rows))
