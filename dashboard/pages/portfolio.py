"""Portfolio: the whole portfolio at a glance, filtered live; filters come from the URL."""

from __future__ import annotations

from callbacks import portfolio as callbacks
from components import portfolio as view
from dashboard.page import Page
from data_access import portfolio_queries

PAGE = Page(
    path="/",
    title_key="portfolio.title",
    label_key="nav.portfolio",
    layout=view.layout,
    register=callbacks.register,
    order=0,
    filters=True,
    queries=portfolio_queries,
)
