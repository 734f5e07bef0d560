"""Funders side by side: comparison and attribution on hand-made data with known answers,
suppression (also where a total would give a hidden cell away), anonymous names that stay the
same and never leak — through the queries, the callbacks as functions, and HTTP per role."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from plotly.io.json import to_json_plotly

from callbacks import funders as funder_callbacks
from components import funders as funder_view
from dashboard.app import create_app
from dashboard.config import Settings
from data_access import accounts, funder_queries, scope
from data_access.viewer import Viewer
from tests.conftest import sqlite_engine
from tests.factory import Portfolio
from tests.test_auth import log_in
from tests.test_fuzz import _body, _slots

# Every callback gets forged requests, the board pack too: its charts drawn blank.
pytestmark = pytest.mark.usefixtures("charts_without_chromium")

TODAY = dt.date.today()
START, END = dt.date(TODAY.year - 2, 1, 1), dt.date(TODAY.year + 2, 1, 1)
MEASURED = dt.date(TODAY.year - 1, 12, 31)
PASSWORD = "een-lang-wachtwoord"
UNNAMED = ("Stille Quercus", "Rustige Roos")


def build(portfolio: Portfolio) -> dict:
    """Four funders, hand-counted:

    - Noord (named) and Zuid (named) co-fund P1 (60 000 + 40 000 €; 100 persons); Noord alone
      has P2 (50 000 €; 50 persons); Zuid alone has P3, private (100 000 €; 200 persons).
    - Quercus (unnamed, lower id) has five shared projects of its own: three in people, two in
      society (10 000 € each, 10 persons each).
    - Roos (unnamed) has three shared projects: one co-funded with Quercus (people; 10 000 +
      30 000 €, 40 persons), two in environment.
    """
    north = portfolio.funder("Fonds Noord")
    south = portfolio.funder("Fonds Zuid")
    quercus = portfolio.funder(UNNAMED[0], named=False)
    roos = portfolio.funder(UNNAMED[1], named=False)

    def project(name, grants, people, theme="people", sub="education", visibility="network"):
        pid = portfolio.project(
            name, theme=theme, sub_theme=sub, start=START, end=END, visibility=visibility
        )
        for funder, amount in grants:
            portfolio.grant(funder, pid, amount, awarded=START)
        indicator = portfolio.indicator(pid, baseline_date=START, target_date=END)
        portfolio.measure(indicator, MEASURED, people)
        return pid

    p1 = project("Samen Eén", [(north, 60_000), (south, 40_000)], 100)
    p2 = project("Noord Twee", [(north, 50_000)], 50)
    p3 = project("Zuid Drie", [(south, 100_000)], 200, visibility="private")
    q_people = [project(f"Q mens {i}", [(quercus, 10_000)], 10) for i in range(3)]
    q_society = [
        project(f"Q samenleving {i}", [(quercus, 10_000)], 10, "society", "inclusion")
        for i in range(2)
    ]
    shared = project("Q en R", [(quercus, 10_000), (roos, 30_000)], 40)
    r_rest = [project(f"R {i}", [(roos, 30_000)], 30, "environment", "climate") for i in range(2)]
    return {
        "north": north,
        "south": south,
        "quercus": quercus,
        "roos": roos,
        "p1": p1,
        "p2": p2,
        "p3": p3,
        "q": q_people + q_society + [shared],
        "r": [shared, *r_rest],
    }


@pytest.fixture
def world(portfolio):
    return build(portfolio)


def as_text(outputs) -> str:
    """Callback outputs as the JSON the browser gets, readable (not ASCII-escaped)."""
    return json.dumps(json.loads(to_json_plotly(outputs)), ensure_ascii=False)


def summary_of(comparison, funder_id) -> pd.Series:
    return comparison.summary.set_index("funder_id").loc[funder_id]


def test_fun001_money_projects_and_attribution_by_share_of_the_money(engine, world):
    found = funder_queries.compare_funders(engine, Viewer.admin(), [world["north"], world["south"]])
    north, south = summary_of(found, world["north"]), summary_of(found, world["south"])
    assert (north.projects, north.money_eur, north.co_funded) == (2, 110_000, 1)
    assert (south.projects, south.money_eur, south.co_funded) == (2, 140_000, 1)
    outcomes = found.outcomes.set_index("funder_id")
    # P1's 100 persons: 60 to Noord, 40 to Zuid, by their share of its 100 000 €.
    assert outcomes.loc[world["north"]].people == pytest.approx(60 + 50)
    assert outcomes.loc[world["south"]].people == pytest.approx(40 + 200)
    assert outcomes.loc[world["north"]].per_1000 == pytest.approx(110 / 110)
    assert outcomes.loc[world["south"]].per_1000 == pytest.approx(240 / 140)
    pairs = found.pairs.set_index(["first", "second"])
    assert pairs.loc[(world["north"], world["south"])].projects == 1
    assert pairs.loc[(world["north"], world["south"])].money_first == 60_000
    assert pairs.loc[(world["south"], world["north"])].money_first == 40_000
    # One outcome indicator per project, 0 → 100: P1 measured 100 (100 %), P2 50 (50 %).
    stages = found.stages[found.stages.funder_id == world["north"]].set_index("level")
    outcome = found.stages[
        (found.stages.funder_id == world["north"]) & (found.stages.stage == "outcome")
    ].iloc[0]
    assert (outcome.projects, outcome.indicators, outcome.measured) == (2, 2, 2)
    assert outcome.avg_progress == pytest.approx(0.75)
    assert stages.loc["total"].avg_progress == pytest.approx(0.75)
    evidence = found.evidence[found.evidence.funder_id == world["north"]]
    assumption = evidence[evidence.basis == "assumption"].iloc[0]
    assert (assumption.projects, assumption.elements) == (2, 2)  # steps without sources


def test_fun002_a_funder_s_figures_do_not_depend_on_the_others_chosen(engine, world):
    viewer = Viewer.network()
    alone = funder_queries.compare_funders(engine, viewer, [world["quercus"]])
    together = funder_queries.compare_funders(
        engine, viewer, [world["quercus"], world["roos"], world["north"]]
    )
    for name in ("summary", "themes", "stages", "evidence", "outcomes"):
        one = getattr(alone, name)
        other = getattr(together, name)
        other = other[other.funder_id == world["quercus"]].reset_index(drop=True)
        pd.testing.assert_frame_equal(one.reset_index(drop=True), other, check_dtype=False)


def test_fun003_the_network_sees_other_funders_only_through_shared_projects(engine, world):
    found = funder_queries.compare_funders(
        engine, Viewer.network(), [world["north"], world["south"], world["quercus"]]
    )
    # Zuid's only shared project is P1: one project, hidden.
    south = summary_of(found, world["south"])
    assert south.suppressed and pd.isna(south.money_eur) and pd.isna(south.projects)
    # Noord: P1 and P2 shared — two projects, hidden too.
    assert summary_of(found, world["north"]).suppressed
    quercus = summary_of(found, world["quercus"])
    assert (quercus.projects, quercus.money_eur) == (6, 60_000)
    # Noord and Zuid share one project: too few to show to the network.
    pairs = found.pairs.set_index(["first", "second"])
    assert pairs.loc[(world["north"], world["south"])].suppressed


def test_fun004_a_theme_total_does_not_give_away_a_hidden_theme(engine, world):
    """Quercus: 6 projects — 4 in people, 2 in society. Society (2) is hidden; with the total
    shown, people would give it away (6 - 4), so people is hidden as well."""
    found = funder_queries.compare_funders(engine, Viewer.network(), [world["quercus"]])
    themes = found.themes
    rows = themes[themes.level == "theme"].set_index("theme")
    total = themes[themes.level == "total"].iloc[0]
    assert not total.suppressed and (total.projects, total.money_eur) == (6, 60_000)
    assert rows.loc["society"].suppressed and pd.isna(rows.loc["society"].money_eur)
    assert rows.loc["people"].suppressed and pd.isna(rows.loc["people"].money_eur)
    figure = funder_view.theme_mix_figure(themes, [world["quercus"]], {world["quercus"]: "Q"}, "nl")
    shares = {trace.name: list(trace.x) for trace in figure.data}
    assert shares["Mens"] == [0] and shares["Maatschappij"] == [0]
    assert shares["Te weinig projecten om te tonen"] == [pytest.approx(100)]
    # In detail (an administrator) nothing is hidden.
    detail = funder_queries.compare_funders(engine, Viewer.admin(), [world["quercus"]]).themes
    assert not detail.suppressed.any()
    people = detail[(detail.level == "theme") & (detail.theme == "people")].iloc[0]
    assert (people.projects, people.money_eur) == (4, 40_000)
    # ... so its chart's legend names no grey "too few" part.
    figure = funder_view.theme_mix_figure(detail, [world["quercus"]], {world["quercus"]: "Q"}, "nl")
    assert "Te weinig projecten om te tonen" not in {trace.name for trace in figure.data}
    outcomes = found.outcomes.set_index("funder_id").loc[world["quercus"]]
    assert outcomes.people == pytest.approx(5 * 10 + 40 * 10_000 / 40_000)


def test_fun005_a_funder_sees_itself_in_detail_and_others_as_the_network(engine, world):
    viewer = Viewer.funder(world["north"])
    found = funder_queries.compare_funders(engine, viewer, [world["north"], world["south"]])
    north = summary_of(found, world["north"])
    assert not north.suppressed and north.projects == 2
    assert summary_of(found, world["south"]).suppressed
    pairs = found.pairs.set_index(["first", "second"])
    own_row = pairs.loc[(world["north"], world["south"])]
    assert own_row.projects == 1 and own_row.money_first == 60_000  # its own project, own money
    other_row = pairs.loc[(world["south"], world["north"])]
    assert pd.isna(other_row.money_first)  # Zuid's money in one project: not for Noord to see


def test_fun006_anonymous_codes_follow_funder_ids_for_every_viewer(engine, world):
    codes = {}
    for viewer in (Viewer.network(), Viewer.funder(world["north"]), Viewer.funder(world["roos"])):
        choices = funder_queries.funder_choices(engine, viewer)
        labels = funder_view.funder_labels(choices, "nl")
        for name in UNNAMED:
            assert name not in json.dumps(labels) or viewer.funder_ids
        codes[viewer.role + str(sorted(viewer.funder_ids))] = labels
    network = codes["network[]"]
    assert network[world["quercus"]] == "Financier A"
    assert network[world["roos"]] == "Financier B"
    assert codes[f"funder[{world['north']}]"][world["quercus"]] == "Financier A"
    # Roos's own account sees its own name, and Quercus under the same letter as everyone.
    roos_view = codes[f"funder[{world['roos']}]"]
    assert roos_view[world["roos"]] == UNNAMED[1]
    assert roos_view[world["quercus"]] == "Financier A"
    assert scope.anonymous_code(1) == "A" and scope.anonymous_code(27) == "AA"


def test_fun007_callback_outputs_as_functions(engine, world):
    outputs = funder_callbacks.funders_outputs(engine, Viewer.network(), [], "en", TODAY)
    pair = f"{world['quercus']}-{world['roos']}"
    outputs["pair"] = funder_callbacks.pair_outputs(engine, Viewer.network(), pair, "en")
    text = as_text(outputs)
    assert "Funder A" in text and "Funder B" in text
    assert not any(name in text for name in UNNAMED)
    money = outputs["money"]
    assert list(money.data[0].y) == ["Fonds Noord", "Fonds Zuid", "Funder A", "Funder B"]
    # The network may open no project by name, only in aggregate.
    assert "only in aggregate" in as_text(outputs["pair"])

    admin_pair = funder_callbacks.pair_outputs(
        engine, Viewer.admin(), f"{world['north']}-{world['south']}", "nl"
    )
    pair = as_text(admin_pair)
    assert "Samen Eén" in pair and "Noord Twee" not in pair
    assert f"/projects/{world['p1']}" in pair


def test_fun008_chosen_funders_are_kept_to_those_the_viewer_may_compare():
    assert funder_callbacks.chosen_ids(["3", "x", 99, None], [1, 2, 3]) == [3]
    assert funder_callbacks.chosen_ids([], [1, 2]) == [1, 2]
    assert funder_callbacks.chosen_ids("1 OR 1=1", [1, 2]) == [1, 2]
    assert funder_view.parse_pair("3-8") == (3, 8)
    for forged in ("3", "a-b", "1-2-3", None, ["1-2"], "9" * 30 + "-1"):
        assert funder_view.parse_pair(forged) is None


# --- through HTTP, per role ---------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("funders")
    engine = scope.install_guard(sqlite_engine(folder / "funders.db"))
    world = build(Portfolio(engine))
    for login, details in {
        "admin": dict(role="admin"),
        "noord": dict(role="funder", funder_ids=(world["north"],)),
        "netwerk": dict(role="network"),
        "lead": dict(role="project", project_ids=(world["p2"],)),
    }.items():
        accounts.add_user(engine, login, password=PASSWORD, **details)
    engine.dispose()
    return f"sqlite:///{folder / 'funders.db'}", world


def logged_in(url: str, login: str):
    app = create_app(Settings(database_url=url))
    client = app.server.test_client()
    assert log_in(client, login, PASSWORD).status_code == 303
    return app, client


def every_response(client, world) -> list[str]:
    """Every server callback's answer, with the browser's defaults and with each funder's id
    (and a pair of them) forged into every slot; plus the pages themselves."""
    listed = client.get("/_dash-dependencies").get_json()
    deps = [dep for dep in listed if not dep.get("clientside_function")]
    forged = [
        [str(world["quercus"]), str(world["roos"])],
        str(world["quercus"]),
        f"{world['quercus']}-{world['roos']}",
        f"{world['roos']}-{world['quercus']}",
        {"slides": ["funders", "headline"], "since": "2020-01-01"},
    ]
    bodies = []
    for dep in deps:
        keys, defaults = _slots(dep)
        bodies.append(client.post("/_dash-update-component", json=_body(dep, defaults, keys[:1])))
        for position, key in enumerate(keys):
            changed = [key] if position < len(dep["inputs"]) else keys[:1]
            for value in forged:
                values = [*defaults]
                values[position] = value
                bodies.append(
                    client.post("/_dash-update-component", json=_body(dep, values, changed))
                )
    for path in ("/funders", "/network", "/network/present", "/_dash-layout"):
        bodies.append(client.get(path))
    for response in bodies:
        assert response.status_code in (200, 204)
    return [response.get_data(as_text=True) for response in bodies]


@pytest.mark.parametrize("login", ["netwerk", "noord", "lead"])
def test_fun009_no_response_names_an_unnamed_funder(site, login):
    url, world = site
    _, client = logged_in(url, login)
    texts = every_response(client, world)
    leaked = [name for name in UNNAMED for body in texts if name in body]
    assert not leaked, (login, leaked)
    if login != "lead":
        assert any("Financier A" in body for body in texts)
        assert any("Financier B" in body for body in texts)


def test_fun010_the_same_funder_keeps_its_letter_across_sessions_and_pages(site):
    url, world = site
    seen = []
    for _ in range(2):  # two apps (two workers), two logins
        app, client = logged_in(url, "netwerk")
        listed = client.get("/_dash-dependencies").get_json()
        dep = next(d for d in listed if "funders-pick.options" in d["output"])
        keys, defaults = _slots(dep)
        body = client.post("/_dash-update-component", json=_body(dep, defaults, keys[:1]))
        options = body.get_json()["response"]["funders-pick"]["options"]
        seen.append({int(o["value"]): o["label"] for o in options})
    assert seen[0] == seen[1]
    assert seen[0][world["quercus"]] == "Financier A"
    assert seen[0][world["roos"]] == "Financier B"


def test_fun011_the_admin_sees_real_names(site):
    url, world = site
    _, client = logged_in(url, "admin")
    listed = client.get("/_dash-dependencies").get_json()
    dep = next(d for d in listed if "funders-pick.options" in d["output"])
    keys, defaults = _slots(dep)
    body = client.post("/_dash-update-component", json=_body(dep, defaults, keys[:1]))
    assert UNNAMED[0] in body.get_data(as_text=True)
