"""Measurements and stories entered by hand: validated, scoped, written whole or not at all;
and the forms on the Project page over HTTP, forged requests included."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select, update

from dashboard.app import create_app
from dashboard.config import Settings
from data_access import entries, scope
from data_access.models import Indicator, Measurement, Story
from data_access.viewer import Viewer
from tests.conftest import sqlite_engine
from tests.factory import TODAY, Portfolio
from tests.test_app import callback_outputs, navbar_request, route_request

Q1 = dt.date(2026, 3, 31)


@pytest.fixture
def two_projects(portfolio):
    """Two projects with a number, a percentage and a qualitative indicator on the first."""
    mine, theirs = portfolio.project("Buurtkeuken"), portfolio.project("Geheim Project")
    return {
        "mine": mine,
        "theirs": theirs,
        "number": portfolio.indicator(mine, baseline=0, target=400),
        "share": portfolio.indicator(mine, kind="percentage", unit="percent", target=80),
        "story": portfolio.indicator(
            mine, kind="qualitative", unit="text", baseline=None, target=None
        ),
        "their_number": portfolio.indicator(theirs),
    }


def count(engine, model) -> int:
    with engine.connect() as conn:
        return scope.trusted(conn).execute(select(func.count()).select_from(model)).scalar_one()


def stored(engine, model, **where):
    with engine.connect() as conn:
        conditions = [getattr(model, key) == value for key, value in where.items()]
        return scope.trusted(conn).execute(select(model).where(*conditions)).all()


def add(engine, viewer, indicator_id, **fields):
    fields = {"period_end": "31/03/2026", "entered_by": "Lies", "today": TODAY, **fields}
    return entries.add_measurement(engine, viewer, indicator_id=indicator_id, **fields)


def test_ent001_a_measurement_is_written_with_its_rollups(engine, two_projects):
    lead = Viewer.project(two_projects["mine"])
    assert add(engine, lead, two_projects["number"], value="1.234,0", source="Lijsten") == []

    (row,) = stored(engine, Measurement)
    assert (row.value, row.period_end, row.source, row.entered_by) == (1234, Q1, "Lijsten", "Lies")
    assert row.entered_at is not None
    (indicator,) = stored(engine, Indicator, id=two_projects["number"])
    assert (indicator.latest_value, indicator.latest_period_end) == (1234, Q1)


def test_ent002_a_percentage_keeps_its_parts_and_a_text_its_words(engine, two_projects):
    lead = Viewer.project(two_projects["mine"])
    assert add(engine, lead, two_projects["share"], numerator="42", denominator="60") == []
    assert add(engine, lead, two_projects["story"], text="Meer buren komen koken.") == []

    (share,) = stored(engine, Measurement, indicator_id=two_projects["share"])
    assert (share.numerator, share.denominator, share.value) == (42, 60, pytest.approx(70.0))
    (words,) = stored(engine, Measurement, indicator_id=two_projects["story"])
    assert (words.text, words.value) == ("Meer buren komen koken.", None)


def test_ent003_one_value_per_indicator_and_period(engine, two_projects):
    admin = Viewer.admin()
    assert add(engine, admin, two_projects["number"], value="10") == []
    problems = add(engine, admin, two_projects["number"], value="20", period_end="2026-03-31")

    assert [(p.field, p.reason) for p in problems] == [("period_end", "entries.duplicate")]
    assert [row.value for row in stored(engine, Measurement)] == [10.0]


@pytest.mark.parametrize(
    "viewer", [lambda ids: Viewer.project(ids["mine"]), lambda _: Viewer.network()]
)
def test_ent004_another_projects_indicator_is_refused(engine, two_projects, viewer):
    problems = add(engine, viewer(two_projects), two_projects["their_number"], value="5")

    assert [(p.field, p.reason) for p in problems] == [("indicator", "entries.not_writable")]
    assert count(engine, Measurement) == 0
    assert "Geheim" not in repr(problems)


def test_ent005_a_story_is_saved_only_on_the_viewers_project(engine, two_projects):
    lead = Viewer.project(two_projects["mine"])
    story = {"period_end": "30/06/2026", "title": "Zomer", "text": "Veel volk.", "author": "Lies"}
    assert entries.add_story(engine, lead, project_id=two_projects["mine"], **story) == []
    again = entries.add_story(engine, lead, project_id=two_projects["mine"], **story)
    theirs = entries.add_story(engine, lead, project_id=two_projects["theirs"], **story)

    assert [p.reason for p in again] == ["entries.duplicate_story"]
    assert [p.reason for p in theirs] == ["entries.not_writable"]
    ((title, author),) = [(row.title, row.author) for row in stored(engine, Story)]
    assert (title, author) == ("Zomer", "Lies")


def test_ent006_invalid_input_lists_every_problem_and_writes_nothing(engine, two_projects):
    lead = Viewer.project(two_projects["mine"])
    problems = add(
        engine,
        lead,
        two_projects["number"],
        period_end="31/12/2026",
        value="1,2,3",
        text="niet voor getallen",
        source="=HYPERLINK()",
    )
    story = entries.add_story(
        engine, lead, project_id=None, period_end="x", title="", text="-", author="Lies"
    )

    assert {(p.field, p.reason) for p in problems} == {
        ("period_end", "validation.date_in_future"),
        ("value", "validation.not_a_number"),
        ("text", "entries.not_for_kind"),
        ("source", "validation.formula"),
    }
    assert [p.field for p in story] == ["project", "period_end", "title", "story"]
    assert count(engine, Measurement) == count(engine, Story) == 0


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"numerator": "61", "denominator": "60"}, {("numerator", "numerator_above_denominator")}),
        ({"numerator": "1", "denominator": "0"}, {("denominator", "not_positive")}),
        (
            {"numerator": "", "denominator": ""},
            {("numerator", "required"), ("denominator", "required")},
        ),
    ],
)
def test_ent007_a_percentage_needs_a_part_of_a_whole(engine, two_projects, fields, expected):
    problems = add(engine, Viewer.admin(), two_projects["share"], **fields)
    assert {(p.field, p.reason.split(".")[1]) for p in problems} == expected


@pytest.mark.parametrize(
    ("value", "reason"), [("-3", "validation.negative"), ("12,5", "validation.not_a_whole_number")]
)
def test_ent012_people_are_counted_in_whole_non_negative_numbers(
    engine, two_projects, value, reason
):
    problems = add(engine, Viewer.admin(), two_projects["number"], value=value)
    assert [(p.field, p.reason) for p in problems] == [("value", reason)]


def test_ent008_reads_show_only_projects_the_viewer_may_write(engine, two_projects):
    lead = Viewer.project(two_projects["mine"])
    add(engine, Viewer.admin(), two_projects["their_number"], value="5")

    assert entries.project_options(engine, lead) == [(two_projects["mine"], "Buurtkeuken")]
    assert len(entries.indicators(engine, lead, two_projects["mine"])) == 3
    assert entries.indicators(engine, lead, two_projects["theirs"]).empty
    assert entries.recent_measurements(engine, lead, two_projects["theirs"]).empty
    assert entries.project_options(engine, Viewer.funder(1)) == []


# --- over HTTP -----------------------------------------------------------------------------


@pytest.fixture
def site(tmp_path):
    """A SQLite file with the two projects; ``site(viewer)`` serves the app as that viewer."""
    engine = sqlite_engine(tmp_path / "entries.db")
    portfolio = Portfolio(engine)
    mine, theirs = portfolio.project("Buurtkeuken"), portfolio.project("Geheim Project")
    ids = {
        "mine": mine,
        "number": portfolio.indicator(mine),
        "theirs": portfolio.indicator(theirs),
        "theirs_project": theirs,
    }
    with engine.begin() as conn:
        conn.execute(update(Indicator).where(Indicator.id == ids["theirs"]).values(name="Geheim"))
    url = f"sqlite:///{tmp_path / 'entries.db'}"

    def serve(viewer: Viewer):
        app = create_app(Settings(database_url=url), viewer_for_request=lambda: viewer)
        return app, app.server.test_client()

    yield serve, ids, engine
    engine.dispose()


def save_request(app, indicator_id, value, lang="nl") -> dict:
    output, outputs = callback_outputs(app, "my-feedback.children")
    states = {
        "lang-store.data": lang,
        "my-indicator.value": indicator_id,
        "my-period-end.value": "2026-03-31",
        "my-value.value": value,
        "my-numerator.value": "",
        "my-denominator.value": "",
        "my-text.value": "",
        "my-source.value": "",
    }
    return {
        "output": output,
        "outputs": outputs,
        "inputs": [{"id": "my-save", "property": "n_clicks", "value": 1}],
        "state": [
            {"id": key.split(".")[0], "property": key.split(".")[1], "value": value}
            for key, value in states.items()
        ],
        "changedPropIds": ["my-save.n_clicks"],
    }


def test_ent009_a_lead_saves_a_measurement_over_http(site):
    serve, ids, engine = site
    app, client = serve(Viewer.project(ids["mine"]))

    response = client.post("/_dash-update-component", json=save_request(app, ids["number"], "12"))
    feedback = json.dumps(response.get_json()["response"]["my-feedback"])
    assert "Opgeslagen: Indicator, periode tot 31/03/2026: 12 personen." in feedback
    assert count(engine, Measurement) == 1


def test_ent010_a_forged_save_for_another_project_writes_and_tells_nothing(site):
    serve, ids, engine = site
    app, client = serve(Viewer.project(ids["mine"]))

    forged = save_request(app, ids["theirs"], "999", lang="en")
    response = client.post("/_dash-update-component", json=forged)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "unknown, or not one of your projects" in body
    assert "Geheim" not in body  # neither the project's nor its indicator's name
    assert count(engine, Measurement) == 0


def navbar_paths(app, client) -> list[str]:
    body = navbar_request(app)
    response = client.post("/_dash-update-component", json=body).get_json()["response"]
    links = response["navbar-links"]["children"]
    return [link["props"]["children"]["props"]["href"].split("?")[0] for link in links]


def entry_hidden(app, client, project_id) -> bool:
    """Whether the Project page hides its forms for this project (as the browser asks)."""
    output, outputs = callback_outputs(app, "project-entry.hidden")
    body = {
        "output": output,
        "outputs": outputs,
        "inputs": [
            {"id": "project-id", "property": "data", "value": str(project_id)},
            {"id": "my-saved", "property": "data", "value": None},
        ],
        "state": [{"id": "lang-store", "property": "data", "value": "nl"}],
        "changedPropIds": ["project-id.data"],
    }
    response = client.post("/_dash-update-component", json=body).get_json()["response"]
    return response["project-entry"]["hidden"]


def test_ent011_the_forms_are_for_leads_and_administrators_only(site):
    serve, ids, _ = site
    lead_app, lead = serve(Viewer.project(ids["mine"]))
    network_app, network = serve(Viewer.network())
    funder_app, funder = serve(Viewer.funder(1))

    assert "/projects" in navbar_paths(lead_app, lead)
    assert "/my-projects" not in navbar_paths(lead_app, lead)  # retired: the forms moved
    page = lead.post(
        "/_dash-update-component", json=route_request(lead_app, f"/projects/{ids['mine']}")
    )
    assert "my-indicator" in json.dumps(page.get_json()["response"]["page-content"])
    assert entry_hidden(lead_app, lead, ids["mine"]) is False
    admin_app, admin = serve(Viewer.admin())
    assert entry_hidden(admin_app, admin, ids["mine"]) is False
    # A funder may read a project it funds, never write to it (no grant here: not even read).
    assert entry_hidden(funder_app, funder, ids["mine"]) is True

    assert "/projects" not in navbar_paths(network_app, network)
    path = f"/projects/{ids['mine']}"
    page = network.post("/_dash-update-component", json=route_request(network_app, path))
    content = json.dumps(page.get_json()["response"]["page-content"])
    assert "Deze pagina bestaat niet." in content and "my-indicator" not in content


def test_ent013_a_lead_sees_the_indicators_of_the_page_s_project_only(site):
    serve, ids, _ = site
    app, client = serve(Viewer.project(ids["mine"]))
    output, outputs = callback_outputs(app, "my-indicator.options")

    def options(project_id):
        body = {
            "output": output,
            "outputs": outputs,
            "inputs": [{"id": "project-id", "property": "data", "value": project_id}],
            "state": [{"id": "lang-store", "property": "data", "value": "nl"}],
            "changedPropIds": ["project-id.data"],
        }
        response = client.post("/_dash-update-component", json=body)
        return response.get_json()["response"]["my-indicator"]["options"]

    assert [option["value"] for option in options(str(ids["mine"]))] == [ids["number"]]
    theirs_project = ids["theirs_project"]
    assert options(str(theirs_project)) == [] == options("abc")


def test_ent030_an_administrator_searches_projects_instead_of_getting_thousands(portfolio, engine):
    names = [f"Project {number:03d}" for number in range(60)] + ["Taalcafé 100% Gent"]
    ids_by_name = {name: portfolio.project(name) for name in names}
    admin = Viewer.admin()

    first = entries.project_options(engine, admin)
    assert len(first) == entries.PROJECT_CHOICES
    assert [name for _, name in entries.project_options(engine, admin, "café 100%")] == [
        "Taalcafé 100% Gent"
    ]
    assert entries.project_options(engine, admin, "100_") == []  # no wildcards from users
    kept = entries.project_options(engine, admin, "Taal", keep=ids_by_name["Project 059"])
    assert [name for _, name in kept] == ["Taalcafé 100% Gent", "Project 059"]
    lead = Viewer.project(ids_by_name["Project 001"])
    assert entries.project_options(engine, lead, "Taal") == []
    assert entries.project_options(engine, lead, keep=ids_by_name["Project 002"]) == [
        (ids_by_name["Project 001"], "Project 001")
    ]
