"""One look for every figure: a colour-blind-safe palette (Paul Tol's), one fixed colour per
theme and per status, Belgian number separators and type readable on a projector."""

from __future__ import annotations

import json
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import plotly.graph_objects as go

THEME_COLOURS = {
    "people": "#AA3377",  # purple
    "society": "#4477AA",  # blue
    "environment": "#228833",  # green
}
STATUS_COLOURS = {
    "achieved": "#004488",
    "on_track": "#33BBEE",
    "at_risk": "#EE7733",
    "off_track": "#CC3311",
    "no_data": "#BBBBBB",
}
# Text drawn on top of a status colour, chosen for contrast.
STATUS_TEXT_COLOURS = {
    "achieved": "#FFFFFF",
    "on_track": "#000000",
    "at_risk": "#000000",
    "off_track": "#FFFFFF",
    "no_data": "#000000",
}
# Light to dark blue for progress 0..100 %, with grey below zero for "no data".
NO_DATA_COLOUR = "#DDDDDD"
PROGRESS_SCALE = ["#E4EEF6", "#A6C8E2", "#5B9BCB", "#2A6AA8", "#0B3C6E"]

FONT_FAMILY = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", '
    '"Liberation Sans", Arial, sans-serif'
)
TEXT_COLOUR = "#212529"


@cache
def figure_template() -> go.layout.Template:
    """The Plotly template all figures use (built once, on first use)."""
    # Read the package's file without importing the package: importing it defines Dash
    # components, which Dash refuses when it happens during a callback.
    package = Path(find_spec("dash_bootstrap_templates").origin).parent
    source = package / "templates" / "bootstrap.json"
    template = go.layout.Template(json.loads(source.read_text()))
    template.layout.update(
        font={"family": FONT_FAMILY, "size": 15, "color": TEXT_COLOUR},
        title={"font": {"size": 18}, "x": 0, "xanchor": "left", "y": 0.97},
        colorway=list(THEME_COLOURS.values()) + ["#66CCEE", "#CCBB44", "#EE6677", "#BBBBBB"],
        separators=",.",  # Belgian: decimal comma, thousands dot
        paper_bgcolor="#FFFFFF",
        plot_bgcolor="#FFFFFF",
        hoverlabel={"font": {"size": 15, "family": FONT_FAMILY}, "align": "left"},
        legend={"font": {"size": 14}},
        margin={"l": 16, "r": 16, "t": 56, "b": 16},
    )
    template.layout.xaxis.update(gridcolor="#E6E6E6", zerolinecolor="#C8C8C8")
    template.layout.yaxis.update(gridcolor="#E6E6E6", zerolinecolor="#C8C8C8")
    return template


@cache
def figure_template_json() -> dict:
    """The template as plain data, ready to put into a figure without validating it again."""
    return figure_template().to_plotly_json()
