"""Data out as on screen: CSV and Excel of the pages' tables, read back, for each viewer; a
forged request gets nothing it may not see."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import json
import re

import pytest
from openpyxl import load_workbook
from plotly.utils import PlotlyJSONEncoder
from sqlalchemy.exc import OperationalError

from callbacks.exports import export_file
from callbacks.funders import funders_tables
from callbacks.portfolio import portfolio_outputs, portfolio_tables
from callbacks.project import project_tables
from components.exports import audience_words, csv_bytes, xlsx_bytes
from dashboard.app import create_app
from dashboard.config import Settings
from data_access.filters import PortfolioFilter
from data_access.viewer import Viewer
from tests.conftest import sqlite_engine
from tests.factory import TODAY, Portfolio

DOWNLOAD_OUTPUT = (
    '..{"page":"portfolio","type":"export-download"}.data'
    '...{"page":"portfolio","type":"export-message"}.children..'
)


def two_funders(portfolio):
    """Fonds Noord supports two people projects, Fonds Zuid one environment project."""
    north, south = portfolio.funder("Fonds Noord"), portfolio.funder("Fonds Zuid")
    kitchen = portfolio.project("Buurtkeuken", theme="people", sub_theme="health")
    school = portfolio.project("Huiswerkklas", theme="people", sub_theme="education")
    repair = portfolio.project("Repair Café", theme="environment", sub_theme="circular")
    portfolio.grant(north, kitchen, 50_000)
    portfolio.grant(north, school, 20_000)
    portfolio.grant(south, repair, 70_000)
    for project, value in ((kitchen, 120), (school, 40), (repair, 80)):
        indicator = portfolio.indicator(project, target=200)
        portfolio.measure(indicator, dt.date(2026, 3, 31), value)
    return north, south, kitchen, repair


def sheet_of(table, lang="nl", audience="beheerder"):
    book = load_workbook(io.BytesIO(xlsx_bytes(table, lang, audience, TODAY)))
    return book.active


def table_rows(sheet) -> list[list]:
    """The table below the header lines (row 6 is its header)."""
    return [list(row) for row in sheet.iter_rows(min_row=6, values_only=True)]


def read_csv(data: bytes, separator: str) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=separator))


def test_exp001_excel_names_filters_and_date_and_holds_the_charts_numbers(portfolio, engine):
    two_funders(portfolio)
    filt = PortfolioFilter(themes=("people",), year_from=2024)
    tables = portfolio_tables(engine, Viewer.admin(), filt, "nl", TODAY)
    sheet = sheet_of(tables["themes"], audience=audience_words("admin", "Beheer", "nl"))

    assert sheet["A1"].value.startswith("Impact per thema")
    assert sheet["A2"].value == "Filters"
    assert sheet["B2"].value == "Thema: Mens; Periode: vanaf 2024"
    assert sheet["B3"].value == "Beheer – beheerder (alle projecten)"
    assert sheet["B4"].value.date() == TODAY
    assert sheet.freeze_panes == "A7"
    assert sheet["A6"].font.b
    header, *rows = table_rows(sheet)
    assert header[:3] == ["Thema", "Subthema", "Toegekende steun (€)"]
    # The treemap's tiles: the theme and its two sub-themes, money as numbers.
    figure = portfolio_outputs(engine, Viewer.admin(), filt, "nl", TODAY)["themes"]
    assert sorted(figure.data[0].values) == sorted(row[2] for row in rows)
    assert rows[0][:3] == ["Mens", None, 70_000]
    assert {row[1] for row in rows[1:]} == {"Gezondheid", "Onderwijs"}
    money = sheet.cell(row=7, column=3)
    assert money.data_type == "n" and "€" in money.number_format
    progress = sheet.cell(row=7, column=4)
    assert progress.data_type == "n" and progress.number_format == "0%"
    assert progress.value == pytest.approx(0.4)  # (120 + 40) / 2 of 200


def test_exp002_a_filter_changes_the_rows(portfolio, engine):
    two_funders(portfolio)
    everything = portfolio_tables(engine, Viewer.admin(), PortfolioFilter(), "en", TODAY)
    people = portfolio_tables(
        engine, Viewer.admin(), PortfolioFilter(themes=("people",)), "en", TODAY
    )
    assert list(everything["status"].frame["Theme"]) == ["People", "Environment"]
    assert list(people["status"].frame["Theme"]) == ["People"]
    assert everything["status"].filters == "no filters"


@pytest.mark.parametrize(
    ("lang", "separator", "share"), [("nl", ";", "0,5"), ("fr", ";", "0,5"), ("en", ",", "0.5")]
)
def test_exp003_csv_separator_and_decimal_per_language(portfolio, engine, lang, separator, share):
    two_funders(portfolio)
    tables = portfolio_tables(engine, Viewer.admin(), PortfolioFilter(), lang, TODAY)
    header, *rows = read_csv(csv_bytes(tables["status"], lang), separator)
    assert len(header) == 12 and len(rows) == 2
    people = rows[0]
    # Two indicators in People: one on track (60 %), one behind (20 %); counts and shares.
    assert people[1] == "2"
    assert share in people  # a share of one half, in the language's decimal notation
    assert "Mens" in people[0] or "People" in people[0] or "Humain" in people[0]


def test_exp004_a_funders_export_holds_only_its_own_projects(portfolio, engine):
    north, south, *_ = two_funders(portfolio)
    tables = portfolio_tables(engine, Viewer.funder(north), PortfolioFilter(), "nl", TODAY)
    themes = tables["themes"].frame
    assert set(themes["Thema"]) == {"Mens"}
    assert themes["Toegekende steun (€)"].iloc[0] == 70_000
    assert "Milieu" not in csv_bytes(tables["status"], "nl").decode("utf-8-sig")


def test_exp005_a_forged_filter_or_project_gets_nothing_more(portfolio, engine):
    north, south, _, repair = two_funders(portfolio)
    viewer = Viewer.funder(north)
    own = portfolio_tables(engine, viewer, PortfolioFilter(), "nl", TODAY)
    forged = portfolio_tables(engine, viewer, PortfolioFilter(funder_ids=(south,)), "nl", TODAY)
    # The other funder is dropped from the filter: the same as no filter, its own projects.
    assert forged["themes"].frame.equals(own["themes"].frame)
    assert "Fonds Zuid" not in forged["themes"].filters
    # Someone else's project answers like a missing one: no table, no file.
    assert project_tables(engine, viewer, str(repair), "nl", TODAY) == {}
    assert export_file({}, "indicators", "xlsx", "nl", "", "project", TODAY) is None
    tables = project_tables(engine, Viewer.admin(), str(repair), "nl", TODAY)
    assert export_file(tables, "../../etc", "csv", "nl", "", "project", TODAY) is None
    assert export_file(tables, "indicators", "exe", "nl", "", "project", TODAY) is None


def test_exp006_the_network_export_holds_no_suppressed_number(portfolio, engine):
    north, south, *_ = two_funders(portfolio)
    tables = portfolio_tables(engine, Viewer.network(), PortfolioFilter(), "nl", TODAY)
    # Two people projects and one environment project: every group is under three.
    assert tables["themes"].frame.empty
    assert tables["status"].frame.empty
    assert tables["timeline"].frame.empty
    funders = funders_tables(engine, Viewer.network(), [], "nl", TODAY)
    money = funders["money"].frame
    assert money["Toegekende steun (€)"].isna().all()
    assert set(money["Opmerking"]) == {"Te weinig projecten om te tonen"}
    for table in funders.values():
        sheet = sheet_of(table)
        numbers = [
            value
            for row in table_rows(sheet)[1:]
            for value in row
            if isinstance(value, int | float)
        ]
        assert numbers == [], table.title


def test_exp007_formula_looking_text_comes_out_inert(portfolio, engine):
    evil = portfolio.funder('=HYPERLINK("http://x","klik")')
    project = portfolio.project("+Buurtkeuken")
    portfolio.grant(evil, project, 10_000)
    tables = funders_tables(engine, Viewer.admin(), [], "nl", TODAY)
    sheet = sheet_of(tables["money"])
    name = sheet.cell(row=7, column=1)
    assert name.value == '=HYPERLINK("http://x","klik")'
    assert name.data_type == "s"  # text, not a formula
    header, row = read_csv(csv_bytes(tables["money"], "nl"), ";")
    assert row[0] == '\'=HYPERLINK("http://x","klik")'
    assert row[1] == "10000"


def download_request(funder_ids: list[int]) -> dict:
    """The request the browser sends when the Portfolio's themes card's Excel item is clicked."""
    item = {"format": "xlsx", "page": "portfolio", "table": "themes", "type": "export"}
    item_key = json.dumps(item, separators=(",", ":"), sort_keys=True)
    controls = ("filter-funder", "filter-theme", "filter-sub-theme", "filter-region")
    body = {
        "output": DOWNLOAD_OUTPUT,
        "outputs": [
            {"id": {"page": "portfolio", "type": "export-download"}, "property": "data"},
            {"id": {"page": "portfolio", "type": "export-message"}, "property": "children"},
        ],
        "inputs": [[{"id": item, "property": "n_clicks", "value": 1}]],
        "changedPropIds": [f"{item_key}.n_clicks"],
        "state": [
            {"id": "filter-funder", "property": "value", "value": funder_ids},
            *({"id": c, "property": "value", "value": []} for c in controls[1:]),
            {"id": "filter-year-from", "property": "value", "value": None},
            {"id": "filter-year-to", "property": "value", "value": None},
            {"id": "lang-store", "property": "data", "value": "en"},
        ],
    }
    return body


def test_exp008_the_download_callback_answers_for_the_viewer_of_the_request(tmp_path):
    # Through HTTP, as a forged browser request would come; on a SQLite file the app opens.
    engine = sqlite_engine(tmp_path / "app.db")
    north, south, kitchen, repair = two_funders(Portfolio(engine))
    engine.dispose()
    url = f"sqlite:///{tmp_path / 'app.db'}"
    app = create_app(Settings(database_url=url), viewer_for_request=lambda: Viewer.funder(north))
    client = app.server.test_client()
    # Forged: another funder's id in the funder filter.
    body = download_request(funder_ids=[south])
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    answer = response.get_json()["response"]
    sent = answer['{"page":"portfolio","type":"export-download"}']["data"]
    assert answer['{"page":"portfolio","type":"export-message"}']["children"] is None
    assert sent["filename"] == f"portfolio-themes-{dt.date.today().isoformat()}.xlsx"
    book = load_workbook(io.BytesIO(base64.b64decode(sent["content"])))
    rows = table_rows(book.active)
    assert book.active["B2"].value == "no filters"
    assert [row[0] for row in rows[1:]] == ["People", "People", "People"]
    assert rows[1][2] == 70_000  # Fonds Noord's own money; nothing of Fonds Zuid's


def test_exp009_a_failing_database_gives_a_message_not_a_file(tmp_path, monkeypatch):
    import callbacks.portfolio

    def broken(*args, **kwargs):
        raise OperationalError("SELECT", {}, Exception("database is locked"))

    monkeypatch.setattr(callbacks.portfolio, "_tables_for_controls", broken)
    engine = sqlite_engine(tmp_path / "app.db")
    Portfolio(engine).project("Huiswerkklas")
    engine.dispose()
    url = f"sqlite:///{tmp_path / 'app.db'}"
    app = create_app(Settings(database_url=url), viewer_for_request=Viewer.admin)
    client = app.server.test_client()
    response = client.post("/_dash-update-component", json=download_request(funder_ids=[]))
    assert response.status_code == 200
    answer = response.get_json()["response"]
    assert '{"page":"portfolio","type":"export-download"}' not in answer
    message = json.dumps(answer['{"page":"portfolio","type":"export-message"}'])
    assert "could not be loaded" in message and "database is locked" not in message


def test_exp010_the_funders_export_holds_the_funders_the_page_shows(portfolio, engine):
    from data_access.funder_queries import DEFAULT_FUNDERS

    for rank in range(DEFAULT_FUNDERS + 1):
        funder = portfolio.funder(f"Fonds {rank:02d}")
        portfolio.grant(funder, portfolio.project(f"Project {rank:02d}"), 10_000 * (rank + 1))

    def names(**choice) -> list[str]:
        money = funders_tables(engine, Viewer.admin(), lang="en", today=TODAY, **choice)["money"]
        return sorted(money.frame.iloc[:, 0])

    # By default the page shows the funders with the most money; the smallest is left out.
    shown = names(chosen=[])
    assert len(shown) == DEFAULT_FUNDERS and "Fonds 00" not in shown
    assert len(names(chosen=[], show_all=True)) == DEFAULT_FUNDERS + 1


def test_exp011_each_indicator_chart_downloads_as_a_picture(portfolio, engine):
    from callbacks.project import project_outputs

    north, south, kitchen, repair = two_funders(portfolio)
    charts = project_outputs(engine, Viewer.admin(), str(kitchen), "en", TODAY)["charts"]
    text = json.dumps(charts, cls=PlotlyJSONEncoder)
    images = re.findall(r'"format": "(png|svg)", "graph": "(indicator-chart-\d+)"', text)
    graphs = {graph for _, graph in images}
    assert len(graphs) == 1 and {fmt for fmt, _ in images} == {"png", "svg"}
    assert f'"id": "{graphs.pop()}"' in text  # the chart the items draw
    # Its numbers come with the page's measurements download, not a menu per chart.
    assert '"type": "export", "page": "project"' not in text
