"""Who may see what (data_access.scope): lenses per role, reconciled filters, the guard."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from data_access import portfolio_queries as queries
from data_access import scope
from data_access.filters import PortfolioFilter, Problem
from data_access.models import Funder, Project
from data_access.viewer import Viewer
from tests.factory import TODAY

ALL = PortfolioFilter()


@pytest.fixture
def two_funders(portfolio):
    """A named and an anonymous funder; shared, private and co-funded projects."""
    named = portfolio.funder("Fonds Noord", named=True)
    anonymous = portfolio.funder("Stille Stichting", named=False)
    projects = {
        "shared": portfolio.project("Samen", visibility="network"),
        "public": portfolio.project("Open", visibility="public"),
        "private": portfolio.project("Binnenskamers", visibility="private"),
        "theirs": portfolio.project("Elders", visibility="network"),
    }
    portfolio.grant(named, projects["shared"], 100)
    portfolio.grant(named, projects["public"], 100)
    portfolio.grant(named, projects["private"], 100)
    portfolio.grant(anonymous, projects["theirs"], 100)
    portfolio.grant(anonymous, projects["shared"], 50)
    return named, anonymous, projects


def project_names(engine, viewer, lens) -> set[str]:
    projects = scope.scoped_projects(viewer, ALL, lens, materialize=False)
    stmt = select(Project.name).join(projects, projects.c.id == Project.id)
    return {row["name"] for row in scope.read(engine, stmt)}


def test_scp001_each_role_sees_its_projects_in_detail_and_the_shared_ones_in_aggregate(
    engine, two_funders
):
    named, anonymous, projects = two_funders
    detail, aggregate = scope.Lens.DETAIL, scope.Lens.AGGREGATE
    everything = {"Samen", "Open", "Binnenskamers", "Elders"}
    shared = {"Samen", "Open", "Elders"}

    assert project_names(engine, Viewer.admin(), detail) == everything
    funder = Viewer.funder(named)
    assert project_names(engine, funder, detail) == {"Samen", "Open", "Binnenskamers"}
    assert project_names(engine, funder, aggregate) == everything  # own + shared
    lead = Viewer.project(projects["private"])
    assert project_names(engine, lead, detail) == {"Binnenskamers"}
    assert project_names(engine, lead, aggregate) == shared | {"Binnenskamers"}
    assert project_names(engine, Viewer.network(), detail) == set()
    assert project_names(engine, Viewer.network(), aggregate) == shared
    assert scope.portfolio_lens(Viewer.network()) is aggregate
    assert scope.portfolio_lens(funder) is detail


def test_scp002_a_filter_is_narrowed_to_the_funders_the_viewer_may_pick(engine, two_funders):
    named, anonymous, _ = two_funders
    asked = PortfolioFilter(funder_ids=(named, anonymous, 999))

    network = scope.reconcile(engine, Viewer.network(), asked)
    assert network.filter.funder_ids == (named,)
    assert network.problems == (
        Problem("funder", str(anonymous), "not_in_scope"),
        Problem("funder", "999", "not_in_scope"),
    )
    assert scope.reconcile(engine, Viewer.admin(), asked).filter.funder_ids == (named, anonymous)
    own = scope.reconcile(engine, Viewer.funder(anonymous), asked)
    assert own.filter.funder_ids == (anonymous,)
    assert scope.funder_options(engine, Viewer.network()) == [(named, "Fonds Noord")]


def test_scp003_queries_ignore_a_funder_the_viewer_may_not_pick(engine, two_funders):
    """Even without reconciling first: the anonymous funder narrows nothing for the network."""
    _, anonymous, _ = two_funders
    forged = PortfolioFilter(funder_ids=(anonymous,))
    figures = queries.key_figures(engine, Viewer.network(), forged, TODAY).iloc[0]
    assert figures.projects == 0


def test_scp004_the_guard_refuses_a_statement_that_skips_the_scope(engine, two_funders):
    with pytest.raises(scope.UnscopedQuery, match="project"), engine.connect() as conn:
        conn.execute(select(func.count()).select_from(Project))
    with pytest.raises(scope.UnscopedQuery):
        scope.read(engine, select(Funder.name))  # read() wants the scoped CTEs
    with pytest.raises(scope.UnscopedQuery, match="funder"), engine.connect() as conn:
        conn.execute(select(Funder.name).where(Funder.id.in_(select(Project.id))))
    # maintenance code says so explicitly
    with scope.trusted(engine.connect()) as conn:
        assert conn.scalar(select(func.count()).select_from(Project)) == 4


def test_scp005_a_network_viewer_sees_no_rows_in_detail(engine, two_funders):
    assert queries.indicator_progress(engine, Viewer.network(), ALL, TODAY).empty


def test_scp006_cache_keys_follow_the_scope_not_the_name():
    assert scope.cache_key(Viewer.funder(2, 1)) == scope.cache_key(
        Viewer("funder", frozenset({1, 2}), name="x")
    )
    keys = {
        scope.cache_key(viewer)
        for viewer in (Viewer.admin(), Viewer.network(), Viewer.funder(1), Viewer.project(1))
    }
    assert len(keys) == 4
