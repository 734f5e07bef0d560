"""Initial schema: funders, projects, grants, change logic, indicators, measurements, accounts.

Revision ID: 0001
Revises:
Create Date: 2026-11-27 22:22:04.537865

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "funder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "family",
                "corporate",
                "public_benefit",
                "other",
                name="funder_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("named_to_network", sa.Boolean(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funder")),
        sa.UniqueConstraint("name", name=op.f("uq_funder_name")),
    )
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "region",
            sa.Enum(
                "antwerpen",
                "limburg",
                "oost-vlaanderen",
                "vlaams-brabant",
                "west-vlaanderen",
                "brussel",
                name="organisation_region",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation")),
        sa.UniqueConstraint("name", name=op.f("uq_organisation_name")),
    )
    op.create_table(
        "user_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=120), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "admin",
                "funder",
                "project",
                "network",
                name="user_role",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("password_hash", sa.String(length=300), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
        sa.UniqueConstraint("login", name=op.f("uq_user_account_login")),
    )
    op.create_table(
        "project",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column(
            "theme",
            sa.Enum(
                "people",
                "society",
                "environment",
                name="project_theme",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("sub_theme", sa.String(length=40), nullable=False),
        sa.Column(
            "region",
            sa.Enum(
                "antwerpen",
                "limburg",
                "oost-vlaanderen",
                "vlaams-brabant",
                "west-vlaanderen",
                "brussel",
                name="project_region",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "planned",
                "running",
                "finished",
                name="project_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "visibility",
            sa.Enum(
                "private",
                "network",
                "public",
                name="project_visibility",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("lead", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_project_organisation_id_organisation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project")),
    )
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_project_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index("ix_project_region", ["region"], unique=False)
        batch_op.create_index("ix_project_theme_sub_theme", ["theme", "sub_theme"], unique=False)

    op.create_table(
        "change_logic_element",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column(
            "stage",
            sa.Enum(
                "input",
                "activity",
                "output",
                "outcome",
                "impact",
                name="element_stage",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column(
            "evidence",
            sa.Enum(
                "research",
                "practice",
                "assumption",
                name="element_evidence",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"], name=op.f("fk_change_logic_element_project_id_project")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_logic_element")),
    )
    with op.batch_alter_table("change_logic_element", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_change_logic_element_project_id"), ["project_id"], unique=False
        )

    op.create_table(
        "grant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("funder_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("amount_eur", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("awarded_on", sa.Date(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("reference", sa.String(length=120), nullable=True),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_grant_amount_not_negative")),
        sa.ForeignKeyConstraint(
            ["funder_id"], ["funder.id"], name=op.f("fk_grant_funder_id_funder")
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"], name=op.f("fk_grant_project_id_project")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grant")),
        sa.UniqueConstraint("funder_id", "reference", name="uq_grant_funder_reference"),
    )
    with op.batch_alter_table("grant", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_grant_funder_id"), ["funder_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_grant_project_id"), ["project_id"], unique=False)

    op.create_table(
        "story",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=120), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"], name=op.f("fk_story_project_id_project")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_story")),
    )
    with op.batch_alter_table("story", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_story_project_id"), ["project_id"], unique=False)

    op.create_table(
        "user_scope",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("funder_id", sa.Integer(), nullable=True),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "(funder_id IS NULL) <> (project_id IS NULL)",
            name=op.f("ck_user_scope_one_of_funder_or_project"),
        ),
        sa.ForeignKeyConstraint(
            ["funder_id"], ["funder.id"], name=op.f("fk_user_scope_funder_id_funder")
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"], name=op.f("fk_user_scope_project_id_project")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_user_scope_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_scope")),
    )
    with op.batch_alter_table("user_scope", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_scope_user_id"), ["user_id"], unique=False)

    op.create_table(
        "change_logic_link",
        sa.Column("from_element_id", sa.Integer(), nullable=False),
        sa.Column("to_element_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["from_element_id"],
            ["change_logic_element.id"],
            name=op.f("fk_change_logic_link_from_element_id_change_logic_element"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["to_element_id"],
            ["change_logic_element.id"],
            name=op.f("fk_change_logic_link_to_element_id_change_logic_element"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "from_element_id", "to_element_id", name=op.f("pk_change_logic_link")
        ),
    )
    op.create_table(
        "indicator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("element_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column(
            "direction",
            sa.Enum(
                "increase",
                "decrease",
                "maintain",
                name="indicator_direction",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "measure_kind",
            sa.Enum(
                "number",
                "percentage",
                "qualitative",
                name="indicator_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "accumulation",
            sa.Enum(
                "periodic",
                "cumulative",
                name="indicator_accumulation",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("summable", sa.Boolean(), nullable=False),
        sa.Column("baseline_value", sa.Float(), nullable=True),
        sa.Column("baseline_date", sa.Date(), nullable=False),
        sa.Column("target_value", sa.Float(), nullable=True),
        sa.Column("target_date", sa.Date(), nullable=False),
        sa.Column("standard_ref", sa.String(length=60), nullable=True),
        sa.CheckConstraint(
            "measure_kind = 'qualitative' OR "
            "(baseline_value IS NOT NULL AND target_value IS NOT NULL)",
            name=op.f("ck_indicator_quantitative_has_baseline_and_target"),
        ),
        sa.CheckConstraint(
            "target_date >= baseline_date", name=op.f("ck_indicator_target_after_baseline")
        ),
        sa.ForeignKeyConstraint(
            ["element_id"],
            ["change_logic_element.id"],
            name=op.f("fk_indicator_element_id_change_logic_element"),
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"], name=op.f("fk_indicator_project_id_project")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator")),
    )
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicator_element_id"), ["element_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_indicator_project_id"), ["project_id"], unique=False)

    op.create_table(
        "measurement",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("numerator", sa.Float(), nullable=True),
        sa.Column("denominator", sa.Float(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column(
            "evidence_level",
            sa.Enum(
                "research",
                "practice",
                "assumption",
                name="measurement_evidence",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=True,
        ),
        sa.Column("entered_by", sa.String(length=120), nullable=False),
        sa.Column(
            "entered_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "denominator IS NULL OR denominator > 0",
            name=op.f("ck_measurement_denominator_positive"),
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"], ["indicator.id"], name=op.f("fk_measurement_indicator_id_indicator")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measurement")),
        sa.UniqueConstraint("indicator_id", "period_end", name="uq_measurement_indicator_period"),
    )
    with op.batch_alter_table("measurement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_measurement_period_end"), ["period_end"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("measurement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_measurement_period_end"))

    op.drop_table("measurement")
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_project_id"))
        batch_op.drop_index(batch_op.f("ix_indicator_element_id"))

    op.drop_table("indicator")
    op.drop_table("change_logic_link")
    with op.batch_alter_table("user_scope", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_scope_user_id"))

    op.drop_table("user_scope")
    with op.batch_alter_table("story", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_story_project_id"))

    op.drop_table("story")
    with op.batch_alter_table("grant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_grant_project_id"))
        batch_op.drop_index(batch_op.f("ix_grant_funder_id"))

    op.drop_table("grant")
    with op.batch_alter_table("change_logic_element", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_logic_element_project_id"))

    op.drop_table("change_logic_element")
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_index("ix_project_theme_sub_theme")
        batch_op.drop_index("ix_project_region")
        batch_op.drop_index(batch_op.f("ix_project_organisation_id"))

    op.drop_table("project")
    op.drop_table("user_account")
    op.drop_table("organisation")
    op.drop_table("funder")
