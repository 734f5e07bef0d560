"""The Network page's pre-added figures and shared blocks: "funders together" from the roll-up
cells' funded and co-funded counts gives the answer of the grants (hand-made and generated
data, after partial refreshes, on SQLite and PostgreSQL), the cells are really read, the latest
stories come newest first and only from shared projects, and the presentation reads the blocks
and the since section the page keeps instead of computing them again."""

from __future__ import annotations

import json
from decimal import Decimal

import pandas as pd
import pytest
from plotly.io.json import to_json_plotly
from sqlalchemy import delete, insert, select, update

from callbacks import network as network_callbacks
from callbacks import presentation as presentation_callbacks
from components.network import SLIDES
from data_access import network_queries, rollups, scope
from data_access.models import Grant, PortfolioCell, Project, Story
from data_access.viewer import Viewer
from tests.test_cubes import TODAY, _database

VIEWERS = (Viewer.network(), Viewer.admin())


def funding(engine, viewer, **options) -> tuple:
    frame, named = network_queries.funders_together(engine, viewer, TODAY, **options)
    row = frame.iloc[0]
    return (row.funders, row.named, row.projects, row.co_funded, row.suppressed), named


@pytest.fixture
def funded(portfolio):
    """Shared projects: two with two funders, one with a single funder, one without a grant;
    a private project with two funders (the network never counts it)."""
    north, south = portfolio.funder("Fonds Noord"), portfolio.funder("Zuid", named=False)
    shared = [portfolio.project(f"Gedeeld {n}") for n in range(4)]
    for pid in shared[:2]:
        portfolio.grant(north, pid, 1_000)
        portfolio.grant(south, pid, 2_000)
    portfolio.grant(north, shared[2], 500)
    portfolio.grant(north, shared[2], 700)  # a second grant of the same funder
    private = portfolio.project("Eigen", visibility="private", theme="society")
    portfolio.grant(north, private, 9_000)
    portfolio.grant(south, private, 9_000)
    return {"shared": shared, "private": private, "north": north, "south": south}


def test_nwc001_funders_together_from_cells_is_the_hand_count(engine, funded):
    expected = (2, 1, 3, 2, False)
    for viewer in VIEWERS:
        from_cells = funding(engine, viewer)
        assert from_cells == funding(engine, viewer, use_cells=False)
    assert funding(engine, Viewer.network()) == (expected, ["Fonds Noord"])


def test_nwc002_the_cells_are_read_and_unbuilt_ones_are_not_trusted(engine, funded):
    expected = funding(engine, Viewer.network())
    with engine.begin() as conn:
        conn.execute(update(PortfolioCell).values(funded=40, co_funded=7))
    assert funding(engine, Viewer.network())[0][2:4] == (40, 7)  # one cell
    with engine.begin() as conn:
        # A cell built by a version before the counts: the grants are counted instead.
        conn.execute(
            update(PortfolioCell).where(PortfolioCell.theme == "people").values(funded=None)
        )
    assert funding(engine, Viewer.network()) == expected


def test_nwc003_fewer_than_three_funded_projects_stay_hidden(engine, portfolio):
    north = portfolio.funder("Fonds Noord")
    for n in range(2):
        portfolio.grant(north, portfolio.project(f"Gedeeld {n}"), 100)
    (funders, _, projects, co_funded, suppressed), _ = funding(engine, Viewer.network())
    assert suppressed and pd.isna(projects) and pd.isna(co_funded)
    assert funding(engine, Viewer.network(), use_cells=False)[0][4]


@pytest.fixture(scope="module")
def generated():
    from data_access.demo import generate

    return generate("small", seed=5, today=TODAY)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def changing(request, generated, tmp_path):
    engine, close = _database(request.param, generated, tmp_path)
    yield engine
    close()


def funding_cells(engine) -> pd.DataFrame:
    with scope.trusted(engine.connect()) as conn:
        keys = PortfolioCell.__table__.primary_key.columns
        stmt = select(*keys, PortfolioCell.funded, PortfolioCell.co_funded).order_by(*keys)
        return pd.DataFrame(conn.execute(stmt).mappings().all())


def test_nwc004_cells_follow_grants_and_moves_after_partial_refreshes(changing):
    """A project gets a second funder, another loses its grants, a third moves out of the
    network: refreshed for those projects alone, the cells still count what the grants say,
    and hold what a full rebuild gives."""
    engine = changing
    for viewer in VIEWERS:
        assert funding(engine, viewer)[0][2] > 0  # an empty answer would agree with anything
        assert funding(engine, viewer) == funding(engine, viewer, use_cells=False)
    with engine.begin() as conn:
        trusted = scope.trusted(conn)
        grants = trusted.execute(select(Grant.project_id, Grant.funder_id).order_by(Grant.id))
        funders_of: dict[int, set] = {}
        for project_id, funder_id in grants:
            funders_of.setdefault(project_id, set()).add(funder_id)
        single = [pid for pid, found in funders_of.items() if len(found) == 1]
        gains, loses, moves = single[0], single[1], single[2]
        every_funder = sorted({f for found in funders_of.values() for f in found})
        other = next(f for f in every_funder if f not in funders_of[gains])
        conn.execute(
            insert(Grant).values(
                funder_id=other,
                project_id=gains,
                amount=Decimal(100),
                amount_eur=Decimal(100),
                awarded_on=TODAY,
            )
        )
        conn.execute(delete(Grant).where(Grant.project_id == loses))
        visibility = trusted.scalar(select(Project.visibility).where(Project.id == moves))
        moved = "private" if visibility != "private" else "network"
        conn.execute(update(Project).where(Project.id == moves).values(visibility=moved))
        for project_id in (gains, loses, moves):
            rollups.refresh(conn, [project_id])
    for viewer in VIEWERS:
        assert funding(engine, viewer) == funding(engine, viewer, use_cells=False)
    partly = funding_cells(engine)
    with engine.begin() as conn:
        rollups.refresh(conn)
    assert rollups.ensure_snapshot(engine, TODAY, TODAY)
    pd.testing.assert_frame_equal(partly, funding_cells(engine))


def latest_stories_by_hand(engine, count: int) -> list[int]:
    with scope.trusted(engine.connect()) as conn:
        rows = conn.execute(
            select(Story.id, Story.period_end)
            .join(Project, Project.id == Story.project_id)
            .where(Project.visibility.in_(scope.SHARED_VISIBILITIES))
        ).all()
    rows.sort(key=lambda row: (row.period_end, row.id), reverse=True)
    return [row.id for row in rows[:count]]


def test_nwc005_the_latest_stories_of_shared_projects(changing):
    engine = changing
    found = network_queries.highlighted_stories(engine, Viewer.network())
    assert found.story_id.tolist() == latest_stories_by_hand(engine, network_queries.STORY_COUNT)
    # The newest story, in a private project, is not among them.
    with engine.begin() as conn:
        private = scope.trusted(conn).scalar(
            select(Project.id).where(Project.visibility == "private").limit(1)
        )
        conn.execute(
            insert(Story).values(
                project_id=private, period_end=TODAY, title="Geheim", text="x", author="x"
            )
        )
    again = network_queries.highlighted_stories(engine, Viewer.admin())
    assert again.story_id.tolist() == found.story_id.tolist()
    assert "Geheim" not in again.title.tolist()


class DictCache:
    """``AppContext.cached`` over a dict, as the app's cache keeps entries (JSON)."""

    def __init__(self):
        self.entries: dict = {}

    def __call__(self, page, viewer, inputs, compute):
        key = (page, scope.cache_key(viewer), repr(inputs))
        if key not in self.entries:
            self.entries[key] = to_json_plotly(compute())
        return json.loads(self.entries[key])


def test_nwc007_the_deck_reads_the_blocks_the_page_keeps(engine, funded, monkeypatch):
    """A deck opened after the page computes neither the blocks nor the since section again,
    and shows what the page shows; one opened first shows the same."""
    cache = DictCache()
    first_deck = presentation_callbacks.deck(engine, Viewer.admin(), list(SLIDES), "", "nl", TODAY)
    outputs = network_callbacks.network_outputs(engine, Viewer.admin(), "nl", TODAY, cache)
    since = presentation_callbacks.since_slide(engine, Viewer.network(), "", "nl", TODAY, cache)

    def no_queries(*args, **kwargs):
        raise AssertionError("the deck computed again what the page keeps")

    monkeypatch.setattr(network_queries, "network_overview", no_queries)
    monkeypatch.setattr(presentation_callbacks, "since_outputs", no_queries)
    deck = presentation_callbacks.deck(
        engine, Viewer.funder(1), list(SLIDES), "", "nl", TODAY, cache
    )
    as_json = json.loads(to_json_plotly(deck))
    assert as_json == json.loads(to_json_plotly(first_deck))
    slides = {part["props"]["data-slide"]: part["props"]["children"][1] for part in as_json}
    page = json.loads(to_json_plotly(outputs))
    assert slides["stories"] == page["stories"] and slides["logic"] == page["stages"]
    assert slides["since"] == json.loads(to_json_plotly(since))
