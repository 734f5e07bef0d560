"""The Data page and the import report in words: every problem as a row (sheet, row, column,
value, reason) and the counts per sheet, in the user's language. The report texts serve the
command line too; the layout pieces only the page."""

from __future__ import annotations

import logging

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from components import formatting as fmt
from components import ids
from components.i18n import t
from data_access.importer.readers import MAX_BYTES
from data_access.importer.template import SHEET_BY_KEY

log = logging.getLogger(__name__)
TIME_ZONE = "Europe/Brussels"
# Problems shown on the page; the rest is counted (the command line lists them all).
SHOWN_PROBLEMS = 200

REPORT_COLUMNS = ("sheet", "row", "column", "value", "reason")


def problem_rows(report, lang: str) -> list[dict[str, str]]:
    """One dict per problem, the reason translated with its placeholders filled in."""
    return [
        {
            "sheet": found.sheet or t("import.whole_file", lang),
            "row": "" if found.row is None else str(found.row),
            "column": found.column,
            "value": found.value,
            "reason": t(found.reason, lang, **found.placeholders),
        }
        for found in report.problems
    ]


def headline(report, lang: str) -> str:
    return t(f"import.status.{report.status}", lang, file=report.filename,
             count=len(report.problems))  # fmt: skip


def count_lines(report, lang: str) -> list[str]:
    """'metingen: 3 nieuw, 1 gewijzigd, 0 ongewijzigd' per sheet with rows in the file."""
    words = {key: t(f"import.report.{key}", lang) for key in ("added", "changed", "unchanged")}
    lines = []
    for key, counts in report.counts.items():
        if counts.added or counts.changed or counts.unchanged:
            sheet = SHEET_BY_KEY[key].nl if lang == "nl" else key
            lines.append(
                f"{sheet}: {counts.added} {words['added']}, {counts.changed} {words['changed']}, "
                f"{counts.unchanged} {words['unchanged']}"
            )
    return lines


def report_text(report, lang: str) -> str:
    """The whole report as plain text (the command line prints it)."""
    lines = [headline(report, lang)]
    if report.status == "refused":
        for row in problem_rows(report, lang):
            place = " ".join(part for part in (row["sheet"], row["row"] and f"#{row['row']}",
                                                row["column"]) if part)  # fmt: skip
            value = f" «{row['value']}»" if row["value"] else ""
            lines.append(f"  {place}{value}: {row['reason']}")
    else:
        lines += [f"  {line}" for line in count_lines(report, lang)]
    return "\n".join(lines)


# --- the page --------------------------------------------------------------------------------


def size_limit(max_bytes: int = MAX_BYTES) -> str:
    return f"{max_bytes // 2**20} MB"


def layout(lang: str, filter_bar=None, query: dict | None = None) -> html.Div:
    """The page: the template, the upload with its two actions and the report, the history.
    The subtitle for a project lead is set by the history callback (layouts know no viewer)."""
    return html.Div(
        [
            html.Div(
                [
                    html.H1(t("data.title", lang), className="page-title"),
                    html.P(id=ids.DATA_INTRO, className="page-subtitle"),
                ],
                className="page-header",
            ),
            dbc.Row(
                [
                    dbc.Col(_template_card(lang), lg=4, className="mb-3"),
                    dbc.Col(_upload_card(lang), lg=8, className="mb-3"),
                ],
                className="g-3",
            ),
            dbc.Card(
                dbc.CardBody(
                    [
                        html.H2(t("data.history.title", lang), className="card-title"),
                        dcc.Loading(html.Div(id=ids.DATA_HISTORY), type="dot"),
                    ]
                ),
                className="mb-3",
            ),
            dcc.Store(id=ids.DATA_DONE),
        ],
        className="data-page",
    )


def _template_card(lang: str) -> dbc.Card:
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(t("data.template.title", lang), className="card-title"),
                html.P(t("data.template.text", lang)),
                dbc.Button(
                    t("data.template.download", lang),
                    id=ids.DATA_TEMPLATE_BUTTON,
                    color="secondary",
                    outline=True,
                ),
                dcc.Download(id=ids.DATA_TEMPLATE_DOWNLOAD),
            ]
        ),
    )


def _upload_card(lang: str) -> dbc.Card:
    limit = size_limit()
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(t("data.upload.title", lang), className="card-title"),
                html.Div(
                    [
                        dcc.Upload(
                            html.Div(
                                [
                                    html.Span(
                                        t("data.upload.drop", lang), className="data-drop-text"
                                    ),  # fmt: skip
                                    html.Span(
                                        t("data.upload.limit", lang, maximum=limit),
                                        className="data-drop-limit",
                                    ),  # fmt: skip
                                ]
                            ),
                            id=ids.DATA_UPLOAD,
                            className="data-drop",
                            className_active="data-drop data-drop-active",
                            className_reject="data-drop data-drop-reject",
                            max_size=MAX_BYTES,
                            accept=".xlsx,.zip,.csv",
                        ),
                        # Shown by assets/data_page.js when the browser refuses a file as too
                        # large (dcc.Upload then sends nothing at all).
                        html.Div(
                            t("data.upload.too_large", lang, maximum=limit),
                            className="alert alert-danger data-too-large mt-2",
                            role="alert",
                            hidden=True,
                        ),
                    ],
                    className="data-upload",
                    **{"data-max-bytes": str(MAX_BYTES)},
                ),
                html.P(
                    t("data.upload.none", lang),
                    id=ids.DATA_FILE_NAME,
                    className="data-file-name",
                    **{"aria-live": "polite"},
                ),  # fmt: skip
                html.Div(
                    [
                        dbc.Button(
                            t("data.check", lang),
                            id=ids.DATA_CHECK,
                            color="secondary",
                            outline=True,
                            disabled=True,
                        ),  # fmt: skip
                        dbc.Button(
                            t("data.import", lang),
                            id=ids.DATA_IMPORT,
                            color="primary",
                            disabled=True,
                        ),  # fmt: skip
                    ],
                    className="data-actions",
                ),
                dcc.Loading(
                    html.Div(id=ids.DATA_REPORT, className="data-report", role="status"),
                    type="circle",
                ),
            ]
        ),
    )


def chosen_file(filename, lang: str) -> str:
    return t("data.upload.chosen", lang, file=filename) if filename else t("data.upload.none", lang)


def report_view(report, lang: str) -> html.Div:
    """The outcome of a check or an import: a headline, then the problems as a table, or
    the counts per sheet."""
    refused = report.status == "refused"
    colour = {"refused": "danger", "unchanged": "secondary", "checked": "info"}.get(
        report.status, "success"
    )
    parts = [dbc.Alert(headline(report, lang), color=colour, className="mb-2")]
    if refused:
        parts.append(_problem_table(report, lang))
    else:
        parts.append(_count_table(report, lang))
    return html.Div(parts)


def message(key: str, lang: str, colour: str = "warning", **values) -> dbc.Alert:
    return dbc.Alert(t(key, lang, **values), color=colour, className="mb-0")


def _problem_table(report, lang: str) -> html.Div:
    rows = problem_rows(report, lang)
    labels = {key: t(f"import.report.{key}", lang) for key in REPORT_COLUMNS}
    head = html.Thead(html.Tr([html.Th(t(f"import.report.{key}", lang), scope="col")
                               for key in REPORT_COLUMNS]))  # fmt: skip
    body = html.Tbody(
        [
            html.Tr([_cell(row[key], labels[key], f"col-{key}") for key in REPORT_COLUMNS])
            for row in rows[:SHOWN_PROBLEMS]
        ]
    )
    table = html.Div(
        dbc.Table([head, body], size="sm", striped=True, className="data-problems data-stack mb-0"),
        className="table-responsive",
    )
    more = len(rows) - SHOWN_PROBLEMS
    note = [html.P(t("data.more_problems", lang, count=more), className="small-note")]
    return html.Div([table, *(note if more > 0 else [])])


def _cell(value, label: str, class_name: str = "") -> html.Td:
    """A cell that names its column on a phone, where the table stacks (data_page.css)."""
    return html.Td(value, className=class_name, **{"data-label": label})


def _count_table(report, lang: str) -> html.Div:
    keys = ("added", "changed", "unchanged")
    head = html.Thead(
        html.Tr(
            [html.Th(t("data.counts.sheet", lang), scope="col")]
            + [
                html.Th(t(f"data.counts.{key}", lang), scope="col", className="num") for key in keys
            ]  # fmt: skip
        )
    )
    rows = []
    for key, counts in report.counts.items():
        if counts.added or counts.changed or counts.unchanged:
            sheet = SHEET_BY_KEY[key].nl if lang == "nl" else key
            rows.append(
                html.Tr(
                    [html.Th(sheet, scope="row")]
                    + [html.Td(fmt.number(getattr(counts, k)), className="num") for k in keys]
                )  # fmt: skip
            )
    totals = report.totals()
    rows.append(
        html.Tr(
            [html.Th(t("data.counts.total", lang), scope="row")]
            + [html.Td(fmt.number(getattr(totals, k)), className="num") for k in keys],
            className="data-total",
        )
    )
    return html.Div(
        dbc.Table([head, html.Tbody(rows)], size="sm", className="data-counts mb-0"),
        className="table-responsive",
    )


def local_time(stamp: pd.Timestamp) -> str:
    """An import's time (stored in UTC) as people in Belgium read it: 28/11/2026 11:19."""
    if pd.isna(stamp):
        return "–"
    try:
        stamp = stamp.tz_localize("UTC").tz_convert(TIME_ZONE)
    except Exception:  # no time-zone database on this machine: UTC it is
        log.debug("no time zone %s", TIME_ZONE, exc_info=True)
    return stamp.strftime("%d/%m/%Y %H:%M")


def history_view(history: pd.DataFrame, lang: str, own_only: bool) -> html.Div:
    """The latest imports as a table (who, when, file, outcome, counts)."""
    intro = html.P(t("data.history.own" if own_only else "data.history.all", lang),
                   className="small-note")  # fmt: skip
    if history.empty:
        return html.Div([intro, html.P(t("data.history.empty", lang))])
    columns = ("when", "who", "file", "outcome")
    numbers = (("added", "counts.added"), ("changed", "counts.changed"),
               ("unchanged", "counts.unchanged"), ("problems", "history.problems"))  # fmt: skip
    head = html.Thead(
        html.Tr(
            [html.Th(t(f"data.history.{key}", lang), scope="col") for key in columns]
            + [
                html.Th(t(f"data.{key}", lang), scope="col", className="num") for _, key in numbers
            ]  # fmt: skip
        )
    )
    labels = {key: t(f"data.history.{key}", lang) for key in columns}
    rows = []
    for row in history.itertuples(index=False):
        when = local_time(row.imported_at)
        outcome = t(f"data.outcome.{row.status}", lang)
        rows.append(
            html.Tr(
                [
                    _cell(when, labels["when"], "nowrap"),
                    _cell(row.imported_by, labels["who"]),
                    _cell(row.filename, labels["file"], "data-filename"),
                    _cell(
                        html.Span(outcome, className=f"data-outcome data-{row.status}"),
                        labels["outcome"],
                    ),  # fmt: skip
                ]
                + [
                    _cell(fmt.number(getattr(row, key)), t(f"data.{label}", lang), "num")
                    for key, label in numbers
                ]  # fmt: skip
            )
        )
    table = dbc.Table([head, html.Tbody(rows)], size="sm", striped=True,
                      className="data-history data-stack mb-0")  # fmt: skip
    return html.Div([intro, html.Div(table, className="table-responsive")])
