"""What the load test checks in every callback answer: each demo account sees only its scope.

``Expectations`` are worked out once before the load starts (from the database and from the
administrator's view); ``violations(role, outputs, text)`` lists what is wrong in one answer.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from scripts.dash_client import text_of

MONEY_ID = "kpi-money"
PROJECTS_ID = "kpi-projects"
FUNDER_OPTIONS = ("filter-funder", "options")


@dataclass
class Expectations:
    accounts: dict[str, str]  # login -> password
    roles: dict[str, str]  # login -> role
    funder_ids: list[int]  # the demo funder account's own funders
    funder_total_eur: int  # its money as the administrator sees it, filtered on those funders
    lead_projects: int  # how many projects the demo project lead has
    hidden_names: list[str]  # names of projects the network may not see
    all_funder_ids: list[int]  # for forged filters
    error_text: str  # what the app shows when a callback failed
    notes: list[str] = field(default_factory=list)

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1))

    @classmethod
    def load(cls, path: str | Path) -> Expectations:
        return cls(**json.loads(Path(path).read_text()))


def kpi_number(outputs: dict, component_id: str) -> int | None:
    """The big number of a key-figure card ("€ 1.234.567", "12") as a whole number; None
    when the answer has no such card or it is hidden ("–")."""
    children = outputs.get(component_id, {}).get("children")
    if not isinstance(children, list) or not children:
        return None
    digits = re.sub(r"[^\d]", "", text_of(children[0]))
    return int(digits) if digits else None


def violations(expect: Expectations, role: str, outputs: dict, text: str) -> list[str]:
    """What in one callback answer (its outputs, and its raw text) breaks the account's scope,
    or shows the app's error message."""
    found = []
    if expect.error_text and expect.error_text in text:
        found.append("the app showed its error message")
    if role == "funder":
        money = kpi_number(outputs, MONEY_ID)
        if money is not None and money > expect.funder_total_eur:
            found.append(f"funder sees € {money:,}, more than its € {expect.funder_total_eur:,}")
        options = outputs.get(FUNDER_OPTIONS[0], {}).get(FUNDER_OPTIONS[1])
        if isinstance(options, list):
            foreign = {o.get("value") for o in options} - set(expect.funder_ids)
            if foreign:
                found.append(f"funder may pick other funders: {sorted(foreign)[:5]}")
    elif role == "project":
        projects = kpi_number(outputs, PROJECTS_ID)
        if projects is not None and projects > expect.lead_projects:
            found.append(f"project lead sees {projects} projects, has {expect.lead_projects}")
    elif role == "network":
        leaked = [name for name in expect.hidden_names if name in text]
        if leaked:
            found.append(f"network sees hidden projects: {leaked[:3]}")
    return found
