"""Project page wiring: the project's id (from the address) in; header, indicators, table,
stories and change logic out. The id comes from the browser, so it is only a wish: a project
the viewer may not see answers exactly like one that does not exist."""

from __future__ import annotations

import datetime as dt
import logging

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State
from sqlalchemy.exc import SQLAlchemyError

from callbacks import change_logic_diagram
from callbacks.exports import register_exports
from components import change_logic_diagram as diagram_view
from components import ids
from components import project as view
from components.i18n import normalise_language, t
from dashboard.page import AppContext
from data_access import change_logic_queries
from data_access import project_queries as queries

log = logging.getLogger(__name__)

# Tells the Project page's change-logic diagram apart from the Change-logic page's.
DIAGRAM_PREFIX = "project-page"

OUTPUTS = {
    "header": Output(ids.PROJECT_HEADER, "children"),
    "charts": Output(ids.PROJECT_CHARTS, "children"),
    "table": Output(ids.PROJECT_TABLE, "rowData"),
    "change_logic": Output(ids.PROJECT_CHANGE_LOGIC, "children"),
    "stories": Output(ids.PROJECT_STORIES, "children"),
    "body_hidden": Output(ids.PROJECT_BODY, "hidden"),
    "entry_hidden": Output(ids.PROJECT_ENTRY, "hidden"),
    "notice": Output(ids.PROJECT_ERROR, "children"),
    "title": Output(ids.TITLE_STORE, "data", allow_duplicate=True),
}


def project_outputs(engine, viewer, project_id, lang: str, today: dt.date) -> dict:
    """Everything the page shows about one project, keyed like ``OUTPUTS``; for a project
    the viewer may not see, the not-found page's words and nothing else."""
    detail = queries.project_detail(engine, viewer, project_id, today)
    if detail is None:
        return not_found_outputs(lang)
    return {
        "header": view.header(detail, viewer.role == "funder", lang),
        "charts": view.indicator_cards(detail, lang),
        "table": view.grid_rows(detail.indicators, lang),
        "change_logic": change_logic(engine, viewer, detail, lang, today),
        "stories": view.story_list(detail.stories, lang),
        "body_hidden": False,
        "entry_hidden": not queries.can_write(engine, viewer, project_id),
        "notice": None,
        "title": f"{detail.header['name']} – FilantrImpact",
    }


def project_tables(engine, viewer, project_id, lang: str, today: dt.date) -> dict:
    """The indicator charts' measurements and the indicator table as export tables; nothing
    for a project the viewer may not see (the same as for one that does not exist)."""
    detail = queries.project_detail(engine, viewer, project_id, today)
    if detail is None:
        return {}
    filters = t("export.project", lang, name=str(detail.header["name"]))
    return {
        "measurements": view.measurements_table(detail, lang, filters),
        "indicators": view.indicators_table(detail.indicators, lang, filters),
    }


def not_found_outputs(lang: str) -> dict:
    return {
        "header": view.not_found(lang),
        "charts": [],
        "table": [],
        "change_logic": None,
        "stories": None,
        "body_hidden": True,
        "entry_hidden": True,
        "notice": None,
        "title": f"{t('page.not_found', lang)} – FilantrImpact",
    }


def change_logic(engine, viewer, detail, lang: str, today: dt.date):
    """The project's change-logic diagram (``components.change_logic_diagram``), read again
    for the viewer."""
    logic = change_logic_queries.project_logic(
        engine, viewer, int(detail.header["project_id"]), today
    )
    if logic is None:
        return view.change_logic_slot(lang)
    return diagram_view.diagram(logic, lang, DIAGRAM_PREFIX)


def register(app: dash.Dash, context: AppContext) -> None:
    settings = context.settings
    change_logic_diagram.register_details(app, context, DIAGRAM_PREFIX)
    register_exports(
        app,
        context,
        "project",
        {"project_id": State(ids.PROJECT_ID, "data")},
        lambda engine, viewer, lang, today, project_id: project_tables(
            engine, viewer, project_id, lang, today
        ),
    )

    @app.callback(
        output=OUTPUTS,
        inputs={
            "project_id": Input(ids.PROJECT_ID, "data"),
            # Something was just saved on this page: show it.
            "_saved": Input(ids.MY_SAVED, "data"),
        },
        state={"lang": State(ids.LANG_STORE, "data")},
        prevent_initial_call="initial_duplicate",
    )
    def show_project(project_id, _saved, lang):
        lang = normalise_language(lang, settings.language)
        try:
            viewer, today = context.viewer_for_request(), dt.date.today()
            # Keyed by the viewer's scope: a hidden project's not-found answer is kept apart
            # from the answer for those who may see it. A save bumps the data version.
            return context.cached(
                "project",
                viewer,
                (repr(project_id), lang, today),
                lambda: project_outputs(context.engine, viewer, project_id, lang, today),
            )
        except SQLAlchemyError:
            log.exception("project page failed for %r", project_id)
            alert = dbc.Alert(t("error.data", lang), color="danger")
            return {key: dash.no_update for key in OUTPUTS} | {"notice": alert}
