"""Who may see what: the one module that decides it, for every view and every role.

- **Detail** (rows, names, exact figures) and **aggregate** (suppressed, anonymised figures)
  are two lenses on the projects; each role has a set of projects for each lens.
- A filter from a link or a (possibly forged) callback is reconciled with the viewer: values
  outside the viewer's scope are dropped and named.
- Aggregates seen through the aggregate lens go through small-group suppression, including
  secondary suppression (``data_access.suppression``).
- Every statement that reads project data runs through ``read``, which refuses a statement
  not built on the viewer's scoped projects or funders; ``install_guard`` makes an engine
  refuse any other such statement, so a new query cannot forget the scope.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

import numpy as np
import pandas as pd
from sqlalchemy import (
    CompoundSelect,
    Connection,
    Engine,
    Select,
    and_,
    case,
    event,
    exists,
    false,
    func,
    or_,
    select,
    true,
)
from sqlalchemy.orm import aliased
from sqlalchemy.sql import visitors
from sqlalchemy.sql.selectable import CTE, TableClause

from data_access import suppression
from data_access.filters import PortfolioFilter, Problem
from data_access.models import CELL_KEYS, Base, Funder, Grant, Project, User, UserScope
from data_access.viewer import Viewer

SMALL_GROUP = suppression.SMALL_GROUP
SHARED_VISIBILITIES = ("network", "public")

# The names of the CTEs every scoped statement is built on; ``read`` looks for them.
SCOPED_PROJECTS = "scoped_projects"
SCOPED_FUNDERS = "scoped_funders"
# The cell rows (see ``models.CELL_KEYS``) of a view that takes in whole cells.
SCOPED_CELLS = "scoped_cells"
_SCOPE_NAMES = frozenset({SCOPED_PROJECTS, SCOPED_FUNDERS, SCOPED_CELLS})
_SCOPED_OPTION = "filantrimpact_scoped"
# Tables that hold nothing about projects or funders; reading them needs no viewer.
# The product's tables that hold project or funder data. (Accounts are read by the login,
# before there is a viewer; the import history is the administrators'.)
_PROTECTED_TABLES = frozenset(Base.metadata.tables) - {
    "import_batch",
    "data_version",
    "progress_snapshot",  # only which dates are built
    "since_snapshot",  # likewise, for "since the last meeting"
    User.__tablename__,
    UserScope.__tablename__,
}


class Lens(StrEnum):
    """How a view looks at projects: every figure and row, or suppressed aggregates only."""

    DETAIL = "detail"
    AGGREGATE = "aggregate"


class UnscopedQuery(RuntimeError):
    """A statement reads project data without going through the viewer's scope."""


# --- which projects and funders ----------------------------------------------------------


def has_detail(viewer: Viewer) -> bool:
    """Whether the viewer sees any projects in detail (the network sees none)."""
    return viewer.role in ("admin", "funder", "project")


def portfolio_lens(viewer: Viewer) -> Lens:
    """A portfolio is the viewer's own projects in detail; the network's is all shared
    projects, in aggregate."""
    return Lens.DETAIL if has_detail(viewer) else Lens.AGGREGATE


def detail_projects(viewer: Viewer):
    """WHERE condition on ``Project``: the projects the viewer sees in detail."""
    if viewer.role == "admin":
        return true()
    if viewer.role == "funder":
        return _funded_by(viewer.funder_ids)
    if viewer.role == "project":
        return Project.id.in_(sorted(viewer.project_ids))
    return false()


def aggregate_projects(viewer: Viewer):
    """WHERE condition on ``Project``: what the viewer sees in aggregate — its own projects
    and everything shared with the network."""
    if viewer.role == "admin":
        return true()
    return or_(detail_projects(viewer), Project.visibility.in_(SHARED_VISIBILITIES))


def writable_projects(viewer: Viewer):
    """WHERE condition on ``Project``: where the viewer may add measurements and stories
    (administrators everywhere, project leads on their own projects)."""
    if viewer.role == "admin":
        return true()
    if viewer.role == "project":
        return Project.id.in_(sorted(viewer.project_ids))
    return false()


def projects_for(viewer: Viewer, lens: Lens):
    return detail_projects(viewer) if lens is Lens.DETAIL else aggregate_projects(viewer)


def pickable_funders(viewer: Viewer):
    """WHERE condition on ``Funder``: the funders the viewer may name in a filter."""
    if viewer.role == "admin":
        return true()
    if viewer.role == "funder":
        return Funder.id.in_(sorted(viewer.funder_ids))
    if viewer.role == "project":
        return exists().where(
            Grant.funder_id == Funder.id, Grant.project_id.in_(sorted(viewer.project_ids))
        )
    if viewer.role == "network":
        return Funder.named_to_network.is_(True)
    return false()


def _funded_by(funder_ids):
    # The funders' grants first (by their funder index), not every project with a lookup
    # of its grants: SQLite ran a correlated EXISTS for each of 12 750 projects to find a
    # funder's hundred, in every statement of a funder's page.
    return Project.id.in_(select(Grant.project_id).where(Grant.funder_id.in_(sorted(funder_ids))))


def _funded_by_pickable(viewer: Viewer, funder_ids):
    """Projects with a grant from one of ``funder_ids`` that the viewer may pick: a forged
    filter naming another funder narrows nothing down to that funder."""
    pickable = _pickable_among(viewer, funder_ids)
    # Found from the grants, like ``_funded_by``.
    return Project.id.in_(select(Grant.project_id).where(Grant.funder_id.in_(pickable)))


def _pickable_among(viewer: Viewer, funder_ids):
    """The ids among ``funder_ids`` that the viewer may pick, as a subquery."""
    return select(Funder.id).where(pickable_funders(viewer), Funder.id.in_(sorted(funder_ids)))


def project_conditions(viewer: Viewer, filt: PortfolioFilter, lens: Lens) -> list:
    """WHERE conditions on ``Project``: the viewer's projects for ``lens``, narrowed by the
    filter."""
    conditions = [projects_for(viewer, lens)]
    if filt.funder_ids:
        conditions.append(_funded_by_pickable(viewer, filt.funder_ids))
    if filt.themes:
        conditions.append(Project.theme.in_(filt.themes))
    if filt.sub_themes:
        conditions.append(Project.sub_theme.in_(filt.sub_themes))
    if filt.regions:
        conditions.append(Project.region.in_(filt.regions))
    if filt.period_start:
        conditions.append(or_(Project.end_date.is_(None), Project.end_date >= filt.period_start))
    if filt.period_end:
        conditions.append(Project.start_date <= filt.period_end)
    return conditions


def scoped_projects(viewer: Viewer, filt: PortfolioFilter, lens: Lens, materialize: bool):
    """The projects in view as a CTE, with the columns the roll-ups group by. Every query
    about projects joins through it. Materialised, the (small) set of projects is found first
    and the big tables are entered through it, whatever the planner's statistics say."""
    cte = (
        select(Project.id, Project.theme, Project.sub_theme, Project.region)
        .where(*project_conditions(viewer, filt, lens))
        .cte(SCOPED_PROJECTS)
    )
    return cte.prefix_with("MATERIALIZED") if materialize else cte


def takes_whole_cells(viewer: Viewer, filt: PortfolioFilter) -> bool:
    """Whether every cell (one theme, sub-theme, region and visibility: ``models.CELL_KEYS``)
    lies in the view whole or not at all, so that the view may add up cells instead of
    projects: when the scope and the filter decide on those four attributes alone — the
    administrator's projects (all) and the network's (by visibility), narrowed by theme,
    sub-theme or region. A funder (the viewer's or the filter's) or a period (project dates)
    cut through cells, and a project lead's projects are single projects."""
    return (
        viewer.role in ("admin", "network")
        and not filt.funder_ids
        and filt.period_start is None
        and filt.period_end is None
    )


def cell_conditions(viewer: Viewer, filt: PortfolioFilter, lens: Lens, cells) -> list:
    """WHERE conditions on a cell table (a table with the ``CELL_KEYS`` columns): the cells
    of ``project_conditions``, which are the same conditions on the same four attributes.
    Only for views that ``takes_whole_cells``; anything else raises ``ValueError``."""
    if not takes_whole_cells(viewer, filt):
        raise ValueError(f"the {viewer.role} view with {filt} does not take in whole cells")
    project = Project.__table__

    def on_cells(element):
        if getattr(element, "table", None) is project and element.name in CELL_KEYS:
            return cells.c[element.name]
        return None

    conditions = [
        visitors.replacement_traverse(condition, {}, on_cells)
        for condition in project_conditions(viewer, filt, lens)
    ]
    # A rule on anything else than the cell's attributes would not follow cell borders.
    for condition in conditions:
        for element in visitors.iterate(condition):
            table = getattr(element, "table", None)
            if isinstance(table, TableClause) and table is not cells:
                raise ValueError(f"{condition} does not follow cell borders")
    return conditions


def scoped_cells(viewer: Viewer, filt: PortfolioFilter, lens: Lens, table):
    """The rows of the cell ``table`` (a model or table with the ``CELL_KEYS`` columns) in the
    view, as a CTE with the table's columns: what a view over whole cells reads instead of
    ``scoped_projects``, without going through its projects."""
    table = getattr(table, "__table__", table)
    conditions = cell_conditions(viewer, filt, lens, table)
    return select(table).where(*conditions).cte(SCOPED_CELLS)


def scoped_writable_projects(viewer: Viewer):
    """The projects the viewer may add measurements and stories to, as a CTE (id, name)."""
    return select(Project.id, Project.name).where(writable_projects(viewer)).cte(SCOPED_PROJECTS)


def scoped_funders(viewer: Viewer):
    """The funders the viewer may pick, as a CTE (id, name)."""
    return select(Funder.id, Funder.name).where(pickable_funders(viewer)).cte(SCOPED_FUNDERS)


def grant_conditions(viewer: Viewer, filt: PortfolioFilter, project_ids) -> list:
    """Grants counted as money: of projects in view, within the period; a funder sees the
    money of its own grants only, and a funder filter counts only the pickable funders."""
    conditions = [Grant.project_id.in_(project_ids)]
    if viewer.role == "funder":
        conditions.append(Grant.funder_id.in_(sorted(viewer.funder_ids)))
    if filt.funder_ids:
        conditions.append(Grant.funder_id.in_(_pickable_among(viewer, filt.funder_ids)))
    if filt.period_start:
        conditions.append(Grant.awarded_on >= filt.period_start)
    if filt.period_end:
        conditions.append(Grant.awarded_on <= filt.period_end)
    return conditions


def cache_key(viewer: Viewer) -> str:
    """What a cached answer depends on besides its inputs: the viewer's scope (not its name),
    so two viewers share an entry only when they may see exactly the same."""
    funders = ",".join(str(i) for i in sorted(viewer.funder_ids))
    projects = ",".join(str(i) for i in sorted(viewer.project_ids))
    return f"{viewer.role}|f:{funders}|p:{projects}"


# --- reconciling a filter ----------------------------------------------------------------


def funder_options(engine: Engine, viewer: Viewer) -> list[tuple[int, str]]:
    """The funders the viewer may filter on, as (id, name), by name."""
    funders = scoped_funders(viewer)
    stmt = select(funders.c.id, funders.c.name).order_by(funders.c.name)
    return [(int(row["id"]), row["name"]) for row in read(engine, stmt)]


@dataclass(frozen=True)
class Reconciled:
    """A filter narrowed to the viewer's scope, and what was left out of it."""

    filter: PortfolioFilter
    problems: tuple[Problem, ...]


def reconcile(engine: Engine, viewer: Viewer, filt: PortfolioFilter) -> Reconciled:
    """Drop the funders the viewer may not pick (or that do not exist), naming each."""
    if not filt.funder_ids:
        return Reconciled(filt, ())
    allowed = {funder_id for funder_id, _ in funder_options(engine, viewer)}
    kept = tuple(funder_id for funder_id in filt.funder_ids if funder_id in allowed)
    problems = tuple(
        Problem("funder", str(funder_id), "not_in_scope")
        for funder_id in filt.funder_ids
        if funder_id not in allowed
    )
    return Reconciled(replace(filt, funder_ids=kept), problems)


# --- suppression -------------------------------------------------------------------------


def suppress_tree(frame: pd.DataFrame, lens: Lens, **levels) -> pd.DataFrame:
    """Total → theme → sub-theme figures as the lens allows: unchanged in detail; in
    aggregate, small groups and whatever would give them away hidden."""
    if lens is Lens.DETAIL:
        return frame
    return suppression.suppress_tree(frame, threshold=SMALL_GROUP, **levels)


def suppress_rows(frame: pd.DataFrame, lens: Lens, keep: tuple[str, ...] = ()) -> pd.DataFrame:
    """Independent figures (no totals over them on the page) as the lens allows."""
    if lens is Lens.DETAIL:
        return frame
    return suppression.suppress_rows(frame, threshold=SMALL_GROUP, keep=keep)


def hide_groups(
    frame: pd.DataFrame, lens: Lens, column: str, hidden: set, keep: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Also hide the rows of groups hidden elsewhere on the same page (a theme hidden in the
    totals stays hidden in the timeline), then small rows."""
    if lens is Lens.DETAIL:
        return frame
    frame = suppress_rows(frame, lens, keep=keep)
    rows = frame[column].isin(list(hidden))
    frame.loc[rows, "suppressed"] = True
    for name in frame.columns:
        if name in keep or name == "suppressed" or not pd.api.types.is_float_dtype(frame[name]):
            continue
        frame.loc[rows, name] = float("nan")
    return frame


# --- funders side by side, and the network's view ----------------------------------------
# A viewer sees the funders it answers for in detail (an administrator every funder, a funder
# account its own) and every other funder as the network does: only through projects shared
# with the network, in suppressed aggregates, and named only when that funder agreed to be.
#
# What suppression guarantees against differencing (working a hidden group out from figures
# that are shown):
# - no figure shown to an aggregate viewer covers 1 or 2 projects;
# - within one table whose rows add up (a funder's total → themes → sub-themes; total →
#   stages; total → evidence bases), no hidden cell follows from the visible ones
#   (secondary suppression);
# - a funder's figures are computed from its own projects only, so they are the same
#   whichever other funders are chosen: changing the choice reveals nothing new; and every
#   viewer sees another funder exactly as the network does, so two accounts cannot be
#   compared to isolate a project either;
# - the Network page shows everyone the network's figures, the same as the network's
#   Portfolio without filters.
# Not guaranteed: figures over overlapping groups that are not totals of one another (two
# funders who share projects; a theme filter on the Portfolio next to the Network page's
# theme rows) can be combined by hand; each is still about 3 or more projects.


def network_view(viewer: Viewer) -> Viewer:
    """Whom the Network page shows figures to: the network, whoever asks (it goes on the wall
    at a gathering, so an administrator or a funder presenting shows nothing more)."""
    return Viewer.network()


def funder_in_detail(viewer: Viewer, funder_column):
    """WHERE condition on a funder id column: the funders the viewer sees in detail."""
    if viewer.role == "admin":
        return true()
    if viewer.role == "funder":
        return funder_column.in_(sorted(viewer.funder_ids))
    return false()


def comparable_funders(viewer: Viewer):
    """WHERE condition on ``Funder``: the funders the viewer may put side by side — its own,
    and every funder of a project shared with the network (project leads compare none)."""
    if viewer.role not in ("admin", "funder", "network"):
        return false()
    grant, project = aliased(Grant), aliased(Project)
    shared = (
        exists()
        .where(
            grant.funder_id == Funder.id,
            grant.project_id == project.id,
            project.visibility.in_(SHARED_VISIBILITIES),
        )
        .correlate(Funder)
    )
    return or_(funder_in_detail(viewer, Funder.id), shared)


def scoped_comparable_funders(viewer: Viewer):
    """The comparable funders as a CTE (id, name, letter, detail). ``name`` is the real name
    only where the viewer may know it (its own, or the funder agreed to be named); else NULL,
    and ``letter`` numbers the funders not named to the network by id (1 → "Financier A"),
    counted over all funders, so the same funder has the same letter for every viewer, on
    every page, in every session."""
    ranked = select(
        Funder.id,
        Funder.name,
        Funder.named_to_network,
        func.row_number()
        .over(partition_by=Funder.named_to_network, order_by=Funder.id)
        .label("rank"),
    ).subquery("ranked_funders")
    detail = funder_in_detail(viewer, ranked.c.id)
    named = or_(ranked.c.named_to_network.is_(True), detail)
    return (
        select(
            ranked.c.id,
            case((named, ranked.c.name), else_=None).label("name"),
            case((ranked.c.named_to_network.is_(True), None), else_=ranked.c.rank).label("letter"),
            case((detail, True), else_=False).label("detail"),
        )
        .where(ranked.c.id.in_(select(Funder.id).where(comparable_funders(viewer))))
        .cte(SCOPED_FUNDERS)
    )


def anonymous_code(letter: int) -> str:
    """1 → "A", 26 → "Z", 27 → "AA": the code an unnamed funder is shown under."""
    code = ""
    while letter > 0:
        letter, rest = divmod(letter - 1, 26)
        code = chr(ord("A") + rest) + code
    return code


def chosen_funders(viewer: Viewer, funder_ids):
    """The ids of the chosen funders the viewer may compare; every one when ``funder_ids``
    is None."""
    chosen = select(Funder.id).where(comparable_funders(viewer))
    return chosen if funder_ids is None else chosen.where(Funder.id.in_(sorted(funder_ids)))


def scoped_funder_projects(viewer: Viewer, funder_ids, materialize: bool = False):
    """Per chosen funder and project it supports, as the viewer may count it, as a CTE:
    funder_id, id (the project), theme, sub_theme, money (this funder's euro), share (its
    part of all the money the project got), shared (visible to the network) and detail (the
    funder is seen in detail). A funder seen in detail counts all its projects; any other
    funder only its projects shared with the network (``in_funder_view``)."""
    chosen = chosen_funders(viewer, funder_ids)
    project_money = (
        select(Grant.project_id, func.sum(Grant.amount_eur).label("money"))
        .group_by(Grant.project_id)
        .subquery("project_money")
    )
    grant = aliased(Grant, name="funder_grant")
    shared = Project.visibility.in_(SHARED_VISIBILITIES)
    detail = funder_in_detail(viewer, grant.funder_id)
    money = func.sum(grant.amount_eur)
    cte = (
        select(
            grant.funder_id,
            Project.id,
            Project.theme,
            Project.sub_theme,
            money.label("money"),
            (money / func.nullif(func.max(project_money.c.money), 0)).label("share"),
            case((shared, True), else_=False).label("shared"),
            case((detail, True), else_=False).label("detail"),
        )
        .select_from(grant)
        .join(Project, Project.id == grant.project_id)
        .join(project_money, project_money.c.project_id == grant.project_id)
        .where(
            grant.funder_id.in_(chosen),
            aggregate_projects(viewer),
            or_(shared, and_(detail, detail_projects(viewer))),
        )
        .group_by(grant.funder_id, Project.id, Project.theme, Project.sub_theme, Project.visibility)
        .cte(SCOPED_PROJECTS)
    )
    return cte.prefix_with("MATERIALIZED") if materialize else cte


def scoped_funder_cells(viewer: Viewer, funder_ids, table):
    """The rows of a funder cell ``table`` (``models.FunderCell`` and the like, keyed by
    funder and ``FUNDER_CELL_KEYS``) that count for the chosen funders, as a CTE: the same
    projects as ``scoped_funder_projects`` where ``in_funder_view``, a funder cell at a time.

    Those conditions come down to the funder's visibility rule: a row (funder, project)
    counts when the project is shared with the network, or when the funder is seen in detail
    — the viewer's own funder, whose projects are all among the viewer's (``detail_projects``
    is true for a project its own funder funds; the administrator sees everything) — and the
    visibility is a key of the cell."""
    table = getattr(table, "__table__", table)
    chosen = chosen_funders(viewer, funder_ids)
    shared = table.c.visibility.in_(SHARED_VISIBILITIES)
    counted = or_(shared, funder_in_detail(viewer, table.c.funder_id))
    return select(table).where(table.c.funder_id.in_(chosen), counted).cte(SCOPED_CELLS)


def scoped_funder_pair_cells(viewer: Viewer, funder_ids, table):
    """The rows of the pair cell ``table`` (first, second and ``FUNDER_CELL_KEYS``) for pairs
    of chosen funders, as a CTE: the pairs ``scoped_funder_projects`` joined to itself gives
    under ``pair_in_view``. Both funders' rows must count, so a project counts when it is
    shared with the network, or when both funders are seen in detail."""
    table = getattr(table, "__table__", table)
    chosen = chosen_funders(viewer, funder_ids)
    shared = table.c.visibility.in_(SHARED_VISIBILITIES)
    both = and_(funder_in_detail(viewer, table.c.first), funder_in_detail(viewer, table.c.second))
    return (
        select(table)
        .where(table.c.first.in_(chosen), table.c.second.in_(chosen), or_(shared, both))
        .cte(SCOPED_CELLS)
    )


def in_funder_view(rows):
    """WHERE condition on ``scoped_funder_projects`` rows: the rows that count for their own
    funder (all of a detail funder's projects; only shared ones of any other)."""
    return or_(rows.c.shared.is_(True), rows.c.detail.is_(True))


def pair_in_view(a, b):
    """WHERE condition on two joined ``scoped_funder_projects`` rows of one project: whether
    the project counts for the pair of funders — shared with the network, or a project of a
    funder the viewer sees in detail (its own)."""
    return or_(a.c.shared.is_(True), a.c.detail.is_(True), b.c.detail.is_(True))


def suppress_funder_tree(frame: pd.DataFrame, detail_funders: set, **levels) -> pd.DataFrame:
    """``suppress_tree`` per funder: the rows of a funder seen in detail unchanged, the others
    with small groups and whatever gives them away hidden. Funder by funder, each funder's
    rows in their order; numbers as float64."""
    if frame.empty:
        return _empty_result(frame)
    level_column = levels.get("level_column", "level")
    tree_levels = tuple(levels.get("levels", ("total", "theme", "sub_theme")))
    keys = tuple(levels.get("keys", ("theme", "sub_theme")))
    if len(keys) < len(tree_levels) - 1:
        raise ValueError(f"{len(tree_levels)} levels need at least {len(tree_levels) - 1} keys")
    funders = frame["funder_id"].tolist()
    level_values = frame[level_column].tolist()
    key_values = [frame[key].tolist() for key in keys[: len(tree_levels) - 1]]
    counts = suppression.count_values(frame, levels.get("count", "projects"))
    # Each funder's tree on its own (plain lists: a few hundred rows, many small trees).
    groups: dict[object, list[int]] = {}
    for position, funder in enumerate(funders):
        if funder not in detail_funders:
            groups.setdefault(funder, []).append(position)
    hidden = np.zeros(len(frame), dtype=bool)
    for positions in groups.values():
        hidden[positions] = suppression.hidden_in_tree(
            [level_values[p] for p in positions],
            [[values[p] for p in positions] for values in key_values],
            counts[positions],
            level_column=level_column,
            levels=tree_levels,
            threshold=SMALL_GROUP,
        )
    blanked = suppression.blank(frame, hidden, exclude={level_column, "funder_id", *keys})
    return _by_funder(blanked)


def suppress_funder_rows(frame: pd.DataFrame, detail_funders: set, keep=()) -> pd.DataFrame:
    """``suppress_rows`` for the rows of funders not seen in detail (the primary rule, row by
    row, so all funders' rows at once give the same)."""
    if frame.empty:
        return _empty_result(frame)
    keep = ("funder_id", *keep)
    aggregate = ~frame["funder_id"].isin(list(detail_funders)).to_numpy()
    counts = suppression.count_values(frame, "projects")
    hidden = aggregate & suppression.primary_hidden(counts, SMALL_GROUP)
    return _by_funder(suppression.blank(frame, hidden, exclude=set(keep)))


def _by_funder(frame: pd.DataFrame) -> pd.DataFrame:
    """Funder by funder, each funder's rows in their order (as a groupby gives them)."""
    return frame.sort_values("funder_id", kind="stable").reset_index(drop=True)


def suppress_pairs(frame: pd.DataFrame, detail_funders: set) -> pd.DataFrame:
    """Co-funding cells (first, second, projects, money_first): a cell of two funders seen
    only as the network sees them is hidden below 3 projects; a cell with one of the
    viewer's own funders keeps its count (its own projects) but shows the other funder's
    money only from 3 projects on."""
    frame = frame.copy()
    small = (frame.projects > 0) & (frame.projects < SMALL_GROUP)
    own_cell = frame["first"].isin(detail_funders) | frame["second"].isin(detail_funders)
    hidden = small & ~own_cell
    money_hidden = small & ~frame["first"].isin(detail_funders)
    frame["projects"] = frame.projects.astype("float64").mask(hidden)
    frame["money_first"] = frame.money_first.astype("float64").mask(money_hidden | hidden)
    frame["suppressed"] = hidden
    return frame


def _empty_result(frame: pd.DataFrame) -> pd.DataFrame:
    """What suppression gives for no rows: the same columns and a bool ``suppressed``."""
    empty = frame.copy()
    empty["suppressed"] = pd.Series(dtype=bool)
    return empty


def pair_projects(viewer: Viewer, first: int, second: int):
    """WHERE condition on ``Project``: the projects of both funders the viewer may list by
    name (in detail) — what a co-funding cell opens to."""

    def funded_by(funder_id: int):
        return exists().where(Grant.project_id == Project.id, Grant.funder_id == int(funder_id))

    return and_(detail_projects(viewer), funded_by(first), funded_by(second))


# --- the guard ---------------------------------------------------------------------------


def read(engine: Engine | Connection, stmt: Select | CompoundSelect) -> list[dict]:
    """Run a statement built on the viewer's scope; rows as dicts."""
    if not _built_on_scope(stmt):
        raise UnscopedQuery(
            f"statement does not go through {', '.join(sorted(_SCOPE_NAMES))}: {stmt}"
        )
    if isinstance(engine, Connection):
        return _rows(engine, stmt)
    with engine.connect() as conn:
        return _rows(conn, stmt)


def _rows(conn: Connection, stmt) -> list[dict]:
    result = conn.execute(stmt, execution_options={_SCOPED_OPTION: True})
    return [dict(row._mapping) for row in result]


def _built_on_scope(stmt) -> bool:
    return any(
        isinstance(element, CTE) and element.name in _SCOPE_NAMES
        for element in visitors.iterate(stmt)
    )


def install_guard(engine: Engine) -> Engine:
    """Make ``engine`` refuse a SELECT on project data that did not come through ``read``.

    Maintenance code (migrations, derived data, imports) writes with INSERT/UPDATE, and reads
    through ``trusted(conn)``.
    """
    if not event.contains(engine, "before_execute", _guard):
        event.listen(engine, "before_execute", _guard)
    return engine


def trusted(conn: Connection) -> Connection:
    """A connection for maintenance code that reads across all viewers (never for a view)."""
    return conn.execution_options(**{_SCOPED_OPTION: True})


def _guard(conn, clauseelement, multiparams, params, execution_options) -> None:
    if not isinstance(clauseelement, Select | CompoundSelect):
        return
    options = {
        **conn.get_execution_options(),
        **clauseelement.get_execution_options(),
        **(execution_options or {}),
    }
    if options.get(_SCOPED_OPTION):
        return
    tables = {
        element.name
        for element in visitors.iterate(clauseelement)
        if isinstance(element, TableClause)
    }
    protected = tables & _PROTECTED_TABLES
    if protected:
        raise UnscopedQuery(
            f"reading {', '.join(sorted(protected))} outside data_access.scope.read"
        )
