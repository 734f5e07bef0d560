"""Every user-facing text goes through ``t``: Dutch (Flemish) by default, English and French
selectable.

Keys are stable codes; vocabulary codes (themes, statuses, regions...) translate as
``"theme.people"``, ``"status.on_track"`` and so on.
"""

from __future__ import annotations

from components.texts import accounts as accounts_texts
from components.texts import board_pack as board_pack_texts
from components.texts import change_logic as change_logic_texts
from components.texts import entries as entries_texts
from components.texts import exports as exports_texts
from components.texts import funders as funders_texts
from components.texts import imports as imports_texts
from components.texts import login as login_texts
from components.texts import network as network_texts
from components.texts import projects as projects_texts

LANGUAGES: tuple[str, ...] = ("nl", "en", "fr")
DEFAULT_LANGUAGE = "nl"

TEXTS: dict[str, dict[str, str]] = {
    "nav.portfolio": {"nl": "Portefeuille", "en": "Portfolio", "fr": "Portefeuille"},
    "nav.skip": {"nl": "Naar de inhoud", "en": "Skip to content", "fr": "Aller au contenu"},
    "language.nl": {"nl": "Nederlands", "en": "Dutch", "fr": "néerlandais"},
    "language.en": {"nl": "Engels", "en": "English", "fr": "anglais"},
    "page.not_found": {
        "nl": "Deze pagina bestaat niet.",
        "en": "This page does not exist.",
        "fr": "Cette page n'existe pas.",
    },
    "page.back_home": {
        "nl": "Naar de portefeuille",
        "en": "Go to the portfolio",
        "fr": "Vers le portefeuille",
    },
    "filter.title": {"nl": "Filters", "en": "Filters", "fr": "Filtres"},
    "filter.funder": {"nl": "Financier", "en": "Funder", "fr": "Bailleur"},
    "filter.theme": {"nl": "Thema", "en": "Theme", "fr": "Thème"},
    "filter.sub_theme": {"nl": "Subthema", "en": "Sub-theme", "fr": "Sous-thème"},
    "filter.region": {"nl": "Regio", "en": "Region", "fr": "Région"},
    "filter.period": {"nl": "Periode", "en": "Period", "fr": "Période"},
    "filter.year_from": {"nl": "van", "en": "from", "fr": "de"},
    "filter.year_to": {"nl": "tot", "en": "to", "fr": "à"},
    "filter.all": {"nl": "Alle", "en": "All", "fr": "Tous"},
    "filter.reset": {"nl": "Filters wissen", "en": "Clear filters", "fr": "Tout effacer"},
    "dropdown.select_all": {"nl": "Alles kiezen", "en": "Select all", "fr": "Tout choisir"},
    "dropdown.deselect_all": {"nl": "Niets kiezen", "en": "Deselect all", "fr": "Ne rien choisir"},
    "dropdown.selected_count": {
        "nl": "{num_selected} gekozen",
        "en": "{num_selected} selected",
        "fr": "{num_selected} choisis",
    },
    "dropdown.search": {"nl": "Zoeken", "en": "Search", "fr": "Rechercher"},
    "dropdown.clear_search": {
        "nl": "Zoekterm wissen",
        "en": "Clear search",
        "fr": "Effacer la recherche",
    },
    "dropdown.clear_selection": {
        "nl": "Keuze wissen",
        "en": "Clear selection",
        "fr": "Effacer le choix",
    },
    "dropdown.no_options_found": {
        "nl": "Niets gevonden",
        "en": "Nothing found",
        "fr": "Aucun résultat",
    },
    "filter.problem": {
        "nl": "Niet gebruikt uit de link: {parameter}={value} ({reason}).",
        "en": "Not used from the link: {parameter}={value} ({reason}).",
        "fr": "Non utilisé depuis le lien : {parameter}={value} ({reason}).",
    },
    "problem.unknown_value": {
        "nl": "onbekende waarde",
        "en": "unknown value",
        "fr": "valeur inconnue",
    },
    "problem.not_a_number": {
        "nl": "geen geldig nummer",
        "en": "not a valid number",
        "fr": "nombre non valable",
    },
    "problem.not_a_year": {
        "nl": "geen jaartal tussen 2000 en 2100",
        "en": "not a year 2000–2100",
        "fr": "pas une année entre 2000 et 2100",
    },
    "problem.not_in_scope": {
        "nl": "niet bekend of niet zichtbaar voor u",
        "en": "unknown, or not yours to see",
        "fr": "inconnu, ou hors de votre accès",
    },
    "problem.after_end_year": {
        "nl": "begin na einde; jaren omgewisseld",
        "en": "start after end; years swapped",
        "fr": "début après la fin ; années inversées",
    },
    "portfolio.title": {"nl": "Portefeuille", "en": "Portfolio", "fr": "Portefeuille"},
    "portfolio.subtitle": {
        "nl": "Stand van zaken op {date}, {scope}.",
        "en": "Status as of {date}, {scope}.",
        "fr": "Situation au {date}, {scope}.",
    },
    "portfolio.scope_all": {"nl": "alle projecten", "en": "all projects", "fr": "tous les projets"},
    "portfolio.scope_filtered": {
        "nl": "gefilterde selectie",
        "en": "filtered selection",
        "fr": "sélection filtrée",
    },
    "kpi.projects": {"nl": "Projecten", "en": "Projects", "fr": "Projets"},
    "kpi.money": {"nl": "Toegekende steun", "en": "Money granted", "fr": "Soutien accordé"},
    "kpi.people": {"nl": "Bereikte personen", "en": "People reached", "fr": "Personnes atteintes"},
    "kpi.people_note": {
        "nl": "in {projects} projecten die personen tellen",
        "en": "in {projects} projects that count people",
        "fr": "dans {projects} projets qui comptent des personnes",
    },
    "kpi.progress": {
        "nl": "Gemiddelde vooruitgang",
        "en": "Average progress",
        "fr": "Progrès moyen",
    },
    "kpi.progress_note": {
        "nl": "van {measured} gemeten indicatoren, max. 100 % per indicator",
        "en": "of {measured} measured indicators, at most 100 % each",
        "fr": "de {measured} indicateurs mesurés, 100 % au plus chacun",
    },
    "kpi.grants_note": {
        "nl": "in euro, volgens de filters",
        "en": "in euro, as filtered",
        "fr": "en euros, selon les filtres",
    },
    "kpi.projects_note": {
        "nl": "met {indicators} indicatoren",
        "en": "with {indicators} indicators",
        "fr": "avec {indicators} indicateurs",
    },
    "kpi.status": {
        "nl": "Indicatoren per status",
        "en": "Indicators by status",
        "fr": "Indicateurs par statut",
    },
    "status.achieved": {"nl": "Behaald", "en": "Achieved", "fr": "Atteint"},
    "status.on_track": {"nl": "Op schema", "en": "On track", "fr": "En bonne voie"},
    "status.at_risk": {"nl": "Risico", "en": "At risk", "fr": "À risque"},
    "status.off_track": {"nl": "Achter", "en": "Off track", "fr": "En retard"},
    "status.no_data": {"nl": "Geen meting", "en": "No data", "fr": "Pas de mesure"},
    "chart.themes.title": {
        "nl": "Impact per thema en subthema: grootte = steun, kleur = vooruitgang",
        "en": "Impact by theme and sub-theme: size = money, colour = progress",
        "fr": "Impact par thème et sous-thème : taille = soutien, couleur = progrès",
    },
    "chart.themes.colorbar": {"nl": "Vooruitgang", "en": "Progress", "fr": "Progrès"},
    "chart.themes.no_data": {"nl": "geen meting", "en": "no data", "fr": "pas de mesure"},
    "chart.status.title": {
        "nl": "Status van de indicatoren per thema",
        "en": "Status of the indicators by theme",
        "fr": "Statut des indicateurs par thème",
    },
    "chart.timeline.title": {
        "nl": "Vooruitgang per kwartaal: gerealiseerd (lijn) en verwacht (stippellijn)",
        "en": "Progress by quarter: realised (line) and expected (dotted)",
        "fr": "Progrès par trimestre : réalisé (ligne) et attendu (pointillé)",
    },
    "chart.timeline.axis": {
        "nl": "Gemiddelde vooruitgang",
        "en": "Average progress",
        "fr": "Progrès moyen",
    },
    "chart.timeline.realised": {"nl": "gerealiseerd", "en": "realised", "fr": "réalisé"},
    "chart.timeline.expected": {"nl": "verwacht", "en": "expected", "fr": "attendu"},
    "chart.units.title": {
        "nl": "Resultaten opgeteld per eenheid",
        "en": "Results added up per unit",
        "fr": "Résultats additionnés par unité",
    },
    "chart.units.note": {
        "nl": "Enkel indicatoren die mogen worden opgeteld. Cumulatieve tellen met hun laatste waarde, periodieke met de som over de periode; percentages van dezelfde vraag als Σ teller / Σ noemer.",
        "en": "Only indicators that may be summed. Cumulative ones count with their latest value, periodic ones with the sum over the period; percentages of the same question as Σ numerator / Σ denominator.",
        "fr": "Uniquement les indicateurs qui peuvent être additionnés. Les cumulatifs comptent avec leur dernière valeur, les périodiques avec la somme sur la période ; les pourcentages d'une même question comme Σ numérateur / Σ dénominateur.",
    },
    "chart.units.unit": {"nl": "Eenheid", "en": "Unit", "fr": "Unité"},
    "chart.units.indicator": {"nl": "Indicator", "en": "Indicator", "fr": "Indicateur"},
    "chart.units.shares": {
        "nl": "Percentages, samengeteld over projecten",
        "en": "Percentages, pooled across projects",
        "fr": "Pourcentages, regroupés sur les projets",
    },
    "chart.units.total": {"nl": "Totaal", "en": "Total", "fr": "Total"},
    "chart.units.projects": {"nl": "Projecten", "en": "Projects", "fr": "Projets"},
    "chart.empty": {
        "nl": "Geen projecten voor deze filters. Wis een filter om meer te zien.",
        "en": "No projects match these filters. Clear a filter to see more.",
        "fr": "Aucun projet ne correspond à ces filtres. Effacez un filtre pour en voir plus.",
    },
    "chart.suppressed": {
        "nl": "Te weinig projecten om te tonen",
        "en": "Too few projects to show",
        "fr": "Trop peu de projets pour être affiché",
    },
    "hover.money": {"nl": "Steun", "en": "Money", "fr": "Soutien"},
    "hover.progress": {"nl": "Gem. vooruitgang", "en": "Avg. progress", "fr": "Progrès moyen"},
    "hover.projects": {"nl": "Projecten", "en": "Projects", "fr": "Projets"},
    "hover.indicators": {"nl": "Indicatoren", "en": "Indicators", "fr": "Indicateurs"},
    "hover.click_to_filter": {
        "nl": "Klik om hierop te filteren",
        "en": "Click to filter on this",
        "fr": "Cliquez pour filtrer",
    },
    "hover.share": {"nl": "aandeel", "en": "share", "fr": "part"},
    "error.data": {
        "nl": "De gegevens konden niet worden geladen. Probeer het opnieuw of meld het aan de beheerder.",
        "en": "The data could not be loaded. Try again or tell the administrator.",
        "fr": "Les données n'ont pas pu être chargées. Réessayez ou prévenez l'administrateur.",
    },
    "theme.people": {"nl": "Mens", "en": "People", "fr": "Humain"},
    "theme.society": {"nl": "Maatschappij", "en": "Society", "fr": "Société"},
    "theme.environment": {"nl": "Milieu", "en": "Environment", "fr": "Environnement"},
    "sub_theme.health": {"nl": "Gezondheid", "en": "Health", "fr": "Santé"},
    "sub_theme.wellbeing": {"nl": "Welzijn", "en": "Wellbeing", "fr": "Bien-être"},
    "sub_theme.education": {"nl": "Onderwijs", "en": "Education", "fr": "Enseignement"},
    "sub_theme.poverty": {"nl": "Armoede", "en": "Poverty", "fr": "Pauvreté"},
    "sub_theme.inclusion": {"nl": "Inclusie", "en": "Inclusion", "fr": "Inclusion"},
    "sub_theme.work": {"nl": "Werk", "en": "Work", "fr": "Emploi"},
    "sub_theme.housing": {"nl": "Wonen", "en": "Housing", "fr": "Logement"},
    "sub_theme.culture": {"nl": "Cultuur", "en": "Culture", "fr": "Culture"},
    "sub_theme.climate": {"nl": "Klimaat", "en": "Climate", "fr": "Climat"},
    "sub_theme.nature": {"nl": "Natuur", "en": "Nature", "fr": "Nature"},
    "sub_theme.circular": {
        "nl": "Circulaire economie",
        "en": "Circular economy",
        "fr": "Économie circulaire",
    },
    "sub_theme.mobility": {"nl": "Mobiliteit", "en": "Mobility", "fr": "Mobilité"},
    "region.antwerpen": {"nl": "Antwerpen", "en": "Antwerp", "fr": "Anvers"},
    "region.limburg": {"nl": "Limburg", "en": "Limburg", "fr": "Limbourg"},
    "region.oost-vlaanderen": {
        "nl": "Oost-Vlaanderen",
        "en": "East Flanders",
        "fr": "Flandre-Orientale",
    },
    "region.vlaams-brabant": {
        "nl": "Vlaams-Brabant",
        "en": "Flemish Brabant",
        "fr": "Brabant flamand",
    },
    "region.west-vlaanderen": {
        "nl": "West-Vlaanderen",
        "en": "West Flanders",
        "fr": "Flandre-Occidentale",
    },
    "region.brussel": {"nl": "Brussel", "en": "Brussels", "fr": "Bruxelles"},
    "unit.persons": {"nl": "personen", "en": "people", "fr": "personnes"},
    "unit.households": {"nl": "gezinnen", "en": "households", "fr": "ménages"},
    "unit.volunteers": {"nl": "vrijwilligers", "en": "volunteers", "fr": "bénévoles"},
    "unit.hours": {"nl": "uren", "en": "hours", "fr": "heures"},
    "unit.sessions": {"nl": "sessies", "en": "sessions", "fr": "séances"},
    "unit.tonnes_co2": {"nl": "ton CO₂", "en": "tonnes CO₂", "fr": "tonnes de CO₂"},
    "unit.kwh": {"nl": "kWh", "en": "kWh", "fr": "kWh"},
    "unit.hectares": {"nl": "hectare", "en": "hectares", "fr": "hectares"},
    "unit.trees": {"nl": "bomen", "en": "trees", "fr": "arbres"},
    "unit.kg_waste": {"nl": "kg afval", "en": "kg waste", "fr": "kg de déchets"},
    "unit.jobs": {"nl": "jobs", "en": "jobs", "fr": "emplois"},
    "unit.days": {"nl": "dagen", "en": "days", "fr": "jours"},
    "unit.score": {"nl": "score", "en": "score", "fr": "score"},
    "unit.percent": {"nl": "procent", "en": "per cent", "fr": "pour cent"},
    "unit.text": {"nl": "tekst", "en": "text", "fr": "texte"},
    "language.fr": {"nl": "Frans", "en": "French", "fr": "français"},
    "quarter.prefix": {"nl": "K", "en": "Q", "fr": "T"},
}


# Subjects with many texts keep them in a module of their own.
for _table in (
    accounts_texts.TEXTS,
    board_pack_texts.TEXTS,
    change_logic_texts.TEXTS,
    entries_texts.TEXTS,
    exports_texts.TEXTS,
    funders_texts.TEXTS,
    imports_texts.TEXTS,
    login_texts.TEXTS,
    network_texts.TEXTS,
    projects_texts.TEXTS,
):
    _clash = set(_table) & set(TEXTS)
    if _clash:
        raise RuntimeError(f"text keys defined twice: {sorted(_clash)}")
    TEXTS.update(_table)


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
