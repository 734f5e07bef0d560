"""The filantrimpact command: schema upgrades, demo data, and plain messages on bad input."""

from __future__ import annotations

import pytest
from sqlalchemy import func, inspect, select

from dashboard import cli
from dashboard.config import Settings
from data_access.db import make_engine
from data_access.models import Measurement, Project


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
