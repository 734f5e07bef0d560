"""Evidence sources decide a step's evidence basis; snapshot rows per change-logic stage."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from sqlalchemy import delete, func, insert, select

from data_access import rollups, scope
from data_access.demo import generate
from data_access.models import (
    ChangeLogicElement,
    EvidenceSource,
    Measurement,
    ProjectProgress,
    ProjectStageProgress,
)
from tests.factory import Portfolio

TODAY = dt.date(2026, 6, 30)


def bases(engine) -> dict[int, str]:
    with scope.trusted(engine.connect()) as conn:
        rows = conn.execute(select(ChangeLogicElement.id, ChangeLogicElement.evidence)).all()
    return dict(rows)


def test_evi001_a_steps_basis_follows_its_sources(engine):
    portfolio = Portfolio(engine)
    project = portfolio.project("Taalcafé")
    bare = portfolio.element(project, "activity")
    practised = portfolio.element(project, "output")
    studied = portfolio.element(project, "outcome")
    linked = portfolio.element(project, "impact")
    portfolio.link(studied, linked)
    portfolio.source(project, "practice", element=practised)
    portfolio.source(project, "practice", element=studied)
    portfolio.source(project, "research", element=studied)
    # A source on a link grounds the link, not the steps at its ends.
    portfolio.source(project, "research", link=(studied, linked))
    assert bases(engine) == {
        bare: "assumption",
        practised: "practice",
        studied: "research",
        linked: "assumption",
    }


def test_evi002_removing_the_last_source_makes_the_step_an_assumption_again(engine):
    portfolio = Portfolio(engine)
    project = portfolio.project("Repair Café")
    step = portfolio.element(project, "output")
    source = portfolio.source(project, "research", element=step)
    assert bases(engine)[step] == "research"
    with engine.begin() as conn:
        conn.execute(delete(EvidenceSource).where(EvidenceSource.id == source))
        rollups.refresh(conn, [project])
    assert bases(engine)[step] == "assumption"


def test_evi003_stage_rows_add_up_to_the_project_rows(engine):
    portfolio = Portfolio(engine)
    project = portfolio.project("Buurtkeuken", start=dt.date(2024, 1, 1), end=dt.date(2028, 1, 1))
    output = portfolio.indicator(project, stage="output", baseline=0, target=100)
    outcome = portfolio.indicator(project, stage="outcome", baseline=0, target=100)
    portfolio.indicator(project, stage="outcome", baseline=0, target=100)  # not measured
    portfolio.measure(output, dt.date(2026, 3, 31), 80)  # 80 % where 62.5 % is expected
    portfolio.measure(outcome, dt.date(2026, 3, 31), 20)
    assert rollups.ensure_snapshot(engine, TODAY, TODAY)
    with scope.trusted(engine.connect()) as conn:
        stages = {
            row.stage: row
            for row in conn.execute(
                select(ProjectStageProgress.__table__).where(ProjectStageProgress.as_of == TODAY)
            )
        }
        whole = conn.execute(
            select(ProjectProgress.__table__).where(ProjectProgress.as_of == TODAY)
        ).one()
    assert set(stages) == {"output", "outcome"}
    assert (stages["output"].indicators, stages["output"].measured) == (1, 1)
    assert (stages["outcome"].indicators, stages["outcome"].measured) == (2, 1)
    assert stages["output"].progress_sum == pytest.approx(0.8)
    assert stages["outcome"].progress_sum == pytest.approx(0.2)
    # Desired: the share of 2024-01-01 → 2028-01-01 elapsed by 2026-06-30, per measured one.
    expected = (TODAY - dt.date(2024, 1, 1)).days / (dt.date(2028, 1, 1) - dt.date(2024, 1, 1)).days
    assert stages["output"].expected_sum == pytest.approx(expected)
    assert stages["outcome"].expected_sum == pytest.approx(expected)
    assert stages["outcome"].no_data == 1
    assert whole.indicators == 3 and whole.measured == 2
    assert whole.progress_sum == pytest.approx(1.0)
    for status in ("achieved", "on_track", "at_risk", "off_track", "no_data"):
        assert getattr(whole, status) == sum(getattr(row, status) for row in stages.values())


def test_evi004_a_partial_refresh_rebuilds_the_stage_rows_of_its_projects(engine):
    portfolio = Portfolio(engine)
    project = portfolio.project("Buurtkeuken")
    indicator = portfolio.indicator(project, stage="output", baseline=0, target=100)
    portfolio.measure(indicator, dt.date(2026, 3, 31), 10)
    assert rollups.ensure_snapshot(engine, TODAY, TODAY)
    with engine.begin() as conn:  # as a lead's entry does: this project only
        conn.execute(
            insert(Measurement),
            [{"indicator_id": indicator, "period_end": dt.date(2026, 6, 30), "value": 90.0}],
        )
        rollups.refresh(conn, [project])
    with scope.trusted(engine.connect()) as conn:
        stage_sum = conn.scalar(
            select(func.sum(ProjectStageProgress.progress_sum)).where(
                ProjectStageProgress.as_of == TODAY
            )
        )
    assert stage_sum == pytest.approx(0.9)


def test_evi005_demo_steps_have_the_sources_their_basis_says():
    data = generate("small", seed=11)
    kinds = defaultdict(set)
    for source in data.evidence_sources:
        assert source["citation"].strip()
        if source["element_id"] is not None:
            kinds[source["element_id"]].add(source["kind"])
    for element in data.elements:
        found = kinds[element["id"]]
        expected = "research" if "research" in found else "practice" if found else "assumption"
        assert element["evidence"] == expected
    links = [s for s in data.evidence_sources if s["from_element_id"] is not None]
    grounded = sum(element["evidence"] != "assumption" for element in data.elements)
    assert links, "some links carry a source of their own"
    assert 0.3 < grounded / len(data.elements) < 0.9, "part of the steps, not all or none"
