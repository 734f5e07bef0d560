"""The SQL roll-ups agree with the plain-Python reference on generated demo data.

Runs on SQLite and, where reachable, PostgreSQL, for several viewers and filters.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from sqlalchemy import select

from data_access import portfolio_queries as queries
from data_access.demo import generate, load
from data_access.filters import PortfolioFilter
from data_access.models import ProgressSnapshot
from data_access.viewer import Viewer
from data_access.vocabulary import STATUSES
from tests.conftest import PostgresSchema, sqlite_engine
from tests.reference import Reference

TODAY = dt.date(2026, 11, 27)

CASES = {
    "admin, everything": (Viewer.admin(), PortfolioFilter()),
    "admin, people": (Viewer.admin(), PortfolioFilter(themes=("people",))),
    "admin, two regions and a period": (
        Viewer.admin(),
        PortfolioFilter(regions=("antwerpen", "brussel"), year_from=2024, year_to=2025),
    ),
    "admin, period ending in the past": (Viewer.admin(), PortfolioFilter(year_to=2024)),
    "admin, one funder, environment": (
        Viewer.admin(),
        PortfolioFilter(funder_ids=(2,), themes=("environment",)),
    ),
    "funder 1": (Viewer.funder(1), PortfolioFilter()),
    "funders 3 and 4, sub-themes": (
        Viewer.funder(3, 4),
        PortfolioFilter(sub_themes=("health", "climate", "work")),
    ),
    "project viewer": (Viewer.project(1, 2, 3), PortfolioFilter()),
    "network": (Viewer.network(), PortfolioFilter()),
}


@pytest.fixture(scope="module")
def generated():
    return generate("small", seed=11, today=TODAY)


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def loaded(request, generated, tmp_path_factory):
    if request.param == "sqlite":
        engine = sqlite_engine(tmp_path_factory.mktemp("reference") / "reference.db")
        load(engine, generated)
        yield engine
        engine.dispose()
    else:
        schema = PostgresSchema()
        load(schema.engine, generated)
        yield schema.engine
        schema.drop()


def close(a, b) -> bool:
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None or (isinstance(b, float) and math.isnan(b))
    return b is not None and a == pytest.approx(b, rel=1e-9, abs=1e-6)


@pytest.mark.parametrize("case", list(CASES))
def test_ref001_key_figures(loaded, generated, case):
    viewer, filt = CASES[case]
    expected = Reference(generated).key_figures(viewer, filt, TODAY)
    row = queries.key_figures(loaded, viewer, filt, TODAY).iloc[0]
    if row.suppressed:
        assert viewer.role == "network"
        assert math.isnan(row.projects) and math.isnan(row.money_eur)
        return
    for name in ("projects", "indicators", *STATUSES, "people_projects"):
        assert row[name] == expected[name], name
    for name in ("money_eur", "avg_progress", "people_reached"):
        assert close(row[name], expected[name]), name


@pytest.mark.parametrize("level", ["theme", "sub_theme"])
@pytest.mark.parametrize("case", list(CASES))
def test_ref002_theme_summary(loaded, generated, case, level):
    viewer, filt = CASES[case]
    expected = Reference(generated).theme_summary(viewer, filt, TODAY, level)
    frame = queries.theme_summary(loaded, viewer, filt, TODAY, level=level)
    assert len(frame) == len(expected)
    for row in frame.itertuples():
        key = (row.theme,) if level == "theme" else (row.theme, row.sub_theme)
        group = expected[key]
        if group["small"]:
            assert row.suppressed, key  # primary suppression; secondary may hide more
        if row.suppressed:
            assert viewer.role == "network"
            assert math.isnan(row.projects) and math.isnan(row.money_eur)
            assert math.isnan(row.avg_progress)
            continue
        assert row.projects == group["projects"]
        assert row.indicators == group["indicators"]
        assert close(row.money_eur, group["money_eur"])
        assert close(row.avg_progress, group["avg_progress"])


@pytest.mark.parametrize("case", list(CASES))
def test_ref003_unit_totals(loaded, generated, case):
    viewer, filt = CASES[case]
    expected = Reference(generated).unit_totals(viewer, filt, TODAY)
    frame = queries.unit_totals(loaded, viewer, filt, TODAY)
    keys = {(row.unit, row.measure_kind, row.indicator) for row in frame.itertuples()}
    assert keys == set(expected)
    for row in frame.itertuples():
        unit = expected[(row.unit, row.measure_kind, row.indicator)]
        if row.suppressed:
            assert viewer.role == "network" and 0 < unit["projects"] < 3, row.unit
            assert math.isnan(row.projects) and math.isnan(row.total)
            continue
        assert row.projects == unit["projects"], row.unit
        assert close(row.total, unit["total"]), row.unit


def test_ref004_the_generated_data_covers_the_hard_cases(generated):
    """The comparison above is only worth something if the data has every kind of case."""
    indicators = generated.indicators
    assert any(i["direction"] == "decrease" for i in indicators)
    assert any(
        i["baseline_value"] == i["target_value"]
        for i in indicators
        if i["measure_kind"] != "qualitative"
    )
    summed = {
        i["accumulation"] for i in indicators if i["summable"] and i["measure_kind"] == "number"
    }
    assert summed == {"cumulative", "periodic"}
    periodic_people = [
        i for i in indicators if i["unit"] == "persons" and i["accumulation"] == "periodic"
    ]
    assert periodic_people and not any(i["summable"] for i in periodic_people)
    assert any(i["measure_kind"] == "percentage" and i["summable"] for i in indicators)
    measured = {m["indicator_id"] for m in generated.measurements}
    assert any(i["id"] not in measured for i in indicators)
    facts = Reference(generated).indicators({p["id"] for p in generated.projects}, TODAY)
    assert any(fact["progress"] is not None and fact["progress"] > 1 for fact in facts.values())
    assert {fact["status"] for fact in facts.values()} == set(STATUSES)


@pytest.mark.parametrize("case", list(CASES))
def test_ref005_project_progress_snapshots_give_the_same_figures(loaded, case):
    """The rows kept per project and as-of date add up to what the indicators give."""
    viewer, filt = CASES[case]
    today = dt.date.today()
    from_snapshot = queries.portfolio_rollup(loaded, viewer, filt, today)
    from_indicators = queries.portfolio_rollup(loaded, viewer, filt, today, snapshots=False)
    pd.testing.assert_frame_equal(from_snapshot, from_indicators, check_exact=False, rtol=1e-9)
    with loaded.connect() as conn:
        built = set(conn.scalars(select(ProgressSnapshot.as_of)))
    assert filt.as_of(today) in built  # the figures above did come from the snapshot


@pytest.mark.parametrize("case", list(CASES))
def test_ref006_unit_totals_of_a_snapshot_date(loaded, generated, case):
    """Today is a snapshot date: views over whole cells add up the unit cells built with it
    (``test_cubes`` compares them with the per-project rows), and still match the reference."""
    viewer, filt = CASES[case]
    today = dt.date.today()
    expected = Reference(generated).unit_totals(viewer, filt, today)
    frame = queries.unit_totals(loaded, viewer, filt, today)
    assert {(row.unit, row.measure_kind, row.indicator) for row in frame.itertuples()} == set(
        expected
    )
    for row in frame.itertuples():
        unit = expected[(row.unit, row.measure_kind, row.indicator)]
        if row.suppressed:
            assert viewer.role == "network" and 0 < unit["projects"] < 3, row.unit
            continue
        assert row.projects == unit["projects"], row.unit
        assert close(row.total, unit["total"]), row.unit
