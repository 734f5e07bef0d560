"""Presentation mode: the Network page as full-screen slides; the sequence is in the link."""

from __future__ import annotations

from callbacks import presentation as callbacks
from components import presentation as view
from dashboard.page import Page
from data_access import network_queries

PAGE = Page(
    path="/network/present",
    title_key="present.title",
    layout=view.layout,
    register=callbacks.register,
    order=41,
    queries=network_queries,
    nav_path="/network",
)
