"""The board pack: the Portfolio's figures as a dated A4 PDF for a board meeting.

Pure apart from drawing the charts: frames and texts in, PDF bytes out; no queries. The charts
are the pages' own figures (``components.portfolio``, ``change_logic``, ``funders``), laid out
for paper and drawn as PNG at 2× by Kaleido in one headless Chromium session for the whole pack.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from html import escape
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import (
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from components import change_logic as change_logic_view
from components import formatting as fmt
from components import funders as funders_view
from components import portfolio as portfolio_view
from components.i18n import t
from components.theme import STATUS_COLOURS
from data_access.change_logic_queries import WeakLinks
from data_access.vocabulary import STATUSES

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm  # printers need about 5 mm; 18 mm also leaves room to punch or bind
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
# Charts are drawn this many CSS pixels wide and shrunk to the text width: Plotly's 16 px
# type then prints at about 8.5 pt.
CHART_PIXELS = 900
CHART_SCALE = 2  # about 260 dpi on paper
PRINT_FUNDERS = 12  # more bars than this no longer read on half a page
WEAK_ROWS = 10
TEXT = colors.HexColor("#212529")
MUTED = colors.HexColor("#5c636a")
RULE = colors.HexColor("#C8C8C8")
ACCENT = colors.HexColor("#004488")
FONT = "Vera"


class ChartsUnavailable(RuntimeError):
    """The charts could not be drawn: no usable Chromium on this server."""


@dataclass(frozen=True)
class PackContent:
    """Everything the pack shows, as the pages' queries return it for one viewer."""

    lang: str
    made_on: dt.date
    as_of: dt.date
    audience: str  # who it is for, in words
    filters: list[tuple[str, str]]  # (what, the chosen values in words); empty = none
    notices: list[str]
    key_figures: pd.Series
    themes: pd.DataFrame
    sub_themes: pd.DataFrame
    timeline: pd.DataFrame
    stages: pd.DataFrame
    evidence: pd.DataFrame
    weak: WeakLinks | None  # None: the viewer sees no project in detail
    funder_summary: pd.DataFrame
    funder_outcomes: pd.DataFrame
    funder_labels: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Chart:
    """One chart of the pack: its figure laid out for paper and its height there."""

    key: str
    title: str
    caption: str
    figure: go.Figure
    height_mm: float

    @property
    def pixels(self) -> tuple[int, int]:
        return CHART_PIXELS, round(CHART_PIXELS * self.height_mm * mm / CONTENT_WIDTH)


# --- the whole pack ------------------------------------------------------------------------


def board_pack(content: PackContent) -> bytes:
    """The pack as PDF bytes (raises ``ChartsUnavailable`` when no browser can draw)."""
    charts = pack_charts(content)
    images = render_charts(charts)
    return build_pdf(content, charts, images)


def filename(lang: str, made_on: dt.date) -> str:
    return t("pack.filename", lang, date=made_on.isoformat())


# --- charts --------------------------------------------------------------------------------


def pack_charts(content: PackContent) -> dict[str, Chart]:
    """The pages' figures, each with its title taken out (the PDF sets it as a heading) and
    a size for paper."""
    lang = content.lang
    summary, order = _print_funders(content.funder_summary)
    funder_rows = max(len(order), 2)
    funder_height = min(95.0, 28 + 6.5 * funder_rows)
    figures = {
        "timeline": (portfolio_view.timeline_figure(content.timeline, lang), 92),
        "themes": (portfolio_view.themes_figure(content.sub_themes, content.themes, lang), 112),
        "status": (portfolio_view.status_figure(content.themes, lang), 72),
        "stages": (change_logic_view.stages_figure(content.stages, lang), 110),
        "evidence": (change_logic_view.evidence_figure(content.evidence, lang), 88),
        "money": (
            funders_view.money_figure(summary, content.funder_labels, lang),
            funder_height,
        ),
        "outcomes": (
            funders_view.outcomes_figure(
                content.funder_outcomes, order, content.funder_labels, lang
            ),
            funder_height,
        ),
    }
    return {
        key: Chart(
            key,
            _title_of(figure),
            t(f"pack.caption.{key}", lang),
            for_print(figure, key),
            height_mm,
        )
        for key, (figure, height_mm) in figures.items()
    }


def _print_funders(summary: pd.DataFrame) -> tuple[pd.DataFrame, list[int]]:
    """The funders drawn on paper: all of them, or the ones with the most projects when
    there are more than fit (in the page's order)."""
    if len(summary) <= PRINT_FUNDERS:
        return summary, [int(f) for f in summary.funder_id]
    visible = summary[~summary.suppressed].sort_values(
        ["projects", "funder_id"], ascending=[False, True]
    )
    kept = set(int(f) for f in visible.funder_id.head(PRINT_FUNDERS))
    shown = summary[summary.funder_id.isin(kept)].reset_index(drop=True)
    return shown, [int(f) for f in shown.funder_id]


def _title_of(figure: go.Figure) -> str:
    title = figure.layout.title.text or ""
    return " ".join(part.strip() for part in title.split("<br>"))


def for_print(figure: go.Figure, key: str) -> go.Figure:
    """The figure for paper: no title (a PDF heading), no interactive path bar, slightly
    larger type, white all over, and the size set when drawn. Changes ``figure`` itself (a
    copy would validate the whole figure again, which takes longer than drawing it)."""
    printed = figure
    printed.update_layout(
        title={"text": ""},
        margin={"t": 12},
        height=None,
        font={"size": 16},
        paper_bgcolor="#FFFFFF",
        plot_bgcolor="#FFFFFF",
    )
    if key == "themes":
        printed.update_traces(pathbar={"visible": False}, selector={"type": "treemap"})
    return printed


def render_charts(charts: dict[str, Chart]) -> dict[str, bytes]:
    """Every chart as PNG, drawn in one browser session (starting Chromium is the slow part).

    Runs on a thread of its own: Kaleido needs an event loop, and the caller may have one.
    """
    import kaleido
    from kaleido.errors import BrowserClosedError, BrowserFailedError, ChromeNotFoundError

    async def draw() -> dict[str, bytes]:
        # No MathJax: it would be fetched from the internet, and no chart uses it.
        async with kaleido.Kaleido(n=1, mathjax=False) as browser:
            images = {}
            for key, chart in charts.items():
                width, height = chart.pixels
                images[key] = await browser.calc_fig(
                    chart.figure,
                    opts={"format": "png", "width": width, "height": height, "scale": CHART_SCALE},
                )
            return images

    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(lambda: asyncio.run(draw())).result()
    except (ChromeNotFoundError, BrowserFailedError, BrowserClosedError, OSError) as error:
        raise ChartsUnavailable(str(error)) from error


# --- the PDF -------------------------------------------------------------------------------


def build_pdf(content: PackContent, charts: dict[str, Chart], images: dict[str, bytes]) -> bytes:
    """Lay the pack out on A4 portrait: overview, themes, change logic, funders, weakest
    links and how to read it, each section from a new page."""
    lang = content.lang
    styles = _styles()
    title = f"FilantrImpact – {t('pack.title', lang)}"

    def chart(key: str) -> KeepTogether:
        item = charts[key]
        return KeepTogether(
            [
                Paragraph(escape(item.title), styles["chart"]),
                Image(
                    io.BytesIO(images[key]),
                    width=CONTENT_WIDTH,
                    height=item.height_mm * mm,
                ),
                Paragraph(escape(item.caption), styles["caption"]),
            ]
        )

    story = [
        *_cover(content, title, styles),
        Paragraph(escape(t("pack.section.key_figures", lang)), styles["h2"]),
        _key_figure_table(content.key_figures, lang, styles),
        Spacer(1, 3 * mm),
        _status_table(content.key_figures, lang, styles),
        chart("timeline"),
        PageBreak(),
        Paragraph(escape(t("pack.section.themes", lang)), styles["h2"]),
        chart("themes"),
        chart("status"),
        PageBreak(),
        Paragraph(escape(t("pack.section.change_logic", lang)), styles["h2"]),
        chart("stages"),
        chart("evidence"),
        PageBreak(),
        Paragraph(escape(t("pack.section.funders", lang)), styles["h2"]),
        Paragraph(escape(_funders_note(content.funder_summary, lang)), styles["note"]),
        chart("money"),
        chart("outcomes"),
        PageBreak(),
        Paragraph(escape(t("pack.section.weak", lang)), styles["h2"]),
        *_weak_links(content.weak, lang, styles),
        Paragraph(escape(t("pack.section.how", lang)), styles["h2"]),
        *_how_to_read(content, styles),
    ]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 6 * mm,  # the footer sits in the lower margin's top part
        title=title,
        author="FilantrImpact",
        subject=t("pack.as_of", lang, date=fmt.date(content.as_of)),
        creator="FilantrImpact",
        lang=lang,
    )
    footer = f"{title} · {t('pack.made_on', lang, date=fmt.date(content.made_on))}"
    document.build(story, canvasmaker=_numbered_canvas(footer, lang))
    return buffer.getvalue()


@cache
def _register_fonts() -> None:
    """Bitstream Vera, which ships with reportlab: the same type everywhere, and every
    character Dutch, French and English need (€, –, ≥, accents), embedded in the PDF."""
    import reportlab

    folder = Path(reportlab.__file__).parent / "fonts"
    faces = {FONT: "Vera.ttf", "Vera-Bold": "VeraBd.ttf", "Vera-Italic": "VeraIt.ttf"}
    faces["Vera-BoldItalic"] = "VeraBI.ttf"
    for name, file in faces.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold="Vera-Bold", italic="Vera-Italic", boldItalic="Vera-BoldItalic"
    )


def _styles() -> dict[str, ParagraphStyle]:
    _register_fonts()
    base = ParagraphStyle(
        "body", fontName=FONT, fontSize=9.5, leading=13, textColor=TEXT, alignment=TA_LEFT
    )
    return {
        "body": base,
        "brand": ParagraphStyle(
            "brand", parent=base, fontName="Vera-Bold", fontSize=11, textColor=ACCENT
        ),
        "h1": ParagraphStyle(
            "h1", parent=base, fontName="Vera-Bold", fontSize=22, leading=27, spaceAfter=3 * mm
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName="Vera-Bold",
            fontSize=14,
            leading=18,
            spaceBefore=3 * mm,
            spaceAfter=2 * mm,
            textColor=ACCENT,
        ),
        "chart": ParagraphStyle(
            "chart", parent=base, fontName="Vera-Bold", fontSize=10.5, spaceBefore=3 * mm
        ),
        "caption": ParagraphStyle(
            "caption", parent=base, fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=2 * mm
        ),
        "note": ParagraphStyle("note", parent=base, fontSize=8.5, leading=11, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "head": ParagraphStyle("head", parent=base, fontName="Vera-Bold", fontSize=8.5),
        "label": ParagraphStyle("label", parent=base, fontName="Vera-Bold"),
        "bullet": ParagraphStyle(
            "bullet", parent=base, leftIndent=4 * mm, bulletIndent=0, spaceAfter=1.5 * mm
        ),
        "value": ParagraphStyle("value", parent=base, fontName="Vera-Bold", fontSize=13),
    }


def _cover(content: PackContent, title: str, styles) -> list:
    lang = content.lang
    filters = (
        "; ".join(t("pack.filter_item", lang, name=n, values=v) for n, v in content.filters)
        if content.filters
        else t("pack.filters_none", lang)
    )
    rows = [
        (t("pack.as_of_label", lang), fmt.date(content.as_of)),
        (t("pack.for", lang), content.audience),
        (t("pack.filters", lang), filters),
    ]
    table = Table(
        [
            [Paragraph(escape(a), styles["label"]), Paragraph(escape(b), styles["body"])]
            for a, b in rows
        ],
        colWidths=[42 * mm, CONTENT_WIDTH - 42 * mm],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
            ]
        )
    )
    notices = [Paragraph(escape(notice), styles["note"]) for notice in content.notices]
    return [
        Paragraph("FilantrImpact", styles["brand"]),
        Paragraph(escape(t("pack.title", lang)), styles["h1"]),
        Paragraph(escape(t("pack.made_on", lang, date=fmt.date(content.made_on))), styles["note"]),
        Spacer(1, 3 * mm),
        table,
        *notices,
    ]


def key_figure_rows(figures: pd.Series, lang: str) -> list[tuple[str, str, str]]:
    """The key figures as (what, value, note), worded as the Portfolio's cards word them."""
    names = [t(f"kpi.{key}", lang) for key in ("projects", "money", "people", "progress")]
    if figures.suppressed:
        return [(name, "–", t("chart.suppressed", lang)) for name in names]
    measured = int(figures.indicators - figures.no_data)
    people_note = (
        t("chart.suppressed", lang)
        if pd.isna(figures.people_projects)
        else t("kpi.people_note", lang, projects=fmt.number(figures.people_projects))
    )
    return [
        (
            names[0],
            fmt.number(figures.projects),
            t("kpi.projects_note", lang, indicators=fmt.number(figures.indicators)),
        ),
        (names[1], fmt.money(figures.money_eur), t("kpi.grants_note", lang)),
        (names[2], fmt.number(figures.people_reached), people_note),
        (
            names[3],
            fmt.percent(figures.avg_progress),
            t("kpi.progress_note", lang, measured=fmt.number(measured)),
        ),
    ]


def _key_figure_table(figures: pd.Series, lang: str, styles) -> Table:
    cells = [
        [
            Paragraph(escape(name), styles["label"]),
            Paragraph(escape(value), styles["value"]),
            Paragraph(escape(note), styles["note"]),
        ]
        for name, value, note in key_figure_rows(figures, lang)
    ]
    table = Table(cells, colWidths=[52 * mm, 42 * mm, CONTENT_WIDTH - 94 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _status_table(figures: pd.Series, lang: str, styles) -> list | Table:
    """Indicators by status: name, count and share, each with its colour (never colour
    alone)."""
    title = Paragraph(escape(t("kpi.status", lang)), styles["label"])
    if figures.suppressed:
        return KeepTogether([title, Paragraph(escape(t("chart.suppressed", lang)), styles["note"])])
    total = max(int(figures.indicators), 1)
    header = [Paragraph(escape(t(f"status.{status}", lang)), styles["head"]) for status in STATUSES]
    values = [
        Paragraph(
            f"{fmt.number(int(figures[status]))} ({fmt.percent(int(figures[status]) / total)})",
            styles["cell"],
        )
        for status in STATUSES
    ]
    width = CONTENT_WIDTH / len(STATUSES)
    table = Table([header, values], colWidths=[width] * len(STATUSES), hAlign="LEFT")
    commands = [
        ("LINEABOVE", (index, 0), (index, 0), 3, colors.HexColor(STATUS_COLOURS[status]))
        for index, status in enumerate(STATUSES)
    ]
    commands += [("LEFTPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, 0), 4)]
    table.setStyle(TableStyle(commands))
    return KeepTogether([title, Spacer(1, 1.5 * mm), table])


def _funders_note(summary: pd.DataFrame, lang: str) -> str:
    note = t("pack.funders_note", lang, count=fmt.number(len(summary)))
    if len(summary) > PRINT_FUNDERS:
        note += " " + t(
            "pack.funders_largest",
            lang,
            shown=fmt.number(PRINT_FUNDERS),
            total=fmt.number(len(summary)),
        )
    return note


def weak_link_rows(weak: WeakLinks, lang: str) -> list[tuple[str, str, str, str]]:
    """The weakest steps, worst first, as (project, step, stage, status) in words."""
    rows = []
    for row in weak.rows.head(WEAK_ROWS).itertuples():
        status = "off_track" if row.off_track else "at_risk"
        gap = fmt.number(100 * row.gap) if pd.notna(row.gap) else "–"
        rows.append(
            (
                str(row.project),
                str(row.statement),
                t(f"cl.stage.{row.stage}", lang),
                t(
                    "pack.weak.status_value",
                    lang,
                    status=t(f"status.{status}", lang),
                    behind=fmt.number(row.behind),
                    indicators=fmt.number(row.indicators),
                    gap=gap,
                ),
            )
        )
    return rows


def _weak_links(weak: WeakLinks | None, lang: str, styles) -> list:
    if weak is None:
        return [Paragraph(escape(t("cl.weak.network", lang)), styles["body"])]
    if weak.rows.empty:
        return [Paragraph(escape(t("cl.weak.none", lang)), styles["body"])]
    rows = weak_link_rows(weak, lang)
    header = [
        Paragraph(escape(t(key, lang)), styles["head"])
        for key in ("cl.weak.project", "cl.weak.step", "cl.weak.stage", "pack.weak.status")
    ]
    body = [[Paragraph(escape(cell), styles["cell"]) for cell in row] for row in rows]
    table = Table(
        [header, *body],
        colWidths=[40 * mm, 66 * mm, 24 * mm, CONTENT_WIDTH - 130 * mm],
        repeatRows=1,
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 1, TEXT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    count = t("cl.weak.count", lang, shown=fmt.number(len(rows)), total=fmt.number(weak.total))
    return [
        Paragraph(escape(f"{t('cl.weak.read', lang)} {count}"), styles["note"]),
        Spacer(1, 2 * mm),
        table,
    ]


def _how_to_read(content: PackContent, styles) -> list:
    lang = content.lang
    paragraphs = [
        t("pack.how.progress", lang),
        t("pack.how.status", lang),
        t("pack.how.suppression", lang, suppressed=t("chart.suppressed", lang)),
        t("funders.rule_share", lang),
        t("funders.rule_network", lang),
        t(
            "pack.how.dates",
            lang,
            as_of=fmt.date(content.as_of),
            made=fmt.date(content.made_on),
        ),
    ]
    return [Paragraph(escape(text), styles["bullet"], bulletText="•") for text in paragraphs]


def _numbered_canvas(footer: str, lang: str):
    """A canvas that writes the footer and "page n of N" once every page is known."""

    class NumberedCanvas(pdf_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            self.saveState()
            self.setFont(FONT, 7.5)
            self.setFillColor(MUTED)
            self.setStrokeColor(RULE)
            y = MARGIN
            self.line(MARGIN, y + 3.5 * mm, PAGE_WIDTH - MARGIN, y + 3.5 * mm)
            self.drawString(MARGIN, y, footer)
            number = t("pack.page", lang, page=f"{self._pageNumber}/{total}")
            self.drawRightString(PAGE_WIDTH - MARGIN, y, number)
            self.restoreState()

    return NumberedCanvas
