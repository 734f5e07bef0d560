"""The Network page's queries: what is shared with the network, in suppressed aggregates.

Whoever asks, the figures are the network's (``scope.network_view``): the page goes on the
wall at a gathering. Key figures, themes and the timeline are the Portfolio's own queries
seen as the network; the stages, the funders together and the stories are added here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, String, case, distinct, func, literal, select, union_all

from data_access import portfolio_queries, rollups, scope
from data_access.facts import STATUS_COLUMNS, can_materialize, typed_frame
from data_access.filters import PortfolioFilter
from data_access.models import (
    ALL_STAGES,
    Grant,
    Project,
    ProjectStageProgress,
    StageCell,
    Story,
)
from data_access.viewer import Viewer
from data_access.vocabulary import STATUSES

STORY_COUNT = 6
STAGE_COLUMNS = {
    "level": "string",
    "stage": "string",
    "projects": "int64",
    "indicators": "int64",
    "measured": "int64",
    "avg_progress": "float64",
    "avg_expected": "float64",
    **STATUS_COLUMNS,
    "suppressed": "bool",
}
FUNDER_COLUMNS = {
    "funders": "int64",
    "named": "int64",
    "projects": "int64",
    "co_funded": "int64",
    "suppressed": "bool",
}
STORY_COLUMNS = {
    "story_id": "int64",
    "title": "string",
    "text": "string",
    "period_end": "datetime64[s]",
    "project": "string",
    "theme": "string",
}


@dataclass(frozen=True)
class NetworkOverview:
    """Everything the Network page (and its slides) shows."""

    overview: portfolio_queries.PortfolioOverview
    stages: pd.DataFrame
    funders: pd.DataFrame
    named_funders: list[str]
    stories: pd.DataFrame


def network_overview(engine: Engine, viewer: Viewer, today: dt.date | None = None):
    """The network's shared progress, as the network sees it, whoever asks."""
    today = today or dt.date.today()
    network = scope.network_view(viewer)
    overview = portfolio_queries.portfolio_overview(engine, network, PortfolioFilter(), today)
    funders, named = funders_together(engine, network)
    return NetworkOverview(
        overview=overview,
        stages=stage_progress(engine, network, today),
        funders=funders,
        named_funders=named,
        stories=highlighted_stories(engine, network),
    )


def stage_progress(
    engine: Engine, viewer: Viewer, today: dt.date, use_cells: bool = True
) -> pd.DataFrame:
    """Per change-logic stage (and in total): projects with indicators there, average
    realised and expected progress of the measured ones, and indicators by status.

    A view that takes whole cells (theme, sub-theme, region, visibility: the network's, the
    administrator's) adds up the stage cells in view (``scope.scoped_cells``); other views
    (and ``use_cells=False``) add up the projects' stage rows."""
    lens = scope.portfolio_lens(viewer)
    materialize = can_materialize(engine)
    projects = scope.scoped_projects(viewer, PortfolioFilter(), lens, materialize)
    snapshot = rollups.ensure_snapshot(engine, today, today)
    filt = PortfolioFilter()
    if use_cells and snapshot and scope.takes_whole_cells(viewer, filt):
        stmt = _stage_cells(scope.scoped_cells(viewer, filt, lens, StageCell), today)
    else:
        stmt = _stage_rows(projects, today, snapshot)
    frame = typed_frame(scope.read(engine, stmt), STAGE_COLUMNS)
    order = {"total": 0, "stage": 1}
    frame = frame.sort_values(
        ["level", "stage"], key=lambda c: c.map(order) if c.name == "level" else c
    ).reset_index(drop=True)
    return scope.suppress_tree(frame, lens, levels=("total", "stage"), keys=("stage",))


def _stage_rows(projects, today: dt.date, snapshot: bool):
    stages = ProjectStageProgress

    def level(name: str, *groups):
        measured = func.sum(stages.measured)
        return (
            select(
                literal(name, String).label("level"),
                (stages.stage if groups else literal(None, String)).label("stage"),
                func.count(distinct(stages.project_id)).label("projects"),
                func.coalesce(func.sum(stages.indicators), 0).label("indicators"),
                func.coalesce(measured, 0).label("measured"),
                (func.sum(stages.progress_sum) / func.nullif(measured, 0)).label("avg_progress"),
                (func.sum(stages.expected_sum) / func.nullif(measured, 0)).label("avg_expected"),
                *[func.coalesce(func.sum(stages.__table__.c[s]), 0).label(s) for s in STATUSES],
            )
            .join(projects, projects.c.id == stages.project_id)
            .where(stages.as_of == today, literal(snapshot))
            .group_by(*groups)
        )

    return union_all(level("total"), level("stage", stages.stage))


def _stage_cells(cells, today: dt.date):
    """The stage cells in view (``scope.scoped_cells``); the cells' ``ALL_STAGES`` rows give
    the total (cells never share a project, so their project counts add up)."""
    whole = cells.c.stage == ALL_STAGES
    measured = func.sum(cells.c.measured)
    return (
        select(
            case((whole, "total"), else_="stage").label("level"),
            case((whole, None), else_=cells.c.stage).label("stage"),
            func.sum(cells.c.projects).label("projects"),
            func.coalesce(func.sum(cells.c.indicators), 0).label("indicators"),
            func.coalesce(measured, 0).label("measured"),
            (func.sum(cells.c.progress_sum) / func.nullif(measured, 0)).label("avg_progress"),
            (func.sum(cells.c.expected_sum) / func.nullif(measured, 0)).label("avg_expected"),
            *[func.coalesce(func.sum(cells.c[s]), 0).label(s) for s in STATUSES],
        )
        .where(cells.c.as_of == today)
        .group_by(cells.c.stage)
    )


def funders_together(engine: Engine, viewer: Viewer) -> tuple[pd.DataFrame, list[str]]:
    """How many funders support the shared projects, how many are named, how many projects
    have more than one funder; and the names of the funders who agreed to be named."""
    lens = scope.portfolio_lens(viewer)
    projects = scope.scoped_projects(viewer, PortfolioFilter(), lens, can_materialize(engine))
    per_project = (
        select(Grant.project_id, func.count(distinct(Grant.funder_id)).label("funders"))
        .join(projects, projects.c.id == Grant.project_id)
        .group_by(Grant.project_id)
        .subquery("per_project")
    )
    counts = select(
        func.count().label("projects"),
        func.coalesce(func.sum(case((per_project.c.funders > 1, 1), else_=0)), 0).label(
            "co_funded"
        ),
    ).select_from(per_project)
    funders = scope.scoped_comparable_funders(viewer)
    names = select(funders.c.name, funders.c.letter)
    found_names = scope.read(engine, names)
    row = scope.read(engine, counts)[0]
    row["funders"] = len(found_names)
    row["named"] = sum(1 for item in found_names if item["name"] is not None)
    frame = typed_frame([row], FUNDER_COLUMNS)
    frame = scope.suppress_rows(frame, lens)
    named = sorted(item["name"] for item in found_names if item["name"] is not None)
    return frame, named


def highlighted_stories(engine: Engine, viewer: Viewer) -> pd.DataFrame:
    """The latest stories of projects shared with the network (network or public)."""
    projects = scope.scoped_projects(viewer, PortfolioFilter(), scope.Lens.AGGREGATE, False)
    shared = Project.visibility.in_(scope.SHARED_VISIBILITIES)
    stmt = (
        select(
            Story.id.label("story_id"),
            Story.title,
            Story.text,
            Story.period_end,
            Project.name.label("project"),
            Project.theme,
        )
        .join(projects, projects.c.id == Story.project_id)
        .join(Project, Project.id == Story.project_id)
        .where(shared)
        .order_by(Story.period_end.desc(), Story.id.desc())
        .limit(STORY_COUNT)
    )
    return typed_frame(scope.read(engine, stmt), STORY_COLUMNS)
