"""Export wiring: a clicked CSV or Excel item in, the file out, recomputed on the server for the
viewer of the request from the page's own controls; PNG and SVG drawn in the browser.

The callback is a public endpoint like any other: whatever a forged request names, the tables
come from the same scoped queries as the page, for the viewer who asks.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, dcc
from sqlalchemy.exc import SQLAlchemyError

from components import ids
from components.exports import (
    DATA_FORMATS,
    MEDIA_TYPES,
    ExportTable,
    audience_words,
    csv_bytes,
    download_id,
    file_name,
    filter_words,
    image_sink_id,
    message_id,
    xlsx_bytes,
)
from components.i18n import normalise_language, t
from dashboard.page import AppContext
from data_access import scope

log = logging.getLogger(__name__)

# ``tables(engine, viewer, lang=..., today=..., **states)``: the page's tables by name.
TablesFunction = Callable[..., Mapping[str, ExportTable]]

# Plotly draws the picture from the chart on screen: no server, no internet. The item's id
# names the graph; the file is named like the CSV (page-table-date).
DOWNLOAD_IMAGE = """
function (_clicks) {
    var context = window.dash_clientside.callback_context;
    var fired = context.triggered && context.triggered[0];
    if (!fired || !fired.value) {
        return window.dash_clientside.no_update;
    }
    var item = JSON.parse(fired.prop_id.slice(0, fired.prop_id.lastIndexOf(".")));
    var holder = document.getElementById(item.graph);
    var plot = holder && (holder.classList.contains("js-plotly-plot")
        ? holder : holder.querySelector(".js-plotly-plot"));
    if (!plot || !window.Plotly) {
        return window.dash_clientside.no_update;
    }
    var now = new Date();
    var day = [now.getFullYear(), String(now.getMonth() + 1).padStart(2, "0"),
        String(now.getDate()).padStart(2, "0")].join("-");
    var options = {
        format: item.format,
        filename: item.page + "-" + item.table + "-" + day,
        scale: item.format === "png" ? 2 : 1
    };
    if (plot._fullLayout) {
        options.width = plot._fullLayout.width;
        options.height = plot._fullLayout.height;
    }
    window.Plotly.downloadImage(plot, options);
    return item.table + "." + item.format + "@" + now.getTime();
}
"""


def as_states(inputs: Mapping[str, Input | State]) -> dict[str, State]:
    """The page's main-callback inputs, read as State when a menu item is clicked."""
    return {name: State(dep.component_id, dep.component_property) for name, dep in inputs.items()}


def export_file(
    tables: Mapping[str, ExportTable],
    table,
    file_format,
    lang: str,
    audience: str,
    page: str,
    today: dt.date,
) -> dict | None:
    """The ``dcc.Download`` data for one table and format, or None for a name not on the page."""
    found = tables.get(table) if isinstance(table, str) else None
    if found is None or file_format not in DATA_FORMATS:
        return None
    if file_format == "csv":
        content = csv_bytes(found, lang)
    else:
        content = xlsx_bytes(found, lang, audience, today)
    return dcc.send_bytes(
        content, file_name(page, table, today, file_format), type=MEDIA_TYPES[file_format]
    )


def register_exports(
    app: dash.Dash,
    context: AppContext,
    page: str,
    states: Mapping[str, State],
    tables: TablesFunction,
) -> None:
    """The page's CSV and Excel callback (its menus' items in, its ``dcc.Download`` out) and
    its PNG/SVG clientside callback. ``states`` are the page's controls, by the names
    ``tables`` takes."""
    settings = context.settings

    @app.callback(
        output={
            "file": Output(download_id(page), "data"),
            "message": Output(message_id(page), "children"),
        },
        inputs={
            "_clicks": Input(
                {"type": "export", "page": page, "table": ALL, "format": ALL}, "n_clicks"
            )
        },
        state={**states, "lang": State(ids.LANG_STORE, "data")},
        prevent_initial_call=True,
    )
    def send_export(_clicks, lang, **controls):
        fired = dash.ctx.triggered_id
        clicked = dash.ctx.triggered[0].get("value") if dash.ctx.triggered else None
        nothing = {"file": dash.no_update, "message": None}
        if not isinstance(fired, Mapping) or not clicked:
            return nothing
        lang = normalise_language(lang, settings.language)
        viewer, today = context.viewer_for_request(), dt.date.today()
        try:
            found = tables(context.engine, viewer, lang=lang, today=today, **controls)
            audience = audience_words(viewer.role, viewer.name, lang)
            sent = export_file(
                found, fired.get("table"), fired.get("format"), lang, audience, page, today
            )
        except SQLAlchemyError:
            log.exception("export of %s/%s failed", page, fired.get("table"))
            alert = dbc.Alert(t("error.data", lang), color="danger", dismissable=True)
            return {"file": dash.no_update, "message": alert}
        if sent is None:  # a table or format the page does not have: no file
            return nothing
        return {"file": sent, "message": None}

    app.clientside_callback(
        DOWNLOAD_IMAGE,
        Output(image_sink_id(page), "data"),
        Input(
            {"type": "export-image", "page": page, "table": ALL, "format": ALL, "graph": ALL},
            "n_clicks",
        ),
        prevent_initial_call=True,
    )


def filter_description(engine, viewer, filt, lang: str) -> str:
    """The filter bar's (reconciled) choices in words, funders by the names the viewer sees."""
    names = dict(scope.funder_options(engine, viewer)) if filt.funder_ids else {}
    return filter_words(filt, names, lang)
