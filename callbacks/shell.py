"""The shell's wiring: the page for an address, the navbar, and the filter bar every page
shares (options, reset, and the URL that mirrors the filters, a copyable link)."""

from __future__ import annotations

import logging
from urllib.parse import parse_qs, urlencode

import dash
import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State
from sqlalchemy.exc import SQLAlchemyError

from components import ids
from components.i18n import normalise_language, t
from components.shell import (
    account_menu,
    filter_section,
    language_links,
    nav_links,
    problem_alerts,
    sub_theme_options,
)
from dashboard import auth
from dashboard.page import AppContext, Page
from data_access import scope
from data_access.filters import PortfolioFilter, Problem, is_whole_number

log = logging.getLogger(__name__)

FILTER_INPUTS = {
    "funders": Input(ids.FILTER_FUNDER, "value"),
    "themes": Input(ids.FILTER_THEME, "value"),
    "sub_themes": Input(ids.FILTER_SUB_THEME, "value"),
    "regions": Input(ids.FILTER_REGION, "value"),
    "year_from": Input(ids.FILTER_YEAR_FROM, "value"),
    "year_to": Input(ids.FILTER_YEAR_TO, "value"),
}

MAX_QUERY_LENGTH = 2_000


def controls_to_filter(
    funders=None, themes=None, sub_themes=None, regions=None, year_from=None, year_to=None
) -> tuple[PortfolioFilter, list[Problem]]:
    """The filter the controls describe, validated like a URL (callbacks can be forged)."""
    query = {
        "funder": as_list(funders),
        "theme": as_list(themes),
        "subtheme": as_list(sub_themes),
        "region": as_list(regions),
        "from": as_list(year_from),
        "to": as_list(year_to),
    }
    return PortfolioFilter.from_query(query)


def as_list(value) -> list[str]:
    """A control's value as a list of short strings, whatever the browser sent."""
    if value is None or value == "" or isinstance(value, dict):
        return []
    values = value if isinstance(value, list | tuple) else [value]
    return [
        str(item)[:100] for item in values if isinstance(item, str | int | float) and item != ""
    ]


def parse_search(search) -> dict[str, str]:
    """A URL's query string as {name: value} (repeated names comma-joined); never raises."""
    if not isinstance(search, str):
        return {}
    parsed = parse_qs(search[:MAX_QUERY_LENGTH].lstrip("?"), keep_blank_values=False)
    return {key: ",".join(values) for key, values in parsed.items()}


def page_for(pages: tuple[Page, ...], not_found: Page, pathname) -> Page:
    """The page at ``pathname`` (anything the browser sends), or the not-found page."""
    return resolve(pages, not_found, pathname)[0]


def resolve(pages: tuple[Page, ...], not_found: Page, pathname) -> tuple[Page, dict[str, str]]:
    """The page at ``pathname`` and the parameters its path holds ("/projects/12" gives the
    project page and {"id": "12"}), or the not-found page and {}."""
    path = normalise_path(pathname)
    for page in pages:
        params = page.match(path)
        if params is not None:
            return page, params
    return not_found, {}


def normalise_path(pathname) -> str:
    path = pathname[:MAX_QUERY_LENGTH] if isinstance(pathname, str) else "/"
    return path.rstrip("/") or "/"


def admitted(page: Page, engine, viewer, params: dict[str, str]) -> bool:
    """Whether the address's parameters name something the viewer may open. When the
    database cannot say, the page opens: its callbacks check the viewer again and say so."""
    if page.admits is None:
        return True
    try:
        return page.admits(engine, viewer, params)
    except SQLAlchemyError:
        log.exception("checking the address %s failed", params)
        return True


def render(page: Page, query: dict[str, str], default_lang: str) -> tuple:
    """The page's content for a URL, its language and the state the navbar and URL keep."""
    lang = normalise_language(query.get("lang"), default_lang)
    filt, problems = PortfolioFilter.from_query(query)
    filters = filter_section(filt, problems, lang) if page.filters else None
    content = page.layout(lang, filters, query)
    state = query_state(filt if page.filters else PortfolioFilter(), lang)
    if not page.filters:
        # Pages without filters pass the filters in the link on to the next page.
        kept = {key: value for key, value in query.items() if key in _FILTER_KEYS}
        state = {**state, "query": {**kept, **state["query"]}}
    return content, lang, state


_FILTER_KEYS = ("funder", "theme", "subtheme", "region", "from", "to")


def known_funders(chosen, known: set[int]) -> tuple[list[int], list[Problem]]:
    """The chosen funders the viewer may pick; the others named as problems (a link may carry a
    funder that does not exist or is not the viewer's)."""
    kept, problems = [], []
    for value in as_list(chosen):
        if is_whole_number(value) and int(value) in known:
            kept.append(int(value))
        else:
            problems.append(Problem("funder", value, "unknown_value"))
    return kept, problems


def query_state(filt: PortfolioFilter, lang: str) -> dict:
    """What the browser's address bar and the navbar links should carry."""
    query = {**filt.to_query(), "lang": lang}
    return {"query": query, "search": "?" + urlencode(query, safe=","), "lang": lang}


def register(app: dash.Dash, context: AppContext, pages: tuple[Page, ...], not_found: Page):
    settings, engine = context.settings, context.engine

    @app.callback(
        output={
            "content": Output(ids.PAGE_CONTENT, "children"),
            "lang": Output(ids.LANG_STORE, "data"),
            "state": Output(ids.QUERY_STORE, "data", allow_duplicate=True),
            "title": Output(ids.TITLE_STORE, "data"),
        },
        inputs={"pathname": Input(ids.URL, "pathname"), "search": Input(ids.URL, "search")},
        prevent_initial_call="initial_duplicate",
    )
    def route(pathname, search):
        page, params = resolve(pages, not_found, pathname)
        viewer = context.viewer_for_request()
        if not page.open_to(viewer) or not admitted(page, engine, viewer, params):
            page, params = not_found, {}
        query = {**parse_search(search), **params}
        content, lang, state = render(page, query, settings.language)
        title = f"{t(page.title_key, lang)} – FilantrImpact"
        return {"content": content, "lang": lang, "state": state, "title": title}

    app.clientside_callback(
        ClientsideFunction(namespace="filantrimpact", function_name="toggleMenu"),
        Output(ids.NAVBAR_COLLAPSE, "is_open"),
        Input(ids.NAVBAR_TOGGLER, "n_clicks"),
        Input(ids.URL, "pathname"),
        State(ids.NAVBAR_COLLAPSE, "is_open"),
        prevent_initial_call=True,
    )

    app.clientside_callback(
        ClientsideFunction(namespace="filantrimpact", function_name="setTitle"),
        Output(ids.TITLE_SYNC, "data"),
        Input(ids.TITLE_STORE, "data"),
    )

    @app.callback(
        Output(ids.FILTER_SUB_THEME, "options"),
        Input(ids.FILTER_THEME, "value"),
        State(ids.LANG_STORE, "data"),
    )
    def limit_sub_themes(themes, lang):
        return sub_theme_options(as_list(themes), normalise_language(lang, settings.language))

    @app.callback(
        output={
            "options": Output(ids.FILTER_FUNDER, "options"),
            "value": Output(ids.FILTER_FUNDER, "value", allow_duplicate=True),
            "notice": Output(ids.FILTER_NOTICE, "children"),
        },
        inputs={"lang": Input(ids.LANG_STORE, "data")},
        state={"chosen": State(ids.FILTER_FUNDER, "value")},
        prevent_initial_call="initial_duplicate",
    )
    def load_funders(lang, chosen):
        lang = normalise_language(lang, settings.language)
        try:
            funders = scope.funder_options(engine, context.viewer_for_request())
        except SQLAlchemyError:
            log.exception("funder options failed")
            alert = dbc.Alert(t("error.data", lang), color="danger")
            return {"options": [], "value": dash.no_update, "notice": alert}
        options = [{"label": name, "value": funder_id} for funder_id, name in funders]
        kept, problems = known_funders(chosen, {option["value"] for option in options})
        if not problems:
            return {"options": options, "value": dash.no_update, "notice": None}
        return {"options": options, "value": kept, "notice": problem_alerts(problems, lang)}

    @app.callback(
        output={
            name: Output(control.component_id, "value", allow_duplicate=True)
            for name, control in FILTER_INPUTS.items()
        },
        inputs={"_clicks": Input(ids.FILTER_RESET, "n_clicks")},
        prevent_initial_call=True,
    )
    def reset_filters(_clicks):
        cleared = {"funders": [], "themes": [], "sub_themes": [], "regions": []}
        return {**cleared, "year_from": None, "year_to": None}

    @app.callback(
        Output(ids.QUERY_STORE, "data", allow_duplicate=True),
        inputs=FILTER_INPUTS,
        state={"lang": State(ids.LANG_STORE, "data")},
        prevent_initial_call=True,
    )
    def remember_filters(lang, **controls):
        filt, _ = controls_to_filter(**controls)
        return query_state(filt, normalise_language(lang, settings.language))

    app.clientside_callback(
        ClientsideFunction(namespace="filantrimpact", function_name="syncUrl"),
        Output(ids.URL_SYNC, "data"),
        Input(ids.QUERY_STORE, "data"),
    )

    @app.callback(
        output={
            "links": Output(ids.NAVBAR_LINKS, "children"),
            "languages": Output(ids.LANGUAGE_LINKS, "children"),
            "skip": Output(ids.SKIP_LINK, "children"),
            "account": Output(ids.ACCOUNT_MENU, "children"),
        },
        inputs={"state": Input(ids.QUERY_STORE, "data"), "pathname": Input(ids.URL, "pathname")},
    )
    def update_navbar(state, pathname):
        # The state comes from the browser: anything but the expected shape counts as empty.
        state = state if isinstance(state, dict) else {}
        raw = state.get("query")
        lang = normalise_language(state.get("lang"), settings.language)
        query = (
            {str(k)[:40]: str(v)[:400] for k, v in raw.items() if k != "lang"}
            if isinstance(raw, dict)
            else {}
        )
        # What only this page reads from its link (the change logic's project): kept in the
        # language links, never carried to other pages.
        own = state.get("page")
        own = (
            {str(k)[:40]: str(v)[:400] for k, v in own.items() if k != "lang"}
            if isinstance(own, dict)
            else {}
        )
        page, params = resolve(pages, not_found, pathname)
        # A path with parameters keeps them in the language links.
        path = normalise_path(pathname) if params else page.path
        search = "?" + urlencode({**query, "lang": lang}, safe=",")
        viewer = context.viewer_for_request()
        token = auth.csrf_token() if context.accounts_enabled else None
        current = page.nav_path or page.path
        return {
            "links": nav_links([p for p in pages if p.open_to(viewer)], current, search, lang),
            "languages": language_links(path, {**query, **own}, lang),
            "skip": t("nav.skip", lang),
            "account": account_menu(viewer.name or viewer.role, viewer.role, lang, token),
        }
