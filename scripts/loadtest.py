"""Load test: gunicorn workers on PostgreSQL with ``medium`` demo data, Redis for the cache
and the login limits, and Locust's visitors (the four demo accounts in turn) on loopback.

Every callback answer is checked against the visitor's scope (``scripts.scope_checks``); the
command exits non-zero on any error, failed request or scope violation. Prints p50/p95/p99
and writes JSON (and Locust's CSV files) to benchmarks/results/. Usage:
``python -m scripts.loadtest [--duration 3m] [--users 32] [--workers 4]``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import requests
from sqlalchemy import select
from sqlalchemy.engine import make_url

from components.i18n import t
from data_access import scope
from data_access.db import is_empty, make_engine
from data_access.demo import DEMO_ACCOUNTS
from data_access.models import Funder, Project, User, UserScope
from scripts import bench_data
from scripts.dash_client import login, renderer_for
from scripts.scope_checks import MONEY_ID, PROJECTS_ID, Expectations, kpi_number

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = ROOT / "benchmarks" / "results"
DATABASE = "filantrimpact_load"
SECRET_KEY = "load-test-only-secret-key-0123456789abcdef"  # the same for every worker


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare_database(url: str, log) -> None:
    """The load test's own database with ``medium`` demo data; made once, then reused."""
    parsed = make_url(url)
    server = parsed.set(database="postgres").render_as_string(hide_password=False)
    bench_data.ensure_postgres_database(server, parsed.database)
    cli = str(BIN / "filantrimpact")
    upgrade = subprocess.run(
        [cli, "db", "upgrade", "--database-url", url], cwd=ROOT, capture_output=True, text=True
    )
    if upgrade.returncode:
        raise RuntimeError(f"filantrimpact db upgrade failed:\n{upgrade.stderr[-2000:]}")
    engine = make_engine(url)
    try:
        empty = is_empty(engine)
    finally:
        engine.dispose()
    if empty:
        log("loading medium demo data into the load test's database (once)…")
        subprocess.run(
            [cli, "demo-data", "--size", "medium", "--database-url", url], check=True, cwd=ROOT
        )


def expectations(url: str, base: str) -> Expectations:
    """What each demo account may see, worked out before the load: from the database, and
    the funder's money from the administrator's view filtered on that funder."""
    engine = make_engine(url)
    roles, funder_ids, lead_projects = {}, [], 0
    with scope.trusted(engine.connect()) as conn:
        for login_name in DEMO_ACCOUNTS:
            user = conn.execute(select(User.id, User.role).where(User.login == login_name)).one()
            roles[login_name] = user.role
            scopes = conn.execute(select(UserScope).where(UserScope.user_id == user.id)).all()
            if user.role == "funder":
                funder_ids = sorted(row.funder_id for row in scopes if row.funder_id)
            if user.role == "project":
                lead_projects = sum(1 for row in scopes if row.project_id)
        shared = Project.visibility.in_(bench_data.SHARED_VISIBILITIES)
        hidden = set(conn.scalars(select(Project.name).where(~shared)))
        shown = set(conn.scalars(select(Project.name).where(shared)))
        all_funders = sorted(conn.scalars(select(Funder.id)))
    engine.dispose()

    admin = requests.Session()
    login(admin, base, "admin", DEMO_ACCOUNTS["admin"])
    tab = renderer_for(admin, base)
    tab.open("/", "?lang=nl")
    answers = tab.change({"filter-funder.value": funder_ids})
    totals = [kpi_number(a.outputs, MONEY_ID) for a in answers if MONEY_ID in a.outputs]
    if not totals or totals[-1] is None:
        raise RuntimeError("the administrator's view filtered on the funder showed no money")

    lead = requests.Session()
    login(lead, base, "projectleider", DEMO_ACCOUNTS["projectleider"])
    own = [kpi_number(a.outputs, PROJECTS_ID) for a in renderer_for(lead, base).open("/")]
    notes = [f"the project lead's own view shows {[n for n in own if n is not None]} projects"]
    return Expectations(
        accounts=dict(DEMO_ACCOUNTS),
        roles=roles,
        funder_ids=funder_ids,
        funder_total_eur=totals[-1],
        lead_projects=lead_projects,
        hidden_names=sorted(hidden - shown),
        all_funder_ids=all_funders,
        error_text=t("error.data", "nl"),
        notes=notes,
    )


class Gunicorn:
    """gunicorn serving the app, in a session of its own so it stops with its workers."""

    def __init__(self, workers: int, port: int, env: dict, log_path: Path):
        self.log_file = log_path.open("w")
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{port}",
                "dashboard.app:create_server()",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.base = f"http://127.0.0.1:{port}"
        self.peak_rss_mb = 0.0
        self._stop = threading.Event()

    def wait_until_up(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped (exit {self.process.returncode})")
            try:
                if requests.get(f"{self.base}/healthz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:  # not up yet, or busy starting
                pass
            time.sleep(0.5)
        raise RuntimeError("gunicorn did not answer /healthz in time")

    def sample_memory(self) -> None:
        """Keep the peak resident memory of the master and its workers together."""

        def sample():
            parent = psutil.Process(self.process.pid)
            while not self._stop.wait(0.5):
                try:
                    family = [parent, *parent.children(recursive=True)]
                    total = sum(p.memory_info().rss for p in family if p.is_running())
                except psutil.Error:
                    continue
                self.peak_rss_mb = max(self.peak_rss_mb, total / 2**20)

        threading.Thread(target=sample, daemon=True).start()

    def stop(self) -> None:
        self._stop.set()
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # the group this object started
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log_file.close()


def read_stats(prefix: Path) -> tuple[list[dict], list[dict]]:
    """Locust's per-request statistics and its failures, from its CSV files."""
    with open(f"{prefix}_stats.csv", newline="") as handle:
        stats = list(csv.DictReader(handle))
    failures_path = Path(f"{prefix}_failures.csv")
    failures = []
    if failures_path.exists():
        with failures_path.open(newline="") as handle:
            failures = list(csv.DictReader(handle))
    return stats, failures


def print_stats(stats: list[dict]) -> None:
    columns = ("count", 8), ("fail", 6), ("p50", 7), ("p95", 7), ("p99", 7), ("max", 8)
    print(f"{'request':<52}" + "".join(f"{name:>{width}}" for name, width in columns) + "   req/s")
    for row in stats:
        print(
            f"{(row['Type'] + ' ' + row['Name']).strip()[:51]:<52}"
            f"{row['Request Count']:>8}{row['Failure Count']:>6}"
            f"{row['50%']:>7}{row['95%']:>7}{row['99%']:>7}"
            f"{float(row['Max Response Time']):>8.0f}{float(row['Requests/s']):>8.1f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", default="3m", help="Locust's run time: 90s, 3m, 1h…")
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--spawn-rate", type=float, default=8)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument(
        "--database-url",
        default=f"postgresql://postgres@127.0.0.1:5432/{DATABASE}",
        help="a PostgreSQL database for the load test (made and filled when empty)",
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    started = dt.datetime.now()
    stamp = started.strftime("%Y%m%d-%H%M%S")
    args.out.mkdir(parents=True, exist_ok=True)
    prepare_database(args.database_url, log)
    import redis

    redis.Redis.from_url(args.redis_url).flushdb()  # a cold cache, no login limits left over

    env = {k: v for k, v in os.environ.items() if k != "FILANTRIMPACT_PRODUCTION"}
    env.update(
        FILANTRIMPACT_DATABASE_URL=args.database_url,
        FILANTRIMPACT_SECRET_KEY=SECRET_KEY,
        FILANTRIMPACT_REDIS_URL=args.redis_url,
        FILANTRIMPACT_CACHE_URL=args.redis_url,
    )
    server = Gunicorn(args.workers, free_port(), env, args.out / f"loadtest-{stamp}-gunicorn.log")
    try:
        server.wait_until_up()
        expect = expectations(args.database_url, server.base)
        expect_path = args.out / f"loadtest-{stamp}-expectations.json"
        expect.save(expect_path)
        log(
            f"serving on {server.base} with {args.workers} workers; funder total"
            f" € {expect.funder_total_eur:,}, lead's projects {expect.lead_projects},"
            f" {len(expect.hidden_names)} project names hidden from the network"
        )
        server.sample_memory()
        prefix = args.out / f"loadtest-{stamp}"
        log(f"{args.users} visitors for {args.duration}; Locust's own output: {prefix}-locust.log")
        with open(f"{prefix}-locust.log", "w") as locust_log:
            locust = subprocess.run(
                [
                    str(BIN / "locust"),
                    "-f",
                    str(ROOT / "scripts" / "locustfile.py"),
                    "--headless",
                    "--users",
                    str(args.users),
                    "--spawn-rate",
                    str(args.spawn_rate),
                    "--run-time",
                    args.duration,
                    "--host",
                    server.base,
                    "--csv",
                    str(prefix),
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                    "--stop-timeout",
                    "10",
                ],
                cwd=ROOT,
                env={**env, "FILANTRIMPACT_LOADTEST_EXPECT": str(expect_path)},
                stdout=locust_log,
                stderr=subprocess.STDOUT,
            )
    finally:
        server.stop()

    if not Path(f"{prefix}_stats.csv").exists():
        print(Path(f"{prefix}-locust.log").read_text()[-3000:])
        print("FAIL: Locust did not run (its output is above)")
        return 1
    stats, failures = read_stats(prefix)
    print(
        f"\n== load test: {args.users} users, {args.workers} gunicorn workers,"
        f" {args.duration}, PostgreSQL medium, Redis cache =="
    )
    print_stats(stats)
    total = next(row for row in stats if row["Name"] == "Aggregated")
    callbacks = [row for row in stats if row["Name"].startswith("callback ")]
    violations = [f for f in failures if "scope violation" in f.get("Error", "")]
    print(f"\npeak memory of gunicorn (master and workers): {server.peak_rss_mb:.0f} MB")
    for failure in failures[:20]:
        print(f"FAILED {failure['Occurrences']}× {failure['Name']}: {failure['Error'][:200]}")
    summary = {
        "started": started.isoformat(timespec="seconds"),
        "users": args.users,
        "workers": args.workers,
        "duration": args.duration,
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "scope_violations": sum(int(f["Occurrences"]) for f in violations),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "p99_ms": float(total["99%"]),
        "requests_per_s": float(total["Requests/s"]),
        "gunicorn_peak_rss_mb": round(server.peak_rss_mb),
        "locust_exit_code": locust.returncode,
        "per_request": stats,
        "failures_list": failures,
        "expectations": {k: v for k, v in vars(expect).items() if k != "hidden_names"},
        "callbacks": [row["Name"] for row in callbacks],
    }
    path = args.out / f"loadtest-{stamp}.json"
    path.write_text(json.dumps(summary, indent=2, ensure_ascii=False))
    ok = locust.returncode == 0 and summary["failures"] == 0 and summary["requests"] > 0
    print(
        f"\n{'PASS' if ok else 'FAIL'}: {summary['requests']} requests, {summary['failures']}"
        f" failed, {summary['scope_violations']} scope violations; all requests p95"
        f" {summary['p95_ms']:.0f} ms, p99 {summary['p99_ms']:.0f} ms -> {path}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
