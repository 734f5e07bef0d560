"""Portfolio queries on hand-made data, on SQLite and PostgreSQL: rules, scope, filters."""

import datetime as dt
import math

import pandas as pd
import pytest
from sqlalchemy import select

from data_access import portfolio_queries as queries
from data_access import rollups, rules, scope
from data_access.filters import PortfolioFilter
from data_access.viewer import Viewer
from tests.factory import TODAY

D = dt.date
ALL = PortfolioFilter()
ADMIN = Viewer.admin()

# (baseline, target, direction, measurements as (period_end, value)) -> progress at TODAY
RULE_CASES = {
    "on_track": (0, 100, "increase", [(D(2025, 3, 31), 30), (D(2026, 3, 31), 60)]),
    "lower_is_better": (40, 10, "decrease", [(D(2026, 3, 31), 34)]),
    "lower_is_better_exceeded": (40, 10, "decrease", [(D(2026, 3, 31), 5)]),
    "target_equals_baseline_holds": (8, 8, "maintain", [(D(2026, 3, 31), 8.2)]),
    "target_equals_baseline_slips": (8, 8, "maintain", [(D(2026, 3, 31), 7.1)]),
    "no_measurement_yet": (0, 50, "increase", []),
    "exceeded": (10, 20, "increase", [(D(2025, 12, 31), 31)]),
    "backwards": (50, 80, "increase", [(D(2026, 6, 30), 20)]),
    # a measurement after the as-of date must not count
    "future_ignored": (0, 100, "increase", [(D(2026, 3, 31), 45), (D(2026, 9, 30), 100)]),
}


def test_qry001_sql_rules_match_the_reference(portfolio, engine):
    project = portfolio.project("Leerwerkplekken")
    ids = {}
    for name, (baseline, target, direction, values) in RULE_CASES.items():
        ids[name] = portfolio.indicator(
            project, baseline=baseline, target=target, direction=direction, unit="score"
        )
        for period_end, value in values:
            portfolio.measure(ids[name], period_end, value)

    frame = queries.indicator_progress(engine, ADMIN, ALL, today=TODAY).set_index("indicator_id")

    expected_share = rules.expected_progress(D(2024, 1, 1), D(2028, 1, 1), TODAY)
    for name, (baseline, target, direction, values) in RULE_CASES.items():
        seen = [value for period_end, value in values if period_end <= TODAY]
        latest = seen[-1] if seen else None
        progress = rules.progress(baseline, target, latest, direction)
        row = frame.loc[ids[name]]
        if progress is None:
            assert math.isnan(row.progress), name
        else:
            assert row.progress == pytest.approx(progress), name
        assert row.expected == pytest.approx(expected_share), name
        assert row.status == rules.status(progress, expected_share), name
    assert frame.loc[ids["lower_is_better_exceeded"]].status == "achieved"
    assert frame.loc[ids["target_equals_baseline_slips"]].status == "off_track"
    assert frame.loc[ids["no_measurement_yet"]].status == "no_data"
    assert frame.loc[ids["future_ignored"]].latest_value == 45


def test_qry002_key_figures_count_projects_money_and_statuses(portfolio, engine):
    fund = portfolio.funder("Fonds Noord")
    a = portfolio.project("A")
    b = portfolio.project("B", theme="environment", sub_theme="climate")
    portfolio.grant(fund, a, 100_000)
    portfolio.grant(fund, b, 250_000.50)
    achieved = portfolio.indicator(a, target=10)
    portfolio.measure(achieved, D(2026, 3, 31), 12)
    portfolio.indicator(b)  # no data

    figures = queries.key_figures(engine, ADMIN, ALL, today=TODAY).iloc[0]

    assert figures.projects == 2
    assert figures.money_eur == pytest.approx(350_000.50)
    assert figures.indicators == 2
    assert (figures.achieved, figures.no_data, figures.off_track) == (1, 1, 0)
    assert figures.avg_progress == pytest.approx(1.0)  # 120 % capped at 100 %
    assert figures.people_reached == 12
    assert figures.people_projects == 1


def test_qry003_unit_totals_follow_the_roll_up_rules(portfolio, engine):
    p1, p2 = portfolio.project("P1"), portfolio.project("P2")
    cumulative = portfolio.indicator(p1, accumulation="cumulative")
    for period_end, value in [(D(2025, 6, 30), 100), (D(2025, 12, 31), 180)]:
        portfolio.measure(cumulative, period_end, value)
    periodic = portfolio.indicator(p2, accumulation="periodic")
    for period_end, value in [(D(2025, 6, 30), 30), (D(2025, 12, 31), 40)]:
        portfolio.measure(periodic, period_end, value)
    not_summable = portfolio.indicator(p2, summable=False)
    portfolio.measure(not_summable, D(2025, 12, 31), 1_000)
    share_a = portfolio.indicator(p1, kind="percentage", unit="percent", baseline=20, target=60)
    portfolio.measure(share_a, D(2025, 6, 30), numerator=1, denominator=10)
    portfolio.measure(share_a, D(2025, 12, 31), numerator=10, denominator=20)
    share_b = portfolio.indicator(p2, kind="percentage", unit="percent", baseline=20, target=60)
    portfolio.measure(share_b, D(2025, 12, 31), numerator=90, denominator=100)

    totals = queries.unit_totals(engine, ADMIN, ALL, today=TODAY).set_index("unit")

    # cumulative: latest (180), not 280; periodic: the sum (70); not summable: left out
    assert totals.loc["persons"].total == pytest.approx(250)
    assert totals.loc["persons"].indicators == 2
    assert totals.loc["persons"].projects == 2
    # latest shares 10/20 and 90/100 pool to 100/120, not the mean of 50 % and 90 %
    assert totals.loc["percent"].total == pytest.approx(100 * 100 / 120)
    assert totals.loc["percent"].measure_kind == "percentage"

    in_2025_h2 = PortfolioFilter(year_from=2025, year_to=2025)
    assert queries.key_figures(engine, ADMIN, in_2025_h2, today=TODAY).iloc[0].people_reached == (
        pytest.approx(250)
    )


def test_qry004_viewers_see_only_their_own(portfolio, engine):
    north, south = portfolio.funder("Fonds Noord"), portfolio.funder("Fonds Zuid")
    shared = portfolio.project("Samen")
    own = portfolio.project("Alleen Noord", visibility="private")
    other = portfolio.project("Alleen Zuid")
    portfolio.grant(north, shared, 100)
    portfolio.grant(south, shared, 900)
    portfolio.grant(north, own, 10)
    portfolio.grant(south, other, 1_000)

    north_view = queries.key_figures(engine, Viewer.funder(north), ALL, TODAY).iloc[0]
    assert north_view.projects == 2
    assert north_view.money_eur == 110  # its own grants only, not the co-funder's

    project_view = queries.key_figures(engine, Viewer.project(other), ALL, TODAY).iloc[0]
    assert (project_view.projects, project_view.money_eur) == (1, 1_000)

    # a funder viewer asking for another funder's filter still sees only its own money
    forged = PortfolioFilter(funder_ids=(south,))
    assert queries.key_figures(engine, Viewer.funder(north), forged, TODAY).iloc[0].money_eur == (0)
    assert scope.funder_options(engine, Viewer.funder(north)) == [(north, "Fonds Noord")]
    assert queries.key_figures(engine, Viewer("funder"), ALL, TODAY).iloc[0].projects == 0


def test_qry005_network_aggregates_hide_small_groups_and_their_complement(portfolio, engine):
    fund = portfolio.funder("Fonds Noord")
    for name in ("A", "B", "C"):
        portfolio.grant(fund, portfolio.project(name, theme="people", sub_theme="health"), 100)
    portfolio.grant(fund, portfolio.project("D", theme="society", sub_theme="work"), 100)
    portfolio.grant(fund, portfolio.project("E", visibility="private"), 100)

    total = queries.key_figures(engine, Viewer.network(), ALL, TODAY).iloc[0]
    assert (total.projects, total.money_eur) == (4, 400)  # the private project is not counted
    themes = queries.theme_summary(engine, Viewer.network(), ALL, TODAY, level="theme").set_index(
        "theme"
    )
    # society (1 project) is hidden, and so is people: € 400 − € 300 would give society away
    assert themes.suppressed.all()
    assert themes.projects.isna().all() and themes.money_eur.isna().all()
    subs = queries.theme_summary(engine, Viewer.network(), ALL, TODAY)
    assert subs.suppressed.all() and subs.projects.isna().all()
    # the admin sees every figure
    admin_themes = queries.theme_summary(engine, ADMIN, ALL, TODAY, level="theme")
    assert admin_themes.set_index("theme").loc["society"].money_eur == 100


def test_qry009_secondary_suppression_hides_the_smallest_other_group(portfolio, engine):
    fund = portfolio.funder("Fonds Noord")
    layout = {"people": ("health", 5), "society": ("work", 1), "environment": ("climate", 3)}
    for theme, (sub_theme, count) in layout.items():
        for number in range(count):
            project = portfolio.project(f"{theme} {number}", theme=theme, sub_theme=sub_theme)
            portfolio.grant(fund, project, 100)
            portfolio.measure(portfolio.indicator(project), D(2025, 12, 31), 40)

    themes = queries.theme_summary(engine, Viewer.network(), ALL, TODAY, level="theme").set_index(
        "theme"
    )
    assert list(themes.suppressed.sort_index()) == [True, False, True]  # env, people, society
    assert themes.loc["people"].projects == 5 and themes.loc["people"].money_eur == 500
    assert math.isnan(themes.loc["environment"].money_eur)
    overview = queries.portfolio_overview(engine, Viewer.network(), ALL, TODAY)
    # what is hidden among the themes stays hidden everywhere on the page
    shown = overview.timeline[~overview.timeline.suppressed]
    assert set(shown.theme) == {"people"} and shown.avg_progress.notna().all()
    assert overview.timeline[overview.timeline.suppressed].avg_progress.isna().all()
    # a funder sees its own portfolio in detail: nothing is hidden
    own = queries.theme_summary(engine, Viewer.funder(fund), ALL, TODAY, level="theme")
    assert not own.suppressed.any() and own.projects.sum() == 9


def test_qry006_filters_narrow_projects_and_money(portfolio, engine):
    north, south = portfolio.funder("Fonds Noord"), portfolio.funder("Fonds Zuid")
    a = portfolio.project("A", theme="people", sub_theme="health", region="limburg")
    b = portfolio.project("B", theme="environment", sub_theme="nature", region="brussel")
    c = portfolio.project("C", start=D(2019, 1, 1), end=D(2021, 12, 31))
    portfolio.grant(north, a, 100, awarded=D(2024, 2, 1))
    portfolio.grant(south, a, 50, awarded=D(2025, 2, 1))
    portfolio.grant(south, b, 70, awarded=D(2024, 3, 1))
    portfolio.grant(north, c, 5, awarded=D(2019, 1, 1))

    def figures(**changes):
        filt = PortfolioFilter(**changes)
        row = queries.key_figures(engine, ADMIN, filt, TODAY).iloc[0]
        return row.projects, row.money_eur

    assert figures() == (3, 225)
    assert figures(funder_ids=(north,)) == (2, 105)
    assert figures(themes=("environment",)) == (1, 70)
    assert figures(sub_themes=("health",), regions=("limburg",)) == (1, 150)
    assert figures(regions=("west-vlaanderen",)) == (0, 0)
    assert figures(year_from=2024, year_to=2024) == (2, 170)  # C ended in 2021


def test_qry007_theme_summary_and_timeline(portfolio, engine):
    a = portfolio.project("A", theme="people", sub_theme="health")
    b = portfolio.project("B", theme="people", sub_theme="poverty")
    first = portfolio.indicator(a)
    second = portfolio.indicator(b)
    portfolio.measure(first, D(2025, 3, 31), 20)
    portfolio.measure(first, D(2025, 6, 30), 40)
    portfolio.measure(second, D(2025, 6, 30), 80)

    subs = queries.theme_summary(engine, ADMIN, ALL, TODAY).set_index("sub_theme")
    assert subs.loc["health"].avg_progress == pytest.approx(0.4)
    assert subs.loc["poverty"].avg_progress == pytest.approx(0.8)
    theme = queries.theme_summary(engine, ADMIN, ALL, TODAY, level="theme").iloc[0]
    assert theme.avg_progress == pytest.approx(0.6)
    assert theme.indicators == 2

    timeline = queries.progress_over_time(engine, ADMIN, ALL, TODAY)
    assert list(timeline.period_end.dt.date) == [D(2025, 3, 31), D(2025, 6, 30)]
    assert list(timeline.avg_progress) == pytest.approx([0.2, 0.6])
    assert list(timeline.indicators) == [1, 2]
    expected_mid_2025 = rules.expected_progress(D(2024, 1, 1), D(2028, 1, 1), D(2025, 6, 30))
    assert timeline.avg_expected.iloc[1] == pytest.approx(expected_mid_2025)


def test_qry008_nothing_matches_gives_empty_frames_with_fixed_columns(portfolio, engine):
    portfolio.project("A")
    none = PortfolioFilter(regions=("west-vlaanderen",))
    assert queries.theme_summary(engine, ADMIN, none, TODAY).empty
    assert list(queries.theme_summary(engine, ADMIN, none, TODAY).columns) == list(
        queries.THEME_COLUMNS
    )
    assert list(queries.progress_over_time(engine, ADMIN, none, TODAY).columns) == list(
        queries.TIMELINE_COLUMNS
    )
    figures = queries.key_figures(engine, ADMIN, none, TODAY).iloc[0]
    assert (figures.projects, figures.money_eur, figures.indicators) == (0, 0, 0)


def test_qry010_project_progress_follows_every_change(portfolio, engine):
    from data_access import entries
    from data_access.models import ProgressSnapshot

    today = dt.date.today()
    project = portfolio.project("A", start=D(today.year - 1, 1, 1), end=D(today.year + 2, 1, 1))
    indicator = portfolio.indicator(
        project,
        target=100,
        baseline_date=D(today.year - 1, 1, 1),
        target_date=D(today.year + 2, 1, 1),
    )
    before = queries.portfolio_rollup(engine, ADMIN, ALL, today)  # builds today's snapshot
    assert before.measured.iloc[0] == 0
    problems = entries.add_measurement(
        engine,
        ADMIN,
        indicator_id=indicator,
        period_end=D(today.year - 1, 12, 31),
        value="80",
        entered_by="test",
    )
    assert problems == []
    after = queries.portfolio_rollup(engine, ADMIN, ALL, today)
    live = queries.portfolio_rollup(engine, ADMIN, ALL, today, snapshots=False)
    assert after.measured.iloc[0] == 1 and after.avg_progress.iloc[0] == pytest.approx(0.8)
    pd.testing.assert_frame_equal(after, live)
    with engine.connect() as conn:
        assert today in set(conn.scalars(select(ProgressSnapshot.as_of)))
    with engine.begin() as conn:
        rollups.refresh(conn)  # a full refresh drops the snapshots; the next view rebuilds
    with engine.connect() as conn:
        assert list(conn.scalars(select(ProgressSnapshot.as_of))) == []
    pd.testing.assert_frame_equal(queries.portfolio_rollup(engine, ADMIN, ALL, today), live)
