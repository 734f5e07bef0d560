"""The change-logic diagram's one callback: a clicked (or picked) step → its details.

Reusable API: ``register_details(app, context, id_prefix)`` once per app and prefix, for the
diagrams that ``components.change_logic_diagram.diagram(logic, lang, id_prefix)`` draws.
The project id sits in the diagram's pattern-matching ids; since the browser sends it back,
the callback reads the project again for the asking viewer (``project_logic``), so a forged
id for another project gets the same answer as a nonexistent one.
"""

from __future__ import annotations

import datetime as dt
import logging

import dash
import dash_bootstrap_components as dbc
from dash import MATCH, Input, Output, State
from dash.exceptions import PreventUpdate
from sqlalchemy.exc import SQLAlchemyError

from components import change_logic_diagram as view
from components import ids
from components.i18n import normalise_language, t
from dashboard.page import AppContext
from data_access import change_logic_queries as queries

log = logging.getLogger(__name__)


def details_for(engine, viewer, project_id, element_id, lang: str, today: dt.date | None = None):
    """The details panel for one step of one project, as the viewer may see it."""
    logic = queries.project_logic(engine, viewer, project_id, today)
    if logic is None:
        return html_not_found(lang)
    return view.element_details(logic, element_id, lang)


def html_not_found(lang: str):
    return dbc.Alert(t("cl.project.not_found", lang), color="secondary", className="mb-0")


def chosen_element(triggered_id, tapped, picked):
    """Which step the user chose: the one tapped in the diagram or picked in the list,
    whichever changed last."""
    if isinstance(triggered_id, dict) and triggered_id.get("kind") == ids.DIAGRAM_STEP:
        return picked
    if isinstance(tapped, dict):
        return tapped.get("id")
    return None


def register_details(app: dash.Dash, context: AppContext, id_prefix: str) -> None:
    """Add the click → details callback for the diagrams drawn with ``id_prefix``."""
    settings = context.settings

    @app.callback(
        Output(ids.diagram_part(ids.DIAGRAM_DETAILS, id_prefix, MATCH), "children"),
        Output(ids.diagram_part(ids.DIAGRAM_STEP, id_prefix, MATCH), "value"),
        Input(ids.diagram_part(ids.DIAGRAM_GRAPH, id_prefix, MATCH), "tapNodeData"),
        Input(ids.diagram_part(ids.DIAGRAM_STEP, id_prefix, MATCH), "value"),
        State(ids.diagram_part(ids.DIAGRAM_GRAPH, id_prefix, MATCH), "id"),
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def show_details(tapped, picked, graph_id, lang):
        lang = normalise_language(lang, settings.language)
        element_id = chosen_element(dash.ctx.triggered_id, tapped, picked)
        if element_id is None:
            raise PreventUpdate
        project_id = graph_id.get("project") if isinstance(graph_id, dict) else None
        try:
            details = details_for(
                context.engine, context.viewer_for_request(), project_id, element_id, lang
            )
        except SQLAlchemyError:
            log.exception("details of step %r failed", element_id)
            return dbc.Alert(t("error.data", lang), color="danger"), dash.no_update
        picked_value = queries.parse_project_id(element_id)
        return details, picked_value if picked_value is not None else dash.no_update
