"""The rows of a file against each other and against the database: references that lead
nowhere, duplicates, rights, and for each row whether it is new, changed or the same.

Nothing is written here; ``data_access.importer.write`` carries a clean plan out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from data_access import scope
from data_access.importer import state
from data_access.importer.readers import RawFile
from data_access.importer.rows import Record, RowChecker, check_measured
from data_access.importer.template import LEAD_SHEETS, SHEETS
from data_access.validation import LocatedProblem, located
from data_access.viewer import Viewer

# The fields compared to see whether a row changed (the natural key aside).
COMPARED = {
    "funders": ("name", "kind", "named_to_network", "reference"),
    "organisations": ("name", "region", "reference"),
    "projects": ("organisation", *state.PROJECT_FIELDS[1:]),
    "grants": (
        "project",
        "amount",
        "currency",
        "amount_eur",
        "awarded_on",
        "start_date",
        "end_date",
    ),  # fmt: skip
    "elements": ("statement",),
    "links": (),
    "sources": ("stage", "position", "to_stage", "to_position", "kind", "citation", "url", "year"),
    "indicators": ("stage", "position", *state.INDICATOR_FIELDS[1:]),
    "measurements": state.MEASUREMENT_FIELDS,
    "stories": ("text", "author"),
}


@dataclass
class TablePlan:
    """What one table gets: rows to add, (id, row) pairs to change, how many stay."""

    added: list[Record] = field(default_factory=list)
    changed: list[tuple[int, Record]] = field(default_factory=list)
    unchanged: int = 0


@dataclass
class Plan:
    tables: dict[str, TablePlan]
    existing: state.Existing
    problems: list[LocatedProblem]

    @property
    def has_changes(self) -> bool:
        return any(p.added or p.changed for p in self.tables.values())


def make_plan(
    conn: Connection,
    raw: RawFile,
    viewer: Viewer,
    today: dt.date,
    tick: Callable[[int], None] = lambda n: None,
) -> Plan:
    problems: list[LocatedProblem] = list(raw.problems)
    records: dict[str, list[Record]] = {}
    raw_rows: dict[str, dict[int, dict]] = {}
    checkers: dict[str, RowChecker] = {}
    for key, table in raw.tables.items():
        checkers[key] = RowChecker(table, today, problems)
        records[key] = checkers[key].records()
        raw_rows[key] = dict(table.rows)
        tick(len(table.rows))
    _rights(conn, raw, viewer, records, problems)
    project_refs = {r["project"] for rows in records.values() for r in rows if r["project"]}
    project_refs |= {r["reference"] for r in records.get("projects", [])}
    indicator_keys = {(r["project"], r["indicator"]) for r in records.get("measurements", [])}
    existing = state.load(conn, project_refs, indicator_keys)
    planner = _Planner(raw, records, raw_rows, checkers, existing, problems)
    tables = {sheet.key: planner.table(sheet.key) for sheet in SHEETS}
    return Plan(tables, existing, problems)


def _rights(conn, raw: RawFile, viewer: Viewer, records: dict, problems: list) -> None:
    """Administrators import everything; project leads measurements and stories of their own
    projects. Rows outside that are problems (and are left out of the rest of the checks)."""
    if viewer.role == "admin":
        return
    for key, table in raw.tables.items():
        if key not in LEAD_SHEETS and table.rows:
            problems.append(located(table.name, None, "", "", "import.sheet_not_allowed"))
            records[key] = []
    projects = scope.scoped_writable_projects(viewer)
    stmt = select(projects.c.id)
    writable = {row["id"] for row in scope.read(conn, stmt)}
    refs = set()
    if writable:
        from data_access.models import Project

        db = scope.trusted(conn)
        for ids in state.chunks(sorted(writable)):
            stmt = select(Project.reference).where(Project.id.in_(ids))
            refs |= {ref for ref in db.scalars(stmt) if ref is not None}
    for key in LEAD_SHEETS:
        if key not in raw.tables:
            continue
        table = raw.tables[key]
        kept = []
        for record in records.get(key, []):
            if record["project"] in refs or record["project"] is None:
                kept.append(record)  # (a missing project is named already)
            else:
                problems.append(
                    located(
                        table.name,
                        record.row,
                        table.header_of("project"),
                        record["project"],
                        "import.not_writable",
                    )  # fmt: skip
                )
        records[key] = kept


class _Planner:
    def __init__(self, raw, records, raw_rows, checkers, existing: state.Existing, problems):
        self.raw = raw
        self.records = records
        self.raw_rows = raw_rows
        self.checkers = checkers
        self.existing = existing
        self.problems = problems
        self.in_file: dict[str, set] = {}

    def table(self, key: str) -> TablePlan:
        records = self.records.get(key, [])
        sheet = next(s for s in SHEETS if s.key == key)
        # Every row's key, also of rows refused below: their children need no second problem.
        self.in_file[key] = {_natural(sheet, record) for record in records}
        if not records:
            return TablePlan()
        kept = [r for r in records if r.ok and getattr(self, f"_refs_{key}")(r)]
        return self._diff(key, kept)

    # --- helpers ---------------------------------------------------------------------------

    def _problem(self, key: str, record: Record, column: str, value, reason: str, **details):
        table = self.raw.tables[key]
        self.problems.append(
            located(table.name, record.row, table.header_of(column), value, reason, **details)
        )

    def _known(self, key, record, column, value, target: str, existing: dict) -> bool:
        """Whether ``value`` names a row of ``target`` in the file or the database."""
        if value in self.in_file.get(target, set()) or value in existing:
            return True
        shown = value if not isinstance(value, tuple) else " / ".join(map(str, value))
        sheet = self.raw.tables[target].name if target in self.raw.tables else target
        self._problem(key, record, column, shown, "import.unknown_reference", sheet=sheet)
        return False

    def _project(self, key, record) -> bool:
        return self._known(key, record, "project", record["project"], "projects",
                           self.existing.projects)  # fmt: skip

    def _element(self, key, record, stage: str, position: str, column: str) -> bool:
        element = (record["project"], record[stage], record[position])
        return self._known(key, record, column, element, "elements", self.existing.elements)

    def _diff(self, key: str, records: list[Record]) -> TablePlan:
        sheet = next(s for s in SHEETS if s.key == key)
        existing = getattr(self.existing, key)
        plan = TablePlan()
        seen: dict[tuple, int] = {}
        compared = COMPARED[key]
        for record in records:
            natural = _natural(sheet, record)
            if natural in seen:
                column = sheet.natural_key[-1]
                self._problem(key, record, column, record[column], "import.duplicate_in_file",
                              row=seen[natural])  # fmt: skip
                continue
            seen[natural] = record.row
            old = existing.get(natural) or self._adopted(key, record)
            if old is None:
                plan.added.append(record)
            elif any(old.get(c) != record[c] for c in compared):
                plan.changed.append((old["id"], record))
            else:
                plan.unchanged += 1
        return plan

    def _adopted(self, key: str, record: Record) -> dict | None:
        """A funder or organisation already in the database under the same name and without
        a reference: the file gives it its reference."""
        names = {"funders": self.existing.funder_names,
                 "organisations": self.existing.organisation_names}.get(key)  # fmt: skip
        old = names.get(record["name"]) if names is not None else None
        return old if old is not None and old["reference"] is None else None

    # --- references per sheet ----------------------------------------------------------------

    def _unique_name(self, key: str, record: Record, names: dict, taken: dict) -> bool:
        name = record["name"]
        if name in taken and taken[name][0] != record["reference"]:
            self._problem(key, record, "name", name, "import.duplicate_in_file",
                          row=taken[name][1])  # fmt: skip
            return False
        taken.setdefault(name, (record["reference"], record.row))
        owner = names.get(name)
        if owner is not None and owner["reference"] not in (None, record["reference"]):
            self._problem(key, record, "name", name, "import.duplicate_in_database",
                          reference=owner["reference"])  # fmt: skip
            return False
        return True

    def _refs_funders(self, record: Record) -> bool:
        taken = self.__dict__.setdefault("_funder_names", {})
        return self._unique_name("funders", record, self.existing.funder_names, taken)

    def _refs_organisations(self, record: Record) -> bool:
        taken = self.__dict__.setdefault("_organisation_names", {})
        return self._unique_name("organisations", record, self.existing.organisation_names, taken)

    def _refs_projects(self, record: Record) -> bool:
        return self._known("projects", record, "organisation", record["organisation"],
                           "organisations", self.existing.organisations)  # fmt: skip

    def _refs_grants(self, record: Record) -> bool:
        funder = self._known("grants", record, "funder", record["funder"], "funders",
                             self.existing.funders)  # fmt: skip
        return self._project("grants", record) and funder

    def _refs_elements(self, record: Record) -> bool:
        return self._project("elements", record)

    def _refs_links(self, record: Record) -> bool:
        if not self._project("links", record):
            return False
        start = self._element("links", record, "from_stage", "from_position", "from_position")
        end = self._element("links", record, "to_stage", "to_position", "to_position")
        return start and end

    def _refs_sources(self, record: Record) -> bool:
        if not self._project("sources", record):
            return False
        if record["to_stage"] is None:
            return self._element("sources", record, "stage", "position", "position")
        link = (record["project"], record["stage"], record["position"], record["to_stage"],
                record["to_position"])  # fmt: skip
        return self._known("sources", record, "to_position", link, "links", self.existing.links)

    def _refs_indicators(self, record: Record) -> bool:
        if not self._project("indicators", record):
            return False
        return self._element("indicators", record, "stage", "position", "position")

    def _refs_measurements(self, record: Record) -> bool:
        if not self._project("measurements", record):
            return False
        key = (record["project"], record["indicator"])
        if key not in self.in_file["indicators"] and key not in self.existing.indicators:
            sheet = self.raw.tables["indicators"].name if "indicators" in self.raw.tables else ""
            self._problem("measurements", record, "indicator", record["indicator"],
                          "import.unknown_reference", sheet=sheet or "indicators")  # fmt: skip
            return False
        indicator = self._indicator(key)
        if indicator is None:
            return False  # the indicator's own row has a problem, already named
        raw = self.raw_rows["measurements"][record.row]
        values = check_measured(self.checkers["measurements"], record, raw,
                                indicator["measure_kind"], indicator["unit"])  # fmt: skip
        if values is None:
            return False
        record.values.update(values)
        return True

    def _indicator(self, key: tuple) -> dict:
        if "_file_indicators" not in self.__dict__:
            self._file_indicators = {
                (r["project"], r["reference"]): r for r in self.records.get("indicators", [])
            }
        if key in self._file_indicators:
            record = self._file_indicators[key]
            return record.values if record.ok else None
        return self.existing.indicators[key]

    def _refs_stories(self, record: Record) -> bool:
        return self._project("stories", record)


def _natural(sheet, record: Record):
    """A row's natural key: its one key column's value, or a tuple of several."""
    natural = tuple(record[column] for column in sheet.natural_key)
    return natural[0] if len(natural) == 1 else natural
