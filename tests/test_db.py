"""The database layer: SQLite settings, constraints, and migrations that match the models."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import insert, inspect, text
from sqlalchemy.exc import IntegrityError

from data_access.db import alembic_config, is_empty, make_engine, upgrade
from data_access.models import Base, Measurement, Project


def test_db001_sqlite_connections_enforce_keys_use_wal_and_wait(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_db002_migrations_create_exactly_the_models(engine):
    """An autogenerate run finds nothing to do: the migrations and the models agree."""
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert differences == []


def test_db003_migrations_go_down_and_up_again(engine):
    command.downgrade(alembic_config(engine), "base")
    assert not inspect(engine).has_table("project")
    upgrade(engine)
    assert inspect(engine).has_table("progress_by_quarter")
    assert is_empty(engine)


def test_db004_bad_rows_are_refused_by_the_database(engine):
    """Constraints hold even for writers that skip the importers' checks."""
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(
            insert(Measurement),
            [
                {
                    "indicator_id": 12345,
                    "period_end": dt.date(2025, 3, 31),
                    "value": 1.0,
                    "source": "",
                    "entered_by": "",
                }
            ],
        )
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(
            insert(Project),
            [
                {
                    "organisation_id": 1,
                    "name": "X",
                    "summary": "",
                    "theme": "sport",
                    "sub_theme": "x",
                    "region": "gent",
                    "start_date": dt.date(2025, 1, 1),
                    "status": "running",
                    "visibility": "network",
                    "lead": "",
                }
            ],
        )
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM measurement")).scalar() == 0


def test_db005_upgrading_a_database_that_holds_data_keeps_it(engine):
    """A database filled under an older schema upgrades with every row kept."""
    from sqlalchemy import func, select

    from data_access.demo import generate, load

    config = alembic_config(engine)
    command.downgrade(config, "0002")
    data = generate("small", seed=5)
    load(engine, data)
    upgrade(engine)
    with engine.connect() as conn:
        projects = conn.scalar(select(func.count()).select_from(Project))
        measurements = conn.scalar(select(func.count()).select_from(Measurement))
    assert (projects, measurements) == (len(data.projects), len(data.measurements))
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            # rebuilt tables got fresh planner statistics
            analysed = conn.exec_driver_sql("SELECT DISTINCT tbl FROM sqlite_stat1").scalars()
            assert {"measurement", "grant", "indicator"} <= set(analysed)


def test_db006_a_failing_migration_leaves_the_old_schema(tmp_path, monkeypatch):
    """Schema changes happen in one transaction, also on SQLite: all or nothing."""
    engine = make_engine(f"sqlite:///{tmp_path / 'half.db'}")
    command.upgrade(alembic_config(engine), "0002")
    tables_before = set(inspect(engine).get_table_names())

    # 0003 creates a table and changes others; make its last step fail.
    monkeypatch.setattr("alembic.op.batch_alter_table", _failing_after(3))
    with pytest.raises(RuntimeError, match="simulated"):
        upgrade(engine)
    engine.dispose()
    assert set(inspect(engine).get_table_names()) == tables_before
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0002"


def _failing_after(calls: int):
    """A stand-in for op.batch_alter_table that works ``calls`` times, then fails."""
    from alembic.operations import Operations

    original = Operations.batch_alter_table
    seen = []

    def batch_alter_table(*args, **kwargs):
        seen.append(args)
        if len(seen) > calls:
            raise RuntimeError("simulated failure halfway")
        from alembic import op

        return original(op._proxy, *args, **kwargs)

    return batch_alter_table
