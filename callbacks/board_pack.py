"""Board-pack wiring: the filter bar's controls in, a PDF download out (the pages' queries →
``components.board_pack``)."""

from __future__ import annotations

import datetime as dt
import logging

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc
from sqlalchemy.exc import SQLAlchemyError

from callbacks.funders import chosen_ids
from callbacks.shell import FILTER_INPUTS, controls_to_filter
from components import board_pack as pack
from components import funders as funders_view
from components import ids
from components.i18n import label, normalise_language, t
from dashboard.page import AppContext
from data_access import change_logic_queries, funder_queries, portfolio_queries, scope
from data_access.filters import PortfolioFilter
from data_access.viewer import Viewer

log = logging.getLogger(__name__)

FILTER_STATES = {
    name: State(control.component_id, "value") for name, control in FILTER_INPUTS.items()
}


def pack_content(engine, viewer: Viewer, filt: PortfolioFilter, lang: str, today: dt.date):
    """What the pack shows for a filter, read by the same scoped queries as the pages: the
    Portfolio, the Change logic (weakest links for detail viewers only) and the Funders page's
    comparison (the funders in the filter, or all the viewer may compare)."""
    reconciled = scope.reconcile(engine, viewer, filt)
    filt = reconciled.filter
    detail = scope.portfolio_lens(viewer) is scope.Lens.DETAIL
    choices = funder_queries.funder_choices(engine, viewer)
    order = chosen_ids(list(filt.funder_ids), choices.funder_id.tolist())
    # One after the other: the browser that draws the charts takes far longer than these.
    overview = portfolio_queries.portfolio_overview(engine, viewer, filt, today)
    stages = change_logic_queries.stage_progress(engine, viewer, filt, today)
    evidence = change_logic_queries.evidence_by_stage(engine, viewer, filt)
    weak = (
        change_logic_queries.weakest_links(engine, viewer, filt, today, pack.WEAK_ROWS)
        if detail
        else None
    )
    found = funder_queries.compare_funders(engine, viewer, order, today)
    position = {funder: rank for rank, funder in enumerate(order)}
    summary = found.summary.sort_values("funder_id", key=lambda c: c.map(position))
    funder_names = dict(scope.funder_options(engine, viewer))
    return pack.PackContent(
        lang=lang,
        made_on=today,
        as_of=filt.as_of(today),
        audience=audience(viewer, funder_names, lang),
        filters=filters_in_words(filt, funder_names, lang),
        notices=[t("pack.not_used", lang, value=p.value) for p in reconciled.problems],
        key_figures=overview.key_figures.iloc[0],
        themes=overview.themes,
        sub_themes=overview.sub_themes,
        timeline=overview.timeline,
        stages=stages,
        evidence=evidence,
        weak=weak,
        funder_summary=summary.reset_index(drop=True),
        funder_outcomes=found.outcomes,
        funder_labels=funders_view.funder_labels(choices, lang),
    )


def audience(viewer: Viewer, funder_names: dict[int, str], lang: str) -> str:
    """Who the pack is for: the account's name and what its role lets it see."""
    names = ", ".join(funder_names.get(f, str(f)) for f in sorted(viewer.funder_ids))
    scope_words = t(f"pack.scope.{viewer.role}", lang, funders=names)
    return f"{viewer.name} – {scope_words}" if viewer.name else scope_words


def filters_in_words(
    filt: PortfolioFilter, funder_names: dict[int, str], lang: str
) -> list[tuple[str, str]]:
    """The chosen filters as (what, values), in the user's language; empty when none."""
    parts = [
        ("filter.funder", [funder_names.get(f, str(f)) for f in filt.funder_ids]),
        ("filter.theme", [label("theme", code, lang) for code in filt.themes]),
        ("filter.sub_theme", [label("sub_theme", code, lang) for code in filt.sub_themes]),
        ("filter.region", [label("region", code, lang) for code in filt.regions]),
    ]
    words = [(t(key, lang), ", ".join(values)) for key, values in parts if values]
    if filt.year_from and filt.year_to:
        period = (
            str(filt.year_from)
            if filt.year_from == filt.year_to
            else f"{filt.year_from}–{filt.year_to}"
        )
    elif filt.year_from:
        period = t("pack.period_from", lang, year=filt.year_from)
    elif filt.year_to:
        period = t("pack.period_to", lang, year=filt.year_to)
    else:
        period = ""
    if period:
        words.append((t("filter.period", lang), period))
    return words


def board_pack_pdf(engine, viewer: Viewer, filt: PortfolioFilter, lang: str, today: dt.date):
    """The pack's PDF bytes and file name for a filter, as the viewer may see it."""
    content = pack_content(engine, viewer, filt, lang, today)
    return pack.board_pack(content), pack.filename(lang, today)


def register(app: dash.Dash, context: AppContext) -> None:
    settings = context.settings

    @app.callback(
        output={
            "download": Output(ids.PACK_DOWNLOAD, "data"),
            "message": Output(ids.PACK_MESSAGE, "children"),
        },
        inputs={"clicks": Input(ids.PACK_BUTTON, "n_clicks")},
        state={"lang": State(ids.LANG_STORE, "data"), **FILTER_STATES},
        prevent_initial_call=True,
    )
    def download_board_pack(clicks, lang, **controls):
        lang = normalise_language(lang, settings.language)
        if not clicks:
            return {"download": dash.no_update, "message": dash.no_update}
        filt, _ = controls_to_filter(**controls)
        try:
            viewer, today = context.viewer_for_request(), dt.date.today()
            pdf, name = board_pack_pdf(context.engine, viewer, filt, lang, today)
        except pack.ChartsUnavailable:
            log.exception("the board pack's charts could not be drawn")
            alert = dbc.Alert(t("pack.no_browser", lang), color="warning", className="mt-2 mb-0")
            return {"download": dash.no_update, "message": alert}
        except SQLAlchemyError:
            log.exception("board pack queries failed for filter %s", filt)
            alert = dbc.Alert(t("error.data", lang), color="danger", className="mt-2")
            return {"download": dash.no_update, "message": alert}
        return {"download": dcc.send_bytes(pdf, name), "message": None}
