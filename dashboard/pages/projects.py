"""Projects: a tile per project the viewer sees in detail, searched, sorted and paged."""

from __future__ import annotations

import dash
from flask import redirect, request

from callbacks import projects as callbacks
from components import projects as view
from dashboard.page import AppContext, Page
from data_access import project_queries, scope
from data_access.viewer import Viewer
from data_access.vocabulary import ROLES

# The roles that see projects in detail (the network sees aggregates only).
DETAIL_ROLES = tuple(role for role in ROLES if scope.has_detail(Viewer(role)))
RETIRED_PATH = "/my-projects"


def register(app: dash.Dash, context: AppContext) -> None:
    callbacks.register(app, context)

    # The "My projects" page lived here; its forms moved to each project's page.
    @app.server.get(RETIRED_PATH)
    def retired_my_projects():
        query = request.query_string.decode("utf-8", "ignore")
        return redirect(PAGE.path + (f"?{query}" if query else ""), code=302)


PAGE = Page(
    path="/projects",
    title_key="projects.title",
    label_key="nav.projects",
    layout=view.layout,
    register=register,
    order=10,
    filters=True,
    queries=project_queries,
    roles=DETAIL_ROLES,
)
