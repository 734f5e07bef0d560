"""The change logic's queries: per stage for a portfolio, and one project's chain in full.

Reusable API (the Change-logic page and the Project page both use it):

- ``project_logic(engine, viewer, project_id, today=None) -> ProjectLogic | None``: one
  project's elements, links, indicators and evidence sources, or None when ``project_id`` is
  malformed, unknown or not a project the viewer sees in detail (the three cannot be told
  apart). ``project_id`` may be anything the browser sent.
- ``parse_project_id(raw) -> int | None``: a project id from a link or a callback.

For the portfolio (every function takes the viewer and a filter; projects come from
``data_access.scope``): ``stage_progress`` (desired vs realised per stage, from the
``project_stage_progress`` snapshot rows when they hold the as-of date),
``evidence_by_stage`` (how the steps are grounded), ``weakest_links`` (steps resting on an
assumption whose indicators are behind; detail only) and ``project_options`` (the picker).
Every statement runs through ``scope.read``; everything is counted in SQL.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import (
    Date,
    Engine,
    case,
    func,
    literal,
    over,
    select,
)

from data_access import cells, frames, rollups, scope, sql_rules
from data_access.facts import (
    STATUS_COLUMNS,
    LatestValues,
    can_materialize,
    maybe_materialized,
    typed_frame,
)
from data_access.filters import PortfolioFilter, is_whole_number
from data_access.models import (
    ChangeLogicElement,
    ChangeLogicLink,
    EvidenceSource,
    Indicator,
    Measurement,
    Organisation,
    Project,
    WeakElement,
)
from data_access.viewer import Viewer
from data_access.vocabulary import EVIDENCE, STAGES

MAX_ID = 2**31 - 1
PROJECT_CHOICES = 50
WEAK_LINKS = 20
SEARCH_LENGTH = 100
# Statuses that make a step weak when it rests on an assumption only.
BEHIND = ("at_risk", "off_track")

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
EVIDENCE_COLUMNS = {
    "level": "string",
    "stage": "string",
    "projects": "int64",
    "elements": "int64",
    **{basis: "int64" for basis in EVIDENCE},
    "suppressed": "bool",
}
WEAK_LINK_COLUMNS = {
    "element_id": "int64",
    "project_id": "int64",
    "project": "string",
    "stage": "string",
    "statement": "string",
    "behind": "int64",  # its indicators at risk or off track
    "off_track": "int64",
    "indicators": "int64",  # its quantitative indicators
    "gap": "float64",  # the largest (expected − capped progress) among those behind
}
ELEMENT_COLUMNS = {
    "element_id": "int64",
    "stage": "string",
    "statement": "string",
    "evidence": "string",
    "position": "int64",
    "indicators": "int64",
    "measured": "int64",
    "avg_progress": "float64",
    "avg_expected": "float64",
    # The worst status among its measured indicators; no_data when none is measured.
    "status": "string",
    "sources": "int64",
}
LINK_COLUMNS = {"from_element_id": "int64", "to_element_id": "int64", "sources": "int64"}
LOGIC_INDICATOR_COLUMNS = {
    "indicator_id": "int64",
    "element_id": "int64",
    "name": "string",
    "unit": "string",
    "measure_kind": "string",
    "direction": "string",
    "baseline_value": "float64",
    "baseline_date": "datetime64[s]",
    "target_value": "float64",
    "target_date": "datetime64[s]",
    "latest_value": "float64",
    "latest_period_end": "datetime64[s]",
    "latest_text": "string",
    "progress": "float64",
    "expected": "float64",
    # None for qualitative indicators, which have no progress.
    "status": "string",
}
SOURCE_COLUMNS = {
    "source_id": "int64",
    "element_id": "float64",  # NaN for a source on a link
    "from_element_id": "float64",
    "to_element_id": "float64",
    "kind": "string",
    "citation": "string",
    "url": "string",
    "year": "float64",
}
# Worst first: the status an element shows is the first of these among its indicators.
WORST_FIRST = ("off_track", "at_risk", "on_track", "achieved")


# --- one project -------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectLogic:
    """One project's change logic as of a date: frames with the ``*_COLUMNS`` above.

    ``elements`` (ELEMENT_COLUMNS, by stage then position), ``links`` (LINK_COLUMNS),
    ``indicators`` (LOGIC_INDICATOR_COLUMNS) and ``sources`` (SOURCE_COLUMNS: a source
    belongs to an element, or to the link ``from_element_id`` → ``to_element_id``).
    """

    project_id: int
    name: str
    organisation: str
    as_of: dt.date
    elements: pd.DataFrame
    links: pd.DataFrame
    indicators: pd.DataFrame
    sources: pd.DataFrame

    def element(self, element_id: object) -> pd.Series | None:
        """The element row for an id the browser sent, or None when it is not this
        project's."""
        parsed = parse_project_id(element_id)
        rows = self.elements[self.elements.element_id == parsed] if parsed else self.elements[:0]
        return None if rows.empty else rows.iloc[0]


def parse_project_id(raw: object) -> int | None:
    """A positive whole number (an int, or digits in a string) within the database's range,
    else None. Anything a link or a forged callback may carry goes in."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, str) and is_whole_number(raw.strip()):
        value = int(raw.strip())
    else:
        return None
    return value if 0 < value <= MAX_ID else None


def project_logic(
    engine: Engine, viewer: Viewer, project_id: object, today: dt.date | None = None
) -> ProjectLogic | None:
    """The change logic of one project the viewer sees in detail, as of ``today``; None for
    a malformed, unknown or out-of-scope id alike."""
    parsed = parse_project_id(project_id)
    if parsed is None:
        return None
    as_of = today or dt.date.today()

    def projects():
        # Not materialised: the one project's id is pushed into the scope's conditions. A
        # scope of its own per statement: a CTE shared between statements changes their
        # cache keys, so that each would be compiled anew on every visit.
        return scope.scoped_projects(viewer, PortfolioFilter(), scope.Lens.DETAIL, False)

    with engine.connect() as conn:
        in_view = projects()
        header = scope.read(
            conn,
            select(Project.id, Project.name, Organisation.name.label("organisation"))
            .join(in_view, in_view.c.id == Project.id)
            .join(Organisation, Organisation.id == Project.organisation_id)
            .where(Project.id == parsed),
        )
        if not header:
            return None
        indicators = _project_indicators(conn, projects(), parsed, as_of)
        sources = _project_sources(conn, projects(), parsed)
        elements = _project_elements(conn, projects(), parsed, indicators, sources)
        links = _project_links(conn, projects(), parsed, sources)
    return ProjectLogic(
        project_id=parsed,
        name=header[0]["name"],
        organisation=header[0]["organisation"],
        as_of=as_of,
        elements=elements,
        links=links,
        indicators=indicators,
        sources=sources,
    )


def _project_indicators(conn, projects, project_id: int, as_of: dt.date) -> pd.DataFrame:
    latest = LatestValues(as_of)
    quantitative = Indicator.measure_kind != "qualitative"
    progress = sql_rules.progress(
        Indicator.baseline_value, Indicator.target_value, latest.value, Indicator.direction
    )
    expected = sql_rules.expected_progress(
        Indicator.baseline_date, Indicator.target_date, literal(as_of, Date)
    )
    latest_end = (
        select(func.max(Measurement.period_end))
        .where(Measurement.indicator_id == Indicator.id, Measurement.period_end <= as_of)
        .correlate(Indicator)
        .scalar_subquery()
    )
    latest_text = (
        select(Measurement.text)
        .where(
            Measurement.indicator_id == Indicator.id,
            Measurement.period_end <= as_of,
            Measurement.text.is_not(None),
        )
        .order_by(Measurement.period_end.desc())
        .limit(1)
        .correlate(Indicator)
        .scalar_subquery()
    )
    stmt = (
        select(
            Indicator.id.label("indicator_id"),
            Indicator.element_id,
            Indicator.name,
            Indicator.unit,
            Indicator.measure_kind,
            Indicator.direction,
            Indicator.baseline_value,
            Indicator.baseline_date,
            Indicator.target_value,
            Indicator.target_date,
            case((quantitative, latest.value)).label("latest_value"),
            latest_end.label("latest_period_end"),
            case((~quantitative, latest_text)).label("latest_text"),
            case((quantitative, progress)).label("progress"),
            expected.label("expected"),
            case((quantitative, sql_rules.status(progress, expected))).label("status"),
        )
        .join(projects, projects.c.id == Indicator.project_id)
        .where(Indicator.project_id == project_id)
        .order_by(Indicator.element_id, Indicator.id)
    )
    return frames.typed_frame(scope.read(conn, stmt), LOGIC_INDICATOR_COLUMNS)


def _project_sources(conn, projects, project_id: int) -> pd.DataFrame:
    source = EvidenceSource
    stmt = (
        select(
            source.id.label("source_id"),
            source.element_id,
            source.from_element_id,
            source.to_element_id,
            source.kind,
            source.citation,
            source.url,
            source.year,
        )
        .join(projects, projects.c.id == source.project_id)
        .where(source.project_id == project_id)
        # Research first, the newest first within a kind.
        .order_by(source.kind.desc(), source.year.desc(), source.id)
    )
    return frames.typed_frame(scope.read(conn, stmt), SOURCE_COLUMNS)


def _project_elements(conn, projects, project_id, indicators, sources) -> pd.DataFrame:
    element = ChangeLogicElement
    stmt = (
        select(
            element.id.label("element_id"),
            element.stage,
            element.statement,
            element.evidence,
            element.position,
        )
        .join(projects, projects.c.id == element.project_id)
        .where(element.project_id == project_id)
        .order_by(element.position, element.id)
    )
    rows = scope.read(conn, stmt)
    per_element = element_rollup(indicators)
    source_counts = Counter(int(e) for e in sources.element_id.tolist() if e == e)
    for row in rows:
        figures = per_element.get(row["element_id"], {})
        row.update(figures or {"indicators": 0, "measured": 0, "status": "no_data"})
        row["sources"] = source_counts.get(row["element_id"], 0)
    # Input to impact, then by position and id (a few dozen rows: sorted before the frame).
    order = {stage: rank for rank, stage in enumerate(STAGES)}
    rows.sort(key=lambda row: order.get(row["stage"], len(STAGES)))
    return frames.typed_frame(rows, ELEMENT_COLUMNS)


def element_rollup(indicators: pd.DataFrame) -> dict[int, dict]:
    """Per element id: its indicators, how many measured, average capped progress and
    expected progress over the measured, and the worst status among them."""
    groups: dict[int, list] = {}
    columns = ("element_id", "progress", "expected", "status")
    for element_id, progress, expected, status in zip(
        *(indicators[name].tolist() for name in columns), strict=True
    ):
        groups.setdefault(int(element_id), []).append((progress, expected, status))
    result: dict[int, dict] = {}
    for element_id, group in groups.items():
        measured = [row for row in group if not _missing(row[0])]
        statuses = {status for *_, status in measured if isinstance(status, str)}
        worst = next((status for status in WORST_FIRST if status in statuses), "no_data")
        expected = [row[1] for row in measured if not _missing(row[1])]
        result[element_id] = {
            "indicators": len(group),
            "measured": len(measured),
            "avg_progress": (
                sum(min(1.0, max(0.0, row[0])) for row in measured) / len(measured)
                if measured
                else None
            ),
            "avg_expected": sum(expected) / len(expected) if expected else None,
            "status": worst,
        }
    return result


def _missing(value) -> bool:
    return value is None or value is pd.NA or value != value


def _project_links(conn, projects, project_id: int, sources) -> pd.DataFrame:
    link, element = ChangeLogicLink, ChangeLogicElement
    stmt = (
        select(link.from_element_id, link.to_element_id)
        .join(element, element.id == link.from_element_id)
        .join(projects, projects.c.id == element.project_id)
        .where(element.project_id == project_id)
        .order_by(link.from_element_id, link.to_element_id)
    )
    rows = scope.read(conn, stmt)
    counts = Counter(
        (int(start), int(end))
        for start, end in zip(
            sources.from_element_id.tolist(), sources.to_element_id.tolist(), strict=True
        )
        if start == start and end == end  # NaN for a source on an element
    )
    for row in rows:
        row["sources"] = counts.get((row["from_element_id"], row["to_element_id"]), 0)
    return frames.typed_frame(rows, LINK_COLUMNS)


# --- the project picker ------------------------------------------------------------------


def project_options(
    engine: Engine, viewer: Viewer, search: object = "", keep: object = None
) -> list[tuple[int, str]]:
    """The projects the viewer sees in detail whose name contains ``search``, as (id, name),
    by name: at most ``PROJECT_CHOICES``, plus the one already chosen (``keep``)."""
    projects = scope.scoped_projects(viewer, PortfolioFilter(), scope.Lens.DETAIL, False)
    stmt = (
        select(Project.id, Project.name)
        .join(projects, projects.c.id == Project.id)
        .order_by(Project.name, Project.id)
    )
    words = (
        search.strip()[:SEARCH_LENGTH].encode("utf-8", "ignore").decode()
        if isinstance(search, str)
        else ""
    )
    if words:
        pattern = "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        stmt = stmt.where(Project.name.ilike(pattern, escape="\\"))
    found = [
        (int(row["id"]), row["name"]) for row in scope.read(engine, stmt.limit(PROJECT_CHOICES))
    ]
    kept = parse_project_id(keep)
    if kept and all(project_id != kept for project_id, _ in found):
        chosen = (
            select(Project.id, Project.name)
            .join(projects, projects.c.id == Project.id)
            .where(Project.id == kept)
        )
        found += [(int(row["id"]), row["name"]) for row in scope.read(engine, chosen)]
    return found


# --- the portfolio, per stage ------------------------------------------------------------


def stage_progress(
    engine: Engine,
    viewer: Viewer,
    filt: PortfolioFilter,
    today: dt.date | None = None,
    snapshots: bool = True,
) -> pd.DataFrame:
    """Per stage (and a "total" row): projects, quantitative indicators, how many measured,
    average capped progress (realised) next to the average expected progress by the as-of
    date (desired), both over the measured indicators, and the count per status; suppressed
    for the lens (a hidden stage also hides another). From the cells, the per-project stage
    rows or the indicators, whichever holds the view (``data_access.cells.stage_totals``;
    ``snapshots=False`` always computes from the indicators)."""
    frame = cells.stage_totals(engine, viewer, filt, today, snapshots=snapshots)
    return frame[list(STAGE_COLUMNS)]


def evidence_by_stage(engine: Engine, viewer: Viewer, filt: PortfolioFilter) -> pd.DataFrame:
    """Per stage (and a "total" row): the steps (elements) of the projects in view, and how
    many rest on research, on practice, on an assumption only; with their projects."""
    return cells.evidence_totals(engine, viewer, filt)[list(EVIDENCE_COLUMNS)]


@dataclass(frozen=True)
class WeakLinks:
    """The weakest steps, worst first (at most the limit), and how many there are in all."""

    rows: pd.DataFrame
    total: int


def weakest_links(
    engine: Engine,
    viewer: Viewer,
    filt: PortfolioFilter,
    today: dt.date | None = None,
    limit: int = WEAK_LINKS,
    use_snapshot: bool = True,
) -> WeakLinks:
    """Steps that rest on an assumption only and have indicators at risk or off track,
    worst gap (expected − capped progress) first. Detail: only projects the viewer sees in
    detail (the network gets none)."""
    as_of = filt.as_of(today or dt.date.today())
    materialize = can_materialize(engine)
    projects = scope.scoped_projects(viewer, filt, scope.Lens.DETAIL, materialize)
    element = ChangeLogicElement
    if use_snapshot and rollups.ensure_snapshot(engine, as_of, today or dt.date.today()):
        # Worked out per step with the snapshot: only the weak steps of the projects in view.
        weak = select(WeakElement).where(
            WeakElement.as_of == as_of, WeakElement.project_id.in_(select(projects.c.id))
        )
    else:
        weak = weak_elements(projects, as_of, materialize)
    weak = weak.subquery("weak_steps")
    # The worst few first, counted over all, before their texts are joined.
    worst = (
        select(*weak.c, over(func.count()).label("total"))
        .order_by(weak.c.gap.desc(), weak.c.element_id)
        .limit(max(1, min(int(limit), 200)))
        .subquery("worst")
    )
    stmt = (
        select(
            element.id.label("element_id"),
            element.project_id,
            Project.name.label("project"),
            element.stage,
            element.statement,
            worst.c.behind,
            worst.c.off_track,
            worst.c.indicators,
            worst.c.gap,
            worst.c.total,
        )
        .join(element, element.id == worst.c.element_id)
        .join(Project, Project.id == element.project_id)
        .order_by(worst.c.gap.desc(), element.id)
    )
    rows = scope.read(engine, stmt)
    total = int(rows[0]["total"]) if rows else 0
    return WeakLinks(frames.typed_frame(rows, WEAK_LINK_COLUMNS), total)


def weak_elements(projects, as_of: dt.date, materialize: bool):
    """Per step of ``projects`` (a CTE with ``id``) resting on an assumption and with
    indicators at risk or off track at ``as_of``: those behind, those off track, its
    quantitative indicators and the largest gap among those behind. Read by
    ``weakest_links`` for a date without a snapshot; kept per snapshot date by
    ``rollups`` (``WeakElement``)."""
    element = ChangeLogicElement
    latest = LatestValues(as_of)
    assumed = maybe_materialized(
        select(
            Indicator.id.label("indicator_id"),
            Indicator.element_id,
            Indicator.project_id,
            Indicator.baseline_value,
            Indicator.target_value,
            Indicator.direction,
            Indicator.baseline_date,
            Indicator.target_date,
            latest.value.label("latest_value"),
        )
        .join(projects, projects.c.id == Indicator.project_id)
        .join(element, element.id == Indicator.element_id)
        .where(element.evidence == "assumption", Indicator.measure_kind != "qualitative")
        .cte("assumed"),
        materialize,
    )
    progress = sql_rules.progress(
        assumed.c.baseline_value,
        assumed.c.target_value,
        assumed.c.latest_value,
        assumed.c.direction,
    )
    expected = sql_rules.expected_progress(
        assumed.c.baseline_date, assumed.c.target_date, literal(as_of, Date)
    )
    facts = maybe_materialized(
        select(
            assumed.c.element_id,
            assumed.c.project_id,
            progress.label("progress"),
            expected.label("expected"),
        ).cte("assumed_facts"),
        materialize,
    )
    status = sql_rules.status(facts.c.progress, facts.c.expected)
    behind = status.in_(BEHIND)
    gap = facts.c.expected - sql_rules.capped(facts.c.progress)
    return (
        select(
            facts.c.element_id,
            func.max(facts.c.project_id).label("project_id"),
            func.sum(case((behind, 1), else_=0)).label("behind"),
            func.sum(case((status == "off_track", 1), else_=0)).label("off_track"),
            func.count().label("indicators"),
            func.max(case((behind, gap))).label("gap"),
        )
        .group_by(facts.c.element_id)
        .having(func.sum(case((behind, 1), else_=0)) > 0)
    )


def empty_weak_links() -> pd.DataFrame:
    """No weakest links (for a viewer who sees no project in detail)."""
    return typed_frame([], WEAK_LINK_COLUMNS)
