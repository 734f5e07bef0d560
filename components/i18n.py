"""Every user-facing text goes through ``t``: Dutch (Flemish) by default, English selectable.

Keys are stable codes; vocabulary codes (themes, statuses, regions...) translate as
``"theme.people"``, ``"status.on_track"`` and so on.
"""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

TEXTS: dict[str, dict[str, str]] = {
    # shell
    "app.name": {"nl": "FilantrImpact", "en": "FilantrImpact"},
    "app.tagline": {"nl": "Impact van filantropie in beeld", "en": "Philanthropy's impact in view"},
    "nav.portfolio": {"nl": "Portefeuille", "en": "Portfolio"},
    "nav.language": {"nl": "Taal", "en": "Language"},
    "nav.skip": {"nl": "Naar de inhoud", "en": "Skip to content"},
    "nav.main": {"nl": "Hoofdmenu", "en": "Main menu"},
    "language.nl": {"nl": "Nederlands", "en": "Dutch"},
    "language.en": {"nl": "Engels", "en": "English"},
    "page.not_found": {"nl": "Deze pagina bestaat niet.", "en": "This page does not exist."},
    "page.back_home": {"nl": "Naar de portefeuille", "en": "Go to the portfolio"},
    # filter bar
    "filter.title": {"nl": "Filters", "en": "Filters"},
    "filter.funder": {"nl": "Financier", "en": "Funder"},
    "filter.theme": {"nl": "Thema", "en": "Theme"},
    "filter.sub_theme": {"nl": "Subthema", "en": "Sub-theme"},
    "filter.region": {"nl": "Regio", "en": "Region"},
    "filter.period": {"nl": "Periode", "en": "Period"},
    "filter.year_from": {"nl": "van", "en": "from"},
    "filter.year_to": {"nl": "tot", "en": "to"},
    "filter.all": {"nl": "Alle", "en": "All"},
    "filter.reset": {"nl": "Filters wissen", "en": "Clear filters"},
    "dropdown.select_all": {"nl": "Alles kiezen", "en": "Select all"},
    "dropdown.deselect_all": {"nl": "Niets kiezen", "en": "Deselect all"},
    "dropdown.selected_count": {"nl": "{num_selected} gekozen", "en": "{num_selected} selected"},
    "dropdown.search": {"nl": "Zoeken", "en": "Search"},
    "dropdown.clear_search": {"nl": "Zoekterm wissen", "en": "Clear search"},
    "dropdown.clear_selection": {"nl": "Keuze wissen", "en": "Clear selection"},
    "dropdown.no_options_found": {"nl": "Niets gevonden", "en": "Nothing found"},
    "filter.problem": {
        "nl": "Niet gebruikt uit de link: {parameter}={value} ({reason}).",
        "en": "Not used from the link: {parameter}={value} ({reason}).",
    },
    "problem.unknown_value": {"nl": "onbekende waarde", "en": "unknown value"},
    "problem.not_a_number": {"nl": "geen geldig nummer", "en": "not a valid number"},
    "problem.not_a_year": {"nl": "geen jaartal tussen 2000 en 2100", "en": "not a year 2000–2100"},
    "problem.after_end_year": {
        "nl": "begin na einde; jaren omgewisseld",
        "en": "start after end; years swapped",
    },
    # portfolio
    "portfolio.title": {"nl": "Portefeuille", "en": "Portfolio"},
    "portfolio.subtitle": {
        "nl": "Stand van zaken op {date}, {scope}.",
        "en": "Status as of {date}, {scope}.",
    },
    "portfolio.scope_all": {"nl": "alle projecten", "en": "all projects"},
    "portfolio.scope_filtered": {"nl": "gefilterde selectie", "en": "filtered selection"},
    "kpi.projects": {"nl": "Projecten", "en": "Projects"},
    "kpi.money": {"nl": "Toegekende steun", "en": "Money granted"},
    "kpi.people": {"nl": "Bereikte personen", "en": "People reached"},
    "kpi.people_note": {
        "nl": "in {projects} projecten die personen tellen",
        "en": "in {projects} projects that count people",
    },
    "kpi.progress": {"nl": "Gemiddelde vooruitgang", "en": "Average progress"},
    "kpi.progress_note": {
        "nl": "van {measured} gemeten indicatoren, max. 100 % per indicator",
        "en": "of {measured} measured indicators, at most 100 % each",
    },
    "kpi.grants_note": {"nl": "in euro, volgens de filters", "en": "in euro, as filtered"},
    "kpi.projects_note": {
        "nl": "met {indicators} indicatoren",
        "en": "with {indicators} indicators",
    },
    "kpi.status": {"nl": "Indicatoren per status", "en": "Indicators by status"},
    "status.achieved": {"nl": "Behaald", "en": "Achieved"},
    "status.on_track": {"nl": "Op schema", "en": "On track"},
    "status.at_risk": {"nl": "Risico", "en": "At risk"},
    "status.off_track": {"nl": "Achter", "en": "Off track"},
    "status.no_data": {"nl": "Geen meting", "en": "No data"},
    "chart.themes.title": {
        "nl": "Impact per thema en subthema: grootte = steun, kleur = vooruitgang",
        "en": "Impact by theme and sub-theme: size = money, colour = progress",
    },
    "chart.themes.colorbar": {"nl": "Vooruitgang", "en": "Progress"},
    "chart.themes.no_data": {"nl": "geen meting", "en": "no data"},
    "chart.status.title": {
        "nl": "Status van de indicatoren per thema",
        "en": "Status of the indicators by theme",
    },
    "chart.status.axis": {"nl": "Aandeel van de indicatoren", "en": "Share of indicators"},
    "chart.timeline.title": {
        "nl": "Vooruitgang per kwartaal: gerealiseerd (lijn) en verwacht (stippellijn)",
        "en": "Progress by quarter: realised (line) and expected (dotted)",
    },
    "chart.timeline.axis": {"nl": "Gemiddelde vooruitgang", "en": "Average progress"},
    "chart.timeline.realised": {"nl": "gerealiseerd", "en": "realised"},
    "chart.timeline.expected": {"nl": "verwacht", "en": "expected"},
    "chart.units.title": {
        "nl": "Resultaten opgeteld per eenheid",
        "en": "Results added up per unit",
    },
    "chart.units.note": {
        "nl": "Enkel indicatoren die mogen worden opgeteld. Cumulatieve tellen met hun laatste "
        "waarde, periodieke met de som over de periode; percentages van dezelfde vraag als "
        "Σ teller / Σ noemer.",
        "en": "Only indicators that may be summed. Cumulative ones count with their latest "
        "value, periodic ones with the sum over the period; percentages of the same question "
        "as Σ numerator / Σ denominator.",
    },
    "chart.units.unit": {"nl": "Eenheid", "en": "Unit"},
    "chart.units.indicator": {"nl": "Indicator", "en": "Indicator"},
    "chart.units.shares": {
        "nl": "Percentages, samengeteld over projecten",
        "en": "Percentages, pooled across projects",
    },
    "chart.units.total": {"nl": "Totaal", "en": "Total"},
    "chart.units.projects": {"nl": "Projecten", "en": "Projects"},
    "chart.empty": {
        "nl": "Geen projecten voor deze filters. Wis een filter om meer te zien.",
        "en": "No projects match these filters. Clear a filter to see more.",
    },
    "chart.suppressed": {
        "nl": "Te weinig projecten om te tonen",
        "en": "Too few projects to show",
    },
    "hover.money": {"nl": "Steun", "en": "Money"},
    "hover.progress": {"nl": "Gem. vooruitgang", "en": "Avg. progress"},
    "hover.projects": {"nl": "Projecten", "en": "Projects"},
    "hover.indicators": {"nl": "Indicatoren", "en": "Indicators"},
    "hover.quarter": {"nl": "Kwartaal", "en": "Quarter"},
    "hover.share": {"nl": "aandeel", "en": "share"},
    "error.data": {
        "nl": "De gegevens konden niet worden geladen. Probeer het opnieuw of meld het aan de "
        "beheerder.",
        "en": "The data could not be loaded. Try again or tell the administrator.",
    },
    # vocabulary
    "theme.people": {"nl": "Mens", "en": "People"},
    "theme.society": {"nl": "Maatschappij", "en": "Society"},
    "theme.environment": {"nl": "Milieu", "en": "Environment"},
    "sub_theme.health": {"nl": "Gezondheid", "en": "Health"},
    "sub_theme.wellbeing": {"nl": "Welzijn", "en": "Wellbeing"},
    "sub_theme.education": {"nl": "Onderwijs", "en": "Education"},
    "sub_theme.poverty": {"nl": "Armoede", "en": "Poverty"},
    "sub_theme.inclusion": {"nl": "Inclusie", "en": "Inclusion"},
    "sub_theme.work": {"nl": "Werk", "en": "Work"},
    "sub_theme.housing": {"nl": "Wonen", "en": "Housing"},
    "sub_theme.culture": {"nl": "Cultuur", "en": "Culture"},
    "sub_theme.climate": {"nl": "Klimaat", "en": "Climate"},
    "sub_theme.nature": {"nl": "Natuur", "en": "Nature"},
    "sub_theme.circular": {"nl": "Circulaire economie", "en": "Circular economy"},
    "sub_theme.mobility": {"nl": "Mobiliteit", "en": "Mobility"},
    "region.antwerpen": {"nl": "Antwerpen", "en": "Antwerp"},
    "region.limburg": {"nl": "Limburg", "en": "Limburg"},
    "region.oost-vlaanderen": {"nl": "Oost-Vlaanderen", "en": "East Flanders"},
    "region.vlaams-brabant": {"nl": "Vlaams-Brabant", "en": "Flemish Brabant"},
    "region.west-vlaanderen": {"nl": "West-Vlaanderen", "en": "West Flanders"},
    "region.brussel": {"nl": "Brussel", "en": "Brussels"},
    "unit.persons": {"nl": "personen", "en": "people"},
    "unit.households": {"nl": "gezinnen", "en": "households"},
    "unit.volunteers": {"nl": "vrijwilligers", "en": "volunteers"},
    "unit.hours": {"nl": "uren", "en": "hours"},
    "unit.sessions": {"nl": "sessies", "en": "sessions"},
    "unit.tonnes_co2": {"nl": "ton CO₂", "en": "tonnes CO₂"},
    "unit.kwh": {"nl": "kWh", "en": "kWh"},
    "unit.hectares": {"nl": "hectare", "en": "hectares"},
    "unit.trees": {"nl": "bomen", "en": "trees"},
    "unit.kg_waste": {"nl": "kg afval", "en": "kg waste"},
    "unit.jobs": {"nl": "jobs", "en": "jobs"},
    "unit.days": {"nl": "dagen", "en": "days"},
    "unit.score": {"nl": "score", "en": "score"},
    "unit.percent": {"nl": "procent", "en": "per cent"},
    "unit.text": {"nl": "tekst", "en": "text"},
}


def normalise_language(lang: object, default: str = DEFAULT_LANGUAGE) -> str:
    """A supported language code; anything else falls back to ``default``."""
    return lang if isinstance(lang, str) and lang in LANGUAGES else default


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The text for ``key`` in ``lang`` with ``{placeholders}`` filled in.

    A missing key shows the key itself, so a gap is visible rather than a crash.
    """
    entry = TEXTS.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def dropdown_labels(lang: str) -> dict[str, str]:
    """The texts Dash's dropdown shows itself ("3 selected", "Search"...), translated."""
    keys = (
        "select_all",
        "deselect_all",
        "selected_count",
        "search",
        "clear_search",
        "clear_selection",
        "no_options_found",
    )
    # "{num_selected}" is the dropdown's own placeholder, kept as is.
    return {
        key: TEXTS[f"dropdown.{key}"].get(lang) or TEXTS[f"dropdown.{key}"]["nl"] for key in keys
    }


def label(kind: str, code: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The label of a vocabulary code, e.g. ``label("theme", "people")``; unknown codes as-is."""
    key = f"{kind}.{code}"
    return t(key, lang) if key in TEXTS else code
