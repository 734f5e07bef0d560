"""Time the Portfolio's statements one by one, without HTTP: the roll-up, the progress over
time and the unit totals, each run alone, as the benchmark's demo viewers see them; the
per-stage helpers of ``data_access.cells`` the other pages may use; and the statements of the
later pages (``--statement funders since network netstages netfunders netstories netslides
weakest``), and the project page's (``project logic``).

Uses a database ``make bench`` made (or any ``--url``), as it stands: no migration, no data.
Each statement runs ``--runs`` times; the median and p95 (ms) are printed. Usage:
``python -m scripts.bench_overview [--url sqlite:///benchmarks/data/bench-large.db]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time

from sqlalchemy import select

from components.since import default_since
from data_access import (
    cells,
    funder_queries,
    network_queries,
    project_queries,
    scope,
    since_queries,
)
from data_access import change_logic_queries as change_logic
from data_access import portfolio_queries as queries
from data_access.db import make_engine
from data_access.filters import PortfolioFilter
from data_access.viewer import Viewer
from scripts import bench_data

VIEWERS = {
    "admin": Viewer.admin(),
    "network": Viewer.network(),
    "funder 1": Viewer.funder(1),
}
FILTERS = {
    "everything": PortfolioFilter(),
    "people": PortfolioFilter(themes=("people",)),
    "2024-2025": PortfolioFilter(year_from=2024, year_to=2025),
}
STATEMENTS = {
    "rollup": queries.portfolio_rollup,
    "timeline": queries.progress_over_time,
    "units": queries.unit_totals,
    "overview": queries.portfolio_overview,
    "stages": cells.stage_totals,
    "evidence": lambda engine, viewer, filt, today: cells.evidence_totals(engine, viewer, filt),
    # The statements of the pages after the Portfolio (Funders, since, Network, change logic).
    "funders": lambda engine, viewer, filt, today: funder_queries.compare_funders(
        engine, viewer, _all_funders(engine, viewer), today
    ),
    "since": lambda engine, viewer, filt, today: since_queries.changes_since(
        engine, viewer, filt, default_since(today), today
    ),
    "network": lambda engine, viewer, filt, today: network_queries.network_overview(
        engine, viewer, today
    ),
    "netstages": lambda engine, viewer, filt, today: network_queries.stage_progress(
        engine, scope.network_view(viewer), today
    ),
    "netfunders": lambda engine, viewer, filt, today: network_queries.funders_together(
        engine, scope.network_view(viewer), today
    ),
    "netstories": lambda engine, viewer, filt, today: network_queries.highlighted_stories(
        engine, scope.network_view(viewer)
    ),
    # What the presentation computes when the page has not kept its blocks: no timeline.
    "netslides": lambda engine, viewer, filt, today: network_queries.network_overview(
        engine, viewer, today, timeline=False
    ),
    "weakest": change_logic.weakest_links,
    # The project page's statements, for the first project the viewer sees in detail.
    "project": lambda engine, viewer, filt, today: project_queries.project_detail(
        engine, viewer, _first_project(engine, viewer), today
    ),
    "logic": lambda engine, viewer, filt, today: change_logic.project_logic(
        engine, viewer, _first_project(engine, viewer), today
    ),
}
DEFAULT_STATEMENTS = ["rollup", "timeline", "units", "overview"]


def _first_project(engine, viewer) -> int | None:
    """The first project the viewer sees in detail (the benchmark opens its page)."""
    projects = scope.scoped_projects(viewer, PortfolioFilter(), scope.Lens.DETAIL, False)
    rows = scope.read(engine, select(projects.c.id).order_by(projects.c.id).limit(1))
    return rows[0]["id"] if rows else None


def _all_funders(engine, viewer) -> list[int]:
    """Every funder the viewer may compare: the Funders page's default choice."""
    return funder_queries.funder_choices(engine, viewer).funder_id.tolist()


def timings(function, engine, viewer, filt, today, runs: int) -> list[float]:
    function(engine, viewer, filt, today)  # builds a snapshot the first time
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function(engine, viewer, filt, today)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default=bench_data.sqlite_target("large").url)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--viewer", nargs="+", default=list(VIEWERS), choices=list(VIEWERS))
    parser.add_argument("--filter", nargs="+", default=["everything"], choices=list(FILTERS))
    parser.add_argument(
        "--statement", nargs="+", default=DEFAULT_STATEMENTS, choices=list(STATEMENTS)
    )
    args = parser.parse_args(argv)
    engine = scope.install_guard(make_engine(args.url))
    today = dt.date.today()
    print(f"{'viewer':<10}{'filter':<12}{'statement':<10}{'median':>8}{'p95':>8}")
    for viewer_name in args.viewer:
        for filter_name in args.filter:
            for name in args.statement:
                times = timings(
                    STATEMENTS[name],
                    engine,
                    VIEWERS[viewer_name],
                    FILTERS[filter_name],
                    today,
                    args.runs,
                )
                p95 = sorted(times)[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
                print(
                    f"{viewer_name:<10}{filter_name:<12}{name:<10}"
                    f"{statistics.median(times):>8.1f}{p95:>8.1f}",
                    flush=True,
                )
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
