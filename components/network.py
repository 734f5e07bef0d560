"""The Network page: the network's shared progress in a few blocks, each one message.

The same blocks are the slides of the presentation mode (``components.presentation``): on the
page they sit in cards, on a slide they fill the screen.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from components import formatting as fmt
from components import ids
from components.exports import ExportTable, cell, chart_card, export_menu, headers, page_downloads
from components.i18n import label, t
from components.since import since_picker
from components.theme import STATUS_COLOURS, THEME_COLOURS
from data_access.vocabulary import STAGES, THEMES

SLIDES = ("headline", "themes", "logic", "funders", "stories", "since")
STORY_CHARS = 220


# --- layout ------------------------------------------------------------------------------


def layout(lang: str, filter_bar=None, query: dict | None = None) -> html.Div:
    """The page skeleton; every figure arrives through the network callback."""
    query = query or {}
    return html.Div(
        [
            html.Div(
                [
                    html.H1(t("network.title", lang), className="page-title"),
                    html.P(id=ids.NETWORK_SUBTITLE, className="page-subtitle"),
                ],
                className="page-header",
            ),
            _controls(lang, query),
            html.Div(id=ids.NETWORK_ERROR),
            html.Div(id=ids.NETWORK_HEADLINE, className="mb-3"),
            dbc.Row(
                [
                    # Side by side only where the five stages fit in half the width.
                    dbc.Col(
                        _card(ids.NETWORK_THEMES, t("slide.themes", lang), _menu("themes", lang)),
                        xs=12,
                        xxl=5,
                    ),
                    dbc.Col(
                        _card(
                            ids.NETWORK_STAGES,
                            t("network.stages.title", lang),
                            _menu("stages", lang),
                        ),
                        xs=12,
                        xxl=7,
                    ),
                ],
                className="g-3 mb-3",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        chart_card(
                            ids.NETWORK_TIMELINE,
                            {"height": "420px"},
                            _menu("timeline", lang, ids.NETWORK_TIMELINE),
                        ),
                        lg=7,
                    ),
                    dbc.Col(_card(ids.NETWORK_FUNDERS, t("network.funders.title", lang)), lg=5),
                ],
                className="g-3 mb-3",
            ),
            _card(ids.NETWORK_STORIES, t("network.stories.title", lang)),
            html.Div(id=ids.NETWORK_SINCE, className="mt-3 mb-4"),
            page_downloads("network-since"),
            page_downloads("network"),
        ],
        className="network",
    )


def _controls(lang: str, query: dict) -> dbc.Card:
    options = [{"label": t(f"slide.{name}", lang), "value": name} for name in SLIDES]
    return dbc.Card(
        dbc.CardBody(
            dbc.Row(
                [
                    dbc.Col(since_picker(ids.NETWORK_SINCE_DATE, query, lang), md=3, lg=2),
                    dbc.Col(
                        [
                            html.Div(t("network.present_slides", lang), className="filter-label"),
                            dcc.Checklist(
                                id="network-slides",
                                options=options,
                                value=list(SLIDES),
                                inline=True,
                                className="slide-checklist",
                                inputClassName="form-check-input",
                                labelClassName="form-check-label me-3",
                            ),
                        ],
                        md=9,
                        lg=5,
                    ),
                    dbc.Col(
                        [
                            html.Label(
                                t("network.present_timer", lang),
                                htmlFor="network-timer",
                                className="filter-label",
                            ),
                            dcc.Input(
                                id="network-timer",
                                type="number",
                                min=5,
                                max=600,
                                step=5,
                                debounce=True,
                                className="form-control",
                            ),
                        ],
                        md=6,
                        lg=2,
                    ),
                    dbc.Col(
                        [
                            dcc.Link(
                                t("network.present", lang),
                                id=ids.NETWORK_PRESENT_LINK,
                                href=present_href(list(SLIDES), None, query.get("since"), lang),
                                className="btn btn-primary btn-lg present-link",
                            ),
                            html.Div(t("network.present_hint", lang), className="small-note"),
                        ],
                        md=6,
                        lg=3,
                    ),
                ],
                className="g-3 align-items-end",
            )
        ),
        className="filter-bar mb-3",
    )


def present_href(slides, timer, since, lang: str) -> str:
    """The presentation's address: the slide sequence (and timer, since date) in the link."""
    from urllib.parse import urlencode

    chosen = [name for name in slides or () if name in SLIDES] or list(SLIDES)
    query = {"slides": ",".join(chosen), "lang": lang}
    if isinstance(timer, int | float) and 5 <= timer <= 600:
        query["timer"] = int(timer)
    if isinstance(since, str) and len(since) == 10 and since.replace("-", "").isdigit():
        query["since"] = since
    return "/network/present?" + urlencode(query, safe=",")


def _menu(table: str, lang: str, graph: str | None = None):
    return export_menu("network", table, lang, graph)


def _card(component_id: str, title: str, menu=None) -> dbc.Card:
    head = [menu] if menu is not None else []
    return dbc.Card(
        dbc.CardBody([*head, html.H2(title, className="card-title"), html.Div(id=component_id)]),
        className="h-100",
    )


# --- blocks (also the slides) ------------------------------------------------------------


def headline_block(figures: pd.Series, funders: pd.Series, lang: str) -> html.Div:
    """Projects, funders, money, people reached and average progress, as big numbers."""
    hidden = bool(figures.suppressed)
    people = figures.people_reached
    message = (
        t("slide.headline.message", lang, people=fmt.number(people))
        if not hidden and pd.notna(people) and people > 0
        else t("slide.headline.message_plain", lang, projects=_count(figures.projects, hidden))
    )
    numbers = [
        ("network.projects", _count(figures.projects, hidden)),
        ("network.funders", fmt.number(funders.funders)),
        ("network.money", "–" if hidden else fmt.money_short(figures.money_eur, lang)),
        ("network.people", "–" if hidden else fmt.number(people)),
        ("network.progress", "–" if hidden else fmt.percent(figures.avg_progress)),
    ]
    return html.Div(
        [
            html.P(message, className="block-message"),
            html.Div(
                [
                    html.Div(
                        [
                            html.Div(value, className="big-number"),
                            html.Div(t(key, lang), className="big-label"),
                        ],
                        className="big-figure",
                    )
                    for key, value in numbers
                ],
                className="big-figures",
            ),
        ],
        className="block headline-block",
    )


def _count(value, hidden: bool) -> str:
    return "–" if hidden or pd.isna(value) else fmt.number(value)


def themes_block(themes: pd.DataFrame, lang: str) -> html.Div:
    """Per theme: average progress as a thick bar, the projects and the share achieved."""
    rows = []
    by_theme = {row.theme: row for row in themes.itertuples(index=False)}
    for theme in THEMES:
        row = by_theme.get(theme)
        if row is None or (not row.suppressed and row.projects == 0):
            continue
        name = html.Div(label("theme", theme, lang), className="bar-name")
        if row.suppressed:
            rows.append(
                html.Div(
                    [name, html.Div(t("chart.suppressed", lang), className="bar-note")],
                    className="bar-row",
                )
            )
            continue
        achieved = row.achieved / row.indicators if row.indicators else None
        note = t("slide.projects_note", lang, projects=fmt.number(row.projects))
        if achieved is not None:
            note += " · " + t("slide.achieved_share", lang, share=fmt.percent(achieved))
        rows.append(
            html.Div(
                [
                    name,
                    _bar(row.avg_progress, THEME_COLOURS[theme]),
                    html.Div(note, className="bar-note"),
                ],
                className="bar-row",
            )
        )
    return html.Div(
        [html.P(t("slide.themes.message", lang), className="block-message"), *rows],
        className="block themes-block",
    )


def _bar(progress, colour: str, expected=None) -> html.Div:
    share = 0 if pd.isna(progress) else max(0.0, min(1.0, float(progress)))
    parts = [
        html.Div(
            className="bar-fill", style={"width": f"{share * 100:.1f}%", "background": colour}
        ),
        html.Span(fmt.percent(progress), className="bar-value"),
    ]
    if expected is not None and pd.notna(expected):
        parts.append(
            html.Div(
                className="bar-expected",
                style={"left": f"{max(0.0, min(1.0, float(expected))) * 100:.1f}%"},
            )
        )
    return html.Div(parts, className="bar-track")


def logic_block(stages: pd.DataFrame, lang: str) -> html.Div:
    """The five stages from input to impact: realised progress against the expected."""
    columns = []
    by_stage = {row.stage: row for row in stages.itertuples(index=False) if row.level == "stage"}
    for stage in STAGES:
        row = by_stage.get(stage)
        title = html.Div(t(f"funders.stage.{stage}", lang), className="stage-name")
        if row is None:
            body = [html.Div("–", className="stage-value"), html.Div("", className="stage-note")]
        elif row.suppressed:
            body = [
                html.Div("–", className="stage-value"),
                html.Div(t("chart.suppressed", lang), className="stage-note"),
            ]
        else:
            body = [
                html.Div(fmt.percent(row.avg_progress), className="stage-value"),
                _bar(row.avg_progress, STATUS_COLOURS["achieved"], row.avg_expected),
                html.Div(
                    t("slide.expected_note", lang, expected=fmt.percent(row.avg_expected))
                    + " · "
                    + t("slide.projects_note", lang, projects=fmt.number(row.projects)),
                    className="stage-note",
                ),
            ]
        columns.append(html.Div([title, *body], className="stage-column"))
        if stage != STAGES[-1]:
            columns.append(html.Div("→", className="stage-arrow", **{"aria-hidden": "true"}))
    return html.Div(
        [
            html.P(t("slide.logic.message", lang), className="block-message"),
            html.Div(columns, className="stage-chain"),
            html.Div(
                [
                    html.Span(className="legend-realised"),
                    t("network.realised", lang),
                    html.Span(className="legend-expected"),
                    t("network.expected", lang),
                ],
                className="stage-legend",
            ),
        ],
        className="block logic-block",
    )


def funders_block(funders: pd.Series, named: list[str], lang: str) -> html.Div:
    """How many funders together, how many projects co-funded; the named funders."""
    hidden = bool(funders.suppressed)
    message = t(
        "network.funders.text",
        lang,
        funders=fmt.number(funders.funders),
        projects=_count(funders.projects, hidden),
        co_funded=_count(funders.co_funded, hidden),
    )
    anonymous = int(funders.funders) - len(named) if pd.notna(funders.funders) else 0
    names = t(
        "network.funders.named",
        lang,
        names=", ".join(named) if named else "–",
        anonymous=fmt.number(anonymous),
    )
    return html.Div(
        [
            html.P(message, className="block-message"),
            html.P(names, className="block-detail funder-names"),
        ],
        className="block funders-block",
    )


def stories_block(stories: pd.DataFrame, lang: str, limit: int = 3) -> html.Div:
    """The latest stories of shared projects, as quotes."""
    if stories.empty:
        return html.Div(html.P(t("network.stories.none", lang), className="block-detail"))
    quotes = [
        html.Figure(
            [
                html.Blockquote(
                    [html.P(row.title, className="story-title"), html.P(_short(row.text))],
                    className="story-quote",
                ),
                html.Figcaption(
                    f"{row.project} · {label('theme', row.theme, lang)} · "
                    f"{fmt.date(row.period_end.date())}",
                    className="story-source",
                ),
            ],
            className="story",
            style={"borderColor": THEME_COLOURS.get(row.theme, "#4477AA")},
        )
        for row in stories.head(limit).itertuples()
    ]
    return html.Div(quotes, className="block stories-block")


def _short(text) -> str:
    text = "" if pd.isna(text) else str(text)
    if len(text) <= STORY_CHARS:
        return text
    return text[:STORY_CHARS].rsplit(" ", 1)[0] + " …"


# --- exports: the blocks' figures as tables (components.exports) -------------------------


def themes_table(themes: pd.DataFrame, lang: str, filters: str) -> ExportTable:
    """Per theme as the block shows it: average progress, projects, share achieved."""
    names = headers(lang, "theme", "progress", "projects", "achieved_share", "note")
    rows = []
    for theme in THEMES:
        found = themes[themes.theme == theme]
        if found.empty or (not found.suppressed.iloc[0] and found.projects.iloc[0] == 0):
            continue
        row = found.iloc[0]
        hidden = bool(row.suppressed)
        achieved = row.achieved / row.indicators if not hidden and row.indicators else None
        rows.append(
            [
                label("theme", theme, lang),
                cell(row.avg_progress, hidden),
                cell(row.projects, hidden),
                None if achieved is None else round(float(achieved), 4),
                t("chart.suppressed", lang) if hidden else None,
            ]
        )
    frame = pd.DataFrame(rows, columns=names)
    kinds = dict(zip(names[1:4], ("share", "count", "share"), strict=True))
    return ExportTable(t("slide.themes", lang), frame, filters, kinds)


def stages_table(stages: pd.DataFrame, lang: str, filters: str) -> ExportTable:
    """The five stages as the block shows them: realised against expected, and projects."""
    names = headers(lang, "stage", "realised", "expected", "projects", "note")
    rows = []
    for stage in STAGES:
        found = stages[(stages.level == "stage") & (stages.stage == stage)]
        hidden = not found.empty and bool(found.suppressed.iloc[0])
        row = None if found.empty or hidden else found.iloc[0]
        rows.append(
            [
                t(f"funders.stage.{stage}", lang),
                None if row is None else cell(row.avg_progress),
                None if row is None else cell(row.avg_expected),
                None if row is None else cell(row.projects),
                t("chart.suppressed", lang) if hidden else None,
            ]
        )
    frame = pd.DataFrame(rows, columns=names)
    kinds = dict(zip(names[1:4], ("share", "share", "count"), strict=True))
    return ExportTable(t("network.stages.title", lang), frame, filters, kinds)
