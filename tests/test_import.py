"""Template imports: a good file lands with the right counts and once only; every kind of bad
file is refused with the place and reason named, and the database keeps its content."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from components.i18n import LANGUAGES, TEXTS, t
from data_access import importer, rollups, scope
from data_access.importer import Source
from data_access.models import ImportBatch, Indicator, Measurement, Project
from data_access.viewer import Viewer
from tests.import_files import checksum, csv_files, good, workbook, zipped

TODAY = dt.date(2026, 6, 30)
ADMIN = Viewer("admin", name="beheerder")


def run(engine, data: bytes, name: str = "portfolio.xlsx", viewer=ADMIN, **options):
    return importer.run(engine, Source(name, data), viewer, today=TODAY, **options)


def counts(report) -> dict[str, tuple[int, int, int]]:
    return {
        key: (c.added, c.changed, c.unchanged)
        for key, c in report.counts.items()
        if c.added or c.changed or c.unchanged
    }


def scalar(engine, stmt):
    with engine.connect() as conn:
        return scope.trusted(conn).scalar(stmt)


def batches(engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        stmt = select(ImportBatch.status, ImportBatch.imported_by).order_by(ImportBatch.id)
        return [tuple(row) for row in conn.execute(stmt)]


# --- good files ------------------------------------------------------------------------------


def test_imp001_a_good_workbook_imports_once(engine):
    first = run(engine, workbook(good()))
    assert first.status == "imported", first.problems
    assert counts(first) == {
        "funders": (2, 0, 0),
        "organisations": (1, 0, 0),
        "projects": (2, 0, 0),
        "grants": (2, 0, 0),
        "elements": (3, 0, 0),
        "links": (1, 0, 0),
        "sources": (2, 0, 0),
        "indicators": (3, 0, 0),
        "measurements": (4, 0, 0),
        "stories": (1, 0, 0),
    }
    content = checksum(engine)
    second = run(engine, workbook(good()))
    assert second.status == "unchanged"
    assert counts(second) == {key: (0, 0, n) for key, (n, _, _) in counts(first).items()}
    assert checksum(engine) == content
    assert batches(engine) == [("imported", "beheerder"), ("unchanged", "beheerder")]


def test_imp002_values_arrive_as_typed(engine):
    assert run(engine, workbook(good())).status == "imported"
    with engine.connect() as conn:
        db = scope.trusted(conn)
        values = dict(
            db.execute(
                select(Indicator.name, Indicator.latest_value).where(Indicator.reference == "I1")
            ).all()
        )
        share = db.execute(
            select(Measurement.value, Measurement.numerator, Measurement.denominator).where(
                Measurement.numerator.is_not(None)
            )
        ).one()
    # Belgian notation in the file: "1.250,0" trees.
    assert values == {"Lezers": 52.0, "Bomen": 1250.0}
    assert share == pytest.approx((70.0, 42.0, 60.0))


def test_imp003_dutch_and_english_columns_and_csv_zip_give_the_same_data(engine):
    assert run(engine, workbook(good(), dutch=True)).status == "imported"
    content = checksum(engine)
    english = run(engine, workbook(good(), dutch=False))
    assert english.status == "unchanged", english.problems
    as_csv = run(engine, zipped(csv_files(good(), dutch=True)), "portfolio.zip")
    assert as_csv.status == "unchanged", as_csv.problems
    comma_csv = zipped(csv_files(good(), dutch=False, delimiter=",", bom=False))
    assert run(engine, comma_csv, "portfolio.zip").status == "unchanged"
    assert checksum(engine) == content


def test_imp004_a_folder_of_csv_files(engine, tmp_path):
    folder = tmp_path / "portefeuille"
    folder.mkdir()
    for name, data in csv_files(good()).items():
        (folder / name).write_bytes(data)
    report = importer.run(engine, folder, ADMIN, today=TODAY)
    assert report.status == "imported", report.problems
    assert counts(report)["measurements"] == (4, 0, 0)


def test_imp005_a_changed_value_is_updated_and_derived_data_refreshed(engine):
    assert run(engine, workbook(good())).status == "imported"
    with engine.connect() as conn:
        version = rollups.current_version(conn)
    rows = good()
    rows["measurements"][1][3] = "61"  # P1 I1, 30/06/2025
    rows["measurements"].append(["P1", "I1", "31/12/2025", "70", "", "", "", "Lijst", ""])
    report = run(engine, workbook(rows))
    assert report.status == "imported"
    assert counts(report)["measurements"] == (1, 1, 3)
    latest = select(Indicator.latest_value).where(
        Indicator.reference == "I1", Indicator.name == "Lezers"
    )
    assert scalar(engine, latest) == 70.0
    with engine.connect() as conn:
        assert rollups.current_version(conn) > version


def test_imp006_a_dry_run_writes_nothing(engine):
    before = checksum(engine)
    report = run(engine, workbook(good()), dry_run=True)
    assert report.status == "checked" and report.ok
    assert counts(report)["projects"] == (2, 0, 0)
    assert checksum(engine) == before
    assert batches(engine) == []


def test_imp007_an_existing_funder_without_reference_is_found_by_name(engine):
    from sqlalchemy import insert

    from data_access.models import Funder

    with engine.begin() as conn:
        conn.execute(insert(Funder).values(name="Stichting Een", kind="family"))
    report = run(engine, workbook(good()))
    assert report.status == "imported", report.problems
    assert counts(report)["funders"] == (1, 1, 0)


# --- rights ----------------------------------------------------------------------------------


def _lead_of(engine, reference: str) -> Viewer:
    project_id = scalar(engine, select(Project.id).where(Project.reference == reference))
    return Viewer("project", project_ids=frozenset({project_id}), name="lead")


def _measurements_only(rows) -> dict:
    return {"measurements": rows["measurements"], "stories": rows["stories"]}


def test_imp008_a_lead_imports_measurements_of_their_own_project(engine):
    assert run(engine, workbook(good())).status == "imported"
    rows = good()
    rows["measurements"] = [["P1", "I1", "31/03/2026", "80", "", "", "", "Lijst", ""]]
    rows["stories"] = [["P1", "31/03/2026", "Lente", "Nieuw verhaal.", "An"]]
    report = run(engine, workbook(_measurements_only(rows)), viewer=_lead_of(engine, "P1"))
    assert report.status == "imported", report.problems
    assert counts(report) == {"measurements": (1, 0, 0), "stories": (1, 0, 0)}


@pytest.mark.parametrize(
    ("rows", "sheet", "row", "column", "reason"),
    [
        (
            {"measurements": [["P2", "I1", "31/03/2026", "600", "", "", "", "", ""]]},
            "measurements", 2, "project", "import.not_writable",
        ),
        (
            {"measurements": [["P9", "I1", "31/03/2026", "600", "", "", "", "", ""]]},
            "measurements", 2, "project", "import.not_writable",
        ),
        (
            {"stories": [["P2", "31/03/2026", "Andermans", "Tekst.", "X"]]},
            "stories", 2, "project", "import.not_writable",
        ),
        ({"projects": good()["projects"][:1]}, "projects", None, "", "import.sheet_not_allowed"),
        ({"grants": good()["grants"][:1]}, "grants", None, "", "import.sheet_not_allowed"),
    ],
)  # fmt: skip
def test_imp009_a_lead_cannot_import_elsewhere(engine, rows, sheet, row, column, reason):
    assert run(engine, workbook(good())).status == "imported"
    before = checksum(engine)
    report = run(engine, workbook(rows), viewer=_lead_of(engine, "P1"))
    assert report.status == "refused"
    assert [(p.sheet, p.row, p.column, p.reason) for p in report.problems] == [
        (sheet, row, column, reason)
    ]
    assert checksum(engine) == before


def test_imp010_funders_and_the_network_may_not_import(engine):
    report = run(engine, workbook(good()), viewer=Viewer.funder(1))
    assert report.status == "refused"
    assert {p.reason for p in report.problems} == {
        "import.sheet_not_allowed",
        "import.not_writable",
    }
    assert checksum(engine) == checksum(engine)
    assert scalar(engine, select(func.count()).select_from(Project)) == 0


# --- bad files: one case per kind of problem -----------------------------------------------


def _set(sheet: str, row: int, column: int, value):
    def change(rows):
        rows[sheet][row][column] = value

    return change


def _add(sheet: str, row: list):
    def change(rows):
        rows[sheet].append(row)

    return change


def _header(sheet: str, position: int, name):
    def change(rows):
        from data_access.importer.template import SHEET_BY_KEY

        names = [column.key for column in SHEET_BY_KEY[sheet].columns]
        if name is None:
            del names[position]
            for row in rows[sheet]:
                del row[position]
        else:
            names[position] = name
        rows[f"{sheet}:header"] = names

    return change


BAD_ROWS = [
    # (case, change, sheet, row, column, value, reason)
    ("required", _set("funders", 0, 1, ""), "funders", 2, "name", "", "validation.required"),
    ("code", _set("funders", 0, 2, "rich"), "funders", 2, "kind", "rich", "import.unknown_code"),
    ("yes_no", _set("funders", 1, 3, "misschien"), "funders", 3, "named_to_network", "misschien", "import.not_yes_no"),
    ("region", _set("organisations", 0, 2, "gent"), "organisations", 2, "region", "gent", "import.unknown_code"),
    ("theme", _set("projects", 0, 4, "sport"), "projects", 2, "theme", "sport", "import.unknown_code"),
    ("sub_theme", _set("projects", 0, 5, "climate"), "projects", 2, "sub_theme", "climate", "import.sub_theme"),
    ("date", _set("projects", 0, 7, "31/02/2024"), "projects", 2, "start_date", "31/02/2024", "validation.not_a_date"),
    ("month_first", _set("projects", 0, 7, "12/31/2024"), "projects", 2, "start_date", "12/31/2024", "validation.not_a_date"),
    ("end_before_start", _set("projects", 0, 8, "01/01/2023"), "projects", 2, "end_date", "01/01/2023", "import.end_before_start"),
    ("too_long", _set("projects", 0, 2, "x" * 201), "projects", 2, "name", "x" * 59 + "…", "validation.too_long"),
    ("unknown_organisation", _set("projects", 1, 1, "O9"), "projects", 3, "organisation", "O9", "import.unknown_reference"),
    ("project_twice", _add("projects", good()["projects"][1]), "projects", 4, "reference", "P2", "import.duplicate_in_file"),
    ("amount_text", _set("grants", 0, 3, "veel"), "grants", 2, "amount", "veel", "validation.not_a_number"),
    ("amount_ambiguous", _set("grants", 0, 3, "1.234"), "grants", 2, "amount", "1.234", "validation.ambiguous_number"),
    ("amount_negative", _set("grants", 0, 3, "-5"), "grants", 2, "amount", "-5", "validation.below_minimum"),
    ("amount_decimals", _set("grants", 0, 3, "12,345"), "grants", 2, "amount", "12,345", "import.too_many_decimals"),
    ("amount_formula", _set("grants", 0, 3, "=2*3"), "grants", 2, "amount", "=2*3", "validation.formula"),
    ("currency", _set("grants", 0, 4, "EURO"), "grants", 2, "currency", "EURO", "import.currency"),
    ("euro_required", _set("grants", 0, 4, "USD"), "grants", 2, "amount_eur", "", "import.euro_required"),
    ("unknown_funder", _set("grants", 1, 0, "F9"), "grants", 3, "funder", "F9", "import.unknown_reference"),
    ("stage", _set("elements", 0, 1, "middle"), "elements", 2, "stage", "middle", "import.unknown_code"),
    ("position", _set("elements", 2, 2, "1,5"), "elements", 4, "position", "1,5", "validation.not_a_whole_number"),
    ("next_stage", _set("links", 0, 3, "impact"), "links", 2, "to_stage", "impact", "import.next_stage"),
    ("link_end", _set("links", 0, 4, 7), "links", 2, "to_position", "P1 / outcome / 7", "import.unknown_reference"),
    ("source_kind", _set("sources", 0, 6, "assumption"), "sources", 2, "kind", "assumption", "import.unknown_code"),
    ("url", _set("sources", 0, 8, "ftp://x"), "sources", 2, "url", "ftp://x", "import.not_a_url"),
    ("year", _set("sources", 0, 9, 3000), "sources", 2, "year", "3000", "validation.above_maximum"),
    ("unit", _set("indicators", 0, 5, "appels"), "indicators", 2, "unit", "appels", "import.unknown_code"),
    ("unit_for_kind", _set("indicators", 1, 5, "persons"), "indicators", 3, "unit", "persons", "import.unit_for_kind"),
    ("baseline", _set("indicators", 0, 10, ""), "indicators", 2, "baseline_value", "", "validation.required"),
    ("target_date", _set("indicators", 0, 13, "01/01/2023"), "indicators", 2, "target_date", "01/01/2023", "import.end_before_start"),
    ("percent_range", _set("indicators", 1, 12, "120"), "indicators", 3, "target_value", "120", "validation.above_maximum"),
    ("indicator_element", _set("indicators", 2, 3, 5), "indicators", 4, "position", "P2 / outcome / 5", "import.unknown_reference"),
    ("unknown_indicator", _set("measurements", 0, 1, "I9"), "measurements", 2, "indicator", "I9", "import.unknown_reference"),
    ("negative_count", _set("measurements", 0, 3, "-3"), "measurements", 2, "value", "-3", "validation.negative"),
    ("whole_count", _set("measurements", 0, 3, "2,5"), "measurements", 2, "value", "2,5", "validation.not_a_whole_number"),
    ("future", _set("measurements", 0, 2, "31/12/2030"), "measurements", 2, "period_end", "31/12/2030", "validation.date_in_future"),
    ("not_for_kind", _set("measurements", 0, 6, "veel"), "measurements", 2, "text", "veel", "entries.not_for_kind"),
    ("numerator_above", _set("measurements", 2, 4, "61"), "measurements", 4, "numerator", "61", "validation.numerator_above_denominator"),
    ("denominator_zero", _set("measurements", 2, 5, "0"), "measurements", 4, "denominator", "0", "validation.not_positive"),
    ("value_required", _set("measurements", 3, 3, ""), "measurements", 5, "value", "", "validation.required"),
    ("measured_twice", _add("measurements", ["P1", "I1", "2024-12-31", "36", "", "", "", "", ""]), "measurements", 6, "period_end", "31/12/2024", "import.duplicate_in_file"),
    ("formula_equals", _set("stories", 0, 2, '=HYPERLINK("http://x")'), "stories", 2, "title", '=HYPERLINK("http://x")', "validation.formula"),
    ("formula_plus", _set("stories", 0, 3, "+32 470 00 00 00"), "stories", 2, "text", "+32 470 00 00 00", "validation.formula"),
    ("formula_minus", _set("stories", 0, 4, "-An"), "stories", 2, "author", "-An", "validation.formula"),
    ("formula_at", _set("stories", 0, 4, "@An"), "stories", 2, "author", "@An", "validation.formula"),
    ("funder_name_in_file", _set("funders", 1, 1, "Stichting Een"), "funders", 3, "name", "Stichting Een", "import.duplicate_in_file"),
    ("unknown_column", _header("stories", 4, "schrijver"), "stories", 1, "schrijver", "schrijver", "import.unknown_column"),
    ("missing_column", _header("stories", 4, None), "stories", 1, "auteur / author", "", "import.missing_column"),
    ("duplicate_column", _header("stories", 3, "title"), "stories", 1, "title", "title", "import.duplicate_column"),
    ("no_header", _add("funders", ["F3", "Derde", "other", "nee", "extra"]), "funders", 4, "E", "extra", "import.no_header"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "sheet", "row", "column", "value", "reason"),
    [pytest.param(*case[1:], id=case[0]) for case in BAD_ROWS],
)
def test_imp011_a_bad_value_is_named_and_nothing_changes(
    engine, change, sheet, row, column, value, reason
):
    assert run(engine, workbook(good())).status == "imported"
    before = checksum(engine)
    rows = good()
    change(rows)
    report = run(engine, workbook(rows))
    assert report.status == "refused"
    assert (sheet, row, column, value, reason) in [
        (p.sheet, p.row, p.column, p.value, p.reason) for p in report.problems
    ], report.problems
    assert checksum(engine) == before
    assert batches(engine)[-1][0] == "refused"


def test_imp012_a_name_taken_in_the_database_is_refused(engine):
    assert run(engine, workbook(good())).status == "imported"
    rows = good()
    rows["funders"] = [["F3", "Stichting Een", "family", "ja"]]
    report = run(engine, workbook(rows))
    assert [(p.sheet, p.row, p.column, p.reason, p.placeholders) for p in report.problems] == [
        ("funders", 2, "name", "import.duplicate_in_database", {"reference": "F1"})
    ]


def test_imp013_every_problem_is_reported_at_once(engine):
    rows = good()
    rows["funders"][0][2] = "rich"
    rows["projects"][1][7] = "gisteren"
    rows["measurements"][0][3] = "veel"
    report = run(engine, workbook(rows))
    assert [(p.sheet, p.row, p.column) for p in report.problems] == [
        ("funders", 2, "kind"),
        ("projects", 3, "start_date"),
        ("measurements", 2, "value"),
    ]
    assert scalar(engine, select(func.count()).select_from(Project)) == 0


def _latin1_csv() -> bytes:
    return zipped({"verhalen.csv": "project;periode_einde;titel;tekst;auteur\r\nP1;31/12/2024;Caf\xe9;x;y\r\n".encode("latin-1")})  # fmt: skip


BAD_FILES = [
    # (case, bytes, file name, sheet, row, reason)
    ("empty_bytes", lambda: b"", "x.xlsx", "", None, "import.empty_file"),
    ("empty_template", lambda: workbook({}), "x.xlsx", "", None, "import.empty_file"),
    ("not_a_template", lambda: b"hello, world", "x.txt", "", None, "import.unknown_format"),
    ("damaged_zip", lambda: b"PK\x03\x04" + b"\x00" * 50, "x.xlsx", "", None, "import.unreadable"),
    ("missing_sheet", lambda: workbook(good(), skip=("stories",)), "x.xlsx", "verhalen", None, "import.missing_sheet"),
    ("extra_sheet", lambda: workbook(good(), extra={"notities": [["a"]]}), "x.xlsx", "notities", None, "import.extra_sheet"),
    ("latin1_csv", _latin1_csv, "x.zip", "verhalen.csv", 2, "import.encoding"),
    ("utf16_csv", lambda: zipped({"verhalen.csv": "project;titel\r\n".encode("utf-16")}), "x.zip", "verhalen.csv", 1, "import.encoding"),
    ("not_csv_in_zip", lambda: zipped({"notes.txt": b"hello"}), "x.zip", "notes.txt", None, "import.not_csv"),
    ("unknown_csv", lambda: zipped({"budget.csv": b"a;b\r\n1;2\r\n"}), "x.zip", "budget.csv", None, "import.extra_sheet"),
    ("empty_csv", lambda: zipped({"metingen.csv": b""}), "x.zip", "metingen.csv", None, "import.empty_sheet"),
    ("control_character", lambda: zipped({"verhalen.csv": b"project;periode_einde;titel;tekst;auteur\r\nP1;31/12/2024;a\x01b;x;y\r\n"}), "x.zip", "verhalen.csv", 2, "validation.control_character"),
    ("sheet_twice", lambda: zipped({"stories.csv": b"a\r\n", "verhalen.csv": b"b\r\n"}), "x.zip", "verhalen.csv", None, "import.duplicate_sheet"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("make", "name", "sheet", "row", "reason"),
    [pytest.param(*case[1:], id=case[0]) for case in BAD_FILES],
)
def test_imp014_a_bad_file_is_named_and_nothing_changes(engine, make, name, sheet, row, reason):
    assert run(engine, workbook(good())).status == "imported"
    before = checksum(engine)
    report = run(engine, make(), name)
    assert report.status == "refused"
    assert (sheet, row, reason) in [(p.sheet, p.row, p.reason) for p in report.problems], (
        report.problems
    )
    assert checksum(engine) == before


def test_imp015_an_oversize_file_is_refused_before_reading(engine):
    report = run(engine, workbook(good()), max_bytes=1000)
    assert [(p.reason, p.placeholders) for p in report.problems] == [
        ("import.too_large", {"maximum": "0 MB"})
    ]


def test_imp016_refused_imports_are_recorded_with_their_problems(engine):
    import json

    rows = good()
    rows["funders"][0][2] = "rich"
    run(engine, workbook(rows), "slecht.xlsx")
    with engine.connect() as conn:
        batch = conn.execute(select(ImportBatch)).one()
    assert (batch.status, batch.filename, batch.rows_added) == ("refused", "slecht.xlsx", 0)
    assert len(batch.sha256) == 64
    assert json.loads(batch.message)["problems"][0]["reason"] == "import.unknown_code"


# --- texts -----------------------------------------------------------------------------------

PLACEHOLDERS = {
    "maximum": "50 MB", "expected": "a, b", "allowed": "x, y", "decimals": "2", "start": "01/01/2024",
    "kind": "number", "sheet": "projecten", "row": "3", "reference": "F1", "file": "x.xlsx",
    "count": "2",
}  # fmt: skip


@pytest.mark.parametrize("key", sorted(k for k in TEXTS if k.startswith("import.")))
def test_imp017_every_import_text_reads_in_every_language(key):
    assert set(TEXTS[key]) == set(LANGUAGES)
    for lang in LANGUAGES:
        assert "{" not in t(key, lang, **PLACEHOLDERS)


def test_imp018_every_reason_the_importer_gives_has_a_text():
    import pathlib
    import re

    source = (
        "".join(path.read_text() for path in pathlib.Path("data_access/importer").glob("*.py"))
        + pathlib.Path("data_access/validation.py").read_text()
    )
    reasons = set(re.findall(r'"(import\.[a-z_]+)"', source))
    assert reasons and reasons <= set(TEXTS)


def test_imp019_the_template_imports_as_empty_and_explains_every_column(tmp_path, engine):
    from openpyxl import load_workbook

    from data_access.importer.template import SHEETS

    path = tmp_path / "sjabloon.xlsx"
    importer.write_template(path, lambda key: t(key, "en"), "en")
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == ["explanation", *[sheet.key for sheet in SHEETS]]
    explained = {row[1] for row in book["explanation"].iter_rows(values_only=True) if row[1]}
    assert {c.key for s in SHEETS for c in s.columns} <= explained
    book.close()
    report = importer.run(engine, path, ADMIN, today=TODAY)
    assert [p.reason for p in report.problems] == ["import.empty_file"]
