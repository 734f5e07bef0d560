"""Funder cells: the Funders page's figures added up per snapshot date, funder and funder
cell (theme, sub-theme, visibility), so that funders side by side read a few thousand rows
instead of joining every grant to its project and that project's snapshot rows.

- ``funder_cell``: projects, co-funded projects, money, ``project_progress`` sums, people
  reached attributed by the funder's share of the money;
- ``funder_stage_cell``: per stage (and "all"), the ``project_stage_progress`` sums;
- ``funder_evidence_cell``: per evidence basis (and "all"), steps and projects;
- ``funder_pair_cell``: per ordered pair of funders, shared projects and the first's money;
- ``since_snapshot`` and ``project_change``: per (since, as-of) pair of dates asked for, each
  project's indicators newly achieved or slipped and its new measurements;
- ``weak_element``: per snapshot date, the steps resting on an assumption with indicators
  behind (the change logic's weakest links).

Snapshots are derived data and are built again on first use, so the existing ones are dropped
here (otherwise their dates would lack the new cells).

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-28 14:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FUNDER_CELL_KEYS = ("theme", "sub_theme", "visibility")
STATUSES = ("achieved", "on_track", "at_risk", "off_track", "no_data")


def _keys(table: str, *funders: str) -> list:
    return [
        sa.Column("as_of", sa.Date(), nullable=False),
        *[sa.Column(name, sa.Integer(), nullable=False) for name in funders],
        *[sa.Column(key, sa.String(length=40), nullable=False) for key in FUNDER_CELL_KEYS],
        sa.ForeignKeyConstraint(
            ["as_of"],
            ["progress_snapshot.as_of"],
            name=op.f(f"fk_{table}_as_of_progress_snapshot"),
            ondelete="CASCADE",
        ),
    ]


def _counts(*names: str) -> list[sa.Column]:
    return [sa.Column(name, sa.Integer(), nullable=False) for name in names]


def _money(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Numeric(precision=18, scale=2), nullable=nullable)


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "funder_cell",
        *_keys("funder_cell", "funder_id"),
        *_counts("projects", "co_funded"),
        _money("money_eur"),
        *_counts("indicators", "measured"),
        sa.Column("progress_sum", sa.Float(), nullable=True),
        *_counts(*STATUSES, "people_projects"),
        sa.Column("people", sa.Float(), nullable=True),
        _money("people_money_eur", nullable=True),
        sa.PrimaryKeyConstraint(
            "as_of", "funder_id", *FUNDER_CELL_KEYS, name=op.f("pk_funder_cell")
        ),
    )
    op.create_table(
        "funder_stage_cell",
        *_keys("funder_stage_cell", "funder_id"),
        sa.Column("stage", sa.String(length=20), nullable=False),
        *_counts("projects", "indicators", "measured"),
        sa.Column("progress_sum", sa.Float(), nullable=True),
        sa.Column("expected_sum", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint(
            "as_of", "funder_id", *FUNDER_CELL_KEYS, "stage", name=op.f("pk_funder_stage_cell")
        ),
    )
    op.create_table(
        "funder_evidence_cell",
        *_keys("funder_evidence_cell", "funder_id"),
        sa.Column("basis", sa.String(length=20), nullable=False),
        *_counts("projects", "elements"),
        sa.PrimaryKeyConstraint(
            "as_of", "funder_id", *FUNDER_CELL_KEYS, "basis", name=op.f("pk_funder_evidence_cell")
        ),
    )
    op.create_table(
        "funder_pair_cell",
        *_keys("funder_pair_cell", "first", "second"),
        *_counts("projects"),
        _money("money_first"),
        sa.PrimaryKeyConstraint(
            "as_of", "first", "second", *FUNDER_CELL_KEYS, name=op.f("pk_funder_pair_cell")
        ),
    )
    op.create_table(
        "since_snapshot",
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column(
            "built_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.PrimaryKeyConstraint("since", "as_of", name=op.f("pk_since_snapshot")),
    )
    op.create_table(
        "project_change",
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        *_counts("achieved", "slipped", "measurements"),
        sa.ForeignKeyConstraint(
            ["since", "as_of"],
            ["since_snapshot.since", "since_snapshot.as_of"],
            name=op.f("fk_project_change_since_since_snapshot"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_project_change_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("since", "as_of", "project_id", name=op.f("pk_project_change")),
    )
    op.create_table(
        "weak_element",
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("element_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        *_counts("behind", "off_track", "indicators"),
        sa.Column("gap", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["as_of"],
            ["progress_snapshot.as_of"],
            name=op.f("fk_weak_element_as_of_progress_snapshot"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["element_id"],
            ["change_logic_element.id"],
            name=op.f("fk_weak_element_element_id_change_logic_element"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("as_of", "element_id", name=op.f("pk_weak_element")),
    )
    op.create_index(op.f("ix_weak_element_project_id"), "weak_element", ["project_id"])
    op.execute("DELETE FROM unit_total_cell")
    op.execute("DELETE FROM portfolio_cell")
    op.execute("DELETE FROM stage_cell")
    op.execute("DELETE FROM project_stage_progress")
    op.execute("DELETE FROM project_progress")
    op.execute("DELETE FROM progress_snapshot")


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f("ix_weak_element_project_id"), table_name="weak_element")
    op.drop_table("weak_element")
    op.drop_table("project_change")
    op.drop_table("since_snapshot")
    op.drop_table("funder_pair_cell")
    op.drop_table("funder_evidence_cell")
    op.drop_table("funder_stage_cell")
    op.drop_table("funder_cell")
