"""The dashboard's pages, in one list: ``create_app`` registers exactly these."""

from dashboard.pages import (
    change_logic,
    data,
    funders,
    network,
    not_found_404,
    portfolio,
    presentation,
    project,
    projects,
)

NOT_FOUND = not_found_404.PAGE
PAGES = (
    portfolio.PAGE,
    projects.PAGE,
    project.PAGE,
    change_logic.PAGE,
    funders.PAGE,
    network.PAGE,
    presentation.PAGE,
    data.PAGE,
    NOT_FOUND,
)
