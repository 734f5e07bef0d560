"""Change logic: desired vs realised along the chain input → impact, how well each stage is
grounded, the weakest links, and one project's chain as a diagram (``?project=<id>``)."""

from __future__ import annotations

from callbacks import change_logic as callbacks
from components import change_logic as view
from dashboard.page import Page
from data_access import change_logic_queries

PAGE = Page(
    path="/change-logic",
    title_key="cl.title",
    label_key="nav.change_logic",
    layout=view.layout,
    register=callbacks.register,
    order=20,
    filters=True,
    queries=change_logic_queries,
)
