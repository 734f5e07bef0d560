"""The benchmark's databases and its two baselines.

Databases: demo data of one size on SQLite (a file under ``benchmarks/data/``) and, when the
server answers, on PostgreSQL (a database of its own per size); made once, then reused.

Baselines, answering the question the Portfolio's main figures answer (each indicator's
latest value, its progress clamped to 0..1, averaged per theme, over the viewer's projects):

- **L**: one plain SQL statement over the raw measurements, written here once;
- **P**: every measurement row read with ``pandas.read_sql`` (joined to its indicator and
  project), then the same computed in pandas.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import Date, Engine, bindparam, func, select, text
from sqlalchemy.engine import make_url

from data_access import scope
from data_access.db import is_empty, make_engine, upgrade
from data_access.demo import seed_demo
from data_access.models import Measurement

DATA_FOLDER = Path(__file__).resolve().parent.parent / "benchmarks" / "data"
DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"
SHARED_VISIBILITIES = ("network", "public")


@dataclass(frozen=True)
class Target:
    """One database to measure: which kind, which demo size, where."""

    database: str  # "sqlite" or "postgresql"
    size: str
    url: str
    server_url: str = ""  # PostgreSQL: a database on the same server to create it from

    @property
    def label(self) -> str:
        return f"{self.database} {self.size}"


def sqlite_target(size: str) -> Target:
    DATA_FOLDER.mkdir(parents=True, exist_ok=True)
    return Target("sqlite", size, f"sqlite:///{DATA_FOLDER / f'bench-{size}.db'}")


def postgres_target(server_url: str, size: str, name_prefix: str = "filantrimpact_bench") -> Target:
    """A database ``<prefix>_<size>`` on the server of ``server_url`` (created when missing)."""
    url = make_url(server_url).set(database=f"{name_prefix}_{size}")
    return Target("postgresql", size, url.render_as_string(hide_password=False), server_url)


def postgres_reachable(server_url: str) -> str | None:
    """None when the server answers, else why not (in one line)."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed (pip install '.[postgres]')"
    try:
        with psycopg.connect(_libpq(server_url), connect_timeout=3):
            return None
    except psycopg.Error as error:
        return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def ensure_postgres_database(server_url: str, database: str) -> None:
    """Create ``database`` on the server of ``server_url`` unless it exists."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(_libpq(server_url), autocommit=True, connect_timeout=5) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,))
        if exists.fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))


def _libpq(url: str) -> str:
    parsed = make_url(url).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


def prepare(target: Target, log=print) -> tuple[Engine, int]:
    """The target's engine (guarded as the app runs it) with demo data, and how many
    measurements it holds. Generates the data only when the database is empty."""
    if target.database == "postgresql":
        ensure_postgres_database(target.server_url, make_url(target.url).database)
    engine = make_engine(target.url)
    upgrade(engine)
    scope.install_guard(engine)
    if is_empty(engine):
        log(f"generating {target.size} demo data on {target.database} (once; reused later)…")
        started = time.perf_counter()
        seed_demo(engine, target.size)
        log(f"  done in {time.perf_counter() - started:.0f} s")
    with scope.trusted(engine.connect()) as conn:
        count = conn.scalar(select(func.count()).select_from(Measurement))
    return engine, int(count)


# --- L: one SQL statement over the raw measurements ----------------------------------------

# The viewer's projects follow data_access.scope for the Portfolio (detail for admin, funder
# and project lead; the shared projects for the network), read from the account's scopes.
L_SQL = """
WITH viewer AS (
    SELECT id, role FROM user_account WHERE login = :login
),
scoped AS (
    SELECT p.id, p.theme
    FROM project p CROSS JOIN viewer v
    WHERE v.role = 'admin'
       OR (v.role = 'funder' AND EXISTS (
              SELECT 1 FROM "grant" g JOIN user_scope s ON s.funder_id = g.funder_id
              WHERE s.user_id = v.id AND g.project_id = p.id))
       OR (v.role = 'project' AND EXISTS (
              SELECT 1 FROM user_scope s WHERE s.user_id = v.id AND s.project_id = p.id))
       OR (v.role = 'network' AND p.visibility IN ('network', 'public'))
),
ranked AS (
    SELECT m.indicator_id, m.value,
           ROW_NUMBER() OVER (PARTITION BY m.indicator_id ORDER BY m.period_end DESC) AS nr
    FROM measurement m
    JOIN indicator i ON i.id = m.indicator_id
    JOIN scoped p ON p.id = i.project_id
    WHERE m.value IS NOT NULL AND m.period_end <= :as_of AND i.measure_kind <> 'qualitative'
),
progress AS (
    SELECT p.theme,
           CASE
               WHEN i.target_value = i.baseline_value THEN
                   CASE WHEN (i.direction = 'decrease' AND r.value <= i.target_value)
                          OR (i.direction <> 'decrease' AND r.value >= i.target_value)
                        THEN 1.0 ELSE 0.0 END
               ELSE (r.value - i.baseline_value) / (i.target_value - i.baseline_value)
           END AS progress
    FROM ranked r
    JOIN indicator i ON i.id = r.indicator_id
    JOIN scoped p ON p.id = i.project_id
    WHERE r.nr = 1
)
SELECT theme,
       COUNT(*) AS measured,
       AVG(CASE WHEN progress > 1 THEN 1.0 WHEN progress < 0 THEN 0.0 ELSE progress END)
           AS avg_progress
FROM progress
GROUP BY theme
ORDER BY theme
"""


def run_sql(engine: Engine, login: str, as_of: dt.date) -> pd.DataFrame:
    """L: the statement above, for one account."""
    stmt = text(L_SQL).bindparams(bindparam("as_of", type_=Date))
    with scope.trusted(engine.connect()) as conn:
        rows = conn.execute(stmt, {"login": login, "as_of": as_of}).mappings().all()
    frame = pd.DataFrame(rows, columns=["theme", "measured", "avg_progress"])
    return frame.astype({"measured": "int64", "avg_progress": "float64"}).set_index("theme")


# --- P: every row into pandas ----------------------------------------------------------------

ROWS_SQL = """
SELECT m.indicator_id, m.period_end, m.value,
       i.project_id, i.baseline_value, i.target_value, i.direction, i.measure_kind,
       p.theme, p.visibility
FROM measurement m
JOIN indicator i ON i.id = m.indicator_id
JOIN project p ON p.id = i.project_id
"""


def run_pandas(engine: Engine, login: str, as_of: dt.date) -> pd.DataFrame:
    """P: all measurement rows read into pandas, the viewer's projects and the rest there."""
    with scope.trusted(engine.connect()) as conn:
        rows = pd.read_sql(text(ROWS_SQL), conn)
        account = pd.read_sql(
            text("SELECT id, role FROM user_account WHERE login = :login"),
            conn,
            params={"login": login},
        )
        scopes = pd.read_sql(text("SELECT user_id, funder_id, project_id FROM user_scope"), conn)
        grants = pd.read_sql(text('SELECT funder_id, project_id FROM "grant"'), conn)
    user_id, role = int(account.id.iloc[0]), account.role.iloc[0]
    mine = scopes[scopes.user_id == user_id]
    if role == "admin":
        in_scope = pd.Series(True, index=rows.index)
    elif role == "funder":
        funded = grants[grants.funder_id.isin(mine.funder_id.dropna())].project_id
        in_scope = rows.project_id.isin(funded)
    elif role == "project":
        in_scope = rows.project_id.isin(mine.project_id.dropna())
    else:
        in_scope = rows.visibility.isin(SHARED_VISIBILITIES)
    period_end = pd.to_datetime(rows.period_end)
    rows = rows[
        in_scope
        & rows.value.notna()
        & (period_end <= pd.Timestamp(as_of))
        & (rows.measure_kind != "qualitative")
    ].assign(period_end=period_end)
    latest = rows.sort_values("period_end").groupby("indicator_id").tail(1)
    span = latest.target_value - latest.baseline_value
    holds = np.where(
        latest.direction == "decrease",
        latest.value <= latest.target_value,
        latest.value >= latest.target_value,
    )
    progress = np.where(
        span == 0, holds.astype(float), (latest.value - latest.baseline_value) / span
    )
    latest = latest.assign(progress=np.clip(progress, 0.0, 1.0))
    frame = latest.groupby("theme").progress.agg(measured="count", avg_progress="mean")
    return frame.astype({"measured": "int64", "avg_progress": "float64"}).sort_index()


def largest_difference(left: pd.DataFrame, right: pd.DataFrame) -> float:
    """The largest difference in average progress per theme (inf when the themes differ)."""
    if list(left.index) != list(right.index) or not np.array_equal(
        left.measured.astype(float), right.measured.astype(float)
    ):
        return float("inf")
    if left.empty:
        return 0.0
    return float((left.avg_progress - right.avg_progress).abs().max())


def app_difference(engine: Engine, viewer, as_of: dt.date, baseline: pd.DataFrame) -> float:
    """How far the app's own per-theme average progress (the Portfolio's rollup, themes it
    shows) lies from a baseline's: L and P must answer the app's question."""
    from data_access import portfolio_queries
    from data_access.filters import PortfolioFilter

    themes = portfolio_queries.theme_summary(
        engine, viewer, PortfolioFilter(), as_of, level="theme"
    )
    shown = themes[~themes.suppressed & (themes.measured > 0)].set_index("theme")
    common = baseline.loc[baseline.index.intersection(shown.index)]
    if len(common) != len(shown):
        return float("inf")
    return largest_difference(common, shown.loc[common.index, ["measured", "avg_progress"]])
