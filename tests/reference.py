"""The portfolio roll-ups computed in plain Python from generated rows, using data_access.rules.

Slow and simple on purpose: it is what the SQL in data_access.queries must agree with.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from data_access import rules
from data_access.demo import DemoData
from data_access.filters import PortfolioFilter
from data_access.suppression import SMALL_GROUP
from data_access.viewer import Viewer
from data_access.vocabulary import PEOPLE_UNIT, STATUSES


class Reference:
    def __init__(self, data: DemoData):
        self.data = data
        self.projects = {row["id"]: row for row in data.projects}
        self.grants_by_project = defaultdict(list)
        for grant in data.grants:
            self.grants_by_project[grant["project_id"]].append(grant)
        self.measurements = defaultdict(list)
        for row in data.measurements:
            self.measurements[row["indicator_id"]].append(row)

    # scope

    def project_ids(self, viewer: Viewer, filt: PortfolioFilter) -> set[int]:
        chosen = set()
        for pid, project in self.projects.items():
            funders = {grant["funder_id"] for grant in self.grants_by_project[pid]}
            if viewer.role == "funder" and not funders & viewer.funder_ids:
                continue
            if viewer.role == "project" and pid not in viewer.project_ids:
                continue
            if viewer.role == "network" and project["visibility"] not in ("network", "public"):
                continue
            if filt.funder_ids and not funders & set(filt.funder_ids):
                continue
            if filt.themes and project["theme"] not in filt.themes:
                continue
            if filt.sub_themes and project["sub_theme"] not in filt.sub_themes:
                continue
            if filt.regions and project["region"] not in filt.regions:
                continue
            end = project["end_date"]
            if filt.period_start and end is not None and end < filt.period_start:
                continue
            if filt.period_end and project["start_date"] > filt.period_end:
                continue
            chosen.add(pid)
        return chosen

    def money(self, viewer: Viewer, filt: PortfolioFilter, pid: int) -> float:
        total = 0.0
        for grant in self.grants_by_project[pid]:
            if viewer.role == "funder" and grant["funder_id"] not in viewer.funder_ids:
                continue
            if filt.funder_ids and grant["funder_id"] not in filt.funder_ids:
                continue
            if filt.period_start and grant["awarded_on"] < filt.period_start:
                continue
            if filt.period_end and grant["awarded_on"] > filt.period_end:
                continue
            total += float(grant["amount_eur"])
        return total

    def _seen(self, indicator_id: int, as_of: dt.date, since: dt.date | None = None) -> list:
        return sorted(
            (
                row
                for row in self.measurements[indicator_id]
                if row["value"] is not None
                and row["period_end"] <= as_of
                and (since is None or row["period_end"] >= since)
            ),
            key=lambda row: row["period_end"],
        )

    # roll-ups

    def indicators(self, project_ids: set[int], as_of: dt.date) -> dict[int, dict]:
        result = {}
        for indicator in self.data.indicators:
            if indicator["project_id"] not in project_ids:
                continue
            if indicator["measure_kind"] == "qualitative":
                continue
            seen = self._seen(indicator["id"], as_of)
            latest = seen[-1]["value"] if seen else None
            progress = rules.progress(
                indicator["baseline_value"],
                indicator["target_value"],
                latest,
                indicator["direction"],
            )
            expected = rules.expected_progress(
                indicator["baseline_date"], indicator["target_date"], as_of
            )
            result[indicator["id"]] = {
                "project_id": indicator["project_id"],
                "progress": progress,
                "status": rules.status(progress, expected),
            }
        return result

    def key_figures(self, viewer: Viewer, filt: PortfolioFilter, today: dt.date) -> dict:
        as_of = filt.as_of(today)
        pids = self.project_ids(viewer, filt)
        facts = self.indicators(pids, as_of).values()
        figures = {
            "projects": len(pids),
            "money_eur": sum(self.money(viewer, filt, pid) for pid in pids),
            "indicators": len(facts),
            "avg_progress": rules.average_progress(fact["progress"] for fact in facts),
        }
        for status in STATUSES:
            figures[status] = sum(1 for fact in facts if fact["status"] == status)
        people = self.unit_totals(viewer, filt, today).get((PEOPLE_UNIT, "number", ""))
        figures["people_reached"] = people["total"] if people else None
        figures["people_projects"] = people["projects"] if people else 0
        return figures

    def theme_summary(self, viewer: Viewer, filt: PortfolioFilter, today: dt.date, level: str):
        as_of = filt.as_of(today)
        pids = self.project_ids(viewer, filt)
        facts = self.indicators(pids, as_of)
        groups: dict[tuple, dict] = {}
        for pid in pids:
            project = self.projects[pid]
            key = (
                (project["theme"],)
                if level == "theme"
                else (project["theme"], project["sub_theme"])
            )
            group = groups.setdefault(key, {"projects": 0, "money_eur": 0.0, "progress": []})
            group["projects"] += 1
            group["money_eur"] += self.money(viewer, filt, pid)
            group["progress"] += [f["progress"] for f in facts.values() if f["project_id"] == pid]
        for group in groups.values():
            group["indicators"] = len(group["progress"])
            group["avg_progress"] = rules.average_progress(group.pop("progress"))
            # Primary suppression only: secondary suppression is proven in test_suppression.
            group["small"] = viewer.role == "network" and 0 < group["projects"] < SMALL_GROUP
        return groups

    def unit_totals(self, viewer: Viewer, filt: PortfolioFilter, today: dt.date) -> dict:
        as_of = filt.as_of(today)
        pids = self.project_ids(viewer, filt)
        units: dict[tuple, dict] = {}
        for indicator in self.data.indicators:
            if indicator["project_id"] not in pids or not indicator["summable"]:
                continue
            kind = indicator["measure_kind"]
            if kind == "qualitative":
                continue
            pooled_name = indicator["name"] if kind == "percentage" else ""
            unit = units.setdefault(
                (indicator["unit"], kind, pooled_name),
                {"values": [], "pairs": [], "projects": set()},
            )
            if kind == "percentage":
                seen = self._seen(indicator["id"], as_of)
                if seen and seen[-1]["denominator"] is not None:
                    unit["pairs"].append((seen[-1]["numerator"], seen[-1]["denominator"]))
                    unit["projects"].add(indicator["project_id"])
                continue
            if indicator["accumulation"] == "cumulative":
                seen = self._seen(indicator["id"], as_of)
            else:
                seen = self._seen(indicator["id"], as_of, since=filt.period_start)
            total = rules.indicator_total(
                [(row["period_end"], row["value"]) for row in seen], indicator["accumulation"]
            )
            if total is not None:
                unit["values"].append(total)
                unit["projects"].add(indicator["project_id"])
        result = {}
        for key, unit in units.items():
            total = (
                rules.pooled_percentage(unit["pairs"])
                if key[1] == "percentage"
                else (sum(unit["values"]) if unit["values"] else None)
            )
            result[key] = {"total": total, "projects": len(unit["projects"])}
        return result
