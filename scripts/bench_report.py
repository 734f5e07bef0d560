"""The benchmark's report: the goals, a table on screen, JSON and CSV files."""

from __future__ import annotations

import csv
import json
import os
import platform
import subprocess
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from scripts.bench_browser import GOAL_COLD_S, GOAL_WARM_S

GOAL_SIZE = "large"  # the size the latency goals are set for; smaller ones are informative
# "20× faster than L" is judged where L takes at least 20 × the 15 ms a cache hit may take:
# for an account that sees a few projects L is a 5-30 ms statement, and 20× faster than that
# is below what any answer over HTTP takes (the goal was set from L over the whole portfolio).
L_FLOOR_MS = 20 * 15.0


@dataclass(frozen=True)
class Goal:
    """One goal for a page's callbacks: what is measured, the limit, which way is better."""

    key: str
    text: str
    measure: Callable[[object], float | None]
    limit: Callable[[dict], float | None]  # from the result (database, cache)
    lower_is_better: bool
    unit: str

    def verdict(self, row, result: dict) -> dict | None:
        """{"pass", "measured", "limit", "margin"} for a row, or None when it does not apply."""
        measured, limit = self.measure(row), self.limit(result)
        if measured is None or limit is None:
            return None
        ok = measured <= limit if self.lower_is_better else measured >= limit
        return {
            "pass": ok,
            "measured": measured,
            "limit": limit,
            "margin": self.margin(measured, limit),
        }

    def margin(self, measured: float, limit: float) -> str:
        if self.unit == "ms":
            gap = limit - measured
            if gap >= 0:
                return f"{gap:.0f} ms under"
            return f"{-gap:.0f} ms over ({measured / limit:.1f}× the limit)"
        if measured >= limit:
            return f"{measured / limit:.1f}× the goal"
        return f"{limit / measured:.1f}× short" if measured > 0 else "no speed-up"


GOALS = (
    Goal(
        "cold_p95",
        "p95 with the cache emptied ≤ 100 ms on SQLite, 150 ms on PostgreSQL (at large)",
        lambda row: row.cold_p95_ms,
        lambda result: 100.0 if result["database"] == "sqlite" else 150.0,
        True,
        "ms",
    ),
    Goal(
        "warm_p95",
        "p95 on a cache hit ≤ 15 ms",
        lambda row: row.warm_p95_ms,
        lambda result: 15.0 if result["cache"] else None,
        True,
        "ms",
    ),
    Goal(
        "l_over_a",
        "A at least 20× faster than L (L / A; A = warm median;"
        f" where L takes ≥ {L_FLOOR_MS:.0f} ms)",
        lambda row: row.l_over_a if row.l_ms is not None and row.l_ms >= L_FLOOR_MS else None,
        lambda result: 20.0,
        False,
        "×",
    ),
    Goal(
        "p_over_a",
        "P at least 50× slower than A (P / A; A = warm median)",
        lambda row: row.p_over_a,
        lambda result: 50.0,
        False,
        "×",
    ),
)
SYMBOLS = {"cold_p95": "cold", "warm_p95": "hit", "l_over_a": "L", "p_over_a": "P"}


def judge(results: list[dict]) -> None:
    """Attach every goal's verdict to the page callbacks' rows."""
    for result in results:
        for row in result["rows"]:
            if row.kind != "page":
                continue
            for goal in GOALS:
                verdict = goal.verdict(row, result)
                if verdict:
                    row.goals[goal.key] = verdict


def summary(result: dict) -> list[dict]:
    """Per goal: how many page callbacks pass, and the worst one."""
    lines = []
    for goal in GOALS:
        judged = [(row, row.goals[goal.key]) for row in result["rows"] if goal.key in row.goals]
        if not judged:
            reason = "no cache in the app: every run is cold" if goal.key == "warm_p95" else "-"
            lines.append({"goal": goal.key, "text": goal.text, "verdict": "n/a", "note": reason})
            continue
        pick = max if goal.lower_is_better else min
        worst_row, worst = pick(judged, key=lambda item: item[1]["measured"])
        passed = sum(1 for _, verdict in judged if verdict["pass"])
        lines.append(
            {
                "goal": goal.key,
                "text": goal.text,
                "verdict": "pass" if passed == len(judged) else "miss",
                "passed": passed,
                "judged": len(judged),
                "worst": f"{worst_row.login} {worst_row.page} {worst_row.callback}",
                "worst_measured": worst["measured"],
                "limit": worst["limit"],
                "margin": worst["margin"],
                "unit": " ms" if goal.unit == "ms" else "×",
                "informative": goal.key == "cold_p95" and result["size"] != GOAL_SIZE,
            }
        )
    return lines


# --- on screen ---------------------------------------------------------------------------

COLUMNS = (
    ("account", 14, lambda r: r.login),
    ("page", 13, lambda r: r.page),
    ("callback", 32, lambda r: r.callback),
    ("first", 7, lambda r: f"{r.first_ms:.1f}"),
    ("cold½", 7, lambda r: f"{r.cold_median_ms:.1f}"),
    ("cold95", 7, lambda r: f"{r.cold_p95_ms:.1f}"),
    ("warm½", 7, lambda r: f"{r.warm_median_ms:.1f}"),
    ("warm95", 7, lambda r: f"{r.warm_p95_ms:.1f}"),
    ("KB", 7, lambda r: f"{r.bytes / 1024:.1f}"),
    ("L", 7, lambda r: "" if r.l_ms is None else f"{r.l_ms:.0f}"),
    ("P", 7, lambda r: "" if r.p_ms is None else f"{r.p_ms:.0f}"),
    ("L/A", 6, lambda r: "" if r.l_over_a is None else f"{r.l_over_a:.0f}×"),
    ("P/A", 6, lambda r: "" if r.p_over_a is None else f"{r.p_over_a:.0f}×"),
    ("MB", 6, lambda r: f"{r.peak_rss_mb:.0f}"),
)


def _goal_flags(row) -> str:
    if row.kind != "page":
        return f"({row.kind})"
    return " ".join(
        f"{SYMBOLS[key]}{'✓' if verdict['pass'] else '✗'}" for key, verdict in row.goals.items()
    )


def print_result(result: dict, runs: int) -> None:
    cache = result["cache"] or "none: every run is cold"
    print(
        f"\n== {result['database']} {result['size']}: {result['measurements']:,} measurements;"
        f" app cache: {cache}; {runs} cold and {runs} warm runs per callback =="
    )
    print("   ms over HTTP; cold: the cache emptied before each run; first: in the page load")
    print("   L = one SQL statement, P = pandas, per account; L/A, P/A: over the warm median")
    header = "".join(
        f"{name:<{width}}" if i < 3 else f"{name:>{width}}"
        for i, (name, width, _) in enumerate(COLUMNS)
    )
    print(header + "  goals")
    for row in result["rows"]:
        cells = "".join(
            f"{get(row)!s:<{width}}" if i < 3 else f"{get(row)!s:>{width}}"
            for i, (_, width, get) in enumerate(COLUMNS)
        )
        print(cells + "  " + _goal_flags(row))
    print("\n   baselines per account: L, P (median ms), peak memory during P, do they agree?")
    for login, checks in result["baselines"].items():
        agree_p = _agreement(checks["l_vs_p"])
        agree_app = _agreement(checks["l_vs_app"])
        print(
            f"   {login:<14} L {checks['l_ms']:>8.1f}   P {checks['p_ms']:>8.1f}   "
            f"P peak {checks['p_peak_rss_mb']:>5.0f} MB   L = P: {agree_p}   L = app: {agree_app}"
        )
    print("\n   goals for each page's own callbacks (shell and filter bar: listed, not judged):")
    for line in summary(result):
        if line["verdict"] == "n/a":
            print(f"   n/a   {line['text']}: {line['note']}")
            continue
        note = f" (goal set at {GOAL_SIZE}; for information)" if line["informative"] else ""
        print(
            f"   {line['verdict']:<5} {line['text']}: {line['passed']}/{line['judged']} pass;"
            f" worst {line['worst']}: {line['worst_measured']:.1f}{line['unit']}"
            f", {line['margin']}{note}"
        )
    if result["browser"]:
        print("\n   in Chromium: seconds until every callback of the page has settled")
        for item in result["browser"]:
            cold = "never" if item["cold_s"] is None else f"{item['cold_s']:.2f}"
            if item.get("first_visit"):
                print(
                    f"   {item['login']:<14}{item['page']:<20} {cold:>6}   (scripts not yet"
                    " in the browser's cache; not judged)"
                )
                continue
            warm = "never" if item["warm_s"] is None else f"{item['warm_s']:.2f}"
            print(
                f"   {item['login']:<14}{item['page']:<20} cold {cold:>6}   warm {warm:>6}  "
                + " ".join(_browser_flags(item))
            )
        for line in browser_summary(result["browser"]):
            print(f"   {line}")


def _browser_flags(item: dict) -> list[str]:
    return [
        f"{run}{'✓' if _within(item[f'{run}_s'], limit) else '✗'}"
        for run, limit in (("cold", GOAL_COLD_S), ("warm", GOAL_WARM_S))
    ]


def _within(seconds, limit: float) -> bool:
    return seconds is not None and seconds <= limit


def browser_summary(items: list[dict]) -> list[str]:
    """Per browser goal: pass or miss, how many pages pass, the worst and by how much."""
    lines = []
    judged = [item for item in items if not item.get("first_visit")]
    for run, limit in (("cold", GOAL_COLD_S), ("warm", GOAL_WARM_S)):
        if not judged:
            break
        passed = sum(_within(item[f"{run}_s"], limit) for item in judged)
        worst = max(judged, key=lambda item: item[f"{run}_s"] or float("inf"))
        seconds = worst[f"{run}_s"]
        verdict = "pass" if passed == len(judged) else "miss"
        shown = "never" if seconds is None else f"{seconds:.2f} s"
        lines.append(
            f"{verdict:<5} page settled {run} ≤ {limit:g} s: {passed}/{len(judged)} pass;"
            f" worst {worst['login']} {worst['page']}: {shown}"
        )
    return lines


def _agreement(difference) -> str:
    if isinstance(difference, str):
        return difference
    return "yes" if difference < 1e-9 else f"NO (differs by {difference:.3g})"


# --- files -------------------------------------------------------------------------------


def _commit() -> str | None:
    """The commit measured, with "+changes" when the working tree differs from it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return f"{head}+changes" if changed else head


def _row_dict(row) -> dict:
    ratios = ("l_over_a", "p_over_a", "l_over_a_cold", "p_over_a_cold")
    return {**asdict(row), **{name: getattr(row, name) for name in ratios}}


def report(results: list[dict], args, started, folder: Path) -> list[Path]:
    """Judge, print, and write ``bench-<time>.json`` and ``.csv`` into ``folder``."""
    judge(results)
    for result in results:
        print_result(result, args.runs)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = started.strftime("%Y%m%d-%H%M%S")
    meta = {
        "started": started.isoformat(timespec="seconds"),
        "commit": _commit(),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "runs": args.runs,
        "lp_runs": args.lp_runs,
        "goals": {goal.key: goal.text for goal in GOALS},
        "memory": "peak resident set size of the benchmark process, which serves the app",
    }
    document = {
        "meta": meta,
        "results": [
            {
                **{k: v for k, v in result.items() if k != "rows"},
                "rows": [_row_dict(row) for row in result["rows"]],
                "summary": summary(result),
            }
            for result in results
        ],
    }
    json_path = folder / f"bench-{stamp}.json"
    json_path.write_text(json.dumps(document, indent=2, ensure_ascii=False, default=str))
    csv_path = folder / f"bench-{stamp}.csv"
    rows = [row for result in results for row in result["rows"]]
    with csv_path.open("w", newline="") as handle:
        first = _row_dict(rows[0]) if rows else {}
        fields = [name for name in first if name != "goals"] + [f"goal_{g.key}" for g in GOALS]
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        for row in rows:
            line = {k: v for k, v in _row_dict(row).items() if k != "goals"}
            for goal in GOALS:
                verdict = row.goals.get(goal.key)
                line[f"goal_{goal.key}"] = (
                    "" if verdict is None else ("pass" if verdict["pass"] else "miss")
                )
            writer.writerow(line)
    return [json_path, csv_path]
