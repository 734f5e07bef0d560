""" "Since the last meeting" on hand-made data with a known answer: status moves between two
dates (also by time passing), new measurements and stories, projects started and finished;
suppressed for aggregate viewers; the date from a link or the picker."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import insert

from callbacks import since as since_callbacks
from components import since as since_view
from data_access import since_queries
from data_access.filters import PortfolioFilter
from data_access.models import Story
from data_access.viewer import Viewer

SINCE, TODAY = dt.date(2026, 3, 31), dt.date(2026, 6, 30)


@pytest.fixture
def world(portfolio):
    """Baseline 0 → target 100 from 2024-01-01 to 2028-01-01 (expected 56 % at SINCE, 62 % at
    TODAY):

    - A: 50 at 2025-12-31 (on track), 100 at 2026-05-31 → newly achieved;
    - B: 50 at 2025-12-31 only: on track at SINCE, at risk by TODAY (time passed) → slipped;
    - C: first measured 2026-04-30 (10, off track): no status at SINCE, so not "slipped";
    - a story on C's project in April; three projects start after SINCE, one ended in April.
    """
    funder = portfolio.funder("Fonds Noord")
    made = {}
    for name, start, end in [
        ("A", dt.date(2024, 1, 1), dt.date(2028, 1, 1)),
        ("B", dt.date(2024, 1, 1), dt.date(2028, 1, 1)),
        ("C", dt.date(2024, 1, 1), dt.date(2028, 1, 1)),
        ("Nieuw 1", dt.date(2026, 5, 1), dt.date(2028, 1, 1)),
        ("Nieuw 2", dt.date(2026, 4, 1), dt.date(2028, 1, 1)),
        ("Nieuw 3", dt.date(2026, 6, 30), dt.date(2028, 1, 1)),
        ("Klaar", dt.date(2023, 1, 1), dt.date(2026, 4, 15)),
    ]:
        made[name] = portfolio.project(name, start=start, end=end)
        portfolio.grant(funder, made[name], 1000)
    a, b, c = (portfolio.indicator(made[name]) for name in "ABC")
    portfolio.measure(a, dt.date(2025, 12, 31), 50)
    portfolio.measure(a, dt.date(2026, 5, 31), 100)
    portfolio.measure(b, dt.date(2025, 12, 31), 50)
    portfolio.measure(c, dt.date(2026, 4, 30), 10)
    with portfolio.engine.begin() as conn:
        conn.execute(
            insert(Story),
            [
                dict(
                    project_id=made["C"],
                    period_end=dt.date(2026, 4, 30),
                    title="Een nieuw begin",
                    text="…",
                    author="x",
                ),
                dict(
                    project_id=made["A"],
                    period_end=dt.date(2026, 3, 31),  # on the since date: before, not after
                    title="Oud nieuws",
                    text="…",
                    author="x",
                ),
            ],
        )
    return made


EXPECTED = {
    "achieved": (1, 1),
    "slipped": (1, 1),
    "measurements": (2, 2),
    "stories": (1, 1),
    "started": (3, 3),
    "finished": (1, 1),
}


def counts(summary: pd.DataFrame) -> dict:
    return {row.kind: (row.items, row.projects) for row in summary.itertuples()}


def test_snc001_changes_between_two_dates_in_detail(engine, world):
    found = since_queries.changes_since(engine, Viewer.admin(), PortfolioFilter(), SINCE, TODAY)
    assert counts(found.summary) == EXPECTED
    assert not found.summary.suppressed.any()
    by_name = found.projects.set_index("name")
    assert by_name.loc["A"].achieved == 1 and by_name.loc["A"].measurements == 1
    assert by_name.loc["B"].slipped == 1
    assert by_name.loc["C"][["slipped", "stories", "measurements"]].tolist() == [0, 1, 1]
    assert by_name.loc["Klaar"].finished == 1
    assert set(found.projects.name) == {"A", "B", "C", "Nieuw 1", "Nieuw 2", "Nieuw 3", "Klaar"}


def test_snc002_aggregate_viewers_see_no_figure_about_fewer_than_3_projects(engine, world):
    found = since_queries.changes_since(engine, Viewer.network(), PortfolioFilter(), SINCE, TODAY)
    assert found.projects is None  # no list: the network sees no project by name
    summary = found.summary.set_index("kind")
    for kind, (_, projects) in EXPECTED.items():
        hidden = projects < 3
        assert bool(summary.loc[kind].suppressed) == hidden, kind
        assert pd.isna(summary.loc[kind]["items"]) == hidden, kind
    assert summary.loc["started"]["items"] == 3


def test_snc003_a_later_since_date_sees_fewer_changes(engine, world):
    later = since_queries.changes_since(
        engine, Viewer.admin(), PortfolioFilter(), dt.date(2026, 5, 15), TODAY
    )
    found = counts(later.summary)
    assert found["measurements"] == (1, 1)  # only A's May measurement
    assert found["stories"] == (0, 0) and found["finished"] == (0, 0)
    assert found["started"] == (1, 1)  # Nieuw 3, started today


@pytest.mark.parametrize(
    ("value", "expected", "usable"),
    [
        ("2026-01-15", dt.date(2026, 1, 15), True),
        (None, dt.date(2026, 3, 30), True),
        ("", dt.date(2026, 3, 30), True),
        ("2026-07-01", dt.date(2026, 3, 30), False),  # after today
        ("1999-12-31", dt.date(2026, 3, 30), False),
        ("'; DROP TABLE story; --", dt.date(2026, 3, 30), False),
        ("2026-02-30", dt.date(2026, 3, 30), False),
    ],
)
def test_snc004_the_since_date_from_a_link(value, expected, usable):
    assert since_view.parse_since(value, TODAY) == (expected, usable)


@pytest.mark.parametrize(
    ("today", "since"),
    [
        (dt.date(2026, 5, 31), dt.date(2026, 2, 28)),
        (dt.date(2026, 1, 15), dt.date(2025, 10, 15)),
        (dt.date(2024, 5, 31), dt.date(2024, 2, 29)),
    ],
)
def test_snc005_three_months_ago(today, since):
    assert since_view.default_since(today) == since


def test_snc006_the_section_as_a_function(engine, world):
    section = since_callbacks.since_outputs(
        engine, Viewer.admin(), PortfolioFilter(), None, "2026-03-31", "en", TODAY
    )
    text = str(section.to_plotly_json())
    assert "indicators newly achieved" in text and "Show the projects (7)" in text
    warned = since_callbacks.since_outputs(
        engine, Viewer.network(), PortfolioFilter(), None, "morgen", "en", TODAY
    )
    assert "since=morgen" in str(warned[0].to_plotly_json())
    assert "Too few projects to show" in str(warned[1].to_plotly_json())


def test_snc007_page_state_keeps_a_page_s_own_parameters():
    state = since_callbacks.page_state("en", {"since": "2026-01-01", "compare": "3,8", "pair": ""})
    assert state["search"] == "?since=2026-01-01&compare=3,8&lang=en"
    assert state["query"] == {"since": "2026-01-01", "compare": "3,8", "lang": "en"}


def test_snc008_a_long_list_shows_the_projects_with_most_changes_and_says_so(
    engine, world, monkeypatch
):
    monkeypatch.setattr(since_queries, "LIST_LIMIT", 3)
    found = since_queries.changes_since(engine, Viewer.admin(), PortfolioFilter(), SINCE, TODAY)
    assert found.changed == 7 and len(found.projects) == 3
    # The most status moves and measurements first: A, then C and B (one measurement or move).
    assert found.projects.name.iloc[0] == "A"
    section = since_callbacks.since_outputs(
        engine, Viewer.admin(), PortfolioFilter(), None, "2026-03-31", "en", TODAY
    )
    assert "Show the 3 projects with the most changes (of 7)" in str(section.to_plotly_json())


def test_snc009_the_section_downloads_as_shown(engine, world):
    from components.exports import csv_bytes

    found = since_queries.changes_since(engine, Viewer.admin(), PortfolioFilter(), SINCE, TODAY)
    tables = since_view.since_tables(found.summary, found.projects, "period", "en")
    summary = tables["summary"].frame.set_index("What changed")
    assert summary.loc["indicators newly achieved"].tolist() == [1, 1]
    assert summary.loc["projects started"].tolist() == [3, 3]
    listed = tables["projects"].frame.set_index("Project")
    assert set(listed.index) == {"A", "B", "C", "Nieuw 1", "Nieuw 2", "Nieuw 3", "Klaar"}
    assert listed.loc["C", "new stories"] == 1
    assert "Klaar" in csv_bytes(tables["projects"], "nl").decode("utf-8-sig")

    # The network sees figures about fewer than 3 projects as blanks, and no list at all.
    found = since_queries.changes_since(engine, Viewer.network(), PortfolioFilter(), SINCE, TODAY)
    tables = since_view.since_tables(found.summary, found.projects, "period", "en")
    assert "projects" not in tables
    summary = tables["summary"].frame.set_index("What changed")
    assert summary.loc["indicators newly achieved"].isna().all()
    assert summary.loc["projects started"].tolist() == [3, 3]


def test_snc010_the_section_offers_its_downloads_on_the_pages_only(engine, world):
    on_page = since_callbacks.since_outputs(
        engine, Viewer.admin(), PortfolioFilter(), None, "2026-03-31", "en", TODAY, "funders-since"
    )
    text = str(on_page.to_plotly_json())
    assert "'page': 'funders-since', 'table': 'summary'" in text
    assert "'page': 'funders-since', 'table': 'projects'" in text
    slide = since_callbacks.since_outputs(
        engine, Viewer.admin(), PortfolioFilter(), None, "2026-03-31", "en", TODAY
    )
    assert "export" not in str(slide.to_plotly_json())
