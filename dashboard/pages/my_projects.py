"""My projects: where a project lead adds measurements and stories to their own projects."""

from __future__ import annotations

from callbacks import my_projects as callbacks
from components import my_projects as view
from dashboard.page import Page
from data_access import entries

PAGE = Page(
    path="/my-projects",
    title_key="my_projects.title",
    label_key="nav.my_projects",
    layout=view.layout,
    register=callbacks.register,
    order=10,
    filters=False,
    queries=entries,
    roles=("admin", "project"),
)
