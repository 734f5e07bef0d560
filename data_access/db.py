"""Engines and the schema: SQLite with foreign keys, WAL and a busy timeout; PostgreSQL alike."""

from __future__ import annotations

import sqlite3
from functools import partial
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect

from data_access.models import Base

MIGRATIONS = Path(__file__).with_name("migrations")


def make_engine(
    database_url: str,
    lock_timeout: float = 5.0,
    statement_timeout: float = 0.0,
    **kwargs,
) -> Engine:
    """An engine for ``database_url``; SQLite connections get the pragmas the app relies on.

    ``lock_timeout``: seconds a statement waits for a lock held by a writer;
    ``statement_timeout``: seconds before PostgreSQL cancels a statement (0: never). Other
    keyword arguments (pool size and timeout...) go to ``create_engine``.
    """
    if database_url.startswith("postgresql://"):
        # Use psycopg 3, which the ``postgres`` extra installs.
        database_url = "postgresql+psycopg://" + database_url.removeprefix("postgresql://")
    engine = create_engine(database_url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", partial(_sqlite_pragmas, lock_timeout=lock_timeout))
        event.listen(engine, "begin", _sqlite_begin)
    elif engine.dialect.name == "postgresql":
        settings = partial(
            _postgresql_settings, lock_timeout=lock_timeout, statement_timeout=statement_timeout
        )
        event.listen(engine, "connect", settings)
    return engine


def _postgresql_settings(
    dbapi_connection, _record, lock_timeout: float, statement_timeout: float
) -> None:
    with dbapi_connection.cursor() as cursor:
        # The views' statements carry correlated lookups that are rarely run but make the
        # planner estimate high costs; PostgreSQL would then spend more time JIT-compiling
        # than querying.
        cursor.execute("SET jit = off")
        cursor.execute(f"SET lock_timeout = {int(lock_timeout * 1000)}")
        cursor.execute(f"SET statement_timeout = {int(statement_timeout * 1000)}")
    dbapi_connection.commit()


def _sqlite_pragmas(dbapi_connection, _record, lock_timeout: float) -> None:
    # Python's sqlite3 opens transactions only before INSERT/UPDATE/DELETE, so schema changes
    # would commit one statement at a time and a failed migration would leave half a schema.
    # Taking over: no implicit transactions here, an explicit BEGIN whenever SQLAlchemy
    # begins one (see _sqlite_begin) - the recipe from SQLAlchemy's SQLite documentation.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {int(lock_timeout * 1000)}")
    # WAL lets readers go on while an import writes; in-memory databases ignore it.
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _sqlite_begin(connection) -> None:
    connection.exec_driver_sql("BEGIN")


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to ``revision`` (the only way the app creates tables)."""
    before = current_revision(engine)
    command.upgrade(alembic_config(engine), revision)
    if current_revision(engine) != before and engine.dialect.name in ("sqlite", "postgresql"):
        # Rebuilt tables lose their planner statistics; without them a filter on one funder
        # took seconds instead of a tenth of one at a million measurements.
        with engine.begin() as conn:
            analyze_tables(conn)


def analyze_tables(conn) -> None:
    """Fresh planner statistics for the product's tables. On PostgreSQL only its own tables
    in this schema: a bare ANALYZE visits every schema of the database and takes locks that
    other sessions there (an upgrade, a refresh) may be waiting on, in another order."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("ANALYZE")
    elif conn.dialect.name == "postgresql":
        present = set(inspect(conn).get_table_names())
        quote = conn.dialect.identifier_preparer.quote
        names = [quote(table) for table in Base.metadata.tables if table in present]
        if names:
            conn.exec_driver_sql(f"ANALYZE {', '.join(names)}")


def current_revision(engine: Engine) -> str | None:
    """The schema version the database is at (None when it has no schema yet)."""
    from alembic.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def is_empty(engine: Engine) -> bool:
    """True when the database holds no projects yet (or no schema at all)."""
    from sqlalchemy import func, select

    from data_access.models import Project
    from data_access.scope import trusted

    if not inspect(engine).has_table(Project.__tablename__):
        return True
    with engine.connect() as conn:
        return trusted(conn).scalar(select(func.count()).select_from(Project)) == 0


class BackupError(ValueError):
    """A backup that was not made, with the reason in one sentence."""


def backup(engine: Engine, target: Path) -> int:
    """Copy the SQLite database behind ``engine`` to the new file ``target`` and return its
    size in bytes.

    SQLite's online backup API copies in one step while the source stays readable and
    writable by the app, so the copy is consistent. An existing ``target`` is never
    overwritten. PostgreSQL (and any other server) is backed up with its own tools.
    """
    if engine.dialect.name == "postgresql":
        raise BackupError(
            "PostgreSQL is backed up with its own tool, not by filantrimpact: "
            f"pg_dump --format=custom --file={target} {_pg_dump_target(engine)}"
        )
    if engine.dialect.name != "sqlite":
        raise BackupError(f"backups of {engine.dialect.name} databases are not supported")
    source = engine.url.database
    if not source or source == ":memory:" or source.startswith("file:"):
        raise BackupError("only a SQLite database in a file can be backed up")
    if not Path(source).is_file():
        # Connecting would create an empty database there.
        raise BackupError(f"there is no database at {source}")
    if not Path(target).parent.is_dir():
        raise BackupError(f"the folder {Path(target).parent} does not exist")
    try:
        Path(target).open("xb").close()  # claims the name; fails if anything is there
    except FileExistsError:
        raise BackupError(f"{target} already exists; choose a new file name") from None
    try:
        _sqlite_backup(engine, Path(target))
    except BaseException:
        Path(target).unlink(missing_ok=True)
        raise
    return Path(target).stat().st_size


def _sqlite_backup(engine: Engine, target: Path) -> None:
    copy = sqlite3.connect(target, isolation_level=None)
    try:
        # The engine's own connection, so the busy timeout applies while a writer commits.
        source = engine.raw_connection()
        try:
            source.driver_connection.backup(copy)
        finally:
            source.close()
        # One self-contained file: no -wal/-shm beside it, readable from a read-only medium.
        copy.execute("PRAGMA journal_mode = DELETE")
    finally:
        copy.close()


def _pg_dump_target(engine: Engine) -> str:
    """pg_dump's connection options and database name for ``engine`` (no password)."""
    url = engine.url
    options = [
        f"{flag} {value}"
        for flag, value in (("-h", url.host), ("-p", url.port), ("-U", url.username))
        if value
    ]
    return " ".join([*options, url.database or ""]).strip()
