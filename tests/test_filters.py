"""The filter's URL form: what a copied link carries, and what a broken link is told."""

import datetime as dt

import pytest

from callbacks.shell import controls_to_filter, known_funders, query_state
from data_access.filters import PortfolioFilter, Problem


def test_flt001_round_trip_through_the_url():
    filt = PortfolioFilter(
        funder_ids=(3, 1),
        themes=("people",),
        sub_themes=("health", "poverty"),
        regions=("brussel",),
        year_from=2023,
        year_to=2025,
    )
    parsed, problems = PortfolioFilter.from_query(filt.to_query())
    assert (parsed, problems) == (filt, [])


def test_flt002_empty_filter_has_an_empty_query():
    assert PortfolioFilter().to_query() == {}
    assert PortfolioFilter.from_query({}) == (PortfolioFilter(), [])


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ({"theme": "people,sport"}, Problem("theme", "sport", "unknown_value")),
        ({"region": "gent"}, Problem("region", "gent", "unknown_value")),
        ({"funder": "abc"}, Problem("funder", "abc", "not_a_number")),
        ({"funder": "-4"}, Problem("funder", "-4", "not_a_number")),
        ({"from": "1800"}, Problem("from", "1800", "not_a_year")),
        ({"to": "20x5"}, Problem("to", "20x5", "not_a_year")),
    ],
)
def test_flt003_bad_values_are_named_and_left_out(query, problem):
    filt, problems = PortfolioFilter.from_query(query)
    assert problems == [problem]
    assert problem.value not in str(filt.to_query())


def test_flt004_swapped_years_are_put_right_and_reported():
    filt, problems = PortfolioFilter.from_query({"from": "2026", "to": "2023"})
    assert (filt.year_from, filt.year_to) == (2023, 2026)
    assert problems[0].reason == "after_end_year"


def test_flt005_unknown_parameters_are_ignored():
    assert PortfolioFilter.from_query({"utm_source": "mail", "lang": "en"}) == (
        PortfolioFilter(),
        [],
    )


def test_flt006_as_of_is_the_period_end_or_today():
    today = dt.date(2026, 11, 27)
    assert PortfolioFilter().as_of(today) == today
    assert PortfolioFilter(year_to=2024).as_of(today) == dt.date(2024, 12, 31)
    assert PortfolioFilter(year_to=2030).as_of(today) == today


def test_flt007_controls_are_validated_like_a_link():
    """A forged callback request with odd values gets the same treatment as a bad link."""
    filt, problems = controls_to_filter(["2", "x"], ["people", "<script>"], None, [], 2024, "")
    assert filt == PortfolioFilter(funder_ids=(2,), themes=("people",), year_from=2024)
    assert {p.value for p in problems} == {"x", "<script>"}


def test_flt008_query_state_keeps_language_and_commas():
    state = query_state(PortfolioFilter(themes=("people", "society")), "en")
    assert state["search"] == "?theme=people,society&lang=en"
    assert state["lang"] == "en"


def test_flt009_funders_the_viewer_cannot_pick_are_named():
    kept, problems = known_funders([1, "7", "x"], known={1, 2})
    assert kept == [1]
    assert problems == [
        Problem("funder", "7", "unknown_value"),
        Problem("funder", "x", "unknown_value"),
    ]
    assert known_funders(None, {1}) == ([], [])
