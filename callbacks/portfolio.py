"""Portfolio wiring: filter controls in, key figures and charts out (queries → builders)."""

from __future__ import annotations

import datetime as dt
import logging

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State
from dash.exceptions import PreventUpdate
from sqlalchemy.exc import SQLAlchemyError

from callbacks import board_pack, since
from callbacks.exports import as_states, filter_description, register_exports
from callbacks.shell import FILTER_INPUTS, controls_to_filter
from components import formatting as fmt
from components import ids
from components import portfolio as view
from components.i18n import normalise_language, t
from components.shell import problem_alerts
from dashboard.page import AppContext
from data_access import portfolio_queries as queries
from data_access import scope
from data_access import vocabulary as voc

log = logging.getLogger(__name__)

KPI_IDS = (ids.KPI_PROJECTS, ids.KPI_MONEY, ids.KPI_PEOPLE, ids.KPI_PROGRESS)

OUTPUTS = {
    "subtitle": Output(ids.PORTFOLIO_SUBTITLE, "children"),
    **{key: Output(key, "children") for key in KPI_IDS},
    "status": Output(ids.KPI_STATUS, "children"),
    "themes": Output(ids.GRAPH_THEMES, "figure"),
    "status_chart": Output(ids.GRAPH_STATUS, "figure"),
    "timeline": Output(ids.GRAPH_TIMELINE, "figure"),
    "units": Output(ids.UNIT_TABLE, "children"),
    "notice": Output(ids.PORTFOLIO_ERROR, "children"),
}


def portfolio_outputs(engine, viewer, filt, lang: str, today: dt.date) -> dict:
    """Everything the page shows for one filter, keyed like ``OUTPUTS``. The filter is first
    narrowed to what the viewer may choose; what was left out is named on the page."""
    reconciled = scope.reconcile(engine, viewer, filt)
    filt = reconciled.filter
    overview = queries.portfolio_overview(engine, viewer, filt, today)
    figures = overview.key_figures.iloc[0]

    scope_key = "portfolio.scope_filtered" if filt.to_query() else "portfolio.scope_all"
    subtitle = t(
        "portfolio.subtitle", lang, date=fmt.date(filt.as_of(today)), scope=t(scope_key, lang)
    )
    return {
        "subtitle": subtitle,
        **view.key_figure_children(figures, lang),
        "status": view.status_pills(figures, lang),
        "themes": view.themes_figure(overview.sub_themes, overview.themes, lang),
        "status_chart": view.status_figure(overview.themes, lang),
        "timeline": view.timeline_figure(overview.timeline, lang),
        "units": view.unit_table(overview.units, lang),
        "notice": problem_alerts(list(reconciled.problems), lang) or None,
    }


def portfolio_tables(engine, viewer, filt, lang: str, today: dt.date) -> dict:
    """The page's charts and table as export tables (``components.exports``), from the same
    queries as ``portfolio_outputs`` for the same (reconciled) filter."""
    filt = scope.reconcile(engine, viewer, filt).filter
    overview = queries.portfolio_overview(engine, viewer, filt, today)
    filters = filter_description(engine, viewer, filt, lang)
    return {
        "themes": view.themes_table(overview.sub_themes, overview.themes, lang, filters),
        "status": view.status_table(overview.themes, lang, filters),
        "timeline": view.timeline_table(overview.timeline, lang, filters),
        "units": view.units_table(overview.units, lang, filters),
    }


def _tables_for_controls(engine, viewer, lang: str, today: dt.date, **controls) -> dict:
    return portfolio_tables(engine, viewer, controls_to_filter(**controls)[0], lang, today)


def filters_from_treemap_click(click_data) -> tuple[list[str], list[str]] | None:
    """The theme (and sub-theme) of a clicked treemap tile, or None for anything else.

    Tile ids are "theme" or "theme/sub_theme"; the browser sends them back, so they are checked
    against the vocabulary like any other input.
    """
    try:
        tile = click_data["points"][0]["id"]
    except (KeyError, IndexError, TypeError):
        return None
    theme, _, sub_theme = str(tile).partition("/")
    if theme not in voc.THEMES:
        return None
    if not sub_theme:
        return [theme], []
    if voc.THEME_OF_SUB_THEME.get(sub_theme) != theme:
        return None
    return [theme], [sub_theme]


def register(app: dash.Dash, context: AppContext) -> None:
    settings = context.settings

    @app.callback(
        output=OUTPUTS,
        inputs=FILTER_INPUTS,
        state={"lang": State(ids.LANG_STORE, "data")},
    )
    def update_portfolio(lang, **controls):
        lang = normalise_language(lang, settings.language)
        filt, _ = controls_to_filter(**controls)
        try:
            viewer, today = context.viewer_for_request(), dt.date.today()
            return context.cached(
                "portfolio",
                viewer,
                (filt, lang, today),
                lambda: portfolio_outputs(context.engine, viewer, filt, lang, today),
            )
        except SQLAlchemyError:
            log.exception("portfolio queries failed for filter %s", filt)
            alert = dbc.Alert(t("error.data", lang), color="danger")
            return {key: dash.no_update for key in OUTPUTS} | {"notice": alert}

    # Since the last meeting: its own section, so the main callback stays as fast as it was.
    since.register_since(
        app,
        context,
        "portfolio",
        since.on_any_page(ids.PORTFOLIO_SINCE_DATE),
        ids.PORTFOLIO_SINCE,
        FILTER_INPUTS,
        since.portfolio_scope,
    )
    since.register_since_in_url(app, since.on_any_page(ids.PORTFOLIO_SINCE_DATE))

    # The board pack: this page (and the others' key charts) as a PDF for a board.
    board_pack.register(app, context)

    # Every chart's and table's data out, as filtered on screen (callbacks.exports).
    register_exports(app, context, "portfolio", as_states(FILTER_INPUTS), _tables_for_controls)

    @app.callback(
        Output(ids.FILTER_THEME, "value", allow_duplicate=True),
        Output(ids.FILTER_SUB_THEME, "value", allow_duplicate=True),
        Input(ids.GRAPH_THEMES, "clickData"),
        prevent_initial_call=True,
    )
    def filter_on_clicked_tile(click_data):
        chosen = filters_from_treemap_click(click_data)
        if chosen is None:
            raise PreventUpdate
        return chosen
