"""Typed SQLAlchemy 2 models of the whole product (PRODUCT.md, "Data model").

The schema is created by the Alembic migrations in ``data_access/migrations``; these classes
describe it for queries and importers.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from data_access import vocabulary as voc

# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL gets a BIGINT.
BigId = BigInteger().with_variant(Integer(), "sqlite")

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _choice(values: tuple[str, ...], name: str) -> Enum:
    """A short string column limited to a fixed vocabulary, portable across databases."""
    return Enum(*values, name=name, native_enum=False, create_constraint=True, length=20)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Funder(Base):
    """An organisation that gives grants (foundation, fund, philanthropist)."""

    __tablename__ = "funder"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(_choice(voc.FUNDER_KINDS, "funder_kind"))
    # Whether the funder agreed to be named to the learning network.
    named_to_network: Mapped[bool] = mapped_column(Boolean, default=False)
    # An outside identifier (company number, 360Giving or IATI organisation id): re-imports
    # find the same funder through it.
    reference: Mapped[str | None] = mapped_column(String(120), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class Organisation(Base):
    """Who runs a project."""

    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    region: Mapped[str | None] = mapped_column(_choice(voc.REGIONS, "organisation_region"))
    reference: Mapped[str | None] = mapped_column(String(120), unique=True)


class Project(Base):
    """What is supported: one theme and sub-theme, one region, a change logic."""

    __tablename__ = "project"
    __table_args__ = (
        Index("ix_project_theme_sub_theme", "theme", "sub_theme"),
        Index("ix_project_region", "region"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    theme: Mapped[str] = mapped_column(_choice(voc.THEMES, "project_theme"))
    sub_theme: Mapped[str] = mapped_column(String(40))
    region: Mapped[str] = mapped_column(_choice(voc.REGIONS, "project_region"))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(_choice(voc.PROJECT_STATUSES, "project_status"))
    visibility: Mapped[str] = mapped_column(_choice(voc.VISIBILITIES, "project_visibility"))
    # The project lead(s) as shown on tiles; accounts are linked through user_scope.
    lead: Mapped[str] = mapped_column(String(200), default="")
    # An outside identifier (IATI activity identifier, 360Giving project id).
    reference: Mapped[str | None] = mapped_column(String(200), unique=True)


class Grant(Base):
    """Money (or in-kind) from a funder to a project. A project may have several funders."""

    __tablename__ = "grant"
    __table_args__ = (
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        UniqueConstraint("funder_id", "reference", name="uq_grant_funder_reference"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    funder_id: Mapped[int] = mapped_column(ForeignKey("funder.id"), index=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    # The amount in euro, which every total uses; equal to ``amount`` for EUR grants.
    amount_eur: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    awarded_on: Mapped[dt.date] = mapped_column(Date)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    # The funder's own identifier (e.g. a 360Giving grant id); makes re-imports idempotent.
    reference: Mapped[str | None] = mapped_column(String(120))
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class ChangeLogicElement(Base):
    """One step of a project's change logic: a statement at one stage, with its evidence."""

    __tablename__ = "change_logic_element"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    stage: Mapped[str] = mapped_column(_choice(voc.STAGES, "element_stage"))
    statement: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(_choice(voc.EVIDENCE, "element_evidence"))
    position: Mapped[int] = mapped_column(Integer, default=0)


class ChangeLogicLink(Base):
    """An element contributes to an element of the next stage."""

    __tablename__ = "change_logic_link"

    from_element_id: Mapped[int] = mapped_column(
        ForeignKey("change_logic_element.id", ondelete="CASCADE"), primary_key=True
    )
    to_element_id: Mapped[int] = mapped_column(
        ForeignKey("change_logic_element.id", ondelete="CASCADE"), primary_key=True
    )


class EvidenceSource(Base):
    """What a step or a link of a change logic rests on: a study or a documented practice.

    An element's evidence basis follows from its sources (``data_access.rollups`` keeps
    ``change_logic_element.evidence``): research when one is research, else practice when
    one is practice, else (none) an assumption. A source belongs to an element or to a link.
    """

    __tablename__ = "evidence_source"
    __table_args__ = (
        CheckConstraint(
            "(element_id IS NULL) <> (from_element_id IS NULL)", name="element_or_link"
        ),
        CheckConstraint(
            "(from_element_id IS NULL) = (to_element_id IS NULL)", name="link_has_both_ends"
        ),
        ForeignKeyConstraint(
            ["from_element_id", "to_element_id"],
            ["change_logic_link.from_element_id", "change_logic_link.to_element_id"],
            name="fk_evidence_source_link",
            ondelete="CASCADE",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Denormalised like indicator.project_id: the scope reads sources per project.
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    element_id: Mapped[int | None] = mapped_column(
        ForeignKey("change_logic_element.id", ondelete="CASCADE"), index=True
    )
    from_element_id: Mapped[int | None] = mapped_column(Integer)
    to_element_id: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(_choice(voc.SOURCE_KINDS, "evidence_source_kind"))
    citation: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(500))
    year: Mapped[int | None] = mapped_column(Integer)
    reference: Mapped[str | None] = mapped_column(String(200))


class Indicator(Base):
    """What is measured for one change-logic element, from a baseline towards a target."""

    __tablename__ = "indicator"
    __table_args__ = (
        UniqueConstraint("project_id", "reference", name="uq_indicator_project_reference"),
        CheckConstraint(
            "measure_kind = 'qualitative' OR "
            "(baseline_value IS NOT NULL AND target_value IS NOT NULL)",
            name="quantitative_has_baseline_and_target",
        ),
        CheckConstraint("target_date >= baseline_date", name="target_after_baseline"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    element_id: Mapped[int] = mapped_column(ForeignKey("change_logic_element.id"), index=True)
    # Denormalised from the element so portfolio queries join one table less.
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(40))
    direction: Mapped[str] = mapped_column(_choice(voc.DIRECTIONS, "indicator_direction"))
    measure_kind: Mapped[str] = mapped_column(_choice(voc.MEASURE_KINDS, "indicator_kind"))
    accumulation: Mapped[str] = mapped_column(_choice(voc.ACCUMULATIONS, "indicator_accumulation"))
    # Whether values of this indicator may be added to others with the same unit.
    summable: Mapped[bool] = mapped_column(Boolean, default=False)
    baseline_value: Mapped[float | None] = mapped_column(Float)
    baseline_date: Mapped[dt.date] = mapped_column(Date)
    target_value: Mapped[float | None] = mapped_column(Float)
    target_date: Mapped[dt.date] = mapped_column(Date)
    # Optional standard reference, e.g. "SDG 4.6.1" or "IRIS+ PI4060".
    standard_ref: Mapped[str | None] = mapped_column(String(60))
    # The indicator's identifier in an imported file (e.g. IATI result/indicator ref).
    reference: Mapped[str | None] = mapped_column(String(200))
    # The latest measurement with a value, kept by data_access.rollups.refresh so that
    # "as of today" needs no search through the measurements.
    latest_period_end: Mapped[dt.date | None] = mapped_column(Date)
    latest_value: Mapped[float | None] = mapped_column(Float)
    latest_numerator: Mapped[float | None] = mapped_column(Float)
    latest_denominator: Mapped[float | None] = mapped_column(Float)
    # The sum of every measured value: a periodic indicator's total over all its periods,
    # so that the usual view (everything, as of today) reads no measurement.
    latest_sum: Mapped[float | None] = mapped_column(Float)


class Measurement(Base):
    """What was seen for one indicator at the end of one period."""

    __tablename__ = "measurement"
    __table_args__ = (
        UniqueConstraint("indicator_id", "period_end", name="uq_measurement_indicator_period"),
        CheckConstraint("denominator IS NULL OR denominator > 0", name="denominator_positive"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id"))
    period_end: Mapped[dt.date] = mapped_column(Date, index=True)
    # For percentages ``value`` is 100 * numerator / denominator, kept for progress.
    value: Mapped[float | None] = mapped_column(Float)
    numerator: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(200), default="")
    evidence_level: Mapped[str | None] = mapped_column(
        _choice(voc.EVIDENCE, "measurement_evidence")
    )
    entered_by: Mapped[str] = mapped_column(String(120), default="")
    entered_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    # The import that wrote this value, when it came from a file.
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class ImportBatch(Base):
    """One import of one file: what it was, who loaded it, and what it changed.

    The file's hash lets a re-import of the same file be recognised and change nothing.
    """

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(_choice(voc.IMPORT_KINDS, "import_kind"))
    filename: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    imported_by: Mapped[str] = mapped_column(String(120))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    status: Mapped[str] = mapped_column(_choice(voc.IMPORT_STATUSES, "import_status"))
    rows_added: Mapped[int] = mapped_column(Integer, default=0)
    rows_updated: Mapped[int] = mapped_column(Integer, default=0)
    rows_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    # For a refused file: which row and field were wrong, and why (shown in the history).
    message: Mapped[str] = mapped_column(Text, default="")


class DataVersion(Base):
    """One row: a number bumped in the same transaction as every change to the data the views
    show (``data_access.rollups.refresh``), so cached answers from before it are not used."""

    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=1)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class ProgressSnapshot(Base):
    """An as-of date for which ``project_progress`` holds a row for every project with
    indicators. Built on first use (``data_access.rollups.ensure_snapshot``), kept current by
    every refresh, dropped by a full refresh."""

    __tablename__ = "progress_snapshot"

    as_of: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    built_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class ProjectProgress(Base):
    """Per project and as-of date: its quantitative indicators, how many were measured, the
    sum of their capped progress and the count per status. The portfolio adds up these rows
    instead of every indicator."""

    __tablename__ = "project_progress"

    as_of: Mapped[dt.date] = mapped_column(
        ForeignKey("progress_snapshot.as_of", ondelete="CASCADE"), primary_key=True
    )
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), primary_key=True
    )
    indicators: Mapped[int] = mapped_column(Integer)
    measured: Mapped[int] = mapped_column(Integer)
    progress_sum: Mapped[float | None] = mapped_column(Float)
    achieved: Mapped[int] = mapped_column(Integer)
    on_track: Mapped[int] = mapped_column(Integer)
    at_risk: Mapped[int] = mapped_column(Integer)
    off_track: Mapped[int] = mapped_column(Integer)
    no_data: Mapped[int] = mapped_column(Integer)


class ProjectStageProgress(Base):
    """``project_progress`` split by change-logic stage, with the expected progress next to
    the realised: per project, stage and as-of date. Built with it; the change-logic views
    add these rows up per stage."""

    __tablename__ = "project_stage_progress"

    as_of: Mapped[dt.date] = mapped_column(
        ForeignKey("progress_snapshot.as_of", ondelete="CASCADE"), primary_key=True
    )
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), primary_key=True
    )
    stage: Mapped[str] = mapped_column(String(20), primary_key=True)
    indicators: Mapped[int] = mapped_column(Integer)
    measured: Mapped[int] = mapped_column(Integer)
    progress_sum: Mapped[float | None] = mapped_column(Float)
    # The progress expected by the as-of date, summed over the measured indicators: the
    # "desired" next to the realised progress_sum.
    expected_sum: Mapped[float | None] = mapped_column(Float)
    achieved: Mapped[int] = mapped_column(Integer)
    on_track: Mapped[int] = mapped_column(Integer)
    at_risk: Mapped[int] = mapped_column(Integer)
    off_track: Mapped[int] = mapped_column(Integer)
    no_data: Mapped[int] = mapped_column(Integer)


class ProgressByQuarter(Base):
    """Per project and quarter: how many measurements, and the sums of their capped progress
    and expected progress. Derived from measurements by data_access.rollups.refresh; the
    progress-over-time chart reads this instead of every measurement."""

    __tablename__ = "progress_by_quarter"

    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), primary_key=True
    )
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    quarter: Mapped[int] = mapped_column(Integer, primary_key=True)
    measurements: Mapped[int] = mapped_column(Integer)
    progress_sum: Mapped[float] = mapped_column(Float)
    expected_sum: Mapped[float] = mapped_column(Float)


class Story(Base):
    """A short qualitative account attached to a project and a period."""

    __tablename__ = "story"
    # The latest stories first, without sorting them all (migration 0012).
    __table_args__ = (Index("ix_story_period_end_id", "period_end", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    period_end: Mapped[dt.date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class User(Base):
    """An account; what it may see follows from its role and its scopes."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(120), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(_choice(voc.ROLES, "user_role"))
    password_hash: Mapped[str | None] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Made with the demo data: such accounts have published passwords and are refused in
    # production mode. A server default only, so inserts written for older schemas still fit.
    demo: Mapped[bool] = mapped_column(Boolean, server_default=false())
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class UserScope(Base):
    """Which funder or project a user's role covers (exactly one of the two)."""

    __tablename__ = "user_scope"
    __table_args__ = (
        CheckConstraint(
            "(funder_id IS NULL) <> (project_id IS NULL)", name="one_of_funder_or_project"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    funder_id: Mapped[int | None] = mapped_column(ForeignKey("funder.id"))
    project_id: Mapped[int | None] = mapped_column(ForeignKey("project.id"))


# --- cubes: the portfolio's derived data added up per cell, for views over everything ------
# A cell is one theme, sub-theme, region and visibility: the project attributes that decide
# whether a project is in an administrator's or the network's portfolio (without a funder or
# a period in the filter), so each cell is in such a view whole or not at all.


class ProjectCell(Base):
    """The cell each project was last counted in, so that a refresh after a project changed
    theme, region or visibility also rebuilds the cell it left. No foreign key: the row must
    outlive a deleted project until the refresh that takes it out of its cell."""

    __tablename__ = "project_cell"

    project_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    theme: Mapped[str] = mapped_column(String(40))
    sub_theme: Mapped[str] = mapped_column(String(40))
    region: Mapped[str] = mapped_column(String(40))
    visibility: Mapped[str] = mapped_column(String(40))


class QuarterCell(Base):
    """``progress_by_quarter`` added up per cell and quarter; ``projects`` counts the distinct
    projects with measurements that quarter (cells never share a project, so these counts
    add up exactly across cells)."""

    __tablename__ = "progress_by_quarter_cell"

    theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    sub_theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    region: Mapped[str] = mapped_column(String(40), primary_key=True)
    visibility: Mapped[str] = mapped_column(String(40), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    quarter: Mapped[int] = mapped_column(Integer, primary_key=True)
    projects: Mapped[int] = mapped_column(Integer)
    measurements: Mapped[int] = mapped_column(Integer)
    progress_sum: Mapped[float] = mapped_column(Float)
    expected_sum: Mapped[float] = mapped_column(Float)


class UnitCell(Base):
    """Per as-of date (of ``progress_snapshot``, built with it), cell, unit, measure kind and
    pooled indicator name (empty for numbers): the summable indicators with a value and their
    distinct projects, the sum of their contributions and of their latest numerators and
    denominators. The unit totals of a view over everything add these up."""

    __tablename__ = "unit_total_cell"

    as_of: Mapped[dt.date] = mapped_column(
        ForeignKey("progress_snapshot.as_of", ondelete="CASCADE"), primary_key=True
    )
    theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    sub_theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    region: Mapped[str] = mapped_column(String(40), primary_key=True)
    visibility: Mapped[str] = mapped_column(String(40), primary_key=True)
    unit: Mapped[str] = mapped_column(String(40), primary_key=True)
    measure_kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    indicator: Mapped[str] = mapped_column(String(300), primary_key=True)
    indicators: Mapped[int] = mapped_column(Integer)
    projects: Mapped[int] = mapped_column(Integer)
    contribution: Mapped[float | None] = mapped_column(Float)
    numerator: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)


# Roll-up, stage and evidence cells (migration 0010). The stage and evidence cells hold one
# more row per cell, under ``ALL_STAGES``: the cell's figures over every stage, whose count
# of distinct projects the stage rows cannot give (a project has steps in several stages).
CELL_KEYS = ("theme", "sub_theme", "region", "visibility")
ALL_STAGES = "all"


class PortfolioCell(Base):
    """Per as-of date (built with its snapshot) and cell: the projects (all of them, with
    indicators or not), the euro granted to them (every grant: views of whole cells count no
    funder and no period), and the sums of their ``project_progress`` rows. The Portfolio's
    roll-up of a view over whole cells adds these up."""

    __tablename__ = "portfolio_cell"

    as_of: Mapped[dt.date] = mapped_column(
        ForeignKey("progress_snapshot.as_of", ondelete="CASCADE"), primary_key=True
    )
    theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    sub_theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    region: Mapped[str] = mapped_column(String(40), primary_key=True)
    visibility: Mapped[str] = mapped_column(String(40), primary_key=True)
    projects: Mapped[int] = mapped_column(Integer)
    money_eur: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    indicators: Mapped[int] = mapped_column(Integer)
    measured: Mapped[int] = mapped_column(Integer)
    progress_sum: Mapped[float | None] = mapped_column(Float)
    achieved: Mapped[int] = mapped_column(Integer)
    on_track: Mapped[int] = mapped_column(Integer)
    at_risk: Mapped[int] = mapped_column(Integer)
    off_track: Mapped[int] = mapped_column(Integer)
    no_data: Mapped[int] = mapped_column(Integer)
    # The projects with a grant, and with grants of more than one funder (migration 0012;
    # NULL in a cell built before it): the Network page's "funders together".
    funded: Mapped[int | None] = mapped_column(Integer)
    co_funded: Mapped[int | None] = mapped_column(Integer)


class StageCell(Base):
    """Per as-of date (built with its snapshot), cell and change-logic stage (and
    ``ALL_STAGES``): the ``project_stage_progress`` rows added up, with the count of distinct
    projects that have quantitative indicators there."""

    __tablename__ = "stage_cell"

    as_of: Mapped[dt.date] = mapped_column(
        ForeignKey("progress_snapshot.as_of", ondelete="CASCADE"), primary_key=True
    )
    theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    sub_theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    region: Mapped[str] = mapped_column(String(40), primary_key=True)
    visibility: Mapped[str] = mapped_column(String(40), primary_key=True)
    stage: Mapped[str] = mapped_column(String(20), primary_key=True)
    projects: Mapped[int] = mapped_column(Integer)
    indicators: Mapped[int] = mapped_column(Integer)
    measured: Mapped[int] = mapped_column(Integer)
    progress_sum: Mapped[float | None] = mapped_column(Float)
    expected_sum: Mapped[float | None] = mapped_column(Float)
    achieved: Mapped[int] = mapped_column(Integer)
    on_track: Mapped[int] = mapped_column(Integer)
    at_risk: Mapped[int] = mapped_column(Integer)
    off_track: Mapped[int] = mapped_column(Integer)
    no_data: Mapped[int] = mapped_column(Integer)


class EvidenceCell(Base):
    """Per cell and change-logic stage (and ``ALL_STAGES``): the steps (elements), how many
    rest on research, on practice, on an assumption, and their distinct projects. Evidence
    has no as-of date; kept by ``rollups.refresh``."""

    __tablename__ = "evidence_cell"

    theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    sub_theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    region: Mapped[str] = mapped_column(String(40), primary_key=True)
    visibility: Mapped[str] = mapped_column(String(40), primary_key=True)
    stage: Mapped[str] = mapped_column(String(20), primary_key=True)
    projects: Mapped[int] = mapped_column(Integer)
    elements: Mapped[int] = mapped_column(Integer)
    research: Mapped[int] = mapped_column(Integer)
    practice: Mapped[int] = mapped_column(Integer)
    assumption: Mapped[int] = mapped_column(Integer)


# Funder cells: what the Funders page adds up, per as-of date (built with its snapshot),
# funder and *funder cell* — one theme, sub-theme and visibility (``FUNDER_CELL_KEYS``; the
# region is left out: no funder rule looks at it, and it would make a row per project). The
# visibility is kept because who may count a funder's project depends on it (``scope``).
FUNDER_CELL_KEYS = ("theme", "sub_theme", "visibility")


class FunderCell(Base):
    """Per as-of date, funder and funder cell: the projects the funder supports there (each
    counted whole), those it co-funds with others, its euro in them, their ``project_progress``
    sums, and people reached (latest values) attributed by its share of each project's money,
    with the projects and the funder's euro behind that figure."""

    __tablename__ = "funder_cell"

    as_of: Mapped[dt.date] = mapped_column(
        ForeignKey("progress_snapshot.as_of", ondelete="CASCADE"), primary_key=True
    )
    funder_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    sub_theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    visibility: Mapped[str] = mapped_column(String(40), primary_key=True)
    projects: Mapped[int] = mapped_column(Integer)
    co_funded: Mapped[int] = mapped_column(Integer)
    money_eur: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    indicators: Mapped[int] = mapped_column(Integer)
    measured: Mapped[int] = mapped_column(Integer)
    progress_sum: Mapped[float | None] = mapped_column(Float)
    achieved: Mapped[int] = mapped_column(Integer)
    on_track: Mapped[int] = mapped_column(Integer)
    at_risk: Mapped[int] = mapped_column(Integer)
    off_track: Mapped[int] = mapped_column(Integer)
    no_data: Mapped[int] = mapped_column(Integer)
    people_projects: Mapped[int] = mapped_column(Integer)
    people: Mapped[float | None] = mapped_column(Float)
    people_money_eur: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))


class FunderStageCell(Base):
    """Per as-of date, funder, funder cell and stage (and ``ALL_STAGES``): the funder's
    projects' ``project_stage_progress`` rows added up, with their distinct projects."""

    __tablename__ = "funder_stage_cell"

    as_of: Mapped[dt.date] = mapped_column(
        ForeignKey("progress_snapshot.as_of", ondelete="CASCADE"), primary_key=True
    )
    funder_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    sub_theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    visibility: Mapped[str] = mapped_column(String(40), primary_key=True)
    stage: Mapped[str] = mapped_column(String(20), primary_key=True)
    projects: Mapped[int] = mapped_column(Integer)
    indicators: Mapped[int] = mapped_column(Integer)
    measured: Mapped[int] = mapped_column(Integer)
    progress_sum: Mapped[float | None] = mapped_column(Float)
    expected_sum: Mapped[float | None] = mapped_column(Float)


class FunderEvidenceCell(Base):
    """Per as-of date, funder, funder cell and evidence basis (and ``ALL_STAGES`` for any):
    the steps of the funder's projects resting on it, and the distinct projects with such
    steps."""

    __tablename__ = "funder_evidence_cell"

    as_of: Mapped[dt.date] = mapped_column(
        ForeignKey("progress_snapshot.as_of", ondelete="CASCADE"), primary_key=True
    )
    funder_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    sub_theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    visibility: Mapped[str] = mapped_column(String(40), primary_key=True)
    basis: Mapped[str] = mapped_column(String(20), primary_key=True)
    projects: Mapped[int] = mapped_column(Integer)
    elements: Mapped[int] = mapped_column(Integer)


class FunderPairCell(Base):
    """Per as-of date, ordered pair of funders and funder cell: the projects both support
    there and the first funder's euro in them."""

    __tablename__ = "funder_pair_cell"

    as_of: Mapped[dt.date] = mapped_column(
        ForeignKey("progress_snapshot.as_of", ondelete="CASCADE"), primary_key=True
    )
    first: Mapped[int] = mapped_column(Integer, primary_key=True)
    second: Mapped[int] = mapped_column(Integer, primary_key=True)
    theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    sub_theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    visibility: Mapped[str] = mapped_column(String(40), primary_key=True)
    projects: Mapped[int] = mapped_column(Integer)
    money_first: Mapped[Decimal] = mapped_column(Numeric(18, 2))


class FunderQuarterCell(Base):
    """Per funder, funder cell and quarter (not per snapshot date: quarters are measured
    periods): the ``progress_by_quarter`` rows of the projects the funder supports there
    added up; ``projects`` counts them (a project lies in one funder cell, so the counts add
    up exactly across cells). The Funders page's progress per quarter reads these."""

    __tablename__ = "funder_quarter_cell"

    funder_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    sub_theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    visibility: Mapped[str] = mapped_column(String(40), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    quarter: Mapped[int] = mapped_column(Integer, primary_key=True)
    projects: Mapped[int] = mapped_column(Integer)
    measurements: Mapped[int] = mapped_column(Integer)
    progress_sum: Mapped[float] = mapped_column(Float)
    expected_sum: Mapped[float] = mapped_column(Float)


class SinceSnapshot(Base):
    """A pair of dates (since, as of) for which ``project_change`` holds the status moves and
    new measurements of every project. Built the first time a view asks for that pair
    (``data_access.since_queries``), kept current by every refresh, dropped by a full refresh
    and once its as-of date is past."""

    __tablename__ = "since_snapshot"

    since: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    as_of: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    built_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class ProjectChange(Base):
    """Per since snapshot and project with any: its indicators newly achieved and slipped
    (to at risk or off track) between ``since`` and ``as_of``, and its measurements of
    periods in between — the per-indicator work of "since the last meeting", done once."""

    __tablename__ = "project_change"
    __table_args__ = (
        ForeignKeyConstraint(
            ["since", "as_of"],
            ["since_snapshot.since", "since_snapshot.as_of"],
            ondelete="CASCADE",
        ),
    )

    since: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    as_of: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), primary_key=True
    )
    achieved: Mapped[int] = mapped_column(Integer)
    slipped: Mapped[int] = mapped_column(Integer)
    measurements: Mapped[int] = mapped_column(Integer)


class WeakElement(Base):
    """Per as-of date (built with its snapshot) and change-logic step that rests on an
    assumption only and has indicators at risk or off track on that date: how many, how many
    of its quantitative indicators there are, and the largest gap (expected − capped
    progress) among those behind — the change logic's weakest links, worked out once."""

    __tablename__ = "weak_element"

    as_of: Mapped[dt.date] = mapped_column(
        ForeignKey("progress_snapshot.as_of", ondelete="CASCADE"), primary_key=True
    )
    element_id: Mapped[int] = mapped_column(
        ForeignKey("change_logic_element.id", ondelete="CASCADE"), primary_key=True
    )
    project_id: Mapped[int] = mapped_column(Integer, index=True)
    behind: Mapped[int] = mapped_column(Integer)
    off_track: Mapped[int] = mapped_column(Integer)
    indicators: Mapped[int] = mapped_column(Integer)
    gap: Mapped[float | None] = mapped_column(Float)
