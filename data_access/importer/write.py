"""Carrying out a clean plan in the caller's transaction: parents first, new rows as
executemany inserts, changed rows as executemany updates, then the derived data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import Connection, bindparam, insert, select, update

from data_access import rollups, scope
from data_access.importer import state
from data_access.importer.plan import Plan
from data_access.importer.rows import Record
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

BATCH = 5_000


class _Ids:
    """Ids by natural key, from the database and then from what was inserted."""

    def __init__(self, existing: state.Existing):
        self.funders = {ref: row["id"] for ref, row in existing.funders.items()}
        self.organisations = {ref: row["id"] for ref, row in existing.organisations.items()}
        self.projects = {ref: row["id"] for ref, row in existing.projects.items()}
        self.elements = {key: row["id"] for key, row in existing.elements.items()}
        self.indicators = {key: row["id"] for key, row in existing.indicators.items()}


def apply(
    conn: Connection,
    plan: Plan,
    batch_id: int,
    who: str,
    tick: Callable[[int], None] = lambda n: None,
) -> set[int]:
    """Write ``plan``; returns the ids of the projects whose data changed."""
    ids = _Ids(plan.existing)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    touched: set[int] = set()
    db = scope.trusted(conn)

    def write(key: str, model, values: Callable[[Record], dict], project=None) -> None:
        table_plan = plan.tables[key]
        rows = [values(record) for record in table_plan.added]
        for first in range(0, len(rows), BATCH):
            conn.execute(insert(model.__table__), rows[first : first + BATCH])
            tick(len(rows[first : first + BATCH]))
        changes = [{"_id": row_id, **values(record)} for row_id, record in table_plan.changed]
        if changes:
            table = model.__table__
            columns = {name: bindparam(name) for name in changes[0] if name != "_id"}
            stmt = update(table).where(table.c.id == bindparam("_id")).values(columns)
            for first in range(0, len(changes), BATCH):
                conn.execute(stmt, changes[first : first + BATCH])
                tick(len(changes[first : first + BATCH]))
        if project is not None:
            touched.update(project(row) for row in rows + changes)

    write("funders", Funder, lambda r: _pick(r, "reference", "name", "kind", "named_to_network"))
    _reload(db, ids.funders, Funder, plan.tables["funders"])
    write("organisations", Organisation, lambda r: _pick(r, "reference", "name", "region"))
    _reload(db, ids.organisations, Organisation, plan.tables["organisations"])
    write(
        "projects",
        Project,
        lambda r: (
            _pick(r, *state.PROJECT_FIELDS)
            | {"organisation_id": ids.organisations[r["organisation"]]}
        ),
        None,
    )
    _reload(db, ids.projects, Project, plan.tables["projects"])
    touched |= {ids.projects[r["reference"]] for _, r in plan.tables["projects"].changed}
    touched |= {ids.projects[r["reference"]] for r in plan.tables["projects"].added}

    def project_id(record: Record) -> int:
        return ids.projects[record["project"]]

    def by_project(row: dict) -> int:
        return row["project_id"]

    write(
        "grants",
        Grant,
        lambda r: (
            _pick(r, *state.GRANT_FIELDS)
            | {
                "funder_id": ids.funders[r["funder"]],
                "project_id": project_id(r),
                "import_batch_id": batch_id,
            }
        ),
        by_project,
    )
    write(
        "elements",
        ChangeLogicElement,
        lambda r: (
            _pick(r, "stage", "position", "statement")
            | {"project_id": project_id(r), "evidence": "assumption"}
        ),
        by_project,
    )
    _reload_elements(db, ids, plan)

    def element(record: Record, stage="stage", position="position") -> int:
        return ids.elements[(record["project"], record[stage], record[position])]

    # A link is only ever added (its key is all it holds).
    links = [
        {
            "from_element_id": element(r, "from_stage", "from_position"),
            "to_element_id": element(r, "to_stage", "to_position"),
        }  # fmt: skip
        for r in plan.tables["links"].added
    ]
    if links:
        conn.execute(insert(ChangeLogicLink.__table__), links)
        touched |= {project_id(r) for r in plan.tables["links"].added}

    def source(r: Record) -> dict:
        ends = (
            {"element_id": element(r), "from_element_id": None, "to_element_id": None}
            if r["to_stage"] is None
            else {
                "element_id": None,
                "from_element_id": element(r),
                "to_element_id": element(r, "to_stage", "to_position"),
            }  # fmt: skip
        )
        return (
            _pick(r, "reference", "kind", "citation", "url", "year")
            | ends
            | {"project_id": project_id(r)}
        )

    write("sources", EvidenceSource, source, by_project)
    write(
        "indicators",
        Indicator,
        lambda r: (
            _pick(r, *state.INDICATOR_FIELDS)
            | {"project_id": project_id(r), "element_id": element(r)}
        ),
        by_project,
    )
    _reload_indicators(db, ids, plan)
    indicator_project = {}

    def measurement(r: Record) -> dict:
        indicator_id = ids.indicators[(r["project"], r["indicator"])]
        indicator_project[indicator_id] = project_id(r)
        return _pick(r, "period_end", *state.MEASUREMENT_FIELDS) | {
            "indicator_id": indicator_id,
            "entered_by": who,
            "entered_at": now,
            "import_batch_id": batch_id,
        }

    write(
        "measurements", Measurement, measurement, lambda row: indicator_project[row["indicator_id"]]
    )
    write(
        "stories",
        Story,
        lambda r: (
            _pick(r, "period_end", "title", "text", "author")
            | {"project_id": project_id(r), "created_at": now}
        ),
        by_project,
    )
    return touched


def refresh(conn: Connection, touched: set[int]) -> None:
    """The derived data of the touched projects, and a new data version either way."""
    if touched:
        rollups.refresh(conn, touched)
    else:
        rollups.bump_version(conn)  # funders or organisations only: names on screen changed


def _pick(record: Record, *keys: str) -> dict:
    return {key: record[key] for key in keys}


def _reload(db: Connection, ids: dict, model, table_plan) -> None:
    refs = [r["reference"] for r in table_plan.added] + [
        r["reference"] for _, r in table_plan.changed
    ]
    for chunk in state.chunks(refs):
        stmt = select(model.reference, model.id).where(model.reference.in_(chunk))
        ids.update(dict(db.execute(stmt).all()))


def _reload_elements(db: Connection, ids: _Ids, plan: Plan) -> None:
    added = plan.tables["elements"].added
    if not added:
        return
    project_ref = {ids.projects[r["project"]]: r["project"] for r in added}
    for chunk in state.chunks(project_ref):
        stmt = (
            select(
                ChangeLogicElement.id,
                ChangeLogicElement.project_id,
                ChangeLogicElement.stage,
                ChangeLogicElement.position,
            )  # fmt: skip
            .where(ChangeLogicElement.project_id.in_(chunk))
            .order_by(ChangeLogicElement.id)
        )
        for element_id, project, stage, position in db.execute(stmt):
            ids.elements.setdefault((project_ref[project], stage, position), element_id)


def _reload_indicators(db: Connection, ids: _Ids, plan: Plan) -> None:
    added = plan.tables["indicators"].added
    if not added:
        return
    project_ref = {ids.projects[r["project"]]: r["project"] for r in added}
    for chunk in state.chunks(project_ref):
        stmt = select(Indicator.id, Indicator.project_id, Indicator.reference).where(
            Indicator.project_id.in_(chunk), Indicator.reference.is_not(None)
        )
        for indicator_id, project, reference in db.execute(stmt):
            ids.indicators[(project_ref[project], reference)] = indicator_id
