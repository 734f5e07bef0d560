"""The portfolio filter and its URL form, so that a copied link reproduces a view.

Parsing never raises on user input: unknown or malformed values are left out and reported
as problems naming the parameter and the value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace

from data_access import vocabulary as voc

FIRST_YEAR = 2000
LAST_YEAR = 2100


@dataclass(frozen=True)
class Problem:
    """One query-string value that could not be used."""

    parameter: str
    value: str
    reason: str  # a translation key: "unknown_value", "not_a_number", "not_a_year", ...


@dataclass(frozen=True)
class PortfolioFilter:
    """Funders, themes, sub-themes, regions and a period of whole years (inclusive)."""

    funder_ids: tuple[int, ...] = ()
    themes: tuple[str, ...] = ()
    sub_themes: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None

    @property
    def period_start(self) -> dt.date | None:
        return dt.date(self.year_from, 1, 1) if self.year_from else None

    @property
    def period_end(self) -> dt.date | None:
        return dt.date(self.year_to, 12, 31) if self.year_to else None

    def as_of(self, today: dt.date) -> dt.date:
        """The date progress is measured at: the end of the period, or today if earlier."""
        end = self.period_end
        return min(end, today) if end else today

    def to_query(self) -> dict[str, str]:
        """The non-empty parts as URL query parameters (lists comma-separated)."""
        parts = {
            "funder": ",".join(str(i) for i in self.funder_ids),
            "theme": ",".join(self.themes),
            "subtheme": ",".join(self.sub_themes),
            "region": ",".join(self.regions),
            "from": str(self.year_from or ""),
            "to": str(self.year_to or ""),
        }
        return {key: value for key, value in parts.items() if value}

    @classmethod
    def from_query(cls, query: Mapping[str, object]) -> tuple[PortfolioFilter, list[Problem]]:
        """Read a filter from query parameters; unknown parameters are ignored."""
        problems: list[Problem] = []

        def codes(name: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
            kept = []
            for item in _items(query.get(name)):
                if item not in allowed:
                    problems.append(Problem(name, item, "unknown_value"))
                elif item not in kept:
                    kept.append(item)
            return tuple(kept)

        funder_ids: list[int] = []
        for item in _items(query.get("funder")):
            if not (is_whole_number(item) and int(item) > 0):
                problems.append(Problem("funder", item, "not_a_number"))
            elif int(item) not in funder_ids:
                funder_ids.append(int(item))

        def year(name: str) -> int | None:
            items = _items(query.get(name))
            if not items:
                return None
            text = items[0]
            if is_whole_number(text) and FIRST_YEAR <= int(text) <= LAST_YEAR:
                return int(text)
            problems.append(Problem(name, text, "not_a_year"))
            return None

        found = cls(
            funder_ids=tuple(funder_ids),
            themes=codes("theme", voc.THEMES),
            sub_themes=codes("subtheme", tuple(voc.THEME_OF_SUB_THEME)),
            regions=codes("region", voc.REGIONS),
            year_from=year("from"),
            year_to=year("to"),
        )
        if found.year_from and found.year_to and found.year_from > found.year_to:
            problems.append(Problem("from", str(found.year_from), "after_end_year"))
            found = replace(found, year_from=found.year_to, year_to=found.year_from)
        return found, problems


def _items(raw: object) -> list[str]:
    """Comma-separated or repeated query values as a list of trimmed, non-empty strings."""
    if raw is None:
        return []
    values = raw if isinstance(raw, list | tuple) else [raw]
    return [part.strip() for value in values for part in str(value).split(",") if part.strip()]


def is_whole_number(text: str) -> bool:
    """Plain digits 0-9 only: "²" and "٣" are digits to ``str.isdigit`` but not in a link."""
    return text.isascii() and text.isdigit() and len(text) <= 18
