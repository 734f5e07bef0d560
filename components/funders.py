"""The Funders page: funders side by side, built from query results (DataFrames)."""

from __future__ import annotations

from urllib.parse import urlencode

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from components import formatting as fmt
from components import ids
from components.i18n import label, t
from components.portfolio import GRAPH_CONFIG, _figure, empty_figure
from components.since import since_picker
from components.theme import NO_DATA_COLOUR, STATUS_COLOURS, STATUS_TEXT_COLOURS, THEME_COLOURS
from data_access.funder_queries import TREND_FUNDERS, largest_funders
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
                    dbc.Col(_graph_card(ids.FUNDERS_MONEY), lg=6),
                    dbc.Col(_graph_card(ids.FUNDERS_THEMES), lg=6),
                ],
                className="g-3 mb-3",
            ),
            dbc.Row(
                [
                    dbc.Col(_graph_card(ids.FUNDERS_STATUS), lg=6),
                    dbc.Col(_graph_card(ids.FUNDERS_STAGES), lg=6),
                ],
                className="g-3 mb-3",
            ),
            dbc.Row(
                [
                    dbc.Col(_graph_card(ids.FUNDERS_EVIDENCE), lg=6),
                    dbc.Col(
                        _graph_card(ids.FUNDERS_OUTCOMES, t("funders.outcomes.note", lang)), lg=6
                    ),
                ],
                className="g-3 mb-3",
            ),
            dbc.Row(dbc.Col(_graph_card(ids.FUNDERS_TREND)), className="g-3 mb-3"),
            dbc.Card(
                dbc.CardBody(
                    [
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
        placeholder=t("funders.pick_hint", lang),
        className="funders-pick",
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


def _graph_card(component_id: str, note: str | None = None) -> dbc.Card:
    body = [
        dcc.Loading(
            dcc.Graph(
                id=component_id,
                config={
                    **GRAPH_CONFIG,
                    "toImageButtonOptions": {
                        **GRAPH_CONFIG["toImageButtonOptions"],
                        "filename": f"filantrimpact-{component_id}",
                    },
                },
                style={"minHeight": "320px"},
            ),
            delay_show=400,
        )
    ]
    if note:
        body.append(html.P(note, className="small-note"))
    return dbc.Card(dbc.CardBody(body), className="h-100")


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


def _height(rows: int) -> int:
    return 130 + ROW_HEIGHT * max(rows, 2)


def _pin_title(figure: go.Figure, height: int) -> None:
    """The title at the top of a tall figure (the template places it by a fraction of the
    height, which lands it among the bars when a long list of funders makes it tall)."""
    figure.update_layout(title={"y": 1 - 12 / height, "yanchor": "top"})


def _bar_figure(title: str, rows: int, legend: bool = False) -> go.Figure:
    figure = _figure(title, 60)
    _pin_title(figure, _height(rows) + (50 if legend else 0))
    figure.update_layout(
        height=_height(rows) + (50 if legend else 0),
        barmode="stack",
        bargap=0.3,
        yaxis={"autorange": "reversed", "automargin": True},
        legend={"orientation": "h", "y": -0.08, "x": 0, "yanchor": "top"},
        margin={"l": 8, "r": 16, "b": 8},
    )
    return figure


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
    figure = _bar_figure(title, len(summary))
    figure.add_trace(
        go.Bar(
            _validate=False,
            y=names,
            x=summary.money_eur.fillna(0),
            orientation="h",
            marker={"color": "#4477AA"},
            text=texts,
            textposition="auto",
            insidetextanchor="start",
            cliponaxis=False,
            hovertemplate="<b>%{y}</b><br>%{text}<extra></extra>",
        )
    )
    figure.update_layout(xaxis={"tickprefix": "€ ", "separatethousands": True})
    return figure


def theme_mix_figure(themes: pd.DataFrame, order: list[int], labels, lang: str) -> go.Figure:
    """Per funder, the share of its money in each theme (hidden themes together in grey)."""
    title = t("funders.themes.title", lang)
    totals = themes[(themes.level == "total")].set_index("funder_id")
    per_theme = themes[themes.level == "theme"]
    funders = [f for f in order if f in totals.index]
    if not funders:
        return empty_figure(title, t("funders.none", lang))
    names = [labels.get(f, "?") for f in funders]
    figure = _bar_figure(title, len(funders), legend=True)
    shown = {f: 0.0 for f in funders}
    # One lookup per figure: filtering the frame per funder and theme took most of a second
    # with 80 funders.
    cells = _cells(per_theme, "theme", "money_eur")
    for theme in THEMES:
        shares = []
        for funder in funders:
            total = totals.loc[funder]
            value = cells.get((funder, theme)) or 0
            share = value / total.money_eur if not total.suppressed and total.money_eur else 0
            shown[funder] += share
            shares.append(share * 100)
        figure.add_trace(
            _share_bar(label("theme", theme, lang), names, shares, THEME_COLOURS[theme])
        )
    hidden = [0 if totals.loc[f].suppressed else max(0.0, 100 - shown[f] * 100) for f in funders]
    hidden = [value if value > 0.5 else 0 for value in hidden]
    figure.add_trace(_share_bar(t("chart.suppressed", lang), names, hidden, NO_DATA_COLOUR, "#000"))
    figure.update_layout(xaxis={"range": [0, 100], "ticksuffix": "\u00a0%"})
    return figure


def _cells(frame: pd.DataFrame, key: str, value: str) -> dict:
    """{(funder_id, key value): value} for the rows not suppressed (a missing or hidden cell
    is absent)."""
    shown = frame[~frame.suppressed.astype(bool)]
    return {
        (int(funder), code): (None if pd.isna(number) else float(number))
        for funder, code, number in zip(shown.funder_id, shown[key], shown[value], strict=True)
    }


def _share_bar(name: str, names, shares, colour: str, text_colour: str = "#FFF") -> go.Bar:
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
    rows = summary[summary.indicators.fillna(0) > 0] if not summary.empty else summary
    if rows.empty and summary.empty:
        return empty_figure(title, t("funders.none", lang))
    names = [
        f"{labels.get(int(row.funder_id), '?')} · "
        + ("–" if row.suppressed else fmt.percent(row.avg_progress))
        for row in summary.itertuples()
    ]
    figure = _bar_figure(title, len(summary), legend=True)
    hidden = summary.suppressed.astype(bool) | ~(summary.indicators.fillna(0) > 0)
    for status in STATUSES:
        share = (100 * summary[status] / summary.indicators.where(~hidden)).fillna(0)
        shares = [float(value) for value in share.where(~hidden, 0)]
        figure.add_trace(
            _share_bar(
                t(f"status.{status}", lang),
                names,
                shares,
                STATUS_COLOURS[status],
                STATUS_TEXT_COLOURS[status],
            )
        )
    figure.update_layout(xaxis={"range": [0, 100], "ticksuffix": "\u00a0%"})
    return figure


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
            row_z.append(None if value is None else value * 100)
            row_text.append("–" if value is None else fmt.percent(value))
        z.append(row_z)
        text.append(row_text)
    figure = _figure(title, 60)
    figure.add_trace(
        go.Heatmap(
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
    )
    _pin_title(figure, _height(len(funders)))
    figure.update_layout(
        height=_height(len(funders)),
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={"side": "top"},
        margin={"l": 8, "r": 8, "b": 8},
        plot_bgcolor="#F4F6F8",
    )
    return figure


def evidence_figure(evidence: pd.DataFrame, order: list[int], labels, lang: str) -> go.Figure:
    """Per funder, the share of its projects' change-logic steps per evidence basis."""
    title = t("funders.evidence.title", lang)
    totals = evidence[evidence.level == "total"].set_index("funder_id")
    per_basis = evidence[evidence.level == "basis"]
    funders = [f for f in order if f in totals.index]
    if not funders:
        return empty_figure(title, t("funders.none", lang))
    names = [labels.get(f, "?") for f in funders]
    figure = _bar_figure(title, len(funders), legend=True)
    cells = _cells(per_basis, "basis", "elements")
    for basis in EVIDENCE:
        shares = []
        for funder in funders:
            total = totals.loc[funder]
            elements = cells.get((funder, basis))
            visible = elements is not None and not total.suppressed and total.elements
            shares.append(100 * elements / total.elements if visible else 0)
        figure.add_trace(
            _share_bar(
                t(f"funders.basis.{basis}", lang),
                names,
                shares,
                EVIDENCE_COLOURS[basis],
                EVIDENCE_TEXT_COLOURS[basis],
            )
        )
    figure.update_layout(xaxis={"range": [0, 100], "ticksuffix": "\u00a0%"})
    return figure


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
    figure = _figure(title, 110)
    palette = ["#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377"]
    for colour, funder in zip(palette, funders, strict=False):
        rows = visible[visible.funder_id == funder]
        figure.add_trace(
            go.Scatter(
                _validate=False,
                x=rows.period_end - pd.Timedelta(days=45),
                y=rows.avg_progress * 100,
                name=labels.get(int(funder), "?"),
                mode="lines+markers",
                line={"color": colour, "width": 3},
                hovertemplate="<b>%{fullData.name}</b><br>%{y:.0f} %<extra></extra>",
            )
        )
    figure.update_layout(
        height=420,
        yaxis={"range": [0, 105], "ticksuffix": " %"},
        xaxis={"tickformat": "%Y", "dtick": "M12", "tick0": "2000-01-01"},
        legend={"orientation": "h", "y": -0.15, "x": 0},
    )
    return figure


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
        values.append(float(row.per_1000))
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
    figure = _bar_figure(title, len(funders))
    figure.add_trace(
        go.Bar(
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
    )
    return figure


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
