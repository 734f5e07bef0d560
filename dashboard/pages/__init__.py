"""The dashboard's pages, in one list: ``create_app`` registers exactly these."""

from dashboard.pages import my_projects, not_found_404, portfolio

NOT_FOUND = not_found_404.PAGE
PAGES = (portfolio.PAGE, my_projects.PAGE, NOT_FOUND)
