""" "Since the last meeting": the date picker and the section that says what changed, shared by
the Portfolio, Funders and Network pages."""

from __future__ import annotations

import datetime as dt

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from components import formatting as fmt
from components.exports import ExportTable, cell, export_menu
from components.i18n import t

KINDS = ("achieved", "slipped", "measurements", "stories", "started", "finished")
KIND_ICONS = {
    "achieved": "▲",
    "slipped": "▼",
    "measurements": "●",
    "stories": "✎",
    "started": "▶",
    "finished": "■",
}


def default_since(today: dt.date) -> dt.date:
    """Three months before ``today`` (the last day of that month when it is shorter)."""
    month, year = today.month - 3, today.year
    if month < 1:
        month, year = month + 12, year - 1
    for day in range(today.day, 27, -1):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return dt.date(year, month, min(today.day, 28))


def parse_since(value, today: dt.date) -> tuple[dt.date, bool]:
    """The since date a link or the picker gave, and whether it was usable; anything else
    (not a date, before 2000, after today) gives three months ago."""
    if isinstance(value, str) and len(value) <= 10:
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            day = None
        if day is not None and dt.date(2000, 1, 1) <= day <= today:
            return day, True
    return default_since(today), value in (None, "")


def since_picker(component_id: str, query: dict, lang: str) -> html.Div:
    """A labelled date field for the since date (from the link, else three months ago)."""
    since, _ = parse_since(query.get("since"), dt.date.today())
    field = dcc.Input(
        id=component_id,
        type="date",
        value=since.isoformat(),
        max=dt.date.today().isoformat(),
        min="2000-01-01",
        debounce=True,
        className="form-control since-date",
    )
    # The field inside its label: named for screen readers whatever its id's shape.
    return html.Div(
        html.Label(
            [html.Span(t("since.label", lang), className="filter-label d-block"), field],
            className="d-block mb-0",
        ),
        className="since-picker",
    )


def since_section(
    summary: pd.DataFrame,
    changes: pd.DataFrame | None,
    since,
    today,
    lang: str,
    changed: int = 0,
    page: str | None = None,
):
    """What changed since the date: a figure per kind (hidden below 3 projects for aggregate
    viewers) and, for detail viewers, the projects one click away: all of them, or when
    ``changed`` is more than the list holds, the ones with the most changes. With ``page``
    (the export page key, e.g. "portfolio-since"), the figures and the list can be downloaded."""
    tiles = [_tile(row, lang) for row in summary.itertuples()]
    title = t("since.title", lang)
    body = [
        export_menu(page, "summary", lang, title=title) if page else None,
        html.H2(t("since.title", lang), className="card-title"),
        html.P(
            t("since.subtitle", lang, since=fmt.date(since), today=fmt.date(today)),
            className="small-note mb-2",
        ),
        html.Div(tiles, className="since-tiles"),
    ]
    if changes is None:
        body.append(html.P(t("since.list_aggregate", lang), className="small-note"))
    elif len(changes):
        body.append(
            html.Details(
                [
                    html.Summary(
                        t(
                            "since.list_top",
                            lang,
                            count=fmt.number(len(changes)),
                            total=fmt.number(changed),
                        )
                        if changed > len(changes)
                        else t("since.list", lang, count=fmt.number(len(changes)))
                    ),
                    export_menu(page, "projects", lang, title=t("since.project", lang))
                    if page
                    else None,
                    change_table(changes, lang),
                ],
                className="since-list",
            )
        )
    return dbc.Card(dbc.CardBody(body), className="since-card")


def _tile(row, lang: str) -> html.Div:
    hidden = bool(row.suppressed)
    value = "–" if hidden else fmt.number(row.items)
    note = (
        t("chart.suppressed", lang)
        if hidden
        else t("since.in_projects", lang, projects=fmt.number(row.projects))
    )
    return html.Div(
        [
            html.Div(
                [
                    html.Span(
                        KIND_ICONS[row.kind], className="since-icon", **{"aria-hidden": "true"}
                    ),
                    value,
                ],
                className="since-value",
            ),
            html.Div(t(f"since.{row.kind}", lang), className="since-kind"),
            html.Div(note, className="since-note"),
        ],
        className=f"since-tile since-{row.kind}",
        **{"data-kind": row.kind},
    )


def change_table(changes: pd.DataFrame, lang: str) -> dbc.Table:
    """One row per project with a change: its name (a link) and what changed."""
    rows = []
    for row in changes.itertuples():
        parts = [
            f"{KIND_ICONS[kind]} {fmt.number(getattr(row, kind))} {t(f'since.{kind}', lang)}"
            for kind in KINDS
            if getattr(row, kind)
        ]
        rows.append(
            html.Tr(
                [
                    html.Td(dcc.Link(row.name, href=f"/projects/{int(row.project_id)}")),
                    html.Td("; ".join(parts)),
                ]
            )
        )
    header = html.Thead(
        html.Tr(
            [
                html.Th(t("since.project", lang), scope="col"),
                html.Th(t("since.what", lang), scope="col"),
            ]
        )
    )
    return dbc.Table([header, html.Tbody(rows)], size="sm", hover=True, className="since-table")


def since_tables(
    summary: pd.DataFrame, changes: pd.DataFrame | None, filters: str, lang: str
) -> dict[str, ExportTable]:
    """The section as export tables: the figure per kind (blank where hidden) and, for detail
    viewers, the projects as listed."""
    what, items, projects = (
        t("since.what", lang),
        t("export.since.items", lang),
        t("export.since.projects", lang),
    )
    rows = [
        {
            what: t(f"since.{row.kind}", lang),
            items: cell(row.items, bool(row.suppressed)),
            projects: cell(row.projects, bool(row.suppressed)),
        }
        for row in summary.itertuples()
    ]
    frame = pd.DataFrame(rows, columns=[what, items, projects])
    title = t("since.title", lang)
    tables = {"summary": ExportTable(title, frame, filters, {items: "count", projects: "count"})}
    if changes is not None:
        columns = [t("since.project", lang), *(t(f"since.{kind}", lang) for kind in KINDS)]
        listed = pd.DataFrame(
            [
                [row.name, *(int(getattr(row, kind)) for kind in KINDS)]
                for row in changes.itertuples()
            ],
            columns=columns,
        )
        kinds = {column: "count" for column in columns[1:]}
        tables["projects"] = ExportTable(t("export.since.list", lang), listed, filters, kinds)
    return tables
