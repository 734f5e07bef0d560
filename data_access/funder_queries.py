"""The Funders page's queries: funders side by side, attribution and co-funding.

Which funders and projects each figure may count, and what is suppressed or anonymised, comes
from ``data_access.scope`` (``scoped_funder_projects``); here the figures are added up in SQL.

Co-funding rule, the same in every figure: a co-funded project's results (people reached,
outcomes per € 1 000) are attributed to each funder by its share of the money the project
received. Project counts, theme, status, stage and evidence mixes describe the projects a
funder supports and count each of them whole, once per funder.
"""

from __future__ import annotations

import datetime as dt
import functools
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, String, case, distinct, func, literal, select, union_all

from data_access import rollups, scope
from data_access.facts import (
    STATUS_COLUMNS,
    can_materialize,
    maybe_materialized,
    period_key,
    quarter_end,
)
from data_access.filters import PortfolioFilter
from data_access.frames import typed_frame
from data_access.models import (
    ALL_STAGES,
    ChangeLogicElement,
    FunderCell,
    FunderEvidenceCell,
    FunderPairCell,
    FunderQuarterCell,
    FunderStageCell,
    Indicator,
    ProgressByQuarter,
    Project,
    ProjectProgress,
    ProjectStageProgress,
)
from data_access.viewer import Viewer
from data_access.vocabulary import PEOPLE_UNIT, STATUSES

TREND_QUARTERS = 12
TREND_FUNDERS = 6  # lines on one chart
# Funders shown when none is chosen: the viewer's own, then those with the most money. More
# do not fit a chart a room can read, and each one shown costs time and answer size.
DEFAULT_FUNDERS = 8

CHOICE_COLUMNS = {"funder_id": "int64", "name": "string", "letter": "Int64", "detail": "bool"}
SUMMARY_COLUMNS = {
    "funder_id": "int64",
    "projects": "int64",
    "co_funded": "int64",
    "money_eur": "float64",
    "indicators": "int64",
    "measured": "int64",
    "avg_progress": "float64",
    **STATUS_COLUMNS,
    "suppressed": "bool",
}
THEME_COLUMNS = {
    "funder_id": "int64",
    "level": "string",
    "theme": "string",
    "sub_theme": "string",
    "projects": "int64",
    "money_eur": "float64",
    "suppressed": "bool",
}
STAGE_COLUMNS = {
    "funder_id": "int64",
    "level": "string",
    "stage": "string",
    "projects": "int64",
    "indicators": "int64",
    "measured": "int64",
    "avg_progress": "float64",
    "avg_expected": "float64",
    "suppressed": "bool",
}
EVIDENCE_COLUMNS = {
    "funder_id": "int64",
    "level": "string",
    "basis": "string",
    "projects": "int64",
    "elements": "int64",
    "suppressed": "bool",
}
TREND_COLUMNS = {
    "funder_id": "int64",
    "period_end": "datetime64[s]",
    "projects": "int64",
    "measurements": "int64",
    "avg_progress": "float64",
    "suppressed": "bool",
}
OUTCOME_COLUMNS = {
    "funder_id": "int64",
    "projects": "int64",
    "people": "float64",
    "money_eur": "float64",
    "per_1000": "float64",
    "suppressed": "bool",
}
PAIR_COLUMNS = {
    "first": "int64",
    "second": "int64",
    "projects": "int64",
    "money_first": "float64",
    "suppressed": "bool",
}
PAIR_PROJECT_COLUMNS = {"project_id": "int64", "name": "string", "theme": "string"}


def funder_choices(engine: Engine, viewer: Viewer) -> pd.DataFrame:
    """The funders the viewer may compare: id, name (missing where it may not be shown),
    letter (the anonymous code's number) and whether it is seen in detail; own funders
    first, then named funders by name, then the unnamed by letter."""
    funders = scope.scoped_comparable_funders(viewer)
    stmt = select(
        funders.c.id.label("funder_id"), funders.c.name, funders.c.letter, funders.c.detail
    )
    frame = typed_frame(scope.read(engine, stmt), CHOICE_COLUMNS)
    frame["detail"] = [bool(v) for v in frame.detail]
    order = frame.assign(_own=~frame.detail, _anonymous=frame.name.isna())
    order = order.sort_values(["_own", "_anonymous", "name", "letter"], na_position="last")
    return order[list(CHOICE_COLUMNS)].reset_index(drop=True)


@dataclass(frozen=True)
class FunderComparison:
    """Everything the Funders page shows for one viewer and a choice of funders."""

    summary: pd.DataFrame
    themes: pd.DataFrame
    stages: pd.DataFrame
    evidence: pd.DataFrame
    trend: pd.DataFrame
    outcomes: pd.DataFrame
    pairs: pd.DataFrame


def compare_funders(
    engine: Engine,
    viewer: Viewer,
    funder_ids,
    today: dt.date | None = None,
    trend_funders: int = TREND_FUNDERS,
    use_cells: bool = True,
    summary: pd.DataFrame | None = None,
) -> FunderComparison:
    """The figures of each chosen funder, side by side. A funder's figures do not depend on
    which other funders are chosen (choosing differently reveals nothing new), so a
    ``summary`` from ``funder_summary`` over more funders may be handed in and is reused.

    With today's snapshot built (the usual case), every figure adds up the funder cells of
    that date (``models.FunderCell`` and the like: a few thousand rows), the trend the funder
    quarter cells; otherwise, and with ``use_cells=False``, the funders' projects one by one."""
    today = today or dt.date.today()
    funder_ids = sorted({int(f) for f in funder_ids})
    snapshot = rollups.ensure_snapshot(engine, today, today)
    detail = _detail_funders(viewer, funder_ids)
    cells = use_cells and snapshot
    if summary is None:
        summary = _suppressed_summary(engine, viewer, funder_ids, today, cells, snapshot)
    else:
        summary = summary[summary.funder_id.isin(funder_ids)].reset_index(drop=True)
    # The trend is drawn for the largest few funders only: only theirs is read.
    trend_ids = largest_funders(summary, trend_funders)
    trend = _trend_cells if use_cells else _trend
    if cells:
        jobs = {
            "themes": lambda: _themes_cells(engine, viewer, funder_ids, today),
            "stages": lambda: _stages_cells(engine, viewer, funder_ids, today),
            "evidence": lambda: _evidence_cells(engine, viewer, funder_ids, today),
            "outcomes": lambda: _outcomes_cells(engine, viewer, funder_ids, today),
            "pairs": lambda: _pairs_cells(engine, viewer, funder_ids, today),
        }
    else:
        jobs = {
            "themes": lambda: _themes(engine, viewer, funder_ids),
            "stages": lambda: _stages(engine, viewer, funder_ids, today, snapshot),
            "evidence": lambda: _evidence(engine, viewer, funder_ids),
            "outcomes": lambda: _outcomes(engine, viewer, funder_ids),
            "pairs": lambda: _pairs(engine, viewer, funder_ids),
        }
    jobs["trend"] = lambda: trend(engine, viewer, trend_ids, today)
    futures = {name: pool().submit(job) for name, job in jobs.items()}
    frames = {name: future.result() for name, future in futures.items()}
    return FunderComparison(
        summary=summary,
        themes=scope.suppress_funder_tree(frames["themes"], detail),
        stages=scope.suppress_funder_tree(
            frames["stages"], detail, levels=("total", "stage"), keys=("stage",)
        ),
        evidence=scope.suppress_funder_tree(
            frames["evidence"], detail, levels=("total", "basis"), keys=("basis",)
        ),
        trend=scope.suppress_funder_rows(frames["trend"], detail, keep=("period_end",)),
        outcomes=scope.suppress_funder_rows(frames["outcomes"], detail),
        pairs=scope.suppress_pairs(frames["pairs"], detail),
    )


def funder_summary(
    engine: Engine, viewer: Viewer, funder_ids, today: dt.date | None = None
) -> pd.DataFrame:
    """Per funder: projects, money, indicators and their status, as the viewer may see them
    (suppressed row by row for funders not seen in detail): ``compare_funders``'s summary,
    alone, which it takes back in (``summary=``). ``funder_ids`` None: every funder the
    viewer may compare."""
    today = today or dt.date.today()
    snapshot = rollups.ensure_snapshot(engine, today, today)
    return _suppressed_summary(engine, viewer, funder_ids, today, snapshot, snapshot)


def _suppressed_summary(engine, viewer, funder_ids, today, use_cells: bool, snapshot: bool):
    """The summary of the chosen funders (every one the viewer may compare when
    ``funder_ids`` is None), suppressed."""
    if funder_ids is not None:
        funder_ids = sorted({int(f) for f in funder_ids})
    if use_cells and snapshot:
        found = _summary_cells(engine, viewer, funder_ids, today)
    else:
        found = _summary(engine, viewer, funder_ids, today, snapshot)
    detail = _detail_funders(viewer, [int(f) for f in found.funder_id])
    return scope.suppress_funder_rows(found, detail)


def default_funders(summary: pd.DataFrame, own, count: int = DEFAULT_FUNDERS) -> list[int]:
    """The funders shown when none is chosen: the ``own`` ones (a funder account's), then
    those with the most money as the viewer sees it, up to ``count``. A hidden figure ranks
    nothing: funders shown as "too few to show" come last, by id."""
    own = [int(f) for f in summary.funder_id if int(f) in set(own)]
    others = summary[~summary.funder_id.isin(own)]
    money = others.money_eur.where(~others.suppressed.astype(bool)).fillna(-1.0)
    ranked = others.assign(_money=money).sort_values(
        ["_money", "funder_id"], ascending=[False, True]
    )
    return own + [int(f) for f in ranked.funder_id.head(max(count - len(own), 0))]


@functools.cache
def pool() -> ThreadPoolExecutor:
    """The threads the figures' statements run on side by side, started on first use and
    kept (starting them for every answer cost more than some of the statements)."""
    return ThreadPoolExecutor(max_workers=3, thread_name_prefix="funders")


def largest_funders(summary: pd.DataFrame, count: int) -> list[int]:
    """The ``count`` funders with the most projects among those shown (not hidden)."""
    visible = summary[~summary.suppressed].sort_values(
        ["projects", "funder_id"], ascending=[False, True]
    )
    return [int(f) for f in visible.funder_id.head(count)]


def _detail_funders(viewer: Viewer, funder_ids) -> set[int]:
    if viewer.role == "admin":
        return set(funder_ids)
    if viewer.role == "funder":
        return set(funder_ids) & set(viewer.funder_ids)
    return set()


def _funder_rows(viewer: Viewer, funder_ids, materialize: bool):
    """The chosen funders' projects as each counts for its funder (a CTE over the scope's)."""
    rows = scope.scoped_funder_projects(viewer, funder_ids, materialize)
    mine = select(rows).where(scope.in_funder_view(rows)).cte("funder_projects")
    return maybe_materialized(mine, materialize)


def _summary(engine, viewer, funder_ids, today, snapshot: bool) -> pd.DataFrame:
    """Per funder: projects, co-funded projects, money, indicators and status counts."""
    materialize = can_materialize(engine)
    rows = _funder_rows(viewer, funder_ids, materialize)
    progress = _project_progress(today, snapshot)
    measured = func.sum(progress.c.measured)
    stmt = (
        select(
            rows.c.funder_id,
            func.count(rows.c.id).label("projects"),
            func.sum(case((rows.c.share < 0.999, 1), else_=0)).label("co_funded"),
            func.sum(rows.c.money).label("money_eur"),
            func.coalesce(func.sum(progress.c.indicators), 0).label("indicators"),
            func.coalesce(measured, 0).label("measured"),
            (func.sum(progress.c.progress_sum) / func.nullif(measured, 0)).label("avg_progress"),
            *[func.coalesce(func.sum(progress.c[s]), 0).label(s) for s in STATUSES],
        )
        .outerjoin(progress, progress.c.project_id == rows.c.id)
        .group_by(rows.c.funder_id)
        .order_by(rows.c.funder_id)
    )
    return typed_frame(scope.read(engine, stmt), SUMMARY_COLUMNS)


def _project_progress(today: dt.date, snapshot: bool):
    table = ProjectProgress
    columns = [table.project_id, table.indicators, table.measured, table.progress_sum]
    columns += [table.__table__.c[s] for s in STATUSES]
    stmt = select(*columns).where(table.as_of == today)
    if not snapshot:
        stmt = stmt.where(literal(False))
    return stmt.subquery("progress")


def _levels(rows, level_name: str, key, aggregates) -> list:
    """One select per level: the funder's total, then per ``key`` value."""
    total = select(
        rows.c.funder_id,
        literal("total", String).label("level"),
        literal(None, String).label(level_name),
        *aggregates,
    ).group_by(rows.c.funder_id)
    per_key = select(
        rows.c.funder_id,
        literal(level_name, String).label("level"),
        key.label(level_name),
        *aggregates,
    ).group_by(rows.c.funder_id, key)
    return [total, per_key]


def _themes(engine, viewer, funder_ids) -> pd.DataFrame:
    """Per funder: projects and money in total, per theme and per sub-theme."""
    rows = _funder_rows(viewer, funder_ids, can_materialize(engine))
    aggregates = [func.count(rows.c.id).label("projects"), func.sum(rows.c.money).label("money")]

    def level(name: str, *groups):
        theme = rows.c.theme if groups else literal(None, String)
        sub_theme = rows.c.sub_theme if len(groups) > 1 else literal(None, String)
        return select(
            rows.c.funder_id,
            literal(name, String).label("level"),
            theme.label("theme"),
            sub_theme.label("sub_theme"),
            *aggregates,
        ).group_by(rows.c.funder_id, *groups)

    stmt = union_all(
        level("total"),
        level("theme", rows.c.theme),
        level("sub_theme", rows.c.theme, rows.c.sub_theme),
    )
    found = scope.read(engine, stmt)
    for row in found:
        row["money_eur"] = row.pop("money")
    return _sorted(typed_frame(found, THEME_COLUMNS), ["funder_id", "level", "theme", "sub_theme"])


def _stages(engine, viewer, funder_ids, today, snapshot: bool) -> pd.DataFrame:
    """Per funder and change-logic stage: projects with indicators there, average realised
    and expected progress of the measured ones (from the stage snapshot)."""
    rows = _funder_rows(viewer, funder_ids, can_materialize(engine))
    stages = ProjectStageProgress
    # The snapshot already holds one row per project and stage: joined straight to the
    # funders' projects, one row per funder, project and stage.
    per_stage = (
        select(
            rows.c.funder_id,
            rows.c.id,
            stages.stage,
            stages.indicators,
            stages.measured,
            stages.progress_sum,
            stages.expected_sum,
        )
        .join(stages, stages.project_id == rows.c.id)
        .where(stages.as_of == today, literal(snapshot))
        .cte("per_stage")
    )
    measured = func.sum(per_stage.c.measured)
    aggregates = [
        func.count(distinct(per_stage.c.id)).label("projects"),
        func.sum(per_stage.c.indicators).label("indicators"),
        measured.label("measured"),
        (func.sum(per_stage.c.progress_sum) / func.nullif(measured, 0)).label("avg_progress"),
        (func.sum(per_stage.c.expected_sum) / func.nullif(measured, 0)).label("avg_expected"),
    ]
    stmt = union_all(*_levels(per_stage, "stage", per_stage.c.stage, aggregates))
    frame = typed_frame(scope.read(engine, stmt), STAGE_COLUMNS)
    return _sorted(frame, ["funder_id", "level", "stage"])


def _evidence(engine, viewer, funder_ids) -> pd.DataFrame:
    """Per funder and evidence basis: the steps of its projects' change logic resting on
    research, practice or an assumption, and the projects with such steps."""
    rows = _funder_rows(viewer, funder_ids, can_materialize(engine))
    element = ChangeLogicElement
    per_project = (
        select(element.project_id, element.evidence.label("basis"), func.count().label("steps"))
        .where(element.project_id.in_(select(rows.c.id)))
        .group_by(element.project_id, element.evidence)
        .subquery("per_project")
    )
    elements = (
        select(rows.c.funder_id, rows.c.id, per_project.c.basis, per_project.c.steps)
        .join(per_project, per_project.c.project_id == rows.c.id)
        .cte("elements")
    )
    aggregates = [
        func.count(distinct(elements.c.id)).label("projects"),
        func.sum(elements.c.steps).label("elements"),
    ]
    stmt = union_all(*_levels(elements, "basis", elements.c.basis, aggregates))
    return _sorted(typed_frame(scope.read(engine, stmt), EVIDENCE_COLUMNS), ["funder_id", "level"])


def _trend(engine, viewer, funder_ids, today) -> pd.DataFrame:
    """Per funder and quarter (the last three years): average capped progress of the
    measurements of that quarter, and the projects they come from."""
    rows = _funder_rows(viewer, funder_ids, can_materialize(engine))
    quarters = ProgressByQuarter
    key = quarters.year * 10 + quarters.quarter
    first = today - dt.timedelta(days=91 * TREND_QUARTERS)
    total = func.sum(quarters.measurements)
    stmt = (
        select(
            rows.c.funder_id,
            quarters.year,
            quarters.quarter,
            func.count(distinct(quarters.project_id)).label("projects"),
            total.label("measurements"),
            (func.sum(quarters.progress_sum) / func.nullif(total, 0)).label("avg_progress"),
        )
        .join(quarters, quarters.project_id == rows.c.id)
        .where(key >= period_key(first), key <= period_key(today))
        .group_by(rows.c.funder_id, quarters.year, quarters.quarter)
        .order_by(rows.c.funder_id, quarters.year, quarters.quarter)
    )
    return _trend_rows(scope.read(engine, stmt))


def _trend_rows(found: list[dict]) -> pd.DataFrame:
    for row in found:
        row["period_end"] = quarter_end(int(row.pop("year")), int(row.pop("quarter")))
    return typed_frame(found, TREND_COLUMNS)


def _outcomes(engine, viewer, funder_ids) -> pd.DataFrame:
    """Per funder: people reached, attributed by its share of each project's money, per
    € 1 000 it granted to the projects that count people (the latest values)."""
    rows = _funder_rows(viewer, funder_ids, can_materialize(engine))
    value = case(
        (Indicator.accumulation == "cumulative", Indicator.latest_value),
        else_=Indicator.latest_sum,
    )
    people = (
        select(Indicator.project_id, func.sum(value).label("people"))
        .where(
            Indicator.project_id.in_(select(rows.c.id)),
            Indicator.unit == PEOPLE_UNIT,
            Indicator.measure_kind == "number",
            Indicator.summable.is_(True),
            value.is_not(None),
        )
        .group_by(Indicator.project_id)
        .subquery("people")
    )
    money = func.sum(rows.c.money)
    attributed = func.sum(rows.c.share * people.c.people)
    stmt = (
        select(
            rows.c.funder_id,
            func.count(rows.c.id).label("projects"),
            attributed.label("people"),
            money.label("money_eur"),
            (1000.0 * attributed / func.nullif(money, 0)).label("per_1000"),
        )
        .join(people, people.c.project_id == rows.c.id)
        .group_by(rows.c.funder_id)
        .order_by(rows.c.funder_id)
    )
    return typed_frame(scope.read(engine, stmt), OUTCOME_COLUMNS)


def _pairs(engine, viewer, funder_ids) -> pd.DataFrame:
    """Per ordered pair of chosen funders: the projects both support (as the viewer may count
    them) and the first funder's money in them."""
    rows = scope.scoped_funder_projects(viewer, funder_ids, can_materialize(engine))
    first, second = rows.alias("first_funder"), rows.alias("second_funder")
    stmt = (
        select(
            first.c.funder_id.label("first"),
            second.c.funder_id.label("second"),
            func.count().label("projects"),
            func.sum(first.c.money).label("money_first"),
        )
        .join(second, second.c.id == first.c.id)
        .where(first.c.funder_id != second.c.funder_id, scope.pair_in_view(first, second))
        .group_by(first.c.funder_id, second.c.funder_id)
        .order_by(first.c.funder_id, second.c.funder_id)
    )
    return typed_frame(scope.read(engine, stmt), PAIR_COLUMNS)


# --- the same figures from the funder cells of a snapshot date ------------------------------


def _funder_cells(viewer, funder_ids, table, today):
    """The chosen funders' rows of a funder cell table at ``today``, as the viewer counts."""
    rows = scope.scoped_funder_cells(viewer, funder_ids, table)
    return rows, rows.c.as_of == today


def _summary_cells(engine, viewer, funder_ids, today) -> pd.DataFrame:
    cells, on_date = _funder_cells(viewer, funder_ids, FunderCell, today)
    measured = func.sum(cells.c.measured)
    stmt = (
        select(
            cells.c.funder_id,
            func.sum(cells.c.projects).label("projects"),
            func.sum(cells.c.co_funded).label("co_funded"),
            func.sum(cells.c.money_eur).label("money_eur"),
            func.sum(cells.c.indicators).label("indicators"),
            measured.label("measured"),
            (func.sum(cells.c.progress_sum) / func.nullif(measured, 0)).label("avg_progress"),
            *[func.sum(cells.c[s]).label(s) for s in STATUSES],
        )
        .where(on_date)
        .group_by(cells.c.funder_id)
        .order_by(cells.c.funder_id)
    )
    return typed_frame(scope.read(engine, stmt), SUMMARY_COLUMNS)


def _themes_cells(engine, viewer, funder_ids, today) -> pd.DataFrame:
    cells, on_date = _funder_cells(viewer, funder_ids, FunderCell, today)
    aggregates = [
        func.sum(cells.c.projects).label("projects"),
        func.sum(cells.c.money_eur).label("money_eur"),
    ]

    def level(name: str, *groups):
        theme = cells.c.theme if groups else literal(None, String)
        sub_theme = cells.c.sub_theme if len(groups) > 1 else literal(None, String)
        return (
            select(
                cells.c.funder_id,
                literal(name, String).label("level"),
                theme.label("theme"),
                sub_theme.label("sub_theme"),
                *aggregates,
            )
            .where(on_date)
            .group_by(cells.c.funder_id, *groups)
        )

    stmt = union_all(
        level("total"),
        level("theme", cells.c.theme),
        level("sub_theme", cells.c.theme, cells.c.sub_theme),
    )
    frame = typed_frame(scope.read(engine, stmt), THEME_COLUMNS)
    return _sorted(frame, ["funder_id", "level", "theme", "sub_theme"])


def _cell_levels(cells, on_date, key_name: str, aggregates) -> list:
    """The total (from the cells' ``ALL_STAGES`` rows: a project counts once there) and one
    row per ``key_name`` value."""
    whole = cells.c[key_name] == ALL_STAGES
    total = (
        select(
            cells.c.funder_id,
            literal("total", String).label("level"),
            literal(None, String).label(key_name),
            *aggregates,
        )
        .where(on_date, whole)
        .group_by(cells.c.funder_id)
    )
    per_key = (
        select(
            cells.c.funder_id,
            literal(key_name, String).label("level"),
            cells.c[key_name],
            *aggregates,
        )
        .where(on_date, ~whole)
        .group_by(cells.c.funder_id, cells.c[key_name])
    )
    return [total, per_key]


def _stages_cells(engine, viewer, funder_ids, today) -> pd.DataFrame:
    cells, on_date = _funder_cells(viewer, funder_ids, FunderStageCell, today)
    measured = func.sum(cells.c.measured)
    aggregates = [
        func.sum(cells.c.projects).label("projects"),
        func.sum(cells.c.indicators).label("indicators"),
        measured.label("measured"),
        (func.sum(cells.c.progress_sum) / func.nullif(measured, 0)).label("avg_progress"),
        (func.sum(cells.c.expected_sum) / func.nullif(measured, 0)).label("avg_expected"),
    ]
    stmt = union_all(*_cell_levels(cells, on_date, "stage", aggregates))
    frame = typed_frame(scope.read(engine, stmt), STAGE_COLUMNS)
    return _sorted(frame, ["funder_id", "level", "stage"])


def _evidence_cells(engine, viewer, funder_ids, today) -> pd.DataFrame:
    cells, on_date = _funder_cells(viewer, funder_ids, FunderEvidenceCell, today)
    aggregates = [
        func.sum(cells.c.projects).label("projects"),
        func.sum(cells.c.elements).label("elements"),
    ]
    stmt = union_all(*_cell_levels(cells, on_date, "basis", aggregates))
    return _sorted(typed_frame(scope.read(engine, stmt), EVIDENCE_COLUMNS), ["funder_id", "level"])


def _outcomes_cells(engine, viewer, funder_ids, today) -> pd.DataFrame:
    cells, on_date = _funder_cells(viewer, funder_ids, FunderCell, today)
    money = func.sum(cells.c.people_money_eur)
    attributed = func.sum(cells.c.people)
    stmt = (
        select(
            cells.c.funder_id,
            func.sum(cells.c.people_projects).label("projects"),
            attributed.label("people"),
            money.label("money_eur"),
            (1000.0 * attributed / func.nullif(money, 0)).label("per_1000"),
        )
        .where(on_date, cells.c.people_projects > 0)
        .group_by(cells.c.funder_id)
        .order_by(cells.c.funder_id)
    )
    return typed_frame(scope.read(engine, stmt), OUTCOME_COLUMNS)


def _trend_cells(engine, viewer, funder_ids, today) -> pd.DataFrame:
    """``_trend`` from the funder quarter cells (not tied to a snapshot date)."""
    cells = scope.scoped_funder_cells(viewer, funder_ids, FunderQuarterCell)
    key = cells.c.year * 10 + cells.c.quarter
    first = today - dt.timedelta(days=91 * TREND_QUARTERS)
    total = func.sum(cells.c.measurements)
    stmt = (
        select(
            cells.c.funder_id,
            cells.c.year,
            cells.c.quarter,
            func.sum(cells.c.projects).label("projects"),
            total.label("measurements"),
            (func.sum(cells.c.progress_sum) / func.nullif(total, 0)).label("avg_progress"),
        )
        .where(key >= period_key(first), key <= period_key(today))
        .group_by(cells.c.funder_id, cells.c.year, cells.c.quarter)
        .order_by(cells.c.funder_id, cells.c.year, cells.c.quarter)
    )
    return _trend_rows(scope.read(engine, stmt))


def _pairs_cells(engine, viewer, funder_ids, today) -> pd.DataFrame:
    cells = scope.scoped_funder_pair_cells(viewer, funder_ids, FunderPairCell)
    stmt = (
        select(
            cells.c.first,
            cells.c.second,
            func.sum(cells.c.projects).label("projects"),
            func.sum(cells.c.money_first).label("money_first"),
        )
        .where(cells.c.as_of == today)
        .group_by(cells.c.first, cells.c.second)
        .order_by(cells.c.first, cells.c.second)
    )
    return typed_frame(scope.read(engine, stmt), PAIR_COLUMNS)


def pair_projects(engine: Engine, viewer: Viewer, first: int, second: int) -> pd.DataFrame:
    """The projects two funders both support that the viewer may see by name (none for the
    network), by name."""
    projects = scope.scoped_projects(viewer, PortfolioFilter(), scope.Lens.DETAIL, False)
    stmt = (
        select(Project.id.label("project_id"), Project.name, Project.theme)
        .join(projects, projects.c.id == Project.id)
        .where(scope.pair_projects(viewer, first, second))
        .order_by(Project.name)
        .limit(200)
    )
    return typed_frame(scope.read(engine, stmt), PAIR_PROJECT_COLUMNS)


def _sorted(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    order = {"total": 0}
    return frame.sort_values(
        columns, key=lambda c: c.map(lambda v: order.get(v, 1)) if c.name == "level" else c
    ).reset_index(drop=True)
