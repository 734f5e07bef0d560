"""Network: the network's shared progress, aggregated and anonymised, for gatherings."""

from __future__ import annotations

from callbacks import network as callbacks
from components import network as view
from dashboard.page import Page
from data_access import network_queries

PAGE = Page(
    path="/network",
    title_key="network.title",
    label_key="nav.network",
    layout=view.layout,
    register=callbacks.register,
    order=40,
    queries=network_queries,
)
