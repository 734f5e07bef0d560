"""The Project page: header, each indicator against baseline and target, a sortable table of
all indicators, the change logic, the stories, and (for those who may write) the forms.

Builders take plain data (``project_queries.ProjectDetail``) and never query. Figures are
plain dicts with a small layout of their own (no template): a project with ten indicators
ships ten light charts.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from components import formatting as fmt
from components import ids
from components.exports import ExportTable, cell, export_menu, headers, page_downloads
from components.i18n import label, t
from components.project_entries import entry_section, number
from components.theme import FONT_FAMILY, STATUS_COLOURS, STATUS_TEXT_COLOURS, THEME_COLOURS
from data_access.vocabulary import STAGES, STATUSES

FILTER_KEYS = ("funder", "theme", "subtheme", "region", "from", "to")
CHART_HEIGHT = 230
GRID_CONFIG = {"displayModeBar": False, "responsive": True}
LINE_COLOUR = "#4477AA"
GUIDE_COLOUR = "#777777"


# --- layout --------------------------------------------------------------------------------


def layout(lang: str, filter_bar=None, query: dict | None = None) -> html.Div:
    """The page skeleton for the project in ``query["id"]`` (checked by the router and again
    by the callbacks); the data arrives through callbacks."""
    query = query or {}
    project_id = query.get("id")
    return html.Div(
        [
            dcc.Store(id=ids.PROJECT_ID, data=project_id if isinstance(project_id, str) else None),
            dcc.Link(
                "← " + t("project.back", lang),
                href=back_href(query, lang),
                className="project-back",
            ),
            html.Div(
                html.H1(t("project.loading", lang), className="page-title"),
                id=ids.PROJECT_HEADER,
                className="page-header",
            ),
            html.Div(id=ids.PROJECT_ERROR),
            html.Div(
                [
                    _section(
                        t("project.indicators", lang),
                        [
                            export_menu("project", "measurements", lang),
                            html.P(t("project.indicators_note", lang), className="small-note"),
                            html.Div(id=ids.PROJECT_CHARTS, className="indicator-grid"),
                        ],
                    ),
                    _section(
                        t("project.table", lang),
                        [
                            export_menu("project", "indicators", lang),
                            html.P(t("project.table_note", lang), className="small-note"),
                            indicator_grid(lang),
                        ],
                    ),
                    _section(
                        t("project.change_logic", lang), html.Div(id=ids.PROJECT_CHANGE_LOGIC)
                    ),
                    _section(t("project.stories", lang), html.Div(id=ids.PROJECT_STORIES)),
                ],
                id=ids.PROJECT_BODY,
            ),
            html.Section(
                [
                    html.H2(t("project.entry", lang), className="section-title"),
                    html.P(t("project.entry_note", lang), className="small-note"),
                    entry_section(lang, dt.date.today()),
                ],
                id=ids.PROJECT_ENTRY,
                hidden=True,
                className="project-section",
            ),
            page_downloads("project"),
        ],
        className="project-page",
    )


def back_href(query: dict, lang: str) -> str:
    """The tiles, with the filters the link came with."""
    kept = {key: str(query[key])[:400] for key in FILTER_KEYS if query.get(key)}
    return "/projects?" + urlencode({**kept, "lang": lang}, safe=",")


def _section(title: str, children) -> html.Section:
    return html.Section(
        [html.H2(title, className="section-title"), html.Div(children)],
        className="project-section",
    )


# --- header --------------------------------------------------------------------------------


def header(detail, own_grants_only: bool, lang: str) -> list:
    """Name and summary, then the facts: organisation, theme, region, period, lead, funders."""
    row = detail.header
    theme = str(row["theme"])
    period = f"{_date(row['start_date'])} – " + (
        _date(row["end_date"]) if not pd.isna(row["end_date"]) else t("project.open_end", lang)
    )
    facts = [
        ("project.organisation", row["organisation"]),
        (
            "project.theme",
            f"{label('theme', theme, lang)} · {label('sub_theme', row['sub_theme'], lang)}",
        ),
        ("project.region", label("region", str(row["region"]), lang)),
        ("project.period", period),
        ("project.lead", row["lead"] if _text(row["lead"]) else "–"),
        ("project.funders", funder_list(detail.funders, own_grants_only, lang)),
    ]
    return [
        html.Div(
            [
                html.Span(
                    label("theme", theme, lang),
                    className="project-theme",
                    style={"backgroundColor": THEME_COLOURS.get(theme, "#666666")},
                ),
                dbc.Badge(
                    label("project_status", str(row["status"]), lang),
                    color="light",
                    text_color="dark",
                    className="border",
                ),
            ],
            className="project-badges",
        ),
        html.H1(str(row["name"]), className="page-title"),
        html.P(str(row["summary"]), className="page-subtitle") if _text(row["summary"]) else None,
        html.Dl(
            [
                html.Div([html.Dt(t(key, lang)), html.Dd(value)], className="project-fact")
                for key, value in facts
            ],
            className="project-facts",
        ),
    ]


def funder_list(funders: pd.DataFrame, own_grants_only: bool, lang: str):
    """ "Fonds Noord € 120.000; Fonds Zuid € 40.000", and a note when only the viewer's own
    grants are shown."""
    if funders.empty:
        return "–"
    items = [
        html.Li(
            [str(row["funder"]), " ", html.Span(fmt.money(row["money_eur"]), className="money")]
        )
        for _, row in funders.iterrows()
    ]
    parts = [html.Ul(items, className="project-funders")]
    if own_grants_only:
        parts.append(html.Div(t("project.own_grants_only", lang), className="small-note"))
    return parts


# --- indicators ----------------------------------------------------------------------------


def indicator_cards(detail, lang: str) -> list:
    """One card per indicator: a chart for numbers and percentages, a timeline for text."""
    if detail.indicators.empty:
        return [html.P(t("project.no_indicators", lang), className="empty-note")]
    theme_colour = THEME_COLOURS.get(str(detail.header["theme"]), LINE_COLOUR)
    # Plain lists per indicator: a few hundred values, where pandas' per-row indexing
    # cost more than the page's statements.
    measured_by: dict[int, list[tuple]] = {}
    columns = ("indicator_id", "period_end", "value", "text")
    for key, *measured in zip(
        *(detail.measurements[name].tolist() for name in columns), strict=True
    ):
        measured_by.setdefault(int(key), []).append(tuple(measured))
    cards = []
    for row in detail.indicators.to_dict("records"):
        measured = measured_by.get(int(row["indicator_id"]), [])
        if row["measure_kind"] == "qualitative":
            body = _text_items(measured, lang)
        elif any(not _missing(value) for _, value, _ in measured):
            # Its picture as PNG or SVG; its numbers are in the measurements' download.
            chart_id = f"indicator-chart-{int(row['indicator_id'])}"
            body = html.Div(
                [
                    export_menu(
                        "project",
                        f"indicator-{int(row['indicator_id'])}",
                        lang,
                        graph=chart_id,
                        title=str(row["name"]),
                        data=False,
                    ),
                    dcc.Graph(
                        id=chart_id,
                        figure=_indicator_figure(row, measured, theme_colour, lang),
                        config=GRID_CONFIG,
                        className="indicator-chart",
                        style={"height": f"{CHART_HEIGHT}px"},
                    ),
                ]
            )
        else:
            body = html.P(t("project.no_measurements", lang), className="empty-note")
        cards.append(
            html.Article(
                [indicator_title(row, lang), body],
                className="indicator-card",
            )
        )
    return cards


def _missing(value) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or value != value


def indicator_title(row, lang: str) -> html.Div:
    """Name, then stage, unit and status (as text on its colour)."""
    status = row["status"]
    if row["measure_kind"] == "qualitative":
        badge = html.Span(
            t("project.qualitative", lang), className="badge-status badge-status-none"
        )
    elif isinstance(status, str) and status in STATUSES:
        badge = status_pill(status, lang)
    else:
        badge = None
    meta = [stage_label(row["stage"], lang)]
    if row["measure_kind"] != "qualitative":
        meta.append(t("project.unit", lang, unit=unit_label(row, lang)))
    return html.Div(
        [
            html.H3(str(row["name"]), className="indicator-name"),
            html.Div([html.Span(" · ".join(meta)), badge], className="indicator-meta"),
        ],
        className="indicator-title",
    )


def status_pill(status: str, lang: str) -> html.Span:
    return html.Span(
        t(f"status.{status}", lang),
        className="badge-status",
        style={"backgroundColor": STATUS_COLOURS[status], "color": STATUS_TEXT_COLOURS[status]},
    )


def stage_label(stage, lang: str) -> str:
    return t(f"project.stage.{stage}", lang) if isinstance(stage, str) and stage else "–"


def unit_label(row, lang: str) -> str:
    return "%" if row["measure_kind"] == "percentage" else label("unit", str(row["unit"]), lang)


def _iso(value) -> str | None:
    if _missing(value):
        return None
    if isinstance(value, dt.datetime):  # pandas' Timestamps too
        return value.date().isoformat()
    return pd.Timestamp(value).date().isoformat()


def indicator_figure(row, measured: pd.DataFrame, colour: str, lang: str) -> dict:
    """Measurements over time, the baseline and target as level lines, and the expected path
    from the baseline (at its date) to the target (at its date), as a dotted line."""
    columns = ("period_end", "value", "text")
    rows = list(zip(*(measured[name].tolist() for name in columns), strict=True))
    return _indicator_figure(row, rows, colour, lang)


def _indicator_figure(row, measured: list[tuple], colour: str, lang: str) -> dict:
    """``indicator_figure`` of the (period end, value, text) of the indicator's
    measurements."""
    values = [(day, value) for day, value, _ in measured if not _missing(value)]
    suffix = "\u00a0%" if row["measure_kind"] == "percentage" else ""
    baseline, target = float(row["baseline_value"]), float(row["target_value"])
    start, end = _iso(row["baseline_date"]), _iso(row["target_date"])
    data = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": [start, end],
            "y": [baseline, target],
            "name": t("project.chart.expected", lang),
            "line": {"color": GUIDE_COLOUR, "dash": "dot", "width": 2},
            "hovertemplate": "%{x|%d/%m/%Y}: %{y:,.4~f}"
            + suffix
            + "<extra>%{fullData.name}</extra>",
        },
        {
            "type": "scatter",
            "mode": "lines+markers",
            "x": [_iso(day) for day, _ in values],
            "y": [float(value) for _, value in values],
            "name": t("project.chart.measured", lang),
            "line": {"color": colour, "width": 3},
            "marker": {"size": 7},
            "hovertemplate": "%{x|%d/%m/%Y}: %{y:,.4~f}"
            + suffix
            + "<extra>%{fullData.name}</extra>",
        },
    ]
    # The baseline's label on the right and the target's on the left: the expected path has
    # left the one and not yet reached the other there, so neither label sits on a line.
    rising = target >= baseline
    levels = [
        (baseline, t("project.chart.baseline", lang), "bottom" if rising else "top", 1, "right"),
        (target, t("project.chart.target", lang), "top" if rising else "bottom", 0, "left"),
    ]
    layout = {
        "height": CHART_HEIGHT,
        "margin": {"l": 56, "r": 12, "t": 12, "b": 36},
        "showlegend": False,
        "separators": ",.",
        "font": {"family": FONT_FAMILY, "size": 13, "color": "#212529"},
        "paper_bgcolor": "#FFFFFF",
        "plot_bgcolor": "#FFFFFF",
        "hovermode": "closest",
        "xaxis": {"type": "date", "gridcolor": "#EEEEEE", "tickformat": "%m/%Y"},
        "yaxis": {"gridcolor": "#EEEEEE", "ticksuffix": suffix, "zeroline": False},
        "shapes": [
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": level,
                "y1": level,
                "line": {"color": GUIDE_COLOUR, "width": 1, "dash": "dash"},
            }
            for level, *_ in levels
        ],
        "annotations": [
            {
                "xref": "paper",
                "x": x,
                "xanchor": anchor,
                "y": level,
                "yanchor": side,
                "text": f"{name} {number(level)}{suffix}",
                "showarrow": False,
                "font": {"size": 12, "color": "#444444"},
                "bgcolor": "rgba(255,255,255,0.8)",
            }
            for level, name, side, x, anchor in levels
        ],
    }
    return {"data": data, "layout": layout}


def text_timeline(measured: pd.DataFrame, lang: str):
    """A qualitative indicator's texts, newest first, each with its period."""
    columns = ("period_end", "value", "text")
    return _text_items(list(zip(*(measured[name].tolist() for name in columns), strict=True)), lang)


def _text_items(measured: list[tuple], lang: str):
    """``text_timeline`` of the (period end, value, text) of the indicator's measurements."""
    texts = [(day, text) for day, _, text in measured if not _missing(text)]
    if not texts:
        return html.P(t("project.no_measurements", lang), className="empty-note")
    # Newest first; equal periods keep their order (as a stable sort by period would).
    texts.sort(key=lambda item: pd.Timestamp(item[0]), reverse=True)
    return html.Ol(
        [
            html.Li(
                [
                    html.Time(_date(day), className="timeline-date"),
                    html.P(str(text), className="timeline-text"),
                ]
            )
            for day, text in texts
        ],
        className="text-timeline",
    )


# --- the table -----------------------------------------------------------------------------


def indicator_grid(lang: str) -> dag.AgGrid:
    """All indicators, sortable by every column. Numbers sort as numbers and show in Belgian
    notation (the text is computed here and only looked up in the browser: no code runs)."""

    def column(field: str, key: str, shown: str | None = None, numeric: bool = False) -> dict:
        spec = {"field": field, "headerName": t(f"project.col.{key}", lang)}
        if shown:
            spec["valueFormatter"] = {"function": f"params.data.{shown}_text"}
        if numeric:
            spec["type"] = "rightAligned"
        return spec

    columns = [
        {**column("name", "indicator"), "flex": 3, "minWidth": 260},
        column("stage_rank", "stage", "stage"),
        column("unit", "unit"),
        column("baseline", "baseline", "baseline", numeric=True),
        column("target", "target", "target", numeric=True),
        column("latest", "latest", "latest", numeric=True),
        column("measured_on", "measured_on", "measured_on"),
        column("progress", "progress", "progress", numeric=True),
        column("expected", "expected", "expected", numeric=True),
        column("status_rank", "status", "status"),
    ]
    return dag.AgGrid(
        id=ids.PROJECT_TABLE,
        rowData=[],
        columnDefs=columns,
        defaultColDef={
            "sortable": True,
            "resizable": True,
            "minWidth": 105,
            "flex": 1,
            "wrapHeaderText": True,
            "autoHeaderHeight": True,
        },
        dashGridOptions={
            "domLayout": "autoHeight",
            "ensureDomOrder": True,
            "suppressMovableColumns": True,
        },
        getRowId="params.data.indicator_id",
        className="indicator-table",
        style={"width": "100%"},
    )


def grid_rows(indicators: pd.DataFrame, lang: str) -> list[dict]:
    """The table's rows: raw values to sort on, and ``*_text`` to show."""
    rows = []
    for row in indicators.to_dict("records"):
        percentage = row["measure_kind"] == "percentage"
        qualitative = row["measure_kind"] == "qualitative"
        suffix = "\u00a0%" if percentage else ""
        status = row["status"] if isinstance(row["status"], str) else None
        stage = row["stage"] if isinstance(row["stage"], str) else None
        rows.append(
            {
                "indicator_id": str(int(row["indicator_id"])),
                "name": str(row["name"]),
                "stage_rank": STAGES.index(stage) if stage in STAGES else len(STAGES),
                "stage_text": stage_label(stage, lang),
                "unit": t("project.qualitative", lang) if qualitative else unit_label(row, lang),
                **_number_cell("baseline", row["baseline_value"], suffix),
                **_number_cell("target", row["target_value"], suffix),
                **_number_cell("latest", row["latest_value"], suffix),
                "measured_on": _iso(row["latest_period_end"]),
                "measured_on_text": _date(row["latest_period_end"]),
                **_share_cell("progress", row["progress"]),
                **_share_cell("expected", row["expected"]),
                "status_rank": STATUSES.index(status) if status in STATUSES else len(STATUSES),
                "status_text": t(f"status.{status}", lang) if status else "–",
            }
        )
    return rows


def _number_cell(field: str, value, suffix: str) -> dict:
    missing = value is None or pd.isna(value)
    return {
        field: None if missing else float(value),
        f"{field}_text": "–" if missing else number(value) + suffix,
    }


def _share_cell(field: str, value) -> dict:
    missing = value is None or pd.isna(value)
    return {
        field: None if missing else float(value),
        f"{field}_text": fmt.percent(None if missing else float(value)),
    }


# --- stories and the rest ------------------------------------------------------------------


def story_list(stories: pd.DataFrame, lang: str):
    """Every story, newest first: title, who and which period, the whole text."""
    if stories.empty:
        return html.P(t("project.no_stories", lang), className="empty-note")
    return html.Div(
        [
            html.Article(
                [
                    html.H3(str(row["title"]), className="story-title"),
                    html.Div(
                        t(
                            "project.story_by",
                            lang,
                            author=row["author"],
                            date=_date(row["period_end"]),
                        ),
                        className="story-meta",
                    ),
                    html.P(str(row["text"]), className="story-text"),
                ],
                className="story",
            )
            for _, row in stories.iterrows()
        ],
        className="story-list",
    )


def change_logic_slot(lang: str) -> html.P:
    """Where the change-logic diagram goes until its component exists."""
    return html.P(t("project.change_logic_pending", lang), className="empty-note")


def not_found(lang: str) -> list:
    """What an id the viewer may not see shows: the same words as any unknown address."""
    return [
        html.H1(t("page.not_found", lang), className="page-title"),
        dbc.Button(t("page.back_home", lang), href=f"/?lang={lang}", color="primary"),
    ]


def _date(value) -> str:
    return "–" if value is None or pd.isna(value) else fmt.date(pd.Timestamp(value).date())


def _text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


# --- exports: the indicator charts' and the table's data (components.exports) -------------


def indicators_table(indicators: pd.DataFrame, lang: str, filters: str) -> ExportTable:
    """The table of indicators as the grid shows it, numbers as numbers."""
    keys = ("indicator", "stage", "unit", "baseline", "target", "latest", "measured_on")
    keys += ("progress", "expected", "status")
    names = [t(f"project.col.{key}", lang) for key in keys]
    rows = []
    for _, row in indicators.iterrows():
        qualitative = row["measure_kind"] == "qualitative"
        status = row["status"] if isinstance(row["status"], str) else None
        rows.append(
            [
                str(row["name"]),
                stage_label(row["stage"], lang),
                t("project.qualitative", lang) if qualitative else unit_label(row, lang),
                *(cell(row[c]) for c in ("baseline_value", "target_value", "latest_value")),
                cell(row["latest_period_end"]),
                cell(row["progress"]),
                cell(row["expected"]),
                t(f"status.{status}", lang) if status else None,
            ]
        )
    frame = pd.DataFrame(rows, columns=names)
    kinds = dict(zip(names[3:9], ("decimal",) * 3 + ("date", "share", "share"), strict=True))
    return ExportTable(t("project.table", lang), frame, filters, kinds)


def measurements_table(detail, lang: str, filters: str) -> ExportTable:
    """Every measurement the indicator charts draw (and the texts of the text timelines)."""
    names = headers(lang, "indicator", "unit", "period_end", "value", "text")
    by_id = {int(row["indicator_id"]): row for _, row in detail.indicators.iterrows()}
    rows = []
    for row in detail.measurements.itertuples():
        indicator = by_id.get(int(row.indicator_id))
        if indicator is None:
            continue
        qualitative = indicator["measure_kind"] == "qualitative"
        rows.append(
            [
                str(indicator["name"]),
                t("project.qualitative", lang) if qualitative else unit_label(indicator, lang),
                cell(row.period_end),
                cell(row.value),
                cell(row.text),
            ]
        )
    frame = pd.DataFrame(rows, columns=names)
    kinds = {names[2]: "date", names[3]: "decimal"}
    return ExportTable(t("export.title.measurements", lang), frame, filters, kinds)
