"""The fixed codes the product speaks in: themes, sub-themes, regions, stages, statuses.

Codes are stored in the database and used in URLs; labels live in the translations.
"""

from __future__ import annotations

THEMES: tuple[str, ...] = ("people", "society", "environment")

SUB_THEMES: dict[str, tuple[str, ...]] = {
    "people": ("health", "wellbeing", "education", "poverty"),
    "society": ("inclusion", "work", "housing", "culture"),
    "environment": ("climate", "nature", "circular", "mobility"),
}

# Sub-theme code -> theme code.
THEME_OF_SUB_THEME: dict[str, str] = {
    sub: theme for theme, subs in SUB_THEMES.items() for sub in subs
}

# The five Flemish provinces and the Brussels-Capital Region.
REGIONS: tuple[str, ...] = (
    "antwerpen",
    "limburg",
    "oost-vlaanderen",
    "vlaams-brabant",
    "west-vlaanderen",
    "brussel",
)

STAGES: tuple[str, ...] = ("input", "activity", "output", "outcome", "impact")
EVIDENCE: tuple[str, ...] = ("research", "practice", "assumption")
# What an evidence source can be; an element without one rests on an assumption.
SOURCE_KINDS: tuple[str, ...] = ("research", "practice")
DIRECTIONS: tuple[str, ...] = ("increase", "decrease", "maintain")
MEASURE_KINDS: tuple[str, ...] = ("number", "percentage", "qualitative")
ACCUMULATIONS: tuple[str, ...] = ("periodic", "cumulative")
FUNDER_KINDS: tuple[str, ...] = ("family", "corporate", "public_benefit", "other")
PROJECT_STATUSES: tuple[str, ...] = ("planned", "running", "finished")
VISIBILITIES: tuple[str, ...] = ("private", "network", "public")
ROLES: tuple[str, ...] = ("admin", "funder", "project", "network")
IMPORT_KINDS: tuple[str, ...] = ("template", "iati", "360giving")
IMPORT_STATUSES: tuple[str, ...] = ("imported", "refused", "unchanged")

# Indicator status, from best to worst; "no_data" last.
STATUSES: tuple[str, ...] = ("achieved", "on_track", "at_risk", "off_track", "no_data")

# Units whose values may be added up across indicators and projects.
PEOPLE_UNIT = "persons"
