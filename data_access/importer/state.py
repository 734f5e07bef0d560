"""What the database already holds, in the shape of the template's rows: parents named by
their references, so a row of the file and a row of the database compare field by field.

Read through ``scope.trusted``: the importer checks the viewer's rights itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from data_access import scope
from data_access.models import (
    ChangeLogicElement,
    ChangeLogicLink,
    EvidenceSource,
    Funder,
    Grant,
    Indicator,
    Measurement,
    Organisation,
    Project,
    Story,
)

CHUNK = 500  # ids per IN list


def chunks(values: Iterable, size: int = CHUNK):
    values = list(values)
    for first in range(0, len(values), size):
        yield values[first : first + size]


@dataclass
class Existing:
    """Rows by natural key (as in the file), each a dict of template fields plus ``id``."""

    funders: dict = field(default_factory=dict)
    funder_names: dict = field(default_factory=dict)  # name -> row
    organisations: dict = field(default_factory=dict)
    organisation_names: dict = field(default_factory=dict)
    projects: dict = field(default_factory=dict)
    grants: dict = field(default_factory=dict)
    elements: dict = field(default_factory=dict)
    links: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)
    indicators: dict = field(default_factory=dict)
    measurements: dict = field(default_factory=dict)
    stories: dict = field(default_factory=dict)
    # ids -> references, to name the parents of rows
    funder_ref: dict = field(default_factory=dict)
    organisation_ref: dict = field(default_factory=dict)
    project_ref: dict = field(default_factory=dict)
    element_key: dict = field(default_factory=dict)


def load(conn: Connection, project_refs: set[str], indicator_keys: set[tuple]) -> Existing:
    """Funders, organisations, projects and grants in full; the change logics, indicators and
    stories of the projects named by ``project_refs``; the measurements of ``indicator_keys``
    (project reference, indicator reference)."""
    db = scope.trusted(conn)
    found = Existing()
    _parents(db, found)
    project_ids = [found.projects[ref]["id"] for ref in project_refs if ref in found.projects]
    _change_logic(db, found, project_ids)
    _indicators(db, found, project_ids)
    ids = [found.indicators[key]["id"] for key in indicator_keys if key in found.indicators]
    _measurements(db, found, ids)
    _stories(db, found, project_ids)
    return found


def _parents(db: Connection, found: Existing) -> None:
    for row in db.execute(select(Funder.id, Funder.reference, Funder.name, Funder.kind,
                                 Funder.named_to_network)).mappings():  # fmt: skip
        entry = dict(row) | {"named_to_network": bool(row["named_to_network"])}
        found.funder_names[row["name"]] = entry
        found.funder_ref[row["id"]] = row["reference"]
        if row["reference"] is not None:
            found.funders[row["reference"]] = entry
    rows = db.execute(
        select(Organisation.id, Organisation.reference, Organisation.name, Organisation.region)
    ).mappings()
    for row in rows:
        entry = dict(row)
        found.organisation_names[row["name"]] = entry
        found.organisation_ref[row["id"]] = row["reference"]
        if row["reference"] is not None:
            found.organisations[row["reference"]] = entry
    columns = [Project.__table__.c[name] for name in PROJECT_FIELDS]
    for row in db.execute(select(Project.id, Project.organisation_id, *columns)).mappings():
        found.project_ref[row["id"]] = row["reference"]
        if row["reference"] is not None:
            entry = dict(row) | {"organisation": found.organisation_ref.get(row["organisation_id"])}
            found.projects[row["reference"]] = entry
    grants = select(Grant.id, Grant.funder_id, Grant.project_id,
                    *[Grant.__table__.c[name] for name in GRANT_FIELDS])  # fmt: skip
    for row in db.execute(grants.where(Grant.reference.is_not(None))).mappings():
        funder = found.funder_ref.get(row["funder_id"])
        if funder is not None:
            found.grants[(funder, row["reference"])] = dict(row) | {
                "funder": funder,
                "project": found.project_ref.get(row["project_id"]),
            }


PROJECT_FIELDS = ("reference", "name", "summary", "theme", "sub_theme", "region", "start_date",
                  "end_date", "status", "visibility", "lead")  # fmt: skip
GRANT_FIELDS = ("reference", "amount", "currency", "amount_eur", "awarded_on", "start_date",
                "end_date")  # fmt: skip
INDICATOR_FIELDS = ("reference", "name", "unit", "direction", "measure_kind", "accumulation",
                    "summable", "baseline_value", "baseline_date", "target_value", "target_date",
                    "standard_ref")  # fmt: skip
MEASUREMENT_FIELDS = ("value", "numerator", "denominator", "text", "source", "evidence_level")


def _change_logic(db: Connection, found: Existing, project_ids: list[int]) -> None:
    element_ids = []
    for ids in chunks(project_ids):
        stmt = (
            select(
                ChangeLogicElement.id,
                ChangeLogicElement.project_id,
                ChangeLogicElement.stage,
                ChangeLogicElement.position,
                ChangeLogicElement.statement,
            )  # fmt: skip
            .where(ChangeLogicElement.project_id.in_(ids))
            .order_by(ChangeLogicElement.id)
        )
        for row in db.execute(stmt).mappings():
            key = (found.project_ref[row["project_id"]], row["stage"], row["position"])
            found.element_key[row["id"]] = key
            found.elements.setdefault(key, dict(row))
            element_ids.append(row["id"])
    for ids in chunks(element_ids):
        stmt = select(ChangeLogicLink.from_element_id, ChangeLogicLink.to_element_id).where(
            ChangeLogicLink.from_element_id.in_(ids)
        )
        for source, target in db.execute(stmt):
            if target in found.element_key:
                key = found.element_key[source] + found.element_key[target][1:]
                found.links[key] = {"from_element_id": source, "to_element_id": target}
    for ids in chunks(project_ids):
        stmt = select(EvidenceSource).where(
            EvidenceSource.project_id.in_(ids), EvidenceSource.reference.is_not(None)
        )
        for row in db.execute(stmt).mappings():
            if row["element_id"] is not None:
                _, stage, position = found.element_key.get(row["element_id"], (None,) * 3)
                to_stage = to_position = None
            else:
                _, stage, position = found.element_key.get(row["from_element_id"], (None,) * 3)
                _, to_stage, to_position = found.element_key.get(row["to_element_id"], (None,) * 3)
            key = (found.project_ref[row["project_id"]], row["reference"])
            found.sources[key] = dict(row) | {
                "stage": stage,
                "position": position,
                "to_stage": to_stage,
                "to_position": to_position,
            }


def _indicators(db: Connection, found: Existing, project_ids: list[int]) -> None:
    columns = [Indicator.__table__.c[name] for name in INDICATOR_FIELDS]
    for ids in chunks(project_ids):
        stmt = select(Indicator.id, Indicator.project_id, Indicator.element_id, *columns).where(
            Indicator.project_id.in_(ids), Indicator.reference.is_not(None)
        )
        for row in db.execute(stmt).mappings():
            _, stage, position = found.element_key.get(row["element_id"], (None,) * 3)
            project = found.project_ref[row["project_id"]]
            found.indicators[(project, row["reference"])] = dict(row) | {
                "summable": bool(row["summable"]),
                "stage": stage,
                "position": position,
            }


def _measurements(db: Connection, found: Existing, indicator_ids: list[int]) -> None:
    key_of = {row["id"]: key for key, row in found.indicators.items()}
    columns = [Measurement.__table__.c[name] for name in MEASUREMENT_FIELDS]
    for ids in chunks(indicator_ids):
        stmt = select(Measurement.id, Measurement.indicator_id, Measurement.period_end, *columns)
        for row in db.execute(stmt.where(Measurement.indicator_id.in_(ids))).mappings():
            project, indicator = key_of[row["indicator_id"]]
            found.measurements[(project, indicator, row["period_end"])] = dict(row)


def _stories(db: Connection, found: Existing, project_ids: list[int]) -> None:
    for ids in chunks(project_ids):
        stmt = select(Story.id, Story.project_id, Story.period_end, Story.title, Story.text,
                      Story.author).where(Story.project_id.in_(ids))  # fmt: skip
        for row in db.execute(stmt).mappings():
            key = (found.project_ref[row["project_id"]], row["period_end"], row["title"])
            found.stories.setdefault(key, dict(row))
