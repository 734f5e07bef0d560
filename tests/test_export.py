"""``filantrimpact export``: the template written from the database imports into an empty
database as the same data, back into the same database as nothing changed, and a part holds
exactly the chosen funders' and projects' rows."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select, update

from dashboard import cli
from data_access import importer, scope
from data_access.db import make_engine
from data_access.importer.export import ExportError, assign_references, export
from data_access.models import (
    ChangeLogicElement,
    ChangeLogicLink,
    EvidenceSource,
    Funder,
    Grant,
    Indicator,
    Measurement,
    Organisation,
    Project,
    Story,
)
from data_access.viewer import Viewer
from tests.conftest import sqlite_engine
from tests.factory import Portfolio
from tests.import_files import good, workbook

ADMIN = Viewer("admin", name="export-test")
TODAY = dt.date(2026, 6, 30)


def content(engine) -> dict[str, set]:
    """Every table's rows by natural key with their fields: no surrogate ids, no derived or
    bookkeeping columns (latest values, who entered a row and when, import batches)."""
    with engine.connect() as conn:
        db = scope.trusted(conn)
        funder = dict(db.execute(select(Funder.id, Funder.reference)).all())
        organisation = dict(db.execute(select(Organisation.id, Organisation.reference)).all())
        project = dict(db.execute(select(Project.id, Project.reference)).all())
        element = {
            row.id: (project[row.project_id], row.stage, row.position)
            for row in db.execute(select(ChangeLogicElement.__table__))
        }  # fmt: skip
        indicator = {
            row.id: (project[row.project_id], row.reference)
            for row in db.execute(select(Indicator.__table__))
        }

        def rows(model, skip=(), **parents):
            found = set()
            for row in db.execute(select(model.__table__)).mappings():
                values = {
                    column.key: row[column.key]
                    for column in model.__table__.columns
                    if column.key not in ("id", *skip, *parents)
                }
                for key, names in parents.items():
                    values[key] = names.get(row[key])
                found.add(tuple(sorted((k, str(v)) for k, v in values.items())))
            return found

        return {
            "funders": rows(Funder, ("created_at",)),
            "organisations": rows(Organisation),
            "projects": rows(Project, organisation_id=organisation),
            "grants": rows(Grant, ("import_batch_id",), funder_id=funder, project_id=project),
            "elements": rows(ChangeLogicElement, project_id=project),
            "links": rows(ChangeLogicLink, from_element_id=element, to_element_id=element),
            "sources": rows(
                EvidenceSource,
                project_id=project,
                element_id=element,
                from_element_id=element,
                to_element_id=element,
            ),
            "indicators": rows(
                Indicator,
                (
                    "latest_period_end",
                    "latest_value",
                    "latest_numerator",
                    "latest_denominator",
                    "latest_sum",
                ),
                project_id=project,
                element_id=element,
            ),  # fmt: skip
            "measurements": rows(
                Measurement,
                ("entered_by", "entered_at", "import_batch_id"),
                indicator_id=indicator,
            ),
            "stories": rows(Story, ("created_at",), project_id=project),
        }


def exported(engine, **options) -> bytes:
    target = io.BytesIO()
    export(engine, target, **options)
    return target.getvalue()


def imported(engine, data: bytes, name: str = "export.xlsx", today: dt.date = TODAY):
    return importer.run(engine, importer.Source(name, data), ADMIN, today=today)


def hand_made(engine) -> Portfolio:
    """Rows straight into the tables, without references: funders, projects, grants, an
    indicator of each kind, sources on an element and a link."""
    made = Portfolio(engine)
    first, second = made.funder("Fonds Een"), made.funder("Stichting Twee", named=False)
    one, two = made.project("Huiswerkklas"), made.project("Groene buurt", theme="environment",
                                                           sub_theme="nature")  # fmt: skip
    made.grant(first, one, 25000.5)
    made.grant(second, one, 1000)
    made.grant(second, two, 12000)
    output = made.element(one, "output", "Wekelijkse huiswerkklas")
    outcome = made.element(one, "outcome", "Kinderen lezen beter")
    made.link(output, outcome)
    made.source(one, "research", element=outcome, url="https://example.org/a", year=2021)
    made.source(one, "practice", link=(output, outcome), citation="Praktijk: 1.234 deelnemers")
    count = made.indicator(one, element=outcome, target=120)
    share = made.indicator(one, element=outcome, kind="percentage", unit="percent",
                           baseline=40.0, target=60.0, accumulation="periodic")  # fmt: skip
    words = made.indicator(two, kind="qualitative", unit="text", baseline=None, target=None)
    made.measure(count, dt.date(2024, 12, 31), 35)
    made.measure(count, dt.date(2025, 6, 30), 80)
    made.measure(share, dt.date(2025, 6, 30), numerator=1, denominator=3)
    made.measure(words, dt.date(2025, 6, 30), text="Buren groeten elkaar; 1.234 tips")
    return made


@pytest.fixture
def empty(tmp_path):
    engine = scope.install_guard(sqlite_engine(tmp_path / "second.db"))
    yield engine
    engine.dispose()


# --- round trips -----------------------------------------------------------------------------


@pytest.mark.parametrize("csv_zip", [False, True], ids=["xlsx", "csv"])
def test_exp001_hand_made_data_round_trips(engine, empty, csv_zip):
    hand_made(engine)
    data = exported(engine, csv_zip=csv_zip)
    name = "export.zip" if csv_zip else "export.xlsx"
    report = imported(empty, data, name)
    assert report.status == "imported", report.problems
    # The rows had no references; the export made them from the ids. Stored, they are the same.
    again = importer.run(engine, importer.Source(name, data), ADMIN, dry_run=True, today=TODAY)
    assert again.counts["projects"].added == 2  # not found again without them
    assert assign_references(engine)["projects"] == 2
    assert content(empty) == content(engine)
    assert imported(engine, data, name).status == "unchanged"
    assert content(empty) == content(engine)
    # Export -> import -> export gives the same file.
    assert _sheets(exported(empty)) == _sheets(exported(engine))


def test_exp002_a_made_reference_says_so_and_text_stays_text(engine):
    hand_made(engine)
    with engine.begin() as conn:  # text entered some other way, that a spreadsheet would run
        conn.execute(update(EvidenceSource).where(EvidenceSource.kind == "practice")
                     .values(citation="=1+1 in de praktijk"))  # fmt: skip
    target = io.BytesIO()
    result = export(engine, target)
    assert result.made_references == {
        "funders": 2,
        "organisations": 1,
        "projects": 2,
        "grants": 3,
        "sources": 2,
        "indicators": 3,
    }
    book = load_workbook(io.BytesIO(target.getvalue()))
    citations = [row[7] for row in book["sources"].iter_rows(min_row=2, values_only=True)]
    assert "=1+1 in de praktijk" in citations  # a string, never a formula
    assert book["sources"]["H3"].data_type == "s"


def test_exp003_the_demo_round_trips_and_reimports_unchanged(demo_database, empty):
    demo = scope.install_guard(make_engine(demo_database))
    data = exported(demo)
    result = imported(empty, data, today=dt.date.today())  # the demo's today
    assert result.status == "imported", result.problems[:5]
    assert content(empty) == content(demo)
    again = imported(demo, data, today=dt.date.today())
    assert again.status == "unchanged", again.problems[:5]
    assert again.totals().added == again.totals().changed == 0
    assert again.totals().unchanged == sum(len(rows) for rows in content(demo).values())
    demo.dispose()


def test_exp004_reimport_into_the_same_database_changes_nothing(engine):
    assert imported(engine, workbook(good()), "good.xlsx").status == "imported"
    before = content(engine)
    report = imported(engine, exported(engine, lang="nl"))
    assert report.status == "unchanged", report.problems
    assert content(engine) == before


# --- parts -----------------------------------------------------------------------------------


def _sheets(data: bytes) -> dict[str, list[tuple]]:
    book = load_workbook(io.BytesIO(data), read_only=True)
    return {sheet.title: list(sheet.iter_rows(min_row=2, values_only=True)) for sheet in book}


def _without(rows: set, key: str) -> set:
    return {tuple(pair for pair in row if pair[0] != key) for row in rows}


def test_exp005_a_funders_part_holds_its_projects_and_everything_under_them(demo_database):
    demo = scope.install_guard(make_engine(demo_database))
    with demo.connect() as conn:
        db = scope.trusted(conn)
        projects = set(db.scalars(select(Grant.project_id).where(Grant.funder_id == 2)))
        references = set(db.scalars(select(Project.reference).where(Project.id.in_(projects))))
        funders = set(db.scalars(select(Funder.reference).join(Grant).where(
            Grant.project_id.in_(projects))))  # fmt: skip
        measurements = db.scalar(
            select(func.count(Measurement.id))
            .join(Indicator)
            .where(Indicator.project_id.in_(projects))
        )
    sheets = _sheets(exported(demo, funder_ids=[2]))
    assert {row[0] for row in sheets["projects"]} == references
    assert {row[0] for row in sheets["funders"]} == funders
    assert {row[2] for row in sheets["grants"]} == references
    for key in ("elements", "indicators", "measurements", "stories", "sources", "links"):
        assert {row[0] for row in sheets[key]} <= references, key
    assert len(sheets["measurements"]) == measurements
    demo.dispose()


def test_exp006_a_projects_part_imports_alone(demo_database, empty):
    demo = scope.install_guard(make_engine(demo_database))
    sheets = _sheets(exported(demo, project_ids=[3, 5]))
    assert sorted(row[0] for row in sheets["projects"]) == ["PRJ-00003", "PRJ-00005"]
    report = imported(empty, exported(demo, project_ids=[3, 5]), today=dt.date.today())
    assert report.status == "imported", report.problems[:5]
    whole, part = content(demo), content(empty)
    for key in part:
        assert part[key] <= whole[key], key
    assert {dict(row)["reference"] for row in part["projects"]} == {"PRJ-00003", "PRJ-00005"}
    demo.dispose()


def test_exp007_an_unknown_id_is_refused(engine):
    hand_made(engine)
    with pytest.raises(ExportError, match="no funder with id 99"):
        exported(engine, funder_ids=[99])


# --- the command line ------------------------------------------------------------------------


def test_exp008_cli_exit_codes(tmp_path, demo_database, capsys):
    path = tmp_path / "portefeuille.xlsx"
    assert cli.main(["export", str(path), "--database-url", demo_database]) == 0
    assert "wrote" in capsys.readouterr().out
    assert cli.main(["export", str(path), "--database-url", demo_database]) == 1
    assert "already exists" in capsys.readouterr().err
    other = tmp_path / "deel.zip"
    args = ["export", str(other), "--database-url", demo_database, "--project", "999"]
    assert cli.main(args) == 1
    assert "no project with id 999" in capsys.readouterr().err
    assert not other.exists()
    args = [
        "export",
        str(other),
        "--database-url",
        demo_database,
        "--funder",
        "1",
        "--project",
        "2",
    ]
    assert cli.main(args) == 0
    assert set(zipfile.ZipFile(other).namelist()) >= {"projecten.csv", "metingen.csv"}
    url = f"sqlite:///{tmp_path / 'new.db'}"
    assert cli.main(["import", str(path), "--database-url", url]) == 0


def test_exp009_progress_counts_each_sheet_to_its_total(demo_database):
    demo = scope.install_guard(make_engine(demo_database))
    seen: dict[str, tuple[int, int]] = {}

    def progress(sheet: str, done: int, total: int) -> None:
        seen[sheet] = (done, total)

    result = export(demo, io.BytesIO(), funder_ids=[3], lang="nl", progress=progress)
    assert seen["metingen"][0] == seen["metingen"][1] == result.rows["measurements"] > 0
    assert all(done == total for done, total in seen.values()), seen
    demo.dispose()
