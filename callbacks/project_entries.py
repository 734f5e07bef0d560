"""Adding data on the Project page: the project's indicators in, measurements and stories out.

The project is the one the page shows (its id in a store, so anything a browser sends).
Every callback asks who is asking and hands that viewer to ``data_access.entries``, which
checks again what the viewer may read or write: the ids the browser sends are only wishes.
"""

from __future__ import annotations

import logging
import uuid

import dash
from dash import Input, Output, State
from sqlalchemy.exc import SQLAlchemyError

from components import formatting as fmt
from components import ids
from components import project_entries as view
from components.i18n import normalise_language
from dashboard.page import AppContext
from data_access import entries
from data_access.validation import Problem, parse_date
from data_access.viewer import Viewer

log = logging.getLogger(__name__)

MEASUREMENT_STATE = {
    "indicator_id": State(ids.MY_INDICATOR, "value"),
    "period_end": State(ids.MY_PERIOD_END, "value"),
    "value": State(ids.MY_VALUE, "value"),
    "numerator": State(ids.MY_NUMERATOR, "value"),
    "denominator": State(ids.MY_DENOMINATOR, "value"),
    "text": State(ids.MY_TEXT, "value"),
    "source": State(ids.MY_SOURCE, "value"),
}
STORY_STATE = {
    "project_id": State(ids.PROJECT_ID, "data"),
    "period_end": State(ids.MY_STORY_PERIOD_END, "value"),
    "title": State(ids.MY_STORY_TITLE, "value"),
    "text": State(ids.MY_STORY_TEXT, "value"),
}
VALUE_FIELDS = {
    "value": Output(ids.MY_VALUE, "value", allow_duplicate=True),
    "numerator": Output(ids.MY_NUMERATOR, "value", allow_duplicate=True),
    "denominator": Output(ids.MY_DENOMINATOR, "value", allow_duplicate=True),
    "text": Output(ids.MY_TEXT, "value", allow_duplicate=True),
}


def entered_by(viewer: Viewer) -> str:
    """Who entered a value, as stored with it: the account's display name (else its role)."""
    return viewer.name or viewer.role


def clicked(n_clicks) -> bool:
    """Whether a button's click count (from the browser, so anything) is a real click."""
    return isinstance(n_clicks, int) and not isinstance(n_clicks, bool) and n_clicks > 0


def saved_token() -> str:
    """A new value for the store that tells the lists to show what was just saved."""
    return uuid.uuid4().hex


def measurement_outcome(engine, viewer: Viewer, fields: dict, lang: str) -> dict:
    """Save a measurement; the feedback and whether the form's value fields are cleared."""
    problems = entries.add_measurement(engine, viewer, entered_by=entered_by(viewer), **fields)
    if problems:
        return {"feedback": view.problems_alert(problems, lang), "saved": False}
    period = parse_date("period_end", fields["period_end"])
    saved = entries.saved_measurement(engine, viewer, fields["indicator_id"], period)
    return {"feedback": view.saved_measurement_alert(saved, lang), "saved": True}


def story_outcome(engine, viewer: Viewer, fields: dict, lang: str) -> dict:
    """Save a story; the feedback and whether the form is cleared."""
    problems = entries.add_story(engine, viewer, author=entered_by(viewer), **fields)
    if problems:
        return {"feedback": view.problems_alert(problems, lang), "saved": False}
    period = parse_date("period_end", fields["period_end"])
    period_text = "" if isinstance(period, Problem) else fmt.date(period)
    title = fields["title"].strip()
    return {"feedback": view.saved_story_alert(title, period_text, lang), "saved": True}


def latest_lists(engine, viewer: Viewer, project_id, lang: str) -> dict:
    """The project's latest measurements and stories, as the viewer may see them."""
    return {
        "measurements": view.measurement_list(
            entries.recent_measurements(engine, viewer, project_id), lang
        ),
        "stories": view.story_list(entries.recent_stories(engine, viewer, project_id), lang),
    }


def register(app: dash.Dash, context: AppContext) -> None:
    engine, settings = context.engine, context.settings

    def language(lang) -> str:
        return normalise_language(lang, settings.language)

    @app.callback(
        output={
            "options": Output(ids.MY_INDICATOR, "options"),
            "value": Output(ids.MY_INDICATOR, "value"),
        },
        inputs={"project_id": Input(ids.PROJECT_ID, "data")},
        state={"lang": State(ids.LANG_STORE, "data")},
    )
    def load_indicators(project_id, lang):
        lang = language(lang)
        try:
            found = entries.indicators(engine, context.viewer_for_request(), project_id)
        except SQLAlchemyError:
            log.exception("indicator options failed")
            return {"options": [], "value": None}
        return {"options": view.indicator_options(found, lang), "value": None}

    @app.callback(
        output={
            "hint": Output(ids.MY_INDICATOR_HINT, "children"),
            "number": Output(ids.MY_NUMBER_FIELDS, "hidden"),
            "share": Output(ids.MY_SHARE_FIELDS, "hidden"),
            "text": Output(ids.MY_TEXT_FIELDS, "hidden"),
            **{f"clear_{key}": output for key, output in VALUE_FIELDS.items()},
        },
        inputs={"indicator_id": Input(ids.MY_INDICATOR, "value")},
        state={"lang": State(ids.LANG_STORE, "data")},
        prevent_initial_call="initial_duplicate",
    )
    def show_value_fields(indicator_id, lang):
        """The fields the chosen indicator takes, emptied (a value typed for another
        indicator must not be saved for this one)."""
        lang = language(lang)
        try:
            chosen = entries.indicator(engine, context.viewer_for_request(), indicator_id)
        except SQLAlchemyError:
            log.exception("indicator lookup failed")
            chosen = None
        hidden = view.visible_fields(None if chosen is None else chosen["measure_kind"])
        return {
            "hint": view.indicator_hint(chosen, lang),
            **hidden,
            **{f"clear_{key}": "" for key in VALUE_FIELDS},
        }

    @app.callback(
        output={
            "feedback": Output(ids.MY_FEEDBACK, "children"),
            "refresh": Output(ids.MY_SAVED, "data", allow_duplicate=True),
            **VALUE_FIELDS,
        },
        inputs={"n_clicks": Input(ids.MY_SAVE, "n_clicks")},
        state={"lang": State(ids.LANG_STORE, "data"), **MEASUREMENT_STATE},
        # A second click while saving would only be told the value exists already.
        running=[(Output(ids.MY_SAVE, "disabled"), True, False)],
        prevent_initial_call=True,
    )
    def save_measurement(n_clicks, lang, **fields):
        lang = language(lang)
        unchanged = {key: dash.no_update for key in ("refresh", *VALUE_FIELDS)}
        if not clicked(n_clicks):
            return {"feedback": None, **unchanged}
        try:
            outcome = measurement_outcome(engine, context.viewer_for_request(), fields, lang)
        except SQLAlchemyError:
            log.exception("saving a measurement failed")
            return {"feedback": view.data_error(lang), **unchanged}
        if not outcome["saved"]:
            return {"feedback": outcome["feedback"], **unchanged}
        cleared = {key: "" for key in VALUE_FIELDS}
        return {"feedback": outcome["feedback"], "refresh": saved_token(), **cleared}

    @app.callback(
        output={
            "feedback": Output(ids.MY_STORY_FEEDBACK, "children"),
            "refresh": Output(ids.MY_SAVED, "data", allow_duplicate=True),
            "title": Output(ids.MY_STORY_TITLE, "value"),
            "text": Output(ids.MY_STORY_TEXT, "value"),
        },
        inputs={"n_clicks": Input(ids.MY_STORY_SAVE, "n_clicks")},
        state={"lang": State(ids.LANG_STORE, "data"), **STORY_STATE},
        running=[(Output(ids.MY_STORY_SAVE, "disabled"), True, False)],
        prevent_initial_call=True,
    )
    def save_story(n_clicks, lang, **fields):
        lang = language(lang)
        unchanged = {key: dash.no_update for key in ("refresh", "title", "text")}
        if not clicked(n_clicks):
            return {"feedback": None, **unchanged}
        try:
            outcome = story_outcome(engine, context.viewer_for_request(), fields, lang)
        except SQLAlchemyError:
            log.exception("saving a story failed")
            return {"feedback": view.data_error(lang), **unchanged}
        if not outcome["saved"]:
            return {"feedback": outcome["feedback"], **unchanged}
        return {"feedback": outcome["feedback"], "refresh": saved_token(), "title": "", "text": ""}

    @app.callback(
        output={
            "measurements": Output(ids.MY_MEASUREMENTS, "children"),
            "stories": Output(ids.MY_STORIES, "children"),
        },
        inputs={
            "project_id": Input(ids.PROJECT_ID, "data"),
            "_saved": Input(ids.MY_SAVED, "data"),
        },
        state={"lang": State(ids.LANG_STORE, "data")},
    )
    def show_latest(project_id, _saved, lang):
        lang = language(lang)
        try:
            viewer = context.viewer_for_request()
            # Cached like the views: a save bumps the data version in its own transaction,
            # so the lists are new again right after it.
            return context.cached(
                "project-entries",
                viewer,
                (project_id, lang),
                lambda: latest_lists(engine, viewer, project_id, lang),
            )
        except SQLAlchemyError:
            log.exception("latest entries failed")
            return {"measurements": view.data_error(lang), "stories": None}
