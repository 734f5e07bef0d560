"""The board pack: a PDF built from a hand-made portfolio and read back with pypdf.

Drawing the charts starts Chromium (several seconds), so each pack is built once per module
and shared by the assertions about it.
"""

from __future__ import annotations

import base64
import datetime as dt
import io

import pytest
from pypdf import PdfReader

from callbacks.board_pack import board_pack_pdf, pack_content
from components import board_pack as pack
from components import formatting as fmt
from components import ids
from dashboard.app import create_app
from dashboard.config import Settings
from data_access import scope
from data_access.filters import PortfolioFilter
from data_access.viewer import Viewer
from tests.conftest import sqlite_engine
from tests.factory import TODAY, Portfolio

A4_POINTS = (595, 842)
SHARED = ("Buurtkeuken", "Taalcafé", "Huiswerkklas", "Repair Café")


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> str:
    """Four shared projects (three about people, one about the environment, whose sub-theme
    the network may not see alone) and a private people project whose one step rests on an
    assumption and is off track: the weakest link. "Stichting Stil" did not agree to be named.
    """
    path = tmp_path_factory.mktemp("pack") / "pack.db"
    engine = sqlite_engine(path)
    portfolio = Portfolio(engine)
    north, south = portfolio.funder("Fonds Noord"), portfolio.funder("Fonds Zuid")
    quiet = portfolio.funder("Stichting Stil", named=False)
    projects = [
        ("Buurtkeuken", "people", "health", north, 100_000, "network", 60),
        ("Taalcafé", "people", "education", north, 50_000, "network", 70),
        ("Huiswerkklas", "people", "education", quiet, 30_000, "network", 55),
        ("Repair Café", "environment", "circular", south, 80_000, "network", 65),
        ("Geheim Atelier", "people", "culture", south, 20_000, "private", 5),
    ]
    for name, theme, sub_theme, funder, amount, visibility, value in projects:
        project = portfolio.project(name, theme=theme, sub_theme=sub_theme, visibility=visibility)
        portfolio.grant(funder, project, amount)
        step = portfolio.element(project, "outcome", f"Doel van {name}")
        indicator = portfolio.indicator(project, element=step)
        portfolio.measure(indicator, dt.date(2026, 3, 31), value)
    engine.dispose()
    return str(path)


@pytest.fixture(scope="module")
def engine(database):
    engine = scope.install_guard(sqlite_engine(database))
    yield engine
    engine.dispose()


def pack_request(app, lang: str, **controls) -> dict:
    """The JSON body the browser sends when the board-pack button is clicked."""
    output = next(key for key in app.callback_map if f"{ids.PACK_DOWNLOAD}.data" in key)
    spec = app.callback_map[output]
    values = {
        ids.LANG_STORE: lang,
        ids.FILTER_FUNDER: [],
        ids.FILTER_THEME: [],
        ids.FILTER_SUB_THEME: [],
        ids.FILTER_REGION: [],
        ids.FILTER_YEAR_FROM: None,
        ids.FILTER_YEAR_TO: None,
        **controls,
    }
    return {
        "output": output,
        "outputs": [
            {"id": part.split(".")[0], "property": part.split(".")[1]}
            for part in output.strip(".").split("...")
        ],
        "inputs": [{"id": ids.PACK_BUTTON, "property": "n_clicks", "value": 1}],
        "state": [
            {**item, "value": values[item["id"]]}
            for item in spec["state"]
            if isinstance(item["id"], str)
        ],
        "changedPropIds": [f"{ids.PACK_BUTTON}.n_clicks"],
    }


def click_pack_button(database: str, viewer: Viewer, lang: str, **controls) -> dict:
    app = create_app(Settings(database_url=f"sqlite:///{database}"), lambda: viewer)
    response = app.server.test_client().post(
        "/_dash-update-component", json=pack_request(app, lang, **controls)
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_json()["response"]


def read_pdf(data: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(data))
    # Table cells come out a line each: compare with single spaces.
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    return reader, texts


@pytest.fixture(scope="module")
def admin_pack(database):
    """The administrator's pack in Dutch, people only from 2024, through the button's
    callback over HTTP, as the browser receives it."""
    response = click_pack_button(
        database, Viewer.admin(), "nl", **{ids.FILTER_THEME: ["people"], ids.FILTER_YEAR_FROM: 2024}
    )
    download = response[ids.PACK_DOWNLOAD]["data"]
    return download, read_pdf(base64.b64decode(download["content"]))


@pytest.fixture(scope="module")
def network_pack(engine):
    """The learning network's pack in English, people only, on the fixed test date."""
    filt = PortfolioFilter(themes=("people",))
    data, name = board_pack_pdf(engine, Viewer.network(), filt, "en", TODAY)
    return name, read_pdf(data)


def test_bpk001_the_admin_pack_prints_on_a4_with_five_pages(admin_pack):
    download, (reader, texts) = admin_pack
    today = dt.date.today()
    assert download["filename"] == f"filantrimpact-bestuursmap-{today.isoformat()}.pdf"
    assert len(reader.pages) == 5
    for page in reader.pages:
        assert (round(page.mediabox.width), round(page.mediabox.height)) == A4_POINTS
    assert reader.metadata.title == "FilantrImpact – Bestuursmap"
    # Every page's footer: the pack, the day it was made and "page n of 5".
    for number, text in enumerate(texts, start=1):
        assert f"Gemaakt op {fmt.date(today)}" in text
        assert f"pagina {number}/5" in text


def test_bpk002_the_admin_pack_speaks_dutch_with_filters_figures_and_weak_links(admin_pack):
    _, (_, texts) = admin_pack
    cover, themes, logic, funders, last = texts
    assert "Bestuursmap" in cover
    assert "beheerder: alle projecten in detail" in cover
    assert "Thema: Mens; Periode: vanaf 2024" in cover
    # Four people projects, € 200.000 between them.
    assert "Projecten 4 met 4 indicatoren" in cover
    assert "€ 200.000" in cover
    assert "Gemiddelde vooruitgang 48 %" in cover  # (60 + 70 + 55 + 5) / 4
    assert "Risico Achter Geen meting 0 (0 %) 1 (25 %) 2 (50 %) 1 (25 %)" in cover
    assert "Kerncijfers" in cover and "Indicatoren per status" in cover
    assert "Impact per thema" in themes and "Status van de indicatoren per thema" in themes
    assert "Veranderingslogica" in logic and "Gewenst en gerealiseerd per fase" in logic
    assert "Financiers naast elkaar" in funders
    assert "Zwakste schakels" in last and "Zo leest u deze map" in last
    # The private project's step rests on an assumption and is far behind: the weakest.
    assert "Geheim Atelier" in last and "Doel van Geheim Atelier" in last
    assert "Achter: 1 van 1 indicatoren achter" in last
    assert "hoogstens 100 %" in last  # progress is capped in averages


def test_bpk003_the_network_pack_speaks_english_and_names_no_project(network_pack):
    name, (reader, texts) = network_pack
    everything = "\n".join(texts)
    assert name == f"filantrimpact-board-pack-{TODAY.isoformat()}.pdf"
    assert len(reader.pages) == 5
    assert "Board pack" in texts[0] and "Status as of 30/06/2026" in texts[0]
    assert "the learning network" in texts[0]
    assert "Theme: People" in texts[0]
    # Only the three shared people projects count, not the private one.
    assert "Projects 3 with 3 indicators" in texts[0]
    assert "€ 180.000" in texts[0]
    for title in ("Key figures", "Impact by theme", "Change logic", "Weakest links"):
        assert title in everything
    assert "How to read this" in texts[-1]
    assert "the network sees only the figures per stage" in texts[-1]
    for project in (*SHARED, "Geheim Atelier"):
        assert project not in everything


def test_bpk004_network_charts_hide_small_groups_and_unnamed_funders(engine):
    content = pack_content(engine, Viewer.network(), PortfolioFilter(), "nl", TODAY)
    charts = pack.pack_charts(content)
    money = charts["money"].figure.data[0]
    assert "Financier A" in list(money.y)
    drawn = "".join(chart.figure.to_json() for chart in charts.values())
    assert "Stichting Stil" not in drawn
    # The environment's one shared project is too few to show: neither its money nor its
    # sub-theme is drawn anywhere.
    for trace in charts["themes"].figure.data:
        assert 80_000 not in [round(v) for v in getattr(trace, "values", None) or []]
    assert "80000" not in drawn and "Circulaire economie" not in drawn
    assert content.weak is None


def test_bpk005_without_a_browser_the_user_reads_why(database, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    response = click_pack_button(database, Viewer.admin(), "en")
    message = response[ids.PACK_MESSAGE]["children"]
    assert ids.PACK_DOWNLOAD not in response
    assert "the server needs Chromium to draw the charts" in str(message)


def test_bpk006_a_forged_funder_filter_is_named_as_unused_and_never_named(engine):
    quiet = next(i for i, name in scope.funder_options(engine, Viewer.admin()) if "Stil" in name)
    filt = PortfolioFilter(funder_ids=(quiet,))
    content = pack_content(engine, Viewer.network(), filt, "en", TODAY)
    assert content.filters == []
    assert content.notices == [f"Not used (outside what you may see): funder {quiet}."]
    assert "Stichting Stil" not in content.audience
