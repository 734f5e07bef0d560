"""One project's change logic as a diagram (dash-cytoscape), and the details of one step.

Reusable API (the Change-logic page and the Project page both draw it):

- ``diagram(logic, lang, id_prefix) -> html.Div``: legend, the diagram, a "how to read this"
  line, a step picker (the keyboard's way in) and the details panel. ``logic`` is a
  ``data_access.change_logic_queries.ProjectLogic``; ``id_prefix`` tells diagrams on
  different pages apart. Ids are pattern-matching (``components.ids.diagram_part``), so the
  diagram may be returned by any callback; register the click → details callback once per
  prefix with ``callbacks.change_logic_diagram.register_details(app, context, id_prefix)``.
- ``element_details(logic, element_id, lang)``: the details panel's content for one step:
  its indicators (baseline, target, latest, status, unit) and its evidence sources.

Layout: a ``preset`` layout computed here (``node_positions``): five columns by stage from
input to impact under column headers, the steps of a stage in the order of their position.
Each step is coloured by the worst status of its measured indicators and marked with its
evidence basis twice over, not by colour: its border (solid research, double practice,
dashed assumption) and a letter before its statement. Arrows of links with a source of their
own are solid, the others dashed.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import dash_bootstrap_components as dbc
import dash_cytoscape as cyto
import pandas as pd
from dash import dcc, html

from components import formatting as fmt
from components import ids
from components.i18n import dropdown_labels, t
from components.theme import FONT_FAMILY, STATUS_COLOURS, STATUS_TEXT_COLOURS, TEXT_COLOUR
from data_access.vocabulary import EVIDENCE, STAGES, STATUSES

if TYPE_CHECKING:
    from data_access.change_logic_queries import ProjectLogic

# Model coordinates (px at zoom 1). A column is wide enough for a node and the arrows'
# curves between columns; a row tall enough for five lines of 13 px text.
COLUMN_WIDTH = 250
NODE_WIDTH = 190
ROW_HEIGHT = 128
NODE_HEIGHT = 104
HEADER_Y = 0
FIRST_ROW_Y = 90
STATEMENT_CHARS = 24  # per line
STATEMENT_LINES = 4
# The diagram box never shrinks below this on a narrow screen: it scrolls sideways inside.
MIN_WIDTH_PX = 900

# Solid, double, dashed: three line styles that stay distinct at a glance and in print.
BORDER_STYLES = {"research": "solid", "practice": "double", "assumption": "dashed"}
LINK_COLOUR = "#5c636a"


# --- layout ------------------------------------------------------------------------------


def node_positions(elements: pd.DataFrame) -> dict[int, dict[str, float]]:
    """Where each step goes: x by its stage's column, y by its rank within the stage (by
    ``position``, then id). Shorter columns are centred on the tallest, which keeps
    arrows between them short."""
    rows_per_stage = {stage: 0 for stage in STAGES}
    ordered = elements.sort_values(["position", "element_id"], kind="stable")
    ranks: dict[int, tuple[int, int]] = {}
    for row in ordered.itertuples():
        if row.stage not in rows_per_stage:
            continue
        ranks[int(row.element_id)] = (STAGES.index(row.stage), rows_per_stage[row.stage])
        rows_per_stage[row.stage] += 1
    tallest = max(rows_per_stage.values(), default=0)
    positions = {}
    for element_id, (column, rank) in ranks.items():
        offset = (tallest - rows_per_stage[STAGES[column]]) * ROW_HEIGHT / 2
        positions[element_id] = {
            "x": column_x(column),
            "y": FIRST_ROW_Y + NODE_HEIGHT / 2 + offset + rank * ROW_HEIGHT,
        }
    return positions


def column_x(column: int) -> float:
    return column * COLUMN_WIDTH + COLUMN_WIDTH / 2


def diagram_height(elements: pd.DataFrame) -> int:
    """The box's height in px for the tallest column (at zoom 1)."""
    tallest = int(elements.stage.value_counts().max()) if len(elements) else 1
    return FIRST_ROW_Y + tallest * ROW_HEIGHT + 16


def wrap_statement(statement: str) -> str:
    """The statement in short lines for a node; a long one ends in "…" (the details panel
    shows it whole)."""
    lines = textwrap.wrap(str(statement), STATEMENT_CHARS, break_long_words=True) or [""]
    if len(lines) > STATEMENT_LINES:
        lines = lines[:STATEMENT_LINES]
        lines[-1] = lines[-1][: STATEMENT_CHARS - 1].rstrip() + "…"
    return "\n".join(lines)


def node_label(row, lang: str) -> str:
    """ "[R] statement" and, below it, the average progress of its measured indicators."""
    badge = t(f"diagram.badge.{row.evidence}", lang)
    progress = (
        t("diagram.no_measurement", lang)
        if pd.isna(row.avg_progress)
        else f"{fmt.percent(row.avg_progress)} · {t(f'status.{row.status}', lang).lower()}"
    )
    return f"[{badge}] {wrap_statement(row.statement)}\n{progress}"


def cytoscape_elements(logic: ProjectLogic, lang: str) -> list[dict]:
    """Column headers, steps and links as dash-cytoscape elements with preset positions."""
    positions = node_positions(logic.elements)
    headers = [
        {
            "data": {"id": f"stage-{stage}", "label": t(f"cl.stage.{stage}", lang).upper()},
            "position": {"x": column_x(column), "y": HEADER_Y + 24},
            "classes": "stage-header",
            "selectable": False,
            "grabbable": False,
        }
        for column, stage in enumerate(STAGES)
    ]
    nodes = [
        {
            "data": {
                "id": str(int(row.element_id)),
                "label": node_label(row, lang),
                "stage": row.stage,
                "status": row.status,
                "evidence": row.evidence,
            },
            "position": positions[int(row.element_id)],
            "classes": f"step status-{row.status} evidence-{row.evidence}",
            "grabbable": False,
        }
        for row in logic.elements.itertuples()
        if int(row.element_id) in positions
    ]
    known = set(positions)
    edges = [
        {
            "data": {
                "id": f"link-{int(row.from_element_id)}-{int(row.to_element_id)}",
                "source": str(int(row.from_element_id)),
                "target": str(int(row.to_element_id)),
            },
            "classes": "link sourced" if row.sources else "link assumed",
            "selectable": False,
        }
        for row in logic.links.itertuples()
        if int(row.from_element_id) in known and int(row.to_element_id) in known
    ]
    return headers + nodes + edges


def stylesheet() -> list[dict]:
    """How nodes and arrows look: status colour, evidence border, readable text."""
    rules = [
        {
            "selector": "node.step",
            "style": {
                "shape": "round-rectangle",
                "width": NODE_WIDTH,
                "height": NODE_HEIGHT,
                "label": "data(label)",
                "text-wrap": "wrap",
                "text-max-width": NODE_WIDTH - 14,
                "text-valign": "center",
                "text-halign": "center",
                "font-size": 13,
                "font-family": FONT_FAMILY,
                "line-height": 1.25,
                "border-width": 6,
                "border-color": TEXT_COLOUR,
            },
        },
        {
            "selector": "node.stage-header",
            "style": {
                "shape": "rectangle",
                "width": NODE_WIDTH + 20,
                "height": 40,
                "background-color": "#e9eef4",
                "label": "data(label)",
                "text-valign": "center",
                "text-halign": "center",
                "font-size": 15,
                "font-weight": "bold",
                "font-family": FONT_FAMILY,
                "color": "#1f4e79",
                "events": "no",
            },
        },
        {
            "selector": "edge.link",
            "style": {
                "curve-style": "bezier",
                "width": 2,
                "line-color": LINK_COLOUR,
                "target-arrow-color": LINK_COLOUR,
                "target-arrow-shape": "triangle",
                "arrow-scale": 1.2,
                "opacity": 0.85,
            },
        },
        {"selector": "edge.assumed", "style": {"line-style": "dashed"}},
        {
            "selector": "node.step:selected",
            "style": {"border-width": 9, "border-color": "#000000"},
        },
    ]
    for status in STATUSES:
        rules.append(
            {
                "selector": f"node.status-{status}",
                "style": {
                    "background-color": STATUS_COLOURS[status],
                    "color": STATUS_TEXT_COLOURS[status],
                },
            }
        )
    for basis, border in BORDER_STYLES.items():
        rules.append({"selector": f"node.evidence-{basis}", "style": {"border-style": border}})
    return rules


# --- the component -----------------------------------------------------------------------


def diagram(logic: ProjectLogic, lang: str, id_prefix: str) -> html.Div:
    """The diagram of ``logic`` with its legend, step picker and details panel."""
    project = logic.project_id
    if logic.elements.empty:
        return html.Div(html.P(t("diagram.empty", lang), className="empty-note"))
    height = diagram_height(logic.elements)
    graph = cyto.Cytoscape(
        id=ids.diagram_part(ids.DIAGRAM_GRAPH, id_prefix, project),
        elements=cytoscape_elements(logic, lang),
        stylesheet=stylesheet(),
        layout={"name": "preset", "fit": True, "padding": 8},
        style={"width": "100%", "height": f"{height}px"},
        className="cl-diagram-canvas",
        userZoomingEnabled=False,
        userPanningEnabled=False,
        boxSelectionEnabled=False,
        autoungrabify=True,
        minZoom=0.5,
        maxZoom=1.25,
        responsive=True,
    )
    steps = [
        {
            "label": f"{t(f'cl.stage.{row.stage}', lang)}: {row.statement}",
            "value": int(row.element_id),
        }
        for row in logic.elements.itertuples()
    ]
    return html.Div(
        [
            legend(lang),
            html.Div(
                html.Div(
                    graph, className="cl-diagram-inner", style={"minWidth": f"{MIN_WIDTH_PX}px"}
                ),
                className="cl-diagram-scroll",
                role="img",
                **{
                    "aria-label": t(
                        "diagram.aria", lang, project=logic.name, elements=len(logic.elements)
                    )
                },
            ),
            html.P(t("diagram.read", lang), className="small-note how-to-read"),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Label(
                                t("diagram.step_label", lang),
                                className="filter-label",
                            ),
                            dcc.Dropdown(
                                id=ids.diagram_part(ids.DIAGRAM_STEP, id_prefix, project),
                                options=steps,
                                placeholder=t("diagram.step_placeholder", lang),
                                labels=dropdown_labels(lang),
                                optionHeight=60,
                            ),
                        ],
                        lg=6,
                    ),
                ],
                className="mt-2 mb-2",
            ),
            html.Div(
                html.P(t("diagram.details.hint", lang), className="empty-note"),
                id=ids.diagram_part(ids.DIAGRAM_DETAILS, id_prefix, project),
                className="cl-details",
                **{"aria-live": "polite"},
            ),
        ],
        className="cl-diagram",
    )


def legend(lang: str) -> html.Div:
    """What colour, border, letter and arrow style mean (in words, not only swatches)."""
    statuses = [
        html.Span(
            [
                html.Span(className="status-dot", style={"background": STATUS_COLOURS[s]}),
                t(f"status.{s}", lang),
            ],
            className="cl-legend-item",
        )
        for s in STATUSES
    ]
    bases = [
        html.Span(
            [
                html.Span(
                    t(f"diagram.badge.{basis}", lang),
                    className=f"cl-legend-box cl-border-{BORDER_STYLES[basis]}",
                ),
                f"{t(f'cl.evidence.{basis}', lang)} ({t(f'diagram.legend.border.{basis}', lang)})",
            ],
            className="cl-legend-item",
        )
        for basis in EVIDENCE
    ]
    links = [
        html.Span(t("diagram.legend.link_sourced", lang), className="cl-legend-item"),
        html.Span(t("diagram.legend.link_assumed", lang), className="cl-legend-item"),
    ]
    return html.Div(
        [
            _legend_row(t("diagram.legend.status", lang), statuses),
            _legend_row(t("diagram.legend.evidence", lang), bases),
            _legend_row(t("diagram.legend.links", lang), links),
        ],
        className="cl-legend",
    )


def _legend_row(title: str, items: list) -> html.Div:
    return html.Div(
        [html.Span(title, className="cl-legend-title"), *items], className="cl-legend-row"
    )


# --- the details of one step -------------------------------------------------------------


def element_details(logic: ProjectLogic, element_id: object, lang: str) -> html.Div:
    """A step's statement, stage, grounding, indicators and sources (also those of its
    links); a short message when ``element_id`` is not a step of this project."""
    element = logic.element(element_id)
    if element is None:
        return html.Div(html.P(t("diagram.details.unknown", lang), className="empty-note"))
    step = int(element.element_id)
    indicators = logic.indicators[logic.indicators.element_id == step]
    border = BORDER_STYLES.get(element.evidence, "solid")
    sources = logic.sources[logic.sources.element_id == step]
    return html.Div(
        [
            html.H3(str(element.statement), className="cl-details-title"),
            html.P(
                [
                    html.Span(t(f"cl.stage.{element.stage}", lang), className="cl-chip"),
                    html.Span(
                        t(
                            "diagram.details.basis",
                            lang,
                            basis=t(f"cl.evidence.{element.evidence}", lang),
                        ),
                        className=f"cl-chip cl-border-{border}",
                    ),
                ],
                className="mb-2",
            ),
            html.H4(t("diagram.details.indicators", lang), className="cl-details-heading"),
            indicator_table(indicators, lang),
            html.H4(t("diagram.details.sources", lang), className="cl-details-heading"),
            source_list(sources, lang, t("diagram.details.no_sources", lang)),
            *_link_sources(logic, step, lang),
        ],
        className="cl-details-body",
        **{"data-element": str(step)},
    )


def indicator_table(indicators: pd.DataFrame, lang: str):
    if indicators.empty:
        return html.P(t("diagram.details.no_indicators", lang), className="empty-note")
    header = html.Thead(
        html.Tr(
            [
                html.Th(t(f"diagram.col.{name}", lang))
                for name in ("indicator", "baseline", "target", "latest", "status", "unit")
            ]
        )
    )
    body = html.Tbody([_indicator_row(row, lang) for row in indicators.itertuples()])
    return html.Div(
        dbc.Table([header, body], size="sm", striped=True, className="cl-indicators mb-2"),
        className="table-responsive",
    )


def _indicator_row(row, lang: str) -> html.Tr:
    qualitative = row.measure_kind == "qualitative"
    if qualitative:
        latest = "" if pd.isna(row.latest_text) else str(row.latest_text)
        status = html.Span(t("diagram.qualitative", lang), className="text-muted")
    else:
        latest = _value(row.latest_value)
        if not pd.isna(row.latest_period_end):
            latest = f"{latest} ({fmt.date(row.latest_period_end.date())})"
        name = row.status if isinstance(row.status, str) else "no_data"
        status = html.Span(
            [
                html.Span(className="status-dot", style={"background": STATUS_COLOURS[name]}),
                " ",
                t(f"status.{name}", lang),
                "" if pd.isna(row.progress) else f" ({fmt.percent(row.progress)})",
            ],
            className="cl-status",
        )
    return html.Tr(
        [
            html.Td(str(row.name)),
            html.Td("" if qualitative else _value(row.baseline_value), className="num"),
            html.Td("" if qualitative else _value(row.target_value), className="num"),
            html.Td(latest, className="" if qualitative else "num"),
            html.Td(status),
            html.Td(_unit(row.unit, lang)),
        ]
    )


def _value(value) -> str:
    if value is None or pd.isna(value):
        return "–"
    return fmt.number(value, 0 if float(value).is_integer() else 1)


def _unit(unit: str, lang: str) -> str:
    key = f"unit.{unit}"
    text = t(key, lang)
    return unit if text == key else text


def source_list(sources: pd.DataFrame, lang: str, empty: str):
    if sources.empty:
        return html.P(empty, className="empty-note")
    return html.Ul(
        [_source_item(row, lang) for row in sources.itertuples()], className="cl-sources"
    )


def _source_item(row, lang: str) -> html.Li:
    parts = [
        html.Span(t(f"diagram.source.{row.kind}", lang), className=f"cl-kind cl-kind-{row.kind}"),
        " ",
        str(row.citation),
    ]
    if not pd.isna(row.year) and str(int(row.year)) not in str(row.citation):
        parts.append(f" ({int(row.year)})")
    url = "" if pd.isna(row.url) else str(row.url)
    if url.startswith(("https://", "http://")):
        parts += [" ", html.A(url, href=url, target="_blank", rel="noopener noreferrer")]
    return html.Li(parts)


def _link_sources(logic: ProjectLogic, step: int, lang: str) -> list:
    """The sources of the links that leave this step, per link."""
    on_links = logic.sources[logic.sources.from_element_id == step]
    blocks = []
    for target, group in on_links.groupby("to_element_id", sort=True):
        other = logic.element(int(target))
        name = "" if other is None else str(other.statement)
        blocks += [
            html.H4(
                t("diagram.details.link_sources", lang, step=name), className="cl-details-heading"
            ),
            source_list(group, lang, ""),
        ]
    return blocks
