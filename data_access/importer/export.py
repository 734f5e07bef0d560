"""Exporting the database, or the part of some funders and projects, as the import template.

The file has the sheets and columns the importer reads (``template.SHEETS``), parents named by
their references, so importing it into an empty database gives the same data, and importing it
back into the same database changes nothing. Rows without a reference get one made from their
id (``template.reference_for``); the result says how many, because only rows whose reference
is in the database are found again by a re-import. Read through ``scope.trusted``: this is a
maintenance read across all viewers, for the command line only.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import Connection, Engine, bindparam, func, select, true, update

from data_access import scope
from data_access.importer.state import chunks
from data_access.importer.template import SHEETS, Sheet, reference_for
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

Progress = Callable[[str, int, int], None]  # sheet name, rows written, rows in the sheet
TICK = 2_000  # rows between progress calls


class ExportError(ValueError):
    """The export cannot be made as asked (an unknown funder or project id)."""


@dataclass
class ExportResult:
    """Rows written per sheet, and how many of them got a reference made from their id."""

    rows: dict[str, int] = field(default_factory=dict)
    made_references: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def export(
    engine: Engine,
    target: str | Path | BinaryIO,
    *,
    funder_ids: Iterable[int] = (),
    project_ids: Iterable[int] = (),
    lang: str = "en",
    csv_zip: bool = False,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the template to ``target``: everything, or (given ``funder_ids`` and/or
    ``project_ids``) the projects those funders support plus the given projects, with
    everything under them: their organisations, every grant to them and its funder, change
    logics, sources, indicators, measurements and stories. Dutch column names for ``lang``
    "nl", English ones otherwise; an Excel workbook, or with ``csv_zip`` a zip of CSV files."""
    progress = progress or (lambda sheet, done, total: None)
    result = ExportResult()
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            # One snapshot for every sheet: rows written meanwhile cannot split parents from
            # children in the file.
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        db = scope.trusted(conn)
        chosen = _chosen_projects(db, set(funder_ids), set(project_ids))
        rows = _Rows(db, chosen, result)
        writer = _CsvZip(target) if csv_zip else _Workbook(target)
        try:
            for sheet in SHEETS:
                name = sheet.nl if lang == "nl" else sheet.key
                headers = [column.nl if lang == "nl" else column.key for column in sheet.columns]
                total = rows.count(sheet.key)
                writer.start(name, headers)
                done = 0
                progress(name, 0, total)
                for row in getattr(rows, sheet.key)():
                    writer.append(_cells(sheet, row, lang))
                    done += 1
                    if done % TICK == 0:
                        progress(name, done, total)
                progress(name, done, total)
                result.rows[sheet.key] = done
        finally:
            writer.close()
    return result


def _chosen_projects(db: Connection, funder_ids: set[int], project_ids: set[int]) -> list | None:
    """The ids of the projects to export, or None for everything."""
    if not funder_ids and not project_ids:
        return None
    for model, ids, what in ((Funder, funder_ids, "funder"), (Project, project_ids, "project")):
        known = set()
        for chunk in chunks(sorted(ids)):
            known |= set(db.scalars(select(model.id).where(model.id.in_(chunk))))
        if ids - known:
            missing = ", ".join(map(str, sorted(ids - known)))
            raise ExportError(f"no {what} with id {missing}")
    chosen = set(project_ids)
    for chunk in chunks(sorted(funder_ids)):
        chosen |= set(db.scalars(select(Grant.project_id).where(Grant.funder_id.in_(chunk))))
    return sorted(chosen)


class _Rows:
    """The rows of each sheet as {column key: value}, parents named by their references."""

    def __init__(self, db: Connection, chosen: list | None, result: ExportResult):
        self.db = db
        self.chosen = chosen
        self.result = result
        self.funder_ref: dict[int, str] = {}
        self.organisation_ref: dict[int, str] = {}
        self.project_ref: dict[int, str] = {}
        self.element_key: dict[int, tuple] = {}
        self.indicator_key: dict[int, tuple] = {}

    # --- selection ---------------------------------------------------------------------------

    def _where(self, column, ids: list | None = None) -> Iterator:
        """One condition per chunk of ``ids`` (the chosen projects by default), or none."""
        ids = self.chosen if ids is None else ids
        if ids is None:
            yield true()
            return
        yield from (column.in_(chunk) for chunk in chunks(ids))

    def _funder_ids(self) -> list | None:
        if self.chosen is None:
            return None
        found = set()
        for where in self._where(Grant.project_id):
            found |= set(self.db.scalars(select(Grant.funder_id).where(where)))
        return sorted(found)

    def _organisation_ids(self) -> list | None:
        if self.chosen is None:
            return None
        found = set()
        for where in self._where(Project.id):
            found |= set(self.db.scalars(select(Project.organisation_id).where(where)))
        return sorted(found)

    def count(self, key: str) -> int:
        """How many rows ``key`` gets (the progress bar's total)."""
        column = {
            "funders": (Funder.id, self._funder_ids),
            "organisations": (Organisation.id, self._organisation_ids),
            "projects": (Project.id, None),
            "grants": (Grant.project_id, None),
            "elements": (ChangeLogicElement.project_id, None),
            "sources": (EvidenceSource.project_id, None),
            "indicators": (Indicator.project_id, None),
            "stories": (Story.project_id, None),
        }.get(key)
        if column is not None:
            target, ids = column
            stmt = select(func.count()).select_from(target.table)
            ids = ids() if ids is not None else None
            return sum(self.db.scalar(stmt.where(where)) for where in self._where(target, ids))
        # Links and measurements belong to a project through an element or an indicator.
        parent, link = {
            "links": (ChangeLogicElement, ChangeLogicLink.from_element_id),
            "measurements": (Indicator, Measurement.indicator_id),
        }[key]
        stmt = select(func.count()).select_from(link.table).join(parent, parent.id == link)
        return sum(self.db.scalar(stmt.where(where)) for where in self._where(parent.project_id))

    def _named(self, key: str, rows: list[dict], scope_of=lambda row: None) -> list[dict]:
        made = _fill_references(key, rows, scope_of)
        if made:
            self.result.made_references[key] = made
        return rows

    def _all(self, model, where) -> list[dict]:
        stmt = select(model.__table__).where(where).order_by(model.__table__.c.id)
        return [dict(row) for row in self.db.execute(stmt).mappings()]

    # --- sheets --------------------------------------------------------------------------------

    def funders(self) -> Iterator[dict]:
        rows = []
        for where in self._where(Funder.id, self._funder_ids()):
            stmt = select(Funder.id, Funder.reference, Funder.name, Funder.kind,
                          Funder.named_to_network).where(where)  # fmt: skip
            rows += [dict(row) for row in self.db.execute(stmt).mappings()]
        for row in self._named("funders", sorted(rows, key=lambda r: r["id"])):
            self.funder_ref[row["id"]] = row["reference"]
            yield row

    def organisations(self) -> Iterator[dict]:
        rows = []
        for where in self._where(Organisation.id, self._organisation_ids()):
            stmt = select(
                Organisation.id, Organisation.reference, Organisation.name, Organisation.region
            ).where(where)
            rows += [dict(row) for row in self.db.execute(stmt).mappings()]
        for row in self._named("organisations", sorted(rows, key=lambda r: r["id"])):
            self.organisation_ref[row["id"]] = row["reference"]
            yield row

    def projects(self) -> Iterator[dict]:
        rows = []
        for where in self._where(Project.id):
            rows += self._all(Project, where)
        for row in self._named("projects", sorted(rows, key=lambda r: r["id"])):
            self.project_ref[row["id"]] = row["reference"]
            row["organisation"] = self.organisation_ref[row["organisation_id"]]
            yield row

    def grants(self) -> Iterator[dict]:
        rows = []
        for where in self._where(Grant.project_id):
            rows += self._all(Grant, where)
        rows.sort(key=lambda r: r["id"])
        for row in self._named("grants", rows, lambda row: row["funder_id"]):
            row["funder"] = self.funder_ref[row["funder_id"]]
            row["project"] = self.project_ref[row["project_id"]]
            yield row

    def elements(self) -> Iterator[dict]:
        for where in self._where(ChangeLogicElement.project_id):
            for row in self._all(ChangeLogicElement, where):
                row["project"] = self.project_ref[row["project_id"]]
                self.element_key[row["id"]] = (row["project"], row["stage"], row["position"])
                yield row

    def links(self) -> Iterator[dict]:
        ids = sorted(self.element_key)
        for where in self._where(ChangeLogicLink.from_element_id, ids):
            stmt = select(ChangeLogicLink.from_element_id, ChangeLogicLink.to_element_id).where(
                where
            )
            for start, end in self.db.execute(stmt.order_by(*stmt.selected_columns)):
                project, from_stage, from_position = self.element_key[start]
                _, to_stage, to_position = self.element_key[end]
                yield {
                    "project": project,
                    "from_stage": from_stage,
                    "from_position": from_position,
                    "to_stage": to_stage,
                    "to_position": to_position,
                }

    def sources(self) -> Iterator[dict]:
        rows = []
        for where in self._where(EvidenceSource.project_id):
            rows += self._all(EvidenceSource, where)
        rows.sort(key=lambda r: r["id"])
        for row in self._named("sources", rows, lambda row: row["project_id"]):
            start = row["element_id"] or row["from_element_id"]
            project, row["stage"], row["position"] = self.element_key[start]
            row["project"] = project
            if row["to_element_id"] is not None:
                _, row["to_stage"], row["to_position"] = self.element_key[row["to_element_id"]]
            yield row

    def indicators(self) -> Iterator[dict]:
        rows = []
        for where in self._where(Indicator.project_id):
            rows += self._all(Indicator, where)
        rows.sort(key=lambda r: r["id"])
        for row in self._named("indicators", rows, lambda row: row["project_id"]):
            project, row["stage"], row["position"] = self.element_key[row["element_id"]]
            row["project"] = project
            self.indicator_key[row["id"]] = (project, row["reference"])
            yield row

    def measurements(self) -> Iterator[dict]:
        columns = [Measurement.__table__.c[c.key] for c in _sheet("measurements").columns
                   if c.key in Measurement.__table__.c]  # fmt: skip
        for where in self._where(Measurement.indicator_id, sorted(self.indicator_key)):
            stmt = (
                select(Measurement.indicator_id, *columns)
                .where(where)
                .order_by(Measurement.indicator_id, Measurement.period_end)
            )
            for row in self.db.execute(stmt).mappings():
                project, indicator = self.indicator_key[row["indicator_id"]]
                yield dict(row) | {"project": project, "indicator": indicator}

    def stories(self) -> Iterator[dict]:
        for where in self._where(Story.project_id):
            for row in self._all(Story, where):
                yield row | {"project": self.project_ref[row["project_id"]]}


def _fill_references(key: str, rows: list[dict], scope_of) -> int:
    """Give every row of ``rows`` without a reference one made from its id, unique within
    ``scope_of(row)`` (None: the whole table; else a project or a funder); how many."""
    taken = {(scope_of(row), row["reference"]) for row in rows if row["reference"]}
    made = 0
    for row in rows:
        if not row["reference"]:
            reference = reference_for(key, row["id"])
            while (scope_of(row), reference) in taken:
                reference += "x"
            row["reference"] = reference
            taken.add((scope_of(row), reference))
            made += 1
    return made


# Sheets whose rows a reference identifies: model, and the column a reference is unique in.
REFERENCED = {
    "funders": (Funder, None),
    "organisations": (Organisation, None),
    "projects": (Project, None),
    "grants": (Grant, "funder_id"),
    "sources": (EvidenceSource, "project_id"),
    "indicators": (Indicator, "project_id"),
}


def assign_references(engine: Engine) -> dict[str, int]:
    """Store in the database the references an export makes for rows without one, so that a
    file exported from it is found again when imported back; how many per sheet."""
    stored = {}
    with engine.begin() as conn:
        db = scope.trusted(conn)
        for key, (model, within) in REFERENCED.items():
            columns = [model.id, model.reference]
            if within is not None:
                columns.append(model.__table__.c[within])
            rows = [dict(row) for row in db.execute(select(*columns)).mappings()]
            missing = {row["id"] for row in rows if not row["reference"]}
            if not missing:
                continue
            rows.sort(key=lambda row: row["id"])
            _fill_references(key, rows, lambda row, within=within: row.get(within))
            table = model.__table__
            changes = [{"_id": r["id"], "ref": r["reference"]} for r in rows if r["id"] in missing]
            stmt = (
                update(table)
                .where(table.c.id == bindparam("_id"))
                .values(reference=bindparam("ref"))
            )
            conn.execute(stmt, changes)
            stored[key] = len(changes)
    return stored


def _sheet(key: str) -> Sheet:
    return next(sheet for sheet in SHEETS if sheet.key == key)


# --- cells -----------------------------------------------------------------------------------

YES_NO = {"nl": ("ja", "nee"), "fr": ("oui", "non")}


def _cells(sheet: Sheet, row: dict, lang: str) -> list:
    """The row's values in column order, as a spreadsheet holds them: numbers as numbers,
    dates as dates, yes/no as words, nothing for an empty value."""
    yes, no = YES_NO.get(lang, ("yes", "no"))
    cells = []
    for column in sheet.columns:
        value = row.get(column.key)
        if value == "" or value is None:
            value = None
        elif column.kind == "yes_no":
            value = yes if value else no
        elif isinstance(value, Decimal):
            value = float(value) if value == value.to_integral_value() else value
        cells.append(value)
    return cells


class _Workbook:
    """An Excel workbook written row by row (openpyxl's write-only mode keeps memory flat)."""

    def __init__(self, target):
        from openpyxl import Workbook

        self.target = target
        self.book = Workbook(write_only=True)
        self.sheet = None

    def start(self, name: str, headers: list[str]) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        self.sheet = self.book.create_sheet(name)
        self.sheet.freeze_panes = "A2"
        bold = Font(bold=True)
        header = []
        for text in headers:
            cell = WriteOnlyCell(self.sheet, value=text)
            cell.font = bold
            header.append(cell)
        self.sheet.append(header)

    def append(self, cells: list) -> None:
        self.sheet.append([self._cell(value) for value in cells])

    def _cell(self, value):
        if isinstance(value, str) and value[:1] == "=":
            # Text, never a formula: the import refuses it, and no spreadsheet runs it.
            from openpyxl.cell import WriteOnlyCell

            cell = WriteOnlyCell(self.sheet, value=value)
            cell.data_type = "s"
            return cell
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            from openpyxl.cell import WriteOnlyCell

            cell = WriteOnlyCell(self.sheet, value=value)
            cell.number_format = "DD/MM/YYYY"
            return cell
        return value

    def close(self) -> None:
        self.book.save(self.target)


class _CsvZip:
    """A zip of UTF-8 CSV files, one per sheet, separated by semicolons as Excel writes them
    in Belgium (numbers carry a decimal comma)."""

    def __init__(self, target):
        self.archive = zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED)
        self.name = ""
        self.buffer = io.StringIO()
        self.writer = None

    def start(self, name: str, headers: list[str]) -> None:
        self._flush()
        self.name = f"{name}.csv"
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, delimiter=";", lineterminator="\n")
        self.writer.writerow(headers)

    def append(self, cells: list) -> None:
        self.writer.writerow(["" if value is None else _csv_text(value) for value in cells])

    def _flush(self) -> None:
        if self.writer is not None:
            self.archive.writestr(self.name, self.buffer.getvalue().encode("utf-8"))
            self.writer = None

    def close(self) -> None:
        self._flush()
        self.archive.close()


def _csv_text(value) -> str:
    """A cell as text the import reads back exactly: numbers in full with a decimal comma
    (never "1.234", which a Belgian reads as 1234), dates as ISO dates."""
    if isinstance(value, float | Decimal):
        number = Decimal(repr(value)) if isinstance(value, float) else value
        text = format(number.normalize(), "f")
        return text.replace(".", ",")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
