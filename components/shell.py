"""The app shell: what every page shares — navbar (built from the app's pages), language,
the filter bar and the place where a page's content goes."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import ids
from components.i18n import LANGUAGES, dropdown_labels, label, t
from data_access import vocabulary as voc
from data_access.filters import PortfolioFilter, Problem


def shell() -> html.Div:
    """Navbar on top, the current page below; the URL carries the filters. The router
    callback (``callbacks.shell``) fills in the page for the address."""
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.QUERY_STORE),
            dcc.Store(id=ids.URL_SYNC),
            dcc.Store(id=ids.LANG_STORE),
            dcc.Store(id=ids.TITLE_STORE),
            dcc.Store(id=ids.TITLE_SYNC),
            html.A(id=ids.SKIP_LINK, href="#main", className="visually-hidden-focusable"),
            dbc.Navbar(
                dbc.Container(
                    [
                        dbc.NavbarBrand(
                            [html.Span("Filantr", className="brand-a"), "Impact"],
                            href="/",
                            className="brand",
                        ),
                        # On a phone the links fold behind one button, so the page starts
                        # on the first screen.
                        dbc.NavbarToggler(id=ids.NAVBAR_TOGGLER, n_clicks=0),
                        dbc.Collapse(
                            [
                                dbc.Nav(id=ids.NAVBAR_LINKS, className="me-auto", navbar=True),
                                dbc.Nav(id=ids.LANGUAGE_LINKS, navbar=True, className="language"),
                                html.Div(id=ids.ACCOUNT_MENU, className="account-menu"),
                            ],
                            id=ids.NAVBAR_COLLAPSE,
                            is_open=False,
                            navbar=True,
                        ),
                    ],
                    fluid=True,
                ),
                color="white",
                dark=False,  # dark text and a dark menu icon on the white bar
                expand="md",
                className="app-navbar border-bottom",
            ),
            html.Main(html.Div(id=ids.PAGE_CONTENT), id="main", className="app-main"),
        ]
    )


def nav_links(pages, pathname: str, search: str, lang: str) -> list:
    """One link per page with a navbar label, carrying the current filters along."""
    return [
        dbc.NavItem(
            dbc.NavLink(
                t(page.label_key, lang),
                href=page.path + search,
                active=page.path == (pathname or "/"),
            )
        )
        for page in sorted(pages, key=lambda page: page.order)
        if page.label_key
    ]


def account_menu(name: str, role: str, lang: str, csrf_token: str | None) -> list:
    """Who is logged in, in which role, and the way out (a POST with its CSRF token)."""
    who = html.Span(
        [
            html.Span(t("nav.account", lang), className="visually-hidden"),
            html.Span(name, className="account-name"),
            html.Span(t(f"role.{role}", lang), className="account-role"),
        ],
        className="account-who",
    )
    if csrf_token is None:
        return [who]
    logout = html.Form(
        [
            dcc.Input(type="hidden", name="csrf_token", value=csrf_token),
            html.Button(t("nav.logout", lang), type="submit", className="btn btn-link logout"),
        ],
        action="/logout",
        method="POST",
        className="logout-form",
    )
    return [who, logout]


def language_links(pathname: str, query: dict[str, str], lang: str) -> list:
    """Links to the same view in each language."""
    links = []
    for code in LANGUAGES:
        href = (pathname or "/") + "?" + urlencode({**query, "lang": code}, safe=",")
        links.append(
            dbc.NavItem(
                dbc.NavLink(
                    html.Span(code.upper(), title=t(f"language.{code}", lang), lang=code),
                    href=href,
                    active=code == lang,
                )
            )
        )
    return links


def _options(kind: str, codes, lang: str) -> list[dict]:
    return [{"label": label(kind, code, lang), "value": code} for code in codes]


def sub_theme_options(themes: list[str] | None, lang: str) -> list[dict]:
    """Sub-themes of the chosen themes (all when none is chosen), grouped by theme order."""
    chosen = [theme for theme in voc.THEMES if not themes or theme in themes]
    return [
        {"label": f"{label('sub_theme', sub, lang)} ({label('theme', theme, lang)})", "value": sub}
        for theme in chosen
        for sub in voc.SUB_THEMES[theme]
    ]


def year_choices(today: dt.date) -> range:
    """Years a board may pick: back to when the oldest running grants began, a few ahead."""
    return range(today.year - 8, today.year + 5)


def filter_section(filt: PortfolioFilter, problems: list[Problem], lang: str) -> html.Div:
    """The filter bar for a page that uses it, and what the link asked for that was not used."""
    return html.Div(
        [filter_bar(filt, lang, year_choices(dt.date.today())), *problem_alerts(problems, lang)]
    )


def filter_bar(filt: PortfolioFilter, lang: str, years: range) -> html.Div:
    """Funder, theme, sub-theme, region and period; the funder options arrive by callback."""
    # A link may name a year outside the usual range; it stays choosable.
    chosen = {year for year in (filt.year_from, filt.year_to) if year}
    year_options = [{"label": str(y), "value": y} for y in sorted(set(years) | chosen)]
    texts = dropdown_labels(lang)

    def choice(title: str, component_id: str, options: list, value: list) -> dbc.Col:
        """A labelled multi-select; nothing chosen means all."""
        control = dcc.Dropdown(
            id=component_id,
            options=options,
            value=value,
            multi=True,
            placeholder=t("filter.all", lang),
            labels=texts,
        )
        # Two side by side on a phone: the filters take half the height of a stack.
        return dbc.Col(
            [dbc.Label(title, html_for=component_id, className="filter-label"), control],
            xs=6,
            md=6,
            xl=2,
        )

    def year(component_id: str, value: int | None, placeholder_key: str) -> dcc.Dropdown:
        return dcc.Dropdown(
            id=component_id,
            options=year_options,
            value=value,
            placeholder=t(placeholder_key, lang),
            labels=texts,
            searchable=False,
        )

    card = dbc.Card(
        dbc.CardBody(
            dbc.Row(
                [
                    choice(t("filter.funder", lang), ids.FILTER_FUNDER, [], list(filt.funder_ids)),
                    choice(
                        t("filter.theme", lang),
                        ids.FILTER_THEME,
                        _options("theme", voc.THEMES, lang),
                        list(filt.themes),
                    ),
                    choice(
                        t("filter.sub_theme", lang),
                        ids.FILTER_SUB_THEME,
                        sub_theme_options(list(filt.themes), lang),
                        list(filt.sub_themes),
                    ),
                    choice(
                        t("filter.region", lang),
                        ids.FILTER_REGION,
                        _options("region", voc.REGIONS, lang),
                        list(filt.regions),
                    ),
                    dbc.Col(
                        [
                            html.Div(t("filter.period", lang), className="filter-label"),
                            html.Div(
                                [
                                    year(ids.FILTER_YEAR_FROM, filt.year_from, "filter.year_from"),
                                    html.Span(
                                        "–", className="period-dash", **{"aria-hidden": "true"}
                                    ),
                                    year(ids.FILTER_YEAR_TO, filt.year_to, "filter.year_to"),
                                ],
                                className="period-pickers",
                            ),
                        ],
                        xs=12,
                        md=6,
                        xl=3,
                    ),
                    dbc.Col(
                        dbc.Button(
                            t("filter.reset", lang),
                            id=ids.FILTER_RESET,
                            color="link",
                            n_clicks=0,
                            className="filter-reset",
                        ),
                        xs=12,
                        md=6,
                        xl=1,
                        className="d-flex align-items-end",
                    ),
                ],
                className="g-3",
            )
        ),
        className="filter-bar mb-3",
    )
    return html.Div(
        [card, html.Div(id=ids.FILTER_NOTICE)],
        role="search",
        **{"aria-label": t("filter.title", lang)},
    )


def problem_alerts(problems: list[Problem], lang: str) -> list:
    """What the link asked for that could not be used, said plainly."""
    return [
        dbc.Alert(
            t(
                "filter.problem",
                lang,
                parameter=problem.parameter,
                value=problem.value,
                reason=t(f"problem.{problem.reason}", lang),
            ),
            color="warning",
            className="py-2 mb-2",
        )
        for problem in problems
    ]
