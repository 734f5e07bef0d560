"""Portfolio: the whole portfolio at a glance, filtered live; filters come from the URL."""

from __future__ import annotations

import datetime as dt
from functools import partial

import dash
from dash import dcc, html

from components import ids
from components import portfolio as view
from components.i18n import normalise_language, t
from components.shell import filter_bar, problem_alerts
from dashboard.config import Settings
from data_access.filters import PortfolioFilter

PATH = "/"


def year_choices(today: dt.date) -> range:
    """Years a board may pick: back to when the oldest running grants began, a few ahead."""
    return range(today.year - 8, today.year + 5)


def layout(settings: Settings, **query) -> html.Div:
    """Build the page for a URL's query string; tolerates unknown and malformed parameters."""
    lang = normalise_language(query.get("lang"), settings.language)
    filt, problems = PortfolioFilter.from_query(query)
    return html.Div(
        [
            dcc.Store(id=ids.LANG_STORE, data=lang),
            view.layout(
                lang,
                filter_bar(filt, lang, year_choices(dt.date.today())),
                problem_alerts(problems, lang),
            ),
        ]
    )


def register(settings: Settings) -> None:
    dash.register_page(
        __name__,
        path=PATH,
        name="Portfolio",
        title=f"{t('portfolio.title', settings.language)} – FilantrImpact",
        label_key="nav.portfolio",
        order=0,
        layout=partial(layout, settings),
    )
