"""Network wiring: the network's shared progress out (queries → blocks), the presentation
link from the chosen slides, and the since section — always as the network sees it."""

from __future__ import annotations

import datetime as dt
import logging

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State
from sqlalchemy.exc import SQLAlchemyError

from callbacks.exports import register_exports
from callbacks.shell import as_list
from callbacks.since import clean_since, page_state, register_since
from components import formatting as fmt
from components import ids
from components import network as view
from components.i18n import normalise_language, t
from components.portfolio import timeline_figure, timeline_table
from dashboard.page import AppContext
from data_access import network_queries as queries
from data_access import scope
from data_access.filters import PortfolioFilter

log = logging.getLogger(__name__)

OUTPUTS = {
    "subtitle": Output(ids.NETWORK_SUBTITLE, "children"),
    "headline": Output(ids.NETWORK_HEADLINE, "children"),
    "themes": Output(ids.NETWORK_THEMES, "children"),
    "stages": Output(ids.NETWORK_STAGES, "children"),
    "timeline": Output(ids.NETWORK_TIMELINE, "figure"),
    "funders": Output(ids.NETWORK_FUNDERS, "children"),
    "stories": Output(ids.NETWORK_STORIES, "children"),
    "notice": Output(ids.NETWORK_ERROR, "children"),
}


def blocks(found: queries.NetworkOverview, lang: str) -> dict:
    """Every block of the page (and every slide but "since"), keyed by slide name."""
    overview = found.overview
    figures, funders = overview.key_figures.iloc[0], found.funders.iloc[0]
    return {
        "headline": view.headline_block(figures, funders, lang),
        "themes": view.themes_block(overview.themes, lang),
        "logic": view.logic_block(found.stages, lang),
        "funders": view.funders_block(funders, found.named_funders, lang),
        "stories": view.stories_block(found.stories, lang),
    }


def uncached(page, viewer, inputs, compute):
    """``AppContext.cached`` without a cache (the callbacks called as functions)."""
    return compute()


def slide_blocks(engine, viewer, lang: str, today: dt.date, cached=uncached) -> dict:
    """``blocks`` as the network sees them, through the cache entry the page fills: a deck
    opened from the page reads them; else they are computed without the page's timeline."""
    network = scope.network_view(viewer)
    return cached(
        "network-blocks",
        network,
        (lang, today),
        lambda: blocks(queries.network_overview(engine, network, today, timeline=False), lang),
    )


def network_outputs(engine, viewer, lang: str, today: dt.date, cached=uncached) -> dict:
    network = scope.network_view(viewer)
    found = queries.network_overview(engine, network, today)
    parts = blocks(found, lang)
    # Kept for the presentation: its slides are these blocks.
    cached("network-blocks", network, (lang, today), lambda: parts)
    return {
        "subtitle": t("network.subtitle", lang, date=fmt.date(today)),
        "headline": dbc.Card(dbc.CardBody(parts["headline"])),
        "themes": parts["themes"],
        "stages": parts["logic"],
        "timeline": timeline_figure(found.overview.timeline, lang),
        "funders": parts["funders"],
        "stories": parts["stories"],
        "notice": None,
    }


def network_tables(engine, viewer, lang: str, today: dt.date) -> dict:
    """The page's figures as export tables, as the network sees them (whoever asks)."""
    viewer = scope.network_view(viewer)
    found = queries.network_overview(engine, viewer, today)
    filters = t("export.network_view", lang)
    return {
        "themes": view.themes_table(found.overview.themes, lang, filters),
        "stages": view.stages_table(found.stages, lang, filters),
        "timeline": timeline_table(found.overview.timeline, lang, filters),
    }


def network_scope(engine, viewer, **_):
    """The Network page counts what is shared with the network, as the network sees it."""
    return scope.network_view(viewer), PortfolioFilter(), scope.Lens.AGGREGATE


def register(app: dash.Dash, context: AppContext) -> None:
    settings = context.settings

    @app.callback(
        output=OUTPUTS,
        inputs={"_page": Input(ids.NETWORK_SUBTITLE, "id")},
        state={"lang": State(ids.LANG_STORE, "data")},
    )
    def update_network(_page, lang):
        lang = normalise_language(lang, settings.language)
        try:
            viewer = scope.network_view(context.viewer_for_request())
            today = dt.date.today()
            return context.cached(
                "network",
                viewer,
                (lang, today),
                lambda: network_outputs(context.engine, viewer, lang, today, context.cached),
            )
        except SQLAlchemyError:
            log.exception("network queries failed")
            alert = dbc.Alert(t("error.data", lang), color="danger")
            return {key: dash.no_update for key in OUTPUTS} | {"notice": alert}

    @app.callback(
        Output(ids.NETWORK_PRESENT_LINK, "href"),
        Output(ids.QUERY_STORE, "data", allow_duplicate=True),
        inputs={
            "slides": Input("network-slides", "value"),
            "timer": Input("network-timer", "value"),
            "since": Input(ids.NETWORK_SINCE_DATE, "value"),
        },
        state={"lang": State(ids.LANG_STORE, "data")},
        prevent_initial_call="initial_duplicate",
    )
    def presentation_link(slides, timer, since, lang):
        lang = normalise_language(lang, settings.language)
        since = clean_since(since)
        href = view.present_href(as_list(slides), timer, since, lang)
        return href, page_state(lang, {"since": since})

    register_exports(app, context, "network", {}, network_tables)

    register_since(
        app, context, "network", ids.NETWORK_SINCE_DATE, ids.NETWORK_SINCE, {}, network_scope
    )
