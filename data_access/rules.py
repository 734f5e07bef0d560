"""The product's rules, written once in plain Python (PRODUCT.md, "Rules").

The SQL in ``data_access.sql_rules`` computes the same things inside the database; the tests
check the two against each other on generated data. Progress is a fraction (1.0 = 100 %).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

ON_TRACK_MARGIN = 0.10
AT_RISK_MARGIN = 0.25


def progress(baseline: float, target: float, latest: float | None, direction: str) -> float | None:
    """(latest − baseline) / (target − baseline); ``None`` when nothing was measured yet.

    The formula needs no special case for lower-is-better indicators: both differences are
    negative. When target equals baseline the indicator is about holding a value: it is
    achieved (1.0) while the value holds and not at all (0.0) once it slips.
    """
    if latest is None:
        return None
    if target == baseline:
        holds = latest <= target if direction == "decrease" else latest >= target
        return 1.0 if holds else 0.0
    return (latest - baseline) / (target - baseline)


def expected_progress(baseline_date: dt.date, target_date: dt.date, at: dt.date) -> float:
    """The elapsed share of the time from baseline date to target date, between 0 and 1."""
    span = (target_date - baseline_date).days
    if span <= 0:
        return 1.0
    return min(1.0, max(0.0, (at - baseline_date).days / span))


def status(progress_value: float | None, expected: float) -> str:
    """achieved, on_track, at_risk, off_track or no_data."""
    if progress_value is None:
        return "no_data"
    if progress_value >= 1.0:
        return "achieved"
    if progress_value >= expected - ON_TRACK_MARGIN:
        return "on_track"
    if progress_value >= expected - AT_RISK_MARGIN:
        return "at_risk"
    return "off_track"


def capped(progress_value: float) -> float:
    """Progress as it enters an average: at most 100 %, and never below 0 %.

    The floor keeps one indicator that moved backwards from outweighing the rest; its status
    (off track) still shows the setback.
    """
    return min(1.0, max(0.0, progress_value))


def average_progress(values: Iterable[float | None]) -> float | None:
    """Mean of capped progress over the indicators that have a measurement."""
    measured = [capped(v) for v in values if v is not None]
    return sum(measured) / len(measured) if measured else None


def pooled_percentage(pairs: Iterable[tuple[float, float]]) -> float | None:
    """Percentages roll up as Σ numerator / Σ denominator, never as a mean of percentages."""
    numerator = denominator = 0.0
    for num, den in pairs:
        numerator += num
        denominator += den
    return 100.0 * numerator / denominator if denominator else None


def indicator_total(values: list[tuple[dt.date, float]], accumulation: str) -> float | None:
    """What one indicator adds to a total over a period.

    Cumulative indicators already carry their running total, so they give their latest
    value; periodic ones give the sum of their values.
    """
    if not values:
        return None
    if accumulation == "cumulative":
        return max(values)[1]
    return sum(value for _, value in values)
