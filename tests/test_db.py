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
