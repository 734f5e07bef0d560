"""``filantrimpact import``: exit status 0 when imported or unchanged, 2 when refused; the
report in the chosen language; ``--as`` imports with an account's rights."""

from __future__ import annotations

from sqlalchemy import func, select

from dashboard import cli
from data_access import accounts, scope
from data_access.db import make_engine
from data_access.models import ImportBatch, Project
from tests.import_files import csv_files, good, workbook, zipped


def _file(tmp_path, rows, name="portefeuille.xlsx"):
    path = tmp_path / name
    path.write_bytes(workbook(rows) if name.endswith(".xlsx") else zipped(csv_files(rows)))
    return path


def _count(url, model):
    engine = make_engine(url)
    with engine.connect() as conn:
        count = scope.trusted(conn).scalar(select(func.count()).select_from(model))
    engine.dispose()
    return count


def test_icli001_import_then_again_then_a_bad_file(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    path = _file(tmp_path, good())
    assert cli.main(["import", str(path), "--database-url", url, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Imported: portefeuille.xlsx" in out and "projects: 2 added" in out
    assert cli.main(["import", str(path), "--database-url", url, "--lang", "nl"]) == 0
    assert "Niets veranderd" in capsys.readouterr().out
    rows = good()
    rows["grants"][0][3] = "1.234"
    bad = _file(tmp_path, rows, "slecht.zip")
    assert cli.main(["import", str(bad), "--database-url", url, "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "Refused: slecht.zip" in err
    assert "steun.csv #2 bedrag «1.234»: ambiguous" in err
    assert _count(url, ImportBatch) == 3


def test_icli002_a_dry_run_writes_nothing(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    path = _file(tmp_path, good())
    assert cli.main(["import", str(path), "--dry-run", "--database-url", url, "--lang", "en"]) == 0
    assert "Dry run" in capsys.readouterr().out
    assert _count(url, Project) == 0


def test_icli003_a_lead_imports_only_into_their_project(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    assert cli.main(["import", str(_file(tmp_path, good())), "--database-url", url]) == 0
    engine = make_engine(url)
    with engine.connect() as conn:
        project = scope.trusted(conn).scalar(select(Project.id).where(Project.reference == "P1"))
    password = "Lang-genoeg-wachtwoord-1"
    accounts.add_user(engine, "lead", "project", password=password, project_ids=[project])
    engine.dispose()
    other = {"measurements": [["P2", "I1", "31/03/2026", "600", "", "", "", "", ""]]}
    path = _file(tmp_path, other, "ander.xlsx")
    assert cli.main(["import", str(path), "--as", "lead", "--database-url", url]) == 2
    assert "geen project waaraan u gegevens mag toevoegen" in capsys.readouterr().err
    own = {"measurements": [["P1", "I1", "31/03/2026", "60", "", "", "", "", ""]]}
    path = _file(tmp_path, own, "eigen.xlsx")
    assert cli.main(["import", str(path), "--as", "lead", "--database-url", url]) == 0
    assert cli.main(["import", str(path), "--as", "nobody", "--database-url", url]) == 1


def test_icli004_the_template_is_written_once(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    path = tmp_path / "sjabloon.xlsx"
    assert cli.main(["import-template", str(path), "--database-url", url]) == 0
    assert path.stat().st_size > 0
    assert cli.main(["import-template", str(path), "--database-url", url]) == 1
    other = tmp_path / "template.xlsx"
    assert (
        cli.main(["import", str(other), "--template", "--lang", "en", "--database-url", url]) == 0
    )
    capsys.readouterr()
    assert cli.main(["import", str(other), "--database-url", url, "--lang", "en"]) == 2
    assert "the file is empty" in capsys.readouterr().err
