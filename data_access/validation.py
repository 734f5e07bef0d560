"""Field parsers for anything people type or files carry: forms now, importers later.

Each parser is pure and never raises on input: it returns the parsed value or a ``Problem``
naming the field, the value as given and why it was refused (a translation key from
``components/texts/entries.py``, with its placeholder values). ``keep`` gathers problems so a
caller can report every one at once.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TypeVar

T = TypeVar("T")

SHOWN_LENGTH = 60  # how much of a refused value a problem repeats
MAX_NUMBER_LENGTH = 60
FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)
# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Units whose values cannot be negative (counts, amounts, areas); a score may be.
NON_NEGATIVE_UNITS = frozenset(
    {
        "persons",
        "households",
        "volunteers",
        "hours",
        "sessions",
        "tonnes_co2",
        "kwh",
        "hectares",
        "trees",
        "kg_waste",
        "jobs",
        "days",
        "percent",
    }
)
# Units that count things: their values are whole numbers.
COUNTED_UNITS = frozenset({"persons", "households", "volunteers", "sessions", "trees", "jobs"})
# Every unit an indicator may have ("percent" for percentages, "text" for qualitative ones).
UNITS: tuple[str, ...] = (*sorted(NON_NEGATIVE_UNITS - {"percent"}), "score", "percent", "text")
YES_WORDS = frozenset({"yes", "ja", "oui", "true", "waar", "vrai", "1", "y", "j"})
NO_WORDS = frozenset({"no", "nee", "non", "false", "onwaar", "faux", "0", "n"})


@dataclass(frozen=True)
class Problem:
    """One value that could not be used: which field, what was given, and why."""

    field: str
    value: str
    reason: str  # a translation key, e.g. "validation.not_a_number"
    details: tuple[tuple[str, str], ...] = field(default=())  # the reason's placeholders

    @property
    def placeholders(self) -> dict[str, str]:
        return dict(self.details)


@dataclass(frozen=True)
class LocatedProblem:
    """A problem in a file: which sheet (or CSV file), row and column, the value as given,
    and why (a translation key with its placeholders). ``row`` is the spreadsheet row number
    (the header is row 1); None for a problem with a whole sheet or file."""

    sheet: str
    row: int | None
    column: str
    value: str
    reason: str
    details: tuple[tuple[str, str], ...] = field(default=())

    @property
    def placeholders(self) -> dict[str, str]:
        return dict(self.details)

    @classmethod
    def at(
        cls, found: Problem, sheet: str, row: int | None, column: str | None = None
    ) -> LocatedProblem:
        """``found`` placed in a file; ``column`` as the file names it (default: the field)."""
        return cls(sheet, row, column or found.field, found.value, found.reason, found.details)


def located(
    sheet: str, row: int | None, column: str, raw: object, reason: str, /, **details: object
) -> LocatedProblem:
    """A problem in a file for ``raw`` as given (shortened, printable)."""
    return LocatedProblem.at(problem(column, raw, reason, **details), sheet, row)


def problem(field_name: str, raw: object, reason: str, **details: object) -> Problem:
    """A problem for ``raw`` as given (shortened, always printable as text)."""
    return Problem(
        field_name, shown(raw), reason, tuple((key, shown(value)) for key, value in details.items())
    )


def shown(raw: object) -> str:
    """A value as a short, safe string for a message: never more than ``SHOWN_LENGTH``."""
    if raw is None:
        return ""
    if isinstance(raw, dt.date):
        return raw.strftime("%d/%m/%Y")
    if isinstance(raw, float) and raw.is_integer() and abs(raw) < 1e15:
        raw = int(raw)
    text = raw if isinstance(raw, str) else repr(raw)
    if len(text) > SHOWN_LENGTH:
        text = text[: SHOWN_LENGTH - 1] + "…"
    # Lone surrogates cannot be encoded as UTF-8 (nor sent to a browser or a database).
    return text.encode("utf-8", "replace").decode("utf-8")


def keep(result: T | Problem, problems: list[Problem]) -> T | None:
    """The parsed value, or None with the problem added to ``problems``."""
    if isinstance(result, Problem):
        problems.append(result)
        return None
    return result


def is_blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


# --- text ----------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|[\ud800-\udfff]")


def required(field_name: str, raw: object) -> object | Problem:
    """The value itself, or a problem when it is missing or blank."""
    return problem(field_name, raw, "validation.required") if is_blank(raw) else raw


def text(field_name: str, raw: object, *, max_length: int, required: bool = False) -> str | Problem:
    """Text without surrounding spaces, at most ``max_length`` characters, free of control
    characters, and not something a spreadsheet would run as a formula."""
    if is_blank(raw):
        return problem(field_name, raw, "validation.required") if required else ""
    if not isinstance(raw, str):
        return problem(field_name, raw, "validation.not_text")
    if len(raw) > max_length * 2 + 100:  # refuse huge input before looking at it
        return problem(field_name, raw, "validation.too_long", maximum=max_length)
    value = raw.strip()
    if len(value) > max_length:
        return problem(field_name, raw, "validation.too_long", maximum=max_length)
    if _CONTROL.search(value):
        return problem(field_name, raw, "validation.control_character")
    return no_formula(field_name, raw, value)


def no_formula(field_name: str, raw: object, value: str | None = None) -> str | Problem:
    """``value`` (``raw`` when omitted), unless it or ``raw`` starts like a spreadsheet
    formula: exported to Excel it would run (formula injection)."""
    value = raw if value is None else value
    starts = [text[:1] for text in (raw, value) if isinstance(text, str)]
    for start in starts:
        if start and start in FORMULA_STARTS:
            shown_start = {"\t": "Tab", "\r": "CR"}.get(start, start)
            return problem(field_name, raw, "validation.formula", start=shown_start)
    return value


# --- numbers -------------------------------------------------------------------------------

_SIGN = r"(?P<sign>[-+\u2212]?)"
_NUMBER_FORMS = (
    # Belgian: dots between thousands, decimal comma: 1.234.567,5
    re.compile(_SIGN + r"(?P<int>[1-9][0-9]{0,2}(?:\.[0-9]{3})+)(?:,(?P<frac>[0-9]+))?", re.ASCII),
    # spaces between thousands, either decimal mark: 1 234,5 / 1 234.5
    re.compile(
        _SIGN + r"(?P<int>[1-9][0-9]{0,2}(?: [0-9]{3})+)(?:[.,](?P<frac>[0-9]+))?", re.ASCII
    ),
    # no grouping, either decimal mark: 1234,5 / 1234.5 / 1234 / ,5
    re.compile(_SIGN + r"(?P<int>[0-9]*)(?:[.,](?P<frac>[0-9]+))?", re.ASCII),
)
# "1.234" is 1234 to a Belgian and 1.234 to a spreadsheet: refused rather than guessed.
_AMBIGUOUS = re.compile(r"[-+\u2212]?[1-9][0-9]{0,2}\.[0-9]{3}", re.ASCII)
_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")


def parse_decimal(field_name: str, raw: object) -> Decimal | Problem:
    """An exact number from Belgian or plain notation: ``1.234,5``, ``1234,5``, ``1234.5``,
    ``1 234,5``; also a finite int or float. Ambiguous or malformed text is refused."""
    if isinstance(raw, bool):
        return problem(field_name, raw, "validation.not_a_number")
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        if not math.isfinite(raw):
            return problem(field_name, raw, "validation.not_a_number")
        return Decimal(repr(raw))
    if is_blank(raw):
        return problem(field_name, raw, "validation.required")
    if not isinstance(raw, str) or len(raw) > MAX_NUMBER_LENGTH:
        return problem(field_name, raw, "validation.not_a_number")
    candidate = _SPACES.sub(" ", raw.strip())
    if _AMBIGUOUS.fullmatch(candidate):
        return problem(
            field_name,
            raw,
            "validation.ambiguous_number",
            whole=candidate.replace(".", ""),
            decimal=candidate.replace(".", ","),
        )
    for form in _NUMBER_FORMS:
        match = form.fullmatch(candidate)
        if match and (match["int"] or match["frac"]):
            whole = re.sub(r"[. ]", "", match["int"]) or "0"
            sign = "-" if match["sign"] in ("-", "\u2212") else ""
            try:
                return Decimal(f"{sign}{whole}.{match['frac'] or '0'}")
            except InvalidOperation:  # pragma: no cover - the patterns only let digits through
                break
    return problem(field_name, raw, "validation.not_a_number")


def parse_number(field_name: str, raw: object) -> float | Problem:
    """A finite float from Belgian or plain notation (see ``parse_decimal``)."""
    parsed = parse_decimal(field_name, raw)
    if isinstance(parsed, Problem):
        return parsed
    value = float(parsed)
    if not math.isfinite(value):
        return problem(field_name, raw, "validation.not_a_number")
    return value


def parse_whole_number(
    field_name: str, raw: object, *, minimum: int | None = None, maximum: int | None = None
) -> int | Problem:
    """A whole number (``1.234`` counts as ambiguous here too), within bounds when given."""
    parsed = parse_decimal(field_name, raw)
    if isinstance(parsed, Problem):
        if parsed.reason == "validation.not_a_number":
            return problem(field_name, raw, "validation.not_a_whole_number")
        return parsed
    if parsed != parsed.to_integral_value():
        return problem(field_name, raw, "validation.not_a_whole_number")
    value = int(parsed)
    return within(field_name, value, minimum, maximum, raw=raw)


def within(
    field_name: str,
    value: float,
    minimum: float | None = None,
    maximum: float | None = None,
    *,
    raw: object = None,
) -> float | Problem:
    """``value`` when it lies between ``minimum`` and ``maximum`` (inclusive, either open)."""
    shown_raw = value if raw is None else raw
    if minimum is not None and value < minimum:
        return problem(field_name, shown_raw, "validation.below_minimum", minimum=minimum)
    if maximum is not None and value > maximum:
        return problem(field_name, shown_raw, "validation.above_maximum", maximum=maximum)
    return value


def positive(field_name: str, value: float, *, raw: object = None) -> float | Problem:
    """``value`` when above zero (a denominator)."""
    if value > 0:
        return value
    return problem(field_name, value if raw is None else raw, "validation.not_positive")


def not_negative_for_unit(
    field_name: str, value: float, unit: str, *, raw: object = None
) -> float | Problem:
    """``value`` unless it is negative and the unit counts or measures something."""
    if value < 0 and unit in NON_NEGATIVE_UNITS:
        return problem(field_name, value if raw is None else raw, "validation.negative")
    return value


def whole_for_unit(
    field_name: str, value: float, unit: str, *, raw: object = None
) -> float | Problem:
    """``value`` unless it has decimals and the unit counts things (people, trees, jobs)."""
    if unit in COUNTED_UNITS and not float(value).is_integer():
        return problem(field_name, value if raw is None else raw, "validation.not_a_whole_number")
    return value


def share(
    numerator: float, denominator: float, *, field_name: str = "numerator", raw: object = None
) -> float | Problem:
    """The percentage 100 * numerator / denominator; the part must be within the whole."""
    if denominator <= 0:
        return problem("denominator", denominator, "validation.not_positive")
    if numerator < 0:
        return problem(field_name, numerator if raw is None else raw, "validation.negative")
    if numerator > denominator:
        return problem(
            field_name,
            numerator if raw is None else raw,
            "validation.numerator_above_denominator",
            denominator=denominator,
        )
    return 100.0 * numerator / denominator


# --- dates ---------------------------------------------------------------------------------

_DAY_FIRST = re.compile(r"(?P<d>[0-9]{1,2})[/.-](?P<m>[0-9]{1,2})[/.-](?P<y>[0-9]{4})", re.ASCII)
_ISO = re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})", re.ASCII)


def parse_date(field_name: str, raw: object) -> dt.date | Problem:
    """A date written ``31/12/2025`` (also with ``-`` or ``.``) or ``2025-12-31``; a date or
    datetime object as it is. Two-digit years and impossible days are refused."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if is_blank(raw):
        return problem(field_name, raw, "validation.required")
    if not isinstance(raw, str) or len(raw) > 40:
        return problem(field_name, raw, "validation.not_a_date")
    candidate = raw.strip()
    # A browser's date input may add a time ("2025-12-31T00:00:00").
    if "T" in candidate and _ISO.fullmatch(candidate.partition("T")[0]):
        candidate = candidate.partition("T")[0]
    match = _DAY_FIRST.fullmatch(candidate) or _ISO.fullmatch(candidate)
    if not match:
        return problem(field_name, raw, "validation.not_a_date")
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return problem(field_name, raw, "validation.not_a_date")


def date_within(
    field_name: str,
    value: dt.date,
    earliest: dt.date = FIRST_DATE,
    latest: dt.date = LAST_DATE,
) -> dt.date | Problem:
    """``value`` when between ``earliest`` and ``latest`` (inclusive)."""
    if value < earliest:
        return problem(field_name, value, "validation.date_too_early", earliest=earliest)
    if value > latest:
        return problem(field_name, value, "validation.date_too_late", latest=latest)
    return value


def not_in_future(field_name: str, value: dt.date, today: dt.date) -> dt.date | Problem:
    """``value`` unless it lies after ``today`` (what is measured has happened)."""
    if value > today:
        return problem(field_name, value, "validation.date_in_future", today=today)
    return value


# --- codes ---------------------------------------------------------------------------------


def code(field_name: str, raw: object, allowed: tuple[str, ...]) -> str | Problem:
    """One of the ``allowed`` codes (case and surrounding spaces do not matter)."""
    if is_blank(raw):
        return problem(field_name, raw, "validation.required")
    candidate = raw.strip().lower() if isinstance(raw, str) else None
    if candidate in allowed:
        return candidate
    return problem(field_name, raw, "import.unknown_code", allowed=", ".join(allowed)[:500])


def yes_no(field_name: str, raw: object, default: bool = False) -> bool | Problem:
    """Yes or no, as a spreadsheet's TRUE/FALSE or a word in Dutch, English or French."""
    if isinstance(raw, bool):
        return raw
    if is_blank(raw):
        return default
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    word = raw.strip().lower() if isinstance(raw, str) else None
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    return problem(field_name, raw, "import.not_yes_no")
