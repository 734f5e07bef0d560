"""The rules of ``data_access.rules`` as SQL expressions, so aggregates stay in the database.

Both SQLite and PostgreSQL compile these; ``tests/test_rules_sql.py`` checks them against
the Python reference.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Float, case, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from data_access.rules import AT_RISK_MARGIN, ON_TRACK_MARGIN


class day_number(FunctionElement):  # noqa: N801 - reads like the SQL function it is
    """A date as a number of days, so date differences divide as floats on every database."""

    type = Float()
    inherit_cache = True


@compiles(day_number, "sqlite")
def _day_number_sqlite(element, compiler, **kw):
    return f"julianday({compiler.process(element.clauses, **kw)})"


@compiles(day_number, "postgresql")
def _day_number_postgresql(element, compiler, **kw):
    date = compiler.process(element.clauses, **kw)
    return f"CAST((CAST({date} AS DATE) - DATE '2000-01-01') AS DOUBLE PRECISION)"


def progress(baseline, target, latest, direction) -> ColumnElement:
    """SQL of ``rules.progress``: NULL without a measurement, 1/0 when target = baseline."""
    holds = case(
        (direction == "decrease", latest <= target),
        else_=latest >= target,
    )
    return case(
        (latest.is_(None), None),
        (target == baseline, case((holds, literal(1.0)), else_=literal(0.0))),
        else_=(latest - baseline) / (target - baseline),
    )


def expected_progress(baseline_date, target_date, at) -> ColumnElement:
    """SQL of ``rules.expected_progress``: elapsed share of the baseline→target time, 0..1."""
    start, end, now = day_number(baseline_date), day_number(target_date), day_number(at)
    share = (now - start) / (end - start)
    return case(
        (end <= start, literal(1.0)),
        (now <= start, literal(0.0)),
        (now >= end, literal(1.0)),
        else_=share,
    )


def status(progress_value, expected) -> ColumnElement:
    """SQL of ``rules.status``."""
    return case(
        (progress_value.is_(None), literal("no_data")),
        (progress_value >= 1.0, literal("achieved")),
        (progress_value >= expected - ON_TRACK_MARGIN, literal("on_track")),
        (progress_value >= expected - AT_RISK_MARGIN, literal("at_risk")),
        else_=literal("off_track"),
    )


def capped(progress_value) -> ColumnElement:
    """SQL of ``rules.capped``: between 0 and 1, NULL stays NULL."""
    return case(
        (progress_value.is_(None), None),
        (progress_value > 1.0, literal(1.0)),
        (progress_value < 0.0, literal(0.0)),
        else_=progress_value,
    )
