"""What a callback that fails shows and logs: a friendly message in place of each output it
could not give, and one log line with the callback's outputs and input ids (never the values
themselves), with the traceback. The app hands every callback's exception here (``on_error``).
"""

from __future__ import annotations

import json
import logging

import dash
import dash_bootstrap_components as dbc
from flask import current_app, has_app_context

from components import ids
from components.i18n import DEFAULT_LANGUAGE, normalise_language, t
from components.portfolio import empty_figure

log = logging.getLogger(__name__)


def on_error(error: Exception):
    """A callback that failed: log it with the callback's outputs and inputs, and show a
    friendly message in its place; the browser gets no traceback.

    Returns one value per output, shaped like the callback's outputs (a dict for a callback
    declared with a dict of outputs, a list for several, one value for one): an alert where
    the output is ``children``, an empty figure with the message where it is ``figure``,
    ``no_update`` elsewhere.
    """
    ctx = dash.callback_context
    try:
        # Dash deprecates the flat lists for callbacks declared with dicts of outputs or
        # inputs; those come as groupings of the same entries.
        outputs = ctx.outputs_grouping if ctx.using_outputs_grouping else ctx.outputs_list
        arguments = _flat_specs(
            ctx.args_grouping if ctx.using_args_grouping else [ctx.inputs_list, ctx.states_list]
        )
        log.error(
            "callback failed: %s: %s; outputs %s; inputs %s",
            type(error).__name__,
            error,
            ", ".join(_prop_id(spec) for spec in _flat_specs(outputs)) or "none",
            # Ids and value shapes only: the values themselves may hold personal data.
            ", ".join(f"{_prop_id(spec)} ({_value_shape(spec.get('value'))})" for spec in arguments)
            or "none",
            exc_info=error,
        )
        return _fallback_outputs(outputs, t("error.data", _callback_language(arguments)))
    except Exception:  # the handler itself must never turn into a traceback for the browser
        log.exception("callback failed: %s; no fallback shown", error)
        return None


def _fallback_outputs(specs, message: str):
    """For ``specs`` (an output, a list or a dict of them, as Dash hands them over) the
    values that show ``message`` in the same shape."""
    if isinstance(specs, (list, tuple)):
        return [_fallback_outputs(spec, message) for spec in specs]
    if isinstance(specs.get("property"), str):
        prop = specs["property"].partition("@")[0]  # "value@hash" with allow_duplicate
        if prop == "children":
            return dbc.Alert(message, color="warning")
        if prop == "figure":
            return empty_figure("", message)
        return dash.no_update
    return {key: _fallback_outputs(spec, message) for key, spec in specs.items()}


def _callback_language(arguments: list[dict]) -> str:
    """The language of the page the request came from (the language store among the
    callback's states), else the app's default."""
    default = DEFAULT_LANGUAGE
    if has_app_context():
        settings = current_app.extensions.get("filantrimpact", {}).get("settings")
        default = settings.language if settings else default
    for spec in arguments:
        if spec.get("id") == ids.LANG_STORE and spec.get("property") == "data":
            return normalise_language(spec.get("value"), default)
    return default


def _flat_specs(specs) -> list[dict]:
    """Outputs, inputs or states as one flat list, from a single entry, a list (several, or
    a pattern-matching one) or a dict grouping of them."""
    if isinstance(specs, dict):
        if isinstance(specs.get("property"), str):
            return [specs]
        specs = list(specs.values())
    return [flat for spec in specs or [] for flat in _flat_specs(spec)]


def _prop_id(spec: dict) -> str:
    component = spec.get("id")
    if isinstance(component, dict):
        component = json.dumps(component, sort_keys=True, separators=(",", ":"))
    return f"{component}.{str(spec.get('property')).partition('@')[0]}"


def _value_shape(value: object) -> str:
    """The type of a value and, for collections and text, its length: enough to see what
    was sent without logging what it says."""
    if value is None:
        return "None"
    if isinstance(value, (str, list, tuple, dict)):
        return f"{type(value).__name__} of {len(value)}"
    return type(value).__name__
