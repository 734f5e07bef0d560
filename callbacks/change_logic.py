"""Change-logic wiring: filter controls in, per-stage figures and weakest links out; a chosen
project in, its diagram out (queries → builders). The project lives in the link
(``?project=<id>``), kept in the address bar next to the filters."""

from __future__ import annotations

import datetime as dt
import logging
from concurrent.futures import ThreadPoolExecutor

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State
from sqlalchemy.exc import SQLAlchemyError

from callbacks import change_logic_diagram
from callbacks.exports import as_states, filter_description, register_exports
from callbacks.shell import FILTER_INPUTS, controls_to_filter
from components import change_logic as view
from components import formatting as fmt
from components import ids
from components.change_logic_diagram import diagram
from components.i18n import normalise_language, t
from components.shell import problem_alerts
from dashboard.page import AppContext
from data_access import change_logic_queries as queries
from data_access import scope

log = logging.getLogger(__name__)

OUTPUTS = {
    "subtitle": Output(ids.CL_SUBTITLE, "children"),
    "stages": Output(ids.CL_GRAPH_STAGES, "figure"),
    "status": Output(ids.CL_GRAPH_STATUS, "figure"),
    "evidence": Output(ids.CL_GRAPH_EVIDENCE, "figure"),
    "weak": Output(ids.CL_WEAK_LINKS, "children"),
    "notice": Output(ids.CL_ERROR, "children"),
}

# Keeps ``project=<id>`` in the address bar: after the user picks a project, and after the
# shell rewrote the address for a filter change (it knows only the filters).
KEEP_PROJECT_IN_URL = """
function (value, _synced) {
    if (value === null || value === undefined) {
        return window.dash_clientside.no_update;
    }
    var params = new URLSearchParams(window.location.search);
    var wanted = String(value);
    if (params.get("project") === wanted) {
        return window.dash_clientside.no_update;
    }
    params.set("project", wanted);
    var search = "?" + params.toString().replace(/%2C/g, ",");
    window.history.replaceState(window.history.state, "", window.location.pathname + search);
    return {project: wanted, search: search};
}
"""

# The shell's state learns the project too, so the language links keep it. (A callback of
# its own, fed by the page's store: fed by the shell's, it would also fire on other pages.)
RECORD_PROJECT = """
function (kept, state) {
    if (!kept || typeof kept !== "object") {
        return window.dash_clientside.no_update;
    }
    state = (state && typeof state === "object") ? state : {};
    return Object.assign({}, state, {search: kept.search, page: {project: kept.project}});
}
"""


def portfolio_outputs(engine, viewer, filt, lang: str, today: dt.date) -> dict:
    """Everything the page's portfolio part shows for one filter, keyed like ``OUTPUTS``."""
    reconciled = scope.reconcile(engine, viewer, filt)
    filt = reconciled.filter
    detail = scope.portfolio_lens(viewer) is scope.Lens.DETAIL
    with ThreadPoolExecutor(max_workers=3) as pool:
        stages = pool.submit(queries.stage_progress, engine, viewer, filt, today)
        evidence = pool.submit(queries.evidence_by_stage, engine, viewer, filt)
        weak = pool.submit(queries.weakest_links, engine, viewer, filt, today) if detail else None
        stages, evidence = stages.result(), evidence.result()
        weak = weak.result() if weak else queries.WeakLinks(queries.empty_weak_links(), 0)
    scope_key = "portfolio.scope_filtered" if filt.to_query() else "portfolio.scope_all"
    return {
        "subtitle": t(
            "cl.subtitle", lang, date=fmt.date(filt.as_of(today)), scope=t(scope_key, lang)
        ),
        "stages": view.stages_figure(stages, lang),
        "status": view.status_figure(stages, lang),
        "evidence": view.evidence_figure(evidence, lang),
        "weak": view.weak_links_list(weak, lang, detail, filt.to_query()),
        "notice": problem_alerts(list(reconciled.problems), lang) or None,
    }


def change_logic_tables(engine, viewer, filt, lang: str, today: dt.date) -> dict:
    """The page's charts and weakest links as export tables, from the same queries as
    ``portfolio_outputs`` for the same (reconciled) filter."""
    filt = scope.reconcile(engine, viewer, filt).filter
    detail = scope.portfolio_lens(viewer) is scope.Lens.DETAIL
    stages = queries.stage_progress(engine, viewer, filt, today)
    evidence = queries.evidence_by_stage(engine, viewer, filt)
    weak = (
        queries.weakest_links(engine, viewer, filt, today)
        if detail
        else queries.WeakLinks(queries.empty_weak_links(), 0)
    )
    filters = filter_description(engine, viewer, filt, lang)
    return {
        "stages": view.stages_table(stages, lang, filters),
        "status": view.status_table(stages, lang, filters),
        "evidence": view.evidence_table(evidence, lang, filters),
        "weakest": view.weak_links_table(weak, lang, detail, filters),
    }


def _tables_for_controls(engine, viewer, lang: str, today: dt.date, **controls) -> dict:
    return change_logic_tables(engine, viewer, controls_to_filter(**controls)[0], lang, today)


def project_part(engine, viewer, project_id, requested, lang: str, today: dt.date | None = None):
    """The chosen project's header and diagram; "choose a project" when none was asked for,
    and the same "not found" for a malformed, unknown or out-of-scope id."""
    if not scope.has_detail(viewer):
        return view.project_message("cl.project.none", lang)
    if project_id is None and not requested:
        return view.project_message("cl.project.choose", lang)
    # Before the picker has taken it over, the project in the link is shown (or refused).
    logic = queries.project_logic(
        engine, viewer, requested if project_id is None else project_id, today
    )
    if logic is None:
        return view.project_message("cl.project.not_found", lang)
    return html_project(logic, lang)


def project_choices(engine, viewer, search, chosen, requested, initial: bool, cached=None) -> dict:
    """The picker's options for a search. On the page's first call the project in the link
    becomes the choice when the viewer may open it; that first call always sets a value, so
    the diagram's callback, which waits for it, runs (Dash skips it after a no_update).
    The options come through ``cached`` (the app's cache) when given."""
    wanted = queries.parse_project_id(requested) if chosen is None else None
    keep = chosen or wanted

    def options():
        return queries.project_options(engine, viewer, search, keep=keep)

    found = options() if cached is None else cached("cl-options", viewer, (search, keep), options)
    options = [{"label": name, "value": project_id} for project_id, name in found]
    known = {option["value"] for option in options}
    if not initial:
        value = dash.no_update
    else:
        value = wanted if wanted in known else chosen if chosen in known else None
    return {"options": options, "disabled": False, "value": value}


def html_project(logic, lang: str):
    return [view.project_header(logic, lang), diagram(logic, lang, view.DIAGRAM_PREFIX)]


def register(app: dash.Dash, context: AppContext) -> None:
    settings = context.settings

    @app.callback(
        output=OUTPUTS,
        inputs=FILTER_INPUTS,
        state={"lang": State(ids.LANG_STORE, "data")},
    )
    def update_change_logic(lang, **controls):
        lang = normalise_language(lang, settings.language)
        filt, _ = controls_to_filter(**controls)
        try:
            viewer, today = context.viewer_for_request(), dt.date.today()
            return context.cached(
                "change_logic",
                viewer,
                (filt, lang, today),
                lambda: portfolio_outputs(context.engine, viewer, filt, lang, today),
            )
        except SQLAlchemyError:
            log.exception("change-logic queries failed for filter %s", filt)
            alert = dbc.Alert(t("error.data", lang), color="danger")
            return {key: dash.no_update for key in OUTPUTS} | {"notice": alert}

    @app.callback(
        output={
            "options": Output(ids.CL_PROJECT, "options"),
            "disabled": Output(ids.CL_PROJECT, "disabled"),
            "value": Output(ids.CL_PROJECT, "value"),
        },
        inputs={"search": Input(ids.CL_PROJECT, "search_value")},
        state={
            "chosen": State(ids.CL_PROJECT, "value"),
            "requested": State(ids.CL_REQUESTED, "data"),
        },
    )
    def search_projects(search, chosen, requested):
        viewer = context.viewer_for_request()
        if not scope.has_detail(viewer):
            return {"options": [], "disabled": True, "value": None}
        initial = dash.ctx.triggered_id is None
        try:
            return project_choices(
                context.engine, viewer, search, chosen, requested, initial, context.cached
            )
        except SQLAlchemyError:
            log.exception("change-logic project options failed")
            return {"options": dash.no_update, "disabled": False, "value": None}

    @app.callback(
        Output(ids.CL_PROJECT_LOGIC, "children"),
        Input(ids.CL_PROJECT, "value"),
        State(ids.CL_REQUESTED, "data"),
        State(ids.LANG_STORE, "data"),
    )
    def show_project(project_id, requested, lang):
        lang = normalise_language(lang, settings.language)
        try:
            return project_part(
                context.engine, context.viewer_for_request(), project_id, requested, lang
            )
        except SQLAlchemyError:
            log.exception("change logic of project %r failed", project_id)
            return dbc.Alert(t("error.data", lang), color="danger")

    app.clientside_callback(
        KEEP_PROJECT_IN_URL,
        Output(ids.CL_URL_KEEP, "data"),
        Input(ids.CL_PROJECT, "value"),
        Input(ids.URL_SYNC, "data"),
    )
    app.clientside_callback(
        RECORD_PROJECT,
        Output(ids.QUERY_STORE, "data", allow_duplicate=True),
        Input(ids.CL_URL_KEEP, "data"),
        State(ids.QUERY_STORE, "data"),
        prevent_initial_call=True,
    )

    change_logic_diagram.register_details(app, context, view.DIAGRAM_PREFIX)
    register_exports(app, context, "change-logic", as_states(FILTER_INPUTS), _tables_for_controls)
