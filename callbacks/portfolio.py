"""Portfolio wiring: filter controls in, key figures and charts out (queries → builders)."""

from __future__ import annotations

import datetime as dt
import logging

import dash
import dash_bootstrap_components as dbc
from dash import Output, State
from sqlalchemy.exc import SQLAlchemyError

from callbacks.filters import FILTER_INPUTS, controls_to_filter
from components import formatting as fmt
from components import ids
from components import portfolio as view
from components.i18n import normalise_language, t
from data_access import queries

log = logging.getLogger(__name__)

KPI_IDS = (ids.KPI_PROJECTS, ids.KPI_MONEY, ids.KPI_PEOPLE, ids.KPI_PROGRESS)


def portfolio_outputs(engine, viewer, filt, lang: str, today: dt.date) -> tuple:
    """Everything the page shows for one filter: subtitle, key figures, charts, table."""
    overview = queries.portfolio_overview(engine, viewer, filt, today)
    figures = overview.key_figures.iloc[0]

    scope = "portfolio.scope_filtered" if filt.to_query() else "portfolio.scope_all"
    subtitle = t("portfolio.subtitle", lang, date=fmt.date(filt.as_of(today)), scope=t(scope, lang))
    cards = view.key_figure_children(figures, lang)
    return (
        subtitle,
        *(cards[key] for key in KPI_IDS),
        view.status_pills(figures, lang),
        view.themes_figure(overview.sub_themes, overview.themes, lang),
        view.status_figure(overview.themes, lang),
        view.timeline_figure(overview.timeline, lang),
        view.unit_table(overview.units, lang),
        None,
    )


def register(app: dash.Dash, engine, settings, viewer_for_request) -> None:
    @app.callback(
        Output(ids.PORTFOLIO_SUBTITLE, "children"),
        *(Output(key, "children") for key in KPI_IDS),
        Output(ids.KPI_STATUS, "children"),
        Output(ids.GRAPH_THEMES, "figure"),
        Output(ids.GRAPH_STATUS, "figure"),
        Output(ids.GRAPH_TIMELINE, "figure"),
        Output(ids.UNIT_TABLE, "children"),
        Output(ids.PORTFOLIO_ERROR, "children"),
        *FILTER_INPUTS,
        State(ids.LANG_STORE, "data"),
    )
    def update_portfolio(*values):
        *controls, lang = values
        lang = normalise_language(lang, settings.language)
        filt, _ = controls_to_filter(*controls)
        try:
            return portfolio_outputs(engine, viewer_for_request(), filt, lang, dt.date.today())
        except SQLAlchemyError:
            log.exception("portfolio queries failed for filter %s", filt)
            alert = dbc.Alert(t("error.data", lang), color="danger", role="alert")
            return (dash.no_update,) * 10 + (alert,)
