"""Small-group suppression for aggregates shown to viewers who may see data only in aggregate:
hide cells of fewer than ``SMALL_GROUP`` projects, and enough others that none can be recomputed.
"""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

SMALL_GROUP = 3


def suppress_tree(
    frame: pd.DataFrame,
    *,
    level_column: str = "level",
    levels: tuple[str, ...] = ("total", "theme", "sub_theme"),
    keys: tuple[str, ...] = ("theme", "sub_theme"),
    count: str = "projects",
    threshold: int = SMALL_GROUP,
) -> pd.DataFrame:
    """A copy of ``frame`` (one row per cell of a hierarchy where parent = sum of children) with
    a bool column ``suppressed``; numeric columns become float64, NaN in suppressed rows.
    The rows hidden are ``tree_hidden``'s."""
    hidden = tree_hidden(
        frame, level_column=level_column, levels=levels, keys=keys, count=count, threshold=threshold
    )
    return blank(frame, hidden, exclude={level_column, *keys})


def tree_hidden(
    frame: pd.DataFrame,
    *,
    level_column: str = "level",
    levels: tuple[str, ...] = ("total", "theme", "sub_theme"),
    keys: tuple[str, ...] = ("theme", "sub_theme"),
    count: str = "projects",
    threshold: int = SMALL_GROUP,
) -> np.ndarray:
    """Which rows of ``frame`` (one row per cell of a hierarchy where parent = sum of
    children) ``suppress_tree`` hides. Rules, repeated until nothing changes:
    1. primary: a cell of 1 to ``threshold - 1`` projects (or an unknown count) is hidden;
    2. a hidden parent hides all its children;
    3. under a visible parent, never exactly one hidden sibling (with a count other than 0):
       also hide the visible sibling with the smallest count > 0, or the parent if none has one.

    A row's parent is its nearest ancestor present in ``frame``; a row without one is under no
    constraint.
    """
    if len(keys) < len(levels) - 1:
        raise ValueError(f"{len(levels)} levels need at least {len(levels) - 1} keys")
    return hidden_in_tree(
        frame[level_column].tolist(),
        [frame[key].tolist() for key in keys[: len(levels) - 1]],
        count_values(frame, count),
        level_column=level_column,
        levels=levels,
        threshold=threshold,
    )


def hidden_in_tree(
    level_values: list,
    key_values: list[list],
    counts: np.ndarray,
    *,
    level_column: str = "level",
    levels: tuple[str, ...] = ("total", "theme", "sub_theme"),
    threshold: int = SMALL_GROUP,
) -> np.ndarray:
    """``tree_hidden`` on plain columns: each row's level, its keys (one list per level
    below the top) and its count as floats (NaN: unknown)."""
    depth_of = {name: depth for depth, name in enumerate(levels)}
    n = len(level_values)
    depths = np.empty(n, dtype=int)
    paths: list[tuple] = []
    position_of: dict[tuple, int] = {}
    for pos in range(n):
        level = level_values[pos]
        if level not in depth_of:
            raise ValueError(f"row {pos}: {level_column} {level!r} is not one of {levels}")
        depth = depths[pos] = depth_of[level]
        # NA in a key (e.g. projects without a sub-theme) is a group of its own, and NaN != NaN
        # would keep it from ever being found again.
        path = tuple(None if _isna(values[pos]) else values[pos] for values in key_values[:depth])
        if path in position_of:
            raise ValueError(f"rows {position_of[path]} and {pos} are the same cell {path}")
        position_of[path] = pos
        paths.append(path)

    # The nearest present ancestor: when a level is left out, its rows' relation still holds
    # one level up (total = sum of all sub-themes), so skipping over it would leak.
    parent = np.full(n, -1)
    for pos, path in enumerate(paths):
        for cut in range(len(path) - 1, -1, -1):
            if path[:cut] in position_of:
                parent[pos] = position_of[path[:cut]]
                break
    top_down = sorted(range(n), key=lambda pos: depths[pos])
    siblings: dict[int, list[int]] = {}
    for pos in top_down:
        if parent[pos] >= 0:
            siblings.setdefault(int(parent[pos]), []).append(pos)

    hidden = primary_hidden(counts, threshold)
    changed = True
    while changed:
        changed = False
        # Rule 2 (top-down, so it reaches every descendant in one pass).
        for pos in top_down:
            if parent[pos] >= 0 and hidden[parent[pos]] and not hidden[pos]:
                hidden[pos] = changed = True
        # Rule 3. A hidden zero protects nothing: its value is known to be 0.
        for up, kids in siblings.items():
            if hidden[up] or sum(hidden[k] and counts[k] != 0 for k in kids) != 1:
                continue
            shown = [k for k in kids if not hidden[k] and counts[k] > 0]
            if shown:
                hidden[_smallest(shown, counts, paths)] = True
            else:
                hidden[up] = True
            changed = True
    return hidden


def suppress_rows(
    frame: pd.DataFrame,
    *,
    count: str = "projects",
    threshold: int = SMALL_GROUP,
    keep: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Like ``suppress_tree`` for independent cells (no row is a sum of others): primary rule
    only. Numeric columns in ``keep`` (a date, an id) are never blanked."""
    if count in keep:
        raise ValueError(f"the count column {count!r} cannot be kept: it shows the small groups")
    return blank(frame, primary_hidden(count_values(frame, count), threshold), exclude=set(keep))


def count_values(frame: pd.DataFrame, count: str) -> np.ndarray:
    """The ``count`` column as floats (NaN: unknown)."""
    return pd.to_numeric(frame[count]).astype("float64").to_numpy(copy=True)


def primary_hidden(counts: np.ndarray, threshold: int) -> np.ndarray:
    """The primary rule: a cell of 1 to ``threshold - 1`` projects, or of an unknown count."""
    # 0 projects singles nobody out; an unknown count cannot be vouched for.
    return np.isnan(counts) | ((counts > 0) & (counts < threshold))


def _smallest(kids: list[int], counts: np.ndarray, paths: list[tuple]) -> int:
    """The kid with the smallest count, ties broken by its key, so results are reproducible."""
    try:
        return min(kids, key=lambda k: (counts[k], paths[k][-1] is None, paths[k][-1]))
    except TypeError:  # keys of mixed types: compare them as text
        return min(kids, key=lambda k: (counts[k], paths[k][-1] is None, str(paths[k][-1])))


def _isna(value) -> bool:
    return value is None or (not isinstance(value, str | tuple) and bool(pd.isna(value)))


def _is_numeric(column: pd.Series) -> bool:
    # Bools are flags, not amounts. Object columns of Decimals (SQL sums) are amounts.
    if pd.api.types.is_bool_dtype(column):
        return False
    if pd.api.types.is_numeric_dtype(column):
        return True
    if column.dtype == object:
        values = column.dropna()
        return len(values) > 0 and all(
            isinstance(v, numbers.Number) and not isinstance(v, bool) for v in values
        )
    return False


def blank(frame: pd.DataFrame, hidden: np.ndarray, exclude: set[str]) -> pd.DataFrame:
    """A copy of ``frame`` with its numeric columns (but ``exclude``) as float64, NaN in the
    ``hidden`` rows, and the bool column ``suppressed``."""
    hidden = np.asarray(hidden, dtype=bool)
    columns = {}
    for name in frame.columns:
        column = frame[name]
        if name == "suppressed" or name in exclude or not _is_numeric(column):
            columns[name] = column
            continue
        # float64 before NaN goes in: always, so the dtypes never depend on the data.
        values = pd.to_numeric(column).to_numpy(dtype="float64", na_value=np.nan, copy=True)
        values[hidden] = np.nan
        columns[name] = values
    columns["suppressed"] = hidden.copy()
    return pd.DataFrame(columns, index=frame.index)
