"""Reading a template file: an Excel workbook, or a zip or folder of CSV files, into raw rows.

Nothing here judges values; it finds the sheets and their columns, and names what cannot be
read at all (size, encoding, a damaged file, missing or extra sheets and columns).
"""

from __future__ import annotations

import csv
import hashlib
import io
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from data_access.importer.template import (
    EXPLANATION_NAMES,
    SHEETS,
    Column,
    Sheet,
    column_named,
    normal_name,
    sheet_named,
)
from data_access.validation import LocatedProblem, is_blank, located

MAX_BYTES = 50 * 1024 * 1024  # the file as given
MAX_UNPACKED = 400 * 1024 * 1024  # everything inside a zip (a workbook is one too)
MAX_ROWS = 1_000_000  # per sheet
FILE = ""  # the "sheet" of a problem with the whole file


@dataclass(frozen=True)
class Source:
    """A file to import: its name and its bytes (an upload), or a path (file or folder)."""

    name: str
    data: bytes | None = None
    path: Path | None = None

    @classmethod
    def of(cls, source: Source | str | Path | bytes, name: str = "upload") -> Source:
        if isinstance(source, Source):
            return source
        if isinstance(source, bytes):
            return cls(name, data=source)
        path = Path(source)
        # "." or "..": the folder's own name, so that reports and the history name it.
        return cls(path.name or path.resolve().name, path=path)


@dataclass
class RawTable:
    """One sheet as read: the name it has in the file, its columns by position (None for an
    unknown one) and its non-empty rows as (row number, {column key: raw value})."""

    sheet: Sheet
    name: str
    columns: list[Column | None] = field(default_factory=list)
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)

    def header_of(self, key: str) -> str:
        """The column's name as the file writes it (its English name when absent)."""
        return self._headers.get(key, key)

    _headers: dict[str, str] = field(default_factory=dict)


@dataclass
class RawFile:
    name: str
    sha256: str
    tables: dict[str, RawTable] = field(default_factory=dict)
    problems: list[LocatedProblem] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return sum(len(table.rows) for table in self.tables.values())


def read(source: Source, max_bytes: int = MAX_BYTES) -> RawFile:
    """Read ``source``; problems with the file itself are in ``RawFile.problems``."""
    if source.path is not None and source.path.is_dir():
        return _read_folder(source, max_bytes)
    data = source.data
    if data is None:
        if not source.path.is_file():
            raw = RawFile(source.name, "")
            raw.problems.append(located(FILE, None, "", source.name, "import.not_found"))
            return raw
        if source.path.stat().st_size > max_bytes:
            raw = RawFile(source.name, "")
            raw.problems.append(_too_large(source.name, max_bytes))
            return raw
        data = source.path.read_bytes()
    raw = RawFile(source.name, hashlib.sha256(data).hexdigest())
    if len(data) > max_bytes:
        raw.problems.append(_too_large(source.name, max_bytes))
    elif not data.strip():
        raw.problems.append(located(FILE, None, "", source.name, "import.empty_file"))
    elif data.startswith(b"PK"):
        _read_zip(raw, data)
    elif normal_name(PurePosixPath(source.name).suffix) == "csv":
        _read_csv_file(raw, source.name, data)
    else:
        raw.problems.append(located(FILE, None, "", source.name, "import.unknown_format"))
    if not raw.problems and not raw.row_count:
        raw.problems.append(located(FILE, None, "", source.name, "import.empty_file"))
    return raw


def _too_large(name: str, max_bytes: int) -> LocatedProblem:
    return located(FILE, None, "", name, "import.too_large", maximum=f"{max_bytes // 2**20} MB")


# --- zip: a workbook, or CSV files ----------------------------------------------------------


def _read_zip(raw: RawFile, data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raw.problems.append(located(FILE, None, "", raw.name, "import.unreadable"))
        return
    if sum(member.file_size for member in members) > MAX_UNPACKED:
        raw.problems.append(_too_large(raw.name, MAX_UNPACKED))
        return
    names = {member.filename for member in members}
    if "xl/workbook.xml" in names:
        _read_workbook(raw, data)
        return
    files = [m for m in members if not m.is_dir() and not _hidden(m.filename)]
    for member in sorted(files, key=lambda m: m.filename):
        name = PurePosixPath(member.filename).name
        if PurePosixPath(name).suffix.lower() != ".csv":
            raw.problems.append(located(name, None, "", name, "import.not_csv"))
            continue
        try:
            content = archive.read(member)
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
            raw.problems.append(located(name, None, "", name, "import.unreadable"))
            continue
        _read_csv_file(raw, name, content)


def _hidden(path: str) -> bool:
    """Files a zip tool adds by itself (macOS resource forks, Windows thumbnails)."""
    parts = PurePosixPath(path).parts
    return any(p.startswith((".", "__MACOSX")) for p in parts) or parts[-1] == "Thumbs.db"


def _read_folder(source: Source, max_bytes: int) -> RawFile:
    files = sorted(p for p in source.path.iterdir() if p.is_file() and not _hidden(p.name))
    digest = hashlib.sha256()
    raw = RawFile(source.name, "")
    total = sum(p.stat().st_size for p in files)
    if total > max_bytes:
        raw.problems.append(_too_large(source.name, max_bytes))
        return raw
    for path in files:
        content = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + content + b"\0")
        if path.suffix.lower() != ".csv":
            raw.problems.append(located(path.name, None, "", path.name, "import.not_csv"))
            continue
        _read_csv_file(raw, path.name, content)
    raw.sha256 = digest.hexdigest()
    if not raw.problems and not raw.row_count:
        raw.problems.append(located(FILE, None, "", source.name, "import.empty_file"))
    return raw


# --- CSV -------------------------------------------------------------------------------------

_OTHER_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _read_csv_file(raw: RawFile, name: str, content: bytes) -> None:
    sheet = _sheet_for(raw, name, PurePosixPath(name).stem)
    if sheet is None:
        return
    if not content.strip():
        raw.problems.append(located(name, None, "", name, "import.empty_sheet"))
        return
    text = _decode(raw, name, content)
    if text is None:
        return
    delimiter = _delimiter(text.partition("\n")[0])
    try:
        rows = list(_numbered(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)))
    except csv.Error as error:
        raw.problems.append(located(name, None, "", str(error), "import.unreadable"))
        return
    _table(raw, sheet, name, iter(rows))


def _decode(raw: RawFile, name: str, content: bytes) -> str | None:
    """UTF-8 text (a byte order mark is dropped); anything else is named with its line."""
    if content.startswith(_OTHER_BOMS):
        raw.problems.append(located(name, 1, "", "UTF-16", "import.encoding"))
        return None
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        bad = content[error.start : error.start + 4]
        raw.problems.append(located(name, line, "", bad.hex(" "), "import.encoding"))
        return None


def _delimiter(header: str) -> str:
    """Semicolons (as Excel writes CSV in Belgium), commas or tabs: whichever the header uses."""
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _numbered(rows) -> Iterator[tuple[int, list]]:
    for number, row in enumerate(rows, start=1):
        yield number, [value if value.strip() else None for value in row]


# --- workbook --------------------------------------------------------------------------------


def _read_workbook(raw: RawFile, data: bytes) -> None:
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            # openpyxl warns about spreadsheet features it does not read (data validation...).
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds of errors on a damaged file
        raw.problems.append(located(FILE, None, "", raw.name, "import.unreadable"))
        return
    try:
        for worksheet in book.worksheets:
            sheet = _sheet_for(raw, worksheet.title, worksheet.title)
            if sheet is None:
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                rows = _numbered_cells(worksheet.iter_rows(values_only=True))
                _table(raw, sheet, worksheet.title, rows)
    except Exception:
        raw.problems.append(located(FILE, None, "", raw.name, "import.unreadable"))
        return
    finally:
        book.close()
    for sheet in SHEETS:
        if sheet.key not in raw.tables:
            raw.problems.append(
                located(sheet.nl, None, "", "", "import.missing_sheet", sheet=sheet.key)
            )


def _numbered_cells(rows) -> Iterator[tuple[int, list]]:
    for number, row in enumerate(rows, start=1):
        yield number, [None if is_blank(value) else value for value in row]


# --- sheets and headers ----------------------------------------------------------------------


def _sheet_for(raw: RawFile, name: str, title: str) -> Sheet | None:
    """The template sheet ``title`` names; an unknown (not an explanation) or repeated one is
    a problem."""
    sheet = sheet_named(title)
    if sheet is None:
        if normal_name(title) not in EXPLANATION_NAMES:
            expected = ", ".join(s.nl for s in SHEETS)
            raw.problems.append(
                located(name, None, "", name, "import.extra_sheet", expected=expected)
            )
        return None
    if sheet.key in raw.tables:
        raw.problems.append(located(name, None, "", name, "import.duplicate_sheet"))
        return None
    return sheet


def _table(raw: RawFile, sheet: Sheet, name: str, rows: Iterator[tuple[int, list]]) -> None:
    table = RawTable(sheet, name)
    raw.tables[sheet.key] = table
    header = next(rows, None)
    if header is None:
        raw.problems.append(located(name, None, "", name, "import.empty_sheet"))
        return
    if not _header(raw, table, header[1]):
        return
    width = len(table.columns)
    for number, values in rows:
        if all(value is None for value in values):
            continue
        if len(table.rows) >= MAX_ROWS:
            raw.problems.append(
                located(name, number, "", "", "import.too_many_rows", maximum=MAX_ROWS)
            )
            return
        record: dict[str, object] = {}
        for position, value in enumerate(values):
            column = table.columns[position] if position < width else None
            if column is not None:
                record[column.key] = value
            elif value is not None:
                raw.problems.append(
                    located(name, number, _letter(position), value, "import.no_header")
                )
        table.rows.append((number, record))


def _header(raw: RawFile, table: RawTable, cells: list) -> bool:
    """Map the header's columns; False when a required column is missing."""
    while cells and cells[-1] is None:
        cells = cells[:-1]
    found: dict[str, str] = {}
    for _position, cell in enumerate(cells):
        column = column_named(table.sheet, cell) if cell is not None else None
        if cell is not None and column is None:
            raw.problems.append(
                located(
                    table.name,
                    1,
                    str(cell),
                    cell,
                    "import.unknown_column",
                    expected=_names(table.sheet),
                )
            )
        elif column is not None and column.key in found:
            raw.problems.append(located(table.name, 1, str(cell), cell, "import.duplicate_column"))
            column = None
        elif column is not None:
            found[column.key] = str(cell)
        table.columns.append(column)
    table._headers = found
    missing = [c for c in table.sheet.columns if c.required and c.key not in found]
    for column in missing:
        raw.problems.append(
            located(table.name, 1, f"{column.nl} / {column.key}", "", "import.missing_column")
        )
    return not missing


def _names(sheet: Sheet) -> str:
    return ", ".join(column.nl for column in sheet.columns)


def _letter(position: int) -> str:
    """The spreadsheet letter of a 0-based column position (0 -> A, 26 -> AA)."""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
