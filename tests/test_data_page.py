"""The Data page: its callbacks as functions, then through HTTP with a real login per role —
uploads forged by a network or funder viewer, and a lead's file for another project, write
nothing; the history shows a lead only their own imports; views show what was imported."""

from __future__ import annotations

import base64
import json

import pytest
from sqlalchemy import func, select

from callbacks import data_page as callbacks
from components import ids
from dashboard.app import create_app
from dashboard.config import Settings
from data_access import accounts, importer, scope
from data_access.importer.history import import_history
from data_access.models import ImportBatch, Project
from data_access.viewer import Viewer
from tests.conftest import sqlite_engine
from tests.import_files import checksum, csv_files, good, workbook, zipped
from tests.test_app import callback_outputs, portfolio_request
from tests.test_auth import log_in

PASSWORD = "een-lang-wachtwoord"
ADMIN = callbacks.Importer(Viewer("admin", name="Beheerder"), "admin")


def data_url(data: bytes, kind: str = "application/zip") -> str:
    return f"data:{kind};base64," + base64.b64encode(data).decode()


def lead_rows(project: str = "P1", value: str = "80") -> dict:
    return {
        "measurements": [[project, "I1", "31/03/2026", value, "", "", "", "Lijst", ""]],
        "stories": [[project, "31/03/2026", "Lente", "Een nieuw verhaal.", "An"]],
    }


def lead_file(project: str = "P1", value: str = "80") -> bytes:
    return zipped(csv_files(lead_rows(project, value)))


def batch_count(engine) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(ImportBatch))


def text_of(component) -> str:
    return json.dumps(component.to_plotly_json(), default=lambda o: o.to_plotly_json())


@pytest.fixture
def filled(engine):
    """The good template imported by an administrator; P1's id."""
    report = importer.run(engine, importer.Source("good.xlsx", workbook(good())), ADMIN)
    assert report.status == "imported", report.problems
    with engine.connect() as conn:
        project = scope.trusted(conn).scalar(select(Project.id).where(Project.reference == "P1"))
    return engine, project


# --- callbacks as functions ------------------------------------------------------------------


def test_dat001_an_administrator_checks_then_imports(filled):
    engine, _ = filled
    upload = data_url(lead_file())
    before = checksum(engine)
    shown, wrote = callbacks.import_outcome(engine, ADMIN, upload, "nieuw.zip", True, "en")
    assert not wrote and "Dry run: nieuw.zip" in text_of(shown)
    assert checksum(engine) == before
    shown, wrote = callbacks.import_outcome(engine, ADMIN, upload, "nieuw.zip", False, "nl")
    assert wrote and "Ingelezen: nieuw.zip" in text_of(shown)
    assert "metingen" in text_of(shown) and checksum(engine) != before


@pytest.mark.parametrize("role", ["network", "funder"])
def test_dat002_other_roles_are_refused_without_writing(filled, role):
    engine, _ = filled
    who = callbacks.Importer(Viewer(role, funder_ids=frozenset({1})), role)
    before, batches = checksum(engine), batch_count(engine)
    shown, wrote = callbacks.import_outcome(
        engine, who, data_url(workbook(good())), "x.xlsx", False, "fr"
    )
    assert not wrote and "Vous ne pouvez pas importer" in text_of(shown)
    assert checksum(engine) == before and batch_count(engine) == batches


def test_dat003_a_lead_s_file_for_another_project_writes_nothing(filled):
    engine, project = filled
    lead = callbacks.Importer(Viewer("project", project_ids=frozenset({project})), "lead")
    before = checksum(engine)
    upload = data_url(lead_file("P2"))
    shown, wrote = callbacks.import_outcome(engine, lead, upload, "ander.zip", False, "en")
    text = text_of(shown)
    assert not wrote and "Refused: ander.zip" in text
    assert "not a project you may add data to" in text and "metingen.csv" in text
    assert checksum(engine) == before
    shown, wrote = callbacks.import_outcome(
        engine, lead, data_url(lead_file()), "e.zip", False, "en"
    )
    assert wrote, text_of(shown)


@pytest.mark.parametrize(
    ("contents", "filename", "key"),
    [
        (None, None, "data.upload.choose_first"),
        (12, "x.xlsx", "data.upload.choose_first"),
        ("data:x;base64,AAAA", ["x"], "data.upload.choose_first"),
        ("not a data url", "x.xlsx", "data.upload.unreadable"),
        ("data:x;base64,@@@", "x.xlsx", "data.upload.unreadable"),
        ("data:x;base64," + "A" * (callbacks.MAX_CONTENTS + 1), "x.xlsx", "data.upload.too_large"),
    ],
)
def test_dat004_broken_uploads_are_named(contents, filename, key):
    assert callbacks.decode(contents, filename) == key


def test_dat005_a_file_above_the_importer_s_limit_is_refused_with_the_limit(filled, monkeypatch):
    engine, _ = filled
    data = workbook(good())
    report = importer.run(engine, importer.Source("big.xlsx", data), ADMIN, max_bytes=100)
    assert [p.reason for p in report.problems] == ["import.too_large"]
    monkeypatch.setattr(callbacks, "MAX_CONTENTS", 100)
    shown, wrote = callbacks.import_outcome(engine, ADMIN, data_url(data), "big.xlsx", False, "nl")
    assert not wrote and "te groot: hoogstens 50 MB" in text_of(shown)


def test_dat006_history_admins_see_all_a_lead_their_own(filled):
    engine, project = filled
    lead = Viewer("project", project_ids=frozenset({project}))
    importer.run(engine, importer.Source("mijn.zip", lead_file()), callbacks.Importer(lead, "lea"))
    assert list(import_history(engine, Viewer.admin(), "admin")["filename"]) == [
        "mijn.zip",
        "good.xlsx",
    ]
    assert list(import_history(engine, lead, "lea")["filename"]) == ["mijn.zip"]
    assert import_history(engine, lead, "someone-else").empty
    assert import_history(engine, Viewer.network(), "lea").empty
    assert import_history(engine, Viewer.funder(1), "lea").empty


# --- HTTP, with accounts -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data_page")
    engine = scope.install_guard(sqlite_engine(folder / "data.db"))
    report = importer.run(engine, importer.Source("good.xlsx", workbook(good())), ADMIN)
    assert report.status == "imported", report.problems
    with engine.connect() as conn:
        project = scope.trusted(conn).scalar(select(Project.id).where(Project.reference == "P1"))
    for login, details in {
        "beheer": dict(role="admin"),
        "lea": dict(role="project", project_ids=(project,)),
        "fonds": dict(role="funder", funder_ids=(1,)),
        "netwerk": dict(role="network"),
    }.items():
        accounts.add_user(engine, login, password=PASSWORD, **details)
    app = create_app(Settings(database_url=f"sqlite:///{folder / 'data.db'}"))
    clients = {}
    for login in ("beheer", "lea", "fonds", "netwerk"):
        clients[login] = app.server.test_client()
        assert log_in(clients[login], login, PASSWORD).status_code == 303
    yield app, clients, engine
    engine.dispose()


def upload_body(app, trigger: str, contents, filename, lang: str = "en") -> dict:
    output, outputs = callback_outputs(app, f"{ids.DATA_REPORT}.children...{ids.DATA_DONE}")
    return {
        "output": output,
        "outputs": outputs,
        "inputs": [
            {"id": ids.DATA_CHECK, "property": "n_clicks", "value": 1},
            {"id": ids.DATA_IMPORT, "property": "n_clicks", "value": 1},
        ],
        "state": [
            {"id": ids.DATA_UPLOAD, "property": "contents", "value": contents},
            {"id": ids.DATA_UPLOAD, "property": "filename", "value": filename},
            {"id": ids.LANG_STORE, "property": "data", "value": lang},
        ],
        "changedPropIds": [f"{trigger}.n_clicks"],
    }


def history_body(app, lang: str = "en") -> dict:
    output, outputs = callback_outputs(app, f"{ids.DATA_HISTORY}.children")
    return {
        "output": output,
        "outputs": outputs,
        "inputs": [{"id": ids.DATA_DONE, "property": "data", "value": 1}],
        "state": [{"id": ids.LANG_STORE, "property": "data", "value": lang}],
        "changedPropIds": [f"{ids.DATA_DONE}.data"],
    }


def post(client, body):
    return client.post("/_dash-update-component", json=body)


def test_dat101_the_page_opens_for_admins_and_leads_only(site):
    from tests.test_app import route_request

    app, clients, _ = site
    for login, opens in (("beheer", True), ("lea", True), ("fonds", False), ("netwerk", False)):
        page = post(clients[login], route_request(app, "/data")).get_data(as_text=True)
        assert (ids.DATA_UPLOAD in page) is opens, login
        assert ("Deze pagina bestaat niet." in page) is not opens, login


@pytest.mark.parametrize("login", ["fonds", "netwerk"])
@pytest.mark.parametrize("trigger", [ids.DATA_IMPORT, ids.DATA_CHECK])
def test_dat102_forged_uploads_from_other_roles_write_nothing(site, login, trigger):
    app, clients, engine = site
    before, batches = checksum(engine), batch_count(engine)
    rows = good()
    rows["projects"][0][2] = "Overgenomen"
    body = upload_body(app, trigger, data_url(workbook(rows)), "vals.xlsx")
    response = post(clients[login], body)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "You may not import data" in text and "Overgenomen" not in text
    assert checksum(engine) == before and batch_count(engine) == batches
    history = post(clients[login], history_body(app)).get_data(as_text=True)
    assert "good.xlsx" not in history


def test_dat103_a_lead_s_upload_for_another_project_writes_nothing(site):
    app, clients, engine = site
    before = checksum(engine)
    body = upload_body(app, ids.DATA_IMPORT, data_url(lead_file("P2")), "ander.zip")
    text = post(clients["lea"], body).get_data(as_text=True)
    assert "Refused: ander.zip" in text and "not a project you may add data to" in text
    assert checksum(engine) == before


def test_dat104_a_lead_imports_sees_the_report_and_only_their_history(site):
    app, clients, engine = site
    body = upload_body(app, ids.DATA_IMPORT, data_url(lead_file(value="81")), "lente.zip", "nl")
    text = post(clients["lea"], body).get_data(as_text=True)
    assert "Ingelezen: lente.zip" in text
    own = post(clients["lea"], history_body(app)).get_data(as_text=True)
    assert "lente.zip" in own and "good.xlsx" not in own
    every = post(clients["beheer"], history_body(app)).get_data(as_text=True)
    assert "lente.zip" in every and "lea" in every


def test_dat105_after_an_upload_the_portfolio_shows_the_new_data(site):
    app, clients, engine = site
    client = clients["beheer"]
    before = post(client, portfolio_request(app)).get_data(as_text=True)
    assert post(client, portfolio_request(app)).get_data(as_text=True) == before  # cached
    rows = good()
    rows["measurements"] = [["P2", "I1", "30/06/2026", "4321", "", "", "", "Telling", ""]]
    rows = {"measurements": rows["measurements"]}
    body = upload_body(app, ids.DATA_IMPORT, data_url(zipped(csv_files(rows))), "bomen.zip")
    assert "Imported: bomen.zip" in post(client, body).get_data(as_text=True)
    after = post(client, portfolio_request(app)).get_data(as_text=True)
    assert after != before


def test_dat106_the_template_download_is_for_importers_only(site):
    app, clients, _ = site
    output, outputs = callback_outputs(app, f"{ids.DATA_TEMPLATE_DOWNLOAD}.data")
    body = {
        "output": output,
        "outputs": outputs,
        "inputs": [{"id": ids.DATA_TEMPLATE_BUTTON, "property": "n_clicks", "value": 1}],
        "state": [{"id": ids.LANG_STORE, "property": "data", "value": "nl"}],
        "changedPropIds": [f"{ids.DATA_TEMPLATE_BUTTON}.n_clicks"],
    }
    answer = post(clients["lea"], body).get_json()
    download = answer["response"][ids.DATA_TEMPLATE_DOWNLOAD]["data"]
    assert download["filename"] == "filantrimpact-sjabloon.xlsx" and download["base64"]
    assert base64.b64decode(download["content"])[:2] == b"PK"
    refused = post(clients["netwerk"], body)
    assert refused.status_code in (200, 204) and "base64" not in refused.get_data(as_text=True)


# --- view pieces -----------------------------------------------------------------------------


def test_dat201_times_show_in_belgian_time_and_tables_name_their_cells():
    import pandas as pd

    from components import data_page as view

    assert view.local_time(pd.Timestamp("2026-11-28 10:19")) == "28/11/2026 11:19"
    assert view.local_time(pd.Timestamp("2026-07-01 10:19")) == "01/07/2026 12:19"
    assert view.local_time(pd.NaT) == "–"
    history = pd.DataFrame(
        [
            {
                "id": 1,
                "imported_at": pd.Timestamp("2026-11-28 10:19"),
                "imported_by": "lea",
                "filename": "lente.zip",
                "status": "refused",
                "added": 0,
                "changed": 0,
                "unchanged": 0,
                "problems": 1234,
            }
        ]
    )
    shown = text_of(view.history_view(history, "nl", own_only=True))
    assert "Uw eigen imports" in shown and "geweigerd" in shown and "1.234" in shown
    assert '"data-label": "Bestand"' in shown
    empty = text_of(view.history_view(history.iloc[0:0], "en", own_only=False))
    assert "No imports yet." in empty and "Every import" in empty
