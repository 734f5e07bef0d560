"""Presentation mode: the Network page's blocks as full-screen slides, one message each.

The slide sequence and the timer come from the link (``?slides=headline,themes&timer=30``);
``assets/presentation.js`` turns keys (arrows, space, page up/down, Esc) into steps.
"""

from __future__ import annotations

from dash import dcc, html

from components import ids
from components.i18n import t
from components.network import SLIDES

MIN_TIMER, MAX_TIMER = 5, 600


def slides_from_query(query: dict) -> list[str]:
    """The slides a link asks for, in its order (known names only; all when none is)."""
    raw = str(query.get("slides", ""))[:400]
    chosen = [name.strip() for name in raw.split(",") if name.strip() in SLIDES]
    return chosen or list(SLIDES)


def timer_from_query(query: dict) -> int | None:
    """Seconds per slide from the link, or None (advance by hand)."""
    raw = str(query.get("timer", ""))[:6]
    if not raw.isdigit():
        return None
    seconds = int(raw)
    return seconds if MIN_TIMER <= seconds <= MAX_TIMER else None


def layout(lang: str, filter_bar=None, query: dict | None = None) -> html.Div:
    """A full-screen deck; its slides arrive through the presentation callback."""
    query = query or {}
    slides = slides_from_query(query)
    timer = timer_from_query(query)
    since = str(query.get("since", ""))[:10]
    since = since if since.replace("-", "").isdigit() else ""
    exit_href = f"/network?lang={lang}" + (f"&since={since}" if since else "")
    return html.Div(
        [
            dcc.Store(
                id=ids.PRESENT_QUERY,
                data={"slides": slides, "timer": timer, "since": since, "lang": lang},
            ),
            dcc.Store(id=ids.PRESENT_KEY),
            dcc.Store(id=ids.PRESENT_INDEX, data=0),
            dcc.Store(id=ids.PRESENT_SYNC),
            dcc.Interval(
                id=ids.PRESENT_TIMER,
                interval=(timer or 60) * 1000,
                disabled=timer is None,
            ),
            html.Div(
                html.Div(id=ids.PRESENT_DECK, className="deck"),
                className="deck-window",
                role="region",
                **{"aria-roledescription": "carousel", "aria-label": t("present.title", lang)},
            ),
            html.Footer(
                [
                    html.Span(
                        t("present.counter", lang, n=1, total=len(slides)),
                        id=ids.PRESENT_COUNTER,
                        className="present-counter",
                        **{"aria-live": "polite"},
                    ),
                    html.Span(t("present.keys", lang), className="present-keys"),
                    html.Button(
                        t("present.fullscreen", lang),
                        id=ids.PRESENT_FULLSCREEN,
                        className="present-button",
                        type="button",
                    ),
                    dcc.Link(
                        t("present.exit", lang),
                        id=ids.PRESENT_EXIT,
                        href=exit_href,
                        className="present-button",
                    ),
                ],
                className="present-footer",
            ),
        ],
        className="presentation-root",
        tabIndex="-1",
        **{"data-slides": len(slides)},
    )


def slide(name: str, number: int, total: int, content, lang: str) -> html.Section:
    """One full-screen slide: what it is about, then its one message and content."""
    return html.Section(
        [html.Div(t(f"slide.{name}", lang), className="slide-kicker"), content],
        className=f"slide slide-{name}",
        role="group",
        **{
            "aria-roledescription": "slide",
            "aria-label": f"{number} / {total}: {t(f'slide.{name}', lang)}",
            "data-slide": name,
        },
    )
