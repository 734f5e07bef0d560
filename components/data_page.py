"""The import report in words: every problem as a row (sheet, row, column, value, reason) and
the counts per sheet, in the user's language. Used by the command line and the Data page."""

from __future__ import annotations

from components.i18n import t
from data_access.importer.template import SHEET_BY_KEY

REPORT_COLUMNS = ("sheet", "row", "column", "value", "reason")


def problem_rows(report, lang: str) -> list[dict[str, str]]:
    """One dict per problem, the reason translated with its placeholders filled in."""
    return [
        {
            "sheet": found.sheet or t("import.whole_file", lang),
            "row": "" if found.row is None else str(found.row),
            "column": found.column,
            "value": found.value,
            "reason": t(found.reason, lang, **found.placeholders),
        }
        for found in report.problems
    ]


def headline(report, lang: str) -> str:
    return t(f"import.status.{report.status}", lang, file=report.filename,
             count=len(report.problems))  # fmt: skip


def count_lines(report, lang: str) -> list[str]:
    """'metingen: 3 nieuw, 1 gewijzigd, 0 ongewijzigd' per sheet with rows in the file."""
    words = {key: t(f"import.report.{key}", lang) for key in ("added", "changed", "unchanged")}
    lines = []
    for key, counts in report.counts.items():
        if counts.added or counts.changed or counts.unchanged:
            sheet = SHEET_BY_KEY[key].nl if lang == "nl" else key
            lines.append(
                f"{sheet}: {counts.added} {words['added']}, {counts.changed} {words['changed']}, "
                f"{counts.unchanged} {words['unchanged']}"
            )
    return lines


def report_text(report, lang: str) -> str:
    """The whole report as plain text (the command line prints it)."""
    lines = [headline(report, lang)]
    if report.status == "refused":
        for row in problem_rows(report, lang):
            place = " ".join(part for part in (row["sheet"], row["row"] and f"#{row['row']}",
                                                row["column"]) if part)  # fmt: skip
            value = f" «{row['value']}»" if row["value"] else ""
            lines.append(f"  {place}{value}: {row['reason']}")
    else:
        lines += [f"  {line}" for line in count_lines(report, lang)]
    return "\n".join(lines)
