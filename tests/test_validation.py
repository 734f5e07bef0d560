"""Field parsers: tables of what people type, what it becomes, and why the rest is refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from components.i18n import LANGUAGES, TEXTS, t
from data_access import validation as v
from data_access.validation import Problem


def reason(result) -> str | None:
    return result.reason if isinstance(result, Problem) else None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.234,5", 1234.5),
        ("1234,5", 1234.5),
        ("1234.5", 1234.5),
        ("1 234,5", 1234.5),
        ("1\u00a0234,5", 1234.5),
        ("1\u202f234.5", 1234.5),
        ("1.234.567", 1234567.0),
        ("1.234.567,89", 1234567.89),
        ("  42 ", 42.0),
        ("0", 0.0),
        ("-3,5", -3.5),
        ("\u22123,5", -3.5),
        ("+7", 7.0),
        (",5", 0.5),
        ("0.123", 0.123),  # no thousands group starts with 0
        ("1,234", 1.234),  # a comma is always the decimal mark
        (12, 12.0),
        (2.5, 2.5),
    ],
)
def test_val001_numbers_in_belgian_or_plain_notation(raw, expected):
    assert v.parse_number("value", raw) == expected


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("1,2,3", "validation.not_a_number"),
        ("abc", "validation.not_a_number"),
        ("NaN", "validation.not_a_number"),
        ("inf", "validation.not_a_number"),
        ("-Infinity", "validation.not_a_number"),
        (float("nan"), "validation.not_a_number"),
        (float("inf"), "validation.not_a_number"),
        (True, "validation.not_a_number"),
        ("1e5", "validation.not_a_number"),
        ("1.23,5", "validation.not_a_number"),  # a thousands group of two
        ("1,234.5", "validation.not_a_number"),  # English grouping
        ("1.234.5", "validation.not_a_number"),
        ("12 34", "validation.not_a_number"),
        ("1234.", "validation.not_a_number"),
        ("²", "validation.not_a_number"),
        ("٣", "validation.not_a_number"),
        ("1" * 61, "validation.not_a_number"),
        ([1], "validation.not_a_number"),
        ({"x": 1}, "validation.not_a_number"),
        ("", "validation.required"),
        (None, "validation.required"),
        ("1.234", "validation.ambiguous_number"),
        ("-12.500", "validation.ambiguous_number"),
    ],
)
def test_val002_garbage_and_ambiguous_numbers_are_refused(raw, why):
    result = v.parse_number("value", raw)
    assert reason(result) == why
    assert result.field == "value"


def test_val003_an_ambiguous_number_says_both_readings():
    result = v.parse_number("value", "1.234")
    assert result.placeholders == {"whole": "1234", "decimal": "1,234"}
    assert t(result.reason, "nl", **result.placeholders).endswith("1,234 voor een kommagetal")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("12", 12), ("1.234.567", 1234567), ("7,0", 7), (3, 3), ("0", "validation.below_minimum")],
)
def test_val004_whole_numbers(raw, expected):
    result = v.parse_whole_number("count", raw, minimum=1)
    assert (reason(result) or result) == expected


@pytest.mark.parametrize("raw", ["2,5", "abc", 10**30, "1.234", True, None, "1" * 100])
def test_val005_not_whole_numbers(raw):
    result = v.parse_whole_number("count", raw, maximum=2**31 - 1)
    assert isinstance(result, Problem)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("31/12/2025", dt.date(2025, 12, 31)),
        ("1/2/2025", dt.date(2025, 2, 1)),
        ("31-12-2025", dt.date(2025, 12, 31)),
        ("31.12.2025", dt.date(2025, 12, 31)),
        ("2025-12-31", dt.date(2025, 12, 31)),
        (" 2025-12-31T00:00:00 ", dt.date(2025, 12, 31)),
        (dt.date(2025, 3, 31), dt.date(2025, 3, 31)),
        (dt.datetime(2025, 3, 31, 14, 0), dt.date(2025, 3, 31)),
    ],
)
def test_val006_dates_day_first_or_iso(raw, expected):
    assert v.parse_date("period_end", raw) == expected


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("12/31/2025", "validation.not_a_date"),  # month first
        ("31/02/2025", "validation.not_a_date"),
        ("31/12/25", "validation.not_a_date"),
        ("2025-13-01", "validation.not_a_date"),
        ("yesterday", "validation.not_a_date"),
        (20251231, "validation.not_a_date"),
        ("", "validation.required"),
        (None, "validation.required"),
    ],
)
def test_val007_impossible_or_unclear_dates_are_refused(raw, why):
    assert reason(v.parse_date("period_end", raw)) == why


@pytest.mark.parametrize(
    ("check", "why"),
    [
        (lambda: v.not_in_future("d", dt.date(2026, 7, 1), dt.date(2026, 6, 30)), "date_in_future"),
        (lambda: v.not_in_future("d", dt.date(2026, 6, 30), dt.date(2026, 6, 30)), None),
        (lambda: v.date_within("d", dt.date(1899, 12, 31)), "date_too_early"),
        (
            lambda: v.date_within("d", dt.date(2030, 1, 1), latest=dt.date(2029, 1, 1)),
            "date_too_late",
        ),
        (lambda: v.within("n", 5, 0, 4), "above_maximum"),
        (lambda: v.within("n", -1, 0), "below_minimum"),
        (lambda: v.positive("denominator", 0), "not_positive"),
        (lambda: v.positive("denominator", 0.5), None),
        (lambda: v.not_negative_for_unit("value", -1, "persons"), "negative"),
        (lambda: v.not_negative_for_unit("value", -1, "score"), None),
        (lambda: v.whole_for_unit("value", 12.5, "persons"), "not_a_whole_number"),
        (lambda: v.whole_for_unit("value", 12.5, "hours"), None),
        (lambda: v.share(61, 60), "numerator_above_denominator"),
        (lambda: v.share(-1, 60), "negative"),
        (lambda: v.share(1, 0), "not_positive"),
    ],
)
def test_val008_ranges(check, why):
    result = check()
    assert reason(result) == (f"validation.{why}" if why else None)


def test_val009_a_share_is_a_percentage():
    assert v.share(42, 60) == pytest.approx(70.0)


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ('=HYPERLINK("http://x")', "validation.formula"),
        ("+32 470 00 00 00", "validation.formula"),
        ("-5 deelnemers", "validation.formula"),
        ("@SUM(A1)", "validation.formula"),
        ("\tverborgen", "validation.formula"),
        ("\rterug", "validation.formula"),
        ("  =1+1", "validation.formula"),  # spaces are dropped, the formula would remain
        ("a\x00b", "validation.control_character"),
        ("a\ud800b", "validation.control_character"),
        ("x" * 201, "validation.too_long"),
        ("x" * 100_000, "validation.too_long"),
        (12, "validation.not_text"),
        (["a"], "validation.not_text"),
        ("", None),
        ("Enquête bij 40 deelnemers", None),
        ("Twee regels\nmet een\ttab", None),
        ("e-mail: a@b.be = prima", None),
    ],
)
def test_val010_text_length_controls_and_formula_injection(raw, why):
    assert reason(v.text("source", raw, max_length=200)) == why


def test_val011_required_text_and_values():
    assert reason(v.text("title", "  ", max_length=10, required=True)) == "validation.required"
    assert v.text("title", " Zomer ", max_length=10, required=True) == "Zomer"
    assert reason(v.required("title", None)) == "validation.required"
    assert v.required("title", "x") == "x"


def test_val012_problems_show_a_short_printable_value():
    result = v.text("source", "x" * 100_000, max_length=200)
    assert len(result.value) == v.SHOWN_LENGTH
    assert v.shown("a\ud800") == "a?"
    assert v.shown(dt.date(2025, 12, 31)) == "31/12/2025"
    problems: list[Problem] = []
    assert v.keep(v.parse_number("value", "x"), problems) is None
    assert v.keep(v.parse_number("value", "3"), problems) == 3.0
    assert [p.reason for p in problems] == ["validation.not_a_number"]


REASONS = sorted(key for key in TEXTS if key.startswith(("validation.", "entries.")))
PLACEHOLDERS = {
    "maximum": "200",
    "minimum": "1",
    "start": "=",
    "whole": "1234",
    "decimal": "1,234",
    "denominator": "60",
    "earliest": "01/01/2000",
    "latest": "31/12/2100",
    "today": "30/06/2026",
    "indicator": "Deelnemers",
}


@pytest.mark.parametrize("key", REASONS)
def test_val013_every_reason_reads_in_every_language(key):
    assert set(TEXTS[key]) == set(LANGUAGES)
    for lang in LANGUAGES:
        assert "{" not in t(key, lang, **PLACEHOLDERS)


def belgian(x: float) -> str:
    """A float in Belgian notation with every digit it has: 1234567.25 -> '1.234.567,25'."""
    text = format(Decimal(repr(x)), ",f")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


@given(
    st.floats(min_value=-1e15, max_value=1e15, allow_nan=False).filter(
        lambda x: x == 0 or abs(x) >= 1e-9
    )
)
def test_val014_a_float_in_belgian_notation_parses_back(x):
    assert v.parse_number("value", belgian(x)) == x
