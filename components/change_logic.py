"""The Change-logic page: its layout, and its figures built from the per-stage frames of
``data_access.change_logic_queries`` (the project diagram is ``change_logic_diagram``)."""

from __future__ import annotations

from urllib.parse import urlencode

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from components import formatting as fmt
from components import ids
from components.exports import (
    ExportTable,
    cell,
    chart_card,
    export_menu,
    headers,
    mix_columns,
    page_downloads,
)
from components.i18n import dropdown_labels, t
from components.portfolio import _layout, as_figure, empty_figure
from components.theme import STATUS_COLOURS, STATUS_TEXT_COLOURS
from data_access.change_logic_queries import WeakLinks
from data_access.vocabulary import EVIDENCE, STAGES, STATUSES

DIAGRAM_PREFIX = "cl"
REALISED_COLOUR = "#004488"
DESIRED_COLOUR = "#BBCCEE"
# Tol's colour-blind-safe indigo and cyan, a light grey for assumptions; each also has its
# own fill pattern (none, stripes, dots), so that colour is never the only cue.
EVIDENCE_COLOURS = {"research": "#332288", "practice": "#88CCEE", "assumption": "#DDDDDD"}
EVIDENCE_TEXT = {"research": "#FFFFFF", "practice": "#000000", "assumption": "#000000"}
EVIDENCE_PATTERNS = {"research": "", "practice": "/", "assumption": "."}


# --- layout ------------------------------------------------------------------------------


def layout(lang: str, filter_bar=None, query: dict | None = None) -> html.Div:
    """The page skeleton; figures and the diagram arrive through the callbacks. The
    ``project`` in the link is kept as it came (the callbacks check it)."""
    query = query or {}
    requested = str(query.get("project", ""))[:40]
    return html.Div(
        [
            html.Div(
                [
                    html.H1(t("cl.title", lang), className="page-title"),
                    html.P(id=ids.CL_SUBTITLE, className="page-subtitle"),
                ],
                className="page-header",
            ),
            filter_bar,
            html.Div(id=ids.CL_ERROR),
            html.H2(t("cl.section.portfolio", lang), className="section-title"),
            dbc.Row(
                [
                    dbc.Col(
                        _graph_card(
                            ids.CL_GRAPH_STAGES,
                            470,
                            t("cl.chart.stages.read", lang),
                            "stages",
                            lang,
                        ),
                        lg=7,
                    ),
                    dbc.Col(
                        _graph_card(
                            ids.CL_GRAPH_STATUS,
                            470,
                            t("cl.chart.status.read", lang),
                            "status",
                            lang,
                        ),
                        lg=5,
                    ),
                ],
                className="g-3 mb-3",
            ),
            html.H2(t("cl.section.evidence", lang), className="section-title"),
            dbc.Row(
                [
                    dbc.Col(
                        _graph_card(
                            ids.CL_GRAPH_EVIDENCE,
                            430,
                            t("cl.chart.evidence.read", lang),
                            "evidence",
                            lang,
                        ),
                        lg=5,
                    ),
                    dbc.Col(
                        dbc.Card(
                            dbc.CardBody(
                                [
                                    export_menu(
                                        "change-logic",
                                        "weakest",
                                        lang,
                                        title=t("cl.weak.title", lang),
                                    ),
                                    html.H3(t("cl.weak.title", lang), className="card-title"),
                                    html.P(t("cl.weak.read", lang), className="small-note mt-0"),
                                    dcc.Loading(
                                        html.Div(id=ids.CL_WEAK_LINKS, className="cl-weak"),
                                        delay_show=400,
                                    ),
                                ]
                            ),
                            className="h-100",
                        ),
                        lg=7,
                    ),
                ],
                className="g-3 mb-3",
            ),
            html.H2(
                t("cl.section.project", lang), className="section-title", id="cl-project-section"
            ),
            dbc.Card(
                dbc.CardBody(
                    [
                        dbc.Label(
                            t("cl.project.label", lang),
                            html_for=ids.CL_PROJECT,
                            className="filter-label",
                        ),
                        dcc.Dropdown(
                            id=ids.CL_PROJECT,
                            options=[],
                            value=None,
                            placeholder=t("cl.project.placeholder", lang),
                            clearable=False,
                            labels=dropdown_labels(lang),
                            className="cl-project-picker mb-3",
                        ),
                        dcc.Store(id=ids.CL_URL_KEEP),
                        dcc.Store(id=ids.CL_REQUESTED, data=requested),
                        dcc.Loading(html.Div(id=ids.CL_PROJECT_LOGIC), delay_show=300),
                    ]
                ),
                className="mb-4",
            ),
            page_downloads("change-logic"),
        ],
        className="change-logic",
    )


def _graph_card(
    component_id: str, height: int, how_to_read: str, table: str | None = None, lang: str = "nl"
) -> dbc.Card:
    title = t(f"cl.chart.{table}.title", lang) if table else ""
    menu = export_menu("change-logic", table, lang, component_id, title) if table else None
    return chart_card(component_id, {"height": f"{height}px"}, menu, how_to_read)


# --- figures -----------------------------------------------------------------------------


def _stage_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The per-stage rows in stage order (every stage, also those without rows)."""
    rows = frame[frame.level == "stage"].set_index("stage")
    return rows.reindex([s for s in STAGES if s in rows.index])


def _stage_axis(rows: pd.DataFrame, lang: str, note) -> list[str]:
    return [
        f"<b>{t(f'cl.stage.{stage}', lang)}</b><br><span style='font-size:12px'>{note(row)}</span>"
        for stage, row in rows.iterrows()
    ]


def stages_figure(stages: pd.DataFrame, lang: str) -> go.Figure:
    """Per stage, input to impact from top to bottom: the realised average progress next to
    the desired (expected by the as-of date), with the counts behind them."""
    title = t("cl.chart.stages.title", lang)
    rows = _stage_rows(stages)
    rows = rows[(rows.indicators.fillna(0) > 0) | rows.suppressed]
    if rows.empty:
        return empty_figure(title, t("chart.empty", lang))

    def note(row) -> str:
        if row.suppressed:
            return t("chart.suppressed", lang)
        return t(
            "cl.chart.stages.counts",
            lang,
            measured=fmt.number(row.measured),
            indicators=fmt.number(row.indicators),
            projects=fmt.number(row.projects),
        )

    labels = _stage_axis(rows, lang, note)
    shown = (~rows.suppressed).tolist()

    def bar(column: str, name: str, colour: str, pattern: str) -> dict:
        pairs = zip(rows[column].tolist(), shown, strict=True)
        values = [round(100 * v, 4) if ok and pd.notna(v) else None for v, ok in pairs]
        return {
            "type": "bar",
            "y": labels,
            "x": values,
            "name": name,
            "orientation": "h",
            "marker": {"color": colour, "pattern": {"shape": pattern, "fgcolor": "#5c636a"}},
            "text": [fmt.percent(v / 100) if v is not None else "" for v in values],
            "textposition": "outside",
            "cliponaxis": False,
            "hovertemplate": f"%{{y}}<br>{name}: %{{text}}<extra></extra>",
        }

    layout = _layout(title, 60, ("bar",))
    layout.update(
        barmode="group",
        bargap=0.3,
        bargroupgap=0.05,
        xaxis={
            "range": [0, 112],
            "ticksuffix": " %",
            "title": {"text": t("cl.chart.stages.axis", lang)},
            "dtick": 25,
        },
        yaxis={"autorange": "reversed", "automargin": True},
        legend={"orientation": "h", "y": -0.18, "x": 0, "traceorder": "reversed"},
    )
    layout["margin"].update(l=8, r=24, b=8)
    # Plotly draws the last trace on top in a horizontal group: desired first, so that
    # realised sits above it within each stage.
    desired = bar("avg_expected", t("cl.chart.stages.desired", lang), DESIRED_COLOUR, "/")
    realised = bar("avg_progress", t("cl.chart.stages.realised", lang), REALISED_COLOUR, "")
    return as_figure([desired, realised], layout)


def status_figure(stages: pd.DataFrame, lang: str) -> go.Figure:
    """Per stage, the share of its indicators in each status (100 % stacked bars), with
    the number of indicators under each stage's name."""

    def count(row) -> str:
        return f"{fmt.number(row.indicators)} {t('hover.indicators', lang).lower()}"

    colours, text_colours = STATUS_COLOURS, STATUS_TEXT_COLOURS
    parts = [
        (status, t(f"status.{status}", lang), {}, colours[status], text_colours[status])
        for status in STATUSES
    ]
    title = t("cl.chart.status.title", lang)
    return _stage_shares(stages, "indicators", parts, title, count, lang)


def evidence_figure(evidence: pd.DataFrame, lang: str) -> go.Figure:
    """Per stage, the share of steps grounded in research, in practice, or resting on an
    assumption (100 % stacked, patterned like the diagram's borders)."""

    def count(row) -> str:
        return t("cl.chart.evidence.count", lang, count=fmt.number(row.elements))

    parts = [
        (
            basis,
            t(f"cl.evidence.{basis}", lang),
            {"pattern": {"shape": EVIDENCE_PATTERNS[basis], "fgcolor": "#444444"}},
            EVIDENCE_COLOURS[basis],
            EVIDENCE_TEXT[basis],
        )
        for basis in EVIDENCE
    ]
    title = t("cl.chart.evidence.title", lang)
    return _stage_shares(evidence, "elements", parts, title, count, lang)


def _stage_shares(frame: pd.DataFrame, total: str, parts, title: str, count, lang: str):
    """Per stage a 100 % stacked bar of ``parts`` (column, name, marker extras, colour, text
    colour) over the ``total`` column; ``count(row)`` is the line under each stage's name."""
    rows = _stage_rows(frame)
    rows = rows[(rows[total].fillna(0) > 0) | rows.suppressed]
    if rows.empty:
        return empty_figure(title, t("chart.empty", lang))
    labels = [
        f"<b>{t(f'cl.stage.{stage}', lang)}</b><br><span style='font-size:12px'>"
        + (t("chart.suppressed", lang) if row.suppressed else count(row))
        + "</span>"
        for stage, row in rows.iterrows()
    ]
    hidden = rows.suppressed.tolist()
    totals = rows[total].tolist()
    traces = []
    for column, name, marker, colour, text_colour in parts:
        counts = [None if h or pd.isna(c) else c for c, h in zip(rows[column], hidden, strict=True)]
        shares = [
            0.0 if c is None or h or pd.isna(n) or not n > 0 else c / n
            for c, n, h in zip(counts, totals, hidden, strict=True)
        ]
        traces.append(
            {
                "type": "bar",
                "y": labels,
                "x": [
                    None if h else round(100 * s, 4) for s, h in zip(shares, hidden, strict=True)
                ],
                "name": name,
                "orientation": "h",
                "marker": {"color": colour, "line": {"width": 1, "color": "#FFFFFF"}, **marker},
                "text": [fmt.percent(s) if s >= 0.08 else "" for s in shares],
                "textposition": "inside",
                "insidetextanchor": "middle",
                "textfont": {"color": text_colour, "size": 13},
                "customdata": [fmt.number(c) if c is not None else "" for c in counts],
                "hovertemplate": f"%{{y}}<br>{name}: %{{customdata}} (%{{x:.0f}} %)<extra></extra>",
            }
        )
    layout = _layout(title, 45, ("bar",))
    layout.update(
        barmode="stack",
        bargap=0.35,
        xaxis={"range": [0, 100], "ticksuffix": " %", "dtick": 25},
        yaxis={"autorange": "reversed", "automargin": True},
        legend={"orientation": "h", "y": -0.12, "x": 0, "traceorder": "normal"},
    )
    layout["margin"].update(l=8, r=16, b=8)
    return as_figure(traces, layout)


# --- weakest links -----------------------------------------------------------------------


def logic_href(project_id: int, lang: str, filters: dict | None = None) -> str:
    """The link that opens one project's diagram on this page, keeping the filters."""
    query = {**(filters or {}), "project": int(project_id), "lang": lang}
    return "/change-logic?" + urlencode(query, safe=",")


def weak_links_list(weak: WeakLinks, lang: str, detail: bool, filters: dict | None = None):
    """The weakest steps, worst first, each linking to its project's diagram and page."""
    if not detail:
        return html.P(t("cl.weak.network", lang), className="empty-note")
    if weak.rows.empty:
        return html.P(t("cl.weak.none", lang), className="empty-note")
    items = [_weak_item(row, lang, filters) for row in weak.rows.itertuples()]
    count = t("cl.weak.count", lang, shown=fmt.number(len(items)), total=fmt.number(weak.total))
    return html.Div(
        [
            html.P(count, className="small-note mt-0 mb-2"),
            html.Ol(items, className="cl-weak-list"),
        ]
    )


def _weak_item(row, lang: str, filters: dict | None) -> html.Li:
    behind = t(
        "cl.weak.behind_value",
        lang,
        behind=fmt.number(row.behind),
        indicators=fmt.number(row.indicators),
    )
    gap = f"{fmt.number(100 * row.gap)} {t('cl.points', lang)}" if pd.notna(row.gap) else "–"
    return html.Li(
        [
            html.Div(
                [
                    dcc.Link(
                        str(row.project),
                        href=logic_href(row.project_id, lang, filters),
                        title=t("cl.weak.open_logic", lang, project=row.project),
                        className="cl-weak-project",
                    ),
                    html.A(
                        t("cl.weak.open_project", lang),
                        href=f"/projects/{int(row.project_id)}?lang={lang}",
                        className="cl-weak-page small",
                    ),
                ],
                className="cl-weak-head",
            ),
            html.Div(
                [
                    html.Span(t(f"cl.stage.{row.stage}", lang), className="cl-chip"),
                    html.Span(str(row.statement), className="cl-weak-statement"),
                ]
            ),
            html.Div(
                [
                    f"{t('cl.weak.behind', lang)}: {behind}",
                    html.Span(" · ", className="text-muted"),
                    f"{t('cl.weak.gap', lang)}: {gap}",
                ],
                className="cl-weak-figures",
            ),
        ],
        className="cl-weak-item",
        **{"data-project": str(int(row.project_id))},
    )


# --- the project part ----------------------------------------------------------------------


def project_message(key: str, lang: str) -> dbc.Alert:
    """ "Choose a project" or "not found" (the same for unknown and out-of-scope ids)."""
    return dbc.Alert(t(key, lang), color="light", className="mb-0 cl-project-message")


def project_header(logic, lang: str) -> html.Div:
    return html.Div(
        [
            html.H3(logic.name, className="cl-project-name"),
            html.Span(logic.organisation, className="text-muted me-3"),
            html.A(
                t("cl.project.page_link", lang),
                href=f"/projects/{logic.project_id}?lang={lang}",
            ),
        ],
        className="cl-project-header mb-2",
    )


# --- exports: each chart's and list's data as on screen (components.exports) ------------


def stages_table(stages: pd.DataFrame, lang: str, filters: str) -> ExportTable:
    """Per stage, desired and realised average progress and the counts behind them; a
    hidden stage keeps its row, blank, with the reason (as the chart shows it)."""
    rows = _stage_rows(stages)
    rows = rows[(rows.indicators.fillna(0) > 0) | rows.suppressed]
    names = headers(lang, "stage", "desired", "realised", "measured", "indicators", "projects")
    note = t("export.col.note", lang)
    frame = pd.DataFrame(
        [
            [
                t(f"cl.stage.{stage}", lang),
                *(cell(row[c], bool(row.suppressed)) for c in _STAGE_VALUES),
                t("chart.suppressed", lang) if row.suppressed else None,
            ]
            for stage, row in rows.iterrows()
        ],
        columns=[*names, note],
    )
    kinds = dict(zip(names[1:], ("share", "share", "count", "count", "count"), strict=True))
    return ExportTable(t("cl.chart.stages.title", lang), frame, filters, kinds)


_STAGE_VALUES = ("avg_expected", "avg_progress", "measured", "indicators", "projects")


def status_table(stages: pd.DataFrame, lang: str, filters: str) -> ExportTable:
    parts = [(status, t(f"status.{status}", lang)) for status in STATUSES]
    title = t("cl.chart.status.title", lang)
    return _shares_table(stages, "indicators", parts, title, lang, filters)


def evidence_table(evidence: pd.DataFrame, lang: str, filters: str) -> ExportTable:
    parts = [(basis, t(f"cl.evidence.{basis}", lang)) for basis in EVIDENCE]
    title = t("cl.chart.evidence.title", lang)
    return _shares_table(evidence, "elements", parts, title, lang, filters)


def _shares_table(frame, total: str, parts, title: str, lang: str, filters: str):
    """``_stage_shares``' bars as counts and shares per stage."""
    rows = _stage_rows(frame)
    rows = rows[(rows[total].fillna(0) > 0) | rows.suppressed]
    hidden = [bool(h) for h in rows.suppressed]
    mix, kinds = mix_columns(rows, parts, total, lang, hidden)
    stage, count = t("export.col.stage", lang), t(f"export.col.{total}", lang)
    table = pd.DataFrame(
        {
            stage: [t(f"cl.stage.{s}", lang) for s in rows.index],
            count: [cell(v, h) for v, h in zip(rows[total], hidden, strict=True)],
            **mix,
            t("export.col.note", lang): [
                t("chart.suppressed", lang) if h else None for h in hidden
            ],
        }
    )
    return ExportTable(title, table, filters, {count: "count", **kinds})


def weak_links_table(weak: WeakLinks, lang: str, detail: bool, filters: str) -> ExportTable:
    """The weakest steps, worst first; nothing for those who see only aggregates."""
    names = headers(lang, "project", "stage", "statement", "behind", "indicators", "gap")
    rows = weak.rows if detail else weak.rows.iloc[0:0]
    frame = pd.DataFrame(
        [
            [
                str(row.project),
                t(f"cl.stage.{row.stage}", lang),
                str(row.statement),
                cell(row.behind),
                cell(row.indicators),
                None if pd.isna(row.gap) else round(100 * float(row.gap), 1),
            ]
            for row in rows.itertuples()
        ],
        columns=names,
    )
    kinds = dict(zip(names[3:], ("count", "count", "decimal"), strict=True))
    return ExportTable(t("cl.weak.title", lang), frame, filters, kinds)
