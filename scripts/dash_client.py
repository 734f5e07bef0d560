"""A logged-in visitor without a browser: the login form, then Dash's callback requests sent
the way dash-renderer sends them, for the benchmark and the load test.

``Renderer`` reads the app's ``/_dash-layout`` and ``/_dash-dependencies`` and plays what the
browser would: open a page (the router's answer brings the page's components, whose initial
callbacks then fire, each after the callbacks that feed it) or change a control (its
dependants fire). Nothing in here knows this app's pages or callbacks, so a new page is
driven without changing it. Clientside callbacks are left out: they never reach the server.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

CALLBACK_PATH = "/_dash-update-component"
WILDCARDS = {"ALL", "MATCH", "ALLSMALLER"}
MAX_CALLBACKS_PER_STEP = 60  # a runaway chain stops here instead of looping for ever
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def login(session, base: str, username: str, password: str) -> None:
    """Log ``session`` (requests-like: ``get``/``post`` and cookies) in through the form."""
    page = session.get(f"{base}/login")
    match = _CSRF.search(page.text)
    if page.status_code != 200 or not match:
        raise RuntimeError(f"no login form at {base}/login ({page.status_code})")
    answer = session.post(
        f"{base}/login",
        data={"username": username, "password": password, "csrf_token": match[1]},
        allow_redirects=False,
    )
    if answer.status_code != 303:
        raise RuntimeError(f"login as {username} refused ({answer.status_code})")


# --- the renderer's request bodies ---------------------------------------------------------


def _parse_id(id_str: str):
    return json.loads(id_str) if id_str.startswith("{") else id_str


def _split(spec: str) -> dict:
    """A spec "id.property" split at the last dot; an ``@hash`` (allow_duplicate) stays."""
    id_str, _, prop = spec.rpartition(".")
    return {"id": _parse_id(id_str), "property": prop}


def _concrete(spec: dict) -> tuple[dict, bool]:
    """A pattern-matching spec made concrete (wildcards become 0) and whether it was ALL."""
    if not isinstance(spec["id"], dict):
        return spec, False
    is_all = any(value == ["ALL"] for value in spec["id"].values())
    concrete = {
        key: 0 if isinstance(value, list) and value and value[0] in WILDCARDS else value
        for key, value in spec["id"].items()
    }
    return {**spec, "id": concrete}, is_all


def prop_key(spec: dict) -> str:
    """The "id.property" Dash names in ``changedPropIds`` (ids as sorted JSON), no @hash."""
    id_ = spec["id"]
    id_str = (
        json.dumps(id_, sort_keys=True, separators=(",", ":")) if isinstance(id_, dict) else id_
    )
    return f"{id_str}.{spec['property'].split('@')[0]}"


def output_specs(dep: dict) -> list[dict]:
    output = dep["output"]
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    return [_split(part) for part in parts]


def _outputs_field(dep: dict) -> dict | list:
    specs = []
    for spec in output_specs(dep):
        concrete, is_all = _concrete(spec)
        specs.append([concrete] if is_all else concrete)
    return specs if dep["output"].startswith("..") else specs[0]


def _slot(spec: dict, value) -> dict | list:
    concrete, is_all = _concrete(spec)
    item = {**concrete, "value": value}
    return [item] if is_all else item


def request_body(dep: dict, values: dict[str, object], changed: list[str]) -> dict:
    """The JSON dash-renderer posts for ``dep``, its inputs and states read from ``values``
    (prop key -> value; missing ones are null)."""
    body = {
        "output": dep["output"],
        "outputs": _outputs_field(dep),
        "inputs": [_slot(spec, values.get(prop_key(spec))) for spec in dep["inputs"]],
        "changedPropIds": changed,
    }
    if dep["state"]:  # the renderer leaves "state" out when the callback has none
        body["state"] = [_slot(spec, values.get(prop_key(spec))) for spec in dep["state"]]
    return body


def short_name(dep: dict) -> str:
    """A readable name: the first output and how many more there are."""
    parts = dep["output"].strip(".").split("...")
    name = parts[0].split("@")[0]
    return name if len(parts) == 1 else f"{name}+{len(parts) - 1}"


# --- walking layouts -----------------------------------------------------------------------


def component_key(id_) -> str:
    return json.dumps(id_, sort_keys=True, separators=(",", ":")) if isinstance(id_, dict) else id_


def components(tree) -> Iterator[tuple[str, dict]]:
    """(component id, props) of every component with an id in a layout tree."""
    if isinstance(tree, list):
        for item in tree:
            yield from components(item)
    elif isinstance(tree, dict):
        props = tree.get("props") if "namespace" in tree else None
        if isinstance(props, dict):
            if "id" in props:
                yield component_key(props["id"]), props
            for value in props.values():
                yield from components(value)


def text_of(tree) -> str:
    """The visible text of a component tree (strings in ``children``), space-joined."""
    if isinstance(tree, str | int | float) and not isinstance(tree, bool):
        return str(tree)
    if isinstance(tree, list):
        return " ".join(filter(None, (text_of(item) for item in tree)))
    if isinstance(tree, dict) and isinstance(tree.get("props"), dict):
        return text_of(tree["props"].get("children"))
    return ""


# --- the renderer ----------------------------------------------------------------------------


@dataclass
class Fired:
    """One callback request: what was sent, how it went, what came back."""

    name: str
    dep: dict
    body: dict
    status: int
    seconds: float
    size: int  # response bytes
    response: dict | None  # the parsed JSON answer (None for 204 or an error)

    @property
    def outputs(self) -> dict:
        """{component id: {property: value}} of a 200 answer."""
        return (self.response or {}).get("response") or {}


Post = Callable[[str, dict], tuple[int, bytes]]  # (callback name, body) -> (status, content)


@dataclass
class Renderer:
    """What dash-renderer keeps for one browser tab: every component's props, and which
    callbacks may fire. ``post`` sends one callback request."""

    layout: dict
    dependencies: list[dict]
    post: Post
    values: dict[str, object] = field(default_factory=dict)
    present: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.dependencies = [d for d in self.dependencies if not d.get("clientside_function")]
        self._add_components(self.layout)

    def open(self, path: str, search: str = "") -> list[Fired]:
        """Go to ``path`` as a link does (dcc.Location): the callbacks that fire, in order."""
        first_load = "url.pathname" not in self.values
        changes = {"url.pathname": path, "url.search": search}
        self.values.update(changes)
        initial = self._initial(self.present) if first_load else {}
        return self._run({**initial, **self._triggered(changes)})

    def change(self, props: dict[str, object]) -> list[Fired]:
        """The visitor changes controls (prop key -> new value): their dependants fire."""
        self.values.update(props)
        return self._run(self._triggered(props))

    # The renderer fires a callback once none of its inputs still waits for another pending
    # callback; new components fire their initial callbacks, changed props their dependants.
    def _run(self, pending: dict[int, list[str]]) -> list[Fired]:
        fired: list[Fired] = []
        while pending and len(fired) < MAX_CALLBACKS_PER_STEP:
            waiting_for = {
                key for index in pending for key in self._output_keys(self.dependencies[index])
            }
            ready = [
                index
                for index in pending
                if not any(
                    prop_key(spec) in waiting_for
                    and prop_key(spec) not in self._output_keys(self.dependencies[index])
                    for spec in self.dependencies[index]["inputs"]
                )
            ] or list(pending)
            for index in ready:
                changed = pending.pop(index)
                result = self._fire(self.dependencies[index], changed)
                fired.append(result)
                new = self._apply(result)
                for other, keys in new.items():
                    pending.setdefault(other, [])
                    pending[other] = sorted({*pending[other], *keys})
        return fired

    def _fire(self, dep: dict, changed: list[str]) -> Fired:
        body = request_body(dep, self.values, changed)
        name = short_name(dep)
        started = time.perf_counter()
        status, content = self.post(name, body)
        seconds = time.perf_counter() - started
        response = json.loads(content) if status == 200 and content else None
        return Fired(name, dep, body, status, seconds, len(content), response)

    def _apply(self, result: Fired) -> dict[int, list[str]]:
        """Store a callback's outputs; the callbacks they set off, with their changed keys."""
        changes: dict[str, object] = {}
        new_ids: set[str] = set()
        for component_id, props in result.outputs.items():
            for prop, value in props.items():
                key = f"{component_id}.{prop}"
                self._remove_components(self.values.get(key))
                changes[key] = value
                new_ids |= self._add_components(value)
        self.values.update(changes)
        return {**self._initial(new_ids), **self._triggered(changes)}

    def _add_components(self, tree) -> set[str]:
        added = set()
        for component_id, props in components(tree):
            added.add(component_id)
            for prop, value in props.items():
                if prop != "id":
                    self.values[f"{component_id}.{prop}"] = value
        self.present |= added
        return added

    def _remove_components(self, tree) -> None:
        """Components replaced by new children are gone, with their props."""
        gone = {component_id for component_id, _ in components(tree)}
        if gone:
            self.present -= gone
            for key in [k for k in self.values if k.rpartition(".")[0] in gone]:
                del self.values[key]

    def _initial(self, new_ids: set[str]) -> dict[int, list[str]]:
        """Callbacks that fire because components appeared: all their inputs are on the page
        and some input or output is new (unless they ask not to fire initially)."""
        found = {}
        for index, dep in enumerate(self.dependencies):
            if dep.get("prevent_initial_call") or not self._inputs_present(dep):
                continue
            touched = {component_key(_concrete(s)[0]["id"]) for s in dep["inputs"]}
            touched |= {component_key(_concrete(s)[0]["id"]) for s in output_specs(dep)}
            if touched & new_ids and self._outputs_present(dep):
                found[index] = []
        return found

    def _triggered(self, changes: dict[str, object]) -> dict[int, list[str]]:
        found = {}
        for index, dep in enumerate(self.dependencies):
            keys = [prop_key(s) for s in dep["inputs"] if prop_key(s) in changes]
            if keys and self._inputs_present(dep) and self._outputs_present(dep):
                found[index] = keys
        return found

    def _outputs_present(self, dep: dict) -> bool:
        """A callback none of whose outputs is on the page does not fire."""
        return any(component_key(_concrete(s)[0]["id"]) in self.present for s in output_specs(dep))

    def _inputs_present(self, dep: dict) -> bool:
        return all(component_key(_concrete(s)[0]["id"]) in self.present for s in dep["inputs"])

    @staticmethod
    def _output_keys(dep: dict) -> set[str]:
        return {prop_key(_concrete(spec)[0]) for spec in output_specs(dep)}


def renderer_for(session, base: str, post: Post | None = None) -> Renderer:
    """A fresh tab for a logged-in ``session``: the app's layout and callbacks over HTTP."""
    layout = session.get(f"{base}/_dash-layout").json()
    dependencies = session.get(f"{base}/_dash-dependencies").json()

    def post_with_session(_name: str, body: dict) -> tuple[int, bytes]:
        answer = session.post(f"{base}{CALLBACK_PATH}", json=body)
        return answer.status_code, answer.content

    return Renderer(layout, dependencies, post or post_with_session)
