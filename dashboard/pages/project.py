"""One project: its indicators against baseline and target, its stories and change logic,
and (for its lead) the forms to add data. ``/projects/<id>``."""

from __future__ import annotations

import dash
from sqlalchemy import Engine

from callbacks import project as callbacks
from callbacks import project_entries
from components import project as view
from dashboard.page import AppContext, Page
from dashboard.pages.projects import DETAIL_ROLES
from data_access import project_queries
from data_access.viewer import Viewer


def admits(engine: Engine, viewer: Viewer, params: dict[str, str]) -> bool:
    """Only a project the viewer sees in detail; any other id (malformed, unknown or someone
    else's) gets the not-found page, so nobody learns which ids exist."""
    return project_queries.project_in_view(engine, viewer, params.get("id"))


def register(app: dash.Dash, context: AppContext) -> None:
    callbacks.register(app, context)
    project_entries.register(app, context)


PAGE = Page(
    path="/projects/<id>",
    title_key="project.title",
    layout=view.layout,
    register=register,
    order=11,
    filters=False,
    queries=project_queries,
    roles=DETAIL_ROLES,
    admits=admits,
    nav_path="/projects",
)
