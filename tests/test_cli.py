"""The filantrimpact command: schema upgrades, demo data, and plain messages on bad input."""

from __future__ import annotations

import io

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, inspect, select

from dashboard import cli
from dashboard.config import Settings
from data_access import accounts
from data_access.db import make_engine
from data_access.demo import DEMO_ACCOUNTS
from data_access.models import Measurement, Project
from tests.factory import Portfolio


def test_cli001_db_upgrade_creates_the_schema(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert cli.main(["db", "upgrade", "--database-url", url]) == 0
    tables = set(inspect(make_engine(url)).get_table_names())
    assert {"funder", "project", "grant", "indicator", "measurement", "story"} <= tables
    assert "schema is up to date" in capsys.readouterr().out
    assert cli.main(["db", "upgrade", "--database-url", url]) == 0  # twice is harmless


def test_cli002_demo_data_fills_an_empty_database_once(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert cli.main(["demo-data", "--size", "small", "--seed", "3", "--database-url", url]) == 0
    assert "loaded small demo data (seed 3)" in capsys.readouterr().out
    engine = make_engine(url)
    with engine.connect() as conn:
        projects = conn.scalar(select(func.count()).select_from(Project))
        measurements = conn.scalar(select(func.count()).select_from(Measurement))
    assert projects > 50
    assert 7_500 <= measurements <= 12_500

    assert cli.main(["demo-data", "--database-url", url]) == 1
    assert "already holds projects" in capsys.readouterr().err
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Project)) == projects


def test_cli003_database_url_comes_from_the_environment(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.setenv("FILANTRIMPACT_DATABASE_URL", url)
    assert Settings.from_env().database_url == url
    assert Settings.from_env(database_url="sqlite:///other.db").database_url == (
        "sqlite:///other.db"
    )
    assert Settings.from_env({}).database_url == "sqlite:///filantrimpact.db"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"FILANTRIMPACT_PRODUCTION": "maybe"}, "FILANTRIMPACT_PRODUCTION='maybe'"),
        ({"FILANTRIMPACT_LANGUAGE": "de"}, "FILANTRIMPACT_LANGUAGE='de' is not supported"),
    ],
)
def test_cli004_bad_settings_are_named(monkeypatch, capsys, env, message):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["db", "upgrade", "--database-url", "sqlite://"])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_cli005_an_unreachable_database_is_a_sentence_not_a_traceback(capsys):
    code = cli.main(["db", "upgrade", "--database-url", "sqlite:////nonexistent/dir/x.db"])
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("filantrimpact: OperationalError")
    assert "Traceback" not in err


def test_cli006_serve_seeds_demo_data_only_when_allowed(tmp_path, monkeypatch):
    """serve upgrades and seeds an empty database, but not in production or with --no-demo."""
    served = []
    monkeypatch.setattr("dash.Dash.run", lambda self, **kwargs: served.append(kwargs))

    def projects(url):
        with make_engine(url).connect() as conn:
            return conn.scalar(select(func.count()).select_from(Project))

    demo = f"sqlite:///{tmp_path / 'serve.db'}"
    assert cli.main(["serve", "--port", "8999", "--database-url", demo]) == 0
    assert served[-1]["port"] == 8999
    assert projects(demo) > 50

    bare = f"sqlite:///{tmp_path / 'bare.db'}"
    assert cli.main(["serve", "--no-demo", "--database-url", bare]) == 0
    assert projects(bare) == 0

    monkeypatch.setenv("FILANTRIMPACT_PRODUCTION", "1")
    monkeypatch.setenv("FILANTRIMPACT_SECRET_KEY", "s" * 32)
    production = f"sqlite:///{tmp_path / 'production.db'}"
    assert cli.main(["serve", "--database-url", production]) == 0
    assert projects(production) == 0
    assert served[-1]["debug"] is False


def test_cli007_db_refresh_rebuilds_derived_data(tmp_path, capsys):
    """Measurements written behind the app's back show up after `db refresh`."""
    from sqlalchemy import delete, update

    from data_access.models import Indicator, ProgressByQuarter

    url = f"sqlite:///{tmp_path / 'refresh.db'}"
    assert cli.main(["demo-data", "--database-url", url]) == 0
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(delete(ProgressByQuarter))
        conn.execute(update(Indicator).values(latest_value=None, latest_period_end=None))
    assert cli.main(["db", "refresh", "--database-url", url]) == 0
    assert "derived data recomputed" in capsys.readouterr().out
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(ProgressByQuarter)) > 100
        assert conn.scalar(select(func.count(Indicator.latest_value))) > 100


# --- accounts ------------------------------------------------------------------------------

PASSWORD = "lange-zomeravond-7"


@pytest.fixture
def accounts_db(tmp_path, monkeypatch) -> str:
    """A migrated SQLite database with funders 1 and 2 and project 4 (3 is its organisation);
    passwords hashed cheaply."""
    monkeypatch.setattr(
        accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )
    url = f"sqlite:///{tmp_path / 'accounts.db'}"
    assert cli.main(["db", "upgrade", "--database-url", url]) == 0
    portfolio = Portfolio(make_engine(url))
    assert portfolio.funder("Fonds Een") == 1
    portfolio.funder("Fonds Twee")
    assert portfolio.project("Project Een") == 4
    return url


def users(monkeypatch, url: str, *argv: str, stdin: str | None = None) -> int:
    """Run `filantrimpact users ...` on ``url``, with ``stdin`` as standard input."""
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return cli.main(["users", *argv, "--database-url", url])


def test_cli008_users_add_list_set_password_remove(accounts_db, monkeypatch, capsys):
    url = accounts_db
    add = ["add", "anna", "--role", "funder", "--funder", "1", "--funder", "2"]
    code = users(monkeypatch, url, *add, "--name", "Anna Peeters", "--password-stdin",
                 stdin=PASSWORD + "\n")  # fmt: skip
    assert code == 0
    assert capsys.readouterr().out == "added funder account 'anna'\n"
    assert users(monkeypatch, url, "add", "Lead", "--role", "project", "--project", "4",
                 "--password-stdin", stdin=PASSWORD) == 0  # fmt: skip
    assert users(monkeypatch, url, "add", "beheer", "--role", "admin", "--password-stdin",
                 stdin=PASSWORD + "\r\n") == 0  # fmt: skip
    capsys.readouterr()

    assert users(monkeypatch, url, "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["login", "role", "scope", "status", "name"]
    assert [line.split()[:2] for line in lines[1:]] == [
        ["anna", "funder"],
        ["beheer", "admin"],
        ["lead", "project"],
    ]
    assert "funders 1,2" in lines[1] and lines[1].endswith("Anna Peeters")
    assert "projects 4" in lines[3]
    engine = make_engine(url)
    assert accounts.authenticate(engine, "lead", PASSWORD) is not None
    assert accounts.authenticate(engine, "beheer", PASSWORD) is not None  # "\r\n" stripped

    session_key = accounts.authenticate(engine, "anna", PASSWORD).session_key
    new_password = "koude-winternacht-3"
    assert users(monkeypatch, url, "set-password", "anna", "--password-stdin",
                 stdin=new_password + "\n") == 0  # fmt: skip
    assert "new password set for 'anna'" in capsys.readouterr().out
    assert accounts.load_account(engine, session_key) is None
    assert accounts.authenticate(engine, "anna", new_password) is not None

    assert users(monkeypatch, url, "remove", "anna") == 0
    assert capsys.readouterr().out == "removed account 'anna'\n"
    assert [user["login"] for user in accounts.list_users(engine)] == ["beheer", "lead"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["add", "anna", "--role", "funder", "--funder", "9"], "unknown funder id: 9"),
        (["add", "anna", "--role", "project", "--project", "8"], "unknown project id: 8"),
        (["add", "taken", "--role", "admin"], "login 'taken' is already taken"),
        (["add", "anna", "--role", "funder"], "a funder account needs at least one funder id"),
        (["add", "anna", "--role", "project"], "a project account needs at least one project"),
        (["add", "anna", "--role", "admin", "--funder", "1"], "role admin take no funder ids"),
        (["add", "anna", "--role", "network", "--project", "4"], "take no project ids"),
        (["add", "anna", "--role", "funder", "--funder", "1", "--project", "4"], "no project"),
        (["remove", "nobody"], "no account with login 'nobody'"),
        (["set-password", "nobody"], "no account with login 'nobody'"),
        (["add", "anna", "--role", "admin", "--password-stdin"], "weak password: "),
        (["set-password", "taken", "--password-stdin"], "weak password: "),
        (["add", "anna", "--role", "admin", "--password-stdin"], "no password on standard input"),
        (["add", "bad login", "--role", "admin"], "a login is 1 to 120"),
    ],
)
def test_cli009_refused_account_changes_are_one_line(
    accounts_db, monkeypatch, capsys, argv, message
):
    assert users(monkeypatch, accounts_db, "add", "taken", "--role", "admin",
                 "--password-stdin", stdin=PASSWORD) == 0  # fmt: skip
    capsys.readouterr()
    if "weak password: " in message:
        stdin = "kort\n"
    elif "no password" in message:
        stdin = "\n"
    else:
        stdin = PASSWORD + "\n"
    if "--password-stdin" not in argv and argv[0] != "remove":
        argv = [*argv, "--password-stdin"]
    assert users(monkeypatch, accounts_db, *argv, stdin=stdin) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("filantrimpact: ")
    assert message in captured.err
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert [user["login"] for user in accounts.list_users(make_engine(accounts_db))] == ["taken"]


def test_cli010_without_stdin_the_password_is_asked_twice(accounts_db, monkeypatch, capsys):
    typed = iter([PASSWORD, PASSWORD, PASSWORD, "something-else-9"])
    prompts = []

    def fake_getpass(prompt):
        prompts.append(prompt)
        return next(typed)

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    assert users(monkeypatch, accounts_db, "add", "anna", "--role", "network") == 0
    assert prompts == ["Password: ", "Password again: "]
    assert users(monkeypatch, accounts_db, "set-password", "anna") == 1
    assert "the two passwords differ" in capsys.readouterr().err
    assert accounts.authenticate(make_engine(accounts_db), "anna", PASSWORD) is not None


def test_cli011_users_list_on_an_empty_database(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    assert cli.main(["users", "list", "--database-url", url]) == 0
    assert capsys.readouterr().out == "no accounts yet\n"


def test_cli012_demo_data_and_first_serve_print_the_demo_logins(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("dash.Dash.run", lambda self, **kwargs: None)
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert cli.main(["demo-data", "--database-url", url]) == 0
    printed = capsys.readouterr().out
    assert "for the demo only" in printed
    engine = make_engine(url)
    for login, password in DEMO_ACCOUNTS.items():
        assert f"{login}  " in printed and password in printed
        assert accounts.authenticate(engine, login, password).demo

    assert cli.main(["serve", "--database-url", url]) == 0  # not empty: no demo data loaded
    assert "for the demo only" not in capsys.readouterr().out
    first = f"sqlite:///{tmp_path / 'first.db'}"
    assert cli.main(["serve", "--database-url", first]) == 0
    printed = capsys.readouterr().out
    assert "for the demo only" in printed
    assert all(password in printed for password in DEMO_ACCOUNTS.values())
