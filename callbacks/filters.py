"""The filter bar: options, reset, and the URL that mirrors the filters (a copyable link)."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State
from sqlalchemy.exc import SQLAlchemyError

from components import ids
from components.i18n import normalise_language, t
from components.shell import language_links, nav_links, problem_alerts, sub_theme_options
from data_access import queries
from data_access.filters import PortfolioFilter, Problem

log = logging.getLogger(__name__)

FILTER_INPUTS = [
    Input(ids.FILTER_FUNDER, "value"),
    Input(ids.FILTER_THEME, "value"),
    Input(ids.FILTER_SUB_THEME, "value"),
    Input(ids.FILTER_REGION, "value"),
    Input(ids.FILTER_YEAR_FROM, "value"),
    Input(ids.FILTER_YEAR_TO, "value"),
]


def controls_to_filter(
    funders, themes, sub_themes, regions, year_from, year_to
) -> tuple[PortfolioFilter, list[Problem]]:
    """The filter the controls describe, validated like a URL (callbacks can be forged)."""
    query = {
        "funder": _as_list(funders),
        "theme": _as_list(themes),
        "subtheme": _as_list(sub_themes),
        "region": _as_list(regions),
        "from": _as_list(year_from),
        "to": _as_list(year_to),
    }
    return PortfolioFilter.from_query(query)


def _as_list(value) -> list[str]:
    if value is None or value == "":
        return []
    values = value if isinstance(value, list | tuple) else [value]
    return [str(item) for item in values if item is not None]


def known_funders(chosen, known: set[int]) -> tuple[list[int], list[Problem]]:
    """The chosen funders the viewer may pick; the others named as problems (a link may carry a
    funder that does not exist or is not the viewer's)."""
    kept, problems = [], []
    for value in _as_list(chosen):
        if value.isdigit() and int(value) in known:
            kept.append(int(value))
        else:
            problems.append(Problem("funder", value, "unknown_value"))
    return kept, problems


def query_state(filt: PortfolioFilter, lang: str) -> dict:
    """What the browser's address bar and the navbar links should carry."""
    query = {**filt.to_query(), "lang": lang}
    return {"query": query, "search": "?" + urlencode(query, safe=","), "lang": lang}


def register(app: dash.Dash, engine, settings, viewer_for_request) -> None:
    @app.callback(
        Output(ids.FILTER_SUB_THEME, "options"),
        Input(ids.FILTER_THEME, "value"),
        State(ids.LANG_STORE, "data"),
    )
    def limit_sub_themes(themes, lang):
        return sub_theme_options(themes, normalise_language(lang, settings.language))

    @app.callback(
        Output(ids.FILTER_FUNDER, "options"),
        Output(ids.FILTER_FUNDER, "value", allow_duplicate=True),
        Output(ids.FILTER_NOTICE, "children"),
        Input(ids.LANG_STORE, "data"),
        State(ids.FILTER_FUNDER, "value"),
        prevent_initial_call="initial_duplicate",
    )
    def load_funders(lang, chosen):
        lang = normalise_language(lang, settings.language)
        try:
            funders = queries.funder_options(engine, viewer_for_request())
        except SQLAlchemyError:
            log.exception("funder options failed")
            return [], dash.no_update, dbc.Alert(t("error.data", lang), color="danger")
        options = [{"label": row.name, "value": int(row.funder_id)} for row in funders.itertuples()]
        kept, problems = known_funders(chosen, {option["value"] for option in options})
        if not problems:
            return options, dash.no_update, None
        return options, kept, problem_alerts(problems, lang)

    @app.callback(
        [Output(control.component_id, "value", allow_duplicate=True) for control in FILTER_INPUTS],
        Input(ids.FILTER_RESET, "n_clicks"),
        prevent_initial_call=True,
    )
    def reset_filters(_clicks):
        return [], [], [], [], None, None

    @app.callback(Output(ids.QUERY_STORE, "data"), *FILTER_INPUTS, State(ids.LANG_STORE, "data"))
    def remember_filters(*values):
        *controls, lang = values
        filt, _ = controls_to_filter(*controls)
        return query_state(filt, normalise_language(lang, settings.language))

    app.clientside_callback(
        ClientsideFunction(namespace="filantrimpact", function_name="syncUrl"),
        Output(ids.URL_SYNC, "data"),
        Input(ids.QUERY_STORE, "data"),
    )

    @app.callback(
        Output(ids.NAVBAR_LINKS, "children"),
        Output(ids.LANGUAGE_LINKS, "children"),
        Output(ids.SKIP_LINK, "children"),
        Input(ids.QUERY_STORE, "data"),
        Input(ids.URL, "pathname"),
    )
    def update_navbar(state, pathname):
        # The state comes from the browser: anything but the expected shape counts as empty.
        state = state if isinstance(state, dict) else {}
        raw = state.get("query")
        lang = normalise_language(state.get("lang"), settings.language)
        query = (
            {str(k): str(v) for k, v in raw.items() if k != "lang"} if isinstance(raw, dict) else {}
        )
        search = "?" + urlencode({**query, "lang": lang}, safe=",")
        pages = sorted(
            (page for page in dash.page_registry.values() if page.get("label_key")),
            key=lambda page: page.get("order", 50),
        )
        return (
            nav_links(pages, pathname, search, lang),
            language_links(pathname, query, lang),
            t("nav.skip", lang),
        )
