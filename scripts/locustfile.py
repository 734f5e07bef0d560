"""Locust visitors for ``make loadtest``: the four demo accounts in turn, each logging in,
opening pages and changing the Portfolio's filters the way dash-renderer would, and every
callback answer checked against the account's scope (``scripts.scope_checks``).

Run through ``python -m scripts.loadtest``, which prepares the database, starts gunicorn and
writes the expectations this file reads (path in FILANTRIMPACT_LOADTEST_EXPECT).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import sys
from pathlib import Path

from locust import HttpUser, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.pages import NOT_FOUND, PAGES  # noqa: E402
from scripts.dash_client import CALLBACK_PATH, Renderer, login  # noqa: E402
from scripts.scope_checks import Expectations, violations  # noqa: E402

EXPECT = Expectations.load(os.environ["FILANTRIMPACT_LOADTEST_EXPECT"])
_NEXT_ACCOUNT = itertools.count()
FILTERS = ("funder", "theme", "region", "period")
SCOPE_VIOLATIONS: list[str] = []


@events.quitting.add_listener
def _report_violations(environment, **_kwargs):
    if SCOPE_VIOLATIONS:
        environment.process_exit_code = 1


class Visitor(HttpUser):
    """One person at the dashboard: think time between steps, one tab."""

    wait_time = between(1, 3)

    def on_start(self) -> None:
        accounts = sorted(EXPECT.accounts)
        self.login_name = accounts[next(_NEXT_ACCOUNT) % len(accounts)]
        self.role = EXPECT.roles[self.login_name]
        login(self.client, "", self.login_name, EXPECT.accounts[self.login_name])
        self.pages = [
            page.path
            for page in PAGES
            if page is not NOT_FOUND and (page.roles is None or self.role in page.roles)
        ]
        self.new_tab("/")

    # --- what the visitor does ---------------------------------------------------------

    @task(6)
    def change_a_filter(self) -> None:
        if self.renderer.values.get("url.pathname") != "/":
            self.renderer.open("/", "?lang=nl")
        kind = random.choice(FILTERS)
        if random.random() < 0.15:
            change = {f"filter-{name}.value": [] for name in ("funder", "theme", "region")}
            change |= {"filter-year-from.value": None, "filter-year-to.value": None}
        elif kind == "period":
            years = self._option_values("filter-year-from")
            start = random.choice(years)
            end = random.choice([y for y in years if y >= start])
            change = {"filter-year-from.value": start, "filter-year-to.value": end}
        elif kind == "funder" and random.random() < 0.2:
            # A forged request: a funder the account may not pick (or that does not exist).
            change = {"filter-funder.value": [random.choice(EXPECT.all_funder_ids + [99999])]}
        else:
            values = self._option_values(f"filter-{kind}")
            picked = random.sample(values, k=min(len(values), random.randint(0, 2)))
            change = {f"filter-{kind}.value": picked}
        self.renderer.change(change)

    @task(2)
    def open_another_page(self) -> None:
        self.renderer.open(random.choice(self.pages), "?lang=nl")

    @task(1)
    def reload(self) -> None:
        self.new_tab(self.renderer.values.get("url.pathname") or "/")

    # --- plumbing ----------------------------------------------------------------------

    def new_tab(self, path: str) -> None:
        self.client.get(f"{path}?lang=nl", name="page (html)")
        layout = self.client.get("/_dash-layout").json()
        dependencies = self.client.get("/_dash-dependencies").json()
        self.renderer = Renderer(layout, dependencies, self._post)
        self.renderer.open(path, "?lang=nl")

    def _option_values(self, component_id: str) -> list:
        options = self.renderer.values.get(f"{component_id}.options") or []
        return [o["value"] for o in options if isinstance(o, dict) and "value" in o]

    def _post(self, name: str, body: dict) -> tuple[int, bytes]:
        with self.client.post(
            CALLBACK_PATH, json=body, name=f"callback {name}", catch_response=True
        ) as response:
            content = response.content or b""
            if response.status_code not in (200, 204):
                response.failure(f"status {response.status_code}")
                return response.status_code, content
            outputs, text = {}, ""
            if response.status_code == 200:
                try:
                    outputs = json.loads(content).get("response") or {}
                except ValueError:
                    response.failure("an answer that is not JSON")
                    return 500, b""
                # Names as written, not as JSON escapes them ("caf\u00e9").
                text = json.dumps(outputs, ensure_ascii=False)
            problems = violations(EXPECT, self.role, outputs, text)
            if problems:
                SCOPE_VIOLATIONS.extend(problems)
                response.failure(f"scope violation ({self.login_name}): {'; '.join(problems)}")
            else:
                response.success()
            return response.status_code, content
