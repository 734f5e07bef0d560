"""Hostile callback input over HTTP: every server-side callback the app lists in
``/_dash-dependencies`` gets wrong-typed and hostile values in every input and state slot, sent
the way the Dash renderer sends them, and must never answer with a 500 or a traceback."""

from __future__ import annotations

import datetime as dt
import logging
import re
import tempfile
from collections.abc import Callable, Iterator

import dash
import pytest
from flask import got_request_exception

from components import ids
from dashboard.app import create_app
from dashboard.config import Settings
from data_access.viewer import Viewer
from scripts.dash_client import prop_key, request_body, short_name
from tests.conftest import sqlite_engine
from tests.factory import three_projects

THIS_YEAR = dt.date.today().year
pytestmark = pytest.mark.usefixtures("charts_without_chromium")

# What a browser (or anyone posting to /_dash-update-component) may put in a value.
HOSTILE: list[object] = [
    None,
    0,
    -1,
    3.5,
    True,
    False,
    10**30,  # wider than any database integer
    -(2**63),
    float("nan"),  # Python's json writes and reads NaN/Infinity; a browser never sends them
    float("inf"),
    "NaN",
    "",
    " ",
    "x" * 100_000,
    "<script>alert(1)</script>",
    "'; DROP TABLE project; --",
    "1 OR 1=1",
    "../../etc/passwd",
    "?funder=1&lang=xx",
    "?funder=²&from=²&theme=<b>&lang=en",
    "²",  # str.isdigit() says yes, int() says no
    "\x00",
    "\ud800",  # a lone surrogate: valid JSON, not encodable as UTF-8
    [],
    [1, "a", None],
    [[["deep"]]],
    ["people", {"x": 1}],
    ["x"] * 5_000,
    {},
    {"a": {"b": [1]}},
    {"points": "x"},
    {"points": [{"id": {"x": 1}}]},
    {"query": ["not", "a", "dict"], "lang": 5, "search": None},
    # The shell's state as the change logic leaves it, with the page's part forged.
    {"query": {}, "page": {"project": {"x": [1]}, "lang": []}, "search": 7},
]


def _diagram_key(part: str, prop: str, prefix: str = "project-page") -> str:
    """The slot name of a pattern-matching diagram part, as ``prop_key`` writes it."""
    return prop_key({"id": ids.diagram_part(part, prefix, ["MATCH"]), "property": prop})


# What the browser would send for each slot when nothing is forged; anything not listed: null.
DEFAULTS: dict[str, object] = {
    f"{ids.URL}.pathname": "/",
    f"{ids.URL}.search": "?lang=nl",
    f"{ids.LANG_STORE}.data": "nl",
    f"{ids.QUERY_STORE}.data": {"query": {"lang": "nl"}, "search": "?lang=nl", "lang": "nl"},
    f"{ids.FILTER_FUNDER}.value": [],
    f"{ids.FILTER_THEME}.value": [],
    f"{ids.FILTER_SUB_THEME}.value": [],
    f"{ids.FILTER_REGION}.value": [],
    f"{ids.FILTER_YEAR_FROM}.value": None,
    f"{ids.FILTER_YEAR_TO}.value": None,
    f"{ids.FILTER_RESET}.n_clicks": 1,
    f"{ids.GRAPH_THEMES}.clickData": {"points": [{"id": "people"}]},
    # The Project page of Buurtkeuken (project 4, the project lead's own) and the tiles.
    f"{ids.PROJECT_ID}.data": "4",
    f"{ids.PROJECTS_SORT}.value": "name",
    f"{ids.PROJECTS_PAGER}.active_page": 1,
    # A step tapped in the Project page's change-logic diagram.
    _diagram_key(ids.DIAGRAM_GRAPH, "tapNodeData"): {"id": "1"},
    # The same on the Change-logic page's own diagram.
    _diagram_key(ids.DIAGRAM_GRAPH, "tapNodeData", "cl"): {"id": "1"},
}

VIEWERS: dict[str, Callable[[], Viewer]] = {
    "admin": Viewer.admin,
    "network": Viewer.network,
    "funder": lambda: Viewer.funder(1),
    # Buurtkeuken, the first project of three_projects (after funders 1-2, organisation 3)
    "project": lambda: Viewer.project(4),
}

# A Python exception's name, a traceback or a source line must never reach the browser.
# (The word boundary first keeps the search linear: without it a long run of letters, as an
# echoed hostile value, costs seconds.)
LEAK = re.compile(r"Traceback|File \"|\b[A-Za-z]*(?:Error|Exception)\b")


# --- the renderer's request bodies (built as scripts/dash_client builds them for the bench) --


def _body(dep: dict, values: list, changed: list[str]) -> dict:
    """The JSON dash-renderer posts for ``dep`` with ``values`` for its inputs then states."""
    keys, _ = _slots(dep)
    return request_body(dep, dict(zip(keys, values, strict=True)), changed)


def _slots(dep: dict) -> tuple[list[str], list]:
    """The prop ids of the inputs then states, and the browser's ordinary value for each."""
    keys = [prop_key(spec) for spec in [*dep["inputs"], *dep["state"]]]
    return keys, [DEFAULTS.get(key) for key in keys]


# Callbacks that make a file (an import check, a download, the board pack) take tenths of a
# second per request: one slot at a time they get every third hostile value, a different
# third per slot, so that every value still reaches them; the all-slot requests stay whole.
HEAVY = ("data-file-name", "export-download", "pack-download")


def _requests(dep: dict) -> Iterator[tuple[str, dict]]:
    """(description, body): the defaults; one hostile value in one slot at a time (that slot
    the trigger when it is an input); every slot the same hostile value; every slot a different
    one."""
    keys, defaults = _slots(dep)
    first_input = keys[:1]
    heavy = any(name in dep["output"] for name in HEAVY)
    yield "defaults", _body(dep, defaults, first_input)
    for position, key in enumerate(keys):
        changed = [key] if position < len(dep["inputs"]) else first_input
        for index, value in enumerate(HOSTILE):
            if heavy and index % 3 != position % 3:
                continue
            values = [*defaults]
            values[position] = value
            yield f"{key}={_show(value)}", _body(dep, values, changed)
    if len(keys) == 1:
        return  # the same requests again
    all_inputs = keys[: len(dep["inputs"])]
    for value in HOSTILE:
        yield f"all slots={_show(value)}", _body(dep, [value] * len(keys), all_inputs)
    for shift in range(len(HOSTILE)):
        values = [HOSTILE[(shift + i) % len(HOSTILE)] for i in range(len(keys))]
        yield f"mixed={[_show(v) for v in values]}", _body(dep, values, all_inputs)


def _show(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:40]}…({len(text)} chars)"


# --- the callbacks to fuzz ------------------------------------------------------------------


def _server_callbacks(app) -> dict[str, dict]:
    """The app's server-side callbacks from ``/_dash-dependencies``, by readable name."""
    response = app.server.test_client().get("/_dash-dependencies")
    assert response.status_code == 200
    found: dict[str, dict] = {}
    for dep in response.get_json():
        if dep.get("clientside_function"):
            continue
        name = short_name(dep)
        while name in found:
            name += "'"
        found[name] = dep
    return found


def _listed_at_collection() -> list[str]:
    """Callback names for parametrize (listing them opens no database)."""
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            Settings(database_url=f"sqlite:///{folder}/unused.db"), viewer_for_request=Viewer.admin
        )
        try:
            return sorted(_server_callbacks(app))
        finally:
            app.server.extensions["filantrimpact"]["engine"].dispose()


CALLBACKS = _listed_at_collection()


@pytest.fixture(scope="module")
def database_url(tmp_path_factory) -> str:
    """A small hand-made SQLite portfolio: three projects, two funders (ids 1 and 2)."""
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    engine = sqlite_engine(path)
    three_projects(engine, THIS_YEAR)
    engine.dispose()
    return f"sqlite:///{path}"


@pytest.fixture(scope="module")
def apps(database_url) -> Iterator[Callable[[str], dash.Dash]]:
    """One app per viewer, built lazily and shared by the module's tests."""
    built: dict[str, dash.Dash] = {}

    def app_for(viewer: str) -> dash.Dash:
        if viewer not in built:
            built[viewer] = create_app(
                Settings(database_url=database_url), viewer_for_request=VIEWERS[viewer]
            )
        return built[viewer]

    yield app_for
    for app in built.values():
        app.server.extensions["filantrimpact"]["engine"].dispose()


def test_fuz000_every_server_callback_is_fuzzed(apps):
    listed = _server_callbacks(apps("admin"))
    assert sorted(listed) == CALLBACKS
    assert len(CALLBACKS) >= 5  # the router, the navbar, the filter bar and the portfolio


@pytest.mark.parametrize("viewer", list(VIEWERS))
@pytest.mark.parametrize("callback", CALLBACKS)
def test_fuz001_hostile_values_never_give_a_500(apps, callback, viewer, caplog):
    caplog.set_level(logging.ERROR, logger="callbacks.errors")
    app = apps(viewer)
    dep = _server_callbacks(app)[callback]
    client = app.server.test_client()
    crashes: list[str] = []

    def record(_sender, exception, **_extra):
        crashes.append(f"{type(exception).__name__}: {exception}"[:300])

    failures: list[str] = []
    answered = 0
    requests = 0
    got_request_exception.connect(record, app.server)
    try:
        for description, body in _requests(dep):
            requests += 1
            crashes.clear()
            response = client.post("/_dash-update-component", json=body)
            text = response.get_data(as_text=True)
            # Every body has the shape dash-renderer sends, so Dash never rejects it before
            # our function runs: only 200 (an answer) or 204 (PreventUpdate / no_update) will do.
            if response.status_code not in (200, 204):
                failures.append(f"{response.status_code} for {description} {crashes}")
            elif LEAK.search(text):
                failures.append(f"leak {LEAK.search(text)[0]!r} for {description}")
            elif response.status_code == 200:
                payload = response.get_json()
                if not isinstance(payload.get("response"), dict):
                    failures.append(f"200 without a response for {description}")
                answered += 1
            elif description == "defaults":
                failures.append("the default values got no answer")
    finally:
        got_request_exception.disconnect(record, app.server)

    assert not failures, f"{len(failures)} of {requests} requests failed:\n" + "\n".join(
        failures[:25]
    )
    # The corpus reached the callback: the defaults (at least) were answered with JSON.
    assert answered >= 1
    # ... and the callback dealt with every value itself: the app's last safety net (on_error,
    # which logs "callback failed" and changes nothing) was never needed.
    netted = [r.getMessage()[:200] for r in caplog.records if r.name == "callbacks.errors"]
    assert not netted, netted[:5]


# str.isdigit() accepts these, int() does not: the filter parsing must reject them itself.
DIGIT_LOOKALIKES: list[object] = ["²", ["⑦"], "?funder=²", "?from=²"]


def test_fuz002_digit_lookalikes_are_handled_before_the_safety_net(apps, caplog):
    """Values the callbacks should reject themselves, not leave to ``on_error`` (which logs
    "callback failed" and leaves the page as it was)."""
    app = apps("admin")
    client = app.server.test_client()
    caplog.set_level(logging.ERROR, logger="callbacks.errors")
    for dep in _server_callbacks(app).values():
        keys, defaults = _slots(dep)
        for position in range(len(keys)):
            for value in DIGIT_LOOKALIKES:
                values = [*defaults]
                values[position] = value
                body = _body(dep, values, keys[:1])
                response = client.post("/_dash-update-component", json=body)
                assert response.status_code in (200, 204)
    caught = {record.getMessage() for record in caplog.records if record.name == "callbacks.errors"}
    assert not caught
