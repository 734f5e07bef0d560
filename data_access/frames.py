"""``facts.typed_frame`` for the few rows of one project: the same frame, columns built once.

The project page and a project's change logic turn about ten small results into frames;
``facts.typed_frame`` converts column by column in place, which costs more than the
statements behind them. Here each column becomes an array of its dtype first and the frame
is made in one step; a column whose values do not convert that simply (text in a number
column, say) goes the general way.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from data_access.facts import typed_frame as general_typed_frame


def typed_frame(rows: list[dict], columns: dict[str, str]) -> pd.DataFrame:
    """A DataFrame with exactly ``columns`` in that order and those dtypes, even when empty
    (equal to ``facts.typed_frame(rows, columns)``)."""
    data = {}
    for name, dtype in columns.items():
        values = [row.get(name) for row in rows]
        try:
            data[name] = _column(name, dtype, values)
        except (TypeError, ValueError, OverflowError):
            data[name] = general_typed_frame([{name: v} for v in values], {name: dtype})[name]
    return pd.DataFrame(data, columns=list(columns))


def _column(name: str, dtype: str, values: list):
    if name == "suppressed":
        return np.zeros(len(values), dtype=bool)
    if dtype == "int64":
        return np.array([0 if _missing(v) else _whole(v) for v in values], dtype="int64")
    if dtype == "float64":
        return np.array([np.nan if v is None else _real(v) for v in values], dtype="float64")
    if dtype.startswith("datetime64"):
        unit = dtype[len("datetime64[") : -1]
        return np.array(
            [np.datetime64("NaT") if v is None else np.datetime64(v, unit) for v in values],
            dtype=dtype,
        )
    if dtype == "string" and all(v is None or isinstance(v, str) for v in values):
        return pd.array(values, dtype=_dtype(dtype))
    raise TypeError(f"no fast way to {dtype}")


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _whole(value) -> int:
    if isinstance(value, bool | int):
        return int(value)
    number = float(value)
    if not number.is_integer():
        raise ValueError("not a whole number")  # the general way truncates: leave it that
    return int(number)


def _real(value) -> float:
    if isinstance(value, str | bytes):
        raise TypeError("text")  # the general way turns text into numbers or NaN
    return float(value)


@cache
def _dtype(name: str):
    return pd.api.types.pandas_dtype(name)
