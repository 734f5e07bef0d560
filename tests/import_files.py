"""Template files built in tests: a small good portfolio as rows per sheet, written as an
Excel workbook or as CSV files (zip or folder), and a checksum of the database's content."""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import zipfile

from openpyxl import Workbook
from sqlalchemy import select

from data_access import scope
from data_access.importer.template import SHEETS
from data_access.models import Base

# English column order of each sheet (as in data_access.importer.template).
GOOD: dict[str, list[list]] = {
    "funders": [["F1", "Stichting Een", "family", "ja"], ["F2", "Fonds Twee", "corporate", "nee"]],
    "organisations": [["O1", "vzw Een", "antwerpen"]],
    "projects": [
        [
            "P1",
            "O1",
            "Huiswerkklas",
            "Begeleiding",
            "people",
            "education",
            "antwerpen",
            "01/01/2024",
            "31/12/2027",
            "running",
            "network",
            "An",
        ],
        [
            "P2",
            "O1",
            "Groene buurt",
            "",
            "environment",
            "nature",
            "limburg",
            "2024-03-01",
            "",
            "running",
            "private",
            "Bert",
        ],
    ],  # fmt: skip
    "grants": [
        ["F1", "G1", "P1", "25.000,50", "", "", "15/01/2024", "", ""],
        ["F2", "G1", "P2", 12000, "EUR", "", "15/03/2024", "", ""],
    ],
    "elements": [
        ["P1", "output", 0, "Wekelijkse huiswerkklas"],
        ["P1", "outcome", 0, "Kinderen lezen beter"],
        ["P2", "outcome", 0, "Meer groen"],
    ],
    "links": [["P1", "output", 0, "outcome", 0]],
    "sources": [
        ["P1", "B1", "outcome", 0, "", "", "research", "Peeters (2021)", "https://x.be", 2021],
        ["P1", "B2", "output", 0, "outcome", 0, "practice", "Ervaring", "", ""],
    ],
    "indicators": [
        [
            "P1",
            "I1",
            "outcome",
            0,
            "Lezers",
            "persons",
            "increase",
            "number",
            "cumulative",
            "ja",
            0,
            "01/01/2024",
            100,
            "31/12/2027",
            "SDG 4.6.1",
        ],
        [
            "P1",
            "I2",
            "outcome",
            0,
            "Aandeel geslaagd",
            "percent",
            "increase",
            "percentage",
            "periodic",
            "nee",
            "40",
            "01/01/2024",
            "80",
            "31/12/2027",
            "",
        ],
        [
            "P2",
            "I1",
            "outcome",
            0,
            "Bomen",
            "trees",
            "increase",
            "number",
            "cumulative",
            "ja",
            0,
            "01/03/2024",
            500,
            "31/12/2027",
            "",
        ],
    ],  # fmt: skip
    "measurements": [
        ["P1", "I1", "31/12/2024", "35", "", "", "", "Aanwezigheidslijst", "practice"],
        ["P1", "I1", "30/06/2025", "52", "", "", "", "Aanwezigheidslijst", ""],
        ["P1", "I2", "30/06/2025", "", "42", "60", "", "Enquête", ""],
        ["P2", "I1", "31/12/2025", "1.250,0", "", "", "", "Telling", ""],
    ],
    "stories": [["P1", "31/12/2024", "Sara leest", "Na een jaar leest Sara vlot.", "An"]],
}


def good() -> dict[str, list[list]]:
    return copy.deepcopy(GOOD)


def headers(sheet, dutch: bool) -> list[str]:
    return [column.nl if dutch else column.key for column in sheet.columns]


def workbook(rows: dict[str, list[list]], *, dutch: bool = False, skip=(), extra=None) -> bytes:
    """An .xlsx with every template sheet (but ``skip``), plus ``extra`` sheets by name."""
    book = Workbook()
    book.remove(book.active)
    for sheet in SHEETS:
        if sheet.key in skip:
            continue
        ws = book.create_sheet(sheet.nl if dutch else sheet.key)
        ws.append(rows.get(f"{sheet.key}:header") or headers(sheet, dutch))
        for row in rows.get(sheet.key, []):
            ws.append(row)
    for name, sheet_rows in (extra or {}).items():
        ws = book.create_sheet(name)
        for row in sheet_rows:
            ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_files(
    rows: dict[str, list[list]], *, dutch: bool = True, delimiter: str = ";", bom: bool = True
) -> dict[str, bytes]:
    """One CSV per sheet with rows, as Excel in Belgium saves it (semicolons, UTF-8 BOM)."""
    files = {}
    for sheet in SHEETS:
        if not rows.get(sheet.key):
            continue
        text = io.StringIO()
        writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(headers(sheet, dutch))
        writer.writerows(rows[sheet.key])
        data = text.getvalue().encode()
        files[f"{sheet.nl if dutch else sheet.key}.csv"] = (b"\xef\xbb\xbf" if bom else b"") + data
    return files


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def checksum(engine) -> str:
    """A hash of every row of every table but the import history: equal only when the
    content is the same."""
    digest = hashlib.sha256()
    with engine.connect() as conn:
        db = scope.trusted(conn)
        for table in Base.metadata.sorted_tables:
            if table.name == "import_batch":
                continue
            rows = db.execute(select(table)).all()
            digest.update(table.name.encode())
            for row in sorted(repr(tuple(row)) for row in rows):
                digest.update(row.encode())
    return digest.hexdigest()
