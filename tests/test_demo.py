"""The demo portfolio: deterministic, complete, consistent with the schema and the rules."""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt

import pytest
from sqlalchemy import func, insert, select

from data_access import rules, scope
from data_access import vocabulary as voc
from data_access.demo import SIZES, TABLES, DemoData, generate, seed_demo
from data_access.models import Funder

TODAY = dt.date(2026, 11, 27)
QUARTER_ENDS = {(3, 31), (6, 30), (9, 30), (12, 31)}


@pytest.fixture(scope="module")
def demo() -> DemoData:
    """The small portfolio as seen on a fixed day."""
    return generate("small", seed=1, today=TODAY)


def by_id(rows: list[dict]) -> dict[int, dict]:
    return {row["id"]: row for row in rows}


def test_dem001_same_seed_and_day_give_the_same_rows(demo):
    assert generate("small", seed=1, today=TODAY) == demo
    assert generate("small", seed=2, today=TODAY) != demo


def test_dem002_rows_fit_their_table(demo):
    """Every key is a column, and every column the database needs a value for is there."""
    assert list(TABLES) == [f.name for f in dataclasses.fields(DemoData)]
    for attribute, model in TABLES.items():
        columns = {column.name for column in model.__table__.columns}
        required = {
            column.name
            for column in model.__table__.columns
            if not column.nullable and column.server_default is None
        }
        for row in getattr(demo, attribute):
            assert set(row) <= columns, attribute
            assert required <= set(row), (attribute, required - set(row))


def test_dem003_loads_into_a_fresh_database_with_matching_counts(engine):
    told = collections.defaultdict(list)
    counts = seed_demo(engine, "small", seed=1, progress=lambda *step: told[step[0]].append(step))
    with scope.trusted(engine.connect()) as conn:
        for model in TABLES.values():
            stored = conn.scalar(select(func.count()).select_from(model.__table__))
            assert stored == counts[model.__tablename__], model.__tablename__
    assert 7_500 <= counts["measurement"] <= 12_500  # 10 000 ± 25 %
    assert counts["project"] == SIZES["small"].projects
    assert 6 <= counts["funder"] <= 10
    # Explicit ids must not block rows added later (PostgreSQL sequences are moved on).
    with engine.begin() as conn:
        conn.execute(insert(Funder), [{"name": "Nieuw Fonds", "kind": "other"}])

    # The command's progress bars: every phase moves forward and ends complete.
    assert list(told) == ["generate", "load", "derive"]
    for phase, steps in told.items():
        done = [step[1] for step in steps]
        assert done == sorted(done) and len(done) > 1, phase
        assert steps[-1][1] == steps[-1][2], phase
    assert told["generate"][-1][2] == counts["project"]
    assert told["load"][-1][2] == sum(counts.values())


def test_dem004_every_theme_sub_theme_and_region_appears(demo):
    assert {(p["theme"], p["sub_theme"]) for p in demo.projects} == {
        (theme, sub) for theme, subs in voc.SUB_THEMES.items() for sub in subs
    }
    assert {p["region"] for p in demo.projects} == set(voc.REGIONS)
    organisations = by_id(demo.organisations)
    assert all(organisations[p["organisation_id"]]["region"] == p["region"] for p in demo.projects)


def test_dem005_project_status_follows_the_dates(demo):
    for project in demo.projects:
        start, end = project["start_date"], project["end_date"]
        assert add_years(start, 3) <= end + dt.timedelta(days=1) <= add_years(start, 5)
        expected = "planned" if start > TODAY else "finished" if end < TODAY else "running"
        assert project["status"] == expected
    assert {p["status"] for p in demo.projects} == set(voc.PROJECT_STATUSES)
    assert {p["visibility"] for p in demo.projects} == set(voc.VISIBILITIES)


def add_years(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year + years)


def test_dem006_every_project_is_funded_and_some_are_co_funded(demo):
    funders_per_project = collections.Counter(g["project_id"] for g in demo.grants)
    assert set(funders_per_project) == {p["id"] for p in demo.projects}
    assert max(funders_per_project.values()) > 1
    assert {g["funder_id"] for g in demo.grants} == {f["id"] for f in demo.funders}
    references = [(g["funder_id"], g["reference"]) for g in demo.grants]
    assert len(set(references)) == len(references)
    for grant in demo.grants:
        assert 15_000 <= grant["amount"] <= 750_000 and grant["amount"] % 500 == 0
        assert grant["amount_eur"] == grant["amount"] and grant["currency"] == "EUR"
        assert grant["awarded_on"] <= TODAY
    assert sum(not f["named_to_network"] for f in demo.funders) == 2
    assert {f["kind"] for f in demo.funders} == {"family", "corporate", "public_benefit"}


def test_dem007_change_logic_links_each_stage_to_the_next(demo):
    elements = by_id(demo.elements)
    per_project_stage = collections.Counter((e["project_id"], e["stage"]) for e in demo.elements)
    assert len(per_project_stage) == len(demo.projects) * len(voc.STAGES)
    assert set(per_project_stage.values()) <= {1, 2, 3}
    next_stage = dict(zip(voc.STAGES, voc.STAGES[1:], strict=False))
    for link in demo.links:
        source, target = elements[link["from_element_id"]], elements[link["to_element_id"]]
        assert source["project_id"] == target["project_id"]
        assert next_stage[source["stage"]] == target["stage"]
    linked_from = {link["from_element_id"] for link in demo.links}
    assert all(e["id"] in linked_from for e in demo.elements if e["stage"] != "impact")


def test_dem008_indicators_cover_every_kind_of_measure(demo):
    elements = by_id(demo.elements)
    indicators = demo.indicators
    per_project = collections.Counter(i["project_id"] for i in indicators)
    assert min(per_project.values()) >= 4 and max(per_project.values()) <= 10
    assert all(elements[i["element_id"]]["project_id"] == i["project_id"] for i in indicators)
    assert any(
        i["direction"] == "decrease" and i["target_value"] < i["baseline_value"] for i in indicators
    )
    assert any(
        i["direction"] == "maintain" and i["target_value"] == i["baseline_value"]
        for i in indicators
    )
    assert {i["accumulation"] for i in indicators} == set(voc.ACCUMULATIONS)
    assert {i["measure_kind"] for i in indicators} == set(voc.MEASURE_KINDS)
    assert any(i["unit"] == voc.PEOPLE_UNIT and i["summable"] for i in indicators)
    assert any(i["standard_ref"] for i in indicators)
    for indicator in indicators:
        qualitative = indicator["measure_kind"] == "qualitative"
        assert (indicator["baseline_value"] is None) == qualitative
        assert (indicator["target_value"] is None) == qualitative
        assert indicator["target_date"] >= indicator["baseline_date"]


def test_dem009_measurements_are_quarterly_unique_and_never_in_the_future(demo):
    indicators = by_id(demo.indicators)
    keys = [(m["indicator_id"], m["period_end"]) for m in demo.measurements]
    assert len(set(keys)) == len(keys)
    for m in demo.measurements:
        indicator = indicators[m["indicator_id"]]
        assert (m["period_end"].month, m["period_end"].day) in QUARTER_ENDS
        assert indicator["baseline_date"] < m["period_end"] <= TODAY
        assert m["period_end"] <= indicator["target_date"]
        assert m["entered_at"].date() <= TODAY
        if indicator["measure_kind"] == "qualitative":
            assert m["value"] is None and m["text"]
        elif indicator["measure_kind"] == "percentage":
            assert m["denominator"] > 0
            assert m["value"] == 100 * m["numerator"] / m["denominator"]
        else:
            assert m["value"] is not None and m["numerator"] is None


def test_dem010_cumulative_values_never_go_down(demo):
    series = collections.defaultdict(list)
    for m in sorted(demo.measurements, key=lambda m: m["period_end"]):
        series[m["indicator_id"]].append(m["value"])
    cumulative = [i["id"] for i in demo.indicators if i["accumulation"] == "cumulative"]
    assert all(series[i] == sorted(series[i]) for i in cumulative)


def test_dem011_some_projects_have_no_measurements_and_statuses_vary(demo):
    indicators = by_id(demo.indicators)
    reporting = {indicators[m["indicator_id"]]["project_id"] for m in demo.measurements}
    silent = len(demo.projects) - len(reporting)
    assert 0.05 * len(demo.projects) <= silent <= 0.15 * len(demo.projects)

    latest = {}
    for m in sorted(demo.measurements, key=lambda m: m["period_end"]):
        latest[m["indicator_id"]] = m["value"]
    statuses = collections.Counter()
    for indicator in demo.indicators:
        if indicator["measure_kind"] == "qualitative":
            continue
        value = rules.progress(
            indicator["baseline_value"],
            indicator["target_value"],
            latest.get(indicator["id"]),
            indicator["direction"],
        )
        expected = rules.expected_progress(
            indicator["baseline_date"], indicator["target_date"], TODAY
        )
        statuses[rules.status(value, expected)] += 1
    assert set(statuses) == set(voc.STATUSES)
    # Most are on track or better; a real share lags behind.
    assert statuses["on_track"] + statuses["achieved"] > statuses.total() / 2
    assert statuses["at_risk"] + statuses["off_track"] > statuses.total() / 10


def test_dem012_stories_belong_to_reported_quarters(demo):
    indicators = by_id(demo.indicators)
    reported = {
        (indicators[m["indicator_id"]]["project_id"], m["period_end"]) for m in demo.measurements
    }
    projects = by_id(demo.projects)
    per_project = collections.Counter(s["project_id"] for s in demo.stories)
    assert set(per_project.values()) <= {1, 2, 3, 4}
    assert set(per_project) == {project_id for project_id, _ in reported}
    for story in demo.stories:
        assert (story["project_id"], story["period_end"]) in reported
        assert story["author"] == projects[story["project_id"]]["lead"]


def test_dem013_accounts_for_each_role_with_one_scope_each(demo):
    roles = collections.Counter(u["role"] for u in demo.users)
    assert roles == {"admin": 1, "network": 1, "funder": len(demo.funders), "project": 5}
    assert {"admin", "netwerk"} <= {u["login"] for u in demo.users}
    assert len({u["login"] for u in demo.users}) == len(demo.users)
    users = by_id(demo.users)
    for user_scope in demo.user_scopes:
        assert (user_scope["funder_id"] is None) != (user_scope["project_id"] is None)
        role = users[user_scope["user_id"]]["role"]
        assert role == ("funder" if user_scope["funder_id"] else "project")
    assert {s["project_id"] for s in demo.user_scopes if s["project_id"]} == {1, 2, 3, 4, 5}


def test_dem014_medium_size_hits_its_measurement_target():
    size = SIZES["medium"]
    data = generate("medium", seed=1, today=TODAY)
    assert 0.75 * size.measurements <= len(data.measurements) <= 1.25 * size.measurements
    assert (len(data.funders), len(data.projects)) == (size.funders, size.projects)


def test_dem015_unknown_size_is_refused():
    with pytest.raises(ValueError, match="huge"):
        generate("huge")
