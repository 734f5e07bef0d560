"""Believable evidence sources for the demo's change logic: Flemish research centres and
practice reports, per theme. Only texts; the generator in ``data_access.demo`` picks them."""

from __future__ import annotations

# (publisher, title pattern, url) per theme; "{topic}" is filled with the sub-theme's topic.
RESEARCH: dict[str, tuple[tuple[str, str, str | None], ...]] = {
    "people": (
        ("Sciensano", "Gezondheidsenquête: {topic} in Vlaanderen", "https://www.sciensano.be"),
        (
            "Vlaams Instituut Gezond Leven",
            "Wat werkt bij {topic}? Overzicht van effectieve interventies",
            "https://www.gezondleven.be",
        ),
        (
            "Centrum voor Sociaal Beleid Herman Deleeck, Universiteit Antwerpen",
            "Armoede en {topic}: longitudinale analyse",
            None,
        ),
        ("HIVA – KU Leuven", "Effectevaluatie van lokale projecten rond {topic}", None),
        ("Steunpunt Onderwijsonderzoek", "{topic} en schoolloopbanen in Vlaanderen", None),
        ("Kenniscentrum Welzijn, Wonen, Zorg", "Literatuurstudie {topic}", None),
    ),
    "society": (
        ("Steunpunt Werk, KU Leuven", "Doorstroom naar werk: {topic} in cijfers", None),
        ("HIVA – KU Leuven", "Wat werkt voor {topic}? Een systematische review", None),
        (
            "Vakgroep Sociologie, Universiteit Gent",
            "Participatie en {topic} in Vlaamse steden",
            None,
        ),
        (
            "Steunpunt Wonen",
            "Woonsurvey: {topic} bij kwetsbare huishoudens",
            "https://www.steunpuntwonen.be",
        ),
        ("Statistiek Vlaanderen", "Sociale indicatoren: {topic}", "https://www.vlaanderen.be"),
        ("Kenniscentrum Vlaamse Steden", "{topic} in de centrumsteden", None),
    ),
    "environment": (
        ("VITO", "Impactanalyse van lokale maatregelen rond {topic}", "https://vito.be"),
        ("Instituut voor Natuur- en Bosonderzoek (INBO)", "Natuurrapport: {topic}", None),
        (
            "Vlaamse Milieumaatschappij",
            "Milieurapport Vlaanderen: {topic}",
            "https://www.vmm.be",
        ),
        ("OVAM", "Materialenprogramma: effecten van {topic}", "https://www.ovam.be"),
        ("Universiteit Hasselt, IMOB", "Gedragsverandering en {topic}", None),
        ("Departement Omgeving", "Beleidsevaluatie {topic}", None),
    ),
}

PRACTICE: tuple[str, ...] = (
    "Praktijkrapport van een vergelijkbaar project in {place}",
    "Evaluatie van het pilootproject in {place}",
    "Intervisie binnen het lerend netwerk: ervaringen rond {topic}",
    "Jaarverslag van de uitvoerende organisatie, hoofdstuk {topic}",
    "Procesevaluatie door een externe begeleider ({place})",
    "Getuigenissen van deelnemers en begeleiders in {place}",
)

# What each sub-theme is about, as it reads in a citation.
TOPICS: dict[str, str] = {
    "health": "gezondheid",
    "wellbeing": "mentaal welzijn",
    "education": "onderwijskansen",
    "poverty": "kinderarmoede",
    "inclusion": "sociale inclusie",
    "work": "werkgelegenheid",
    "housing": "betaalbaar wonen",
    "culture": "cultuurparticipatie",
    "climate": "klimaatadaptatie",
    "nature": "biodiversiteit",
    "circular": "circulaire economie",
    "mobility": "duurzame mobiliteit",
}

# How often a link between two stages has a source of its own.
LINK_SOURCE_SHARE: dict[str, float] = {
    "input": 0.05,
    "activity": 0.10,
    "output": 0.25,
    "outcome": 0.20,
}
