"""Projects (tiles) and the Project page: queries on hand-made data with known answers,
builders as pure functions, callbacks as functions, and every role over HTTP (an id the
viewer may not see answers exactly like one that does not exist)."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from plotly.io.json import to_json_plotly
from sqlalchemy import insert

from callbacks import project as project_callbacks
from callbacks import projects as projects_callbacks
from callbacks.shell import resolve
from components import project as project_view
from components import projects as projects_view
from dashboard.app import create_app
from dashboard.config import Settings
from dashboard.pages import NOT_FOUND, PAGES
from data_access import project_queries as queries
from data_access.filters import PortfolioFilter
from data_access.models import Story
from data_access.viewer import Viewer
from tests.conftest import sqlite_engine
from tests.factory import TODAY, Portfolio
from tests.test_app import callback_outputs, navbar_request, route_request

START, END = dt.date(2024, 1, 1), dt.date(2028, 1, 1)
EVERYTHING = PortfolioFilter()
QUARTER = pd.offsets.QuarterEnd(1)


def build_world(engine) -> dict:
    """Three funders; "Alpha 100% Gent" (North, progress 50 %), "Beta_Brugge" (North and
    South, 25 %), "Gamma" (South only, private, 75 %), "Delta" (North, never measured), and
    26 more "Project NN" of North's with nothing measured (30 projects in all)."""
    portfolio = Portfolio(engine)
    north, south = portfolio.funder("Fonds Noord"), portfolio.funder("Fonds Zuid")
    silent = portfolio.funder("Stille Stichting", named=False)

    def project(name, grants, latest=None, measured_on=dt.date(2025, 12, 31), **extra):
        pid = portfolio.project(name, start=START, end=END, **extra)
        for funder, amount in grants:
            portfolio.grant(funder, pid, amount, awarded=START)
        indicator = portfolio.indicator(pid, baseline=0, target=400, target_date=END)
        if latest is not None:
            portfolio.measure(indicator, measured_on, latest)
        return pid, indicator

    alpha, alpha_indicator = project(
        "Alpha 100% Gent", [(north, 50_000)], 200, dt.date(2025, 6, 30), theme="people"
    )
    beta, _ = project(
        "Beta_Brugge", [(north, 10_000), (south, 90_000)], 100, theme="society", sub_theme="work"
    )
    gamma, _ = project("Gamma", [(south, 70_000)], 300, visibility="private")
    delta, _ = project("Delta", [(north, 1_000)])
    others = [project(f"Project {n:02d}", [(north, 500)])[0] for n in range(26)]
    portfolio.measure(alpha_indicator, dt.date(2025, 3, 31), 100)  # an earlier quarter
    with engine.begin() as conn:
        conn.execute(
            insert(Story),
            [
                dict(project_id=alpha, period_end=dt.date(2025, 3, 31), title="Oud",
                     text="Eerder verhaal", author="Lies"),
                dict(project_id=alpha, period_end=dt.date(2025, 6, 30), title="Nieuw",
                     text="\n  Eerste regel\nTweede regel", author="Lies"),
                dict(project_id=gamma, period_end=dt.date(2025, 6, 30), title="Geheim verhaal",
                     text="niet voor North", author="x"),
            ],
        )  # fmt: skip
    return {
        "north": north,
        "south": south,
        "silent": silent,
        "alpha": alpha,
        "beta": beta,
        "gamma": gamma,
        "delta": delta,
        "others": others,
    }


@pytest.fixture
def world(engine):
    return build_world(engine)


def tiles(engine, viewer, **kwargs):
    return queries.project_tiles(engine, viewer, EVERYTHING, today=TODAY, **kwargs)


def names(page) -> list[str]:
    return list(page.tiles["name"])


# --- queries -------------------------------------------------------------------------------


def test_prj001_tiles_come_a_page_at_a_time(engine, world):
    first = tiles(engine, Viewer.admin())
    assert (first.total, first.page, first.pages, len(first.tiles)) == (30, 1, 2, 24)
    second = tiles(engine, Viewer.admin(), page=2)
    assert (second.page, len(second.tiles)) == (2, 6)
    assert not set(names(first)) & set(names(second))
    assert tiles(engine, Viewer.admin(), page=99).page == 2  # past the end: the last page
    assert tiles(engine, Viewer.admin(), page="x").page == 1


def test_prj002_tiles_sort_in_sql_with_known_orders(engine, world):
    admin = Viewer.admin()
    assert names(tiles(engine, admin))[:4] == ["Alpha 100% Gent", "Beta_Brugge", "Delta", "Gamma"]
    assert names(tiles(engine, admin, sort="progress_desc"))[:3] == [
        "Gamma",
        "Alpha 100% Gent",
        "Beta_Brugge",
    ]
    # Lowest first, the unmeasured last (not "lowest").
    by_lowest = tiles(engine, admin, sort="progress_asc")
    assert names(by_lowest)[:3] == ["Beta_Brugge", "Alpha 100% Gent", "Gamma"]
    assert by_lowest.tiles["progress"].iloc[:3].tolist() == pytest.approx([0.25, 0.5, 0.75])
    assert names(tiles(engine, admin, sort="money_desc"))[:3] == [
        "Beta_Brugge",
        "Gamma",
        "Alpha 100% Gent",
    ]
    assert names(tiles(engine, admin, sort="last_measurement"))[:3] == [
        "Beta_Brugge",
        "Gamma",
        "Alpha 100% Gent",
    ]
    assert names(tiles(engine, admin, sort="'; DROP TABLE project; --")) == names(
        tiles(engine, admin)
    )


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("alpha", ["Alpha 100% Gent"]),
        ("100%", ["Alpha 100% Gent"]),
        ("%", ["Alpha 100% Gent"]),  # a literal per cent sign, not "anything"
        ("_", ["Beta_Brugge"]),  # a literal underscore, not "any one character"
        ("a_B", ["Beta_Brugge"]),
        ("  gamma  ", ["Gamma"]),
        ("\\", []),
        ("niets", []),
    ],
)
def test_prj003_search_by_name_takes_wildcards_literally(engine, world, search, expected):
    found = tiles(engine, Viewer.admin(), search=search)
    assert names(found) == expected
    assert found.total == len(expected)


def test_prj004_each_role_sees_only_its_detail_projects(engine, world):
    north = tiles(engine, Viewer.funder(world["north"]))
    assert north.total == 29 and "Gamma" not in names(north) + names(
        tiles(engine, Viewer.funder(world["north"]), page=2)
    )
    lead = tiles(engine, Viewer.project(world["alpha"]))
    assert (lead.total, names(lead)) == (1, ["Alpha 100% Gent"])
    assert tiles(engine, Viewer.project(world["alpha"]), search="Gamma").total == 0
    assert tiles(engine, Viewer.network()).total == 0


def test_prj005_a_funder_sees_its_own_money_and_name_not_its_co_funders(engine, world):
    north = tiles(engine, Viewer.funder(world["north"]), search="Beta")
    assert north.tiles["money_eur"].tolist() == [10_000]
    assert north.funders["funder"].tolist() == ["Fonds Noord"]
    admin = tiles(engine, Viewer.admin(), search="Beta")
    assert admin.tiles["money_eur"].tolist() == [100_000]
    assert admin.funders["funder"].tolist() == ["Fonds Zuid", "Fonds Noord"]  # most money first
    # A lead names the funders of its own project (as ``scope.pickable_funders`` allows).
    lead = tiles(engine, Viewer.project(world["beta"]))
    assert sorted(lead.funders["funder"]) == ["Fonds Noord", "Fonds Zuid"]


def test_prj006_tiles_carry_trend_story_and_figures(engine, world):
    alpha = tiles(engine, Viewer.admin(), search="Alpha")
    row = alpha.tiles.iloc[0]
    assert (row["indicators"], row["measured"], row["on_track"] + row["at_risk"]) == (1, 1, 1)
    assert row["last_measurement"] == pd.Timestamp(2025, 6, 30)
    assert alpha.trend["progress"].tolist() == pytest.approx([0.25, 0.5])
    story = alpha.stories.iloc[0]
    assert (story["title"], projects_view.first_line(story["text"])) == ("Nieuw", "Eerste regel")
    delta = tiles(engine, Viewer.admin(), search="Delta")
    assert pd.isna(delta.tiles["progress"].iloc[0]) and delta.stories.empty


def test_prj007_the_snapshot_and_the_indicators_agree(engine, world):
    admin = Viewer.admin()
    for sort in queries.SORTS:
        stored = tiles(engine, admin, sort=sort)
        live = tiles(engine, admin, sort=sort, snapshots=False)
        pd.testing.assert_frame_equal(stored.tiles, live.tiles)


@pytest.mark.parametrize(
    "raw", ["abc", "-1", "0", "1.0", "99999999999999999999", "²", None, [], True, 2**31]
)
def test_prj008_malformed_ids_are_simply_not_found(engine, world, raw):
    assert queries.project_id_from(raw) is None
    assert queries.project_in_view(engine, Viewer.admin(), raw) is False
    assert queries.project_detail(engine, Viewer.admin(), raw, TODAY) is None


def test_prj009_another_projects_id_looks_like_a_missing_one(engine, world):
    lead = Viewer.project(world["alpha"])
    assert queries.project_in_view(engine, lead, str(world["alpha"]))
    for other in (world["gamma"], world["beta"], 999_999):
        assert not queries.project_in_view(engine, lead, other)
        assert queries.project_detail(engine, lead, other, TODAY) is None
    assert not queries.project_in_view(engine, Viewer.funder(world["north"]), world["gamma"])
    assert not queries.can_write(engine, Viewer.funder(world["north"]), world["alpha"])
    assert queries.can_write(engine, lead, world["alpha"])
    assert not queries.can_write(engine, lead, world["beta"])


def test_prj010_the_project_detail_has_every_part(engine, world):
    detail = queries.project_detail(engine, Viewer.funder(world["north"]), world["beta"], TODAY)
    assert detail.header["name"] == "Beta_Brugge"
    assert detail.funders[["funder", "money_eur"]].values.tolist() == [["Fonds Noord", 10_000]]
    (indicator,) = detail.indicators.itertuples()
    assert (indicator.progress, indicator.latest_value, indicator.stage) == (0.25, 100, "outcome")
    assert detail.measurements["value"].tolist() == [100]
    alpha = queries.project_detail(engine, Viewer.admin(), world["alpha"], TODAY)
    assert alpha.stories["title"].tolist() == ["Nieuw", "Oud"]  # newest first
    assert alpha.measurements["period_end"].tolist() == [
        pd.Timestamp(2025, 3, 31),
        pd.Timestamp(2025, 6, 30),
    ]


# --- builders ------------------------------------------------------------------------------


def test_prj020_sparkline_points_span_the_box_and_stay_inside_it():
    points = projects_view.sparkline_points([0.0, 0.5, 1.0, 3.0, -1.0])
    xs, ys = zip(*[map(float, point.split(",")) for point in points.split()], strict=True)
    assert xs[0] == 0 and xs[-1] == projects_view.SPARK_WIDTH
    assert ys[0] == ys[-1] == projects_view.SPARK_HEIGHT - 2  # 0 and below 0 at the bottom
    assert ys[2] == ys[3] == 2  # 100 % and above at the top
    assert projects_view.sparkline_points([]) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [("\n\n  Eerste\nTweede", "Eerste"), ("", ""), (None, ""), ("x" * 200, "x" * 159 + "…")],
)
def test_prj021_a_tile_shows_a_story_s_first_line(text, expected):
    assert projects_view.first_line(text) == expected


def test_prj022_the_count_says_which_tiles_of_how_many():
    assert projects_view.count_text(1234, 2, 24, "nl") == "Projecten 25–48 van 1.234"
    assert projects_view.count_text(30, 2, 24, "en") == "Projects 25–30 of 30"
    assert projects_view.count_text(0, 1, 24, "en").startswith("No projects found")


def ten_indicators() -> tuple[pd.Series, pd.DataFrame, pd.DataFrame]:
    header = pd.Series({"theme": "people"})
    indicators = pd.DataFrame(
        [
            {
                "indicator_id": number,
                "name": f"Indicator {number}",
                "stage": "output",
                "unit": "persons",
                "measure_kind": "number",
                "baseline_value": 10.0,
                "baseline_date": pd.Timestamp(2024, 1, 1),
                "target_value": 110.0,
                "target_date": pd.Timestamp(2028, 1, 1),
                "latest_value": 60.0,
                "latest_period_end": pd.Timestamp(2026, 3, 31),
                "progress": 0.5,
                "expected": 0.56,
                "status": "on_track",
            }
            for number in range(1, 11)
        ]
    )
    measurements = pd.DataFrame(
        [
            {"indicator_id": number, "period_end": pd.Timestamp(2024, 3, 31) + QUARTER * q,
             "value": 10.0 + 5 * q, "numerator": None, "denominator": None, "text": None}
            for number in range(1, 11)
            for q in range(10)
        ]
    )  # fmt: skip
    return header, indicators, measurements


def test_prj023_an_indicator_chart_draws_baseline_target_and_the_expected_path():
    header, indicators, measurements = ten_indicators()
    figure = project_view.indicator_figure(
        indicators.iloc[0], measurements[measurements.indicator_id == 1], "#AA3377", "en"
    )
    expected, measured = figure["data"]
    assert (expected["x"], expected["y"]) == (["2024-01-01", "2028-01-01"], [10.0, 110.0])
    assert len(measured["y"]) == 10 and measured["y"][-1] == 55.0
    levels = sorted(shape["y0"] for shape in figure["layout"]["shapes"])
    assert levels == [10.0, 110.0]
    texts = [note["text"] for note in figure["layout"]["annotations"]]
    assert texts == ["baseline 10", "target 110"]


def test_prj024_ten_indicators_make_a_light_page():
    header, indicators, measurements = ten_indicators()
    detail = queries.ProjectDetail(header, pd.DataFrame(), indicators, measurements, pd.DataFrame())
    cards = project_view.indicator_cards(detail, "nl")
    size = len(to_json_plotly(cards))
    assert len(cards) == 10
    assert size < 60_000, size  # no template copied into every figure


def test_prj025_table_rows_sort_on_numbers_and_show_belgian_text():
    _, indicators, _ = ten_indicators()
    indicators.loc[0, ["latest_value", "status"]] = [1234.5, "off_track"]
    row = project_view.grid_rows(indicators, "nl")[0]
    assert (row["latest"], row["latest_text"]) == (1234.5, "1.234,5")
    assert (row["progress"], row["progress_text"]) == (0.5, "50\u00a0%")
    assert (row["status_rank"], row["status_text"]) == (3, "Achter")
    assert row["measured_on_text"] == "31/03/2026"


def test_prj026_the_back_link_keeps_filters_and_language_only():
    query = {"id": "7", "theme": "people", "from": "2024", "lang": "xx", "evil": "1"}
    assert project_view.back_href(query, "en") == "/projects?theme=people&from=2024&lang=en"


# --- routing -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/projects", ("/projects", {})),
        ("/projects/", ("/projects", {})),
        ("/projects/12", ("/projects/<id>", {"id": "12"})),
        ("/projects/12/", ("/projects/<id>", {"id": "12"})),
        ("/projects/abc", ("/projects/<id>", {"id": "abc"})),  # the page decides: not found
        ("/projects/1/x", ("/404", {})),
        ("/projectsx/1", ("/404", {})),
        (None, ("/", {})),
    ],
)
def test_prj030_a_path_with_a_parameter_finds_its_page(path, expected):
    page, params = resolve(PAGES, NOT_FOUND, path)
    assert (page.path, params) == expected


# --- callbacks as functions ----------------------------------------------------------------


def test_prj040_the_tiles_callback_links_each_tile_with_language_and_filters(engine, world):
    filt = PortfolioFilter(themes=("people",))
    outputs = projects_callbacks.projects_outputs(
        engine, Viewer.admin(), filt, "", "name", 1, "en", TODAY
    )
    assert outputs["count"] == "Projects 1–24 of 29"  # all but Beta, in society
    assert (outputs["pages"], outputs["page"]) == (2, 1)
    text = json.dumps(json.loads(to_json_plotly(outputs["grid"])), ensure_ascii=False)
    assert f'"/projects/{world["alpha"]}?theme=people&lang=en"' in text
    assert "Beta_Brugge" not in text  # society


def test_prj041_the_project_callback_answers_a_forbidden_id_like_a_missing_one(engine, world):
    lead = Viewer.project(world["alpha"])

    def outputs(project_id):
        found = project_callbacks.project_outputs(engine, lead, project_id, "nl", TODAY)
        return to_json_plotly(found)

    missing = outputs("999999")
    assert outputs(str(world["gamma"])) == missing == outputs("abc")
    assert "Deze pagina bestaat niet." in missing and "Gamma" not in missing
    own = project_callbacks.project_outputs(engine, lead, str(world["alpha"]), "nl", TODAY)
    assert own["entry_hidden"] is False and own["title"] == "Alpha 100% Gent – FilantrImpact"
    funder = Viewer.funder(world["north"])
    seen = project_callbacks.project_outputs(engine, funder, str(world["alpha"]), "nl", TODAY)
    assert seen["entry_hidden"] is True  # a funder reads, only the lead writes


# --- over HTTP, per role -------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The hand-made world in a SQLite file; ``serve(viewer)`` is the app as that viewer."""
    folder = tmp_path_factory.mktemp("projects")
    engine = sqlite_engine(folder / "projects.db")
    world = build_world(engine)
    engine.dispose()
    url = f"sqlite:///{folder / 'projects.db'}"
    apps = {}

    def serve(viewer: Viewer):
        if viewer not in apps:
            app = create_app(Settings(database_url=url), viewer_for_request=lambda: viewer)
            apps[viewer] = (app, app.server.test_client())
        return apps[viewer]

    yield serve, world
    for app, _ in apps.values():
        app.server.extensions["filantrimpact"]["engine"].dispose()


def routed(app, client, path: str) -> dict:
    response = client.post("/_dash-update-component", json=route_request(app, path, "?lang=nl"))
    assert response.status_code == 200
    return response.get_json()["response"]


def test_prj050_a_lead_gets_the_same_not_found_for_another_project_as_for_none(site):
    serve, world = site
    app, client = serve(Viewer.project(world["alpha"]))
    own = routed(app, client, f"/projects/{world['alpha']}")
    assert "project-charts" in json.dumps(own["page-content"])

    unknown_address = routed(app, client, "/nowhere")
    answers = [
        routed(app, client, path)
        for path in (
            f"/projects/{world['gamma']}",  # exists, someone else's
            f"/projects/{world['beta']}",
            "/projects/999999",  # does not exist
            "/projects/abc",
            "/projects/-1",
            "/projects/" + "9" * 40,
            f"/projects/{world['alpha']}/x",
        )
    ]
    for answer in answers:
        assert answer == answers[0]
        assert answer["page-content"] == unknown_address["page-content"]
        assert answer["title-store"] == unknown_address["title-store"]
    assert "Deze pagina bestaat niet." in json.dumps(answers[0])


def project_request(app, project_id) -> dict:
    output, outputs = callback_outputs(app, "project-header.children")
    return {
        "output": output,
        "outputs": outputs,
        "inputs": [
            {"id": "project-id", "property": "data", "value": project_id},
            {"id": "my-saved", "property": "data", "value": None},
        ],
        "state": [{"id": "lang-store", "property": "data", "value": "nl"}],
        "changedPropIds": ["project-id.data"],
    }


@pytest.mark.parametrize("role", ["project", "funder"])
def test_prj051_a_forged_project_id_answers_like_a_missing_one(site, role):
    serve, world = site
    viewer = Viewer.project(world["alpha"]) if role == "project" else Viewer.funder(world["north"])
    app, client = serve(viewer)

    def body(project_id) -> str:
        response = client.post("/_dash-update-component", json=project_request(app, project_id))
        assert response.status_code == 200
        return response.get_data(as_text=True)

    forbidden, missing = body(str(world["gamma"])), body("999999")
    assert forbidden == missing
    assert "Gamma" not in forbidden and "Geheim" not in forbidden and "Fonds Zuid" not in forbidden
    assert "Alpha 100% Gent" in body(str(world["alpha"]))


def tiles_request(app, search="", sort="name", page=1, changed="projects-search.value") -> dict:
    output, outputs = callback_outputs(app, "projects-grid.children")
    values = {
        "filter-funder.value": [],
        "filter-theme.value": [],
        "filter-sub-theme.value": [],
        "filter-region.value": [],
        "filter-year-from.value": None,
        "filter-year-to.value": None,
        "projects-search.value": search,
        "projects-sort.value": sort,
        "projects-pager.active_page": page,
    }
    return {
        "output": output,
        "outputs": outputs,
        "inputs": [
            {"id": key.split(".")[0], "property": key.split(".")[1], "value": value}
            for key, value in values.items()
        ],
        "state": [{"id": "lang-store", "property": "data", "value": "nl"}],
        "changedPropIds": [changed],
    }


@pytest.mark.parametrize(
    ("role", "count"),
    [("admin", "Projecten 1–24 van 30"), ("funder", "Projecten 1–24 van 29"),
     ("project", "Projecten 1–1 van 1"), ("network", "Geen projecten gevonden")],
)  # fmt: skip
def test_prj052_each_role_gets_its_own_tiles_over_http(site, role, count):
    serve, world = site
    viewer = {
        "admin": Viewer.admin(),
        "funder": Viewer.funder(world["north"]),
        "project": Viewer.project(world["alpha"]),
        "network": Viewer.network(),
    }[role]
    app, client = serve(viewer)
    response = client.post("/_dash-update-component", json=tiles_request(app))
    body = response.get_json()["response"]
    assert body["projects-count"]["children"].startswith(count)
    text = response.get_data(as_text=True)
    if role != "admin":
        assert "Gamma" not in text and "Geheim" not in text
    if role == "funder":
        assert "Fonds Zuid" not in text  # the co-funder of Beta


def test_prj053_paging_changes_pages_and_a_new_search_starts_at_page_one(site):
    serve, _ = site
    app, client = serve(Viewer.admin())
    second = tiles_request(app, page=2, changed="projects-pager.active_page")
    body = client.post("/_dash-update-component", json=second).get_json()["response"]
    assert body["projects-count"]["children"] == "Projecten 25–30 van 30"
    assert body["projects-pager"] == {"max_value": 2, "active_page": 2}
    searched = tiles_request(app, search="project", page=2)
    body = client.post("/_dash-update-component", json=searched).get_json()["response"]
    assert body["projects-pager"]["active_page"] == 1


def test_prj054_the_network_has_no_projects_page_and_the_old_address_moves(site):
    serve, world = site
    app, client = serve(Viewer.network())
    page = routed(app, client, "/projects")
    assert "Deze pagina bestaat niet." in json.dumps(page["page-content"])
    links = client.post("/_dash-update-component", json=navbar_request(app)).get_json()
    assert "/projects" not in json.dumps(links["response"]["navbar-links"])

    lead_app, lead = serve(Viewer.project(world["alpha"]))
    links = lead.post("/_dash-update-component", json=navbar_request(lead_app, "/projects/1"))
    navbar = links.get_json()["response"]
    project_link = next(
        item["props"]["children"]["props"]
        for item in navbar["navbar-links"]["children"]
        if item["props"]["children"]["props"]["href"].startswith("/projects?")
    )
    assert project_link["href"].startswith("/projects?") and project_link["active"] is True
    languages = json.dumps(navbar["language-links"])
    assert "/projects/1?lang=en" in languages

    moved = lead.get("/my-projects?lang=en")
    assert (moved.status_code, moved.headers["Location"]) == (302, "/projects?lang=en")
