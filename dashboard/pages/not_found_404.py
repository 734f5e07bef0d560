"""What a mistyped address shows: a plain message and the way back."""

from __future__ import annotations

from functools import partial

import dash
import dash_bootstrap_components as dbc
from dash import html

from components.i18n import normalise_language, t
from dashboard.config import Settings


def layout(settings: Settings, **query) -> html.Div:
    lang = normalise_language(query.get("lang"), settings.language)
    return html.Div(
        [
            html.H1(t("page.not_found", lang), className="page-title"),
            dbc.Button(t("page.back_home", lang), href=f"/?lang={lang}", color="primary"),
        ],
        className="py-5",
    )


def register(settings: Settings) -> None:
    dash.register_page(
        __name__, path="/404", name="404", layout=partial(layout, settings), order=99
    )
