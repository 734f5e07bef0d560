"""Faults: an unreachable database at start, a restarted PostgreSQL, a busy SQLite writer,
backups while the app runs, and a callback that fails."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import threading
import time

import pytest
from dash import Input, Output, State, dcc, html
from sqlalchemy import Engine, make_url, text

from components import ids
from components.i18n import t
from dashboard import cli
from dashboard.app import create_app
from dashboard.config import Settings
from dashboard.page import Page
from dashboard.pages import PAGES
from data_access.viewer import Viewer
from tests.conftest import POSTGRES_URL, PostgresSchema, sqlite_engine
from tests.factory import Portfolio
from tests.test_app import callback_outputs, portfolio_request

THIS_YEAR = dt.date.today().year


def three_projects(engine: Engine) -> None:
    """Three projects in three themes, two funders, one measurement each."""
    portfolio = Portfolio(engine)
    north, south = portfolio.funder("Fonds Noord"), portfolio.funder("Fonds Zuid")
    start, end = dt.date(THIS_YEAR - 2, 1, 1), dt.date(THIS_YEAR + 2, 1, 1)
    for name, theme, sub_theme, funder in [
        ("Buurtkeuken", "people", "health", north),
        ("Repair Café", "environment", "circular", south),
        ("Taalcafé", "society", "inclusion", north),
    ]:
        project = portfolio.project(name, theme=theme, sub_theme=sub_theme, start=start, end=end)
        portfolio.grant(funder, project, 50_000, awarded=start)
        indicator = portfolio.indicator(
            project, baseline=0, target=400, baseline_date=start, target_date=end
        )
        portfolio.measure(indicator, dt.date(THIS_YEAR - 1, 12, 31), 150)


def answered_with_figures(app, client, theme: list[str], projects: str) -> None:
    """A portfolio request for ``theme`` answers with its key figures and charts."""
    request = portfolio_request(app, **{"filter-theme": theme})
    response = client.post("/_dash-update-component", json=request)
    assert response.status_code == 200
    body = response.get_json()["response"]
    assert body["portfolio-error"]["children"] is None  # no "could not be loaded" alert
    assert body["kpi-projects"]["children"][0]["props"]["children"] == projects
    assert body["graph-themes"]["figure"]["data"]


# --- 1. an unreachable database at start ---------------------------------------------------


@pytest.mark.parametrize("command", [["serve", "--no-demo"], ["db", "upgrade"]], ids=" ".join)
@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("postgresql://postgres@127.0.0.1:1/x", "postgresql://postgres@127.0.0.1:1/x"),
        ("sqlite:////nonexistent/dir/x.db", "the folder /nonexistent/dir does not exist"),
    ],
    ids=["postgresql", "sqlite"],
)
def test_flt001_an_unreachable_database_at_start_is_one_line(
    monkeypatch, capsys, command, url, named
):
    served = []
    monkeypatch.setattr("dash.Dash.run", lambda self, **kwargs: served.append(kwargs))
    assert cli.main([*command, "--database-url", url]) == 1
    captured = capsys.readouterr()
    assert served == [] and captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("filantrimpact: OperationalError: ")
    assert named in lines[0]
    assert "Traceback" not in captured.err and "sqlalche.me" not in captured.err


# --- 2. PostgreSQL restarted while the app runs ---------------------------------------------


@pytest.mark.postgres
def test_flt002_the_app_reconnects_after_postgresql_dropped_its_connections():
    schema = PostgresSchema()
    app_name = f"flt002_{schema.name}"
    url = (
        make_url(POSTGRES_URL)
        .update_query_dict(
            {"options": f"-csearch_path={schema.name}", "application_name": app_name}
        )
        .render_as_string(hide_password=False)
    )
    app = None
    try:
        three_projects(schema.engine)
        app = create_app(Settings(database_url=url), viewer_for_request=Viewer.admin)
        client = app.server.test_client()
        answered_with_figures(app, client, [], "3")

        with schema.admin.begin() as conn:
            killed = conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE pid <> pg_backend_pid() AND datname = current_database() "
                    "AND application_name = :name"
                ),
                {"name": app_name},
            ).all()
        assert killed and all(ok for (ok,) in killed)
        until_gone(schema.admin, app_name)

        # A filter not asked before, so the answer comes from the database, not a cache.
        answered_with_figures(app, client, ["people"], "1")
    finally:
        if app is not None:
            app.server.extensions["filantrimpact"]["engine"].dispose()
        schema.drop()


def until_gone(admin: Engine, app_name: str, timeout: float = 10.0) -> None:
    """Wait until PostgreSQL has ended every session of ``app_name`` (termination is a signal
    the backend acts on a moment later)."""
    deadline = time.monotonic() + timeout
    while True:
        with admin.connect() as conn:
            left = conn.scalar(
                text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :name"),
                {"name": app_name},
            )
        if not left:
            return
        assert time.monotonic() < deadline, f"{left} sessions of {app_name} still open"
        time.sleep(0.05)


# --- 3. SQLite: reads while a writer holds a write transaction ------------------------------

BIG_INSERT = """
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)
INSERT INTO funder (name, kind, named_to_network) SELECT 'Importfonds ' || i, 'family', 1 FROM n
"""


def test_flt003_sqlite_reads_go_on_while_a_writer_holds_its_transaction(tmp_path):
    path = tmp_path / "busy.db"
    engine = sqlite_engine(path)
    three_projects(engine)
    engine.dispose()
    # A short lock timeout: a read that had to wait for the writer would fail, not stall.
    app = create_app(
        Settings(database_url=f"sqlite:///{path}", db_lock_timeout=0.2),
        viewer_for_request=Viewer.admin,
    )
    client = app.server.test_client()
    writing, release, failures = threading.Event(), threading.Event(), []

    def writer() -> None:
        connection = sqlite3.connect(path, isolation_level=None, timeout=5)
        try:
            # A small page cache spills the insert into the file mid-transaction, as a big
            # import does; without WAL that would lock every reader out.
            connection.execute("PRAGMA cache_size = 10")
            connection.execute("BEGIN IMMEDIATE")
            connection.execute(BIG_INSERT)
            writing.set()
            release.wait(timeout=30)
            connection.execute("ROLLBACK")
        except Exception as error:  # reported to the test below
            failures.append(error)
        finally:
            writing.set()
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert writing.wait(timeout=30) and not failures, failures
        probe = sqlite3.connect(path, isolation_level=None, timeout=0)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            probe.execute("BEGIN IMMEDIATE")  # the writer really holds the write lock
        probe.close()
        for theme, projects in [([], "3"), (["people"], "1"), (["society", "people"], "2")]:
            answered_with_figures(app, client, theme, projects)
    finally:
        release.set()
        thread.join(timeout=30)
        app.server.extensions["filantrimpact"]["engine"].dispose()
    assert not failures, failures


# --- 4. db backup ---------------------------------------------------------------------------


def row_counts(path) -> dict[str, int]:
    connection = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in tables
        }
    finally:
        connection.close()


def test_flt004_sqlite_backup_is_a_consistent_copy_and_never_overwrites(tmp_path, capsys):
    source = tmp_path / "live.db"
    engine = sqlite_engine(source)
    three_projects(engine)
    target = tmp_path / "copy.db"
    with engine.connect() as reader:  # the app may be reading meanwhile
        reader.execute(text("SELECT count(*) FROM measurement")).scalar()
        code = cli.main(["db", "backup", str(target), "--database-url", f"sqlite:///{source}"])
    engine.dispose()
    assert code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"wrote {target} (") and out.rstrip().endswith(str(source))

    counts = row_counts(target)
    assert counts == row_counts(source)
    assert counts["project"] == 3 and counts["measurement"] == 3
    assert counts["alembic_version"] == 1
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    copy.close()

    written = target.read_bytes()
    assert cli.main(["db", "backup", str(target), "--database-url", f"sqlite:///{source}"]) == 1
    err = capsys.readouterr().err
    assert err == f"filantrimpact: {target} already exists; choose a new file name\n"
    assert target.read_bytes() == written

    missing = tmp_path / "missing.db"
    assert cli.main(["db", "backup", str(tmp_path / "b.db"), "--database-url",
                     f"sqlite:///{missing}"]) == 1  # fmt: skip
    assert "there is no database at" in capsys.readouterr().err
    assert not missing.exists() and not (tmp_path / "b.db").exists()


def test_flt004_postgresql_backup_points_to_pg_dump(tmp_path, capsys):
    target = tmp_path / "pg.dump"
    url = "postgresql://postgres@db-host:5432/filantrimpact"
    assert cli.main(["db", "backup", str(target), "--database-url", url]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    assert "pg_dump" in lines[0] and lines[0].endswith(" filantrimpact")
    assert not target.exists()


# --- 5. a callback that fails ---------------------------------------------------------------


def faulty_layout(lang, filter_bar=None, query=None):
    return html.Div(
        [
            html.Button(id="fault-button"),
            dcc.Store(id="fault-secret"),
            html.Div(id="fault-single"),
            html.Div(id="fault-text"),
            dcc.Graph(id="fault-graph"),
            html.Div(id="fault-dict-text"),
            dcc.Graph(id="fault-dict-graph"),
            html.Div(id="fault-ok"),
        ],
        id="fault-page",
    )


def register_faulty(app, context):
    @app.callback(Output("fault-single", "children"), Input("fault-button", "n_clicks"))
    def single(_clicks):
        raise RuntimeError("secret internals")

    @app.callback(
        Output("fault-text", "children"),
        Output("fault-graph", "figure"),
        Output("fault-page", "title"),
        Input("fault-button", "n_clicks"),
        State(ids.LANG_STORE, "data"),
        State("fault-secret", "data"),
    )
    def several(_clicks, _lang, _secret):
        raise RuntimeError("secret internals")

    @app.callback(
        output={
            "text": Output("fault-dict-text", "children"),
            "graph": Output("fault-dict-graph", "figure"),
        },
        inputs={"clicks": Input("fault-button", "n_clicks")},
        state={"lang": State(ids.LANG_STORE, "data")},
    )
    def keyed(clicks, lang):
        raise KeyError("secret internals")

    @app.callback(Output("fault-ok", "children"), Input("fault-button", "n_clicks"))
    def still_fine(clicks):
        return f"clicked {clicks}"


FAULTY = Page(path="/fault", title_key="Fouten", layout=faulty_layout, register=register_faulty)


def fault_request(app, output_prop: str, lang: str | None = None) -> dict:
    output, outputs = callback_outputs(app, output_prop)
    state = [{"id": "fault-secret", "property": "data", "value": "jan.peeters@example.org"}]
    return {
        "output": output,
        "outputs": outputs,
        "inputs": [{"id": "fault-button", "property": "n_clicks", "value": 1}],
        "state": ([{"id": ids.LANG_STORE, "property": "data", "value": lang}] if lang else [])
        + (state if "fault-text" in output else []),
        "changedPropIds": ["fault-button.n_clicks"],
    }


@pytest.fixture
def faulty_app(tmp_path):
    sqlite_engine(tmp_path / "faults.db").dispose()
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'faults.db'}", language="fr")
    return create_app(settings, viewer_for_request=Viewer.admin, pages=(*PAGES, FAULTY))


@pytest.mark.parametrize(
    ("output_prop", "lang", "alert_id", "graph_id"),
    [
        ("fault-single.children", None, "fault-single", None),  # no language: the app's
        ("fault-text.children", "en", "fault-text", "fault-graph"),
        ("fault-dict-text.children", "nl", "fault-dict-text", "fault-dict-graph"),
    ],
    ids=["single", "several", "dict"],
)
def test_flt005_a_failing_callback_shows_a_message_and_is_logged_with_context(
    faulty_app, caplog, output_prop, lang, alert_id, graph_id
):
    client = faulty_app.server.test_client()
    message = t("error.data", lang or "fr")
    with caplog.at_level(logging.ERROR, logger="callbacks.errors"):
        response = client.post(
            "/_dash-update-component", json=fault_request(faulty_app, output_prop, lang)
        )
    assert response.status_code == 200
    raw = response.get_data(as_text=True)
    assert "Traceback" not in raw and "secret" not in raw and "Error" not in raw
    body = response.get_json()["response"]
    alert = body[alert_id]["children"]
    assert alert["type"] == "Alert" and alert["props"]["color"] == "warning"
    assert alert["props"]["children"] == message
    if graph_id:
        annotations = body[graph_id]["figure"]["layout"]["annotations"]
        assert annotations[0]["text"] == message
    assert "fault-page" not in body  # the title is left as it was

    logged = [record for record in caplog.records if record.name == "callbacks.errors"]
    assert len(logged) == 1 and logged[0].exc_info is not None
    assert f"{alert_id}.children" in logged[0].getMessage()
    assert "fault-button.n_clicks (int)" in logged[0].getMessage()
    assert "jan.peeters" not in caplog.text  # values stay out of the log

    other = client.post(
        "/_dash-update-component", json=fault_request(faulty_app, "fault-ok.children")
    )
    assert other.get_json()["response"]["fault-ok"]["children"] == "clicked 1"
