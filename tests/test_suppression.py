"""Small-group suppression: primary and secondary suppression keep every hidden cell hidden."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data_access.suppression import SMALL_GROUP, suppress_rows, suppress_tree


def tree(*rows) -> pd.DataFrame:
    """Rows as (level, theme, sub_theme, projects, money_eur)."""
    return pd.DataFrame(rows, columns=["level", "theme", "sub_theme", "projects", "money_eur"])


def parent_rows(frame: pd.DataFrame) -> dict[int, list[int]]:
    """Position of each parent row -> positions of its children (complete three-level trees)."""
    rows = list(frame.itertuples())
    # Parents by name: "total" for the total row, the theme for a theme row.
    where = {
        "total" if r.level == "total" else r.theme: i
        for i, r in enumerate(rows)
        if r.level != "sub_theme"
    }
    children: dict[int, list[int]] = {}
    for i, r in enumerate(rows):
        if r.level == "theme":
            children.setdefault(where["total"], []).append(i)
        elif r.level == "sub_theme":
            children.setdefault(where[r.theme], []).append(i)
    return children


def recomputable(source: pd.DataFrame, result: pd.DataFrame) -> list[int]:
    """Hidden cells (other than zeros, known to be 0 anyway) whose value follows from the visible
    ones through parent = sum of children: x_i is determined iff e_i is in the row space of the
    constraint matrix restricted to the unknowns."""
    children = parent_rows(source)
    matrix = np.zeros((len(children), len(source)))
    for row, (up, kids) in enumerate(children.items()):
        matrix[row, up] = 1
        matrix[row, kids] = -1
    unknown = np.flatnonzero(result.suppressed.to_numpy() & (source.projects.to_numpy() != 0))
    restricted = matrix[:, unknown]
    rank = np.linalg.matrix_rank(restricted)
    found = []
    for j, pos in enumerate(unknown):
        unit = np.zeros((1, len(unknown)))
        unit[0, j] = 1
        if np.linalg.matrix_rank(np.vstack([restricted, unit])) == rank:
            found.append(int(pos))
    return found


def test_sup001_complement_of_a_small_theme_is_hidden_too():
    source = tree(
        ("total", None, None, 4, 400.0),
        ("theme", "people", None, 3, 300.0),
        ("theme", "society", None, 1, 100.0),
    )
    result = suppress_tree(source, keys=("theme",), levels=("total", "theme"))
    assert result.suppressed.tolist() == [False, True, True]
    # 400 - 300 would give society away: with people hidden, nothing does.
    assert recomputable(source, result) == []
    assert result.money_eur.tolist()[0] == 400.0
    assert result.money_eur.iloc[1:].isna().all()


def test_sup002_counts_blanked_input_unchanged_dtypes_float():
    source = tree(
        ("total", None, None, 6, 600.0),
        ("theme", "people", None, 5, 500.0),
        ("theme", "society", None, 1, 100.0),
    )
    before = source.copy()
    result = suppress_tree(source)
    pd.testing.assert_frame_equal(source, before)
    assert result.projects.isna().tolist() == [False, True, True]
    assert list(result.columns) == [*source.columns, "suppressed"]

    nothing_source = tree(("total", None, None, 3, 1), ("theme", "a", None, 3, 1))
    nothing = suppress_tree(nothing_source)
    assert not nothing.suppressed.any()
    assert nothing.dtypes.to_dict() == {
        **nothing_source.dtypes.to_dict(),  # text columns as they were
        "projects": np.float64,
        "money_eur": np.float64,
        "suppressed": bool,
    }


def test_sup003_sub_themes_of_a_hidden_theme_are_hidden():
    result = suppress_tree(
        tree(
            ("total", None, None, 10, 10),
            ("theme", "a", None, 5, 5),
            ("theme", "b", None, 3, 3),
            ("theme", "c", None, 2, 2),
            ("sub_theme", "a", "a1", 5, 5),
            ("sub_theme", "b", "b1", 3, 3),
            ("sub_theme", "c", "c1", 1, 1),
            ("sub_theme", "c", "c2", 1, 1),
        )
    )
    # c is small, b is its complement under the total, and their sub-themes go with them.
    assert result.suppressed.tolist() == [False, False, True, True, False, True, True, True]


def test_sup004_zeros_protect_nothing_ties_go_by_key():
    result = suppress_tree(
        tree(
            ("theme", "a", None, 7, 7),
            ("sub_theme", "a", "z", 1, 1),
            ("sub_theme", "a", "nil", 0, 0),
            ("sub_theme", "a", "y", 3, 3),
            ("sub_theme", "a", "x", 3, 3),
        )
    )
    assert result.suppressed.tolist() == [False, True, False, False, True]


def test_sup005_no_sibling_to_hide_hides_the_parent_and_goes_up():
    # A sub-theme row is missing (say, projects without a sub-theme): a only has 2 + 0 shown.
    result = suppress_tree(
        tree(
            ("total", None, None, 12, 12),
            ("theme", "a", None, 5, 5),
            ("theme", "b", None, 3, 3),
            ("theme", "c", None, 4, 4),
            ("sub_theme", "a", "a1", 2, 2),
            ("sub_theme", "a", "a2", 0, 0),
        )
    )
    assert result.suppressed.tolist() == [False, True, True, False, True, True]


def test_sup006_missing_rows():
    # No total: themes are independent.
    themes = suppress_tree(tree(("theme", "a", None, 1, 1), ("theme", "b", None, 4, 4)))
    assert themes.suppressed.tolist() == [True, False]
    # No themes: the total is still the sum of the sub-themes.
    skipped = suppress_tree(
        tree(
            ("total", None, None, 9, 9),
            ("sub_theme", "a", "a1", 1, 1),
            ("sub_theme", "b", "b1", 8, 8),
        )
    )
    assert skipped.suppressed.tolist() == [False, True, True]


def test_sup007_string_keys_with_na_and_bad_input():
    source = tree(
        ("total", None, None, 7, 7),
        ("theme", "a", None, 5, 5),
        ("theme", None, None, 2, 2),
    ).astype({"level": "string", "theme": "string", "sub_theme": "string"})
    result = suppress_tree(source)
    assert result.suppressed.tolist() == [False, True, True]
    assert result.theme.dtype == "string"
    with pytest.raises(ValueError, match="not one of"):
        suppress_tree(tree(("region", None, None, 5, 5)))
    with pytest.raises(ValueError, match="same cell"):
        suppress_tree(tree(("theme", "a", None, 5, 5), ("theme", "a", None, 5, 5)))


def test_sup008_suppress_rows():
    source = pd.DataFrame(
        {
            "unit": ["people", "trees", "meals", "hours"],
            "indicator_id": [11, 12, 13, 14],
            "projects": pd.array([5, 2, 0, None], dtype="Int64"),
            "total": [50, 20, 0, 7],
        }
    )
    before = source.copy()
    result = suppress_rows(source, keep=("indicator_id",))
    pd.testing.assert_frame_equal(source, before)
    # An unknown count cannot be vouched for.
    assert result.suppressed.tolist() == [False, True, False, True]
    assert result.indicator_id.tolist() == [11, 12, 13, 14]
    assert result.projects.dtype == result.total.dtype == np.float64
    assert result.total.tolist()[::2] == [50.0, 0.0]
    assert result.total.iloc[1::2].isna().all()
    with pytest.raises(ValueError):
        suppress_rows(source, keep=("projects",))


sub_theme = st.tuples(st.integers(0, 6), st.integers(1, 1000))
portfolios = st.lists(st.lists(sub_theme, min_size=1, max_size=4), min_size=1, max_size=4)


@settings(max_examples=200, deadline=None)
@given(portfolios, st.randoms(use_true_random=False))
def test_sup009_no_hidden_cell_can_be_recomputed(themes, random):
    rows = []
    for t, subs in enumerate(themes):
        for s, (projects, money) in enumerate(subs):
            rows.append(("sub_theme", f"t{t}", f"s{s}", projects, money * projects))
        rows.append(("theme", f"t{t}", None, sum(p for p, _ in subs), sum(p * m for p, m in subs)))
    theme_rows = [r for r in rows if r[0] == "theme"]
    rows.append(("total", None, None, sum(r[3] for r in theme_rows), sum(r[4] for r in theme_rows)))
    random.shuffle(rows)  # row order must not matter
    source = tree(*rows)

    result = suppress_tree(source)
    hidden = result.suppressed.to_numpy()
    assert recomputable(source, result) == []
    visible = result[~hidden]
    assert not ((visible.projects > 0) & (visible.projects < SMALL_GROUP)).any()
    for up, kids in parent_rows(source).items():
        assert not hidden[up] or hidden[kids].all()
    assert result[hidden][["projects", "money_eur"]].isna().all().all()
    pd.testing.assert_frame_equal(
        visible[["projects", "money_eur"]], source[~hidden][["projects", "money_eur"]].astype(float)
    )
