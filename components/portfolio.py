"""The Portfolio page: its layout and its figures, built from query results (DataFrames)."""

from __future__ import annotations

import textwrap
from functools import cache
from types import SimpleNamespace

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html
from plotly.colors import sample_colorscale

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
from components.since import since_picker
from components.theme import (
    NO_DATA_COLOUR,
    PROGRESS_SCALE,
    STATUS_COLOURS,
    STATUS_TEXT_COLOURS,
    THEME_COLOURS,
    figure_template_json,
)
from data_access.vocabulary import STATUSES, THEMES

# --- layout ------------------------------------------------------------------------------


def layout(lang: str, filter_bar=None, query: dict | None = None) -> html.Div:
    """The page skeleton; every number and chart arrives through the portfolio callback."""
    return html.Div(
        [
            html.Div(
                [
                    html.H1(t("portfolio.title", lang), className="page-title"),
                    html.P(id=ids.PORTFOLIO_SUBTITLE, className="page-subtitle"),
                    # The board pack: a PDF of this page as filtered (callbacks.board_pack).
                    html.Div(
                        [
                            # While it builds, a spinner over the (dimmed) button.
                            dcc.Loading(
                                [
                                    dbc.Button(
                                        t("pack.button", lang),
                                        id=ids.PACK_BUTTON,
                                        color="primary",
                                        outline=True,
                                        size="sm",
                                        title=t("pack.button_hint", lang),
                                    ),
                                    dcc.Download(id=ids.PACK_DOWNLOAD),
                                ],
                                type="circle",
                                delay_show=200,
                                overlay_style={"visibility": "visible", "opacity": 0.4},
                            ),
                            html.Div(id=ids.PACK_MESSAGE, role="status"),
                        ],
                        className="ms-auto pack-control",
                    ),
                ],
                className="page-header",
            ),
            filter_bar,
            html.Div(id=ids.PORTFOLIO_ERROR),
            dbc.Row(
                [
                    _kpi_col(ids.KPI_PROJECTS, t("kpi.projects", lang)),
                    _kpi_col(ids.KPI_MONEY, t("kpi.money", lang)),
                    _kpi_col(ids.KPI_PEOPLE, t("kpi.people", lang)),
                    _kpi_col(ids.KPI_PROGRESS, t("kpi.progress", lang)),
                ],
                className="g-3 mb-3",
            ),
            dbc.Card(
                dbc.CardBody(
                    [
                        html.H2(t("kpi.status", lang), className="kpi-title"),
                        html.Div(id=ids.KPI_STATUS, className="status-row"),
                    ]
                ),
                className="mb-3",
            ),
            dbc.Row(
                [
                    dbc.Col(_graph_card(ids.GRAPH_THEMES, 460, _menu("themes", lang)), lg=7),
                    dbc.Col(_graph_card(ids.GRAPH_STATUS, 460, _menu("status", lang)), lg=5),
                ],
                className="g-3 mb-3",
            ),
            dbc.Row(
                [
                    dbc.Col(_graph_card(ids.GRAPH_TIMELINE, 440, _menu("timeline", lang)), lg=8),
                    dbc.Col(
                        dbc.Card(
                            dbc.CardBody(
                                [
                                    export_menu(
                                        "portfolio",
                                        "units",
                                        lang,
                                        title=t("chart.units.title", lang),
                                    ),
                                    html.H2(t("chart.units.title", lang), className="card-title"),
                                    html.P(t("chart.units.note", lang), className="small-note"),
                                    html.Div(id=ids.UNIT_TABLE, className="units-scroll"),
                                ]
                            ),
                            className="h-100 units-card",
                        ),
                        lg=4,
                    ),
                ],
                className="g-3 mb-4",
            ),
            # Since the last meeting: its own section and callback (callbacks.since).
            html.Div(
                [
                    since_picker(ids.PORTFOLIO_SINCE_DATE, query or {}, lang),
                    html.Div(id=ids.PORTFOLIO_SINCE),
                    page_downloads("portfolio-since"),
                ],
                className="portfolio-since mb-4",
            ),
            page_downloads("portfolio"),
        ],
        className="portfolio",
    )


def _kpi_col(component_id: str, title: str) -> dbc.Col:
    return dbc.Col(
        dbc.Card(
            dbc.CardBody(
                [html.H2(title, className="kpi-title"), html.Div(id=component_id)],
            ),
            className="kpi h-100",
        ),
        xs=12,
        sm=6,
        xl=3,
    )


_MENU_GRAPHS = {
    "themes": ids.GRAPH_THEMES,
    "status": ids.GRAPH_STATUS,
    "timeline": ids.GRAPH_TIMELINE,
}


def _menu(table: str, lang: str):
    return export_menu(
        "portfolio", table, lang, _MENU_GRAPHS[table], t(f"chart.{table}.title", lang)
    )


def _graph_card(component_id: str, height: int, menu=None) -> dbc.Card:
    return chart_card(component_id, {"height": f"{height}px"}, menu)


# --- key figures -------------------------------------------------------------------------


def kpi(value: str, note: str = "") -> list:
    """The big number and a line saying what it counts."""
    return [html.Div(value, className="kpi-value"), html.Div(note, className="kpi-note")]


def key_figure_children(figures: pd.Series, lang: str) -> dict[str, list]:
    """The four key-figure cards' contents, keyed by component id."""
    if figures.suppressed:
        hidden = kpi("–", t("chart.suppressed", lang))
        return {
            key: hidden
            for key in (ids.KPI_PROJECTS, ids.KPI_MONEY, ids.KPI_PEOPLE, ids.KPI_PROGRESS)
        }
    measured = int(figures.indicators - figures.no_data)
    return {
        ids.KPI_PROJECTS: kpi(
            fmt.number(figures.projects),
            t("kpi.projects_note", lang, indicators=fmt.number(figures.indicators)),
        ),
        ids.KPI_MONEY: kpi(fmt.money(figures.money_eur), t("kpi.grants_note", lang)),
        ids.KPI_PEOPLE: kpi(
            fmt.number(figures.people_reached),
            # Hidden when fewer than 3 of the projects in view count people.
            t("chart.suppressed", lang)
            if pd.isna(figures.people_projects)
            else t("kpi.people_note", lang, projects=fmt.number(figures.people_projects)),
        ),
        ids.KPI_PROGRESS: kpi(
            fmt.percent(figures.avg_progress),
            t("kpi.progress_note", lang, measured=fmt.number(measured)),
        ),
    }


def status_pills(figures: pd.Series, lang: str) -> list:
    """Indicators by status: a count per status, with colour and words (never colour alone)."""
    if figures.suppressed:
        return [html.Span(t("chart.suppressed", lang))]
    total = max(int(figures.indicators), 1)
    pills = []
    for status in STATUSES:
        count = int(figures[status])
        pills.append(
            html.Div(
                [
                    html.Span(className="status-dot", style={"background": STATUS_COLOURS[status]}),
                    html.Span(t(f"status.{status}", lang), className="status-name"),
                    html.Span(fmt.number(count), className="status-count"),
                    html.Span(fmt.percent(count / total), className="status-share"),
                ],
                className="status-pill",
                **{"data-status": status},
            )
        )
    return pills


# --- figures -----------------------------------------------------------------------------


def _figure(title: str, width_chars: int = 70) -> go.Figure:
    """An empty figure with the house template and a title wrapped to fit its card."""
    lines = textwrap.wrap(title, width_chars) or [""]
    # The template is validated once when built; validating it again for every figure
    # would cost more than the queries behind it.
    figure = go.Figure(layout={"template": figure_template_json()}, _validate=False)
    figure.update_layout(
        title={"text": "<br>".join(lines)},
        margin={"t": 28 + 24 * len(lines)},
    )
    return figure


def empty_figure(title: str, message: str) -> go.Figure:
    """The chart's title with a message where the chart would be."""
    layout = _layout(title, 70)
    layout.update(
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[
            {
                "text": message,
                "showarrow": False,
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
                "font": {"size": 17, "color": "#555555"},
            }
        ],
    )
    return as_figure([], layout)


# Parts of the template only maps, polar, 3-D and pie charts read.
_OTHER_CHARTS_LAYOUT = ("geo", "mapbox", "map", "piecolorway", "polar", "scene", "ternary")


@cache
def lean_template(trace_types: tuple[str, ...] = ()) -> dict:
    """The house template with only what a figure of these trace types reads: its layout
    less what only other kinds of charts read, and the defaults of these traces. Drawn the
    same, in a third of the bytes the whole template takes in every answer."""
    template = figure_template_json()
    data = template.get("data", {})
    return {
        "data": {kind: data[kind] for kind in trace_types if kind in data},
        "layout": {
            key: value
            for key, value in template["layout"].items()
            if key not in _OTHER_CHARTS_LAYOUT
        },
    }


def _layout(title: str, width_chars: int, trace_types: tuple[str, ...] = ()) -> dict:
    """A figure's layout: the lean template and the title wrapped to fit its card."""
    lines = textwrap.wrap(title, width_chars) or [""]
    return {
        "template": lean_template(trace_types),
        "title": {"text": "<br>".join(lines)},
        "margin": {"t": 28 + 24 * len(lines)},
    }


def as_figure(data: list[dict], layout: dict) -> go.Figure:
    """A figure of plain traces and layout, built as data: validating what these builders
    make from known values costs more than the queries behind it."""
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def _rounded(values, digits: int = 4) -> list:
    """Floats for a chart's axis, rounded (no 15-digit noise in every answer); None stays."""
    return [None if v is None or v != v else round(float(v), digits) for v in values]


def progress_colour(progress: float | None) -> str:
    """The colour of a progress value on the light-to-dark blue scale; grey for no data."""
    if progress is None or pd.isna(progress):
        return NO_DATA_COLOUR
    position = min(1.0, max(0.0, float(progress)))
    return sample_colorscale(_progress_scale(), [position])[0]


def _progress_scale() -> list[list]:
    steps = len(PROGRESS_SCALE) - 1
    return [[i / steps, colour] for i, colour in enumerate(PROGRESS_SCALE)]


def _progress_colourbar(lang: str) -> dict:
    """An invisible trace that only draws the progress colour bar (treemaps mix colours)."""
    return {
        "type": "scatter",
        "x": [None],
        "y": [None],
        "mode": "markers",
        "hoverinfo": "skip",
        "showlegend": False,
        "marker": {
            "color": [0],
            "cmin": 0,
            "cmax": 100,
            "colorscale": _progress_scale(),
            "showscale": True,
            "colorbar": {
                "title": {"text": t("chart.themes.colorbar", lang), "side": "top"},
                "tickvals": [0, 25, 50, 75, 100],
                "ticktext": ["0 %", "25 %", "50 %", "75 %", "100 %"],
                "thickness": 14,
                "len": 0.8,
                "x": 0.88,
                "xanchor": "left",
            },
        },
    }


def themes_figure(sub_themes: pd.DataFrame, themes: pd.DataFrame, lang: str) -> go.Figure:
    """Treemap theme → sub-theme, sized by money granted, coloured by average progress.

    Theme tiles carry their theme's fixed colour; sub-theme tiles the progress colour (grey
    when nothing was measured yet).
    """
    title = t("chart.themes.title", lang)
    sub_themes = sub_themes[~sub_themes.suppressed & (sub_themes.projects > 0)]
    themes = themes[~themes.suppressed & (themes.projects > 0)]
    if sub_themes.empty or sub_themes.money_eur.sum() <= 0:
        return empty_figure(title, t("chart.empty", lang))
    order = {theme: rank for rank, theme in enumerate(THEMES)}
    themes = themes.sort_values("theme", key=lambda s: s.map(order))
    theme_rows, sub_theme_rows = _records(themes), _records(sub_themes)
    rows = [
        (row.theme, label("theme", row.theme, lang), "", THEME_COLOURS[row.theme], row)
        for row in theme_rows
    ] + [
        (
            f"{row.theme}/{row.sub_theme}",
            label("sub_theme", row.sub_theme, lang),
            row.theme,
            progress_colour(row.avg_progress),
            row,
        )
        for row in sub_theme_rows
    ]
    rows += _remainder_tiles(theme_rows, sub_theme_rows, lang)
    no_data = t("chart.themes.no_data", lang)
    customdata = [
        [
            fmt.money(row.money_eur),
            ""
            if isinstance(row, _Tile)
            else no_data
            if pd.isna(row.avg_progress)
            else fmt.percent(row.avg_progress),
            fmt.number(row.projects),
            fmt.number(row.indicators),
            fmt.money_short(row.money_eur, lang),
        ]
        for *_, row in rows
    ]
    treemap = {
        "type": "treemap",
        "ids": [row_id for row_id, *_ in rows],
        "labels": [name for _, name, *_ in rows],
        "parents": [parent for _, _, parent, *_ in rows],
        "values": [float(row.money_eur) for *_, row in rows],
        "branchvalues": "total",
        "customdata": customdata,
        "marker": {
            "colors": [colour for *_, colour, _ in rows],
            "line": {"width": 2, "color": "#FFFFFF"},
        },
        "texttemplate": "<b>%{label}</b><br>%{customdata[4]}<br>%{customdata[1]}",
        "hovertemplate": (
            "<b>%{label}</b><br>"
            + f"{t('hover.money', lang)}: %{{customdata[0]}}<br>"
            + f"{t('hover.progress', lang)}: %{{customdata[1]}}<br>"
            + f"{t('hover.projects', lang)}: %{{customdata[2]}}<br>"
            + f"{t('hover.indicators', lang)}: %{{customdata[3]}}<br>"
            + f"<i>{t('hover.click_to_filter', lang)}</i><extra></extra>"
        ),
        # A click filters the page (callbacks.portfolio); should the treemap have zoomed in
        # first, the path bar is the way back out.
        "pathbar": {"visible": True, "thickness": 26, "textfont": {"size": 15}},
        "domain": {"x": [0, 0.86], "y": [0, 1]},
        "tiling": {"pad": 3},
        "root": {"color": "#FFFFFF"},
        "textfont": {"size": 16},
        "sort": False,  # people, society, environment: always in that order
    }
    layout = _layout(title, 55, ("treemap", "scatter"))
    layout.update(xaxis={"visible": False}, yaxis={"visible": False})
    layout["margin"].update(l=4, r=4, b=4)
    return as_figure([treemap, _progress_colourbar(lang)], layout)


def _records(frame: pd.DataFrame) -> list[SimpleNamespace]:
    """The rows of a small frame with attribute access, like ``itertuples`` (which costs
    more than the chart itself for a frame of pandas' own dtypes)."""
    return [SimpleNamespace(**row) for row in frame.to_dict("records")]


def _hidden_remainders(themes: pd.DataFrame, sub_themes: pd.DataFrame, lang: str) -> list:
    """One grey tile per theme for its hidden sub-themes together (only their sum, which the
    visible figures already give), so the treemap does not show an unexplained gap."""
    return _remainder_tiles(_records(themes), _records(sub_themes), lang)


def _remainder_tiles(themes: list, sub_themes: list, lang: str) -> list:
    """``_hidden_remainders`` of the themes' and sub-themes' rows."""
    shown: dict[str, float] = {}
    for row in sub_themes:
        shown[row.theme] = shown.get(row.theme, 0.0) + float(row.money_eur)
    tiles = []
    for theme in themes:
        remainder = float(theme.money_eur) - shown.get(theme.theme, 0.0)
        if remainder <= 0.5:
            continue
        tiles.append(
            (
                f"{theme.theme}/hidden",
                t("chart.suppressed", lang),
                theme.theme,
                NO_DATA_COLOUR,
                _Tile(remainder),
            )
        )
    return tiles


class _Tile:
    """A treemap tile for hidden groups: only the money they add up to."""

    def __init__(self, money: float):
        self.money_eur = money
        self.avg_progress = float("nan")
        self.projects = float("nan")
        self.indicators = float("nan")


def status_figure(themes: pd.DataFrame, lang: str) -> go.Figure:
    """Per theme, the share of its indicators in each status (100 % stacked bars)."""
    title = t("chart.status.title", lang)
    themes = themes[~themes.suppressed & (themes.indicators > 0)]
    if themes.empty:
        return empty_figure(title, t("chart.empty", lang))
    order = {theme: rank for rank, theme in enumerate(THEMES)}
    themes = themes.sort_values("theme", key=lambda s: s.map(order), ascending=False)
    names = [label("theme", theme, lang) for theme in themes.theme]
    totals = themes.indicators.tolist()
    traces = []
    for status in STATUSES:
        counts = [int(count) for count in themes[status]]
        shares = [count / total for count, total in zip(counts, totals, strict=True)]
        status_name = t(f"status.{status}", lang)
        traces.append(
            {
                "type": "bar",
                "name": status_name,
                "y": names,
                "x": _rounded(share * 100 for share in shares),
                "orientation": "h",
                "marker": {
                    "color": STATUS_COLOURS[status],
                    "line": {"width": 1, "color": "#FFF"},
                },
                "text": [
                    fmt.number(count) if share >= 0.06 else ""
                    for count, share in zip(counts, shares, strict=True)
                ],
                "textposition": "inside",
                "insidetextanchor": "middle",
                "textfont": {"color": STATUS_TEXT_COLOURS[status], "size": 15},
                "customdata": [
                    [fmt.number(count), fmt.percent(share), fmt.number(total)]
                    for count, share, total in zip(counts, shares, totals, strict=True)
                ],
                "hovertemplate": (
                    f"<b>%{{y}}</b> – {status_name}<br>"
                    f"%{{customdata[0]}} {t('hover.indicators', lang).lower()} "
                    f"{t('hover.share', lang)} %{{customdata[1]}} "
                    "(%{customdata[0]}/%{customdata[2]})<extra></extra>"
                ),
            }
        )
    layout = _layout(title, 42, ("bar",))
    layout.update(
        barmode="stack",
        bargap=0.35,
        legend={"orientation": "h", "y": -0.12, "x": 0, "traceorder": "normal"},
        xaxis={"range": [0, 100], "ticksuffix": "\u00a0%", "dtick": 25},
        yaxis={"automargin": True},
    )
    return as_figure(traces, layout)


def quarter_label(period_end: pd.Timestamp, lang: str) -> str:
    return f"{t('quarter.prefix', lang)}{(period_end.month - 1) // 3 + 1} {period_end.year}"


def timeline_figure(timeline: pd.DataFrame, lang: str) -> go.Figure:
    """Average progress per quarter and theme, realised next to expected."""
    title = t("chart.timeline.title", lang)
    timeline = timeline[~timeline.suppressed]
    if timeline.empty:
        return empty_figure(title, t("chart.empty", lang))
    realised, expected = t("chart.timeline.realised", lang), t("chart.timeline.expected", lang)
    traces = []
    for theme in THEMES:
        rows = timeline[timeline.theme == theme]
        if rows.empty:
            continue
        name = label("theme", theme, lang)
        ends = rows.period_end.tolist()
        quarters = [quarter_label(day, lang) for day in ends]
        # Drawn mid-quarter, so the last quarter of a year sits before the next year's tick.
        midpoints = [(day - pd.Timedelta(days=45)).isoformat() for day in ends]
        counts = [fmt.number(n) for n in rows.indicators.tolist()]
        for kind, column, dash, width in (
            (realised, "avg_progress", "solid", 3),
            (expected, "avg_expected", "dot", 2),
        ):
            values = rows[column].tolist()
            traces.append(
                {
                    "type": "scatter",
                    "x": midpoints,
                    "y": _rounded((v * 100 for v in values), 3),
                    "name": f"{name} – {kind}",
                    "legendgroup": theme,
                    "mode": "lines+markers" if dash == "solid" else "lines",
                    "line": {"color": THEME_COLOURS[theme], "dash": dash, "width": width},
                    "marker": {"size": 6},
                    "customdata": [
                        [q, fmt.percent(v), c]
                        for q, v, c in zip(quarters, values, counts, strict=True)
                    ],
                    "hovertemplate": (
                        f"<b>{name}</b> – {kind}<br>%{{customdata[0]}}: %{{customdata[1]}}<br>"
                        f"{t('hover.indicators', lang)}: %{{customdata[2]}}<extra></extra>"
                    ),
                }
            )
    layout = _layout(title, 60, ("scatter",))
    layout.update(
        yaxis={
            "range": [0, 105],
            "ticksuffix": " %",
            "title": {"text": t("chart.timeline.axis", lang)},
        },
        xaxis={"tickformat": "%Y", "dtick": "M12", "tick0": "2000-01-01"},
        legend={"orientation": "h", "y": -0.15, "x": 0},
        hovermode="closest",
    )
    return as_figure(traces, layout)


def unit_table(units: pd.DataFrame, lang: str):
    """Numbers added up per unit, and percentages pooled per question, as two small tables."""
    if units.empty:
        return html.P(t("chart.empty", lang), className="empty-note")
    # What most projects report on first; "persons" usually leads.
    units = units.sort_values(["projects", "unit", "indicator"], ascending=[False, True, True])
    numbers = units[units.measure_kind == "number"]
    shares = units[units.measure_kind == "percentage"]
    parts = []
    if not numbers.empty:
        parts.append(
            _totals_table(
                t("chart.units.unit", lang),
                [(label("unit", row.unit, lang), row) for row in numbers.itertuples()],
                lambda row: fmt.number(row.total),
                lang,
            )
        )
    if not shares.empty:
        parts.append(html.H3(t("chart.units.shares", lang), className="table-title"))
        parts.append(
            _totals_table(
                t("chart.units.indicator", lang),
                [(row.indicator, row) for row in shares.itertuples()],
                lambda row: fmt.percent(row.total / 100, 1),
                lang,
            )
        )
    return html.Div(parts)


def _totals_table(first_header: str, rows: list, total_text, lang: str) -> dbc.Table:
    header = html.Thead(
        html.Tr(
            [
                html.Th(first_header, scope="col"),
                html.Th(t("chart.units.total", lang), scope="col", className="text-end"),
                html.Th(t("chart.units.projects", lang), scope="col", className="text-end"),
            ]
        )
    )
    body = [
        html.Tr(
            [
                html.Td(name),
                html.Td(
                    t("chart.suppressed", lang) if row.suppressed else total_text(row),
                    className="text-end num",
                ),
                html.Td(fmt.number(row.projects), className="text-end num"),
            ]
        )
        for name, row in rows
    ]
    return dbc.Table([header, html.Tbody(body)], size="sm", hover=True, className="unit-table")


# --- exports: each chart's and table's data as on screen (components.exports) ------------


def themes_table(sub_themes: pd.DataFrame, themes: pd.DataFrame, lang: str, filters: str):
    """The treemap's tiles: each theme, its sub-themes, and its hidden sub-themes together
    (only their money, as the grey tile shows it)."""
    columns = headers(lang, "theme", "sub_theme", "money", "progress", "projects", "indicators")
    kinds = dict(zip(columns[2:], ("money", "share", "count", "count"), strict=True))
    subs = sub_themes[~sub_themes.suppressed & (sub_themes.projects > 0)]
    shown = themes[~themes.suppressed & (themes.projects > 0)]
    rows = []
    if not subs.empty and subs.money_eur.sum() > 0:
        for theme in THEMES:
            for row in shown[shown.theme == theme].itertuples():
                name = label("theme", theme, lang)
                rows.append([name, None, *_tile_values(row)])
                mine = subs[subs.theme == theme]
                rows += [
                    [name, label("sub_theme", sub.sub_theme, lang), *_tile_values(sub)]
                    for sub in mine.itertuples()
                ]
                remainder = float(row.money_eur) - float(mine.money_eur.sum())
                if remainder > 0.5:
                    rows.append(
                        [name, t("export.hidden_groups", lang), remainder, None, None, None]
                    )
    frame = pd.DataFrame(rows, columns=columns)
    return ExportTable(t("chart.themes.title", lang), frame, filters, kinds)


def _tile_values(row) -> list:
    return [row.money_eur, row.avg_progress, row.projects, row.indicators]


def status_table(themes: pd.DataFrame, lang: str, filters: str):
    """Per theme shown, its indicators by status: counts and shares."""
    rows = themes[~themes.suppressed & (themes.indicators > 0)]
    order = {theme: rank for rank, theme in enumerate(THEMES)}
    rows = rows.sort_values("theme", key=lambda s: s.map(order)).reset_index(drop=True)
    parts = [(status, t(f"status.{status}", lang)) for status in STATUSES]
    mix, kinds = mix_columns(rows, parts, "indicators", lang)
    theme, indicators = t("export.col.theme", lang), t("export.col.indicators", lang)
    frame = pd.DataFrame(
        {
            theme: [label("theme", v, lang) for v in rows.theme],
            indicators: [cell(v) for v in rows.indicators],
            **mix,
        }
    )
    return ExportTable(
        t("chart.status.title", lang), frame, filters, {indicators: "count", **kinds}
    )


def timeline_table(timeline: pd.DataFrame, lang: str, filters: str):
    """Average progress per quarter and theme, realised and expected, as the lines show it."""
    rows = timeline[~timeline.suppressed]
    order = {theme: rank for rank, theme in enumerate(THEMES)}
    rows = rows.assign(rank=rows.theme.map(order)).sort_values(["rank", "period_end"])
    names = headers(lang, "theme", "quarter_end", "realised", "desired", "indicators")
    frame = pd.DataFrame(
        {
            names[0]: [label("theme", v, lang) for v in rows.theme],
            names[1]: [cell(v) for v in rows.period_end],
            names[2]: [cell(v) for v in rows.avg_progress],
            names[3]: [cell(v) for v in rows.avg_expected],
            names[4]: [cell(v) for v in rows.indicators],
        }
    )
    kinds = dict(zip(names[1:], ("date", "share", "share", "count"), strict=True))
    return ExportTable(t("chart.timeline.title", lang), frame, filters, kinds)


def units_table(units: pd.DataFrame, lang: str, filters: str):
    """The totals per unit and the pooled percentages, in the on-screen order; a hidden total
    stays blank with the reason."""
    units = units.sort_values(["projects", "unit", "indicator"], ascending=[False, True, True])
    names = headers(lang, "kind", "unit", "total", "total_share", "projects", "note")
    rows = []
    for kind in ("number", "percentage"):
        for row in units[units.measure_kind == kind].itertuples():
            hidden = bool(row.suppressed)
            number = kind == "number"
            rows.append(
                [
                    t(f"export.kind.{kind}", lang),
                    label("unit", row.unit, lang) if number else row.indicator,
                    cell(row.total, hidden or not number),
                    None if hidden or number or pd.isna(row.total) else float(row.total) / 100,
                    cell(row.projects),
                    t("chart.suppressed", lang) if hidden else None,
                ]
            )
    frame = pd.DataFrame(rows, columns=names)
    kinds = dict(zip(names[2:5], ("count", "share", "count"), strict=True))
    return ExportTable(t("chart.units.title", lang), frame, filters, kinds)
