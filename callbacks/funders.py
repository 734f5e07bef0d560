"""Funders wiring: the chosen funders in; figures, the co-funding matrix and the shared
projects of a clicked pair out (queries → builders)."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State
from sqlalchemy.exc import SQLAlchemyError

from callbacks.exports import register_exports
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


@dataclass(frozen=True)
class Shown:
    """The funders the page shows for a choice, in the picker's order, with their figures."""

    choices: pd.DataFrame
    order: list[int]
    found: queries.FunderComparison
    summary: pd.DataFrame  # found.summary in ``order``
    limited: bool  # the default few of more funders (none chosen, "show all" off)


def shown_funders(engine, viewer, chosen, show_all: bool, today: dt.date) -> Shown:
    """The chosen funders the viewer may compare; with none chosen, all of them when
    ``show_all``, else the viewer's own and those with the most money
    (``queries.DEFAULT_FUNDERS``): only those are computed and sent."""
    # With none chosen (the page's first view) the summary of every funder the viewer may
    # compare ranks them: it is read while the choices are.
    every = None
    if not show_all and not any(is_whole_number(v) for v in as_list(chosen)):
        every = queries.pool().submit(queries.funder_summary, engine, viewer, None, today)
    choices = queries.funder_choices(engine, viewer)
    allowed = choices.funder_id.tolist()
    order = chosen_ids(chosen, allowed)
    picked = any(is_whole_number(v) and int(v) in set(allowed) for v in as_list(chosen))
    limited = not picked and not show_all and len(allowed) > queries.DEFAULT_FUNDERS
    summary = every.result() if every is not None else None
    if limited:
        if summary is None:
            summary = queries.funder_summary(engine, viewer, allowed, today)
        own = viewer.funder_ids if viewer.role == "funder" else ()
        kept = set(queries.default_funders(summary, own, queries.DEFAULT_FUNDERS))
        order = [funder for funder in order if funder in kept]
    found = queries.compare_funders(engine, viewer, order, today, summary=summary)
    position = {funder: rank for rank, funder in enumerate(order)}
    ordered = found.summary.sort_values("funder_id", key=lambda c: c.map(position))
    return Shown(choices, order, found, ordered.reset_index(drop=True), limited)


def _subtitle(shown: Shown, viewer, lang: str, today: dt.date) -> str:
    count = fmt.number(len(shown.order))
    if not shown.limited:
        return t("funders.subtitle", lang, date=fmt.date(today), count=count)
    key = "funders.subtitle_top_own" if viewer.role == "funder" else "funders.subtitle_top"
    total = fmt.number(len(shown.choices))
    return t(key, lang, date=fmt.date(today), count=count, total=total)


def funders_outputs(
    engine, viewer, chosen, lang: str, today: dt.date, show_all: bool = False
) -> dict:
    """Everything the page shows for a choice of funders, keyed like ``OUTPUTS``."""
    shown = shown_funders(engine, viewer, chosen, show_all, today)
    choices, order, found, summary = shown.choices, shown.order, shown.found, shown.summary
    labels = view.funder_labels(choices, lang)
    base_query = {
        "compare": ",".join(str(f) for f in order) if chosen else "",
        "all": "1" if show_all and not chosen else "",
        "lang": lang,
    }
    base_query = {key: value for key, value in base_query.items() if value}
    return {
        "subtitle": _subtitle(shown, viewer, lang, today),
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


def funders_tables(
    engine, viewer, chosen, lang: str, today: dt.date, show_all: bool = False
) -> dict:
    """The page's charts and co-funding matrix as export tables: the funders the page shows
    for the same choice (``shown_funders``), from the same queries."""
    shown = shown_funders(engine, viewer, chosen, show_all is True, today)
    labels = view.funder_labels(shown.choices, lang)
    order, found, summary = shown.order, shown.found, shown.summary
    picked = [f for f in order if f in set(int(v) for v in as_list(chosen) if is_whole_number(v))]
    if picked:
        filters = t("export.compared", lang, names=", ".join(labels[f] for f in picked))
    elif shown.limited:
        filters = t("export.compared", lang, names=", ".join(labels[f] for f in order))
    else:
        filters = t("export.all_funders", lang)
    args = (lang, filters)
    return {
        "money": view.money_table(summary, labels, *args),
        "themes": view.theme_mix_table(found.themes, order, labels, *args),
        "status": view.status_mix_table(summary, labels, *args),
        "stages": view.stages_table(found.stages, order, labels, *args),
        "evidence": view.evidence_table(found.evidence, order, labels, *args),
        "trend": view.trend_table(found.trend, summary, labels, *args),
        "outcomes": view.outcomes_table(found.outcomes, order, labels, *args),
        "pairs": view.pairs_table(found.pairs, order, labels, *args),
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
        inputs={
            "chosen": Input(ids.FUNDERS_PICK, "value"),
            "show_all": Input(ids.FUNDERS_ALL, "value"),
        },
        state={"lang": State(ids.LANG_STORE, "data")},
    )
    def update_funders(chosen, show_all, lang):
        lang = normalise_language(lang, settings.language)
        chosen = sorted({v for v in as_list(chosen) if is_whole_number(v)}, key=int)
        show_all = show_all is True
        try:
            viewer, today = context.viewer_for_request(), dt.date.today()
            return context.cached(
                "funders",
                viewer,
                (tuple(chosen), show_all, lang, today),
                lambda: funders_outputs(context.engine, viewer, chosen, lang, today, show_all),
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
            "show_all": Input(ids.FUNDERS_ALL, "value"),
            "since": Input(ids.FUNDERS_SINCE_DATE, "value"),
            "pair": Input(ids.FUNDERS_PAIR_STORE, "data"),
        },
        state={"lang": State(ids.LANG_STORE, "data")},
        prevent_initial_call="initial_duplicate",
    )
    def remember_choice(chosen, show_all, since, pair, lang):
        lang = normalise_language(lang, settings.language)
        picked = [v for v in as_list(chosen) if is_whole_number(v)]
        parsed = view.parse_pair(pair)
        query = {
            "compare": ",".join(picked),
            "all": "1" if show_all is True else "",
            "since": clean_since(since),
            "pair": f"{parsed[0]}-{parsed[1]}" if parsed else "",
        }
        return page_state(lang, query)

    register_exports(
        app,
        context,
        "funders",
        {"chosen": State(ids.FUNDERS_PICK, "value"), "show_all": State(ids.FUNDERS_ALL, "value")},
        lambda engine, viewer, lang, today, chosen, show_all: funders_tables(
            engine, viewer, chosen, lang, today, show_all
        ),
    )

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
