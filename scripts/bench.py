"""Benchmark: every callback each page fires, over HTTP, as each demo account, next to a plain
SQL statement (L) and a pandas script (P) answering the Portfolio's question.

For ``medium`` and ``large`` demo data on SQLite and (when the server answers) PostgreSQL,
and with ``--size xl`` (about 10 000 000 measurements) on PostgreSQL,
the app is served in a thread (werkzeug, a free port) and every demo account logs in through
the form. Each page open to the account is opened the way dash-renderer does it (the callbacks
come from ``/_dash-dependencies``, so a new page is measured without changing this script),
then every callback it fired is sent again: ``--runs`` times after emptying the app's cache
(cold) and ``--runs`` times as it stands (warm: a cache hit where the app caches).

Prints a table and the goals with pass/miss, and writes JSON and CSV to benchmarks/results/.
``--browser`` also times whole page loads in headless Chromium. Usage:
``python -m scripts.bench [--size medium large] [--database sqlite postgresql] [--runs 15]``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import logging
import os
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import requests
from plotly.io.json import to_json_plotly
from sqlalchemy import select
from werkzeug.serving import make_server

from components.shell import filter_section
from dashboard.app import create_app, settle_memory
from dashboard.config import Settings
from dashboard.pages import NOT_FOUND, PAGES
from data_access import accounts, scope
from data_access.demo import DEMO_ACCOUNTS
from data_access.filters import PortfolioFilter
from scripts import bench_data
from scripts.bench_report import report
from scripts.dash_client import (
    CALLBACK_PATH,
    component_key,
    components,
    login,
    output_specs,
    renderer_for,
)

SECRET_KEY = "benchmark-only-secret-key-0123456789abcdef"
RESULTS = Path(__file__).resolve().parent.parent / "benchmarks" / "results"
MIN_RUNS = 9


# --- measuring ---------------------------------------------------------------------------


class PeakMemory:
    """The largest resident set size of this process (which serves the app) while sampling."""

    def __init__(self, every: float = 0.005):
        self._process = psutil.Process()
        self._every = every
        self._peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(self._every):
            self._peak = max(self._peak, self._process.memory_info().rss)

    @contextlib.contextmanager
    def window(self):
        """``with memory.window() as peak:`` … ``peak()`` is the peak in MB inside it."""
        self._peak = self._process.memory_info().rss
        result: list[float] = []
        try:
            yield lambda: result[0] if result else self._peak / 2**20
        finally:
            result.append(max(self._peak, self._process.memory_info().rss) / 2**20)

    def close(self) -> None:
        self._stop.set()


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile (0.95 for p95), interpolated between the runs."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass
class CallbackRow:
    """One callback a page fired, for one account: its timings in ms, bytes and memory."""

    database: str
    size: str
    role: str
    login: str
    page: str
    callback: str
    # "page": outputs in the page's own content; "shell": in the frame around every page;
    # "filters": in the shared filter bar. Goals are for "page" callbacks.
    kind: str
    status: int
    first_ms: float  # the first request after emptying the cache (part of the page load)
    cold_median_ms: float
    cold_p95_ms: float
    warm_median_ms: float
    warm_p95_ms: float
    bytes: int
    peak_rss_mb: float
    l_ms: float | None = None
    p_ms: float | None = None
    goals: dict[str, dict] = field(default_factory=dict)

    # How many times faster the app answers than L and P: A is the warm median (what a
    # visitor gets once the answer is cached); the cold ratios are kept next to them.
    @property
    def l_over_a(self) -> float | None:
        return _ratio(self.l_ms, self.warm_median_ms)

    @property
    def p_over_a(self) -> float | None:
        return _ratio(self.p_ms, self.warm_median_ms)

    @property
    def l_over_a_cold(self) -> float | None:
        return _ratio(self.l_ms, self.cold_median_ms)

    @property
    def p_over_a_cold(self) -> float | None:
        return _ratio(self.p_ms, self.cold_median_ms)


def _ratio(baseline_ms: float | None, app_ms: float) -> float | None:
    return baseline_ms / app_ms if baseline_ms and app_ms else None


@contextlib.contextmanager
def served(app):
    """The app on a free loopback port in a thread: its base URL."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def app_for(url: str):
    """The app as ``filantrimpact serve`` builds it, for ``url``: demo accounts allowed
    (never production), a fixed secret key; other settings from the environment (a
    ``FILANTRIMPACT_CACHE_URL`` makes the cache Redis)."""
    env = {k: v for k, v in os.environ.items() if k != "FILANTRIMPACT_PRODUCTION"}
    env.update(FILANTRIMPACT_DATABASE_URL=url, FILANTRIMPACT_SECRET_KEY=SECRET_KEY)
    app = create_app(Settings.from_env(env))
    settle_memory(app.server)
    return app


def cache_of(app):
    """The app's view cache when it has one (an object with ``clear()``), else None."""
    cache = app.server.extensions.get("filantrimpact", {}).get("cache")
    return cache if callable(getattr(cache, "clear", None)) else None


def time_callback(session, base: str, body: dict, runs: int, before=None) -> list[float]:
    """``runs`` timings (ms) of one callback request, each after ``before()`` when given."""
    times = []
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        answer = session.post(f"{base}{CALLBACK_PATH}", json=body)
        times.append((time.perf_counter() - started) * 1000)
        if answer.status_code not in (200, 204):
            raise RuntimeError(f"callback answered {answer.status_code}: {answer.text[:200]}")
    return times


def measure_account(app, base, target, login_name, password, args, memory, log):
    """Every page open to the account, every callback each fires: cold and warm timings."""
    cache = cache_of(app)
    engine = app.server.extensions["filantrimpact"]["engine"]
    viewer = accounts.authenticate(engine, login_name, password).viewer
    session = requests.Session()
    login(session, base, login_name, password)
    shell_ids = {cid for cid, _ in components(session.get(f"{base}/_dash-layout").json())}
    filter_bar = _as_json(filter_section(PortfolioFilter(), [], "nl"))
    filter_ids = {cid for cid, _ in components(filter_bar)}
    rows = []
    for page in sorted((p for p in PAGES if p is not NOT_FOUND), key=lambda p: p.order):
        if not page.open_to(viewer):
            continue
        if args.pages and page.path not in args.pages:
            continue
        if cache:
            cache.clear()
        path = example_path(page, engine, viewer)
        if path is None:
            continue
        renderer = renderer_for(session, base)  # a fresh tab for every page
        fired = renderer.open(path, "?lang=nl")
        seen = set()
        for call in fired:
            key = (call.name, repr(call.body))
            if key in seen:
                continue
            seen.add(key)
            outputs = {component_key(spec["id"]) for spec in output_specs(call.dep)}
            # A callback that fills part of the page's own content is the page's, even when
            # it also writes a store of the shell (the link's state); else it is the frame's.
            own = outputs - shell_ids - filter_ids
            kind = "page" if own else "filters" if outputs & filter_ids else "shell"
            with memory.window() as peak:
                cold = time_callback(
                    session, base, call.body, args.runs, cache.clear if cache else None
                )
                warm = time_callback(session, base, call.body, args.runs)
            rows.append(
                CallbackRow(
                    database=target.database,
                    size=target.size,
                    role=viewer.role,
                    login=login_name,
                    page=path,
                    callback=call.name,
                    kind=kind,
                    status=call.status,
                    first_ms=call.seconds * 1000,
                    cold_median_ms=statistics.median(cold),
                    cold_p95_ms=percentile(cold, 0.95),
                    warm_median_ms=statistics.median(warm),
                    warm_p95_ms=percentile(warm, 0.95),
                    bytes=call.size,
                    peak_rss_mb=peak(),
                )
            )
            cold_ms = rows[-1].cold_median_ms
            log(f"    {login_name:<14}{path:<14}{call.name:<34}{cold_ms:>7.1f} ms")
    return rows, viewer


def example_path(page, engine, viewer) -> str | None:
    """The page's address; for a page about one project ("/projects/<id>"), the address of
    the first project the viewer sees in detail (None when there is none)."""
    if not page.has_parameters:
        return page.path
    projects = scope.scoped_projects(viewer, PortfolioFilter(), scope.Lens.DETAIL, False)
    rows = scope.read(engine, select(projects.c.id).order_by(projects.c.id).limit(1))
    return page.path.replace("<id>", str(rows[0]["id"])) if rows else None


def _as_json(component) -> dict:
    return json.loads(to_json_plotly(component))


def baselines(engine, login_name, viewer, runs, memory) -> dict:
    """L and P for one account: median ms, peak memory, and whether they agree with the app."""
    as_of = dt.date.today()
    result = {}
    for name, compute in (("l", bench_data.run_sql), ("p", bench_data.run_pandas)):
        times = []
        with memory.window() as peak:
            for _ in range(runs):
                started = time.perf_counter()
                answer = compute(engine, login_name, as_of)
                times.append((time.perf_counter() - started) * 1000)
        result[f"{name}_ms"] = statistics.median(times)
        result[f"{name}_peak_rss_mb"] = peak()
        result[f"{name}_answer"] = answer
    result["l_vs_p"] = bench_data.largest_difference(result["l_answer"], result["p_answer"])
    try:
        result["l_vs_app"] = bench_data.app_difference(engine, viewer, as_of, result["l_answer"])
    except Exception as error:  # the app's query API moved on: say so, measure anyway
        result["l_vs_app"] = f"not compared ({type(error).__name__})"
    return result


def measure_target(target, args, memory, log) -> dict:
    engine, measurements = bench_data.prepare(target, log)
    engine.dispose()
    app = app_for(target.url)
    cache = cache_of(app)
    app_engine = app.server.extensions["filantrimpact"]["engine"]
    log(f"{target.label}: {measurements:,} measurements; cache: {_cache_kind(cache)}")
    rows, checks = [], {}
    browser_rows: list[dict] = []
    with served(app) as base:
        for login_name in args.accounts:
            password = DEMO_ACCOUNTS[login_name]
            account_rows, viewer = measure_account(
                app, base, target, login_name, password, args, memory, log
            )
            lp = baselines(app_engine, login_name, viewer, args.lp_runs, memory)
            log(f"    {login_name:<14}L {lp['l_ms']:.0f} ms, P {lp['p_ms']:.0f} ms")
            for row in account_rows:
                if row.kind == "page":  # L and P are set beside the page's own callbacks
                    row.l_ms, row.p_ms = lp["l_ms"], lp["p_ms"]
            rows += account_rows
            checks[login_name] = {
                key: value for key, value in lp.items() if not key.endswith("_answer")
            }
            checks[login_name]["themes"] = lp["l_answer"].reset_index().to_dict("records")
        if args.browser:
            from scripts import bench_browser

            browser_rows = bench_browser.measure(app, base, args.accounts, log)
    app_engine.dispose()
    return {
        "database": target.database,
        "size": target.size,
        "measurements": measurements,
        "cache": _cache_kind(cache),
        "rows": rows,
        "baselines": checks,
        "browser": browser_rows,
    }


def _cache_kind(cache) -> str | None:
    if cache is None:
        return None
    return getattr(cache, "kind", type(cache).__name__)


# --- the command -------------------------------------------------------------------------


def targets(args, log) -> list[bench_data.Target]:
    found = []
    if "sqlite" in args.database:
        if "xl" in args.size:
            log("xl is measured on PostgreSQL only (the shared database at that size)")
        found += [bench_data.sqlite_target(size) for size in args.size if size != "xl"]
    if "postgresql" in args.database:
        problem = bench_data.postgres_reachable(args.postgres_url)
        if problem:
            log(f"PostgreSQL skipped: {problem}")
        else:
            found += [bench_data.postgres_target(args.postgres_url, size) for size in args.size]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--size",
        nargs="+",
        default=["medium", "large"],
        choices=("small", "medium", "large", "xl"),
        help="demo sizes; xl (about 10 000 000 measurements) on PostgreSQL only",
    )
    parser.add_argument(
        "--database", nargs="+", default=["sqlite", "postgresql"], choices=("sqlite", "postgresql")
    )
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("FILANTRIMPACT_BENCH_POSTGRES_URL", bench_data.DEFAULT_POSTGRES_URL),
        help="a PostgreSQL server; the benchmark makes a database per size on it",
    )
    parser.add_argument("--runs", type=int, default=15, help=f"runs per callback (≥ {MIN_RUNS})")
    parser.add_argument("--lp-runs", type=int, default=3, help="runs of L and of P per account")
    parser.add_argument(
        "--accounts", nargs="+", default=list(DEMO_ACCOUNTS), choices=list(DEMO_ACCOUNTS)
    )
    parser.add_argument("--browser", action="store_true", help="also time page loads in Chromium")
    parser.add_argument(
        "--pages", nargs="+", default=[], help="only these page paths, e.g. /funders"
    )
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for JSON and CSV")
    args = parser.parse_args(argv)
    if args.runs < MIN_RUNS:
        parser.error(f"--runs must be at least {MIN_RUNS}")

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    started = dt.datetime.now()
    memory = PeakMemory()
    results = []
    try:
        for target in targets(args, log):
            results.append(measure_target(target, args, memory, log))
    finally:
        memory.close()
    if not results:
        log("nothing to measure")
        return 1
    paths = report(results, args, started, args.out)
    print(f"\nwritten: {', '.join(str(path) for path in paths)}")
    failed = [r for result in results for r in result["rows"] if r.status not in (200, 204)]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
