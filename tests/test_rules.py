"""The rules in plain Python: progress, expected progress, status and roll-ups."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from data_access import rules

D = dt.date


@pytest.mark.parametrize(
    ("baseline", "target", "latest", "direction", "expected"),
    [
        (0, 100, 50, "increase", 0.5),
        (0, 100, None, "increase", None),  # no measurement yet
        (0, 100, 150, "increase", 1.5),  # exceeded: kept above 1 for display
        (0, 100, -20, "increase", -0.2),  # moved backwards
        (40, 10, 25, "decrease", 0.5),  # lower is better
        (40, 10, 5, "decrease", 35 / 30),  # lower is better, exceeded
        (40, 10, 50, "decrease", -1 / 3),
        (8, 8, 8, "maintain", 1.0),  # target = baseline: holds
        (8, 8, 9, "maintain", 1.0),
        (8, 8, 7.5, "maintain", 0.0),  # slipped
        (12, 12, 11, "decrease", 1.0),  # keep at or below
        (12, 12, 13, "decrease", 0.0),
    ],
)
def test_rul001_progress(baseline, target, latest, direction, expected):
    result = rules.progress(baseline, target, latest, direction)
    assert result == (None if expected is None else pytest.approx(expected))


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (D(2023, 12, 1), 0.0),  # before the baseline date
        (D(2024, 1, 1), 0.0),
        (D(2026, 1, 1), 731 / 1461),
        (D(2028, 1, 1), 1.0),
        (D(2030, 1, 1), 1.0),  # after the target date
    ],
)
def test_rul002_expected_progress(at, expected):
    assert rules.expected_progress(D(2024, 1, 1), D(2028, 1, 1), at) == pytest.approx(expected)


def test_rul003_expected_progress_without_time_span_is_complete():
    assert rules.expected_progress(D(2024, 1, 1), D(2024, 1, 1), D(2023, 1, 1)) == 1.0


@pytest.mark.parametrize(
    ("progress", "expected", "status"),
    [
        (None, 0.5, "no_data"),
        (1.0, 0.5, "achieved"),
        (1.4, 1.0, "achieved"),
        (0.45, 0.5, "on_track"),
        (0.40, 0.5, "on_track"),  # exactly 10 points behind
        (0.39, 0.5, "at_risk"),
        (0.25, 0.5, "at_risk"),  # exactly 25 points behind
        (0.24, 0.5, "off_track"),
        (-0.3, 0.2, "off_track"),
        (0.95, 1.0, "on_track"),
    ],
)
def test_rul004_status(progress, expected, status):
    assert rules.status(progress, expected) == status


def test_rul005_average_caps_at_100_and_skips_unmeasured():
    assert rules.average_progress([1.5, 0.5, None, -0.5]) == pytest.approx(0.5)
    assert rules.average_progress([None, None]) is None


def test_rul006_percentages_pool_numerators_and_denominators():
    # 10/20 and 90/100: pooled 100/120, not the mean of 50 % and 90 %
    assert rules.pooled_percentage([(10, 20), (90, 100)]) == pytest.approx(100 * 100 / 120)
    assert rules.pooled_percentage([]) is None


def test_rul007_cumulative_takes_latest_periodic_sums():
    values = [(D(2024, 3, 31), 10.0), (D(2024, 6, 30), 25.0), (D(2024, 9, 30), 40.0)]
    assert rules.indicator_total(values, "cumulative") == 40.0
    assert rules.indicator_total(values, "periodic") == 75.0
    assert rules.indicator_total([], "periodic") is None


@given(
    baseline=st.floats(-1e6, 1e6),
    target=st.floats(-1e6, 1e6),
    latest=st.floats(-1e6, 1e6),
)
def test_rul008_reaching_the_target_is_always_full_progress(baseline, target, latest):
    """Whatever the direction, the latest value equal to the target means 100 %."""
    direction = "decrease" if target < baseline else "increase"
    assert rules.progress(baseline, target, target, direction) == pytest.approx(1.0)
    assert rules.progress(baseline, target, baseline, direction) in (0.0, 1.0)
    value = rules.progress(baseline, target, latest, direction)
    assert rules.status(value, 0.5) != "no_data"
