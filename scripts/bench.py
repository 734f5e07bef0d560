"""Benchmark: Portfolio queries on a large demo portfolio (≈ 1 000 000 measurements).

Prints, per filter, the median time of each query and of the whole Portfolio callback.
Usage: ``python -m scripts.bench [--size large] [--database-url URL] [--repeat 5]``.
Without --database-url a temporary SQLite file is created and filled first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from functools import partial
from pathlib import Path

from sqlalchemy import func, select

from callbacks.portfolio import portfolio_outputs
from data_access import portfolio_queries as queries
from data_access import scope
from data_access.db import is_empty, make_engine, upgrade
from data_access.demo import seed_demo
from data_access.filters import PortfolioFilter
from data_access.models import Measurement
from data_access.viewer import Viewer

FILTERS = {
    "everything": PortfolioFilter(),
    "one theme": PortfolioFilter(themes=("people",)),
    "two regions, 2024–2025": PortfolioFilter(
        regions=("antwerpen", "limburg"), year_from=2024, year_to=2025
    ),
    "one funder": PortfolioFilter(funder_ids=(1,)),
}


def _median_ms(call, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="large", choices=("small", "medium", "large"))
    parser.add_argument("--database-url")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    workdir = tempfile.TemporaryDirectory()
    url = args.database_url or f"sqlite:///{Path(workdir.name) / 'bench.db'}"
    engine = make_engine(url)
    upgrade(engine)
    scope.install_guard(engine)  # as the app runs it
    if is_empty(engine):
        started = time.perf_counter()
        seed_demo(engine, args.size)
        print(
            f"generated and loaded {args.size} demo data in {time.perf_counter() - started:.1f} s"
        )
    with scope.trusted(engine.connect()) as conn:
        count = conn.scalar(select(func.count()).select_from(Measurement))
    print(f"{engine.dialect.name}: {count:,} measurements; median of {args.repeat} runs, ms\n")

    today = dt.date.today()
    viewers = {"admin": Viewer.admin(), "funder 1": Viewer.funder(1), "network": Viewer.network()}
    steps = {
        "portfolio_rollup": queries.portfolio_rollup,
        "progress_over_time": queries.progress_over_time,
        "unit_totals": queries.unit_totals,
        "all three, parallel": queries.portfolio_overview,
    }
    header = f"{'viewer':<10}{'filter':<26}" + "".join(f"{name:>20}" for name in steps)
    print(header + f"{'whole page':>14}")
    for viewer_name, viewer in viewers.items():
        for filter_name, filt in FILTERS.items():
            row = f"{viewer_name:<10}{filter_name:<26}"
            for step in steps.values():
                call = partial(step, engine, viewer, filt, today)
                row += f"{_median_ms(call, args.repeat):>20.0f}"
            page = partial(portfolio_outputs, engine, viewer, filt, "nl", today)
            print(row + f"{_median_ms(page, args.repeat):>14.0f}")
    engine.dispose()
    workdir.cleanup()


if __name__ == "__main__":
    main()
