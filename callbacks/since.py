"""Wiring shared by the pages with a "since the last meeting" section: the section's callback
and the address bar state that keeps a page's own parameters (since, compare, slides...)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State
from sqlalchemy.exc import SQLAlchemyError

from callbacks.exports import as_states, filter_description, register_exports
from components import formatting as fmt
from components import ids
from components.i18n import normalise_language, t
from components.since import parse_since, since_section, since_tables
from dashboard.page import AppContext
from data_access import scope
from data_access import since_queries as queries

log = logging.getLogger(__name__)


def on_any_page(pattern_id: dict) -> dict:
    """``pattern_id`` with ALL as its page: matches the field where it is, nothing elsewhere."""
    return {**pattern_id, "page": ALL}


def page_state(lang: str, query: dict) -> dict:
    """What the shell's query store holds for a page whose parameters are its own: the
    address bar then carries them (``syncUrl``), so a copied link reproduces the view."""
    query = {key: value for key, value in query.items() if value not in (None, "", [])}
    query = {**query, "lang": lang}
    return {"query": query, "search": "?" + urlencode(query, safe=","), "lang": lang}


def since_outputs(
    engine, viewer, filt, lens, since_value, lang: str, today: dt.date, page: str | None = None
):
    """The section for a since date (three months ago when the value is not a usable date);
    with ``page`` (its export key) its figures and list can be downloaded."""
    since, usable = parse_since(since_value, today)
    changes = queries.changes_since(engine, viewer, filt, since, today, lens)
    section = since_section(
        changes.summary, changes.projects, since, today, lang, changed=changes.changed, page=page
    )
    if usable:
        return section
    notice = dbc.Alert(t("since.bad_date", lang, value=str(since_value)[:20]), color="warning")
    return [notice, section]


def register_since(
    app: dash.Dash,
    context: AppContext,
    page: str,
    date_id: str,
    section_id: str,
    inputs: dict,
    scope_for: Callable,
) -> None:
    """The since section of a page: ``scope_for(viewer, **inputs)`` gives the (viewer,
    filter, lens) whose projects count."""
    settings = context.settings

    @app.callback(
        Output(section_id, "children"),
        inputs={"since_value": Input(date_id, "value"), **inputs},
        state={"lang": State(ids.LANG_STORE, "data")},
    )
    def update_since(since_value, lang, **values):
        lang = normalise_language(lang, settings.language)
        since_value = first_text(since_value)
        try:
            viewer, today = context.viewer_for_request(), dt.date.today()
            counted, filt, lens = scope_for(context.engine, viewer, **values)
            return context.cached(
                f"{page}-since",
                counted,
                (filt, lens, since_value, lang, today),
                lambda: since_outputs(
                    context.engine, counted, filt, lens, since_value, lang, today, export_page
                ),
            )
        except SQLAlchemyError:
            log.exception("since queries failed on %s", page)
            return dbc.Alert(t("error.data", lang), color="danger")

    export_page = since_export_page(page)

    def tables(engine, viewer, lang: str, today: dt.date, since_value=None, **values):
        """The section's figures and list, for the same date and controls as on screen."""
        counted, filt, lens = scope_for(engine, viewer, **values)
        since, _ = parse_since(first_text(since_value), today)
        changes = queries.changes_since(engine, counted, filt, since, today, lens)
        period = t("export.since.period", lang, since=fmt.date(since), today=fmt.date(today))
        words = filter_description(engine, viewer, filt, lang) if filt.to_query() else ""
        filters = f"{words}; {period}" if words else period
        return since_tables(changes.summary, changes.projects, filters, lang)

    states = {"since_value": State(date_id, "value"), **as_states(inputs)}
    register_exports(app, context, export_page, states, tables)


def since_export_page(page: str) -> str:
    """The export key of a page's since section (its menus and its download)."""
    return f"{page}-since"


def register_since_in_url(app: dash.Dash, date_id: dict) -> None:
    """Keep the since date in the address bar of a page with the shell's filters: whenever the
    filters write the query store (without it), put it back in."""

    @app.callback(
        Output(ids.QUERY_STORE, "data", allow_duplicate=True),
        Input(ids.QUERY_STORE, "data"),
        Input(date_id, "value"),
        prevent_initial_call=True,
    )
    def keep_since(state, since_values):
        # ``date_id`` matches with ALL: on other pages the list is empty and nothing changes.
        if not isinstance(since_values, list) or not since_values:
            return dash.no_update
        return with_since(state, first_text(since_values))


def clean_since(value) -> str:
    """A since date fit for a link: an ISO date the page would use, else ""."""
    value = first_text(value)
    since, usable = parse_since(value, dt.date.today())
    return since.isoformat() if usable and value else ""


def first_text(value) -> str | None:
    """A date field's value, or the first of a pattern-matched list of them; None else."""
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, str) else None


def with_since(state, since_value):
    """The query store's state with ``since`` in it, or no_update when it is already there
    (or the state is not the shape the shell writes)."""
    if not isinstance(state, dict) or not isinstance(state.get("query"), dict):
        return dash.no_update
    since, usable = parse_since(since_value, dt.date.today())
    wanted = since.isoformat() if usable and since_value else None
    query = {k: v for k, v in state["query"].items() if k != "since" and isinstance(k, str)}
    if wanted:
        query["since"] = wanted
    if query == state["query"]:
        return dash.no_update
    lang = normalise_language(state.get("lang"))
    return page_state(lang, {k: v for k, v in query.items() if k != "lang"})


def portfolio_scope(engine, viewer, **controls):
    """The Portfolio's since section counts the Portfolio's projects."""
    from callbacks.shell import controls_to_filter

    filt, _ = controls_to_filter(**controls)
    filt = scope.reconcile(engine, viewer, filt).filter
    return viewer, filt, scope.portfolio_lens(viewer)
