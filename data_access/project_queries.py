"""The Projects page's and the Project page's queries: tiles a page at a time, and everything
about one project.

Only projects the viewer sees in detail (``scope.detail_projects``) are ever read; every
statement is built on ``scope.scoped_projects`` and runs through ``scope.read``. Counting,
searching, sorting and paging happen in SQL: no statement returns more than a page of tiles
(times a small constant, such as a few funders or quarters per tile).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, Date, Engine, Select, case, func, literal, select

from data_access import frames, rollups, scope, sql_rules
from data_access.facts import (
    LatestValues,
    can_materialize,
    indicator_facts,
    period_key,
    quarter_end,
    status_counts,
    typed_frame,
)
from data_access.filters import PortfolioFilter, is_whole_number
from data_access.models import (
    ChangeLogicElement,
    Grant,
    Indicator,
    Measurement,
    Organisation,
    ProgressByQuarter,
    Project,
    ProjectProgress,
    Story,
)
from data_access.viewer import Viewer
from data_access.vocabulary import STAGES, STATUSES

PAGE_SIZE = 24
SEARCH_LENGTH = 100
MAX_ID = 2**31 - 1
# How the tiles can be ordered; the first is the default.
SORTS: tuple[str, ...] = (
    "name",
    "progress_desc",
    "progress_asc",
    "money_desc",
    "last_measurement",
)
TREND_QUARTERS = 12  # the sparkline's last three years
STORY_PREVIEW = 300  # characters of the latest story read for a tile

TILE_COLUMNS = {
    "project_id": "int64",
    "name": "string",
    "organisation": "string",
    "theme": "string",
    "sub_theme": "string",
    "region": "string",
    "status": "string",
    "lead": "string",
    "money_eur": "float64",
    "indicators": "int64",
    "measured": "int64",
    "progress": "float64",
    **{status: "int64" for status in STATUSES},
    "last_measurement": "datetime64[s]",
}
TILE_FUNDER_COLUMNS = {"project_id": "int64", "funder": "string", "money_eur": "float64"}
TREND_COLUMNS = {"project_id": "int64", "period_end": "datetime64[s]", "progress": "float64"}
TILE_STORY_COLUMNS = {
    "project_id": "int64",
    "period_end": "datetime64[s]",
    "title": "string",
    "text": "string",
}
HEADER_COLUMNS = {
    "project_id": "int64",
    "name": "string",
    "summary": "string",
    "organisation": "string",
    "theme": "string",
    "sub_theme": "string",
    "region": "string",
    "status": "string",
    "start_date": "datetime64[s]",
    "end_date": "datetime64[s]",
    "lead": "string",
}
FUNDER_COLUMNS = {"funder": "string", "money_eur": "float64", "grants": "int64"}
INDICATOR_COLUMNS = {
    "indicator_id": "int64",
    "name": "string",
    "stage": "string",
    "element": "string",
    "unit": "string",
    "measure_kind": "string",
    "direction": "string",
    "accumulation": "string",
    "baseline_value": "float64",
    "baseline_date": "datetime64[s]",
    "target_value": "float64",
    "target_date": "datetime64[s]",
    "standard_ref": "string",
    "latest_value": "float64",
    "latest_period_end": "datetime64[s]",
    "progress": "float64",
    "expected": "float64",
    "status": "string",
}
MEASUREMENT_COLUMNS = {
    "indicator_id": "int64",
    "period_end": "datetime64[s]",
    "value": "float64",
    "numerator": "float64",
    "denominator": "float64",
    "text": "string",
}
STORY_COLUMNS = {
    "story_id": "int64",
    "period_end": "datetime64[s]",
    "title": "string",
    "text": "string",
    "author": "string",
}


# --- input from the browser ----------------------------------------------------------------


def project_id_from(raw: object) -> int | None:
    """A project id from an address or a callback (so anything), or None: only plain digits
    or a whole number between 1 and the largest id."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        number = raw
    elif isinstance(raw, str) and is_whole_number(raw):
        number = int(raw)
    else:
        return None
    return number if 1 <= number <= MAX_ID else None


def clean_search(raw: object) -> str:
    """Typed text, trimmed and shortened; no lone surrogates (the driver refuses them)."""
    if not isinstance(raw, str):
        return ""
    return raw.strip()[:SEARCH_LENGTH].encode("utf-8", "ignore").decode()


def like_pattern(words: str) -> str:
    """A LIKE pattern that finds ``words`` anywhere, with % and _ taken literally."""
    escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def page_number(raw: object) -> int:
    """A page number from the pager (anything the browser sends): 1 when not a whole number."""
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        return 1
    if isinstance(raw, str):
        return int(raw) if is_whole_number(raw) else 1
    if raw != raw or raw in (float("inf"), float("-inf")):
        return 1
    return max(1, min(int(raw), MAX_ID))


def sort_key(raw: object) -> str:
    return raw if isinstance(raw, str) and raw in SORTS else SORTS[0]


# --- tiles ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TilePage:
    """One page of tiles: how many projects match in all, which page this is of how many,
    and per tile its figures, funders, quarterly progress and latest story."""

    total: int
    page: int
    pages: int
    tiles: pd.DataFrame
    funders: pd.DataFrame
    trend: pd.DataFrame
    stories: pd.DataFrame


def project_tiles(
    engine: Engine,
    viewer: Viewer,
    filt: PortfolioFilter,
    search: object = "",
    sort: object = "name",
    page: object = 1,
    today: dt.date | None = None,
    page_size: int = PAGE_SIZE,
    snapshots: bool = True,
) -> TilePage:
    """The projects the viewer sees in detail that match the filter and whose name contains
    ``search``, ordered by ``sort``, one page of them. A page past the last shows the last.

    Progress (average capped progress of the measured indicators, as of the filter's date)
    comes from ``project_progress`` when it holds that date, else from the indicators;
    ``snapshots=False`` always takes the indicators (tests compare the two).
    """
    today = today or dt.date.today()
    as_of = filt.as_of(today)
    materialize = can_materialize(engine)
    projects = scope.scoped_projects(viewer, filt, scope.Lens.DETAIL, materialize)
    words = clean_search(search)
    conditions = [Project.name.ilike(like_pattern(words), escape="\\")] if words else []
    use_snapshot = snapshots and rollups.ensure_snapshot(engine, as_of, dt.date.today())

    count = (
        select(func.count().label("projects"))
        .select_from(projects)
        .join(Project, Project.id == projects.c.id)
        .where(*conditions)
    )
    total = int(scope.read(engine, count)[0]["projects"])
    pages = max(1, -(-total // page_size))
    shown = min(page_number(page), pages)
    if total == 0:
        return _empty_page(shown, pages)

    order = sort_key(sort)
    ids_stmt = _ordered_ids(viewer, filt, projects, conditions, order, as_of, use_snapshot)
    ids_stmt = ids_stmt.limit(page_size).offset((shown - 1) * page_size)
    ids = [int(row["id"]) for row in scope.read(engine, ids_stmt)]
    # The details of these few projects: a plain (inlined) scope lets the database start
    # from the ids.
    few = scope.scoped_projects(viewer, filt, scope.Lens.DETAIL, materialize=False)
    tiles = _tile_rows(engine, viewer, filt, few, ids, as_of, use_snapshot)
    position = {project_id: rank for rank, project_id in enumerate(ids)}
    tiles = tiles.sort_values("project_id", key=lambda c: c.map(position)).reset_index(drop=True)
    return TilePage(
        total=total,
        page=shown,
        pages=pages,
        tiles=tiles,
        funders=_tile_funders(engine, viewer, few, ids),
        trend=_tile_trend(engine, few, ids, as_of),
        stories=_tile_stories(engine, few, ids),
    )


def _empty_page(page: int, pages: int) -> TilePage:
    return TilePage(
        total=0,
        page=page,
        pages=pages,
        tiles=typed_frame([], TILE_COLUMNS),
        funders=typed_frame([], TILE_FUNDER_COLUMNS),
        trend=typed_frame([], TREND_COLUMNS),
        stories=typed_frame([], TILE_STORY_COLUMNS),
    )


def _progress_stats(projects, as_of: dt.date, use_snapshot: bool):
    """Per project: indicators, measured, progress sum and status counts (a subquery)."""
    if use_snapshot:
        return (
            select(
                ProjectProgress.project_id,
                ProjectProgress.indicators,
                ProjectProgress.measured,
                ProjectProgress.progress_sum,
                *[ProjectProgress.__table__.c[status] for status in STATUSES],
            )
            .where(ProjectProgress.as_of == as_of)
            .subquery("stats")
        )
    facts = indicator_facts(projects, as_of)
    return (
        select(
            facts.c.project_id,
            func.count().label("indicators"),
            func.count(facts.c.progress).label("measured"),
            func.sum(facts.c.capped_progress).label("progress_sum"),
            *status_counts(facts.c.status),
        )
        .group_by(facts.c.project_id)
        .subquery("stats")
    )


def _money(viewer: Viewer, filt: PortfolioFilter, project_ids):
    """Per project: the money granted as the portfolio counts it (a funder its own grants)."""
    return (
        select(Grant.project_id, func.sum(Grant.amount_eur).label("money"))
        .where(*scope.grant_conditions(viewer, filt, project_ids))
        .group_by(Grant.project_id)
        .subquery("money")
    )


def _last_measured(project_ids):
    """Per project: the end of the period of its latest measurement with a value."""
    return (
        select(
            Indicator.project_id, func.max(Indicator.latest_period_end).label("last_measurement")
        )
        .where(Indicator.project_id.in_(project_ids))
        .group_by(Indicator.project_id)
        .subquery("last_measured")
    )


def _ordered_ids(viewer, filt, projects, conditions, order, as_of, use_snapshot) -> Select:
    """The ids of the matching projects in the chosen order (ties by name, then id); only
    what the order needs is joined."""
    name = func.lower(Project.name)
    stmt = select(projects.c.id).join(Project, Project.id == projects.c.id).where(*conditions)
    if order in ("progress_desc", "progress_asc"):
        stats = _progress_stats(projects, as_of, use_snapshot)
        progress = stats.c.progress_sum / func.nullif(stats.c.measured, 0)
        stmt = stmt.outerjoin(stats, stats.c.project_id == projects.c.id)
        key = progress.desc() if order == "progress_desc" else progress.asc()
        keys = [progress.is_(None), key]
    elif order == "money_desc":
        money = _money(viewer, filt, select(projects.c.id))
        stmt = stmt.outerjoin(money, money.c.project_id == projects.c.id)
        keys = [func.coalesce(money.c.money, 0).desc()]
    elif order == "last_measurement":
        last = _last_measured(select(projects.c.id))
        stmt = stmt.outerjoin(last, last.c.project_id == projects.c.id)
        keys = [last.c.last_measurement.is_(None), last.c.last_measurement.desc()]
    else:
        keys = []
    return stmt.order_by(*keys, name, projects.c.id)


def _tile_rows(engine, viewer, filt, projects, ids, as_of, use_snapshot) -> pd.DataFrame:
    chosen = projects.c.id.in_(ids)
    stats = _progress_stats(projects, as_of, use_snapshot)
    money = _money(viewer, filt, select(projects.c.id).where(chosen))
    last = _last_measured(ids)
    stmt = (
        select(
            projects.c.id.label("project_id"),
            Project.name,
            Organisation.name.label("organisation"),
            Project.theme,
            Project.sub_theme,
            Project.region,
            Project.status,
            Project.lead,
            func.coalesce(money.c.money, 0).label("money_eur"),
            func.coalesce(stats.c.indicators, 0).label("indicators"),
            func.coalesce(stats.c.measured, 0).label("measured"),
            (stats.c.progress_sum / func.nullif(stats.c.measured, 0)).label("progress"),
            *[func.coalesce(stats.c[status], 0).label(status) for status in STATUSES],
            last.c.last_measurement,
        )
        .join(Project, Project.id == projects.c.id)
        .join(Organisation, Organisation.id == Project.organisation_id)
        .outerjoin(stats, stats.c.project_id == projects.c.id)
        .outerjoin(money, money.c.project_id == projects.c.id)
        .outerjoin(last, last.c.project_id == projects.c.id)
        .where(chosen)
    )
    return typed_frame(scope.read(engine, stmt), TILE_COLUMNS)


def _tile_funders(engine, viewer, projects, ids) -> pd.DataFrame:
    """Per tile, the funders the viewer may name (``scope.pickable_funders``: a funder sees
    its own name only, not its co-funders'), most money first."""
    funders = scope.scoped_funders(viewer)
    stmt = (
        select(
            Grant.project_id,
            funders.c.name.label("funder"),
            func.sum(Grant.amount_eur).label("money_eur"),
        )
        .join(funders, funders.c.id == Grant.funder_id)
        .join(projects, projects.c.id == Grant.project_id)
        .where(Grant.project_id.in_(ids))
        .group_by(Grant.project_id, funders.c.name)
        .order_by(Grant.project_id, func.sum(Grant.amount_eur).desc(), funders.c.name)
    )
    return typed_frame(scope.read(engine, stmt), TILE_FUNDER_COLUMNS)


def _tile_trend(engine, projects, ids, as_of: dt.date) -> pd.DataFrame:
    """Per tile, average capped progress of each of the last quarters up to ``as_of``."""
    rollup = ProgressByQuarter
    key = rollup.year * 10 + rollup.quarter
    stmt = (
        select(
            rollup.project_id,
            rollup.year,
            rollup.quarter,
            (rollup.progress_sum / func.nullif(rollup.measurements, 0)).label("progress"),
        )
        .join(projects, projects.c.id == rollup.project_id)
        .where(
            rollup.project_id.in_(ids),
            key <= period_key(as_of),
            key >= first_trend_quarter(as_of),
        )
        .order_by(rollup.project_id, rollup.year, rollup.quarter)
    )
    rows = scope.read(engine, stmt)
    for item in rows:
        item["period_end"] = quarter_end(int(item.pop("year")), int(item.pop("quarter")))
    return typed_frame(rows, TREND_COLUMNS)


def first_trend_quarter(as_of: dt.date) -> int:
    """The period key (year * 10 + quarter) of the first quarter the sparkline shows."""
    quarters = as_of.year * 4 + (as_of.month - 1) // 3 - (TREND_QUARTERS - 1)
    return (quarters // 4) * 10 + quarters % 4 + 1


def _tile_stories(engine, projects, ids) -> pd.DataFrame:
    """Per tile, its latest story (by period, then when written), the text shortened."""
    rank = (
        func.row_number()
        .over(
            partition_by=Story.project_id,
            order_by=(Story.period_end.desc(), Story.created_at.desc(), Story.id.desc()),
        )
        .label("rank")
    )
    ranked = (
        select(
            Story.project_id,
            Story.period_end,
            Story.title,
            func.substr(Story.text, 1, STORY_PREVIEW).label("text"),
            rank,
        )
        .join(projects, projects.c.id == Story.project_id)
        .where(Story.project_id.in_(ids))
        .subquery("ranked")
    )
    stmt = select(ranked.c.project_id, ranked.c.period_end, ranked.c.title, ranked.c.text).where(
        ranked.c.rank == 1
    )
    return typed_frame(scope.read(engine, stmt), TILE_STORY_COLUMNS)


# --- one project ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectDetail:
    """Everything the Project page shows about one project."""

    header: pd.Series
    funders: pd.DataFrame
    indicators: pd.DataFrame
    measurements: pd.DataFrame
    stories: pd.DataFrame


def _one_project(viewer: Viewer, project_id: int):
    """The project as a CTE on the viewer's detail scope: empty when it is not theirs."""
    projects = scope.scoped_projects(viewer, PortfolioFilter(), scope.Lens.DETAIL, False)
    return select(projects).where(projects.c.id == project_id).cte("this_project")


def project_in_view(engine: Engine, viewer: Viewer, project_id: object) -> bool:
    """Whether the viewer sees this project in detail. Any other id, malformed, unknown or
    someone else's, gives the same False."""
    chosen = project_id_from(project_id)
    if chosen is None:
        return False
    this = _one_project(viewer, chosen)
    return bool(scope.read(engine, select(this.c.id)))


def can_write(engine: Engine, viewer: Viewer, project_id: object) -> bool:
    """Whether the viewer may add measurements and stories to this project
    (``scope.writable_projects``: administrators, and the project's lead)."""
    chosen = project_id_from(project_id)
    if chosen is None:
        return False
    projects = scope.scoped_writable_projects(viewer)
    return bool(scope.read(engine, select(projects.c.id).where(projects.c.id == chosen)))


def project_detail(
    engine: Engine, viewer: Viewer, project_id: object, today: dt.date | None = None
) -> ProjectDetail | None:
    """The project's header, funders, indicators with their status as of ``today``, every
    measurement and its stories (newest first); None when the viewer may not see it."""
    chosen = project_id_from(project_id)
    if chosen is None:
        return None
    today = today or dt.date.today()
    # One connection for the five small statements; each gets a scope of its own (a CTE
    # shared between statements changes their cache keys, so each would be compiled anew).
    with engine.connect() as conn:
        header = scope.read(conn, _header(_one_project(viewer, chosen)))
        if not header:
            return None
        funders = project_funders(conn, viewer, _one_project(viewer, chosen))
        indicators = scope.read(conn, _indicators(_one_project(viewer, chosen), chosen, today))
        measurements = scope.read(conn, _measurements(_one_project(viewer, chosen), chosen))
        stories = scope.read(conn, _stories(_one_project(viewer, chosen), chosen))
    return ProjectDetail(
        header=frames.typed_frame(header, HEADER_COLUMNS).iloc[0],
        funders=funders,
        indicators=frames.typed_frame(indicators, INDICATOR_COLUMNS),
        measurements=frames.typed_frame(measurements, MEASUREMENT_COLUMNS),
        stories=frames.typed_frame(stories, STORY_COLUMNS),
    )


def _header(this) -> Select:
    return (
        select(
            this.c.id.label("project_id"),
            Project.name,
            Project.summary,
            Organisation.name.label("organisation"),
            Project.theme,
            Project.sub_theme,
            Project.region,
            Project.status,
            Project.start_date,
            Project.end_date,
            Project.lead,
        )
        .join(Project, Project.id == this.c.id)
        .join(Organisation, Organisation.id == Project.organisation_id)
    )


def project_funders(engine: Engine | Connection, viewer: Viewer, this) -> pd.DataFrame:
    """The project's funders that the viewer may name, with the money each granted (a funder
    sees its own grants only), most money first."""
    funders = scope.scoped_funders(viewer)
    stmt = (
        select(
            funders.c.name.label("funder"),
            func.sum(Grant.amount_eur).label("money_eur"),
            func.count().label("grants"),
        )
        .join(funders, funders.c.id == Grant.funder_id)
        .join(this, this.c.id == Grant.project_id)
        .group_by(funders.c.name)
        .order_by(func.sum(Grant.amount_eur).desc(), funders.c.name)
    )
    return frames.typed_frame(scope.read(engine, stmt), FUNDER_COLUMNS)


def _indicators(this, project_id: int, today: dt.date) -> Select:
    """Along the change logic (input to impact), each indicator with its latest value,
    progress and status (none for qualitative ones).

    Worked out per indicator row with the project's id as a constant: joined to a CTE of
    indicator facts instead, SQLite built a Bloom filter over every indicator (tens of
    milliseconds at a million measurements) to find the project's few.
    """
    latest = LatestValues(today)
    quantitative = Indicator.measure_kind != "qualitative"
    progress = sql_rules.progress(
        Indicator.baseline_value, Indicator.target_value, latest.value, Indicator.direction
    )
    expected = sql_rules.expected_progress(
        Indicator.baseline_date, Indicator.target_date, literal(today, Date)
    )
    stage_rank = case(
        *[(ChangeLogicElement.stage == stage, rank) for rank, stage in enumerate(STAGES)],
        else_=len(STAGES),
    )
    return (
        select(
            Indicator.id.label("indicator_id"),
            Indicator.name,
            ChangeLogicElement.stage,
            ChangeLogicElement.statement.label("element"),
            Indicator.unit,
            Indicator.measure_kind,
            Indicator.direction,
            Indicator.accumulation,
            Indicator.baseline_value,
            Indicator.baseline_date,
            Indicator.target_value,
            Indicator.target_date,
            Indicator.standard_ref,
            case((quantitative, latest.value)).label("latest_value"),
            Indicator.latest_period_end,
            case((quantitative, progress)).label("progress"),
            case((quantitative, expected)).label("expected"),
            case((quantitative, sql_rules.status(progress, expected))).label("status"),
        )
        .join(this, this.c.id == Indicator.project_id)
        .join(ChangeLogicElement, ChangeLogicElement.id == Indicator.element_id)
        .where(Indicator.project_id == project_id)
        .order_by(stage_rank, ChangeLogicElement.position, Indicator.name, Indicator.id)
    )


def _measurements(this, project_id: int) -> Select:
    return (
        select(
            Measurement.indicator_id,
            Measurement.period_end,
            Measurement.value,
            Measurement.numerator,
            Measurement.denominator,
            Measurement.text,
        )
        .join(Indicator, Indicator.id == Measurement.indicator_id)
        .join(this, this.c.id == Indicator.project_id)
        .where(Indicator.project_id == project_id)
        .order_by(Measurement.indicator_id, Measurement.period_end)
    )


def _stories(this, project_id: int, limit: int = 50) -> Select:
    return (
        select(
            Story.id.label("story_id"),
            Story.period_end,
            Story.title,
            Story.text,
            Story.author,
        )
        .join(this, this.c.id == Story.project_id)
        .where(Story.project_id == project_id)
        .order_by(Story.period_end.desc(), Story.created_at.desc(), Story.id.desc())
        .limit(limit)
    )
