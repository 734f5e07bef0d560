"""Evidence sources on change-logic steps and links; project progress per stage.

- ``evidence_source``: a study or documented practice an element or a link rests on. An
  element's evidence basis now follows from its sources; elements that already said
  "research" or "practice" keep that basis through one source each, noted as recorded
  before sources were kept, so no basis is lost.
- ``project_stage_progress``: the per-project snapshot rows split by change-logic stage.
  Snapshots are derived data and are built again on first use, so the existing ones are
  dropped here (otherwise their dates would lack stage rows).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28 10:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CARRIED_OVER = "Evidence noted on this step before sources were recorded"


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "evidence_source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("element_id", sa.Integer(), nullable=True),
        sa.Column("from_element_id", sa.Integer(), nullable=True),
        sa.Column("to_element_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "research",
                "practice",
                name="evidence_source_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("citation", sa.Text(), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("reference", sa.String(length=200), nullable=True),
        sa.CheckConstraint(
            "(element_id IS NULL) <> (from_element_id IS NULL)",
            name=op.f("ck_evidence_source_element_or_link"),
        ),
        sa.CheckConstraint(
            "(from_element_id IS NULL) = (to_element_id IS NULL)",
            name=op.f("ck_evidence_source_link_has_both_ends"),
        ),
        sa.ForeignKeyConstraint(
            ["element_id"],
            ["change_logic_element.id"],
            name=op.f("fk_evidence_source_element_id_change_logic_element"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["from_element_id", "to_element_id"],
            ["change_logic_link.from_element_id", "change_logic_link.to_element_id"],
            name="fk_evidence_source_link",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"], name=op.f("fk_evidence_source_project_id_project")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_source")),
    )
    op.create_index(
        op.f("ix_evidence_source_project_id"), "evidence_source", ["project_id"], unique=False
    )
    op.create_index(
        op.f("ix_evidence_source_element_id"), "evidence_source", ["element_id"], unique=False
    )
    op.execute(
        sa.text(
            "INSERT INTO evidence_source (project_id, element_id, kind, citation) "
            "SELECT project_id, id, evidence, :citation FROM change_logic_element "
            "WHERE evidence IN ('research', 'practice') ORDER BY id"
        ).bindparams(citation=CARRIED_OVER)
    )
    op.create_table(
        "project_stage_progress",
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("indicators", sa.Integer(), nullable=False),
        sa.Column("measured", sa.Integer(), nullable=False),
        sa.Column("progress_sum", sa.Float(), nullable=True),
        sa.Column("expected_sum", sa.Float(), nullable=True),
        sa.Column("achieved", sa.Integer(), nullable=False),
        sa.Column("on_track", sa.Integer(), nullable=False),
        sa.Column("at_risk", sa.Integer(), nullable=False),
        sa.Column("off_track", sa.Integer(), nullable=False),
        sa.Column("no_data", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["as_of"],
            ["progress_snapshot.as_of"],
            name=op.f("fk_project_stage_progress_as_of_progress_snapshot"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_project_stage_progress_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "as_of", "project_id", "stage", name=op.f("pk_project_stage_progress")
        ),
    )
    op.execute("DELETE FROM project_progress")
    op.execute("DELETE FROM progress_snapshot")


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("project_stage_progress")
    op.drop_index(op.f("ix_evidence_source_element_id"), table_name="evidence_source")
    op.drop_index(op.f("ix_evidence_source_project_id"), table_name="evidence_source")
    op.drop_table("evidence_source")
