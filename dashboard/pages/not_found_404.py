"""What a mistyped address shows: a plain message and the way back."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from components.i18n import t
from dashboard.page import Page


def layout(lang: str, filter_bar=None, query: dict | None = None) -> html.Div:
    return html.Div(
        [
            html.H1(t("page.not_found", lang), className="page-title"),
            dbc.Button(t("page.back_home", lang), href=f"/?lang={lang}", color="primary"),
        ],
        className="py-5",
    )


PAGE = Page(path="/404", title_key="page.not_found", layout=layout, order=99)
