"""Numbers, money, percentages and dates in Belgian notation (1.234.567,5; € 1.234.567)."""

from __future__ import annotations

import datetime as dt
import math

NBSP = "\u00a0"


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: float | None, decimals: int = 0) -> str:
    """1234567.891 -> '1.234.567' (or '1.234.567,89' with two decimals); missing -> '–'."""
    if _missing(value):
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def money(value: float | None) -> str:
    """Whole euro: '€ 1.234.567'."""
    return "–" if _missing(value) else f"€{NBSP}{number(round(value))}"


def money_short(value: float | None, lang: str = "nl") -> str:
    """Compact euro for labels: '€ 1,2 mln' / '€ 1.2 M', '€ 350.000' below a million."""
    if _missing(value):
        return "–"
    if abs(value) >= 1_000_000:
        suffix = "mln" if lang == "nl" else "M"
        return f"€{NBSP}{number(value / 1_000_000, 1)}{NBSP}{suffix}"
    return money(value)


def percent(fraction: float | None, decimals: int = 0) -> str:
    """0.456 -> '46 %'."""
    return "–" if _missing(fraction) else f"{number(fraction * 100, decimals)}{NBSP}%"


def date(value: dt.date | None) -> str:
    """31/12/2025, as Belgians write dates."""
    return "–" if value is None else value.strftime("%d/%m/%Y")
