"""The dashboard's pages, in one list: ``create_app`` registers exactly these."""

from dashboard.pages import not_found_404, portfolio

NOT_FOUND = not_found_404.PAGE
PAGES = (portfolio.PAGE, NOT_FOUND)
