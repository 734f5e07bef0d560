"""Data: the empty template, checking and importing a template file, the import history.
``/data``, for administrators (everything) and project leads (their own projects' data)."""

from __future__ import annotations

from callbacks import data_page as callbacks
from components import data_page as view
from dashboard.page import Page
from data_access.importer import history

PAGE = Page(
    path="/data",
    title_key="data.title",
    label_key="nav.data",
    layout=view.layout,
    register=callbacks.register,
    order=45,
    queries=history,
    roles=callbacks.ROLES,
)
