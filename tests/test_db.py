"""The database layer: SQLite settings, constraints, and migrations that match the models."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import insert, inspect, text
from sqlalchemy.exc import IntegrityError

from data_access import scope
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


def test_db005_upgrading_a_database_that_holds_data_keeps_it(engine, monkeypatch):
    """A database filled under an older schema upgrades with every row kept, and the
    migrations fill the derived data the newer schema adds."""
    from sqlalchemy import func, select

    from data_access import rollups
    from data_access.demo import generate, load
    from data_access.models import ChangeLogicElement, Indicator

    config = alembic_config(engine)
    command.downgrade(config, "0001")
    data = generate("small", seed=5)
    # Today's refresh writes today's columns; the old schema has none of the derived data.
    monkeypatch.setattr(rollups, "refresh", lambda conn, project_ids=None, progress=None: None)
    load(engine, data)
    monkeypatch.undo()
    upgrade(engine)
    with scope.trusted(engine.connect()) as conn:
        projects = conn.scalar(select(func.count()).select_from(Project))
        measurements = conn.scalar(select(func.count()).select_from(Measurement))
    assert (projects, measurements) == (len(data.projects), len(data.measurements))
    with scope.trusted(engine.connect()) as conn:
        migrated = conn.execute(
            select(Indicator.id, Indicator.latest_value, Indicator.latest_sum).order_by(
                Indicator.id
            )
        ).all()
    with engine.begin() as conn:
        rollups.refresh(conn)
    with scope.trusted(engine.connect()) as conn:
        refreshed = conn.execute(
            select(Indicator.id, Indicator.latest_value, Indicator.latest_sum).order_by(
                Indicator.id
            )
        ).all()
    assert migrated == refreshed  # 0002 and 0006 filled what refresh computes today
    with scope.trusted(engine.connect()) as conn:
        bases = dict(conn.execute(select(ChangeLogicElement.id, ChangeLogicElement.evidence)).all())
    # 0008 gave each step its basis through a source, so refresh derives the same basis.
    assert bases == {row["id"]: row["evidence"] for row in data.elements}
    assert any(row.latest_sum for row in migrated)
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


def test_db007_migration_0002_fills_rollups_like_refresh(engine):
    """0002 fills the rollups with its own frozen copy of the SQL: the same as refresh today."""
    import sqlalchemy as sa

    from data_access.db import MIGRATIONS
    from data_access.rollups import refresh

    source = (MIGRATIONS / "versions" / "0002_rollups.py").read_text(encoding="utf-8")
    assert "data_access" not in source, "migrations are history: no imports of live code"

    command.downgrade(alembic_config(engine), "0001")

    def insert_0001(conn, table, *rows):
        """Plain inserts with the columns of revision 0001 (today's models have more)."""
        columns = [
            sa.column(name, sa.Date() if isinstance(value, dt.date) else None)
            for name, value in rows[0].items()
        ]
        conn.execute(sa.insert(sa.table(table, *columns)), list(rows))

    def indicator(number, project_id, direction, kind, baseline, target, start, end):
        return {
            "id": number,
            "element_id": number,
            "project_id": project_id,
            "name": f"Indicator {number}",
            "unit": "persons",
            "direction": direction,
            "measure_kind": kind,
            "accumulation": "cumulative",
            "summable": True,
            "baseline_value": baseline,
            "baseline_date": start,
            "target_value": target,
            "target_date": end,
        }

    def measurement(number, indicator_id, period_end, value, numerator=None, denominator=None):
        return {
            "id": number,
            "indicator_id": indicator_id,
            "period_end": period_end,
            "value": value,
            "numerator": numerator,
            "denominator": denominator,
            "text": None if value is not None else "Verhaal",
            "source": "test",
            "entered_by": "test",
        }

    d = dt.date
    with engine.begin() as conn:
        insert_0001(conn, "organisation", {"id": 1, "name": "vzw Testhuis"})
        insert_0001(
            conn,
            "project",
            *(
                {
                    "id": project_id,
                    "organisation_id": 1,
                    "name": f"Project {project_id}",
                    "summary": "",
                    "theme": "people",
                    "sub_theme": "education",
                    "region": "antwerpen",
                    "start_date": d(2024, 1, 1),
                    "status": "running",
                    "visibility": "network",
                    "lead": "",
                }
                for project_id in (1, 2)
            ),
        )
        insert_0001(
            conn,
            "change_logic_element",
            *(
                {
                    "id": element_id,
                    "project_id": 1 if element_id <= 3 else 2,
                    "stage": "outcome",
                    "statement": "Deelnemers vinden werk",
                    "evidence": "practice",
                    "position": 0,
                }
                for element_id in range(1, 7)
            ),
        )
        insert_0001(
            conn,
            "indicator",
            indicator(1, 1, "increase", "number", 0.0, 100.0, d(2024, 1, 1), d(2028, 1, 1)),
            indicator(2, 1, "decrease", "number", 50.0, 10.0, d(2024, 1, 1), d(2026, 1, 1)),
            indicator(3, 1, "maintain", "percentage", 80.0, 80.0, d(2024, 1, 1), d(2027, 1, 1)),
            indicator(4, 2, "increase", "qualitative", None, None, d(2024, 1, 1), d(2028, 1, 1)),
            # target date on the baseline date: expected progress is 1 throughout
            indicator(5, 2, "increase", "number", 0.0, 10.0, d(2025, 1, 1), d(2025, 1, 1)),
            indicator(6, 2, "increase", "number", 0.0, 10.0, d(2024, 1, 1), d(2028, 1, 1)),
        )
        insert_0001(
            conn,
            "measurement",
            measurement(1, 1, d(2023, 12, 31), -5.0),  # before the baseline, below it
            measurement(2, 1, d(2024, 3, 31), 20.0),
            measurement(3, 1, d(2024, 6, 30), 150.0),  # beyond the target
            measurement(4, 1, d(2025, 12, 31), None),  # the latest, but without a value
            measurement(5, 2, d(2024, 9, 30), 60.0),  # the wrong way
            measurement(6, 2, d(2024, 12, 31), 30.0),
            measurement(7, 3, d(2024, 3, 31), 90.0, 45.0, 50.0),
            measurement(8, 3, d(2025, 3, 31), 60.0, 30.0, 50.0),
            measurement(9, 4, d(2024, 6, 30), 3.0),
            measurement(10, 4, d(2024, 9, 30), None),
            measurement(11, 5, d(2023, 12, 31), 5.0),
            measurement(12, 5, d(2025, 6, 30), 10.0),
        )

    upgrade(engine)

    def rollups(conn):
        latest = conn.execute(
            text(
                "SELECT id, latest_period_end, latest_value, latest_numerator,"
                " latest_denominator FROM indicator ORDER BY id"
            )
        ).all()
        quarters = conn.execute(
            text(
                "SELECT project_id, year, quarter, measurements, progress_sum, expected_sum"
                " FROM progress_by_quarter ORDER BY project_id, year, quarter"
            )
        ).all()
        return [tuple(row) for row in latest], [tuple(row) for row in quarters]

    with engine.connect() as conn:
        latest, quarters = rollups(conn)

    # The migration did fill them (so the comparison below is not between two empty sets).
    assert [(row[0], str(row[1]), row[2:]) for row in latest] == [
        (1, "2024-06-30", (150.0, None, None)),
        (2, "2024-12-31", (30.0, None, None)),
        (3, "2025-03-31", (60.0, 30.0, 50.0)),
        (4, "2024-06-30", (3.0, None, None)),
        (5, "2025-06-30", (10.0, None, None)),
        (6, "None", (None, None, None)),
    ]
    assert [row[:4] for row in quarters] == [
        (1, 2023, 4, 1),
        (1, 2024, 1, 2),
        (1, 2024, 2, 1),
        (1, 2024, 3, 1),
        (1, 2024, 4, 1),
        (1, 2025, 1, 1),
        (2, 2023, 4, 1),
        (2, 2025, 2, 1),
    ]
    assert quarters[0][4:] == (0.0, 0.0)  # capped at 0, expected 0 before the baseline
    assert quarters[2][4] == 1.0  # capped at 1
    assert quarters[-2][4:] == (0.5, 1.0)

    with engine.begin() as conn:
        refresh(conn)
        assert rollups(conn) == (latest, quarters)
