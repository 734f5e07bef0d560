"""Funders: funders side by side — money, mixes, progress, attribution and co-funding."""

from __future__ import annotations

from callbacks import funders as callbacks
from components import funders as view
from dashboard.page import Page
from data_access import funder_queries

PAGE = Page(
    path="/funders",
    title_key="funders.title",
    label_key="nav.funders",
    layout=view.layout,
    register=callbacks.register,
    order=30,
    queries=funder_queries,
    roles=("admin", "funder", "network"),
)
