"""The README's walk-through: the example portfolio in ``examples/`` is refused with exactly
the five problems the README shows, changes nothing, and after the README's five fixes
imports once and shows up in the views."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from sqlalchemy import func, select

from data_access import importer, scope
from data_access.filters import PortfolioFilter
from data_access.models import Measurement, Project
from data_access.portfolio_queries import portfolio_overview
from data_access.project_queries import project_tiles
from data_access.viewer import Viewer
from tests.import_files import checksum

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "voorbeeldportefeuille"
ADMIN = Viewer("admin", name="beheerder")
TODAY = dt.date(2026, 11, 28)

# (file, row, column): the places the README's report names.
PROBLEMS = [
    ("metingen.csv", 24, "periode_einde"),
    ("metingen.csv", 41, "indicator"),
    ("projecten.csv", 3, "thema"),
    ("steun.csv", 3, "bedrag"),
    ("verhalen.csv", 3, "titel"),
]
# The README's fixes, as (file, what the file says, what it should say).
FIXES = [
    ("metingen.csv", "IND-000150;31/06/2024;", "IND-000150;30/06/2024;"),
    ("metingen.csv", "IND-000115;2025-03-31;", "IND-000151;2025-03-31;"),
    ("projecten.csv", ";mensen;", ";people;"),
    ("steun.csv", ";ongeveer 59000;", ";59000;"),
    ("verhalen.csv", ";=Nieuwe partner aan boord;", ";Nieuwe partner aan boord;"),
]


def project_count(engine) -> int:
    with engine.connect() as conn:
        return scope.trusted(conn).scalar(select(func.count()).select_from(Project))


def test_exm001_the_readme_walk_through_holds(engine, tmp_path):
    folder = tmp_path / "voorbeeldportefeuille"
    shutil.copytree(EXAMPLE, folder)
    before = checksum(engine)

    refused = importer.run(engine, folder, ADMIN, today=TODAY)
    assert refused.status == "refused"
    assert refused.filename == "voorbeeldportefeuille"
    assert [(p.sheet, p.row, p.column) for p in refused.problems] == PROBLEMS
    assert checksum(engine) == before and project_count(engine) == 0

    for name, wrong, right in FIXES:
        path = folder / name
        content = path.read_text(encoding="utf-8")
        assert content.count(wrong) == 1, (name, wrong)
        path.write_text(content.replace(wrong, right), encoding="utf-8")

    imported = importer.run(engine, folder, ADMIN, today=TODAY)
    assert imported.status == "imported", imported.problems
    assert imported.counts["projects"].added == 5
    assert imported.counts["measurements"].added == 556
    again = importer.run(engine, folder, ADMIN, today=TODAY)
    assert again.status == "unchanged"

    # The five projects are in the views, with the money the file grants them.
    overview = portfolio_overview(engine, ADMIN, PortfolioFilter(), TODAY)
    figures = overview.key_figures.iloc[0]
    assert figures.projects == 5
    with engine.connect() as conn:
        measured = scope.trusted(conn).scalar(select(func.count()).select_from(Measurement))
    assert measured == 556
    tiles = project_tiles(engine, ADMIN, PortfolioFilter(), today=TODAY)
    names = set(tiles.tiles.name)
    assert {"Niet alleen in De Panne", "Verhalen van Zele"} <= names
    themes = overview.themes.set_index("theme")
    assert themes.projects.to_dict() == {"people": 2, "society": 3}
    granted = sum(
        int(line.split(";")[3])
        for line in (folder / "steun.csv").read_text().split("\n")[1:]
        if line
    )
    assert figures.money_eur == granted
