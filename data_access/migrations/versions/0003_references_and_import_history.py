"""References for idempotent re-imports, and the import history.

Outside identifiers on funders, organisations, projects and indicators let a re-imported file
find the rows it wrote before; import_batch records every import and what it changed.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 23:18:53.969368

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "import_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "template",
                "iati",
                "360giving",
                name="import_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("imported_by", sa.String(length=120), nullable=False),
        sa.Column(
            "imported_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "imported",
                "refused",
                "unchanged",
                name="import_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("rows_added", sa.Integer(), nullable=False),
        sa.Column("rows_updated", sa.Integer(), nullable=False),
        sa.Column("rows_unchanged", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batch")),
    )
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_batch_sha256"), ["sha256"], unique=False)

    with op.batch_alter_table("funder", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reference", sa.String(length=120), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_funder_reference"), ["reference"])

    with op.batch_alter_table("grant", schema=None) as batch_op:
        batch_op.add_column(sa.Column("import_batch_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_grant_import_batch_id_import_batch"),
            "import_batch",
            ["import_batch_id"],
            ["id"],
        )

    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reference", sa.String(length=200), nullable=True))
        batch_op.create_unique_constraint(
            "uq_indicator_project_reference", ["project_id", "reference"]
        )

    with op.batch_alter_table("measurement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("import_batch_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_measurement_import_batch_id_import_batch"),
            "import_batch",
            ["import_batch_id"],
            ["id"],
        )

    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reference", sa.String(length=120), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_organisation_reference"), ["reference"])

    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reference", sa.String(length=200), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_project_reference"), ["reference"])


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_project_reference"), type_="unique")
        batch_op.drop_column("reference")

    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_organisation_reference"), type_="unique")
        batch_op.drop_column("reference")

    with op.batch_alter_table("measurement", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_measurement_import_batch_id_import_batch"), type_="foreignkey"
        )
        batch_op.drop_column("import_batch_id")

    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_constraint("uq_indicator_project_reference", type_="unique")
        batch_op.drop_column("reference")

    with op.batch_alter_table("grant", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_grant_import_batch_id_import_batch"), type_="foreignkey"
        )
        batch_op.drop_column("import_batch_id")

    with op.batch_alter_table("funder", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_funder_reference"), type_="unique")
        batch_op.drop_column("reference")

    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_batch_sha256"))

    op.drop_table("import_batch")
