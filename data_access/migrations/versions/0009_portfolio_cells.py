"""Cubes: the portfolio's derived data added up per cell (theme, sub-theme, region and
visibility), so that views over everything read a few thousand rows instead of a row per
project.

- ``project_cell``: the cell each project was last counted in;
- ``progress_by_quarter_cell``: ``progress_by_quarter`` per cell and quarter, filled here;
- ``unit_total_cell``: the unit totals' sums per snapshot date and cell, built with each
  snapshot. Snapshots are derived data and are built again on first use, so the existing
  ones are dropped here (otherwise their dates would lack unit cells).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28 11:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CELL_KEYS = ("theme", "sub_theme", "region", "visibility")


def _cell_columns(primary_key: bool) -> list[sa.Column]:
    return [
        sa.Column(key, sa.String(length=40), nullable=False, primary_key=primary_key)
        for key in CELL_KEYS
    ]


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "project_cell",
        sa.Column("project_id", sa.Integer(), nullable=False),
        *_cell_columns(primary_key=False),
        sa.PrimaryKeyConstraint("project_id", name=op.f("pk_project_cell")),
    )
    op.create_table(
        "progress_by_quarter_cell",
        *_cell_columns(primary_key=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("projects", sa.Integer(), nullable=False),
        sa.Column("measurements", sa.Integer(), nullable=False),
        sa.Column("progress_sum", sa.Float(), nullable=False),
        sa.Column("expected_sum", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint(
            *CELL_KEYS, "year", "quarter", name=op.f("pk_progress_by_quarter_cell")
        ),
    )
    op.create_table(
        "unit_total_cell",
        sa.Column("as_of", sa.Date(), nullable=False),
        *_cell_columns(primary_key=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("measure_kind", sa.String(length=20), nullable=False),
        sa.Column("indicator", sa.String(length=300), nullable=False),
        sa.Column("indicators", sa.Integer(), nullable=False),
        sa.Column("projects", sa.Integer(), nullable=False),
        sa.Column("contribution", sa.Float(), nullable=True),
        sa.Column("numerator", sa.Float(), nullable=True),
        sa.Column("denominator", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["as_of"],
            ["progress_snapshot.as_of"],
            name=op.f("fk_unit_total_cell_as_of_progress_snapshot"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "as_of",
            *CELL_KEYS,
            "unit",
            "measure_kind",
            "indicator",
            name=op.f("pk_unit_total_cell"),
        ),
    )
    _fill_cells(op.get_bind())
    op.execute("DELETE FROM project_stage_progress")
    op.execute("DELETE FROM project_progress")
    op.execute("DELETE FROM progress_snapshot")


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("unit_total_cell")
    op.drop_table("progress_by_quarter_cell")
    op.drop_table("project_cell")


# A frozen copy of what data_access.rollups does for the cells at this revision: a migration
# is history, so it imports nothing from the app and declares the tables it needs here.
_project = sa.table("project", sa.column("id", sa.Integer()), *map(sa.column, CELL_KEYS))
_progress_by_quarter = sa.table(
    "progress_by_quarter",
    sa.column("project_id", sa.Integer()),
    sa.column("year", sa.Integer()),
    sa.column("quarter", sa.Integer()),
    sa.column("measurements", sa.Integer()),
    sa.column("progress_sum", sa.Float()),
    sa.column("expected_sum", sa.Float()),
)
_project_cell = sa.table("project_cell", sa.column("project_id"), *map(sa.column, CELL_KEYS))
_quarter_cell = sa.table(
    "progress_by_quarter_cell",
    *map(sa.column, CELL_KEYS),
    *map(sa.column, ("year", "quarter", "projects", "measurements")),
    *map(sa.column, ("progress_sum", "expected_sum")),
)


def _fill_cells(conn) -> None:
    """Each project's cell, and the quarter rows added up per cell (one row per project and
    quarter, so the row count is the count of distinct projects)."""
    keys = [_project.c[key] for key in CELL_KEYS]
    conn.execute(
        sa.insert(_project_cell).from_select(
            ["project_id", *CELL_KEYS], sa.select(_project.c.id, *keys)
        )
    )
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
        .select_from(_progress_by_quarter.join(_project, _project.c.id == quarters.project_id))
        .group_by(*keys, quarters.year, quarters.quarter)
    )
    columns = [*CELL_KEYS, "year", "quarter", "projects", "measurements"]
    conn.execute(
        sa.insert(_quarter_cell).from_select([*columns, "progress_sum", "expected_sum"], rows)
    )
