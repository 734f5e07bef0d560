"""Per change-logic stage, for any page: desired vs realised progress (``stage_totals``) and
how the steps are grounded (``evidence_totals``), from the cells when the view takes in whole
cells (``scope.takes_whole_cells``: the administrator's and the network's portfolio without a
funder or a period), else from the per-project rows.

Both return the same typed, fixed-column frame either way — a "total" row (always, also when
nothing matches) and a row per stage present, input to impact — suppressed for the lens as the
stages of a page are (a hidden stage also hides another, or the total).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Engine, Float, String, case, cast, distinct, func, literal, select, union_all

from data_access import frames, rollups, scope
from data_access.facts import (
    STATUS_COLUMNS,
    can_materialize,
    indicator_facts,
    maybe_materialized,
    status_counts,
)
from data_access.filters import PortfolioFilter
from data_access.models import (
    ALL_STAGES,
    ChangeLogicElement,
    EvidenceCell,
    ProjectStageProgress,
    StageCell,
)
from data_access.viewer import Viewer
from data_access.vocabulary import EVIDENCE, STAGES, STATUSES

STAGE_TOTAL_COLUMNS = {
    "level": "string",  # "total" or "stage"
    "stage": "string",  # <NA> on the total row
    "projects": "int64",  # distinct projects with quantitative indicators (at that stage)
    "indicators": "int64",
    "measured": "int64",
    "progress_sum": "float64",  # capped progress, over the measured indicators
    "expected_sum": "float64",  # expected progress at the as-of date, over the same
    "avg_progress": "float64",  # realised: progress_sum / measured
    "avg_expected": "float64",  # desired: expected_sum / measured
    **STATUS_COLUMNS,
    "suppressed": "bool",
}
EVIDENCE_TOTAL_COLUMNS = {
    "level": "string",
    "stage": "string",
    "projects": "int64",  # distinct projects with steps (at that stage)
    "elements": "int64",
    **{basis: "int64" for basis in EVIDENCE},
    "suppressed": "bool",
}
_STAGE_SUMS = ("indicators", "measured", "progress_sum", "expected_sum", *STATUSES)


def stage_totals(
    engine: Engine,
    viewer: Viewer,
    filt: PortfolioFilter,
    today: dt.date | None = None,
    lens: scope.Lens | None = None,
    snapshots: bool = True,
) -> pd.DataFrame:
    """Per stage and in total (``STAGE_TOTAL_COLUMNS``): projects, indicators, measured,
    progress and expected sums and averages, status counts, at the filter's as-of date.

    Adds up the stage cells of the as-of date (``stage_cell``) for views over whole cells;
    else the ``project_stage_progress`` rows of the projects in view; else (a date without a
    snapshot, or ``snapshots=False``) computes from the indicators. ``lens`` defaults to the
    viewer's portfolio lens.
    """
    today = today or dt.date.today()
    as_of = filt.as_of(today)
    lens = lens or scope.portfolio_lens(viewer)
    snapshot = snapshots and rollups.ensure_snapshot(engine, as_of, dt.date.today())
    if snapshot and scope.takes_whole_cells(viewer, filt):
        stmt = _stage_cells(viewer, filt, lens, as_of)
    else:
        stmt = _stage_projects(engine, viewer, filt, lens, as_of, snapshot)
    frame = _stage_sorted(frames.typed_frame(scope.read(engine, stmt), STAGE_TOTAL_COLUMNS))
    return _suppress(frame, lens)


def evidence_totals(
    engine: Engine, viewer: Viewer, filt: PortfolioFilter, lens: scope.Lens | None = None
) -> pd.DataFrame:
    """Per stage and in total (``EVIDENCE_TOTAL_COLUMNS``): the steps (change-logic elements)
    of the projects in view, how many rest on research, on practice, on an assumption only,
    and their distinct projects. Evidence has no as-of date. Reads the evidence cells for
    views over whole cells, else the elements of the projects in view."""
    lens = lens or scope.portfolio_lens(viewer)
    if scope.takes_whole_cells(viewer, filt):
        cells = scope.scoped_cells(viewer, filt, lens, EvidenceCell).c
        sums = [
            func.coalesce(func.sum(cells[name]), 0).label(name)
            for name in ("projects", "elements", *EVIDENCE)
        ]
        total = select(_level("total"), literal(None, String).label("stage"), *sums).where(
            cells.stage == ALL_STAGES
        )
        stages = (
            select(_level("stage"), cells.stage, *sums)
            .where(cells.stage != ALL_STAGES)
            .group_by(cells.stage)
        )
    else:
        projects = scope.scoped_projects(viewer, filt, lens, can_materialize(engine))
        element = ChangeLogicElement

        def level(name: str, *groups):
            return (
                select(
                    _level(name),
                    *(groups or [literal(None, String).label("stage")]),
                    func.count(distinct(element.project_id)).label("projects"),
                    func.count().label("elements"),
                    *[
                        func.coalesce(func.sum(case((element.evidence == b, 1), else_=0)), 0).label(
                            b
                        )
                        for b in EVIDENCE
                    ],
                )
                .join(projects, projects.c.id == element.project_id)
                .group_by(*groups)
            )

        total, stages = level("total"), level("stage", element.stage)
    frame = frames.typed_frame(scope.read(engine, union_all(total, stages)), EVIDENCE_TOTAL_COLUMNS)
    return _suppress(_stage_sorted(frame), lens)


def _stage_cells(viewer: Viewer, filt: PortfolioFilter, lens: scope.Lens, as_of: dt.date):
    """The stage cells in view added up: the cells' rows over every stage for the total (their
    project counts are distinct over stages), the stage rows per stage."""
    cells = scope.scoped_cells(viewer, filt, lens, StageCell).c
    figures = _stage_figures({name: cells[name] for name in ("projects", *_STAGE_SUMS)})
    total = select(_level("total"), literal(None, String).label("stage"), *figures).where(
        cells.as_of == as_of, cells.stage == ALL_STAGES
    )
    stages = (
        select(_level("stage"), cells.stage, *figures)
        .where(cells.as_of == as_of, cells.stage != ALL_STAGES)
        .group_by(cells.stage)
    )
    return union_all(total, stages)


def _stage_projects(
    engine: Engine,
    viewer: Viewer,
    filt: PortfolioFilter,
    lens: scope.Lens,
    as_of: dt.date,
    snapshot: bool,
):
    """Per project and stage in view (``project_stage_progress``, or from the indicators
    without a snapshot), added up per stage and in total with distinct projects."""
    materialize = can_materialize(engine)
    projects = scope.scoped_projects(viewer, filt, lens, materialize)
    if snapshot:
        stats = ProjectStageProgress.__table__.c
        rows = (
            select(stats.project_id, stats.stage, *[stats[name] for name in _STAGE_SUMS])
            .join(projects, projects.c.id == stats.project_id)
            .where(stats.as_of == as_of)
        )
    else:
        facts = indicator_facts(projects, as_of, materialize, stage=True)
        measured_expected = case((facts.c.progress.is_not(None), facts.c.expected))
        rows = select(
            facts.c.project_id,
            facts.c.stage,
            func.count().label("indicators"),
            func.count(facts.c.progress).label("measured"),
            func.sum(facts.c.capped_progress).label("progress_sum"),
            func.sum(measured_expected).label("expected_sum"),
            *status_counts(facts.c.status),
        ).group_by(facts.c.project_id, facts.c.stage)
    per_stage = maybe_materialized(rows.cte("project_stage"), materialize).c

    def level(name: str, *groups):
        figures = _stage_figures(
            {"projects": distinct(per_stage.project_id), **{n: per_stage[n] for n in _STAGE_SUMS}},
            count_projects=True,
        )
        stage = groups or [literal(None, String).label("stage")]
        return select(_level(name), *stage, *figures).group_by(*groups)

    return union_all(level("total"), level("stage", per_stage.stage))


def _stage_figures(columns: dict, count_projects: bool = False) -> list:
    """The aggregates of a stage row over ``columns`` (projects and ``_STAGE_SUMS``): sums
    (or a count of the distinct projects), and the averages over the measured indicators."""
    projects = func.count(columns["projects"]) if count_projects else func.sum(columns["projects"])
    measured = func.sum(columns["measured"])
    progress, expected = func.sum(columns["progress_sum"]), func.sum(columns["expected_sum"])
    counts = ["indicators", *STATUSES]
    return [
        func.coalesce(projects, 0).label("projects"),
        *[func.coalesce(func.sum(columns[name]), 0).label(name) for name in counts],
        func.coalesce(measured, 0).label("measured"),
        cast(progress, Float).label("progress_sum"),
        cast(expected, Float).label("expected_sum"),
        cast(progress / func.nullif(measured, 0), Float).label("avg_progress"),
        cast(expected / func.nullif(measured, 0), Float).label("avg_expected"),
    ]


def _level(name: str):
    return literal(name, String).label("level")


def _stage_sorted(frame: pd.DataFrame) -> pd.DataFrame:
    """Total first, then the stages from input to impact."""
    order = {stage: rank for rank, stage in enumerate(STAGES)}
    rank = frame.stage.map(order).astype("float64").fillna(-1)
    frame = frame.assign(_rank=rank.where(frame.level != "total", -2))
    return frame.sort_values("_rank", kind="stable").drop(columns="_rank").reset_index(drop=True)


def _suppress(frame: pd.DataFrame, lens: scope.Lens) -> pd.DataFrame:
    """Stages add up to the total: a hidden stage also hides another (or the total)."""
    return scope.suppress_tree(frame, lens, levels=("total", "stage"), keys=("stage",))
