"""Importing the template (an Excel workbook, or a zip or folder of CSV files).

``run`` reads the file, checks every row against the others, the database and the rights of
whoever imports it, and reports every problem at once; only a file without problems is
written, in one transaction that also refreshes the derived data. Every import, refused ones
too, is recorded in ``import_batch``. Problems carry translation keys
(``components/texts/imports.py``); this package never translates.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import Engine, insert
from sqlalchemy.exc import DBAPIError

from data_access.importer import plan as planning
from data_access.importer import readers, write
from data_access.importer.readers import MAX_BYTES, Source
from data_access.importer.workbook import write_template
from data_access.models import ImportBatch
from data_access.validation import LocatedProblem, located
from data_access.viewer import Viewer

__all__ = ["MAX_BYTES", "ImportReport", "Source", "TableCounts", "run", "write_template"]

# Problems kept in the history of a refused import (the report itself has them all).
HISTORY_PROBLEMS = 50

Progress = Callable[[str, int, int], None]  # phase ("read", "check", "write"), done, total


@dataclass(frozen=True)
class TableCounts:
    added: int = 0
    changed: int = 0
    unchanged: int = 0


@dataclass
class ImportReport:
    """What an import did or would do: ``status`` is imported, unchanged, refused, or (dry
    run) checked; ``counts`` per sheet; every problem."""

    filename: str
    sha256: str
    status: str
    problems: list[LocatedProblem] = field(default_factory=list)
    counts: dict[str, TableCounts] = field(default_factory=dict)
    batch_id: int | None = None
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return self.status != "refused"

    def totals(self) -> TableCounts:
        return TableCounts(
            sum(c.added for c in self.counts.values()),
            sum(c.changed for c in self.counts.values()),
            sum(c.unchanged for c in self.counts.values()),
        )


class _Refused(Exception):
    """Leaves the write transaction, rolling it back."""


def run(
    engine: Engine,
    source: Source | str | Path | bytes,
    account_or_viewer,
    dry_run: bool = False,
    *,
    today: dt.date | None = None,
    max_bytes: int = MAX_BYTES,
    progress: Progress | None = None,
) -> ImportReport:
    """Import ``source`` as ``account_or_viewer`` (a ``Viewer``, or an account with
    ``.viewer`` and ``.login``); nothing is written when any problem is found, or on a dry
    run."""
    viewer, who = _who(account_or_viewer)
    today = today or dt.date.today()
    progress = progress or (lambda phase, done, total: None)
    source = Source.of(source)
    raw = readers.read(source, max_bytes)
    report = ImportReport(raw.name, raw.sha256, "refused", dry_run=dry_run)
    total = raw.row_count
    progress("read", total, total)
    checked = _counter(progress, "check", total)
    try:
        with engine.begin() as conn:
            found = planning.make_plan(conn, raw, viewer, today, checked)
            report.problems = _in_file_order(found.problems)
            report.counts = {
                key: TableCounts(len(p.added), len(p.changed), p.unchanged)
                for key, p in found.tables.items()
            }
            if report.problems:
                raise _Refused
            if dry_run:
                report.status = "checked"
                raise _Refused  # nothing is written on a dry run
            report.status = "imported" if found.has_changes else "unchanged"
            report.batch_id = _record(conn, report, who)
            if found.has_changes:
                writes = sum(len(p.added) + len(p.changed) for p in found.tables.values())
                written = _counter(progress, "write", writes)
                touched = write.apply(conn, found, report.batch_id, who, written)
                write.refresh(conn, touched)
    except _Refused:
        pass
    except DBAPIError:
        # Another writer changed the same rows meanwhile, or held the database too long.
        report.status = "refused"
        report.batch_id = None
        report.problems = [located("", None, "", raw.name, "import.busy")]
    if report.status == "refused" and not dry_run:
        with engine.begin() as conn:
            report.batch_id = _record(conn, report, who)
    return report


def _who(account_or_viewer) -> tuple[Viewer, str]:
    if isinstance(account_or_viewer, Viewer):
        return account_or_viewer, account_or_viewer.name or account_or_viewer.role
    return account_or_viewer.viewer, account_or_viewer.login


def _counter(progress: Progress, phase: str, total: int) -> Callable[[int], None]:
    done = [0]

    def tick(count: int) -> None:
        done[0] += count
        progress(phase, min(done[0], total), total)

    return tick


def _in_file_order(problems: list[LocatedProblem]) -> list[LocatedProblem]:
    """Problems by sheet in the order first met, then row."""
    rank = {name: position for position, name in enumerate(_sheet_names(problems))}
    return sorted(problems, key=lambda p: (rank[p.sheet], p.row or 0))


def _sheet_names(problems: list[LocatedProblem]) -> list[str]:
    names: list[str] = []
    for found in problems:
        if found.sheet not in names:
            names.append(found.sheet)
    return names


def _record(conn, report: ImportReport, who: str) -> int:
    """One import_batch row for ``report`` (in the caller's transaction)."""
    totals = report.totals()
    if report.status == "refused":
        problems = [asdict(found) for found in report.problems[:HISTORY_PROBLEMS]]
        message = {"problems": problems, "total": len(report.problems)}
        totals = TableCounts()
    else:
        message = {"counts": {key: asdict(c) for key, c in report.counts.items()}}
    values = {
        "kind": "template",
        "filename": report.filename[:300],
        "sha256": report.sha256 or "-",
        "imported_by": who[:120],
        "imported_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
        "status": report.status,
        "rows_added": totals.added,
        "rows_updated": totals.changed,
        "rows_unchanged": totals.unchanged,
        "message": json.dumps(message, ensure_ascii=False, default=str),
    }
    result = conn.execute(insert(ImportBatch).values(**values).returning(ImportBatch.id))
    return int(result.scalar_one())
