"""Each row of a sheet on its own: every field parsed to its type, and the checks that need
only the row (a sub-theme of its theme, an end after the start, the stage after the stage).

Problems name the sheet, row and column as the file writes them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from data_access import validation as v
from data_access import vocabulary as voc
from data_access.importer.readers import RawTable
from data_access.importer.template import Column
from data_access.validation import LocatedProblem, Problem, is_blank

MAX_AMOUNT = Decimal("999999999999.99")  # numeric(14, 2)
MAX_POSITION = 10_000
MAX_MEASURE = 1e15
FIRST_MEASUREMENT = dt.date(2000, 1, 1)
NEXT_STAGE = dict(zip(voc.STAGES, voc.STAGES[1:], strict=False))


@dataclass
class Record:
    """One row as typed values by column key, with its row number in the file."""

    row: int
    values: dict[str, object]
    ok: bool = True  # False: a field had a problem (the row still names what it is)

    def __getitem__(self, key: str) -> object:
        return self.values.get(key)


class RowChecker:
    """Parses the rows of one sheet, collecting every problem."""

    def __init__(self, table: RawTable, today: dt.date, problems: list[LocatedProblem]):
        self.table = table
        self.today = today
        self.problems = problems
        self.row = 0

    def add(self, found: Problem, key: str | None = None) -> None:
        column = self.table.header_of(key or found.field)
        self.problems.append(LocatedProblem.at(found, self.table.name, self.row, column))

    def keep(self, result, key: str | None = None):
        if isinstance(result, Problem):
            self.add(result, key)
            return None
        return result

    def records(self) -> list[Record]:
        check = getattr(self, f"_check_{self.table.sheet.key}", None)
        records = []
        for number, raw in self.table.rows:
            self.row = number
            before = len(self.problems)
            values = {c.key: self._field(c, raw.get(c.key)) for c in self.table.sheet.columns}
            record = Record(number, values)
            if check is not None:
                check(record, raw)
            record.ok = len(self.problems) == before
            records.append(record)
        return records

    # --- fields --------------------------------------------------------------------------

    def _field(self, column: Column, raw: object) -> object:
        if is_blank(raw):
            if column.required:
                self.add(v.problem(column.key, raw, "validation.required"))
            return None
        if isinstance(raw, str) and raw.lstrip()[:1] in ("=", "@") and column.kind != "text":
            # A formula where a number, date or code belongs (text is checked below).
            self.add(v.no_formula(column.key, raw))
            return None
        parse = getattr(self, f"_{column.kind}")
        return self.keep(parse(column, raw), column.key)

    def _text(self, column: Column, raw: object):
        if isinstance(raw, bool):
            return v.problem(column.key, raw, "validation.not_text")
        if isinstance(raw, int | float):  # a reference such as 1001, typed as a number
            raw = v.shown(raw) if not isinstance(raw, float) or raw.is_integer() else repr(raw)
        elif isinstance(raw, dt.datetime | dt.date):
            raw = raw.isoformat()[:10]
        return v.text(column.key, raw, max_length=column.max_length, required=column.required)

    def _code(self, column: Column, raw: object):
        return v.code(column.key, raw, column.codes)

    def _number(self, column: Column, raw: object):
        value = v.parse_number(column.key, raw)
        if isinstance(value, Problem):
            return value
        return v.within(column.key, value, -MAX_MEASURE, MAX_MEASURE, raw=raw)

    def _amount(self, column: Column, raw: object):
        value = v.parse_decimal(column.key, raw)
        if isinstance(value, Problem):
            return value
        if value != value.quantize(Decimal("0.01")) and not isinstance(raw, float):
            return v.problem(column.key, raw, "import.too_many_decimals", decimals=2)
        if isinstance(raw, float):  # a spreadsheet's binary float: its cents
            value = value.quantize(Decimal("0.01"))
            if abs(float(value) - raw) > 1e-6:
                return v.problem(column.key, raw, "import.too_many_decimals", decimals=2)
        checked = v.within(column.key, value, 0, MAX_AMOUNT, raw=raw)
        return checked if isinstance(checked, Problem) else value.quantize(Decimal("0.01"))

    def _whole(self, column: Column, raw: object):
        if column.key == "year":
            return v.parse_whole_number(column.key, raw, minimum=1800, maximum=self.today.year)
        return v.parse_whole_number(column.key, raw, minimum=0, maximum=MAX_POSITION)

    def _date(self, column: Column, raw: object):
        value = v.parse_date(column.key, raw)
        if isinstance(value, Problem):
            return value
        return v.date_within(column.key, value)

    def _yes_no(self, column: Column, raw: object):
        return v.yes_no(column.key, raw)

    # --- rows ----------------------------------------------------------------------------

    def _after(self, record: Record, first: str, last: str) -> None:
        start, end = record[first], record[last]
        if start is not None and end is not None and end < start:
            self.add(v.problem(last, end, "import.end_before_start", start=start))

    def _check_projects(self, record: Record, raw: dict) -> None:
        theme, sub_theme = record["theme"], record["sub_theme"]
        if theme and sub_theme and sub_theme not in voc.SUB_THEMES[theme]:
            allowed = ", ".join(voc.SUB_THEMES[theme])
            self.add(v.problem("sub_theme", sub_theme, "import.sub_theme", allowed=allowed))
        self._after(record, "start_date", "end_date")
        for key in ("summary", "lead"):
            record.values[key] = record[key] or ""

    def _check_funders(self, record: Record, raw: dict) -> None:
        record.values["named_to_network"] = bool(record["named_to_network"])

    def _check_grants(self, record: Record, raw: dict) -> None:
        currency = (record["currency"] or "EUR").upper()
        if not (len(currency) == 3 and currency.isascii() and currency.isalpha()):
            self.add(v.problem("currency", raw.get("currency"), "import.currency"))
        record.values["currency"] = currency
        amount, in_euro = record["amount"], record["amount_eur"]
        if currency == "EUR" and amount is not None:
            if in_euro is not None and in_euro != amount:
                self.add(v.problem("amount_eur", raw.get("amount_eur"), "import.euro_differs"))
            record.values["amount_eur"] = amount
        elif currency != "EUR" and in_euro is None and is_blank(raw.get("amount_eur")):
            self.add(v.problem("amount_eur", None, "import.euro_required"))
        self._after(record, "start_date", "end_date")

    def _next_stage(self, record: Record, first: str, then: str) -> None:
        stage, next_stage = record[first], record[then]
        if stage and next_stage and NEXT_STAGE.get(stage) != next_stage:
            self.add(
                v.problem(
                    then, next_stage, "import.next_stage", expected=NEXT_STAGE.get(stage, "-")
                )
            )

    def _check_links(self, record: Record, raw: dict) -> None:
        self._next_stage(record, "from_stage", "to_stage")

    def _check_sources(self, record: Record, raw: dict) -> None:
        to_stage, to_position = record["to_stage"], record["to_position"]
        if (to_stage is None) != (to_position is None):
            missing = "to_position" if to_stage is not None else "to_stage"
            if is_blank(raw.get(missing)):
                self.add(v.problem(missing, None, "validation.required"))
        self._next_stage(record, "stage", "to_stage")
        url = record["url"]
        if url and not url.lower().startswith(("https://", "http://")):
            self.add(v.problem("url", url, "import.not_a_url"))

    def _check_indicators(self, record: Record, raw: dict) -> None:
        kind, unit = record["measure_kind"], record["unit"]
        expected = {"percentage": "percent", "qualitative": "text"}.get(kind)
        if kind and unit and (unit != expected if expected else unit in ("percent", "text")):
            self.add(v.problem("unit", unit, "import.unit_for_kind", kind=kind))
        if kind in ("number", "percentage"):
            for key in ("baseline_value", "target_value"):
                value = record[key]
                if value is None:
                    if not is_blank(raw.get(key)):
                        continue  # already named
                    self.add(v.problem(key, None, "validation.required"))
                elif kind == "percentage":
                    self.keep(v.within(key, value, 0, 100, raw=raw.get(key)))
                elif unit:
                    self.keep(v.not_negative_for_unit(key, value, unit, raw=raw.get(key)))
        elif kind == "qualitative":
            for key in ("baseline_value", "target_value"):
                if record[key] is not None:
                    self.add(v.problem(key, raw.get(key), "entries.not_for_kind"))
        self._after(record, "baseline_date", "target_date")
        record.values["summable"] = bool(record["summable"])

    def _measured_on(self, record: Record) -> None:
        period = record["period_end"]
        if period is not None:
            self.keep(v.not_in_future("period_end", period, self.today))
            self.keep(v.date_within("period_end", period, FIRST_MEASUREMENT))

    def _check_measurements(self, record: Record, raw: dict) -> None:
        self._measured_on(record)
        record.values["source"] = record["source"] or ""

    def _check_stories(self, record: Record, raw: dict) -> None:
        self._measured_on(record)


def check_measured(
    checker: RowChecker, record: Record, raw: dict, kind: str, unit: str
) -> dict | None:
    """The value columns of a measurement for its indicator's kind and unit (None: refused)."""
    checker.row = record.row
    before = len(checker.problems)
    allowed = {"number": ("value",), "percentage": ("numerator", "denominator", "value")}.get(
        kind, ("text",)
    )
    for key in ("value", "numerator", "denominator", "text"):
        if key not in allowed and record[key] not in (None, ""):
            checker.add(v.problem(key, raw.get(key), "entries.not_for_kind"))
    values = {"value": None, "numerator": None, "denominator": None, "text": None}
    if kind == "qualitative":
        if not record["text"] and is_blank(raw.get("text")):
            checker.add(v.problem("text", None, "validation.required"))
        values["text"] = record["text"]
    elif kind == "number":
        value = record["value"]
        if value is None and is_blank(raw.get("value")):
            checker.add(v.problem("value", None, "validation.required"))
        for check in (v.not_negative_for_unit, v.whole_for_unit):
            if value is not None:
                value = checker.keep(check("value", value, unit, raw=raw.get("value")))
        values["value"] = value
    else:
        numerator, denominator = record["numerator"], record["denominator"]
        for key, value in (("numerator", numerator), ("denominator", denominator)):
            if value is None and is_blank(raw.get(key)):
                checker.add(v.problem(key, None, "validation.required"))
        if numerator is not None and denominator is not None:
            share = checker.keep(v.share(numerator, denominator, raw=raw.get("numerator")))
            given = record["value"]
            if share is not None and given is not None and abs(given - share) > 0.01:
                checker.add(v.problem("value", raw.get("value"), "import.value_not_share"))
            values |= {"value": share, "numerator": numerator, "denominator": denominator}
    return values if len(checker.problems) == before else None
