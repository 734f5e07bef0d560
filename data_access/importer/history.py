"""The import history shown on the Data page: administrators see every import, a project
lead only the imports made under their own login, nobody else any."""

from __future__ import annotations

import json

import pandas as pd
from sqlalchemy import Engine, select

from data_access.models import ImportBatch
from data_access.viewer import Viewer

COLUMNS = {
    "id": "int64",
    "imported_at": "datetime64[us]",
    "imported_by": "string",
    "filename": "string",
    "status": "string",
    "added": "int64",
    "changed": "int64",
    "unchanged": "int64",
    "problems": "int64",
}
LIMIT = 50


def import_history(engine: Engine, viewer: Viewer, login: str, limit: int = LIMIT) -> pd.DataFrame:
    """The latest imports the viewer may see, newest first (``login``: who the viewer is,
    as the importer recorded it)."""
    if viewer.role not in ("admin", "project"):
        return _frame([])
    stmt = (
        select(
            ImportBatch.id,
            ImportBatch.imported_at,
            ImportBatch.imported_by,
            ImportBatch.filename,
            ImportBatch.status,
            ImportBatch.rows_added.label("added"),
            ImportBatch.rows_updated.label("changed"),
            ImportBatch.rows_unchanged.label("unchanged"),
            ImportBatch.message,
        )
        .where(ImportBatch.kind == "template")
        .order_by(ImportBatch.id.desc())
        .limit(limit)
    )
    if viewer.role != "admin":
        stmt = stmt.where(ImportBatch.imported_by == login[:120])
    with engine.connect() as conn:
        rows = [dict(row) for row in conn.execute(stmt).mappings()]
    for row in rows:
        row["problems"] = _problem_count(row.pop("message"))
    return _frame(rows)


def _problem_count(message: str) -> int:
    try:
        return int(json.loads(message or "{}").get("total", 0))
    except (ValueError, TypeError, AttributeError):
        return 0


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    return frame.astype(COLUMNS)
