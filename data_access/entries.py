"""Measurements and stories entered by hand, and the short lists the Project page shows.

A write validates every field (``data_access.validation``), checks inside one transaction that
the viewer may write to the project (``scope.writable_projects``) and that nothing is
overwritten, and refreshes the derived data in that same transaction; any problem and nothing
is written. Reads go through ``scope.read`` on the viewer's writable projects.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.exc import IntegrityError

from data_access import rollups, scope, validation
from data_access.facts import typed_frame
from data_access.models import Indicator, Measurement, Story
from data_access.validation import Problem, is_blank, keep, problem
from data_access.viewer import Viewer

MAX_ID = 2**31 - 1
SOURCE_LENGTH = 200
NAME_LENGTH = 120
MEASUREMENT_TEXT_LENGTH = 2_000
TITLE_LENGTH = 200
STORY_LENGTH = 5_000
FIRST_PERIOD_END = dt.date(2000, 1, 1)

INDICATOR_COLUMNS = {
    "indicator_id": "int64",
    "project_id": "int64",
    "name": "string",
    "unit": "string",
    "measure_kind": "string",
    "baseline_value": "float64",
    "target_value": "float64",
    "latest_period_end": "datetime64[s]",
}
MEASUREMENT_COLUMNS = {
    "measurement_id": "int64",
    "indicator_id": "int64",
    "indicator": "string",
    "unit": "string",
    "measure_kind": "string",
    "period_end": "datetime64[s]",
    "value": "float64",
    "numerator": "float64",
    "denominator": "float64",
    "text": "string",
    "source": "string",
    "entered_by": "string",
    "entered_at": "datetime64[s]",
}
STORY_COLUMNS = {
    "story_id": "int64",
    "period_end": "datetime64[s]",
    "title": "string",
    "text": "string",
    "author": "string",
    "created_at": "datetime64[s]",
}

# The order of the fields on the form: problems are listed in it.
FIELD_ORDER = (
    "project",
    "indicator",
    "period_end",
    "value",
    "numerator",
    "denominator",
    "title",
    "story",
    "text",
    "source",
    "entered_by",
)
# The value fields each kind of indicator takes; the others must stay empty.
VALUE_FIELDS = {
    "number": ("value",),
    "percentage": ("numerator", "denominator"),
    "qualitative": ("text",),
}


class _Refused(Exception):
    """Leaves the write transaction, rolling it back: some field had a problem."""


# --- reads ---------------------------------------------------------------------------------


PROJECT_CHOICES = 50


def project_options(
    engine: Engine, viewer: Viewer, search: object = "", keep: object = None
) -> list[tuple[int, str]]:
    """The projects the viewer may add to whose name contains ``search``, as (id, name), by
    name: at most ``PROJECT_CHOICES`` of them (an administrator may add to thousands), plus
    the one already chosen (``keep``)."""
    projects = scope.scoped_writable_projects(viewer)
    stmt = select(projects.c.id, projects.c.name).order_by(projects.c.name, projects.c.id)
    # Typed text, so anything: no lone surrogates (the database driver refuses them).
    words = (
        search.strip()[:100].encode("utf-8", "ignore").decode() if isinstance(search, str) else ""
    )
    if words:
        pattern = "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        stmt = stmt.where(projects.c.name.ilike(pattern, escape="\\"))
    found = [
        (int(row["id"]), row["name"]) for row in scope.read(engine, stmt.limit(PROJECT_CHOICES))
    ]
    kept = _id_or_zero(keep)
    if kept and all(project_id != kept for project_id, _ in found):
        chosen = select(projects.c.id, projects.c.name).where(projects.c.id == kept)
        found += [(int(row["id"]), row["name"]) for row in scope.read(engine, chosen)]
    return found


def indicators(engine: Engine | Connection, viewer: Viewer, project_id: object) -> pd.DataFrame:
    """The indicators of one project the viewer may add to (none for any other id)."""
    return _indicators(engine, viewer, Indicator.project_id == _id_or_zero(project_id))


def indicator(
    engine: Engine | Connection, viewer: Viewer, indicator_id: object
) -> pd.Series | None:
    """One indicator the viewer may add a measurement to, or None."""
    frame = _indicators(engine, viewer, Indicator.id == _id_or_zero(indicator_id))
    return None if frame.empty else frame.iloc[0]


def _indicators(engine, viewer: Viewer, condition) -> pd.DataFrame:
    projects = scope.scoped_writable_projects(viewer)
    stmt = (
        select(
            Indicator.id.label("indicator_id"),
            Indicator.project_id,
            Indicator.name,
            Indicator.unit,
            Indicator.measure_kind,
            Indicator.baseline_value,
            Indicator.target_value,
            Indicator.latest_period_end,
        )
        .join(projects, projects.c.id == Indicator.project_id)
        .where(condition)
        .order_by(Indicator.name, Indicator.id)
    )
    return typed_frame(scope.read(engine, stmt), INDICATOR_COLUMNS)


def recent_measurements(
    engine: Engine, viewer: Viewer, project_id: object, limit: int = 8
) -> pd.DataFrame:
    """The project's measurements entered last (newest first), if the viewer may add to it."""
    return _measurements(engine, viewer, [Indicator.project_id == _id_or_zero(project_id)], limit)


def saved_measurement(
    engine: Engine, viewer: Viewer, indicator_id: object, period_end: dt.date
) -> pd.DataFrame:
    """The measurement of one indicator and period (0 or 1 row), as the lists show it."""
    conditions = [
        Measurement.indicator_id == _id_or_zero(indicator_id),
        Measurement.period_end == period_end,
    ]
    return _measurements(engine, viewer, conditions, 1)


def _measurements(engine, viewer: Viewer, conditions: list, limit: int) -> pd.DataFrame:
    projects = scope.scoped_writable_projects(viewer)
    stmt = (
        select(
            Measurement.id.label("measurement_id"),
            Measurement.indicator_id,
            Indicator.name.label("indicator"),
            Indicator.unit,
            Indicator.measure_kind,
            Measurement.period_end,
            Measurement.value,
            Measurement.numerator,
            Measurement.denominator,
            Measurement.text,
            Measurement.source,
            Measurement.entered_by,
            Measurement.entered_at,
        )
        .join(Indicator, Indicator.id == Measurement.indicator_id)
        .join(projects, projects.c.id == Indicator.project_id)
        .where(*conditions)
        .order_by(Measurement.entered_at.desc(), Measurement.id.desc())
        .limit(limit)
    )
    return typed_frame(scope.read(engine, stmt), MEASUREMENT_COLUMNS)


def recent_stories(engine: Engine, viewer: Viewer, project_id: object, limit: int = 5):
    """The project's stories written last (newest first), if the viewer may add to it."""
    projects = scope.scoped_writable_projects(viewer)
    stmt = (
        select(
            Story.id.label("story_id"),
            Story.period_end,
            Story.title,
            Story.text,
            Story.author,
            Story.created_at,
        )
        .join(projects, projects.c.id == Story.project_id)
        .where(Story.project_id == _id_or_zero(project_id))
        .order_by(Story.created_at.desc(), Story.id.desc())
        .limit(limit)
    )
    return typed_frame(scope.read(engine, stmt), STORY_COLUMNS)


def _id_or_zero(raw: object) -> int:
    """An id from the browser, or 0 (which matches nothing) for anything else."""
    parsed = validation.parse_whole_number("id", raw, minimum=1, maximum=MAX_ID)
    return 0 if isinstance(parsed, Problem) else parsed


# --- writes --------------------------------------------------------------------------------


def add_measurement(
    engine: Engine,
    viewer: Viewer,
    *,
    indicator_id: object,
    period_end: object,
    value: object = None,
    numerator: object = None,
    denominator: object = None,
    text: object = None,
    source: object = "",
    entered_by: str,
    today: dt.date | None = None,
) -> list[Problem]:
    """Add one measurement; the problems, if any, and then nothing is written.

    For a number indicator ``value``, for a percentage ``numerator`` and ``denominator``
    (stored with value = 100 * numerator / denominator), for a qualitative one ``text``.
    """
    problems: list[Problem] = []
    chosen = keep(_chosen_id("indicator", indicator_id, "entries.choose_indicator"), problems)
    period = _period_end(period_end, today or dt.date.today(), problems)
    row = {
        "source": keep(validation.text("source", source, max_length=SOURCE_LENGTH), problems),
        "entered_by": _who(entered_by, problems),
    }
    given = {"value": value, "numerator": numerator, "denominator": denominator, "text": text}
    target = None
    try:
        with engine.begin() as conn:
            if chosen is not None:
                target = indicator(conn, viewer, chosen)
                if target is None:
                    problems.append(problem("indicator", indicator_id, "entries.not_writable"))
                else:
                    row |= _measured(target, given, problems)
                    if period is not None and _measured_already(conn, chosen, period):
                        problems.append(
                            problem(
                                "period_end", period, "entries.duplicate", indicator=target["name"]
                            )
                        )
            if problems:
                raise _Refused
            entered_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            conn.execute(
                insert(Measurement).values(
                    indicator_id=chosen, period_end=period, entered_at=entered_at, **row
                )
            )
            rollups.refresh(conn, [int(target["project_id"])])
    except _Refused:
        return in_form_order(problems)
    except IntegrityError:  # written by someone else in the meantime
        return [problem("period_end", period, "entries.duplicate", indicator=target["name"])]
    return []


def add_story(
    engine: Engine,
    viewer: Viewer,
    *,
    project_id: object,
    period_end: object,
    title: object,
    text: object,
    author: str,
    today: dt.date | None = None,
) -> list[Problem]:
    """Add one story to a project; the problems, if any, and then nothing is written."""
    problems: list[Problem] = []
    chosen = keep(_chosen_id("project", project_id, "entries.choose_project"), problems)
    period = _period_end(period_end, today or dt.date.today(), problems)
    row = {
        "title": keep(
            validation.text("title", title, max_length=TITLE_LENGTH, required=True), problems
        ),
        "text": keep(
            validation.text("story", text, max_length=STORY_LENGTH, required=True), problems
        ),
        "author": _who(author, problems),
    }
    try:
        with engine.begin() as conn:
            if chosen is not None:
                if not _may_write(conn, viewer, chosen):
                    problems.append(problem("project", project_id, "entries.not_writable"))
                elif period and row["title"] and _told_already(conn, chosen, period, row["title"]):
                    problems.append(problem("title", title, "entries.duplicate_story"))
            if problems:
                raise _Refused
            created_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            conn.execute(
                insert(Story).values(
                    project_id=chosen, period_end=period, created_at=created_at, **row
                )
            )
            # Tiles show the latest story: cached answers from before it are stale.
            rollups.bump_version(conn)
    except _Refused:
        return in_form_order(problems)
    return []


def in_form_order(problems: list[Problem]) -> list[Problem]:
    """Problems in the order of the fields on the form (several for one field stay as found)."""
    rank = {name: position for position, name in enumerate(FIELD_ORDER)}
    return sorted(problems, key=lambda found: rank.get(found.field, len(rank)))


def _chosen_id(field: str, raw: object, missing_reason: str) -> int | Problem:
    """An id picked from a list: "choose one" when empty; anything malformed is simply not
    one of the viewer's (the same answer as for someone else's id, which says nothing)."""
    if is_blank(raw):
        return problem(field, raw, missing_reason)
    parsed = validation.parse_whole_number(field, raw, minimum=1, maximum=MAX_ID)
    return problem(field, raw, "entries.not_writable") if isinstance(parsed, Problem) else parsed


def _period_end(raw: object, today: dt.date, problems: list[Problem]) -> dt.date | None:
    period = keep(validation.parse_date("period_end", raw), problems)
    if period is not None:
        period = keep(validation.not_in_future("period_end", period, today), problems)
    if period is not None:
        period = keep(validation.date_within("period_end", period, FIRST_PERIOD_END), problems)
    return period


def _who(raw: object, problems: list[Problem]) -> str | None:
    return keep(validation.text("entered_by", raw, max_length=NAME_LENGTH, required=True), problems)


def _measured(target: pd.Series, given: dict, problems: list[Problem]) -> dict:
    """The value columns for the indicator's kind, checked for its unit."""
    kind, unit = str(target["measure_kind"]), str(target["unit"])
    for name, raw in given.items():
        if name not in VALUE_FIELDS[kind] and not is_blank(raw):
            problems.append(problem(name, raw, "entries.not_for_kind"))
    if kind == "qualitative":
        note = validation.text(
            "text", given["text"], max_length=MEASUREMENT_TEXT_LENGTH, required=True
        )
        return {"text": keep(note, problems)}
    if kind == "number":
        value = keep(validation.parse_number("value", given["value"]), problems)
        for check in (validation.not_negative_for_unit, validation.whole_for_unit):
            if value is not None:
                value = keep(check("value", value, unit, raw=given["value"]), problems)
        return {"value": value}
    numerator = keep(validation.parse_number("numerator", given["numerator"]), problems)
    denominator = keep(validation.parse_number("denominator", given["denominator"]), problems)
    if denominator is not None:
        checked = validation.positive("denominator", denominator, raw=given["denominator"])
        denominator = keep(checked, problems)
    percent = None
    if numerator is not None and denominator is not None:
        percent = keep(validation.share(numerator, denominator, raw=given["numerator"]), problems)
    return {"value": percent, "numerator": numerator, "denominator": denominator}


def _may_write(conn: Connection, viewer: Viewer, project_id: int) -> bool:
    projects = scope.scoped_writable_projects(viewer)
    stmt = select(projects.c.id).where(projects.c.id == project_id)
    return bool(scope.read(conn, stmt))


def _measured_already(conn: Connection, indicator_id: int, period_end: dt.date) -> bool:
    stmt = select(Measurement.id).where(
        Measurement.indicator_id == indicator_id, Measurement.period_end == period_end
    )
    return scope.trusted(conn).execute(stmt.limit(1)).first() is not None


def _told_already(conn: Connection, project_id: int, period_end: dt.date, title: str) -> bool:
    """A story with the same title for the same period (a second click on Save)."""
    stmt = select(Story.id).where(
        Story.project_id == project_id, Story.period_end == period_end, Story.title == title
    )
    return scope.trusted(conn).execute(stmt.limit(1)).first() is not None
