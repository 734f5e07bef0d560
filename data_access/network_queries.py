"""The Network page's queries: what is shared with the network, in suppressed aggregates.

Whoever asks, the figures are the network's (``scope.network_view``): the page goes on the
wall at a gathering. Key figures, themes and the timeline are the Portfolio's own queries
seen as the network; the stages, the funders together and the stories are added here.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from sqlalchemy import Engine, String, case, distinct, exists, func, literal, select, union_all

from data_access import frames, portfolio_queries, rollups, scope
from data_access.facts import STATUS_COLUMNS, can_materialize
from data_access.filters import PortfolioFilter
from data_access.models import (
    ALL_STAGES,
    Grant,
    PortfolioCell,
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


def network_overview(
    engine: Engine, viewer: Viewer, today: dt.date | None = None, timeline: bool = True
) -> NetworkOverview:
    """The network's shared progress, as the network sees it, whoever asks.

    The page's own statements (stages, funders together, stories) run on their own
    connections while the Portfolio's statements run: each reads a few hundred pre-added
    rows, so the answer takes about as long as the slowest of them. ``timeline=False``
    (the slides, which do not show it) leaves the progress over time out: its frame stays
    empty."""
    today = today or dt.date.today()
    network = scope.network_view(viewer)
    filt = PortfolioFilter()
    # Built (once a day) before the statements that read it start side by side.
    rollups.ensure_snapshot(engine, today, today)
    with ThreadPoolExecutor(max_workers=3) as pool:
        stages = pool.submit(stage_progress, engine, network, today)
        together = pool.submit(_funders_and_stories, engine, network, today)
        if timeline:
            overview = portfolio_queries.portfolio_overview(engine, network, filt, today)
        else:
            rollup = pool.submit(portfolio_queries.portfolio_rollup, engine, network, filt, today)
            units = portfolio_queries.unit_totals(engine, network, filt, today)
            overview = _overview_without_timeline(rollup.result(), units)
        (funders, named), stories = together.result()
        stages = stages.result()
    return NetworkOverview(
        overview=overview,
        stages=stages,
        funders=funders,
        named_funders=named,
        stories=stories,
    )


def _overview_without_timeline(rollup: pd.DataFrame, units: pd.DataFrame):
    """``portfolio_queries.portfolio_overview`` from its roll-up and unit totals, with an
    empty timeline."""
    return portfolio_queries.PortfolioOverview(
        key_figures=portfolio_queries.key_figures_from(rollup, units),
        themes=portfolio_queries.rollup_level(rollup, "theme"),
        sub_themes=portfolio_queries.rollup_level(rollup, "sub_theme"),
        timeline=frames.typed_frame([], portfolio_queries.TIMELINE_COLUMNS),
        units=units,
    )


def _funders_and_stories(engine: Engine, viewer: Viewer, today: dt.date):
    return funders_together(engine, viewer, today), highlighted_stories(engine, viewer)


def stage_progress(
    engine: Engine, viewer: Viewer, today: dt.date, use_cells: bool = True
) -> pd.DataFrame:
    """Per change-logic stage (and in total): projects with indicators there, average
    realised and expected progress of the measured ones, and indicators by status.

    A view that takes whole cells (theme, sub-theme, region, visibility: the network's, the
    administrator's) adds up the stage cells in view (``scope.scoped_cells``); other views
    (and ``use_cells=False``) add up the projects' stage rows."""
    lens = scope.portfolio_lens(viewer)
    snapshot = rollups.ensure_snapshot(engine, today, today)
    cells = use_cells and snapshot and scope.takes_whole_cells(viewer, PortfolioFilter())
    stmt = _stage_statement(viewer, today, cells, snapshot, can_materialize(engine))
    # The total first, then the stages by name.
    rows = scope.read(engine, stmt)
    rows.sort(key=lambda row: (row["level"] != "total", row["stage"] or ""))
    frame = frames.typed_frame(rows, STAGE_COLUMNS)
    return scope.suppress_tree(frame, lens, levels=("total", "stage"), keys=("stage",))


@lru_cache(maxsize=64)
def _stage_statement(viewer: Viewer, today: dt.date, cells: bool, snapshot: bool, materialize):
    """The stage statement of ``stage_progress``. Built once per viewer's scope and day: a
    statement holds no data, and building it costs as much as running it."""
    filt, lens = PortfolioFilter(), scope.portfolio_lens(viewer)
    if cells:
        return _stage_cells(scope.scoped_cells(viewer, filt, lens, StageCell), today)
    return _stage_rows(scope.scoped_projects(viewer, filt, lens, materialize), today, snapshot)


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


def funders_together(
    engine: Engine, viewer: Viewer, today: dt.date | None = None, use_cells: bool = True
) -> tuple[pd.DataFrame, list[str]]:
    """How many funders support the shared projects, how many are named, how many projects
    have more than one funder; and the names of the funders who agreed to be named.

    A view over whole cells adds up the roll-up cells' ``funded`` and ``co_funded`` counts
    of today's snapshot; other views (and ``use_cells=False``, or cells built before those
    counts existed) count the grants of the projects in view."""
    today = today or dt.date.today()
    lens = scope.portfolio_lens(viewer)
    filt = PortfolioFilter()
    cells = (
        use_cells
        and scope.takes_whole_cells(viewer, filt)
        and rollups.ensure_snapshot(engine, today, today)
    )
    with engine.connect() as conn:
        row = scope.read(conn, _funding_cells(viewer, filt, lens, today))[0] if cells else None
        if row is None or row.pop("unbuilt"):
            row = scope.read(conn, _funding_rows(viewer, filt, lens, can_materialize(engine)))[0]
        found_names = scope.read(conn, _funder_names(viewer))
    row["funders"] = len(found_names)
    row["named"] = sum(1 for item in found_names if item["name"] is not None)
    frame = scope.suppress_rows(frames.typed_frame([row], FUNDER_COLUMNS), lens)
    named = sorted(item["name"] for item in found_names if item["name"] is not None)
    return frame, named


@lru_cache(maxsize=64)
def _funder_names(viewer: Viewer):
    """The names (where known) and letters of the funders the viewer may compare."""
    funders = scope.scoped_comparable_funders(viewer)
    return select(funders.c.name, funders.c.letter)


@lru_cache(maxsize=64)
def _funding_cells(viewer: Viewer, filt: PortfolioFilter, lens: scope.Lens, today: dt.date):
    """The funded and co-funded projects of the cells in view (cells never share a project,
    so their counts add up), and how many of those cells lack the counts."""
    cells = scope.scoped_cells(viewer, filt, lens, PortfolioCell)
    return select(
        func.coalesce(func.sum(cells.c.funded), 0).label("projects"),
        func.coalesce(func.sum(cells.c.co_funded), 0).label("co_funded"),
        (func.count() - func.count(cells.c.funded)).label("unbuilt"),
    ).where(cells.c.as_of == today)


def _funding_rows(viewer: Viewer, filt: PortfolioFilter, lens: scope.Lens, materialize: bool):
    """The same counted from the grants of the projects in view."""
    projects = scope.scoped_projects(viewer, filt, lens, materialize)
    per_project = (
        select(Grant.project_id, func.count(distinct(Grant.funder_id)).label("funders"))
        .join(projects, projects.c.id == Grant.project_id)
        .group_by(Grant.project_id)
        .subquery("per_project")
    )
    return select(
        func.count().label("projects"),
        func.coalesce(func.sum(case((per_project.c.funders > 1, 1), else_=0)), 0).label(
            "co_funded"
        ),
    ).select_from(per_project)


def highlighted_stories(engine: Engine, viewer: Viewer) -> pd.DataFrame:
    """The latest stories of projects shared with the network (network or public).

    Walks the stories newest first (``ix_story_period_end_id``) and stops at the
    ``STORY_COUNT``-th in view; only those few are joined to their project."""
    return frames.typed_frame(scope.read(engine, _stories_statement(viewer)), STORY_COLUMNS)


@lru_cache(maxsize=64)
def _stories_statement(viewer: Viewer):
    projects = scope.scoped_projects(viewer, PortfolioFilter(), scope.Lens.AGGREGATE, False)
    shared = select(projects.c.id).join(Project, Project.id == projects.c.id)
    in_view = exists(
        shared.where(
            projects.c.id == Story.project_id, Project.visibility.in_(scope.SHARED_VISIBILITIES)
        )
    )
    newest = (Story.period_end.desc(), Story.id.desc())
    latest = (
        select(Story.id, Story.project_id, Story.title, Story.text, Story.period_end)
        .where(in_view)
        .order_by(*newest)
        .limit(STORY_COUNT)
        .subquery("latest_stories")
    )
    return (
        select(
            latest.c.id.label("story_id"),
            latest.c.title,
            latest.c.text,
            latest.c.period_end,
            Project.name.label("project"),
            Project.theme,
        )
        .join(Project, Project.id == latest.c.project_id)
        .order_by(latest.c.period_end.desc(), latest.c.id.desc())
    )
