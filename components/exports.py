"""Data out, as on screen: the download menu every chart and table card carries, and the pure
functions that turn an ``ExportTable`` into CSV or Excel bytes.

The tables themselves are shaped next to the figures they mirror (``components.<page>``);
``callbacks.exports`` recomputes them for the viewer of the request and sends the file.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from components.i18n import label, t
from data_access.filters import PortfolioFilter
from data_access.validation import FORMULA_STARTS

DATA_FORMATS = ("csv", "xlsx")
IMAGE_FORMATS = ("png", "svg")
# How a column's numbers read: whole euro, a share (0.46 is 46 %), a count, a number with
# decimals, a date; anything else is text.
KINDS = ("money", "share", "count", "decimal", "date", "text")
EXCEL_FORMATS = {
    "money": '"€" #,##0',
    "share": "0%",
    "count": "#,##0",
    "decimal": "#,##0.0",
    "date": "DD/MM/YYYY",
}
MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Belgian spreadsheets expect ";" and a decimal comma; English ones "," and a point.
CSV_STYLE = {"nl": (";", ","), "fr": (";", ","), "en": (",", ".")}


@dataclass(frozen=True)
class ExportTable:
    """One chart's or table's data as the viewer sees it: translated column headers, numbers
    as numbers (None where the page hides a value), and the filters in words."""

    title: str
    frame: pd.DataFrame
    filters: str = ""
    # {column header: one of KINDS}; columns not named are text.
    kinds: Mapping[str, str] = field(default_factory=dict)

    def kind(self, column: str) -> str:
        return self.kinds.get(column, "text")


# --- ids and the menu ----------------------------------------------------------------------


def item_id(page: str, table: str, file_format: str) -> dict:
    """A CSV or Excel item of a card's menu (answered by the page's export callback)."""
    return {"type": "export", "page": page, "table": table, "format": file_format}


def image_item_id(page: str, table: str, file_format: str, graph: str) -> dict:
    """A PNG or SVG item: drawn in the browser from the graph with the DOM id ``graph``."""
    return {
        "type": "export-image",
        "page": page,
        "table": table,
        "format": file_format,
        "graph": graph,
    }


def download_id(page: str) -> dict:
    return {"type": "export-download", "page": page}


def image_sink_id(page: str) -> dict:
    return {"type": "export-image-done", "page": page}


def export_menu(
    page: str,
    table: str,
    lang: str,
    graph: str | None = None,
    title: str = "",
    data: bool = True,
):
    """A small "Download" menu: CSV and Excel (unless ``data`` is False: a chart whose data
    another menu gives), and PNG and SVG when ``graph`` names a chart. A button that opens a
    list, so it is reached and used with the keyboard."""
    items = [
        dbc.DropdownMenuItem(t(f"export.{fmt}", lang), id=item_id(page, table, fmt))
        for fmt in (DATA_FORMATS if data else ())
    ]
    if graph:
        items += [
            dbc.DropdownMenuItem(
                t(f"export.{fmt}", lang), id=image_item_id(page, table, fmt, graph)
            )
            for fmt in IMAGE_FORMATS
        ]
    return html.Div(
        dbc.DropdownMenu(
            items,
            label=t("export.menu", lang),
            size="sm",
            color="light",
            align_end=True,
            toggle_class_name="export-toggle",
        ),
        className="export-menu",
        title=t("export.menu_of", lang, title=title) if title else None,
        **{"data-export": f"{page}-{table}"},
    )


# Charts show no Plotly toolbar: the card's Download menu gives PNG and SVG, named after the
# chart, next to its data.
GRAPH_CONFIG = {"displaylogo": False, "responsive": True, "displayModeBar": False}


def chart_card(
    component_id: str,
    style: dict,
    menu: html.Div | None = None,
    note: str | None = None,
    class_name: str = "h-100",
) -> dbc.Card:
    """A card with a chart (a spinner while it loads), its Download menu above it and an
    optional note under it."""
    graph = dcc.Loading(
        dcc.Graph(id=component_id, config=GRAPH_CONFIG, style=style), delay_show=400
    )
    body = [part for part in (menu, graph) if part is not None]
    if note:
        body.append(html.P(note, className="small-note how-to-read"))
    return dbc.Card(dbc.CardBody(body), className=class_name)


def message_id(page: str) -> dict:
    return {"type": "export-message", "page": page}


def page_downloads(page: str) -> html.Div:
    """What a page with export menus needs once: the download, the image callback's sink and
    a place to say that a file could not be made."""
    return html.Div(
        [
            dcc.Download(id=download_id(page)),
            dcc.Store(id=image_sink_id(page)),
            html.Div(id=message_id(page), role="status"),
        ]
    )


# --- words ---------------------------------------------------------------------------------


def filter_words(filt: PortfolioFilter, funder_names: Mapping[int, str], lang: str) -> str:
    """The filter bar's choices in words ("Thema: Mens; Periode: 2024–2025"), or "no filters"."""
    parts = []
    if filt.funder_ids:
        names = [funder_names.get(f, str(f)) for f in filt.funder_ids]
        parts.append(f"{t('filter.funder', lang)}: {', '.join(names)}")
    for key, kind, codes in (
        ("filter.theme", "theme", filt.themes),
        ("filter.sub_theme", "sub_theme", filt.sub_themes),
        ("filter.region", "region", filt.regions),
    ):
        if codes:
            parts.append(f"{t(key, lang)}: {', '.join(label(kind, c, lang) for c in codes)}")
    if filt.year_from and filt.year_to:
        parts.append(f"{t('export.period', lang)}: {filt.year_from}–{filt.year_to}")
    elif filt.year_from:
        parts.append(
            f"{t('export.period', lang)}: {t('export.period_from', lang, year=filt.year_from)}"
        )
    elif filt.year_to:
        parts.append(
            f"{t('export.period', lang)}: {t('export.period_to', lang, year=filt.year_to)}"
        )
    return "; ".join(parts) or t("export.no_filters", lang)


def audience_words(role: str, name: str, lang: str) -> str:
    """Who the figures were computed for: "Fonds Noord – financier (eigen projecten …)"."""
    scope = t(f"export.scope.{role}", lang)
    return f"{name} – {scope}" if name else scope


def file_name(page: str, table: str, day: dt.date, file_format: str) -> str:
    """``portfolio-themes-2026-11-28.csv``: page, table and date, nothing the user typed."""
    return f"{page}-{table}-{day.isoformat()}.{file_format}"


# --- bytes ---------------------------------------------------------------------------------


def inert(text: str) -> str:
    """Text a spreadsheet shows as text: one that starts like a formula gets a leading '."""
    return "'" + text if text[:1] in FORMULA_STARTS else text


def _plain(value):
    """A cell's value as Python: None for missing, float/int/date/str otherwise."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        return value.item()
    return value


def csv_bytes(table: ExportTable, lang: str) -> bytes:
    """The table alone (no lines above it), UTF-8 with BOM; ``;`` and a decimal comma for nl
    and fr, ``,`` and a point for en. Text that looks like a formula is made inert."""
    separator, decimal = CSV_STYLE.get(lang, CSV_STYLE["nl"])
    frame = pd.DataFrame(
        {column: _csv_column(table, column) for column in table.frame.columns},
        columns=list(table.frame.columns),
    )
    text = frame.to_csv(index=False, sep=separator, decimal=decimal, lineterminator="\r\n")
    header, _, body = text.partition("\r\n")
    safe_header = separator.join(_quote(inert(str(c)), separator) for c in table.frame.columns)
    return ("\ufeff" + safe_header + "\r\n" + body).encode("utf-8")


def _quote(text: str, separator: str) -> str:
    if any(ch in text for ch in (separator, '"', "\n", "\r")):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_column(table: ExportTable, column: str) -> pd.Series:
    kind = table.kind(column)
    values = [_plain(v) for v in table.frame[column]]
    if kind == "date":
        return pd.Series([v.isoformat() if v else None for v in values], dtype="object")
    if kind in ("money", "count"):
        numbers = [None if v is None else _whole(v) for v in values]
        if all(isinstance(v, int | None) for v in numbers):
            return pd.Series(numbers, dtype="Int64")
    if kind in ("money", "count", "share", "decimal"):
        return pd.Series([None if v is None else float(v) for v in values], dtype="float64")
    return pd.Series([None if v is None else inert(str(v)) for v in values], dtype="object")


def _whole(value) -> int | float:
    number = float(value)
    return int(round(number)) if abs(number - round(number)) < 1e-9 else round(number, 2)


def xlsx_bytes(table: ExportTable, lang: str, audience: str, day: dt.date) -> bytes:
    """A workbook of one sheet: title, filters, who it is shown to and the date above the
    table; a bold, frozen header; numbers as numbers with a number format; text never run as
    a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_title(table.title)
    sheet.append([_text_cell(sheet, table.title)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(
        [
            t("export.filters", lang),
            _text_cell(sheet, table.filters or t("export.no_filters", lang)),
        ]
    )
    sheet.append([t("export.shown_to", lang), _text_cell(sheet, audience)])
    sheet.append([t("export.date", lang), day])
    sheet.cell(row=4, column=2).number_format = EXCEL_FORMATS["date"]
    sheet.cell(row=4, column=2).alignment = Alignment(horizontal="left")
    for row in range(2, 5):
        sheet.cell(row=row, column=1).font = Font(bold=True)
    sheet.append([])
    header_row = 6
    columns = list(table.frame.columns)
    sheet.append([_text_cell(sheet, str(c)) for c in columns])
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    kinds = [table.kind(c) for c in columns]
    for values in table.frame.itertuples(index=False, name=None):
        sheet.append([_excel_value(sheet, v, k) for v, k in zip(values, kinds, strict=True)])
    for position, (column, kind) in enumerate(zip(columns, kinds, strict=True), start=1):
        if kind in EXCEL_FORMATS:
            for (cell,) in sheet.iter_rows(
                min_row=header_row + 1, min_col=position, max_col=position
            ):
                cell.number_format = EXCEL_FORMATS[kind]
        sheet.column_dimensions[get_column_letter(position)].width = _width(
            table.frame[column], column, kind
        )
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_title(title: str) -> str:
    cleaned = "".join(ch for ch in title if ch not in "[]:*?/\\").strip()
    return (cleaned or "Data")[:31]


def _text_cell(sheet, text: str):
    """A text cell that a spreadsheet never runs, whatever it starts with."""
    from openpyxl.cell import Cell

    cell = Cell(sheet, value=None)
    cell.value = text
    cell.data_type = "s"
    return cell


def _excel_value(sheet, value, kind: str):
    value = _plain(value)
    if value is None:
        return None
    if kind == "date":
        return value if isinstance(value, dt.date) else pd.Timestamp(value).date()
    if kind in ("money", "count"):
        return _whole(value)
    if kind in ("share", "decimal"):
        return float(value)
    return _text_cell(sheet, str(value))


def _width(values: pd.Series, header: str, kind: str) -> float:
    if kind == "date":
        longest = 10
    elif kind in EXCEL_FORMATS:
        longest = 12
    else:
        texts = [len(str(v)) for v in values.head(500) if _plain(v) is not None]
        longest = max(texts, default=8)
    return float(min(60, max(10, len(str(header)) * 0.9, longest + 2)))


# --- helpers for the page modules' table shapers -------------------------------------------


def cell(value, hidden: bool = False):
    """A value for an export frame: None when the page hides it or it is missing."""
    value = _plain(value)
    return None if hidden else value


def mix_columns(rows, parts, total: str, lang: str, hidden=None) -> tuple[dict, dict]:
    """For 100 % stacked bars: a count and a share column per part ``(column, name)`` over the
    ``total`` column of ``rows`` (a DataFrame), blank where ``hidden``; returns the columns
    and their kinds."""
    hidden = [False] * len(rows) if hidden is None else list(hidden)
    totals = [cell(v) for v in rows[total]]
    columns, kinds = {}, {}
    for column, name in parts:
        counts = [cell(v, h) for v, h in zip(rows[column], hidden, strict=True)]
        count_name = t("export.col.count_of", lang, name=name)
        share_name = t("export.col.share_of", lang, name=name)
        columns[count_name] = counts
        columns[share_name] = [
            None if c is None or not n else round(float(c) / float(n), 4)
            for c, n in zip(counts, totals, strict=True)
        ]
        kinds[count_name], kinds[share_name] = "count", "share"
    return columns, kinds


def headers(lang: str, *keys: str) -> list[str]:
    """Translated column headers for ``export.col.<key>``."""
    return [t(f"export.col.{key}", lang) for key in keys]
