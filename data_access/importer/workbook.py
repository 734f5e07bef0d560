"""The empty template people download: one sheet per table with its header row, and an
explanation sheet (what each column means, whether it is required, allowed codes, an example).

The words come from the caller (``text(key)``), which translates; this module only lays out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from data_access.importer.template import SHEETS

EXPLANATION_TITLE = {"nl": "uitleg", "en": "explanation", "fr": "explication"}


def write_template(
    target: str | Path | BinaryIO,
    text: Callable[[str], str] = lambda key: key,
    lang: str = "nl",
) -> None:
    """Write the template workbook to ``target``: Dutch column names for ``lang`` "nl",
    English ones otherwise (the import accepts both)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    explanation = book.active
    explanation.title = EXPLANATION_TITLE.get(lang, "explanation")
    heading = ["sheet", "column", "required", "meaning", "codes", "example"]
    explanation.append([text(f"import.template.{key}") for key in heading])
    explanation.append([])
    explanation.append([text("import.template.intro")])
    for sheet in SHEETS:
        name = sheet.nl if lang == "nl" else sheet.key
        explanation.append([])
        explanation.append([name, "", "", text(f"import.sheet.{sheet.key}")])
        explanation.cell(explanation.max_row, 1).font = Font(bold=True)
        data = book.create_sheet(name)
        data.append([column.nl if lang == "nl" else column.key for column in sheet.columns])
        for position, column in enumerate(sheet.columns, start=1):
            data.cell(1, position).font = Font(bold=True)
            data.column_dimensions[get_column_letter(position)].width = 18
            example = column.example
            if isinstance(example, dt.date):
                example = example.strftime("%d/%m/%Y")
            explanation.append(
                [
                    name,
                    column.nl if lang == "nl" else column.key,
                    text("import.template.yes") if column.required else "",
                    text(f"import.column.{sheet.key}.{column.key}"),
                    ", ".join(column.codes),
                    str(example),
                ]
            )
        data.freeze_panes = "A2"
    for letter, width in zip("ABCDEF", (16, 20, 10, 70, 40, 24), strict=True):
        explanation.column_dimensions[letter].width = width
    for row in explanation.iter_rows(min_row=1, max_row=explanation.max_row):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in explanation[1]:
        cell.font = Font(bold=True)
    book.save(target)
