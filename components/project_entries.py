"""Adding data on the Project page: a form for a measurement, one for a story, and the latest
of both (shown to those who may write to the project: its lead and administrators).

Builders take plain data (query results, problems); what people typed is only ever shown as
text (Dash renders strings as text, never as HTML or Markdown).
"""

from __future__ import annotations

import datetime as dt

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from components import formatting as fmt
from components import ids
from components.i18n import dropdown_labels, label, t
from data_access.validation import Problem

SHOWN_TEXT = 300  # a longer measurement text or story is cut in the lists


# --- layout --------------------------------------------------------------------------------


def entry_section(lang: str, today: dt.date) -> html.Div:
    """The forms and the latest entries of the project the page shows; the indicators and
    lists arrive through callbacks (``callbacks.project_entries``)."""
    return html.Div(
        [
            dbc.Row(
                [
                    dbc.Col(measurement_form(lang, today), lg=7),
                    dbc.Col(story_form(lang, today), lg=5),
                ],
                className="g-3 mb-3",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        _list_card(t("my_projects.recent_measurements", lang), ids.MY_MEASUREMENTS),
                        lg=7,
                    ),
                    dbc.Col(
                        _list_card(t("my_projects.recent_stories", lang), ids.MY_STORIES), lg=5
                    ),
                ],
                className="g-3 mb-4",
            ),
            dcc.Store(id=ids.MY_SAVED),
        ],
        className="my-projects",
    )


def last_quarter_end(today: dt.date) -> dt.date:
    """The end of the last quarter that has ended: the usual period of a measurement."""
    first_month = 3 * ((today.month - 1) // 3) + 1
    return dt.date(today.year, first_month, 1) - dt.timedelta(days=1)


def _field(title: str, control, component_id: str, help_text: str | None = None) -> html.Div:
    parts = [dbc.Label(title, html_for=component_id, className="filter-label"), control]
    if help_text:
        parts.append(dbc.FormText(help_text))
    return html.Div(parts, className="mb-3")


def _date_input(component_id: str, today: dt.date) -> dbc.Input:
    return dbc.Input(
        id=component_id,
        type="date",
        value=last_quarter_end(today).isoformat(),
        max=today.isoformat(),
        required=True,
    )


def measurement_form(lang: str, today: dt.date) -> dbc.Card:
    """Indicator, period, the value fields for the indicator's kind, source, Save."""
    number_input = dbc.Input(
        id=ids.MY_VALUE, type="text", inputmode="decimal", autocomplete="off", maxlength=60
    )
    share_inputs = dbc.Row(
        [
            dbc.Col(
                _field(
                    t("my_projects.numerator", lang),
                    dbc.Input(id=ids.MY_NUMERATOR, type="text", inputmode="decimal", maxlength=60),
                    ids.MY_NUMERATOR,
                ),
                xs=6,
            ),
            dbc.Col(
                _field(
                    t("my_projects.denominator", lang),
                    dbc.Input(
                        id=ids.MY_DENOMINATOR, type="text", inputmode="decimal", maxlength=60
                    ),
                    ids.MY_DENOMINATOR,
                ),
                xs=6,
            ),
        ],
        className="g-2",
    )
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(t("my_projects.measurement_title", lang), className="card-title"),
                _field(
                    t("my_projects.indicator", lang),
                    dcc.Dropdown(
                        id=ids.MY_INDICATOR,
                        options=[],
                        placeholder=t("my_projects.indicator_placeholder", lang),
                        labels=dropdown_labels(lang),
                    ),
                    ids.MY_INDICATOR,
                ),
                html.P(
                    id=ids.MY_INDICATOR_HINT, className="small-note mb-3", **{"aria-live": "polite"}
                ),
                dbc.Row(
                    [
                        dbc.Col(
                            _field(
                                t("my_projects.period_end", lang),
                                _date_input(ids.MY_PERIOD_END, today),
                                ids.MY_PERIOD_END,
                            ),
                            sm=6,
                        ),
                        dbc.Col(
                            html.Div(
                                _field(
                                    t("my_projects.value", lang),
                                    number_input,
                                    ids.MY_VALUE,
                                    t("my_projects.value_help", lang),
                                ),
                                id=ids.MY_NUMBER_FIELDS,
                            ),
                            sm=6,
                        ),
                    ],
                    className="g-2",
                ),
                html.Div(share_inputs, id=ids.MY_SHARE_FIELDS, hidden=True),
                html.Div(
                    _field(
                        t("my_projects.text", lang),
                        dbc.Textarea(id=ids.MY_TEXT, rows=3, maxlength=2000, submit_on_enter=False),
                        ids.MY_TEXT,
                    ),
                    id=ids.MY_TEXT_FIELDS,
                    hidden=True,
                ),
                _field(
                    t("my_projects.source", lang),
                    dbc.Input(id=ids.MY_SOURCE, type="text", maxlength=200),
                    ids.MY_SOURCE,
                    t("my_projects.source_help", lang),
                ),
                dbc.Button(
                    t("my_projects.save", lang), id=ids.MY_SAVE, color="primary", n_clicks=0
                ),
                html.Div(id=ids.MY_FEEDBACK, className="mt-3", **{"aria-live": "polite"}),
            ]
        ),
        className="h-100",
    )


def story_form(lang: str, today: dt.date) -> dbc.Card:
    """Period, title and text of a short story about the chosen project."""
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(t("my_projects.story_section", lang), className="card-title"),
                _field(
                    t("my_projects.period_end", lang),
                    _date_input(ids.MY_STORY_PERIOD_END, today),
                    ids.MY_STORY_PERIOD_END,
                ),
                _field(
                    t("my_projects.story_title", lang),
                    dbc.Input(id=ids.MY_STORY_TITLE, type="text", maxlength=200),
                    ids.MY_STORY_TITLE,
                ),
                _field(
                    t("my_projects.story_text", lang),
                    dbc.Textarea(
                        id=ids.MY_STORY_TEXT, rows=5, maxlength=5000, submit_on_enter=False
                    ),
                    ids.MY_STORY_TEXT,
                ),
                dbc.Button(
                    t("my_projects.save_story", lang),
                    id=ids.MY_STORY_SAVE,
                    color="primary",
                    n_clicks=0,
                ),
                html.Div(id=ids.MY_STORY_FEEDBACK, className="mt-3", **{"aria-live": "polite"}),
            ]
        ),
        className="h-100",
    )


def _list_card(title: str, component_id: str) -> dbc.Card:
    return dbc.Card(
        dbc.CardBody([html.H2(title, className="card-title"), html.Div(id=component_id)]),
        className="h-100",
    )


# --- options and hints ---------------------------------------------------------------------


def indicator_options(indicators: pd.DataFrame, lang: str) -> list[dict]:
    """Each indicator by name and unit: "Deelnemers (personen)"."""
    return [
        {"label": f"{row.name} ({label('unit', row.unit, lang)})", "value": int(row.indicator_id)}
        for row in indicators.itertuples()
    ]


def indicator_hint(row: pd.Series | None, lang: str) -> str:
    """What to fill in for the chosen indicator, with its baseline and target."""
    if row is None:
        return ""
    kind = row["measure_kind"]
    if kind == "qualitative":
        return t("my_projects.hint_qualitative", lang)
    values = {"baseline": number(row["baseline_value"]), "target": number(row["target_value"])}
    if kind == "percentage":
        return t("my_projects.hint_percentage", lang, **values)
    return t("my_projects.hint_number", lang, unit=label("unit", row["unit"], lang), **values)


def visible_fields(kind: str | None) -> dict[str, bool]:
    """Which value fields are hidden for an indicator kind (the number field when unknown)."""
    return {
        "number": kind in ("percentage", "qualitative"),
        "share": kind != "percentage",
        "text": kind != "qualitative",
    }


# --- values --------------------------------------------------------------------------------


def number(value) -> str:
    """A number in Belgian notation with the decimals it has (at most four): 1.234,5."""
    if value is None or pd.isna(value):
        return "–"
    rounded = f"{float(value):.4f}".rstrip("0").rstrip(".")
    decimals = len(rounded.partition(".")[2])
    return fmt.number(float(value), decimals)


def measured_value(row: pd.Series, lang: str) -> str:
    """A measurement's value as people read it: "1.234,5 personen", "42 / 60 (70 %)", text."""
    kind = row["measure_kind"]
    if kind == "qualitative":
        return shorten(row["text"])
    if kind == "percentage":
        share = f"{number(row['value'])}{fmt.NBSP}%"
        return f"{number(row['numerator'])} / {number(row['denominator'])} ({share})"
    return f"{number(row['value'])} {label('unit', row['unit'], lang)}"


def shorten(text, limit: int = SHOWN_TEXT) -> str:
    if text is None or pd.isna(text):
        return ""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _date(value) -> str:
    return "–" if value is None or pd.isna(value) else fmt.date(pd.Timestamp(value).date())


# --- lists ---------------------------------------------------------------------------------


def measurement_list(measurements: pd.DataFrame, lang: str) -> html.Div | dbc.ListGroup:
    """The latest measurements: indicator, period, value, who entered it and when."""
    if measurements.empty:
        return html.P(t("my_projects.no_measurements", lang), className="empty-note")
    items = []
    for _, row in measurements.iterrows():
        details = [
            t("my_projects.entered", lang, who=row["entered_by"], date=_date(row["entered_at"]))
        ]
        if isinstance(row["source"], str) and row["source"]:
            details.append(t("my_projects.source_shown", lang, source=row["source"]))
        items.append(
            dbc.ListGroupItem(
                [
                    html.Div(
                        [
                            html.Span(row["indicator"], className="fw-semibold"),
                            html.Span(
                                " · "
                                + t("my_projects.period", lang, date=_date(row["period_end"])),
                                className="text-body-secondary",
                            ),
                        ]
                    ),
                    html.Div(measured_value(row, lang), style={"whiteSpace": "pre-line"}),
                    html.Div("; ".join(details), className="small text-body-secondary"),
                ],
                className="px-0",
            )
        )
    return dbc.ListGroup(items, flush=True)


def story_list(stories: pd.DataFrame, lang: str) -> html.Div | dbc.ListGroup:
    """The latest stories: title, who wrote it for which period, and the text."""
    if stories.empty:
        return html.P(t("my_projects.no_stories", lang), className="empty-note")
    items = [
        dbc.ListGroupItem(
            [
                html.H3(row["title"], className="h6 fw-semibold mb-1"),
                html.Div(
                    t(
                        "my_projects.written",
                        lang,
                        who=row["author"],
                        date=_date(row["period_end"]),
                    ),
                    className="small text-body-secondary mb-1",
                ),
                html.P(shorten(row["text"]), className="mb-0", style={"whiteSpace": "pre-line"}),
            ],
            className="px-0",
        )
        for _, row in stories.iterrows()
    ]
    return dbc.ListGroup(items, flush=True)


# --- feedback ------------------------------------------------------------------------------


def saved_measurement_alert(saved: pd.DataFrame, lang: str) -> dbc.Alert:
    """Names what was saved, as it now stands in the database."""
    row = saved.iloc[0]
    message = t(
        "my_projects.saved_measurement",
        lang,
        indicator=row["indicator"],
        date=_date(row["period_end"]),
        value=shorten(measured_value(row, lang), 80),
    )
    return dbc.Alert(message, color="success", className="mb-0")


def saved_story_alert(title: str, period_end: str, lang: str) -> dbc.Alert:
    message = t("my_projects.saved_story", lang, title=shorten(title, 80), date=period_end)
    return dbc.Alert(message, color="success", className="mb-0")


def problems_alert(problems: list[Problem], lang: str) -> dbc.Alert:
    """Every problem on a line of its own: field, value as given, and why."""
    lines = []
    for problem in problems:
        values = {
            "field": t(f"entries.field.{problem.field}", lang),
            "value": problem.value,
            "reason": t(problem.reason, lang, **problem.placeholders),
        }
        key = "my_projects.problem_line" if problem.value else "my_projects.problem_line_empty"
        lines.append(html.Li(t(key, lang, **values)))
    return dbc.Alert(
        [
            html.P(t("my_projects.not_saved", lang), className="mb-1"),
            html.Ul(lines, className="mb-0"),
        ],
        color="danger",
        className="mb-0",
    )


def data_error(lang: str) -> dbc.Alert:
    return dbc.Alert(t("error.data", lang), color="danger", className="mb-0")
