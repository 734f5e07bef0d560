"""More cells (theme, sub-theme, region and visibility): the Portfolio's roll-up, the change
logic's stages and its evidence bases added up per cell, so that views over everything read a
few hundred rows instead of a row per project.

- ``portfolio_cell``: per snapshot date and cell, projects, money and the ``project_progress``
  sums;
- ``stage_cell``: per snapshot date, cell and stage (and "all"), the
  ``project_stage_progress`` sums with distinct projects;
- ``evidence_cell``: per cell and stage (and "all"), the steps per evidence basis, filled
  here.

Snapshots are derived data and are built again on first use, so the existing ones are dropped
here (otherwise their dates would lack the new cells).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28 12:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CELL_KEYS = ("theme", "sub_theme", "region", "visibility")
STATUSES = ("achieved", "on_track", "at_risk", "off_track", "no_data")
EVIDENCE = ("research", "practice", "assumption")
ALL_STAGES = "all"


def _cell_columns() -> list[sa.Column]:
    return [sa.Column(key, sa.String(length=40), nullable=False) for key in CELL_KEYS]


def _counts(*names: str) -> list[sa.Column]:
    return [sa.Column(name, sa.Integer(), nullable=False) for name in names]


def _as_of(table: str) -> list:
    return [
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["as_of"],
            ["progress_snapshot.as_of"],
            name=op.f(f"fk_{table}_as_of_progress_snapshot"),
            ondelete="CASCADE",
        ),
    ]


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "portfolio_cell",
        *_as_of("portfolio_cell"),
        *_cell_columns(),
        *_counts("projects"),
        sa.Column("money_eur", sa.Numeric(precision=18, scale=2), nullable=False),
        *_counts("indicators", "measured"),
        sa.Column("progress_sum", sa.Float(), nullable=True),
        *_counts(*STATUSES),
        sa.PrimaryKeyConstraint("as_of", *CELL_KEYS, name=op.f("pk_portfolio_cell")),
    )
    op.create_table(
        "stage_cell",
        *_as_of("stage_cell"),
        *_cell_columns(),
        sa.Column("stage", sa.String(length=20), nullable=False),
        *_counts("projects", "indicators", "measured"),
        sa.Column("progress_sum", sa.Float(), nullable=True),
        sa.Column("expected_sum", sa.Float(), nullable=True),
        *_counts(*STATUSES),
        sa.PrimaryKeyConstraint("as_of", *CELL_KEYS, "stage", name=op.f("pk_stage_cell")),
    )
    op.create_table(
        "evidence_cell",
        *_cell_columns(),
        sa.Column("stage", sa.String(length=20), nullable=False),
        *_counts("projects", "elements", *EVIDENCE),
        sa.PrimaryKeyConstraint(*CELL_KEYS, "stage", name=op.f("pk_evidence_cell")),
    )
    _fill_evidence_cells(op.get_bind())
    op.execute("DELETE FROM unit_total_cell")
    op.execute("DELETE FROM project_stage_progress")
    op.execute("DELETE FROM project_progress")
    op.execute("DELETE FROM progress_snapshot")


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("evidence_cell")
    op.drop_table("stage_cell")
    op.drop_table("portfolio_cell")


# A frozen copy of what data_access.rollups does for the evidence cells at this revision: a
# migration is history, so it imports nothing from the app and declares its tables here.
_project = sa.table("project", sa.column("id", sa.Integer()), *map(sa.column, CELL_KEYS))
_element = sa.table(
    "change_logic_element",
    sa.column("project_id", sa.Integer()),
    sa.column("stage", sa.String()),
    sa.column("evidence", sa.String()),
)
_evidence_cell = sa.table(
    "evidence_cell",
    *map(sa.column, CELL_KEYS),
    *map(sa.column, ("stage", "projects", "elements", *EVIDENCE)),
)


def _fill_evidence_cells(conn) -> None:
    keys = [_project.c[key] for key in CELL_KEYS]

    def per(stage):
        return (
            sa.select(
                *keys,
                stage,
                sa.func.count(sa.distinct(_element.c.project_id)),
                sa.func.count(),
                *[
                    sa.func.coalesce(
                        sa.func.sum(sa.case((_element.c.evidence == basis, 1), else_=0)), 0
                    )
                    for basis in EVIDENCE
                ],
            )
            .select_from(_element.join(_project, _project.c.id == _element.c.project_id))
            .group_by(*keys, *([] if stage is not _element.c.stage else [stage]))
        )

    rows = sa.union_all(per(_element.c.stage), per(sa.literal(ALL_STAGES, sa.String)))
    columns = [*CELL_KEYS, "stage", "projects", "elements", *EVIDENCE]
    conn.execute(sa.insert(_evidence_cell).from_select(columns, rows))
