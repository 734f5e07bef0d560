"""The Change-logic page: its queries on a hand-made chain with known answers (SQLite and
PostgreSQL), suppression and scope per role, the diagram's layout, callbacks as functions
and through HTTP (forged ids included)."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import plotly.utils
import pytest
from sqlalchemy import insert

from callbacks import change_logic as cl_callbacks
from callbacks import change_logic_diagram as diagram_callbacks
from components import change_logic as view
from components import change_logic_diagram as diagram
from components import ids
from dashboard.config import Settings
from data_access import change_logic_queries as queries
from data_access import rollups, rules
from data_access.filters import PortfolioFilter
from data_access.models import ChangeLogicElement, ChangeLogicLink, EvidenceSource, Indicator
from data_access.viewer import Viewer
from tests.conftest import sqlite_engine
from tests.factory import Portfolio

AS_OF = dt.date(2025, 12, 31)  # a past year-end: the stage snapshot is built for it
BASELINE, TARGET = dt.date(2025, 1, 1), dt.date(2027, 1, 1)
EXPECTED = rules.expected_progress(BASELINE, TARGET, AS_OF)
MEASURED_ON = dt.date(2025, 9, 30)
MISSING = 987_654


class Chain:
    """Steps, links, sources and indicators on top of ``tests.factory.Portfolio``."""

    def __init__(self, portfolio: Portfolio):
        self.portfolio = portfolio
        self.engine = portfolio.engine

    def step(self, project: int, stage: str, statement: str = "", position: int = 0) -> int:
        return self.portfolio._insert(
            ChangeLogicElement,
            project_id=project,
            stage=stage,
            statement=statement or f"{stage} {position}",
            evidence="assumption",
            position=position,
        )

    def link(self, source: int, target: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                insert(ChangeLogicLink), [{"from_element_id": source, "to_element_id": target}]
            )

    def source(self, project: int, element: int, kind: str, citation: str = "", **link) -> int:
        values = {"element_id": element} if element else link
        return self.portfolio._insert(
            EvidenceSource,
            project_id=project,
            kind=kind,
            citation=citation or f"{kind} source",
            year=2021,
            url="https://example.org/studie",
            **values,
        )

    def indicator(self, project: int, element: int, progress: float | None, name="Indicator"):
        """An indicator from 0 to 100; measured at ``100 * progress`` unless None."""
        indicator = self.portfolio._insert(
            Indicator,
            element_id=element,
            project_id=project,
            name=name,
            unit="persons",
            direction="increase",
            measure_kind="number",
            accumulation="cumulative",
            summable=True,
            baseline_value=0.0,
            baseline_date=BASELINE,
            target_value=100.0,
            target_date=TARGET,
        )
        if progress is not None:
            self.portfolio.measure(indicator, MEASURED_ON, 100.0 * progress)
        return indicator

    def refresh(self) -> None:
        with self.engine.begin() as conn:
            rollups.refresh(conn)


@pytest.fixture
def chain(portfolio):
    """The chain of ``build_chain`` on the ``engine`` fixture's database."""
    return build_chain(portfolio)


def build_chain(portfolio: Portfolio) -> dict:
    """Three shared projects whose outputs go well while their outcomes lag.

    - P1 (funder North): output (research) achieved → outcome (assumption) 10 % off track
      → impact (practice) 50 % on track; the output → outcome link has a practice source.
    - P2 (North): output (practice) 60 % on track → outcome (research) not measured.
    - P3 (South): output (assumption, no indicator behind) 90 % → outcome (assumption)
      30 % at risk.
    """
    c = Chain(portfolio)
    north, south = portfolio.funder("Fonds Noord"), portfolio.funder("Fonds Zuid")
    p1 = portfolio.project("Taalkracht Gent", start=BASELINE)
    p2 = portfolio.project("Buurtwerk Leuven", start=BASELINE)
    p3 = portfolio.project("Jobkans Hasselt", theme="society", sub_theme="work", start=BASELINE)
    portfolio.grant(north, p1, 10_000)
    portfolio.grant(north, p2, 20_000)
    portfolio.grant(south, p3, 30_000)

    o1 = c.step(p1, "output", "Cursisten volgen de taallessen")
    e1 = c.step(p1, "outcome", "Cursisten spreken vlotter Nederlands")
    i1 = c.step(p1, "impact", "Nieuwkomers vinden hun weg")
    c.link(o1, e1)
    c.link(e1, i1)
    c.source(p1, o1, "research", "Steunpunt Onderwijsonderzoek (2021). Taalverwerving.")
    c.source(p1, None, "practice", "Praktijkverslag", from_element_id=o1, to_element_id=e1)
    c.source(p1, i1, "practice")
    c.indicator(p1, o1, 1.0, "Deelnemers")
    c.indicator(p1, e1, 0.1, "Taalniveau")
    c.indicator(p1, i1, 0.5, "Zelfredzaamheid")

    o2 = c.step(p2, "output")
    e2 = c.step(p2, "outcome")
    c.link(o2, e2)
    c.source(p2, o2, "practice")
    c.source(p2, e2, "research")
    c.indicator(p2, o2, 0.6)
    c.indicator(p2, e2, None)

    o3 = c.step(p3, "output")
    e3 = c.step(p3, "outcome", "Deelnemers vinden duurzaam werk")
    c.link(o3, e3)
    c.indicator(p3, o3, 0.9)
    c.indicator(p3, e3, 0.3)
    c.refresh()
    return {
        "north": north,
        "south": south,
        "projects": (p1, p2, p3),
        "weak": (e1, e3),
        "engine": portfolio.engine,
    }


def as_json(component) -> str:
    """A component tree as the JSON Dash sends to the browser."""
    return json.dumps(component, cls=plotly.utils.PlotlyJSONEncoder)


def stage_row(frame: pd.DataFrame, stage: str) -> pd.Series:
    return frame[(frame.level == "stage") & (frame.stage == stage)].iloc[0]


# --- per stage ---------------------------------------------------------------------------


def test_chl001_outputs_fine_outcomes_lag_with_known_figures(chain):
    frame = queries.stage_progress(chain["engine"], Viewer.admin(), PortfolioFilter(), AS_OF)
    assert list(frame.stage.fillna("")) == ["", "output", "outcome", "impact"]
    output, outcome = stage_row(frame, "output"), stage_row(frame, "outcome")
    assert (output.projects, output.indicators, output.measured) == (3, 3, 3)
    assert output.avg_progress == pytest.approx((1.0 + 0.6 + 0.9) / 3)
    assert output.avg_expected == pytest.approx(EXPECTED)
    assert (output.achieved, output.on_track, output.at_risk, output.off_track) == (1, 2, 0, 0)
    assert (outcome.projects, outcome.indicators, outcome.measured) == (3, 3, 2)
    assert outcome.avg_progress == pytest.approx((0.1 + 0.3) / 2)
    assert (outcome.at_risk, outcome.off_track, outcome.no_data) == (1, 1, 1)
    assert output.avg_progress > output.avg_expected > outcome.avg_progress
    total = frame[frame.level == "total"].iloc[0]
    assert (total.projects, total.indicators, total.measured) == (3, 7, 6)


def test_chl002_snapshot_and_live_give_the_same_answer(chain):
    engine, filt = chain["engine"], PortfolioFilter()
    for viewer in (Viewer.admin(), Viewer.funder(chain["north"]), Viewer.network()):
        snap = queries.stage_progress(engine, viewer, filt, AS_OF, snapshots=True)
        live = queries.stage_progress(engine, viewer, filt, AS_OF, snapshots=False)
        pd.testing.assert_frame_equal(snap, live, check_exact=False, rtol=1e-9)
    # The snapshot path was really taken: its rows exist for the date.
    assert rollups.ensure_snapshot(engine, AS_OF, dt.date.today())


def test_chl003_a_funder_counts_only_its_own_projects(chain):
    frame = queries.stage_progress(
        chain["engine"], Viewer.funder(chain["north"]), PortfolioFilter(), AS_OF
    )
    assert stage_row(frame, "output").projects == 2
    assert stage_row(frame, "output").avg_progress == pytest.approx(0.8)
    assert stage_row(frame, "outcome").measured == 1


def test_chl004_the_network_sees_small_stages_hidden_with_what_would_give_them_away(chain):
    frame = queries.stage_progress(chain["engine"], Viewer.network(), PortfolioFilter(), AS_OF)
    impact = stage_row(frame, "impact")  # one project only
    assert impact.suppressed and pd.isna(impact.avg_progress) and pd.isna(impact.indicators)
    # Total minus the visible stages would give the hidden one away: a second cell goes.
    assert frame.suppressed.sum() >= 2
    admin = queries.stage_progress(chain["engine"], Viewer.admin(), PortfolioFilter(), AS_OF)
    assert not admin.suppressed.any()


def test_chl005_evidence_per_stage_follows_the_sources(chain):
    frame = queries.evidence_by_stage(chain["engine"], Viewer.admin(), PortfolioFilter())
    output, outcome = stage_row(frame, "output"), stage_row(frame, "outcome")
    assert (output.elements, output.research, output.practice, output.assumption) == (3, 1, 1, 1)
    assert (outcome.elements, outcome.research, outcome.practice, outcome.assumption) == (
        3,
        1,
        0,
        2,
    )
    impact = stage_row(frame, "impact")
    assert (impact.elements, impact.practice) == (1, 1)
    network = queries.evidence_by_stage(chain["engine"], Viewer.network(), PortfolioFilter())
    assert stage_row(network, "impact").suppressed


def test_chl006_weakest_links_are_assumed_steps_behind_worst_gap_first(chain):
    weak = queries.weakest_links(chain["engine"], Viewer.admin(), PortfolioFilter(), AS_OF)
    assert weak.total == 2
    assert list(weak.rows.element_id) == list(chain["weak"])  # off track (10 %) first
    first = weak.rows.iloc[0]
    assert first.project == "Taalkracht Gent" and first.stage == "outcome"
    assert first.gap == pytest.approx(EXPECTED - 0.1)
    assert (first.behind, first.off_track, first.indicators) == (1, 1, 1)
    limited = queries.weakest_links(
        chain["engine"], Viewer.admin(), PortfolioFilter(), AS_OF, limit=1
    )
    assert len(limited.rows) == 1 and limited.total == 2


def test_chl007_weakest_links_are_detail_only(chain):
    engine, filt = chain["engine"], PortfolioFilter()
    north = queries.weakest_links(engine, Viewer.funder(chain["north"]), filt, AS_OF)
    assert list(north.rows.project) == ["Taalkracht Gent"]
    assert queries.weakest_links(engine, Viewer.network(), filt, AS_OF).rows.empty


# --- one project -------------------------------------------------------------------------


def test_chl010_project_logic_has_elements_links_indicators_sources(chain):
    p1 = chain["projects"][0]
    logic = queries.project_logic(chain["engine"], Viewer.admin(), p1, AS_OF)
    assert logic.name == "Taalkracht Gent"
    assert list(logic.elements.stage) == ["output", "outcome", "impact"]
    assert list(logic.elements.evidence) == ["research", "assumption", "practice"]
    assert list(logic.elements.status) == ["achieved", "off_track", "on_track"]
    assert len(logic.links) == 2
    assert list(logic.links.sources) == [1, 0]
    assert logic.sources.kind.tolist().count("research") == 1
    assert set(logic.indicators.status) == {"achieved", "off_track", "on_track"}


def test_chl011_a_step_without_measurements_shows_no_data(chain):
    p2 = chain["projects"][1]
    logic = queries.project_logic(chain["engine"], Viewer.admin(), p2, AS_OF)
    outcome = logic.elements[logic.elements.stage == "outcome"].iloc[0]
    assert outcome.status == "no_data" and outcome.measured == 0
    assert pd.isna(outcome.avg_progress)


@pytest.mark.parametrize("raw", [MISSING, "abc", "-1", "1.5", None, "", {"id": 1}, 2**40, True])
def test_chl012_out_of_scope_unknown_and_malformed_ids_are_all_none(chain, raw):
    assert queries.project_logic(chain["engine"], Viewer.admin(), raw, AS_OF) is None


def test_chl013_a_funder_cannot_open_another_funders_project(chain):
    engine = chain["engine"]
    p1, _, p3 = chain["projects"]
    north = Viewer.funder(chain["north"])
    assert queries.project_logic(engine, north, p1, AS_OF) is not None
    assert queries.project_logic(engine, north, p3, AS_OF) is None
    lead = Viewer.project(p3)
    assert queries.project_logic(engine, lead, p3, AS_OF) is not None
    assert queries.project_logic(engine, lead, p1, AS_OF) is None
    assert queries.project_logic(engine, Viewer.network(), p1, AS_OF) is None


def test_chl014_project_search_is_detail_only_and_by_name(chain):
    engine = chain["engine"]
    north = Viewer.funder(chain["north"])
    assert [name for _, name in queries.project_options(engine, north)] == [
        "Buurtwerk Leuven",
        "Taalkracht Gent",
    ]
    assert [name for _, name in queries.project_options(engine, north, "kracht")] == [
        "Taalkracht Gent"
    ]
    assert queries.project_options(engine, north, "Jobkans") == []
    assert queries.project_options(engine, north, "%") == []
    assert queries.project_options(engine, north, keep=chain["projects"][2]) != []
    assert all(
        pid != chain["projects"][2]
        for pid, _ in queries.project_options(engine, north, keep=chain["projects"][2])
    )
    assert queries.project_options(engine, Viewer.network()) == []


# --- the diagram -------------------------------------------------------------------------


def twenty_steps() -> queries.ProjectLogic:
    """20 steps over five stages with long statements and crossing links."""
    counts = {"input": 3, "activity": 5, "output": 5, "outcome": 4, "impact": 3}
    rows, number = [], 1
    for stage, count in counts.items():
        for position in reversed(range(count)):  # inserted out of order on purpose
            rows.append(
                {
                    "element_id": number,
                    "stage": stage,
                    "statement": f"Stap {number}: " + "een lange uitspraak over verandering " * 3,
                    "evidence": ("research", "practice", "assumption")[number % 3],
                    "position": position,
                    "indicators": 1,
                    "measured": number % 2,
                    "avg_progress": 0.5 if number % 2 else None,
                    "avg_expected": 0.6 if number % 2 else None,
                    "status": "at_risk" if number % 2 else "no_data",
                    "sources": 0,
                }
            )
            number += 1
    elements = queries.typed_frame(rows, queries.ELEMENT_COLUMNS)
    by_stage = {s: list(elements[elements.stage == s].element_id) for s in counts}
    links = [
        {"from_element_id": a, "to_element_id": b, "sources": (a + b) % 2}
        for left, right in zip(list(counts)[:-1], list(counts)[1:], strict=True)
        for a in by_stage[left]
        for b in by_stage[right][::2]
    ]
    return queries.ProjectLogic(
        project_id=7,
        name="Twintig stappen",
        organisation="vzw Test",
        as_of=dt.date(2026, 1, 1),
        elements=elements,
        links=queries.typed_frame(links, queries.LINK_COLUMNS),
        indicators=queries.typed_frame([], queries.LOGIC_INDICATOR_COLUMNS),
        sources=queries.typed_frame([], queries.SOURCE_COLUMNS),
    )


def test_chl020_twenty_steps_get_distinct_positions_in_stage_columns():
    logic = twenty_steps()
    positions = diagram.node_positions(logic.elements)
    assert len(positions) == 20
    assert len({(p["x"], p["y"]) for p in positions.values()}) == 20
    stage_of = dict(zip(logic.elements.element_id, logic.elements.stage, strict=True))
    columns = {}
    for element_id, point in positions.items():
        columns.setdefault(stage_of[element_id], set()).add(point["x"])
    assert all(len(xs) == 1 for xs in columns.values())
    xs = [next(iter(columns[stage])) for stage in diagram.STAGES]
    assert xs == sorted(xs) and len(set(xs)) == 5
    # Within a column, by position; nodes never overlap.
    activity = logic.elements[logic.elements.stage == "activity"].sort_values("position")
    ys = [positions[e]["y"] for e in activity.element_id]
    assert ys == sorted(ys)
    assert min(b - a for a, b in zip(ys, ys[1:], strict=False)) >= diagram.NODE_HEIGHT
    assert diagram.COLUMN_WIDTH - diagram.NODE_WIDTH >= 40


def test_chl021_elements_carry_status_evidence_badge_and_arrows():
    logic = twenty_steps()
    elements = diagram.cytoscape_elements(logic, "en")
    headers = [e for e in elements if "stage-header" in e.get("classes", "")]
    nodes = [e for e in elements if "step" in e.get("classes", "").split()]
    edges = [e for e in elements if "source" in e["data"]]
    assert [h["data"]["label"] for h in headers] == [
        "INPUT",
        "ACTIVITIES",
        "OUTPUTS",
        "OUTCOMES",
        "IMPACT",
    ]
    assert len(nodes) == 20 and len(edges) == len(logic.links)
    first = next(n for n in nodes if n["data"]["id"] == "1")
    assert "evidence-practice" in first["classes"] and "status-at_risk" in first["classes"]
    assert first["data"]["label"].startswith("[P] ")
    assert first["data"]["label"].endswith("\n50\xa0% · at risk")
    second = next(n for n in nodes if n["data"]["id"] == "2")
    assert "status-no_data" in second["classes"] and second["data"]["label"].endswith("no data")
    assert all(
        len(line) <= diagram.STATEMENT_CHARS + 4 for line in first["data"]["label"].split("\n")[:-1]
    )
    assert first["data"]["label"].count("\n") <= diagram.STATEMENT_LINES
    styles = {rule["selector"]: rule["style"] for rule in diagram.stylesheet()}
    assert styles["node.evidence-assumption"]["border-style"] == "dashed"
    assert styles["node.evidence-research"]["border-style"] == "solid"
    assert styles["node.status-off_track"]["background-color"] == "#CC3311"
    assert styles["edge.link"]["target-arrow-shape"] == "triangle"


def test_chl022_the_diagram_component_uses_pattern_ids_per_prefix():
    logic = twenty_steps()
    tree = diagram.diagram(logic, "nl", "elders")
    found = as_json(tree)
    assert json.dumps(ids.diagram_part(ids.DIAGRAM_GRAPH, "elders", 7)) in found
    assert json.dumps(ids.diagram_part(ids.DIAGRAM_DETAILS, "elders", 7)) in found
    empty = logic.__class__(**{**logic.__dict__, "elements": logic.elements[:0]})
    assert "nog geen veranderingslogica" in as_json(diagram.diagram(empty, "nl", "x"))


def test_chl023_details_list_indicators_and_sources(chain):
    p1 = chain["projects"][0]
    logic = queries.project_logic(chain["engine"], Viewer.admin(), p1, AS_OF)
    output = int(logic.elements.element_id[0])
    text = as_json(diagram.element_details(logic, str(output), "en"))
    for expected in ("Deelnemers", "Achieved", "Steunpunt Onderwijsonderzoek", "Research"):
        assert expected in text
    assert "https://example.org/studie" in text
    assert "Sources for the link with" in text  # the output → outcome link's practice source
    unknown = as_json(diagram.element_details(logic, "99999", "en"))
    assert "This step was not found." in unknown


# --- figures -----------------------------------------------------------------------------


def test_chl030_figures_show_desired_and_realised_per_stage(chain):
    frame = queries.stage_progress(chain["engine"], Viewer.admin(), PortfolioFilter(), AS_OF)
    figure = view.stages_figure(frame, "en")
    desired, realised = figure.data
    assert desired.name.startswith("Desired") and realised.name == "Realised"
    assert realised.x[1] == pytest.approx(20.0)  # outcome: (10 % + 30 %) / 2
    assert "2 of 3 indicators measured, in 3 projects" in realised.y[1]
    status = view.status_figure(frame, "en")
    assert [trace.name for trace in status.data][0] == "Achieved"
    network = queries.stage_progress(chain["engine"], Viewer.network(), PortfolioFilter(), AS_OF)
    hidden = view.stages_figure(network, "en")
    assert "Too few projects to show" in hidden.data[1].y[2]
    assert hidden.data[1].x[2] is None


# --- callbacks as functions --------------------------------------------------------------


def test_chl040_portfolio_outputs_for_each_role(chain):
    engine = chain["engine"]
    admin = cl_callbacks.portfolio_outputs(engine, Viewer.admin(), PortfolioFilter(), "nl", AS_OF)
    assert "Taalkracht Gent" in as_json(admin["weak"])
    network = cl_callbacks.portfolio_outputs(
        engine, Viewer.network(), PortfolioFilter(), "nl", AS_OF
    )
    weak = as_json(network["weak"])
    assert "Taalkracht" not in weak and "Jobkans" not in weak


def test_chl041_project_part_answers_hidden_and_missing_alike(chain):
    engine = chain["engine"]
    p1, _, p3 = chain["projects"]
    north = Viewer.funder(chain["north"])

    def shown(project_id, requested=""):
        part = cl_callbacks.project_part(engine, north, project_id, requested, "nl", AS_OF)
        return as_json(part)

    assert "Taalkracht Gent" in shown(p1)
    assert shown(p3, str(p3)) == shown(MISSING, str(MISSING)) == shown(None, "abc")
    assert "niet gevonden" in shown(p3, str(p3))
    assert "Kies hierboven" in shown(None, "")


def test_chl042_details_callback_rechecks_the_project(chain):
    engine = chain["engine"]
    p1, _, p3 = chain["projects"]
    lead = Viewer.project(p1)
    e3 = chain["weak"][1]  # a step of p3

    def details(project, element):
        tree = diagram_callbacks.details_for(engine, lead, project, element, "nl", AS_OF)
        return as_json(tree)

    assert "Taalniveau" in details(p1, chain["weak"][0])
    assert details(p3, e3) == details(MISSING, e3) == details("x", e3)
    # A step of another project named with one's own project: just "not found".
    assert "Deelnemers vinden duurzaam werk" not in details(p1, e3)


# --- HTTP --------------------------------------------------------------------------------


def _app(url: str, viewer: Viewer):
    from dashboard.app import create_app

    return create_app(Settings(database_url=url), viewer_for_request=lambda: viewer)


def _callback_key(app, needle: str) -> str:
    return next(key for key in app.callback_map if needle in key)


def _post(app, body) -> dict:
    response = app.server.test_client().post("/_dash-update-component", json=body)
    assert response.status_code in (200, 204), response.get_data(as_text=True)[:300]
    return response.get_json()["response"] if response.status_code == 200 else {}


def show_project_body(app, value, requested=""):
    return {
        "output": _callback_key(app, f"{ids.CL_PROJECT_LOGIC}.children"),
        "outputs": {"id": ids.CL_PROJECT_LOGIC, "property": "children"},
        "inputs": [{"id": ids.CL_PROJECT, "property": "value", "value": value}],
        "state": [
            {"id": ids.CL_REQUESTED, "property": "data", "value": requested},
            {"id": ids.LANG_STORE, "property": "data", "value": "nl"},
        ],
        "changedPropIds": [f"{ids.CL_PROJECT}.value"],
    }


def details_body(app, project, element):
    def part(kind):
        return ids.diagram_part(kind, view.DIAGRAM_PREFIX, project)

    return {
        "output": _callback_key(
            app, json.dumps(part(ids.DIAGRAM_DETAILS), separators=(",", ":")).split(',"project"')[0]
        ),
        "outputs": [
            {"id": part(ids.DIAGRAM_DETAILS), "property": "children"},
            {"id": part(ids.DIAGRAM_STEP), "property": "value"},
        ],
        "inputs": [
            {
                "id": part(ids.DIAGRAM_GRAPH),
                "property": "tapNodeData",
                "value": {"id": str(element)},
            },
            {"id": part(ids.DIAGRAM_STEP), "property": "value", "value": None},
        ],
        "state": [
            {"id": part(ids.DIAGRAM_GRAPH), "property": "id", "value": part(ids.DIAGRAM_GRAPH)},
            {"id": ids.LANG_STORE, "property": "data", "value": "nl"},
        ],
        "changedPropIds": [json.dumps(part(ids.DIAGRAM_GRAPH)) + ".tapNodeData"],
    }


@pytest.fixture
def served(tmp_path):
    path = tmp_path / "cl.db"
    engine = sqlite_engine(path)
    world = build_chain(Portfolio(engine))
    engine.dispose()
    return f"sqlite:///{path}", world


def test_chl050_http_a_lead_gets_the_same_answer_for_hidden_and_missing_projects(served):
    url, world = served
    p1, _, p3 = world["projects"]
    app = _app(url, Viewer.project(p1))
    own = _post(app, show_project_body(app, p1))
    assert "Taalkracht Gent" in json.dumps(own)
    hidden = _post(app, show_project_body(app, p3))
    missing = _post(app, show_project_body(app, MISSING))
    assert hidden == missing
    assert "Jobkans" not in json.dumps(hidden)


def test_chl051_http_a_forged_details_request_reveals_nothing(served):
    url, world = served
    p1, _, p3 = world["projects"]
    e1, e3 = world["weak"]
    app = _app(url, Viewer.funder(world["north"]))
    own = _post(app, details_body(app, p1, e1))
    assert "Taalniveau" in json.dumps(own)
    forged = _post(app, details_body(app, p3, e3))
    missing = _post(app, details_body(app, MISSING, e3))
    text = json.dumps(forged)
    assert "Deelnemers vinden duurzaam werk" not in text and "Jobkans" not in text
    assert json.dumps(forged).replace(str(p3), "P") == json.dumps(missing).replace(
        str(MISSING), "P"
    )


def test_chl052_http_the_page_is_served_and_listed(served):
    url, world = served
    app = _app(url, Viewer.admin())
    client = app.server.test_client()
    assert client.get("/change-logic?project=1").status_code == 200
    body = {
        "output": _callback_key(app, "page-content.children"),
        "outputs": [
            {"id": "page-content", "property": "children"},
            {"id": "lang-store", "property": "data"},
            {"id": "query-store", "property": "data"},
            {"id": "title-store", "property": "data"},
        ],
        "inputs": [
            {"id": "url", "property": "pathname", "value": "/change-logic"},
            {"id": "url", "property": "search", "value": f"?project={world['projects'][0]}"},
        ],
        "changedPropIds": ["url.pathname"],
    }
    response = _post(app, body)
    assert "Veranderingslogica" in response["title-store"]["data"]
    # The project in the link is handed to the callbacks, which check it.
    assert f'"data": "{world["projects"][0]}"' in json.dumps(response["page-content"])
