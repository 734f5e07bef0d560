"""Projects wiring: filters, search, sort and page in; one page of tiles out."""

from __future__ import annotations

import datetime as dt
import logging

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx
from sqlalchemy.exc import SQLAlchemyError

from callbacks.shell import FILTER_INPUTS, controls_to_filter, query_state
from components import formatting as fmt
from components import ids
from components import projects as view
from components.i18n import normalise_language, t
from components.shell import problem_alerts
from dashboard.page import AppContext
from data_access import project_queries as queries
from data_access import scope

log = logging.getLogger(__name__)

OUTPUTS = {
    "subtitle": Output(ids.PROJECTS_SUBTITLE, "children"),
    "count": Output(ids.PROJECTS_COUNT, "children"),
    "grid": Output(ids.PROJECTS_GRID, "children"),
    "pages": Output(ids.PROJECTS_PAGER, "max_value"),
    "page": Output(ids.PROJECTS_PAGER, "active_page"),
    "notice": Output(ids.PROJECTS_ERROR, "children"),
}
INPUTS = {
    **FILTER_INPUTS,
    "search": Input(ids.PROJECTS_SEARCH, "value"),
    "sort": Input(ids.PROJECTS_SORT, "value"),
    "page": Input(ids.PROJECTS_PAGER, "active_page"),
}


def projects_outputs(engine, viewer, filt, search, sort, page, lang: str, today: dt.date) -> dict:
    """Everything the page shows for one filter, search, order and page, keyed like
    ``OUTPUTS``. The filter is first narrowed to what the viewer may choose."""
    reconciled = scope.reconcile(engine, viewer, filt)
    filt = reconciled.filter
    found = queries.project_tiles(engine, viewer, filt, search, sort, page, today)
    # Every tile's link carries the language and the filters on to the project page.
    link_search = query_state(filt, lang)["search"]
    return {
        "subtitle": t("projects.subtitle", lang, date=fmt.date(filt.as_of(today))),
        "count": view.count_text(found.total, found.page, queries.PAGE_SIZE, lang),
        "grid": view.tiles(found, link_search, lang),
        "pages": found.pages,
        "page": found.page,
        "notice": problem_alerts(list(reconciled.problems), lang) or None,
    }


def register(app: dash.Dash, context: AppContext) -> None:
    settings = context.settings

    @app.callback(output=OUTPUTS, inputs=INPUTS, state={"lang": State(ids.LANG_STORE, "data")})
    def update_projects(lang, search, sort, page, **controls):
        lang = normalise_language(lang, settings.language)
        filt, _ = controls_to_filter(**controls)
        # Another filter, search or order starts again at the first page.
        page = queries.page_number(page) if ctx.triggered_id == ids.PROJECTS_PAGER else 1
        search, sort = queries.clean_search(search), queries.sort_key(sort)
        try:
            viewer, today = context.viewer_for_request(), dt.date.today()
            return context.cached(
                "projects",
                viewer,
                (filt, search, sort, page, lang, today),
                lambda: projects_outputs(
                    context.engine, viewer, filt, search, sort, page, lang, today
                ),
            )
        except SQLAlchemyError:
            log.exception("project tiles failed for filter %s", filt)
            alert = dbc.Alert(t("error.data", lang), color="danger")
            return {key: dash.no_update for key in OUTPUTS} | {"notice": alert}
