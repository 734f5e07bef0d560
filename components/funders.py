"""The Funders page: funders side by side, built from query results (DataFrames)."""

from __future__ import annotations

import functools
import textwrap
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
from components.i18n import label, t
from components.portfolio import empty_figure
from components.since import since_picker
from components.theme import (
    NO_DATA_COLOUR,
    STATUS_COLOURS,
    STATUS_TEXT_COLOURS,
    THEME_COLOURS,
    figure_template_json,
)
from data_access.funder_queries import DEFAULT_FUNDERS, TREND_FUNDERS, largest_funders
from data_access.scope import anonymous_code
from data_access.vocabulary import EVIDENCE, STAGES, STATUSES, THEMES

EVIDENCE_COLOURS = {"research": "#004488", "practice": "#66CCEE", "assumption": "#DDAA33"}
EVIDENCE_TEXT_COLOURS = {"research": "#FFFFFF", "practice": "#000000", "assumption": "#000000"}
MATRIX_FUNDERS = 12
ROW_HEIGHT = 34


# --- layout ------------------------------------------------------------------------------


def layout(lang: str, filter_bar=None, query: dict | None = None) -> html.Div:
    """The page skeleton; the chosen funders and a co-funding pair may come from the link."""
    query = query or {}
    return html.Div(
        [
            html.Div(
                [
                    html.H1(t("funders.title", lang), className="page-title"),
                    html.P(id=ids.FUNDERS_SUBTITLE, className="page-subtitle"),
                ],
                className="page-header",
            ),
            dcc.Store(id=ids.FUNDERS_PAIR_STORE, data=str(query.get("pair", ""))[:40]),
            _controls(lang, query),
            html.Div(id=ids.FUNDERS_ERROR),
            _rules(lang),
            dbc.Row(
                [
                    dbc.Col(_graph_card(ids.FUNDERS_MONEY, lang=lang), lg=6),
                    dbc.Col(_graph_card(ids.FUNDERS_THEMES, lang=lang), lg=6),
                ],
                className="g-3 mb-3",
            ),
            dbc.Row(
                [
                    dbc.Col(_graph_card(ids.FUNDERS_STATUS, lang=lang), lg=6),
                    dbc.Col(_graph_card(ids.FUNDERS_STAGES, lang=lang), lg=6),
                ],
                className="g-3 mb-3",
            ),
            dbc.Row(
                [
                    dbc.Col(_graph_card(ids.FUNDERS_EVIDENCE, lang=lang), lg=6),
                    dbc.Col(
                        _graph_card(ids.FUNDERS_OUTCOMES, t("funders.outcomes.note", lang), lang),
                        lg=6,
                    ),
                ],
                className="g-3 mb-3",
            ),
            dbc.Row(dbc.Col(_graph_card(ids.FUNDERS_TREND, lang=lang)), className="g-3 mb-3"),
            dbc.Card(
                dbc.CardBody(
                    [
                        export_menu("funders", "pairs", lang, title=t("funders.pairs.title", lang)),
                        html.H2(t("funders.pairs.title", lang), className="card-title"),
                        html.P(t("funders.pairs.note", lang), className="small-note mb-2"),
                        html.Div(id=ids.FUNDERS_PAIRS, className="pairs-scroll"),
                        html.Div(id=ids.FUNDERS_PAIR, className="pair-projects"),
                    ]
                ),
                className="mb-3",
                id="co-funding",
            ),
            html.Div(id=ids.FUNDERS_SINCE, className="mb-4"),
            page_downloads("funders-since"),
            page_downloads("funders"),
        ],
        className="funders",
    )


def chosen_from_query(query: dict) -> list[str]:
    """The funders a link chose ("compare=3,8"), as strings, checked later against scope."""
    raw = str(query.get("compare", ""))[:400]
    return [part for part in raw.split(",") if part.strip()][:100]


def _controls(lang: str, query: dict) -> dbc.Card:
    picker = dcc.Dropdown(
        id=ids.FUNDERS_PICK,
        multi=True,
        value=chosen_from_query(query),
        placeholder=t("funders.pick_hint", lang, count=DEFAULT_FUNDERS),
        className="funders-pick",
    )
    show_all = dbc.Switch(
        id=ids.FUNDERS_ALL,
        label=t("funders.show_all", lang),
        value=str(query.get("all", "")) == "1",
        className="mt-2 mb-0",
    )
    return dbc.Card(
        dbc.CardBody(
            dbc.Row(
                [
                    dbc.Col(
                        [
                            html.Label(
                                t("funders.pick", lang),
                                htmlFor=ids.FUNDERS_PICK,
                                className="filter-label",
                            ),
                            picker,
                            show_all,
                        ],
                        lg=9,
                    ),
                    dbc.Col(since_picker(ids.FUNDERS_SINCE_DATE, query, lang), lg=3),
                ],
                className="g-2",
            )
        ),
        className="filter-bar mb-3",
    )


def _rules(lang: str) -> dbc.Card:
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(t("funders.rules_title", lang), className="card-title"),
                html.P(t("funders.rule_share", lang), className="rule-note"),
                html.P(t("funders.rule_network", lang), className="rule-note mb-0"),
            ]
        ),
        className="mb-3 rules-card",
    )


def _graph_card(component_id: str, note: str | None = None, lang: str | None = None) -> dbc.Card:
    table = component_id.removeprefix("funders-")
    title = t(f"funders.{table}.title", lang) if lang else ""
    menu = export_menu("funders", table, lang, component_id, title) if lang else None
    return chart_card(component_id, {"minHeight": "320px"}, menu, note)


# --- names -------------------------------------------------------------------------------


def funder_labels(choices: pd.DataFrame, lang: str) -> dict[int, str]:
    """Each funder's name as the viewer may see it: the real name, or "Financier A"."""
    names = {}
    for row in choices.itertuples():
        if pd.isna(row.name):
            names[int(row.funder_id)] = t(
                "funders.anonymous", lang, code=anonymous_code(row.letter)
            )
        else:
            names[int(row.funder_id)] = str(row.name)
    return names


def picker_options(
    choices: pd.DataFrame, labels: dict[int, str], lang: str, mark_own: bool = False
) -> list[dict]:
    """The picker's options; with ``mark_own`` (a funder's account) its own funders say so."""
    own = t("funders.own", lang)
    return [
        {
            "label": f"{labels[int(row.funder_id)]} {own}"
            if row.detail and mark_own
            else labels[int(row.funder_id)],
            "value": str(int(row.funder_id)),
        }
        for row in choices.itertuples()
    ]


# --- figures -----------------------------------------------------------------------------
# Each figure is built in one go: a whole layout and unvalidated traces (plotly's
# update_layout and add_trace validate again on every call, which cost more than the queries
# behind the page), with the house template cut to the chart types drawn here, and numbers
# rounded to what a chart can show.

# Template parts for charts this page never draws (maps, 3-D, polar, ternary, pies) and the
# default colour scales (every heatmap here sets its own).
_UNUSED_LAYOUT = ("geo", "polar", "scene", "ternary", "piecolorway", "colorscale", "coloraxis")
_DRAWN = ("bar", "heatmap", "scatter")


@functools.cache
def _template() -> dict:
    """The house template (``components.theme``) without what no chart here uses: the same
    look, a fifth of the bytes in each figure sent."""
    full = figure_template_json()
    return {
        "data": {kind: full["data"][kind] for kind in _DRAWN if kind in full["data"]},
        "layout": {k: v for k, v in full["layout"].items() if k not in _UNUSED_LAYOUT},
    }


def _height(rows: int) -> int:
    return 130 + ROW_HEIGHT * max(rows, 2)


def _new_figure(title: str, traces: list, width_chars: int = 60, **layout) -> go.Figure:
    """A figure with the template, the title wrapped to fit its card (and pinned to the top
    of a tall figure: the template places it by a fraction of the height, which lands it
    among the bars when a long list of funders makes it tall) and ``layout``."""
    lines = textwrap.wrap(title, width_chars) or [""]
    title_layout = {"text": "<br>".join(lines)}
    if layout.get("height"):
        title_layout |= {"y": round(1 - 12 / layout["height"], 4), "yanchor": "top"}
    margin = {"t": 28 + 24 * len(lines), **layout.pop("margin", {})}
    full = {"template": _template(), "title": title_layout, "margin": margin, **layout}
    return go.Figure(data=traces, layout=full, _validate=False)


def _bar_figure(title: str, rows: int, traces: list, legend: bool = False, **layout):
    height = _height(rows) + (50 if legend else 0)
    return _new_figure(
        title,
        traces,
        height=height,
        barmode="stack",
        bargap=0.3,
        yaxis={"autorange": "reversed", "automargin": True},
        legend={"orientation": "h", "y": -0.08, "x": 0, "yanchor": "top"},
        margin={"l": 8, "r": 16, "b": 8},
        **layout,
    )


def _rounded(values, digits: int = 1) -> list[float]:
    """Plain floats rounded for the chart (0 for a missing value)."""
    return [0.0 if pd.isna(value) else round(float(value), digits) for value in values]


def money_figure(summary: pd.DataFrame, labels: dict[int, str], lang: str) -> go.Figure:
    """Money granted per funder, with the number of projects on each bar."""
    title = t("funders.money.title", lang)
    if summary.empty:
        return empty_figure(title, t("funders.none", lang))
    names = [labels.get(int(f), "?") for f in summary.funder_id]
    texts = [
        t("chart.suppressed", lang)
        if row.suppressed
        else t(
            "funders.money.text",
            lang,
            money=fmt.money_short(row.money_eur, lang),
            projects=fmt.number(row.projects),
        )
        for row in summary.itertuples()
    ]
    bar = go.Bar(
        _validate=False,
        y=names,
        x=_rounded(summary.money_eur, 0),
        orientation="h",
        marker={"color": "#4477AA"},
        text=texts,
        textposition="auto",
        insidetextanchor="start",
        cliponaxis=False,
        hovertemplate="<b>%{y}</b><br>%{text}<extra></extra>",
    )
    xaxis = {"tickprefix": "€ ", "separatethousands": True}
    return _bar_figure(title, len(summary), [bar], xaxis=xaxis)


_SHARE_AXIS = {"range": [0, 100], "ticksuffix": "\u00a0%"}


def theme_mix_figure(themes: pd.DataFrame, order: list[int], labels, lang: str) -> go.Figure:
    """Per funder, the share of its money in each theme (hidden themes together in grey)."""
    title = t("funders.themes.title", lang)
    totals = themes[(themes.level == "total")].set_index("funder_id")
    per_theme = themes[themes.level == "theme"]
    funders = [f for f in order if f in totals.index]
    if not funders:
        return empty_figure(title, t("funders.none", lang))
    names = [labels.get(f, "?") for f in funders]
    shown = dict.fromkeys(funders, 0.0)
    # One lookup per figure: filtering the frame per funder and theme took most of a second
    # with 80 funders.
    cells = _cells(per_theme, "theme", "money_eur")
    money = _total_of(totals, funders, "money_eur")
    traces = []
    for theme in THEMES:
        shares = []
        for funder in funders:
            total = money[funder]
            share = (cells.get((funder, theme)) or 0) / total if total else 0
            shown[funder] += share
            shares.append(share * 100)
        traces.append(_share_bar(label("theme", theme, lang), names, shares, THEME_COLOURS[theme]))
    suppressed = totals.suppressed.astype(bool)
    hidden = [0 if suppressed.loc[f] else max(0.0, 100 - shown[f] * 100) for f in funders]
    hidden = [value if value > 0.5 else 0 for value in hidden]
    if any(hidden):  # else the legend would name a grey part no bar has
        traces.append(
            _share_bar(t("chart.suppressed", lang), names, hidden, NO_DATA_COLOUR, "#000")
        )
    return _bar_figure(title, len(funders), traces, legend=True, xaxis=_SHARE_AXIS)


def _total_of(totals: pd.DataFrame, funders: list[int], column: str) -> dict:
    """{funder: its total ``column``}, None where the total is hidden (or nothing)."""
    hidden = totals.suppressed.astype(bool)
    return {
        funder: None
        if hidden.loc[funder] or not totals.at[funder, column]
        else float(totals.at[funder, column])
        for funder in funders
    }


def _cells(frame: pd.DataFrame, key: str, value: str) -> dict:
    """{(funder_id, key value): value} for the rows not suppressed (a missing or hidden cell
    is absent)."""
    shown = frame[~frame.suppressed.astype(bool)]
    return {
        (int(funder), code): (None if pd.isna(number) else float(number))
        for funder, code, number in zip(shown.funder_id, shown[key], shown[value], strict=True)
    }


def _share_bar(name: str, names, shares, colour: str, text_colour: str = "#FFF") -> go.Bar:
    shares = _rounded(shares)
    return go.Bar(
        _validate=False,
        name=name,
        y=names,
        x=shares,
        orientation="h",
        marker={"color": colour, "line": {"width": 1, "color": "#FFF"}},
        text=[fmt.percent(s / 100) if s >= 8 else "" for s in shares],
        textposition="inside",
        insidetextanchor="middle",
        textfont={"color": text_colour, "size": 14},
        hovertemplate=f"<b>%{{y}}</b> – {name}: %{{x:.0f}} %<extra></extra>",
    )


def status_mix_figure(summary: pd.DataFrame, labels, lang: str) -> go.Figure:
    """Per funder, its indicators by status (100 % stacked), average progress in the name."""
    title = t("funders.status.title", lang)
    if summary.empty:
        return empty_figure(title, t("funders.none", lang))
    names = [
        f"{labels.get(int(row.funder_id), '?')} · "
        + ("–" if row.suppressed else fmt.percent(row.avg_progress))
        for row in summary.itertuples()
    ]
    hidden = summary.suppressed.astype(bool) | ~(summary.indicators.fillna(0) > 0)
    indicators = summary.indicators.where(~hidden)
    traces = [
        _share_bar(
            t(f"status.{status}", lang),
            names,
            (100 * summary[status] / indicators).where(~hidden, 0).fillna(0).tolist(),
            STATUS_COLOURS[status],
            STATUS_TEXT_COLOURS[status],
        )
        for status in STATUSES
    ]
    return _bar_figure(title, len(summary), traces, legend=True, xaxis=_SHARE_AXIS)


def stages_figure(stages: pd.DataFrame, order: list[int], labels, lang: str) -> go.Figure:
    """A grid funder × stage: average progress of the measured indicators at that stage."""
    title = t("funders.stages.title", lang)
    per_stage = stages[stages.level == "stage"]
    funders = [f for f in order if f in set(per_stage.funder_id)]
    if not funders:
        return empty_figure(title, t("funders.none", lang))
    z, text = [], []
    cells = _cells(per_stage, "stage", "avg_progress")
    for funder in funders:
        row_z, row_text = [], []
        for stage in STAGES:
            value = cells.get((funder, stage))
            row_z.append(None if value is None else round(value * 100, 1))
            row_text.append("–" if value is None else fmt.percent(value))
        z.append(row_z)
        text.append(row_text)
    heatmap = go.Heatmap(
        _validate=False,
        z=z,
        x=[t(f"funders.stage.{s}", lang) for s in STAGES],
        y=[labels.get(f, "?") for f in funders],
        text=text,
        texttemplate="%{text}",
        textfont={"size": 14},
        zmin=0,
        zmax=100,
        colorscale=[[0, "#E4EEF6"], [0.5, "#5B9BCB"], [1, "#0B3C6E"]],
        showscale=False,
        xgap=3,
        ygap=3,
        hovertemplate="<b>%{y}</b> – %{x}: %{text}<extra></extra>",
    )
    return _new_figure(
        title,
        [heatmap],
        height=_height(len(funders)),
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={"side": "top"},
        margin={"l": 8, "r": 8, "b": 8},
        plot_bgcolor="#F4F6F8",
    )


def evidence_figure(evidence: pd.DataFrame, order: list[int], labels, lang: str) -> go.Figure:
    """Per funder, the share of its projects' change-logic steps per evidence basis."""
    title = t("funders.evidence.title", lang)
    totals = evidence[evidence.level == "total"].set_index("funder_id")
    per_basis = evidence[evidence.level == "basis"]
    funders = [f for f in order if f in totals.index]
    if not funders:
        return empty_figure(title, t("funders.none", lang))
    names = [labels.get(f, "?") for f in funders]
    cells = _cells(per_basis, "basis", "elements")
    elements = _total_of(totals, funders, "elements")
    traces = []
    for basis in EVIDENCE:
        shares = []
        for funder in funders:
            part, total = cells.get((funder, basis)), elements[funder]
            shares.append(100 * part / total if part is not None and total else 0)
        traces.append(
            _share_bar(
                t(f"funders.basis.{basis}", lang),
                names,
                shares,
                EVIDENCE_COLOURS[basis],
                EVIDENCE_TEXT_COLOURS[basis],
            )
        )
    return _bar_figure(title, len(funders), traces, legend=True, xaxis=_SHARE_AXIS)


TREND_PALETTE = ["#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377"]


def trend_figure(trend: pd.DataFrame, summary: pd.DataFrame, labels, lang: str) -> go.Figure:
    """Average progress per quarter, one line per funder (the largest few)."""
    title = t("funders.trend.title", lang)
    visible = trend[~trend.suppressed]
    if visible.empty:
        return empty_figure(title, t("funders.none", lang))
    largest = largest_funders(summary, TREND_FUNDERS)
    funders = [f for f in largest if f in set(visible.funder_id)]
    if len(summary) > TREND_FUNDERS:
        title = f"{title} – {t('funders.trend.note', lang, count=TREND_FUNDERS)}"
    points: dict[int, tuple[list, list]] = {funder: ([], []) for funder in funders}
    middle = (visible.period_end - pd.Timedelta(days=45)).dt.strftime("%Y-%m-%d")  # mid-quarter
    for funder, day, progress in zip(visible.funder_id, middle, visible.avg_progress, strict=True):
        if int(funder) in points:
            points[int(funder)][0].append(day)
            points[int(funder)][1].append(progress * 100)
    traces = []
    for colour, funder in zip(TREND_PALETTE, funders, strict=False):
        days, values = points[funder]
        traces.append(
            go.Scatter(
                _validate=False,
                x=days,
                y=_rounded(values),
                name=labels.get(int(funder), "?"),
                mode="lines+markers",
                line={"color": colour, "width": 3},
                hovertemplate="<b>%{fullData.name}</b><br>%{y:.0f} %<extra></extra>",
            )
        )
    return _new_figure(
        title,
        traces,
        110,
        height=420,
        yaxis={"range": [0, 105], "ticksuffix": " %"},
        xaxis={"tickformat": "%Y", "dtick": "M12", "tick0": "2000-01-01"},
        legend={"orientation": "h", "y": -0.15, "x": 0},
    )


def outcomes_figure(outcomes: pd.DataFrame, order: list[int], labels, lang: str) -> go.Figure:
    """People reached (attributed by share of the money) per € 1 000 granted, per funder."""
    title = t("funders.outcomes.title", lang)
    rows = outcomes.set_index("funder_id")
    funders = [f for f in order if f in rows.index]
    if not funders:
        return empty_figure(title, t("chart.empty", lang))
    values, texts, hovers = [], [], []
    for funder in funders:
        row = rows.loc[funder]
        if row.suppressed:
            values.append(0)
            texts.append(t("chart.suppressed", lang))
            hovers.append(t("chart.suppressed", lang))
            continue
        values.append(round(float(row.per_1000), 2))
        texts.append(fmt.number(row.per_1000, 1))
        hovers.append(
            t(
                "funders.outcomes.hover",
                lang,
                people=fmt.number(row.people),
                money=fmt.money(row.money_eur),
                projects=fmt.number(row.projects),
            )
        )
    bar = go.Bar(
        _validate=False,
        y=[labels.get(f, "?") for f in funders],
        x=values,
        orientation="h",
        marker={"color": "#AA3377"},
        text=texts,
        textposition="auto",
        customdata=hovers,
        cliponaxis=False,
        hovertemplate="<b>%{y}</b>: %{text}<br>%{customdata}<extra></extra>",
    )
    return _bar_figure(title, len(funders), [bar])


# --- co-funding --------------------------------------------------------------------------


def pair_href(base_query: dict, first: int, second: int) -> str:
    query = {**base_query, "pair": f"{int(first)}-{int(second)}"}
    return "/funders?" + urlencode(query, safe=",") + "#co-funding"


def parse_pair(value) -> tuple[int, int] | None:
    """ "3-8" from a link as two funder ids, or None for anything else."""
    if not isinstance(value, str):
        return None
    first, _, second = value.partition("-")
    if not (first.isdigit() and second.isdigit()) or len(value) > 24:
        return None
    return int(first), int(second)


def pairs_matrix(pairs: pd.DataFrame, order: list[int], labels, base_query: dict, lang: str):
    """Funders × funders: shared projects and the row funder's money in them; each cell a link
    to the projects both support."""
    if pairs.empty or pairs.projects.fillna(0).sum() == 0 and not pairs.suppressed.any():
        return html.P(t("funders.pairs.none", lang), className="empty-note")
    weight = pairs.groupby("first").projects.sum()
    funders = [f for f in order if f in weight.index]
    note = None
    if len(funders) > MATRIX_FUNDERS:
        funders = sorted(funders, key=lambda f: -weight.get(f, 0))[:MATRIX_FUNDERS]
        funders = [f for f in order if f in funders]
        note = html.P(
            t("funders.pairs.limited", lang, count=MATRIX_FUNDERS), className="small-note"
        )
    shown = pairs[pairs["first"].isin(funders) & pairs["second"].isin(funders)]
    cells = {(int(r.first), int(r.second)): r for r in shown.itertuples()}
    most = max(float(pairs.projects.max() or 1), 1.0)
    header = html.Thead(
        html.Tr(
            [html.Th("", scope="col")]
            + [html.Th(labels.get(f, "?"), scope="col", className="pair-head") for f in funders]
        )
    )
    body = []
    for first in funders:
        row = [html.Th(labels.get(first, "?"), scope="row", className="pair-row-head")]
        for second in funders:
            row.append(
                _pair_cell(cells.get((first, second)), first, second, most, base_query, lang)
            )
        body.append(html.Tr(row))
    table = html.Table([header, html.Tbody(body)], className="pairs-matrix")
    return html.Div([note, table] if note else [table])


def _pair_cell(cell, first: int, second: int, most: float, base_query: dict, lang: str):
    if first == second:
        return html.Td("", className="pair-self")
    if cell is None:
        return html.Td("", className="pair-empty")
    if cell.suppressed:
        return html.Td(html.Span("<3", title=t("chart.suppressed", lang)), className="pair-hidden")
    strength = min(1.0, float(cell.projects) / most)
    money = "" if pd.isna(cell.money_first) else fmt.money_short(cell.money_first, lang)
    link = dcc.Link(
        [
            html.Span(fmt.number(cell.projects), className="pair-count"),
            html.Span(money, className="pair-money"),
        ],
        href=pair_href(base_query, first, second),
        className="pair-link",
    )
    return html.Td(
        link,
        className="pair-cell" + (" pair-strong" if strength > 0.55 else ""),
        style={"background": f"rgba(31, 78, 121, {0.08 + 0.8 * strength:.2f})"},
    )


def pair_projects_list(projects: pd.DataFrame, first: str, second: str, href, lang: str):
    """The shared projects the viewer may see, each a link to its page."""
    title = html.H3(t("funders.pair.title", lang, first=first, second=second), className="h5 mt-3")
    if projects.empty:
        return html.Div(
            [title, html.P(t("funders.pair.aggregate_only", lang), className="small-note")]
        )
    items = [
        html.Li(
            [
                dcc.Link(row.name, href=href(int(row.project_id))),
                html.Span(f" · {label('theme', row.theme, lang)}", className="text-muted"),
            ]
        )
        for row in projects.itertuples()
    ]
    return html.Div([title, html.Ul(items, className="pair-list")])


# --- exports: each chart's and the matrix's data as on screen (components.exports) ------


def _funder_rows(order: list[int], present, labels) -> list[tuple[int, str]]:
    return [(f, labels.get(f, "?")) for f in order if f in present]


def money_table(summary: pd.DataFrame, labels, lang: str, filters: str) -> ExportTable:
    names = headers(lang, "funder", "money", "projects", "note")
    rows = [
        [
            labels.get(int(row.funder_id), "?"),
            cell(row.money_eur, bool(row.suppressed)),
            cell(row.projects, bool(row.suppressed)),
            t("chart.suppressed", lang) if row.suppressed else None,
        ]
        for row in summary.itertuples()
    ]
    frame = pd.DataFrame(rows, columns=names)
    kinds = {names[1]: "money", names[2]: "count"}
    return ExportTable(t("funders.money.title", lang), frame, filters, kinds)


def theme_mix_table(themes: pd.DataFrame, order, labels, lang: str, filters: str) -> ExportTable:
    """Per funder, the share of its money per theme and of its hidden themes together."""
    totals = themes[themes.level == "total"].set_index("funder_id")
    per_theme = themes[themes.level == "theme"]
    cells = _cells(per_theme, "theme", "money_eur")
    # A hidden theme is blank (the chart draws it as nothing, inside the grey remainder).
    masked = per_theme[per_theme.suppressed.astype(bool)]
    hidden = {(int(f), theme) for f, theme in zip(masked.funder_id, masked.theme, strict=True)}
    theme_names = [label("theme", theme, lang) for theme in THEMES]
    names = [t("export.col.funder", lang), *theme_names, t("chart.suppressed", lang)]
    rows = []
    for funder, name in _funder_rows(order, totals.index, labels):
        total = totals.loc[funder]
        visible = not total.suppressed and total.money_eur
        shares = [
            round((cells.get((funder, theme)) or 0) / total.money_eur, 4)
            if visible and (funder, theme) not in hidden
            else None
            for theme in THEMES
        ]
        rest = max(0.0, 1 - sum(s or 0 for s in shares)) if visible else None
        rows.append([name, *shares, None if rest is None or rest <= 0.005 else round(rest, 4)])
    frame = pd.DataFrame(rows, columns=names)
    return ExportTable(
        t("funders.themes.title", lang), frame, filters, dict.fromkeys(names[1:], "share")
    )


def status_mix_table(summary: pd.DataFrame, labels, lang: str, filters: str) -> ExportTable:
    counts = summary.indicators.fillna(0)
    hidden = [bool(s) or not c > 0 for s, c in zip(summary.suppressed, counts, strict=True)]
    progress = zip(summary.avg_progress, summary.suppressed, strict=True)
    parts = [(status, t(f"status.{status}", lang)) for status in STATUSES]
    mix, kinds = mix_columns(summary, parts, "indicators", lang, hidden)
    names = headers(lang, "funder", "progress", "indicators", "note")
    frame = pd.DataFrame(
        {
            names[0]: [labels.get(int(f), "?") for f in summary.funder_id],
            names[1]: [cell(v, bool(s)) for v, s in progress],
            names[2]: [cell(v, h) for v, h in zip(summary.indicators, hidden, strict=True)],
            **mix,
            names[3]: [t("chart.suppressed", lang) if s else None for s in summary.suppressed],
        }
    )
    kinds = {names[1]: "share", names[2]: "count", **kinds}
    return ExportTable(t("funders.status.title", lang), frame, filters, kinds)


def stages_table(stages: pd.DataFrame, order, labels, lang: str, filters: str) -> ExportTable:
    """The grid funder × stage: average progress of the measured indicators ("–" blank)."""
    per_stage = stages[stages.level == "stage"]
    cells = _cells(per_stage, "stage", "avg_progress")
    stage_names = [t(f"funders.stage.{stage}", lang) for stage in STAGES]
    rows = [
        [name, *(cells.get((funder, stage)) for stage in STAGES)]
        for funder, name in _funder_rows(order, set(per_stage.funder_id), labels)
    ]
    frame = pd.DataFrame(rows, columns=[t("export.col.funder", lang), *stage_names])
    kinds = dict.fromkeys(stage_names, "share")
    return ExportTable(t("funders.stages.title", lang), frame, filters, kinds)


def evidence_table(evidence: pd.DataFrame, order, labels, lang: str, filters: str) -> ExportTable:
    totals = evidence[evidence.level == "total"].set_index("funder_id")
    cells = _cells(evidence[evidence.level == "basis"], "basis", "elements")
    basis_names = [t(f"funders.basis.{basis}", lang) for basis in EVIDENCE]
    rows = []
    for funder, name in _funder_rows(order, totals.index, labels):
        total = totals.loc[funder]
        shares = []
        for basis in EVIDENCE:
            elements = cells.get((funder, basis))
            visible = elements is not None and not total.suppressed and total.elements
            shares.append(round(elements / total.elements, 4) if visible else None)
        rows.append([name, *shares])
    frame = pd.DataFrame(rows, columns=[t("export.col.funder", lang), *basis_names])
    kinds = dict.fromkeys(basis_names, "share")
    return ExportTable(t("funders.evidence.title", lang), frame, filters, kinds)


def trend_table(trend: pd.DataFrame, summary, labels, lang: str, filters: str) -> ExportTable:
    """The lines of the trend chart: the largest few funders, per quarter."""
    visible = trend[~trend.suppressed]
    largest = largest_funders(summary, TREND_FUNDERS) if not visible.empty else []
    funders = [f for f in largest if f in set(visible.funder_id)]
    names = headers(lang, "funder", "quarter_end", "progress")
    rows = [
        [labels.get(int(funder), "?"), cell(row.period_end), cell(row.avg_progress)]
        for funder in funders
        for row in visible[visible.funder_id == funder].itertuples()
    ]
    frame = pd.DataFrame(rows, columns=names)
    kinds = {names[1]: "date", names[2]: "share"}
    return ExportTable(t("funders.trend.title", lang), frame, filters, kinds)


def outcomes_table(outcomes: pd.DataFrame, order, labels, lang: str, filters: str) -> ExportTable:
    rows_by = outcomes.set_index("funder_id")
    names = headers(lang, "funder", "per_1000", "people", "money", "projects", "note")
    rows = []
    for funder, name in _funder_rows(order, rows_by.index, labels):
        row = rows_by.loc[funder]
        hidden = bool(row.suppressed)
        rows.append(
            [
                name,
                None if hidden else round(float(row.per_1000), 1),
                cell(row.people, hidden),
                cell(row.money_eur, hidden),
                cell(row.projects, hidden),
                t("chart.suppressed", lang) if hidden else None,
            ]
        )
    frame = pd.DataFrame(rows, columns=names)
    kinds = dict(zip(names[1:5], ("decimal", "count", "money", "count"), strict=True))
    return ExportTable(t("funders.outcomes.title", lang), frame, filters, kinds)


def pairs_table(pairs: pd.DataFrame, order, labels, lang: str, filters: str) -> ExportTable:
    """The co-funding matrix as rows (funder, other funder): the same funders as on screen."""
    names = headers(lang, "funder", "other_funder", "shared_projects", "money_first", "note")
    rows = []
    if not pairs.empty:
        weight = pairs.groupby("first").projects.sum()
        funders = [f for f in order if f in weight.index]
        if len(funders) > MATRIX_FUNDERS:
            kept = sorted(funders, key=lambda f: -weight.get(f, 0))[:MATRIX_FUNDERS]
            funders = [f for f in order if f in kept]
        cells = {(int(r.first), int(r.second)): r for r in pairs.itertuples()}
        for first in funders:
            for second in funders:
                found = cells.get((first, second))
                if first == second or found is None:
                    continue
                hidden = bool(found.suppressed)
                rows.append(
                    [
                        labels.get(first, "?"),
                        labels.get(second, "?"),
                        cell(found.projects, hidden),
                        cell(found.money_first, hidden),
                        t("chart.suppressed", lang) if hidden else None,
                    ]
                )
    frame = pd.DataFrame(rows, columns=names)
    kinds = {names[2]: "count", names[3]: "money"}
    return ExportTable(t("funders.pairs.title", lang), frame, filters, kinds)
