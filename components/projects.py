"""The Projects page: a grid of tiles, one per project, with search, sort and pages.

Builders take plain data (``project_queries.TilePage``) and never query. A tile's trend is a
tiny SVG drawn here (an image, not a Plotly figure: two dozen charts would weigh more than
the whole page).
"""

from __future__ import annotations

import math
from urllib.parse import quote

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from components import formatting as fmt
from components import ids
from components.i18n import dropdown_labels, label, t
from components.theme import STATUS_COLOURS, STATUS_TEXT_COLOURS, THEME_COLOURS
from data_access.project_queries import SEARCH_LENGTH, SORTS
from data_access.vocabulary import STATUSES

STORY_LINE = 160  # characters of a story's first line on a tile
SPARK_WIDTH, SPARK_HEIGHT = 120, 32


# --- layout --------------------------------------------------------------------------------


def layout(lang: str, filter_bar=None, query: dict | None = None) -> html.Div:
    """The page skeleton; the tiles arrive through the callback."""
    return html.Div(
        [
            html.Div(
                [
                    html.H1(t("projects.title", lang), className="page-title"),
                    html.P(id=ids.PROJECTS_SUBTITLE, className="page-subtitle"),
                ],
                className="page-header",
            ),
            filter_bar,
            controls(lang),
            html.Div(id=ids.PROJECTS_ERROR),
            html.P(id=ids.PROJECTS_COUNT, className="tile-count", **{"aria-live": "polite"}),
            html.Div(id=ids.PROJECTS_GRID, className="tile-grid"),
            html.Nav(
                dbc.Pagination(
                    id=ids.PROJECTS_PAGER,
                    max_value=1,
                    active_page=1,
                    fully_expanded=False,
                    previous_next=True,
                    class_name="justify-content-center flex-wrap",
                ),
                className="tile-pager",
                **{"aria-label": t("projects.pager", lang)},
            ),
        ],
        className="projects-page",
    )


def controls(lang: str) -> html.Div:
    """Search by name and the order of the tiles."""
    search = dbc.Input(
        id=ids.PROJECTS_SEARCH,
        type="search",
        placeholder=t("projects.search_placeholder", lang),
        debounce=400,
        maxlength=SEARCH_LENGTH,
        autocomplete="off",
    )
    sort = dcc.Dropdown(
        id=ids.PROJECTS_SORT,
        options=[{"label": t(f"projects.sort.{key}", lang), "value": key} for key in SORTS],
        value=SORTS[0],
        clearable=False,
        searchable=False,
        labels=dropdown_labels(lang),
    )
    card = dbc.Card(
        dbc.CardBody(
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Label(
                                t("projects.search", lang),
                                html_for=ids.PROJECTS_SEARCH,
                                className="filter-label",
                            ),
                            search,
                        ],
                        xs=12,
                        md=7,
                    ),
                    dbc.Col(
                        [
                            dbc.Label(
                                t("projects.sort", lang),
                                html_for=ids.PROJECTS_SORT,
                                className="filter-label",
                            ),
                            sort,
                        ],
                        xs=12,
                        md=5,
                    ),
                ],
                className="g-3",
            )
        ),
        className="mb-3 tile-controls",
    )
    return html.Div(card, role="search", **{"aria-label": t("projects.search", lang)})


# --- tiles ---------------------------------------------------------------------------------


def count_text(total: int, page: int, page_size: int, lang: str) -> str:
    """ "Projecten 25–48 van 128", or the empty state."""
    if total == 0:
        return t("projects.none", lang)
    first = (page - 1) * page_size + 1
    last = min(total, page * page_size)
    return t(
        "projects.count",
        lang,
        first=fmt.number(first),
        last=fmt.number(last),
        total=fmt.number(total),
    )


def tiles(tile_page, search: str, lang: str) -> list:
    """One tile per project on the page, in the page's order. ``search`` is the query string
    every tile's link carries (language and filters)."""
    funders = _by_project(tile_page.funders)
    trends = _by_project(tile_page.trend)
    stories = _by_project(tile_page.stories)
    return [
        tile(
            row,
            funders.get(int(row["project_id"])),
            trends.get(int(row["project_id"])),
            stories.get(int(row["project_id"])),
            search,
            lang,
        )
        for _, row in tile_page.tiles.iterrows()
    ]


def _by_project(frame: pd.DataFrame) -> dict[int, pd.DataFrame]:
    return {int(key): rows for key, rows in frame.groupby("project_id", sort=False)}


def project_href(project_id: int, search: str) -> str:
    return f"/projects/{int(project_id)}{search}"


def tile(row, funders, trend, story, search: str, lang: str) -> html.Article:
    """Name (the link to the project page), organisation and lead, theme and status, progress
    with its trend, funders and money, and the first line of the latest story."""
    theme = str(row["theme"])
    colour = THEME_COLOURS.get(theme, "#666666")
    header = html.Div(
        [
            html.Span(
                f"{label('theme', theme, lang)} · {label('sub_theme', row['sub_theme'], lang)}",
                className="tile-theme",
                style={"color": colour},
            ),
            dbc.Badge(
                label("project_status", str(row["status"]), lang),
                color="light",
                text_color="dark",
                className="tile-status border",
            ),
        ],
        className="tile-top",
    )
    who = " · ".join(part for part in (row["organisation"], row["lead"]) if _text(part))
    body = [
        header,
        html.H2(
            dcc.Link(
                str(row["name"]),
                href=project_href(row["project_id"], search),
                className="stretched-link",
            ),
            className="tile-name",
        ),
        html.P(who, className="tile-org"),
        progress_block(row, trend, colour, lang),
        status_pills(row, lang),
        funders_line(funders, row["money_eur"], lang),
        story_block(story, lang),
    ]
    return html.Article(body, className="project-tile", style={"borderTopColor": colour})


def progress_block(row, trend, colour: str, lang: str) -> html.Div:
    progress = row["progress"]
    measured = int(row["measured"])
    if pd.isna(progress) or measured == 0:
        value_text, bar_value = t("tile.no_progress", lang), 0
    else:
        value_text = t("tile.progress", lang, value=fmt.percent(float(progress)))
        bar_value = round(min(max(float(progress), 0.0), 1.0) * 100)
    details = [t("tile.indicators", lang, measured=measured, indicators=int(row["indicators"]))]
    if not pd.isna(row["last_measurement"]):
        when = fmt.date(pd.Timestamp(row["last_measurement"]).date())
        details.append(t("tile.last_measurement", lang, date=when))
    return html.Div(
        [
            html.Div(
                [
                    html.Div(
                        [
                            html.Div(value_text, className="tile-progress-value"),
                            progress_bar(bar_value, value_text),
                        ],
                        className="tile-progress-main",
                    ),
                    sparkline(trend, colour, lang),
                ],
                className="tile-progress",
            ),
            html.Div(" · ".join(details), className="tile-meta"),
        ]
    )


def progress_bar(percent: int, text: str) -> html.Div:
    """A plain bar with its value for assistive technology."""
    return html.Div(
        html.Div(className="tile-bar-fill", style={"width": f"{percent}%"}),
        className="tile-bar",
        role="progressbar",
        **{
            "aria-valuenow": str(percent),
            "aria-valuemin": "0",
            "aria-valuemax": "100",
            "aria-label": text,
        },
    )


def sparkline_points(values: list[float]) -> str:
    """SVG polyline points for progress values (0..1, capped) across the sparkline's box."""
    if not values:
        return ""
    step = SPARK_WIDTH / max(len(values) - 1, 1)
    points = []
    for position, value in enumerate(values):
        y = SPARK_HEIGHT - 2 - min(max(value, 0.0), 1.0) * (SPARK_HEIGHT - 4)
        points.append(f"{position * step:.1f},{y:.1f}")
    return " ".join(points)


def sparkline(trend, colour: str, lang: str):
    """A small line of average progress per quarter, as an image with its text alternative;
    nothing when fewer than two quarters were measured."""
    if trend is None:
        return html.Span(className="tile-spark")
    values = [float(v) for v in trend["progress"] if not math.isnan(v)]
    if len(values) < 2:
        return html.Span(className="tile-spark")
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SPARK_WIDTH}" height="{SPARK_HEIGHT}" '
        f'viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}">'
        f'<line x1="0" y1="{SPARK_HEIGHT - 2}" x2="{SPARK_WIDTH}" y2="{SPARK_HEIGHT - 2}" '
        'stroke="#CCCCCC" stroke-width="1"/>'
        f'<polyline fill="none" stroke="{colour}" stroke-width="2" stroke-linejoin="round" '
        f'points="{sparkline_points(values)}"/></svg>'
    )
    alt = t(
        "tile.trend",
        lang,
        first=fmt.percent(values[0]),
        last=fmt.percent(values[-1]),
    )
    return html.Img(
        src="data:image/svg+xml;charset=utf-8," + quote(svg, safe=' /=:,."-'),
        alt=alt,
        title=alt,
        width=SPARK_WIDTH,
        height=SPARK_HEIGHT,
        className="tile-spark",
    )


def status_pills(row, lang: str) -> html.Div:
    """The indicators per status, as small labelled pills (not by colour alone)."""
    pills = [
        html.Span(
            f"{int(row[status])} {t(f'status.{status}', lang).lower()}",
            className="tile-pill",
            style={
                "backgroundColor": STATUS_COLOURS[status],
                "color": STATUS_TEXT_COLOURS[status],
            },
        )
        for status in STATUSES
        if int(row[status]) > 0
    ]
    return html.Div(pills, className="tile-pills")


def funders_line(funders, money: float, lang: str) -> html.Div:
    names = [] if funders is None else [str(name) for name in funders["funder"]]
    shown = ", ".join(names) if names else "–"
    return html.Div(
        [
            html.Span(t("tile.funders", lang) + ": ", className="tile-label"),
            html.Span(shown),
            html.Span(f" · {fmt.money_short(float(money), lang)}", className="tile-money"),
        ],
        className="tile-funders",
    )


def first_line(text, limit: int = STORY_LINE) -> str:
    """The first non-empty line of a text, shortened with an ellipsis."""
    if not _text(text):
        return ""
    line = next((part.strip() for part in str(text).splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def story_block(story, lang: str) -> html.Div:
    if story is None or story.empty:
        return html.Div(t("tile.no_story", lang), className="tile-story tile-story-empty")
    row = story.iloc[0]
    when = fmt.date(pd.Timestamp(row["period_end"]).date())
    return html.Div(
        [
            html.Div(
                f"{t('tile.story', lang)} · {when}",
                className="tile-label",
            ),
            html.Div(str(row["title"]), className="tile-story-title"),
            html.P(first_line(row["text"]), className="tile-story-text"),
        ],
        className="tile-story",
    )


def _text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())
