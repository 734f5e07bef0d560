"""Funders wiring: the chosen funders in; figures, the co-funding matrix and the shared
projects of a clicked pair out (queries → builders)."""

from __future__ import annotations

import datetime as dt
import logging

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State
from sqlalchemy.exc import SQLAlchemyError

from callbacks.shell import as_list
from callbacks.since import clean_since, page_state, register_since
from components import formatting as fmt
from components import funders as view
from components import ids
from components.i18n import normalise_language, t
from components.projects import project_href
from dashboard.page import AppContext
from data_access import funder_queries as queries
from data_access import scope
from data_access.filters import PortfolioFilter, is_whole_number

log = logging.getLogger(__name__)

OUTPUTS = {
    "subtitle": Output(ids.FUNDERS_SUBTITLE, "children"),
    "options": Output(ids.FUNDERS_PICK, "options"),
    "money": Output(ids.FUNDERS_MONEY, "figure"),
    "themes": Output(ids.FUNDERS_THEMES, "figure"),
    "status": Output(ids.FUNDERS_STATUS, "figure"),
    "stages": Output(ids.FUNDERS_STAGES, "figure"),
    "evidence": Output(ids.FUNDERS_EVIDENCE, "figure"),
    "trend": Output(ids.FUNDERS_TREND, "figure"),
    "outcomes": Output(ids.FUNDERS_OUTCOMES, "figure"),
    "pairs": Output(ids.FUNDERS_PAIRS, "children"),
    "notice": Output(ids.FUNDERS_ERROR, "children"),
}


def chosen_ids(chosen, allowed: list[int]) -> list[int]:
    """The chosen funders among those the viewer may compare (all of them when none is)."""
    picked = [int(v) for v in as_list(chosen) if is_whole_number(v)]
    kept = [funder for funder in allowed if funder in set(picked)]
    return kept or list(allowed)


def funders_outputs(engine, viewer, chosen, lang: str, today: dt.date) -> dict:
    """Everything the page shows for a choice of funders, keyed like ``OUTPUTS``."""
    choices = queries.funder_choices(engine, viewer)
    labels = view.funder_labels(choices, lang)
    order = chosen_ids(chosen, choices.funder_id.tolist())
    found = queries.compare_funders(engine, viewer, order, today)
    position = {funder: rank for rank, funder in enumerate(order)}
    summary = found.summary.sort_values("funder_id", key=lambda c: c.map(position))
    summary = summary.reset_index(drop=True)
    base_query = {"compare": ",".join(str(f) for f in order) if chosen else "", "lang": lang}
    base_query = {key: value for key, value in base_query.items() if value}
    return {
        "subtitle": t("funders.subtitle", lang, date=fmt.date(today), count=fmt.number(len(order))),
        "options": view.picker_options(choices, labels, lang, viewer.role == "funder"),
        "money": view.money_figure(summary, labels, lang),
        "themes": view.theme_mix_figure(found.themes, order, labels, lang),
        "status": view.status_mix_figure(summary, labels, lang),
        "stages": view.stages_figure(found.stages, order, labels, lang),
        "evidence": view.evidence_figure(found.evidence, order, labels, lang),
        "trend": view.trend_figure(found.trend, summary, labels, lang),
        "outcomes": view.outcomes_figure(found.outcomes, order, labels, lang),
        "pairs": view.pairs_matrix(found.pairs, order, labels, base_query, lang),
        "notice": None if len(choices) else dbc.Alert(t("funders.none", lang), color="info"),
    }


def pair_outputs(engine, viewer, pair, lang: str):
    """The shared projects of a co-funding pair from the link, when both may be compared."""
    parsed = view.parse_pair(pair)
    if parsed is None:
        return None
    labels = view.funder_labels(queries.funder_choices(engine, viewer), lang)
    if parsed[0] not in labels or parsed[1] not in labels:
        return None
    projects = queries.pair_projects(engine, viewer, *parsed)
    search = f"?lang={lang}"
    return view.pair_projects_list(
        projects,
        labels[parsed[0]],
        labels[parsed[1]],
        lambda project_id: project_href(project_id, search),
        lang,
    )


def register(app: dash.Dash, context: AppContext) -> None:
    settings = context.settings

    @app.callback(
        output=OUTPUTS,
        inputs={"chosen": Input(ids.FUNDERS_PICK, "value")},
        state={"lang": State(ids.LANG_STORE, "data")},
    )
    def update_funders(chosen, lang):
        lang = normalise_language(lang, settings.language)
        chosen = sorted({v for v in as_list(chosen) if is_whole_number(v)}, key=int)
        try:
            viewer, today = context.viewer_for_request(), dt.date.today()
            return context.cached(
                "funders",
                viewer,
                (tuple(chosen), lang, today),
                lambda: funders_outputs(context.engine, viewer, chosen, lang, today),
            )
        except SQLAlchemyError:
            log.exception("funders queries failed for %s", chosen)
            alert = dbc.Alert(t("error.data", lang), color="danger")
            return {key: dash.no_update for key in OUTPUTS} | {"notice": alert}

    # The projects of a clicked pair: their own callback, so the figures stay cached.
    @app.callback(
        Output(ids.FUNDERS_PAIR, "children"),
        Input(ids.FUNDERS_PAIR_STORE, "data"),
        State(ids.LANG_STORE, "data"),
    )
    def show_pair(pair, lang):
        lang = normalise_language(lang, settings.language)
        try:
            return pair_outputs(context.engine, context.viewer_for_request(), pair, lang)
        except SQLAlchemyError:
            log.exception("co-funding projects failed for %r", pair)
            return dbc.Alert(t("error.data", lang), color="danger")

    @app.callback(
        Output(ids.QUERY_STORE, "data", allow_duplicate=True),
        inputs={
            "chosen": Input(ids.FUNDERS_PICK, "value"),
            "since": Input(ids.FUNDERS_SINCE_DATE, "value"),
            "pair": Input(ids.FUNDERS_PAIR_STORE, "data"),
        },
        state={"lang": State(ids.LANG_STORE, "data")},
        prevent_initial_call="initial_duplicate",
    )
    def remember_choice(chosen, since, pair, lang):
        lang = normalise_language(lang, settings.language)
        picked = [v for v in as_list(chosen) if is_whole_number(v)]
        parsed = view.parse_pair(pair)
        query = {
            "compare": ",".join(picked),
            "since": clean_since(since),
            "pair": f"{parsed[0]}-{parsed[1]}" if parsed else "",
        }
        return page_state(lang, query)

    register_since(
        app,
        context,
        "funders",
        ids.FUNDERS_SINCE_DATE,
        ids.FUNDERS_SINCE,
        {"chosen": Input(ids.FUNDERS_PICK, "value")},
        funders_scope,
    )


def funders_scope(engine, viewer, chosen=None):
    """The Funders page's since section counts the viewer's portfolio, narrowed to the chosen
    funders it may filter on."""
    picked = tuple(int(v) for v in as_list(chosen) if is_whole_number(v))
    filt = scope.reconcile(engine, viewer, PortfolioFilter(funder_ids=picked)).filter
    return viewer, filt, scope.portfolio_lens(viewer)
