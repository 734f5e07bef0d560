"""The import template: its sheets, their columns (English and Dutch names) and natural keys.

One definition serves the readers (which header is which column), the checks (what each
column holds) and the empty template people download (data_access.importer.workbook).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from data_access import validation
from data_access import vocabulary as voc


@dataclass(frozen=True)
class Column:
    """One column: its English name (the field name), its Dutch name, what it holds."""

    key: str
    nl: str
    kind: str  # text, code, number, amount, whole, date, yes_no
    required: bool = False
    max_length: int = 200
    codes: tuple[str, ...] = ()
    example: object = ""

    @property
    def names(self) -> tuple[str, str]:
        return (self.key, self.nl)


@dataclass(frozen=True)
class Sheet:
    """One sheet (or CSV file): its names, columns and the columns that identify a row."""

    key: str
    nl: str
    columns: tuple[Column, ...]
    natural_key: tuple[str, ...]

    @property
    def names(self) -> tuple[str, str]:
        return (self.key, self.nl)

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)


def _ref(key: str, nl: str, example: str, required: bool = True) -> Column:
    return Column(key, nl, "text", required, 200, example=example)


def _code(key: str, nl: str, codes: tuple[str, ...], example: str, required=True) -> Column:
    return Column(key, nl, "code", required, 40, codes, example)


def _stage(key: str, nl: str, example: str, required: bool = True) -> Column:
    return _code(key, nl, voc.STAGES, example, required)


def _position(key: str, nl: str, example: int, required: bool = True) -> Column:
    return Column(key, nl, "whole", required, example=example)


SUB_THEMES = tuple(sub for subs in voc.SUB_THEMES.values() for sub in subs)

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "funders",
        "financiers",
        (
            _ref("reference", "referentie", "F-001"),
            Column("name", "naam", "text", True, 200, example="Stichting De Brug"),
            _code("kind", "soort", voc.FUNDER_KINDS, "family"),
            Column("named_to_network", "genoemd_aan_netwerk", "yes_no", example="ja"),
        ),
        ("reference",),
    ),
    Sheet(
        "organisations",
        "organisaties",
        (
            _ref("reference", "referentie", "O-001"),
            Column("name", "naam", "text", True, 200, example="vzw Buurtwerk"),
            _code("region", "regio", voc.REGIONS, "antwerpen", required=False),
        ),
        ("reference",),
    ),
    Sheet(
        "projects",
        "projecten",
        (
            _ref("reference", "referentie", "P-001"),
            _ref("organisation", "organisatie", "O-001"),
            Column("name", "naam", "text", True, 200, example="Huiswerkklas Noord"),
            Column("summary", "samenvatting", "text", max_length=5000, example="Begeleiding"),
            _code("theme", "thema", voc.THEMES, "people"),
            _code("sub_theme", "subthema", SUB_THEMES, "education"),
            _code("region", "regio", voc.REGIONS, "antwerpen"),
            Column("start_date", "startdatum", "date", True, example=dt.date(2024, 1, 1)),
            Column("end_date", "einddatum", "date", example=dt.date(2027, 12, 31)),
            _code("status", "status", voc.PROJECT_STATUSES, "running"),
            _code("visibility", "zichtbaarheid", voc.VISIBILITIES, "network"),
            Column("lead", "projectleider", "text", example="An Peeters"),
        ),
        ("reference",),
    ),
    Sheet(
        "grants",
        "steun",
        (
            _ref("funder", "financier", "F-001"),
            _ref("reference", "referentie", "G-2024-01"),
            _ref("project", "project", "P-001"),
            Column("amount", "bedrag", "amount", True, example="25.000,00"),
            Column("currency", "munt", "text", max_length=10, example="EUR"),
            Column("amount_eur", "bedrag_eur", "amount", example=""),
            Column("awarded_on", "toegekend_op", "date", True, example=dt.date(2024, 1, 15)),
            Column("start_date", "startdatum", "date", example=dt.date(2024, 2, 1)),
            Column("end_date", "einddatum", "date", example=dt.date(2026, 1, 31)),
        ),
        ("funder", "reference"),
    ),
    Sheet(
        "elements",
        "elementen",
        (
            _ref("project", "project", "P-001"),
            _stage("stage", "fase", "outcome"),
            _position("position", "positie", 1),
            Column("statement", "stelling", "text", True, 2000, example="Kinderen lezen beter"),
        ),
        ("project", "stage", "position"),
    ),
    Sheet(
        "links",
        "verbanden",
        (
            _ref("project", "project", "P-001"),
            _stage("from_stage", "van_fase", "output"),
            _position("from_position", "van_positie", 1),
            _stage("to_stage", "naar_fase", "outcome"),
            _position("to_position", "naar_positie", 1),
        ),
        ("project", "from_stage", "from_position", "to_stage", "to_position"),
    ),
    Sheet(
        "sources",
        "bronnen",
        (
            _ref("project", "project", "P-001"),
            _ref("reference", "referentie", "B-01"),
            _stage("stage", "fase", "outcome"),
            _position("position", "positie", 1),
            _stage("to_stage", "naar_fase", "", required=False),
            _position("to_position", "naar_positie", "", required=False),
            _code("kind", "soort", voc.SOURCE_KINDS, "research"),
            Column("citation", "omschrijving", "text", True, 2000, example="Peeters (2021)"),
            Column("url", "url", "text", max_length=500, example="https://example.org/studie"),
            Column("year", "jaar", "whole", example=2021),
        ),
        ("project", "reference"),
    ),
    Sheet(
        "indicators",
        "indicatoren",
        (
            _ref("project", "project", "P-001"),
            _ref("reference", "referentie", "I-01"),
            _stage("stage", "fase", "outcome"),
            _position("position", "positie", 1),
            Column("name", "naam", "text", True, 300, example="Kinderen met betere punten"),
            _code("unit", "eenheid", validation.UNITS, "persons"),
            _code("direction", "richting", voc.DIRECTIONS, "increase"),
            _code("measure_kind", "soort_meting", voc.MEASURE_KINDS, "number"),
            _code("accumulation", "opbouw", voc.ACCUMULATIONS, "cumulative"),
            Column("summable", "optelbaar", "yes_no", example="ja"),
            Column("baseline_value", "nulmeting", "number", example=0),
            Column("baseline_date", "datum_nulmeting", "date", True, example=dt.date(2024, 1, 1)),
            Column("target_value", "streefwaarde", "number", example=120),
            Column("target_date", "streefdatum", "date", True, example=dt.date(2027, 12, 31)),
            Column("standard_ref", "standaard", "text", max_length=60, example="SDG 4.6.1"),
        ),
        ("project", "reference"),
    ),
    Sheet(
        "measurements",
        "metingen",
        (
            _ref("project", "project", "P-001"),
            _ref("indicator", "indicator", "I-01"),
            Column("period_end", "periode_einde", "date", True, example=dt.date(2024, 12, 31)),
            Column("value", "waarde", "number", example=35),
            Column("numerator", "teller", "number", example=""),
            Column("denominator", "noemer", "number", example=""),
            Column("text", "tekst", "text", max_length=2000, example=""),
            Column("source", "bron", "text", max_length=200, example="Aanwezigheidslijsten"),
            _code("evidence_level", "onderbouwing", voc.EVIDENCE, "practice", required=False),
        ),
        ("project", "indicator", "period_end"),
    ),
    Sheet(
        "stories",
        "verhalen",
        (
            _ref("project", "project", "P-001"),
            Column("period_end", "periode_einde", "date", True, example=dt.date(2024, 12, 31)),
            Column("title", "titel", "text", True, 200, example="Sara haalt haar attest"),
            Column("text", "tekst", "text", True, 5000, example="Na een jaar huiswerkklas…"),
            Column("author", "auteur", "text", True, 120, example="An Peeters"),
        ),
        ("project", "period_end", "title"),
    ),
)

SHEET_BY_KEY = {sheet.key: sheet for sheet in SHEETS}

# References made from a row's id, for rows that have none (the demo data, an export of rows
# entered otherwise): prefix and digits per sheet.
REFERENCE_FORMATS = {
    "funders": ("FIN", 4),
    "organisations": ("ORG", 5),
    "projects": ("PRJ", 5),
    "grants": ("GRA", 6),
    "indicators": ("IND", 6),
    "sources": ("SRC", 6),
}


def reference_for(sheet_key: str, row_id: int) -> str:
    """The reference a row of ``sheet_key`` without one gets: ``PRJ-00012`` for project 12."""
    prefix, digits = REFERENCE_FORMATS[sheet_key]
    return f"{prefix}-{row_id:0{digits}d}"


# The sheets a project lead may fill (for their own projects).
LEAD_SHEETS = ("measurements", "stories")
# Sheets people may add that the import ignores: the template's explanation.
EXPLANATION_NAMES = ("explanation", "uitleg", "explication", "readme", "lees_mij")


def normal_name(raw: object) -> str:
    """A header or sheet name as compared: lower case, no accents, words joined by ``_``."""
    text = unicodedata.normalize("NFKD", str(raw or "")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def sheet_named(name: str) -> Sheet | None:
    """The sheet a sheet or file name means (English or Dutch), or None."""
    wanted = normal_name(name)
    for sheet in SHEETS:
        if wanted in sheet.names:
            return sheet
    return None


def column_named(sheet: Sheet, header: str) -> Column | None:
    wanted = normal_name(header)
    for column in sheet.columns:
        if wanted in column.names:
            return column
    return None
