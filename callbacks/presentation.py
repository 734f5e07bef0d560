"""Presentation wiring: the slides of the link's sequence (server), and stepping through them
by key or timer (a clientside callback fed by ``assets/presentation.js``)."""

from __future__ import annotations

import contextvars
import datetime as dt
import logging
from concurrent.futures import ThreadPoolExecutor

import dash
import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State
from sqlalchemy.exc import SQLAlchemyError

from callbacks.network import slide_blocks, uncached
from callbacks.since import clean_since, page_state, since_outputs
from components import formatting as fmt
from components import ids
from components import presentation as view
from components.i18n import normalise_language, t
from components.since import parse_since
from dashboard.page import AppContext
from data_access import scope
from data_access.filters import PortfolioFilter

log = logging.getLogger(__name__)


def clean_request(data) -> tuple[list[str], int | None, str]:
    """The slides, timer and since date of the deck's store (the browser may send anything)."""
    data = data if isinstance(data, dict) else {}
    raw = data.get("slides")
    slides = view.slides_from_query(
        {"slides": ",".join(map(str, raw)) if isinstance(raw, list) else ""}
    )
    timer = view.timer_from_query({"timer": str(data.get("timer") or "")})
    return slides, timer, clean_since(data.get("since"))


def deck(
    engine,
    viewer,
    slides: list[str],
    since_value: str,
    lang: str,
    today: dt.date,
    cached=uncached,
) -> list:
    """The slides, in the order asked, as the network sees the data.

    The blocks are the Network page's (``slide_blocks``) and the since section is the
    page's since section, both read through ``cached`` (the app's cache), so that a deck
    opened from the page computes nothing again; else the since changes are worked out on
    a second connection while the blocks are."""
    network = scope.network_view(viewer)
    with ThreadPoolExecutor(max_workers=1) as pool:
        since = None
        if "since" in slides:
            # In the request's context: the cache belongs to the app serving it.
            run = contextvars.copy_context().run
            args = (engine, network, since_value, lang, today, cached)
            since = pool.submit(run, since_slide, *args)
        content = dict(slide_blocks(engine, network, lang, today, cached))
        if since is not None:
            content["since"] = since.result()
    total = len(slides)
    return [
        view.slide(name, number, total, content[name], lang)
        for number, name in enumerate(slides, start=1)
    ]


def since_slide(engine, network, since_value: str, lang: str, today: dt.date, cached=uncached):
    """The since slide: the Network page's since section for that date (the same cache
    entry as the page's since callback), under its message."""
    since, _ = parse_since(since_value or None, today)
    # As the page's date field sends it, so that both find the same cached section.
    value = since.isoformat()
    filt, lens = PortfolioFilter(), scope.Lens.AGGREGATE
    section = cached(
        "network-since",
        network,
        (filt, lens, value, lang, today),
        lambda: since_outputs(engine, network, filt, lens, value, lang, today),
    )
    return html_since(section, since, lang)


def html_since(section, since, lang: str):
    """The since section as one slide's content: its message is the date."""
    from dash import html

    return html.Div(
        [
            html.P(
                t("slide.since.message", lang, since=fmt.date(since)), className="block-message"
            ),
            section,
        ],
        className="block since-block",
    )


def register(app: dash.Dash, context: AppContext) -> None:
    settings = context.settings

    @app.callback(
        Output(ids.PRESENT_DECK, "children"),
        Output(ids.QUERY_STORE, "data", allow_duplicate=True),
        Input(ids.PRESENT_QUERY, "data"),
        State(ids.LANG_STORE, "data"),
        prevent_initial_call="initial_duplicate",
    )
    def build_deck(data, lang):
        lang = normalise_language(lang, settings.language)
        slides, timer, since = clean_request(data)
        state = page_state(lang, {"slides": ",".join(slides), "timer": timer or "", "since": since})
        try:
            viewer, today = context.viewer_for_request(), dt.date.today()
            network = scope.network_view(viewer)
            children = context.cached(
                "presentation",
                network,
                (tuple(slides), since, lang, today),
                lambda: deck(context.engine, network, slides, since, lang, today, context.cached),
            )
        except SQLAlchemyError:
            log.exception("presentation queries failed")
            children = dbc.Alert(t("error.data", lang), color="danger")
        return children, state

    app.clientside_callback(
        ClientsideFunction(namespace="filantrimpactPresent", function_name="step"),
        Output(ids.PRESENT_INDEX, "data"),
        Output(ids.PRESENT_DECK, "style"),
        Output(ids.PRESENT_COUNTER, "children"),
        Input(ids.PRESENT_KEY, "data"),
        Input(ids.PRESENT_TIMER, "n_intervals"),
        State(ids.PRESENT_INDEX, "data"),
        State(ids.PRESENT_QUERY, "data"),
    )
