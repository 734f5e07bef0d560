"""The Network page and its presentation mode: the network's view whoever asks, suppression of
stages (with totals), stories of shared projects only, and the slide sequence from a link."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from plotly.io.json import to_json_plotly
from sqlalchemy import insert

from callbacks import network as network_callbacks
from callbacks import presentation as presentation_callbacks
from components import network as network_view
from components import presentation as presentation_view
from data_access import network_queries
from data_access.models import Story
from data_access.viewer import Viewer

TODAY = dt.date.today()
START, END = dt.date(TODAY.year - 2, 1, 1), dt.date(TODAY.year + 2, 1, 1)


def as_text(outputs) -> str:
    return json.dumps(json.loads(to_json_plotly(outputs)), ensure_ascii=False)


@pytest.fixture
def world(portfolio):
    """Five shared projects with an outcome indicator; two of them also an impact indicator;
    one private project with a story that must never show; stories on two shared ones."""
    named = portfolio.funder("Fonds Noord")
    silent = portfolio.funder("Stille Stichting", named=False)
    shared = []
    for number in range(5):
        pid = portfolio.project(f"Gedeeld {number}", start=START, end=END)
        portfolio.grant(named if number % 2 else silent, pid, 10_000)
        outcome = portfolio.indicator(pid, baseline_date=START, target_date=END)
        portfolio.measure(outcome, dt.date(TODAY.year - 1, 12, 31), 40)
        if number < 2:
            impact = portfolio.indicator(pid, stage="impact", baseline_date=START, target_date=END)
            portfolio.measure(impact, dt.date(TODAY.year - 1, 12, 31), 80)
        shared.append(pid)
    private = portfolio.project("Geheim project", visibility="private", start=START, end=END)
    portfolio.grant(named, private, 99_000)
    with portfolio.engine.begin() as conn:
        conn.execute(
            insert(Story),
            [
                dict(
                    project_id=pid,
                    period_end=dt.date(TODAY.year - 1, 12, 31),
                    title=title,
                    text="Deelnemers vonden werk.",
                    author="x",
                )
                for pid, title in [
                    (shared[0], "Gedeeld verhaal"),
                    (shared[1], "Tweede verhaal"),
                    (private, "Geheim verhaal"),
                ]
            ],
        )
    return {"shared": shared, "private": private}


def test_net001_stages_hide_small_groups_and_what_the_total_gives_away(engine, world):
    stages = network_queries.stage_progress(engine, Viewer.network(), TODAY)
    rows = stages.set_index("level")
    total = stages[stages.level == "total"].iloc[0]
    per_stage = stages[stages.level == "stage"].set_index("stage")
    assert total.projects == 5 and not total.suppressed
    # Impact covers two projects: hidden; outcome alone would then give it away (the total's
    # indicator counts and progress sums are outcome + impact), so it is hidden as well.
    assert per_stage.loc["impact"].suppressed
    assert per_stage.loc["outcome"].suppressed
    assert len(rows) == 3
    detail = network_queries.stage_progress(engine, Viewer.admin(), TODAY)
    assert not detail.suppressed.any()
    outcome = detail[detail.stage == "outcome"].iloc[0]
    assert (outcome.projects, outcome.measured, outcome.avg_progress) == (5, 5, 0.4)


def test_net009_the_network_s_stage_cells_add_up_like_its_projects(engine, world):
    from_cells = network_queries.stage_progress(engine, Viewer.network(), TODAY)
    from_rows = network_queries.stage_progress(engine, Viewer.network(), TODAY, use_cells=False)
    pd.testing.assert_frame_equal(from_cells, from_rows, check_dtype=False)


def test_net002_everyone_gets_the_network_s_figures(engine, world):
    for viewer in (Viewer.admin(), Viewer.funder(1), Viewer.project(world["private"])):
        outputs = network_callbacks.network_outputs(engine, viewer, "nl", TODAY)
        text = as_text(outputs)
        assert "Geheim" not in text and "99.000" not in text
        assert "Stille Stichting" not in text
        assert "Gedeeld verhaal" in text
    network = as_text(network_callbacks.network_outputs(engine, Viewer.network(), "nl", TODAY))
    admin = as_text(network_callbacks.network_outputs(engine, Viewer.admin(), "nl", TODAY))
    assert network == admin


def test_net003_funders_together_names_only_those_who_agreed(engine, world):
    found = network_queries.network_overview(engine, Viewer.admin(), TODAY)
    funders = found.funders.iloc[0]
    assert (funders.funders, funders.named, funders.projects) == (2, 1, 5)
    assert found.named_funders == ["Fonds Noord"]
    block = as_text(network_view.funders_block(funders, found.named_funders, "en"))
    assert "Fonds Noord" in block and "1 other funders remain anonymous" in block


@pytest.mark.parametrize(
    ("query", "slides"),
    [
        ({}, list(network_view.SLIDES)),
        ({"slides": "stories,headline"}, ["stories", "headline"]),
        ({"slides": "headline,<script>,since"}, ["headline", "since"]),
        ({"slides": ",,,"}, list(network_view.SLIDES)),
        ({"slides": "x" * 5000}, list(network_view.SLIDES)),
    ],
)
def test_net004_the_slide_sequence_comes_from_the_link(query, slides):
    assert presentation_view.slides_from_query(query) == slides


@pytest.mark.parametrize(
    ("timer", "expected"), [("30", 30), ("", None), ("2", None), ("9999", None), ("-5", None)]
)
def test_net005_an_optional_timer(timer, expected):
    assert presentation_view.timer_from_query({"timer": timer}) == expected


@pytest.mark.parametrize(
    "forged",
    [None, "x", [], {"slides": "headline"}, {"slides": [1, None, {}]}, {"timer": "1e9"}],
)
def test_net006_a_forged_deck_request_falls_back_to_the_whole_deck(forged):
    slides, timer, since = presentation_callbacks.clean_request(forged)
    assert slides == list(network_view.SLIDES)
    assert timer is None and since == ""


def test_net007_the_deck_has_one_slide_per_name_in_order(engine, world):
    slides = ["since", "headline", "stories"]
    deck = presentation_callbacks.deck(engine, Viewer.admin(), slides, "", "en", TODAY)
    assert [part.to_plotly_json()["props"]["data-slide"] for part in deck] == slides
    text = as_text(deck)
    assert "Gedeeld verhaal" in text and "Geheim" not in text


def test_net008_the_presentation_link_carries_slides_timer_and_since():
    href = network_view.present_href(["themes", "stories", "bogus"], 30, "2026-01-01", "en")
    assert href == "/network/present?slides=themes,stories&lang=en&timer=30&since=2026-01-01"
    assert "timer" not in network_view.present_href([], "30; drop", None, "nl")
