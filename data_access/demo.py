"""Deterministic, realistic Flemish demo data: a fictional learning network of funders and projects.

``generate`` builds plain row dicts from a seed and a ``today`` (nothing else varies), ``load``
bulk-inserts them in one transaction, ``seed_demo`` does both. Sizes are defined by their number
of measurements; larger sizes have more projects, never more indicators or periods per project.
All names of funders, organisations and people are invented.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import random
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import Engine, insert, inspect, text

from data_access import accounts, rollups
from data_access import demo_evidence as sources
from data_access import vocabulary as voc
from data_access.importer.template import reference_for
from data_access.models import (
    ChangeLogicElement,
    ChangeLogicLink,
    EvidenceSource,
    Funder,
    Grant,
    Indicator,
    Measurement,
    Organisation,
    Project,
    Story,
    User,
    UserScope,
)


@dataclass(frozen=True)
class DemoSize:
    """How big one demo portfolio is; ``measurements`` is the target the other numbers give."""

    funders: int
    projects: int
    organisations: int
    measurements: int


# Projects are what scales: each keeps 4-10 indicators measured quarterly over at most five years,
# which averages about 78 measurements per project (counting the ~10 % without any yet).
# Larger networks have more organisations running several projects.
SIZES: dict[str, DemoSize] = {
    "small": DemoSize(funders=8, projects=128, organisations=90, measurements=10_000),
    "medium": DemoSize(funders=25, projects=1_275, organisations=800, measurements=100_000),
    "large": DemoSize(funders=80, projects=12_750, organisations=5_000, measurements=1_000_000),
    # For the benchmark on PostgreSQL: ten times large (several GB of memory while generating).
    "xl": DemoSize(funders=200, projects=127_500, organisations=40_000, measurements=10_000_000),
}


@dataclass
class DemoData:
    """Rows per table; each dict has the column names of its model and an explicit id."""

    funders: list[dict] = field(default_factory=list)
    organisations: list[dict] = field(default_factory=list)
    projects: list[dict] = field(default_factory=list)
    grants: list[dict] = field(default_factory=list)
    elements: list[dict] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)
    evidence_sources: list[dict] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)
    measurements: list[dict] = field(default_factory=list)
    stories: list[dict] = field(default_factory=list)
    users: list[dict] = field(default_factory=list)
    user_scopes: list[dict] = field(default_factory=list)


# The demo accounts that can log in, one per role: login -> password. The passwords are
# published with the demo; production mode refuses every demo account. The other demo
# accounts have no password at all.
DEMO_ACCOUNTS: dict[str, str] = {
    "admin": "demo-beheer-2026",
    "financier": "demo-fonds-2026",
    "projectleider": "demo-project-2026",
    "netwerk": "demo-leren-2026",
}
DEMO_FUNDER_LOGIN = "financier"  # the first funder's account
DEMO_PROJECT_LOGIN = "projectleider"  # the lead of the first project

# DemoData attribute -> model, in foreign-key order (parents first).
TABLES = {
    "funders": Funder,
    "organisations": Organisation,
    "projects": Project,
    "grants": Grant,
    "elements": ChangeLogicElement,
    "links": ChangeLogicLink,
    "evidence_sources": EvidenceSource,
    "indicators": Indicator,
    "measurements": Measurement,
    "stories": Story,
    "users": User,
    "user_scopes": UserScope,
}


# --- People and places -------------------------------------------------------------------------

FIRST_NAMES = (
    "Lotte", "Emma", "Louise", "Marie", "Elise", "Noor", "Lore", "Fien", "Sarah", "Laura",
    "Ine", "An", "Katrien", "Els", "Griet", "Sofie", "Hanne", "Jana", "Nele", "Eline",
    "Wout", "Pieter", "Jens", "Lander", "Arne", "Thomas", "Tom", "Bram", "Koen", "Stijn",
    "Jeroen", "Dries", "Ruben", "Joris", "Bart", "Kobe", "Seppe", "Wim", "Gert", "Maarten",
    "Yasmina", "Amina", "Samir", "Mehdi", "Fatima", "Ilias", "Sanae", "Karim", "Nadia", "Youssef",
)  # fmt: skip
LAST_NAMES = (
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
    "Wouters", "De Smet", "Hermans", "Aerts", "Lambrechts", "Vermeulen", "Van Damme",
    "De Wilde", "Claeys", "Verhoeven", "Desmet", "Van den Broeck", "Pauwels", "Declercq",
    "Michiels", "Van de Velde", "Martens", "Verstraete", "Bogaert", "Smets", "Segers", "Cools",
    "Vandenberghe", "Coppens", "De Backer", "Van Acker", "Deprez", "El Amrani", "Bouzid",
    "Benali", "Vercammen", "Luyten",
)  # fmt: skip

# Municipalities (and Brussels communes) per region code: organisations and projects get a place
# in their own region, so names and regions agree.
PLACES: dict[str, tuple[str, ...]] = {
    "antwerpen": (
        "Antwerpen", "Mechelen", "Turnhout", "Mol", "Geel", "Lier", "Herentals", "Boom",
        "Mortsel", "Kapellen", "Brasschaat", "Schoten", "Hoboken", "Borgerhout", "Deurne",
        "Berchem", "Heist-op-den-Berg", "Willebroek", "Westerlo", "Hoogstraten", "Duffel",
        "Bornem",
    ),
    "limburg": (
        "Hasselt", "Genk", "Sint-Truiden", "Tongeren", "Beringen", "Lommel", "Maasmechelen",
        "Bilzen", "Heusden-Zolder", "Houthalen-Helchteren", "Maaseik", "Diepenbeek",
        "Leopoldsburg", "Peer", "Tessenderlo", "Herk-de-Stad", "Borgloon", "Dilsen-Stokkem",
        "Lanaken", "Zonhoven", "As", "Hamont-Achel",
    ),
    "oost-vlaanderen": (
        "Gent", "Aalst", "Sint-Niklaas", "Dendermonde", "Lokeren", "Oudenaarde", "Eeklo",
        "Ninove", "Zottegem", "Ronse", "Wetteren", "Deinze", "Geraardsbergen", "Temse",
        "Beveren", "Merelbeke", "Lochristi", "Zele", "Hamme", "Ledeberg", "Gentbrugge",
        "Evergem", "Maldegem",
    ),
    "vlaams-brabant": (
        "Leuven", "Vilvoorde", "Halle", "Tienen", "Aarschot", "Diest", "Zaventem", "Dilbeek",
        "Grimbergen", "Asse", "Kessel-Lo", "Heverlee", "Tervuren", "Overijse", "Landen",
        "Machelen", "Liedekerke", "Ternat", "Haacht", "Rotselaar", "Lennik", "Londerzeel",
        "Zemst",
    ),
    "west-vlaanderen": (
        "Brugge", "Kortrijk", "Oostende", "Roeselare", "Ieper", "Waregem", "Menen", "Poperinge",
        "Tielt", "Torhout", "Izegem", "Diksmuide", "Blankenberge", "Harelbeke", "Wevelgem",
        "Veurne", "De Panne", "Nieuwpoort", "Zwevegem", "Lichtervelde", "Wervik", "Avelgem",
        "Oostkamp",
    ),
    "brussel": (
        "Brussel", "Anderlecht", "Molenbeek", "Schaarbeek", "Sint-Gillis", "Elsene", "Etterbeek",
        "Vorst", "Jette", "Laken", "Koekelberg", "Sint-Joost", "Evere", "Ukkel", "Oudergem",
        "Ganshoren", "Sint-Agatha-Berchem", "Watermaal-Bosvoorde", "Neder-Over-Heembeek",
        "Haren",
    ),
}  # fmt: skip
# The more populous provinces carry more projects; every region still appears.
REGION_WEIGHTS = {
    "antwerpen": 22,
    "limburg": 12,
    "oost-vlaanderen": 20,
    "vlaams-brabant": 15,
    "west-vlaanderen": 16,
    "brussel": 15,
}

# --- Funders and organisations -----------------------------------------------------------------

# Parts of invented funder names; real foundations (Koning Boudewijnstichting etc.) stay out.
WATERS_AND_LANDS = (
    "Leie", "Schelde", "Dijle", "Demer", "Nete", "Kempen", "Westhoek", "Polder", "Haspengouw",
    "Pajotten", "Meetjes", "Waas", "Zenne", "IJzer", "Maas", "Dender", "Hageland",
)  # fmt: skip
PUBLIC_SUFFIXES = ("zorg", "land", "hart", "kracht", "licht", "brug", "veld", "bron")
PUBLIC_CONCEPTS = (
    "Fonds Samen Verder", "Stichting Open Kansen", "Fonds Gedeelde Toekomst",
    "Stichting Nieuwe Buren", "Fonds Warme Buurt", "Stichting Morgen Anders",
    "Fonds Sterke Wortels", "Stichting Iedereen Mee", "Fonds Groene Draad",
    "Stichting Lange Adem",
)  # fmt: skip
COMPANIES = (
    "Polderbouw", "Kempenstaal", "Leiepack", "Brabotrans", "Scheldemetaal", "Hagelandse Zuivel",
    "Demervoeding", "Westhoek Logistiek", "Maasland Energie", "Dijlesoft", "Zennebrouwerij",
    "Netetextiel", "Vlasweverij Kortrijk", "Groenhof Bouw", "Havenwerk Noord",
)  # fmt: skip
FUNDER_KIND_WEIGHTS = {"family": 40, "public_benefit": 35, "corporate": 25}

# Organisation name stems per theme, with the legal form that suits them.
ORGANISATION_STEMS: dict[str, tuple[tuple[str, str], ...]] = {
    "people": (
        ("Gezondheidshuis", "vzw"), ("Huiswerkpunt", "vzw"), ("Kansenhuis", "vzw"),
        ("Zorgbrug", "vzw"), ("Leerhuis", "vzw"), ("Ontmoetingshuis", "vzw"),
        ("Gezinsbrug", "vzw"), ("Jongerenpunt", "vzw"), ("Mantelzorgnetwerk", "vzw"),
        ("Vrijetijdspunt", "vzw"), ("Budgetpunt", "vzw"), ("Leeskracht", "vzw"),
        ("Welzijnshuis", "vzw"), ("Huis van Vertrouwen", "vzw"), ("Buurtgezondheid", "vzw"),
        ("Kinderkansen", "vzw"), ("Ouderenkring", "vzw"), ("Sociaal Restaurant", "vzw"),
        ("Voedselpunt", "vzw"), ("Inloophuis", "vzw"),
    ),
    "society": (
        ("Buurtwerk", "vzw"), ("Samenhuis", "vzw"), ("Werkplaats", "cv"),
        ("Wooncoöperatie", "cv"), ("Cultuurcentrale", "vzw"), ("Jobhuis", "vzw"),
        ("Woonkans", "vzw"), ("Buurtatelier", "vzw"), ("Kunstwerkplaats", "vzw"),
        ("Taalbrug", "vzw"), ("Onthaalnetwerk", "vzw"), ("Huurpunt", "vzw"),
        ("Werkkracht", "cv"), ("Theaterwerkplaats", "vzw"), ("Buurtkeuken", "cv"),
        ("Inclusiehuis", "vzw"), ("Maatwerkbedrijf", "cv"), ("Buurtorkest", "vzw"),
        ("Woonzorgnetwerk", "vzw"), ("Verhalenhuis", "vzw"),
    ),
    "environment": (
        ("Energiecoöperatie", "cv"), ("Groenkracht", "vzw"), ("Herstelwerkplaats", "cv"),
        ("Fietsatelier", "vzw"), ("Deelmobiliteit", "cv"), ("Bodemzorg", "vzw"),
        ("Buurtboerderij", "vzw"), ("Klimaatwerf", "vzw"), ("Zonnedak", "cv"),
        ("Herbruikatelier", "cv"), ("Boomgaardwerking", "vzw"), ("Natuurwerkgroep", "vzw"),
        ("Warmtenet", "cv"), ("Deelautoclub", "cv"), ("Repairatelier", "vzw"),
        ("Stadsnatuur", "vzw"), ("Groene Werf", "vzw"), ("Materialenbank", "cv"),
        ("Fietsschool", "vzw"), ("Kringloopwerkplaats", "cv"),
    ),
}  # fmt: skip

# --- Change logic, indicators and stories per sub-theme -----------------------------------------

GENERIC_INPUTS = (
    "Meerjarige financiering van de steunende fondsen",
    "Een vaste projectcoördinator (0,8 VTE)",
    "Een groep vrijwilligers uit de buurt",
    "Een lokaal in het buurthuis",
    "Samenwerking met het sociaal huis, scholen en lokale partners",
)


@dataclass(frozen=True)
class IndicatorTemplate:
    """How to make one indicator: its words, its unit and rules, and how baseline/target vary.

    ``target`` is (rule, low, high): "abs" draws the target itself, "factor" multiplies the
    baseline, "plus"/"minus" add or subtract percentage points, "same" keeps the baseline.
    """

    name: str
    unit: str
    stage: str
    baseline: tuple[float, float]
    target: tuple[str, float, float]
    kind: str = "number"
    direction: str = "increase"
    accumulation: str = "cumulative"
    summable: bool = True
    standard_ref: str | None = None


def _reach(name, unit, stage, low, high, ref=None) -> IndicatorTemplate:
    """A count that adds up from zero (people reached, trees planted)."""
    return IndicatorTemplate(name, unit, stage, (0, 0), ("abs", low, high), standard_ref=ref)


def _per_quarter(name, unit, stage, baseline, factor) -> IndicatorTemplate:
    """A count per quarter that should grow. Quarters add up for hours or sessions, but not
    for people: the same participants come back quarter after quarter."""
    return IndicatorTemplate(
        name, unit, stage, baseline, ("factor", *factor), accumulation="periodic",
        summable=unit != "persons",
    )  # fmt: skip


def _fewer(name, unit, stage, baseline, factor, ref=None) -> IndicatorTemplate:
    """A level where lower is better; never summed (adding waiting times means nothing)."""
    return IndicatorTemplate(
        name, unit, stage, baseline, ("factor", *factor), direction="decrease",
        accumulation="periodic", summable=False, standard_ref=ref,
    )  # fmt: skip


def _share(name, stage, baseline, change, ref=None, direction="increase") -> IndicatorTemplate:
    """A percentage with numerator and denominator, reported per quarter.

    Summable: the same question asked in several projects pools as Σ numerator / Σ denominator.
    """
    rule = "plus" if direction == "increase" else "minus"
    return IndicatorTemplate(
        name, "percent", stage, baseline, (rule, *change), kind="percentage",
        direction=direction, accumulation="periodic", summable=True, standard_ref=ref,
    )  # fmt: skip


def _steady(name, unit, baseline) -> IndicatorTemplate:
    """A level to hold: target equals baseline."""
    return IndicatorTemplate(
        name, unit, "outcome", baseline, ("same", 0, 0), direction="maintain",
        accumulation="periodic", summable=False,
    )  # fmt: skip


GENERIC_INDICATORS = (
    _per_quarter("Deelnemers per kwartaal", "persons", "output", (20, 80), (1.3, 2.2)),
    _reach("Aantal ingezette vrijwilligers", "volunteers", "activity", 15, 120),
    _reach("Vrijwilligersuren", "hours", "activity", 300, 4_000),
    _per_quarter("Begeleidingsuren per kwartaal", "hours", "activity", (40, 200), (1.2, 1.8)),
    _reach("Aantal begeleidingsgesprekken", "sessions", "activity", 80, 900),
    _steady("Tevredenheid deelnemers (score op 10)", "score", (7.0, 8.4)),
    _reach("Aantal infosessies en vormingen", "sessions", "activity", 10, 80),
)

# Open questions answered in words.
QUALITATIVE_INDICATORS = (
    ("Ervaringen van deelnemers", "outcome"),
    ("Samenwerking met lokale partners", "output"),
    ("Veranderingen in de buurt volgens sleutelfiguren", "impact"),
    ("Leerpunten van het projectteam", "outcome"),
)
QUALITATIVE_ANSWERS = (
    "Deelnemers geven in de focusgroep aan dat ze zich gesteund voelen en sneller hulp vragen.",
    "De samenwerking met het sociaal huis en de scholen in {place} verloopt vlotter sinds het "
    "vaste overleg.",
    "Sleutelfiguren merken meer onderling contact tussen buurtbewoners.",
    "Het team stelt vast dat een persoonlijke uitnodiging beter werkt dan flyers.",
    "Enkele deelnemers haakten af door de verplaatsing; we bekijken een tweede locatie.",
    "Partners vragen om de aanpak ook in naburige wijken van {place} toe te passen.",
    "Vrijwilligers geven aan dat de opleiding hen zekerder maakt in hun rol.",
    "De wachtlijst groeit; we zoeken extra begeleiders.",
)

GENERIC_STORIES = (
    (
        "Bezoek van de steunende fondsen",
        "Vertegenwoordigers van de fondsen bezochten het project in {place} en spraken met "
        "deelnemers. Ze waren onder de indruk van de betrokkenheid van de vrijwilligers.",
    ),
    (
        "Leren uit wat niet werkte",
        "Dit kwartaal bleek dat de avondmomenten in {place} weinig volk trokken. Het team "
        "schakelde over naar zaterdagvoormiddag en zag het aantal deelnemers meteen stijgen.",
    ),
    (
        "Nieuwe partner aan boord",
        "Het project in {place} werkt sinds dit kwartaal samen met een nieuwe lokale partner. "
        "Daardoor bereiken we ook gezinnen die we vroeger moeilijk vonden.",
    ),
)


@dataclass(frozen=True)
class SubThemeText:
    """Everything written for one sub-theme; ``{place}``, ``{name}``, ``{n}`` get filled in."""

    projects: tuple[tuple[str, str], ...]
    stages: dict[str, tuple[str, ...]]
    indicators: tuple[IndicatorTemplate, ...]
    stories: tuple[tuple[str, str], ...]


SUB_THEME_TEXT: dict[str, SubThemeText] = {
    "health": SubThemeText(
        projects=(
            ("Gezond in de wijk {place}", "Wijkgezondheidscoaches helpen kwetsbare gezinnen in "
             "{place} de weg te vinden naar de huisarts en de eerstelijnszorg."),
            ("Samen in beweging {place}", "Laagdrempelige beweeggroepen voor ouderen en mensen "
             "met een chronische ziekte in {place}."),
            ("Mondzorg voor iedereen {place}", "Een mobiele tandartspraktijk bezoekt scholen en "
             "inloophuizen in {place} om mondzorg bereikbaar te maken."),
            ("Gezondheidsgidsen {place}", "Buurtbewoners worden opgeleid tot gezondheidsgids en "
             "brengen preventie tot bij hun buren in {place}."),
        ),
        stages={
            "input": ("Een wijkgezondheidscoach en een verpleegkundige, samen 1,5 VTE",),
            "activity": ("Huisbezoeken bij kwetsbare gezinnen",
                         "Wekelijkse beweegsessies in het buurthuis",
                         "Preventieve gezondheidschecks op markten en in scholen"),
            "output": ("Buurtbewoners kennen de weg naar de huisarts",
                       "Deelnemers bewegen minstens twee keer per week",
                       "Kinderen krijgen een jaarlijkse mondzorgcontrole"),
            "outcome": ("Minder uitgestelde zorg bij kwetsbare gezinnen",
                        "Betere conditie en minder valpartijen bij ouderen",
                        "Gezondheidsproblemen worden vroeger opgespoord"),
            "impact": ("Een kleinere gezondheidskloof tussen arm en rijk in de wijk",
                       "Meer gezonde levensjaren voor buurtbewoners",
                       "Een buurt waar gezondheid ieders zaak is"),
        },
        indicators=(
            _reach("Aantal bereikte buurtbewoners", "persons", "output", 150, 1_200,
                   "IRIS+ PI4060"),
            _reach("Aantal preventieve gezondheidschecks", "sessions", "activity", 100, 800),
            _fewer("Wachttijd voor een eerste gesprek (dagen)", "days", "outcome", (20, 60),
                   (0.4, 0.7)),
            _share("Aandeel deelnemers met een vaste huisarts", "outcome", (40, 65), (15, 30),
                   "SDG 3.8.1"),
            _reach("Aantal doorverwijzingen naar de eerstelijnszorg", "persons", "outcome",
                   60, 400),
        ),
        stories=(
            ("Een huisarts voor het hele gezin", "Dankzij de gezondheidscoach heeft het gezin "
             "van {name} in {place} nu een vaste huisarts. De kinderen zijn gevaccineerd en de "
             "moeder kreeg haar diabetes eindelijk onder controle."),
            ("Beweeggroep viert eerste verjaardag", "De beweeggroep in {place} bestaat een jaar "
             "en telt intussen {n} vaste deelnemers. Verschillende ouderen vertellen dat ze zich "
             "zekerder voelen op straat."),
        ),
    ),
    "wellbeing": SubThemeText(
        projects=(
            ("Niet alleen in {place}", "Vrijwilligers bezoeken geïsoleerde ouderen in {place} en "
             "brengen hen opnieuw in contact met de buurt."),
            ("Jongerenlijn {place}", "Een laagdrempelig aanspreekpunt voor jongeren met mentale "
             "zorgen in {place}, met chat en inloopmomenten."),
            ("Lotgenoten {place}", "Lotgenotengroepen voor mantelzorgers in {place} om ervaringen "
             "te delen en overbelasting te voorkomen."),
            ("Veerkracht op school {place}", "Leerkrachten en leerlingen in {place} leren omgaan "
             "met stress en signalen van mentaal onwelzijn herkennen."),
        ),
        stages={
            "input": ("Een team van getrainde vrijwilligers en een psycholoog",),
            "activity": ("Wekelijkse bezoeken aan alleenstaande ouderen",
                         "Inloopmomenten en chatpermanentie voor jongeren",
                         "Gespreksgroepen voor mantelzorgers"),
            "output": ("Ouderen hebben wekelijks een vast contact",
                       "Jongeren vinden snel een luisterend oor",
                       "Mantelzorgers nemen deel aan lotgenotengroepen"),
            "outcome": ("Minder gevoelens van eenzaamheid",
                        "Jongeren zoeken sneller gepaste hulp",
                        "Mantelzorgers voelen zich minder overbelast"),
            "impact": ("Meer mentaal welbevinden in de gemeente",
                       "Een zorgzame buurt waar niemand uit de boot valt",
                       "Minder crisisopnames bij jongeren"),
        },
        indicators=(
            _reach("Aantal jongeren in begeleiding", "persons", "output", 80, 600,
                   "IRIS+ PI4060"),
            _per_quarter("Deelnemers aan lotgenotengroepen per kwartaal", "persons", "output",
                         (15, 40), (1.5, 2.5)),
            _share("Aandeel deelnemers dat zich minder eenzaam voelt", "outcome", (25, 45),
                   (15, 30)),
            _reach("Aantal ouderen met een wekelijks bezoek", "persons", "outcome", 40, 250),
            _fewer("Wachttijd voor een gesprek met de psycholoog (dagen)", "days", "outcome",
                   (25, 70), (0.4, 0.7)),
        ),
        stories=(
            ("Koffie op dinsdag", "Elke dinsdag gaat vrijwilliger {name} op bezoek bij een "
             "84-jarige buurvrouw in {place}. Wat begon als een kort bezoekje is een vriendschap "
             "geworden; ze gaat nu ook mee naar het buurtrestaurant."),
            ("Jongeren praten mee", "Een groep van {n} jongeren uit {place} hielp de "
             "chatpermanentie herwerken. Ze vroegen langere openingsuren op zondagavond, en die "
             "kwamen er."),
        ),
    ),
    "education": SubThemeText(
        projects=(
            ("Huiswerkklas {place}", "Studenten begeleiden kinderen uit kwetsbare gezinnen in "
             "{place} bij hun huiswerk en leren hen plannen."),
            ("Taal op school {place}", "Extra taalondersteuning voor anderstalige leerlingen in "
             "het basisonderwijs in {place}."),
            ("Tweede kans {place}", "Jongeren die vroegtijdig de school verlieten halen in "
             "{place} via een traject op maat alsnog een diploma."),
            ("Leesbuddy's {place}", "Vrijwillige leesbuddy's lezen wekelijks met kinderen in "
             "{place} om hun leesplezier en leesvaardigheid te versterken."),
        ),
        stages={
            "input": ("Vrijwillige studenten en twee leerkrachten op detachering",),
            "activity": ("Wekelijkse huiswerkbegeleiding na school",
                         "Taalbadjes en voorleessessies in kleine groepjes",
                         "Individuele trajectbegeleiding voor schoolverlaters"),
            "output": ("Kinderen maken hun huiswerk in een rustige omgeving",
                       "Leerlingen oefenen dagelijks Nederlands",
                       "Jongeren volgen een traject op maat"),
            "outcome": ("Betere schoolresultaten en minder zittenblijven",
                        "Sterkere leesvaardigheid op het einde van de lagere school",
                        "Minder jongeren verlaten de school zonder diploma"),
            "impact": ("Gelijke onderwijskansen, ongeacht de thuissituatie",
                       "Jongeren stromen door naar werk of verdere studie",
                       "Een sterkere basis voor een zelfstandig leven"),
        },
        indicators=(
            _reach("Aantal bereikte jongeren", "persons", "output", 60, 500, "IRIS+ PI4060"),
            _reach("Aantal huiswerksessies", "sessions", "activity", 120, 900),
            _fewer("Aantal schooluitvallers", "persons", "outcome", (20, 80), (0.5, 0.8)),
            _share("Aandeel leerlingen dat het jaar zonder vertraging afrondt", "outcome",
                   (55, 75), (8, 20), "SDG 4.1.1"),
            _share("Aandeel deelnemers met voldoende leesvaardigheid", "impact", (30, 50),
                   (10, 25), "SDG 4.6.1"),
        ),
        stories=(
            ("Van zittenblijver naar laureaat", "Vorig jaar dreigde {name} uit {place} te blijven "
             "zitten. Na een jaar huiswerkklas haalde ze haar getuigschrift met onderscheiding, "
             "en nu wil ze zelf begeleider worden."),
            ("Een diploma op je tweeëntwintigste", "{name} verliet op zijn zestiende de school. "
             "Via het traject in {place} behaalde hij dit kwartaal zijn diploma secundair "
             "onderwijs, samen met {n} andere jongeren."),
        ),
    ),
    "poverty": SubThemeText(
        projects=(
            ("Budgetbrug {place}", "Gezinnen met betalingsproblemen in {place} krijgen snel "
             "budgetbegeleiding, voordat schulden zich opstapelen."),
            ("Rechten in huis {place}", "Een rechtenverkenner zoekt samen met gezinnen in {place} "
             "naar sociale rechten en tegemoetkomingen die ze nog niet opnemen."),
            ("Buurtrestaurant {place}", "Een sociaal buurtrestaurant in {place} serveert "
             "betaalbare maaltijden en is een ontmoetingsplek voor mensen in armoede."),
            ("Kansen voor kinderen {place}", "Gezinnen in armoede in {place} krijgen toegang tot "
             "vrije tijd, schoolmateriaal en een vertrouwenspersoon."),
        ),
        stages={
            "input": ("Een rechtenverkenner, budgetcoaches en ervaringsdeskundigen",),
            "activity": ("Budgetgesprekken aan huis",
                         "Rechtenverkenning met elk gezin",
                         "Dagelijkse maaltijden aan sociaal tarief"),
            "output": ("Gezinnen hebben een overzicht van hun budget en schulden",
                       "Gezinnen nemen de tegemoetkomingen op waar ze recht op hebben",
                       "Mensen in armoede vinden een vaste ontmoetingsplek"),
            "outcome": ("Minder gezinnen met een betalingsachterstand",
                        "Meer financiële ademruimte voor gezinnen",
                        "Minder sociaal isolement"),
            "impact": ("Minder kinderen groeien op in armoede",
                       "Gezinnen bouwen duurzaam aan een menswaardig inkomen",
                       "Een gemeente waar iedereen zijn rechten kent"),
        },
        indicators=(
            _reach("Aantal bereikte gezinnen", "households", "output", 50, 400),
            _reach("Aantal gezinnen in budgetbegeleiding", "households", "output", 30, 200),
            _share("Aandeel gezinnen met een sluitend budget", "outcome", (20, 40), (15, 30),
                   "SDG 1.2.1"),
            _fewer("Aantal gezinnen met een betalingsachterstand", "households", "outcome",
                   (60, 200), (0.5, 0.8)),
            _reach("Aantal gezinnen dat een extra sociaal recht opneemt", "households",
                   "outcome", 40, 300),
            _reach("Aantal maaltijden aan sociaal tarief", "sessions", "activity", 2_000, 20_000),
        ),
        stories=(
            ("Eindelijk ademruimte", "Het gezin van {name} in {place} had vier openstaande "
             "facturen en een dreigende afsluiting. Na drie budgetgesprekken is er een "
             "afbetalingsplan en blijft er elke maand iets over."),
            ("Een volle tafel", "Het buurtrestaurant in {place} serveerde dit kwartaal meer dan "
             "{n} maaltijden. Vaste gasten helpen intussen zelf mee in de keuken."),
        ),
    ),
    "inclusion": SubThemeText(
        projects=(
            ("Taalcafé {place}", "Nieuwkomers en Vlamingen in {place} ontmoeten elkaar wekelijks "
             "om Nederlands te oefenen in een ontspannen sfeer."),
            ("Iedereen welkom {place}", "Verenigingen in {place} krijgen ondersteuning om mensen "
             "met een beperking een volwaardige plaats te geven."),
            ("Buddy's voor nieuwkomers {place}", "Vrijwillige buddy's begeleiden nieuwkomers in "
             "{place} tijdens hun eerste jaar in de gemeente."),
            ("Samen aan tafel {place}", "Kookmomenten brengen bewoners met verschillende "
             "achtergronden in {place} samen rond een gedeelde maaltijd."),
        ),
        stages={
            "input": ("Een coördinator diversiteit en een pool van buddy's",),
            "activity": ("Wekelijkse taalcafés in de bibliotheek",
                         "Koppeling van nieuwkomers aan een buddy",
                         "Coaching van verenigingen rond toegankelijkheid"),
            "output": ("Nieuwkomers oefenen Nederlands buiten de les",
                       "Nieuwkomers hebben een vertrouwenspersoon in de gemeente",
                       "Verenigingen passen hun werking aan"),
            "outcome": ("Nieuwkomers bouwen een Nederlandstalig netwerk uit",
                        "Mensen met een beperking nemen deel aan het verenigingsleven",
                        "Meer contact tussen buurtbewoners met verschillende achtergronden"),
            "impact": ("Een inclusieve samenleving waarin iedereen meetelt",
                       "Minder discriminatie en vooroordelen",
                       "Nieuwkomers voelen zich thuis in Vlaanderen en Brussel"),
        },
        indicators=(
            _reach("Aantal nieuwkomers in het taalcafé", "persons", "output", 60, 450,
                   "IRIS+ PI4060"),
            _reach("Aantal ontmoetingsmomenten", "sessions", "activity", 40, 200),
            _share("Aandeel deelnemers met een Nederlandstalig netwerk", "outcome", (20, 40),
                   (15, 30)),
            _share("Aandeel deelnemers dat zich thuis voelt in de buurt", "impact", (35, 55),
                   (10, 25)),
            _reach("Aantal vrijwillige buddy's", "volunteers", "input", 15, 90),
        ),
        stories=(
            ("Een buddy werd een vriendin", "{name} kwam twee jaar geleden aan in {place}. Haar "
             "buddy hielp met de papieren en de school van de kinderen; vandaag verwelkomt ze "
             "zelf nieuwe deelnemers in het taalcafé."),
            ("De voetbalclub past zich aan", "Na de coaching in {place} richtte de plaatselijke "
             "voetbalclub een G-ploeg op. Er spelen intussen {n} spelers mee."),
        ),
    ),
    "work": SubThemeText(
        projects=(
            ("Werkkracht {place}", "Langdurig werkzoekenden in {place} lopen stage in lokale "
             "bedrijven, met intensieve jobcoaching."),
            ("Aan de slag {place}", "Een werkervaringsproject in een sociaal restaurant in "
             "{place} leidt mensen zonder diploma op tot keukenmedewerker."),
            ("Jobclub voor jongeren {place}", "Jongeren zonder werk of opleiding in {place} "
             "vinden via sport en groepswerk de weg naar een job of opleiding."),
            ("Talent aan het werk {place}", "Hooggeschoolde nieuwkomers in {place} krijgen hulp "
             "bij de erkenning van hun diploma en een mentor uit hun vakgebied."),
        ),
        stages={
            "input": ("Twee jobcoaches en een netwerk van lokale werkgevers",),
            "activity": ("Intensieve jobcoaching en sollicitatietraining",
                         "Werkplekleren in een sociaal restaurant",
                         "Matching met mentoren uit het bedrijfsleven"),
            "output": ("Werkzoekenden lopen stage bij een lokale werkgever",
                       "Deelnemers behalen een erkend attest",
                       "Jongeren volgen een traject naar werk of opleiding"),
            "outcome": ("Deelnemers vinden duurzaam werk",
                        "Minder jongeren zonder werk of opleiding",
                        "Werkgevers staan meer open voor diverse profielen"),
            "impact": ("Economische zelfstandigheid van kwetsbare groepen",
                       "Een arbeidsmarkt die iedereen een kans geeft",
                       "Minder langdurige werkloosheid in de regio"),
        },
        indicators=(
            _reach("Aantal werkzoekenden in een traject", "persons", "output", 40, 300,
                   "IRIS+ PI4060"),
            _reach("Aantal gevonden jobs", "jobs", "outcome", 15, 150),
            _share("Aandeel deelnemers met werk na zes maanden", "outcome", (25, 45), (15, 25)),
            _share("Aandeel jongeren zonder werk of opleiding (NEET)", "impact", (25, 40),
                   (8, 15), "SDG 8.6.1", direction="decrease"),
            _reach("Uren opleiding op de werkvloer", "hours", "activity", 1_000, 12_000),
        ),
        stories=(
            ("Van stagiair naar vaste kracht", "{name} liep drie maanden stage bij een logistiek "
             "bedrijf in {place}. Deze maand tekende hij een vast contract, zijn eerste in acht "
             "jaar."),
            ("Werkgevers aan tafel", "Tijdens een ontbijt in {place} ontmoetten {n} werkgevers de "
             "deelnemers van het project. Vier van hen bieden nu stageplaatsen aan."),
        ),
    ),
    "housing": SubThemeText(
        projects=(
            ("Housing First {place}", "Dakloze mensen in {place} krijgen meteen een eigen woning, "
             "met intensieve begeleiding aan huis."),
            ("Woonkans {place}", "Een sociaal verhuurkantoor in {place} huurt woningen op de "
             "private markt en verhuurt ze betaalbaar aan gezinnen met een laag inkomen."),
            ("Samenhuizen {place}", "Jongeren die de jeugdhulp verlaten, wonen in {place} samen "
             "met senioren in een gedeelde woning."),
            ("Renovatiebegeleiding {place}", "Eigenaar-bewoners met een laag inkomen in {place} "
             "krijgen begeleiding bij de renovatie van hun slechte woning."),
        ),
        stages={
            "input": ("Een woonbegeleider, een technisch adviseur en een renteloos "
                      "renovatiefonds",),
            "activity": ("Zoeken en inhuren van woningen op de private markt",
                         "Intensieve woonbegeleiding aan huis",
                         "Technisch advies en begeleiding bij renovatiewerken"),
            "output": ("Gezinnen huren een betaalbare en kwaliteitsvolle woning",
                       "Dakloze mensen hebben een eigen woonst",
                       "Woningen worden gerenoveerd tot de minimale kwaliteitsnorm"),
            "outcome": ("Bewoners behouden hun woning op lange termijn",
                        "Minder huurachterstal en uithuiszettingen",
                        "Gezondere en energiezuinigere woningen"),
            "impact": ("Iedereen woont betaalbaar en menswaardig",
                       "Dakloosheid wordt structureel teruggedrongen",
                       "Een woningmarkt die kwetsbare gezinnen niet uitsluit"),
        },
        indicators=(
            _reach("Aantal gezinnen met een betaalbare woning", "households", "outcome", 20, 150),
            _reach("Aantal dakloze mensen met een eigen woning", "persons", "outcome", 10, 80,
                   "SDG 11.1.1"),
            _fewer("Wachttijd voor een woning (dagen)", "days", "outcome", (180, 540),
                   (0.5, 0.8)),
            _share("Aandeel huurders zonder huurachterstal", "outcome", (55, 75), (10, 20)),
            _reach("Aantal huishoudens begeleid bij renovatie", "households", "output", 15, 120),
        ),
        stories=(
            ("De sleutel van een eigen voordeur", "Na vier jaar op straat kreeg {name} in "
             "{place} de sleutels van een studio. Drie keer per week komt een begeleider langs, "
             "en hij heeft nu ook een vaste huisarts."),
            ("Droge muren, warme kamers", "De renovatie van de woning van {name} in {place} is "
             "klaar: nieuw dak, isolatie en een veilige elektrische installatie. De "
             "energiefactuur is gehalveerd."),
        ),
    ),
    "culture": SubThemeText(
        projects=(
            ("Kunst in de buurt {place}", "Professionele kunstenaars maken samen met "
             "buurtbewoners in {place} een voorstelling over hun wijk."),
            ("Museum voor iedereen {place}", "Gezinnen die zelden een museum bezoeken, krijgen in "
             "{place} gratis rondleidingen op maat met een ervaringsdeskundige."),
            ("Muziekatelier {place}", "Kinderen uit kansengroepen in {place} leren gratis een "
             "instrument bespelen in een buurtorkest."),
            ("Verhalen van {place}", "Ouderen en jongeren in {place} verzamelen samen de "
             "verhalen van hun wijk in een podcast en een tentoonstelling."),
        ),
        stages={
            "input": ("Een artistiek coördinator en een samenwerking met het cultuurcentrum",),
            "activity": ("Wekelijkse ateliers met buurtbewoners",
                         "Rondleidingen op maat voor nieuwe bezoekers",
                         "Gratis muzieklessen en orkestrepetities"),
            "output": ("Buurtbewoners maken mee een voorstelling",
                       "Gezinnen bezoeken voor het eerst een museum",
                       "Kinderen spelen een instrument in het buurtorkest"),
            "outcome": ("Meer cultuurparticipatie bij kansengroepen",
                        "Deelnemers zijn trots op hun buurt",
                        "Kinderen groeien in zelfvertrouwen en doorzetting"),
            "impact": ("Cultuur is van en voor iedereen",
                       "Een levendige wijk met een gedeelde identiteit",
                       "Meer sociale samenhang via gedeelde verhalen"),
        },
        indicators=(
            _reach("Aantal bezoekers van voorstellingen", "persons", "output", 300, 3_000,
                   "IRIS+ PI4060"),
            _reach("Aantal ateliers en workshops", "sessions", "activity", 40, 250),
            _reach("Aantal betrokken buurtbewoners", "persons", "output", 40, 300),
            _share("Aandeel deelnemers dat voor het eerst aan cultuur deelneemt", "outcome",
                   (20, 40), (10, 25)),
            _per_quarter("Kinderen in het buurtorkest per kwartaal", "persons", "output",
                         (10, 30), (1.5, 2.5)),
        ),
        stories=(
            ("Première in de sporthal", "De buurtvoorstelling in {place} speelde drie keer voor "
             "een uitverkochte sporthal. {name}, die nooit eerder op een podium stond, kreeg een "
             "staande ovatie."),
            ("Het buurtorkest groeit", "Het buurtorkest in {place} telt intussen {n} kinderen. "
             "Op het lenteconcert speelden ze voor het eerst samen met de muziekacademie."),
        ),
    ),
    "climate": SubThemeText(
        projects=(
            ("Energiek {place}", "Een energiecoöperatie legt zonnepanelen op daken van scholen "
             "en sociale woningen in {place}."),
            ("Klimaatwijk {place}", "Buurtbewoners in {place} besparen samen energie met "
             "energiescans, isolatiepremies en groepsaankopen."),
            ("Warme buurt {place}", "Een warmtenet op restwarmte verwarmt sociale woningen en "
             "een school in {place}."),
            ("Energiecoaches {place}", "Energiecoaches helpen gezinnen met een laag inkomen in "
             "{place} hun verbruik en hun factuur te verlagen."),
        ),
        stages={
            "input": ("Startkapitaal van de coöperanten en een energiedeskundige",),
            "activity": ("Plaatsing van zonnepanelen op publieke daken",
                         "Gratis energiescans aan huis",
                         "Groepsaankopen voor isolatie en warmtepompen"),
            "output": ("Daken produceren hernieuwbare stroom",
                       "Gezinnen voeren energiebesparende maatregelen uit",
                       "Woningen zijn aangesloten op het warmtenet"),
            "outcome": ("Lager energieverbruik en een lagere energiefactuur",
                        "Minder CO2-uitstoot van woningen en scholen",
                        "Meer bewoners investeren mee in de energietransitie"),
            "impact": ("Een klimaatneutrale gemeente tegen 2050",
                       "Geen gezin in energiearmoede",
                       "Een rechtvaardige energietransitie"),
        },
        indicators=(
            _fewer("Uitstoot CO2 (ton)", "tonnes_co2", "outcome", (200, 900), (0.5, 0.8),
                   "SDG 13.2.2"),
            _reach("Vermeden uitstoot CO2 (ton)", "tonnes_co2", "outcome", 50, 600),
            _reach("Opgewekte hernieuwbare energie (kWh)", "kwh", "output", 50_000, 900_000,
                   "SDG 7.2.1"),
            _reach("Aantal gezinnen met een energiescan", "households", "output", 40, 400),
            _fewer("Energieverbruik per gezin per kwartaal (kWh)", "kwh", "outcome",
                   (800, 1_200), (0.7, 0.85), "SDG 7.3.1"),
        ),
        stories=(
            ("Zon op het schooldak", "De basisschool in {place} wekt sinds dit kwartaal haar "
             "eigen stroom op. Leerlingen volgen de productie op een scherm in de gang, en "
             "{name} uit het zesde leerjaar geeft er rondleidingen."),
            ("Een factuur die daalt", "Na de energiescan isoleerde het gezin van {name} in "
             "{place} de zolder. Hun verbruik daalde met bijna een derde."),
        ),
    ),
    "nature": SubThemeText(
        projects=(
            ("Groene long {place}", "Een verwaarloosd terrein in {place} wordt samen met "
             "buurtbewoners omgevormd tot buurtnatuur."),
            ("Bomen voor {place}", "Vrijwilligers planten inheemse bomen en hagen langs wegen en "
             "akkers in {place}."),
            ("Natuur op school {place}", "Speelplaatsen in {place} worden onthard en vergroend, "
             "met lessen over biodiversiteit."),
            ("Bloeiende bermen {place}", "Landbouwers en de gemeente werken in {place} samen aan "
             "bloemrijke bermen en akkerranden voor bestuivers."),
        ),
        stages={
            "input": ("Een natuurbeheerder, plantgoed en gereedschap",),
            "activity": ("Plantdagen met buurtbewoners en scholen",
                         "Ontharding en vergroening van speelplaatsen",
                         "Begeleiding van landbouwers bij akkerrandbeheer"),
            "output": ("Nieuwe bomen en hagen zijn aangeplant",
                       "Speelplaatsen zijn groen en onthard",
                       "Bermen worden ecologisch beheerd"),
            "outcome": ("Meer biodiversiteit en bestuivers in de gemeente",
                        "Kinderen spelen vaker in de natuur",
                        "Betere waterinfiltratie bij hevige regen"),
            "impact": ("Een veerkrachtig landschap voor mens en dier",
                       "Herstel van de biodiversiteit in Vlaanderen",
                       "Een gezondere leefomgeving voor iedereen"),
        },
        indicators=(
            _reach("Aantal aangeplante bomen", "trees", "output", 500, 8_000, "SDG 15.1.1"),
            _reach("Heraangelegde natuur (hectare)", "hectares", "outcome", 5, 120),
            _reach("Aantal vrijwilligers bij natuurbeheer", "volunteers", "activity", 20, 200),
            _share("Aandeel inheemse soorten in de beplanting", "outcome", (35, 60), (15, 30)),
            _reach("Uren natuurbeheer", "hours", "activity", 500, 6_000),
        ),
        stories=(
            ("Duizend handen, duizend bomen", "Op de plantdag in {place} zetten {n} vrijwilligers "
             "samen meer dan duizend boompjes. {name} (9) plantte er zelf twaalf."),
            ("De speelplaats leeft", "Sinds de ontharding in {place} spelen de kinderen tussen "
             "wilgen en een wadi. De juf ziet minder ruzies en meer fantasiespel."),
        ),
    ),
    "circular": SubThemeText(
        projects=(
            ("Repair {place}", "Vrijwillige herstellers en leerwerknemers in {place} geven "
             "kapotte toestellen en fietsen een tweede leven."),
            ("Tweede leven {place}", "Een herbruikatelier in {place} zamelt bouwmaterialen in en "
             "verkoopt ze opnieuw aan particulieren en aannemers."),
            ("Zero waste {place}", "Gezinnen, scholen en handelaars in {place} halveren samen "
             "hun restafval, met begeleiding en een deelbibliotheek."),
            ("Textiel in de kring {place}", "Een sociale onderneming in {place} sorteert en "
             "herstelt kledij en leidt tegelijk langdurig werkzoekenden op."),
        ),
        stages={
            "input": ("Een werkplaats, gereedschap en ervaren vrijwillige herstellers",),
            "activity": ("Maandelijkse repaircafés en herstelwerkplaatsen",
                         "Inzameling van materialen aan huis en op het recyclagepark",
                         "Begeleiding van scholen en handelaars naar minder afval"),
            "output": ("Toestellen en materialen worden hersteld en hergebruikt",
                       "Gezinnen nemen deel aan het afvaltraject",
                       "Leerwerknemers doen werkervaring op"),
            "outcome": ("Minder restafval per huishouden",
                        "Meer hergebruik van materialen",
                        "Leerwerknemers stromen door naar de reguliere arbeidsmarkt"),
            "impact": ("Een circulaire lokale economie",
                       "Minder grondstoffenverbruik en uitstoot",
                       "Duurzame jobs voor mensen met een afstand tot de arbeidsmarkt"),
        },
        indicators=(
            _reach("Ingezameld materiaal voor hergebruik (kg)", "kg_waste", "output", 5_000,
                   120_000, "SDG 12.5.1"),
            _fewer("Restafval per huishouden per kwartaal (kg)", "kg_waste", "outcome",
                   (35, 55), (0.6, 0.85)),
            _reach("Aantal repaircafés", "sessions", "activity", 12, 60),
            _reach("Aantal jobs voor leerwerknemers", "jobs", "outcome", 5, 40),
            _share("Aandeel hergebruikte materialen", "outcome", (15, 35), (15, 30),
                   "SDG 12.5.1"),
        ),
        stories=(
            ("De naaimachine van oma", "{name} bracht de naaimachine van haar grootmoeder naar "
             "het repaircafé in {place}. Na twee uur sleutelen draaide ze weer; nu naait {name} "
             "zelf haar gordijnen."),
            ("Het afval halveerde in de Kerkstraat", "De {n} gezinnen van de Kerkstraat in "
             "{place} hielden een jaar lang hun restafval bij. Met composteren en de "
             "deelbibliotheek halveerde hun afval."),
        ),
    ),
    "mobility": SubThemeText(
        projects=(
            ("Fietsschool {place}", "Volwassenen die nooit leerden fietsen, vaak nieuwkomers, "
             "leren het in {place} in tien lessen."),
            ("Autodelen {place}", "Buurtbewoners in {place} delen elektrische wagens via een "
             "coöperatieve deelautodienst."),
            ("Veilig naar school {place}", "Ouders, scholen en gemeente maken schoolroutes in "
             "{place} veiliger, zodat meer kinderen te voet en met de fiets komen."),
            ("Mobipunt {place}", "Een mobiliteitspunt in {place} helpt mensen zonder auto hun weg "
             "te vinden naar werk, zorg en opleiding."),
        ),
        stages={
            "input": ("Fietsen, een lesgever en een vloot elektrische deelwagens",),
            "activity": ("Fietslessen voor volwassenen",
                         "Uitbouw van deelautostandplaatsen in de buurt",
                         "Fietsrijen en schoolstraten met ouders en scholen"),
            "output": ("Deelnemers fietsen veilig in het verkeer",
                       "Buurtbewoners gebruiken een deelauto in plaats van een eigen wagen",
                       "Meer kinderen komen te voet of met de fiets naar school"),
            "outcome": ("Minder autoverplaatsingen in de buurt",
                        "Betere toegang tot werk en opleiding voor mensen zonder auto",
                        "Veiligere en rustigere schoolomgevingen"),
            "impact": ("Gezonde en duurzame mobiliteit voor iedereen",
                       "Minder uitstoot en fijnstof in de gemeente",
                       "Een leefbare buurt met ruimte voor mensen"),
        },
        indicators=(
            _reach("Aantal deelnemers aan fietslessen", "persons", "output", 40, 300,
                   "IRIS+ PI4060"),
            _reach("Aantal deelautogebruikers", "persons", "output", 30, 250),
            _share("Aandeel verplaatsingen met fiets of openbaar vervoer", "outcome", (25, 45),
                   (10, 20), "SDG 11.2.1"),
            _per_quarter("Kinderen die met de fiets naar school komen per kwartaal", "persons",
                         "outcome", (40, 150), (1.3, 2.0)),
            _reach("Vermeden uitstoot CO2 (ton)", "tonnes_co2", "impact", 10, 150),
        ),
        stories=(
            ("Op eigen wielen", "{name} leerde op haar 41ste fietsen in de fietsschool van "
             "{place}. Ze fietst nu elke dag naar haar werk en bespaart zo een uur busrit."),
            ("Eén deelauto, zes gezinnen", "In {place} delen {n} gezinnen intussen elektrische "
             "deelwagens. Twee gezinnen verkochten hun tweede auto."),
        ),
    ),
}  # fmt: skip

# How a step of the change logic is grounded: firmer early in the chain, more assumed at the end.
# As in many portfolios, what projects do and deliver runs ahead of the change it should
# bring: outcomes and impact lag behind the outputs.
STAGE_DELIVERY = {"input": 1.12, "activity": 1.12, "output": 1.1, "outcome": 0.88, "impact": 0.8}
EVIDENCE_WEIGHTS = {
    "input": (35, 55, 10),
    "activity": (35, 50, 15),
    "output": (30, 45, 25),
    "outcome": (25, 35, 40),
    "impact": (15, 25, 60),
}
DECIMALS = {"tonnes_co2": 1, "hectares": 1, "days": 1, "score": 1, "percent": 1}
SOURCES = {
    "percent": ("Enquête deelnemers", "Opvolgingsbevraging"),
    "score": ("Enquête deelnemers", "Tevredenheidsmeting"),
    "tonnes_co2": ("Energiemonitoring", "Jaarverslag"),
    "kwh": ("Meterstanden", "Energiemonitoring"),
    "hectares": ("Terreinregistratie", "Jaarverslag"),
    "trees": ("Terreinregistratie", "Plantregister"),
    "kg_waste": ("Weegbonnen", "Registratie recyclagepark"),
    "days": ("Dossieropvolging", "Registratie vzw"),
    "text": ("Focusgroep", "Interviews met deelnemers", "Teamoverleg"),
}
COUNT_SOURCES = ("Registratie vzw", "Aanwezigheidslijsten", "Jaarverslag")

INDICATORS_PER_PROJECT = {4: 1, 5: 1, 6: 2, 7: 3, 8: 3, 9: 3, 10: 2}
# (share of projects, low, high) of the hidden performance factor: progress ≈ factor × expected.
PERFORMANCE_GROUPS = ((15, 1.2, 1.6), (55, 0.95, 1.15), (18, 0.7, 0.85), (12, 0.15, 0.5))
NO_MEASUREMENT_SHARE = 0.10
CO_FUNDED_COUNTS = {1: 70, 2: 22, 3: 8}


# --- Small helpers -------------------------------------------------------------------------------


def slug(value: str) -> str:
    """A login-friendly form of a name: "Familiefonds De Wilde" -> "familiefonds-de-wilde"."""
    ascii_only = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")


def add_months(day: dt.date, months: int) -> dt.date:
    """The first of the month ``months`` after the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def quarter_ends(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every quarter end from ``first`` up to ``last``, both included."""
    ends = []
    for year in range(first.year, last.year + 1):
        for month, day in ((3, 31), (6, 30), (9, 30), (12, 31)):
            end = dt.date(year, month, day)
            if first <= end <= last:
                ends.append(end)
    return ends


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


# --- The generator -------------------------------------------------------------------------------


@dataclass
class _ProjectPlan:
    """What the generator knows about a project beyond its row."""

    row: dict
    place: str
    performance: float
    reports: bool  # False for the ~10 % without measurements (planned, just started, late)
    quarters: list[dt.date] = field(default_factory=list)  # quarter ends it may report on
    reported: set[dt.date] = field(default_factory=set)  # quarter ends it did report on


class _Generator:
    def __init__(
        self,
        size: DemoSize,
        rng: random.Random,
        today: dt.date,
        progress: rollups.Progress | None = None,
    ):
        self.size = size
        self.progress = progress
        self.rng = rng
        # Sources draw from a stream of their own: adding them changed no other demo row.
        self.source_rng = random.Random(size.projects * 7919)
        self.today = today
        # The network's data start, before the oldest grant: accounts and funders exist from then.
        self.epoch = add_months(today, -66)
        self.all_quarters = quarter_ends(add_months(today, -72), today)
        self.data = DemoData()

    def run(self) -> DemoData:
        self._funders()
        plans = self._projects()
        self._grants(plans)
        for done, plan in enumerate(plans, start=1):
            elements = self._change_logic(plan)
            self._indicators_and_measurements(plan, elements)
            self._stories(plan)
            if self.progress and (done % 50 == 0 or done == len(plans)):
                self.progress("generate", done, len(plans))
        self._users()
        return self.data

    def _person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def _at(self, day: dt.date) -> dt.datetime:
        """A believable office-hours timestamp on ``day`` (never after today)."""
        hour, minute = self.rng.randint(8, 17), self.rng.randint(0, 59)
        return dt.datetime.combine(min(day, self.today), dt.time(hour, minute))

    # Funders ------------------------------------------------------------------------------------

    def _funder_name(self, kind: str) -> str:
        rng = self.rng
        if kind == "family":
            first, second = rng.sample(LAST_NAMES, 2)
            return rng.choice(
                (
                    f"Familiefonds {first}",
                    f"Fonds {first}-{second}",
                    f"Stichting {rng.choice(FIRST_NAMES)} {first}",
                )
            )
        if kind == "corporate":
            company = rng.choice(COMPANIES)
            return rng.choice((f"Fonds {company}", f"Stichting {company}", f"{company} Fonds"))
        if rng.random() < 0.3:
            return rng.choice(PUBLIC_CONCEPTS)
        return f"Stichting {rng.choice(WATERS_AND_LANDS)}{rng.choice(PUBLIC_SUFFIXES)}"

    def _funders(self) -> None:
        count = self.size.funders
        kinds = [_weighted(self.rng, FUNDER_KIND_WEIGHTS) for _ in range(count)]
        # Every kind appears, also in the smallest portfolio.
        kinds[:3] = ["family", "public_benefit", "corporate"]
        not_named = set(self.rng.sample(range(count), max(2, count // 10)))
        names: set[str] = set()
        for index, kind in enumerate(kinds):
            name = self._funder_name(kind)
            attempts = 1
            while name in names:
                # A kind's names can run out (xl has 200 funders): number the next ones.
                name = self._funder_name(kind)
                attempts += 1
                if attempts > 200 and name in names:
                    name = f"{name} {attempts - 199}"
            names.add(name)
            self.data.funders.append(
                {
                    "id": index + 1,
                    "reference": reference_for("funders", index + 1),
                    "name": name,
                    "kind": kind,
                    "named_to_network": index not in not_named,
                    "created_at": self._at(self.epoch + dt.timedelta(days=index * 3)),
                }
            )

    # Projects and organisations ------------------------------------------------------------------

    def _schedule(self, reports: bool) -> tuple[dt.date, dt.date]:
        """Start and end; projects without measurements are mostly planned or just started."""
        rng, this_month = self.rng, add_months(self.today, 0)
        # "late": under way for a year or more, but nothing reported yet.
        kind = "running" if reports else rng.choice(("planned", "new", "late"))
        if kind == "planned":
            start = add_months(this_month, rng.randint(1, 4))
        elif kind == "new":
            start = add_months(this_month, -rng.randint(0, 2))
        else:
            # Between one and five years ago, leaning to older starts so portfolios have history.
            years_ago = 5 - 4 * rng.random() ** 1.5
            start = add_months(this_month, -round(years_ago * 12))
        end = add_months(start, rng.choice((36, 42, 48, 48, 54, 60, 60))) - dt.timedelta(days=1)
        return start, end

    def _projects(self) -> list[_ProjectPlan]:
        rng, count = self.rng, self.size.projects
        # Every sub-theme and region appears: sub-themes in equal turns, regions by weight.
        subs = [voc.SUB_THEMES[t][i] for t in voc.THEMES for i in range(4)] * (count // 12 + 1)
        subs = subs[:count]
        rng.shuffle(subs)
        regions = list(voc.REGIONS) + [
            _weighted(rng, REGION_WEIGHTS) for _ in range(count - len(voc.REGIONS))
        ]
        rng.shuffle(regions)
        silent = set(rng.sample(range(count), round(count * NO_MEASUREMENT_SHARE)))

        plans = []
        for index in range(count):
            start, end = self._schedule(index not in silent)
            status = (
                "planned" if start > self.today else "finished" if end < self.today else "running"
            )
            _, low, high = rng.choices(
                PERFORMANCE_GROUPS, weights=[g[0] for g in PERFORMANCE_GROUPS]
            )[0]
            row = {
                "id": index + 1,
                "reference": reference_for("projects", index + 1),
                "organisation_id": 0,  # set below, once organisations exist
                "name": "",
                "summary": "",
                "theme": voc.THEME_OF_SUB_THEME[subs[index]],
                "sub_theme": subs[index],
                "region": regions[index],
                "start_date": start,
                "end_date": end,
                "status": status,
                "visibility": _weighted(rng, {"network": 75, "private": 15, "public": 10}),
                "lead": self._person(),
            }
            plans.append(_ProjectPlan(row, "", rng.uniform(low, high), index not in silent))
        self._organisations(plans)
        for plan in plans:
            name, summary = rng.choice(SUB_THEME_TEXT[plan.row["sub_theme"]].projects)
            plan.row["name"] = name.format(place=plan.place)
            plan.row["summary"] = summary.format(place=plan.place)
            self.data.projects.append(plan.row)
        return plans

    def _organisations(self, plans: list[_ProjectPlan]) -> None:
        """Organisations per (theme, region), each running one or more of those projects."""
        rng = self.rng
        groups: dict[tuple[str, str], list[_ProjectPlan]] = {}
        for plan in plans:
            groups.setdefault((plan.row["theme"], plan.row["region"]), []).append(plan)
        ratio = self.size.organisations / self.size.projects
        used: set[str] = set()
        for (theme, region), members in sorted(groups.items()):
            candidates = [
                (stem, form, place)
                for stem, form in ORGANISATION_STEMS[theme]
                for place in PLACES[region]
            ]
            rng.shuffle(candidates)
            wanted = max(1, min(len(members), round(len(members) * ratio)))
            organisations = []
            for number in range(wanted):
                stem, form, place = candidates[number % len(candidates)]
                name = f"{stem} {place} {form}"
                if name in used:  # only when a huge portfolio exhausts the combinations
                    name = f"{stem} {place} {number // len(candidates) + 1} {form}"
                used.add(name)
                number = len(self.data.organisations) + 1
                row = {
                    "id": number,
                    "reference": reference_for("organisations", number),
                    "name": name,
                    "region": region,
                }
                self.data.organisations.append(row)
                organisations.append((row["id"], place))
            # Each organisation gets at least one project; the rest go to random ones.
            for position, plan in enumerate(members):
                org_id, place = (
                    organisations[position]
                    if position < len(organisations)
                    else rng.choice(organisations)
                )
                plan.row["organisation_id"] = org_id
                plan.place = place

    # Grants ---------------------------------------------------------------------------------------

    def _grants(self, plans: list[_ProjectPlan]) -> None:
        rng, funder_ids = self.rng, [f["id"] for f in self.data.funders]
        # A few large funders carry much of the portfolio, as in real networks.
        weights = [1 / (rank + 1) ** 0.7 for rank in range(len(funder_ids))]
        order = rng.sample(funder_ids, len(funder_ids))
        grants = []
        for index, plan in enumerate(plans):
            count = _weighted(rng, CO_FUNDED_COUNTS)
            # Every funder gets at least one project.
            chosen = [order[index]] if index < len(order) else []
            while len(chosen) < count:
                funder_id = rng.choices(order, weights=weights)[0]
                if funder_id not in chosen:
                    chosen.append(funder_id)
            start, end = plan.row["start_date"], plan.row["end_date"]
            for rank, funder_id in enumerate(chosen):
                # Log-uniform: many modest grants, a few large ones; co-funders give less.
                amount = math.exp(rng.uniform(math.log(15_000), math.log(750_000)))
                amount *= 1 if rank == 0 else rng.uniform(0.3, 0.8)
                amount = min(750_000, max(15_000, round(amount / 500) * 500))
                awarded = min(self.today, start - dt.timedelta(days=rng.randint(14, 120)))
                grants.append((awarded, plan.row["id"], funder_id, amount, start, end))
        # Ids and references follow the award date, numbered per funder and year.
        grants.sort()
        numbers: dict[tuple[int, int], int] = {}
        for awarded, project_id, funder_id, amount, start, end in grants:
            key = (funder_id, awarded.year)
            numbers[key] = numbers.get(key, 0) + 1
            self.data.grants.append(
                {
                    "id": len(self.data.grants) + 1,
                    "funder_id": funder_id,
                    "project_id": project_id,
                    "amount": Decimal(amount),
                    "currency": "EUR",
                    "amount_eur": Decimal(amount),
                    "awarded_on": awarded,
                    "start_date": start,
                    "end_date": end,
                    "reference": f"FI-{awarded.year}-{numbers[key]:04d}",
                }
            )

    # Change logic ---------------------------------------------------------------------------------

    def _change_logic(self, plan: _ProjectPlan) -> dict[str, list[int]]:
        """Elements in all five stages and links to the next stage; returns ids per stage."""
        rng, texts = self.rng, SUB_THEME_TEXT[plan.row["sub_theme"]]
        by_stage: dict[str, list[int]] = {}
        for stage in voc.STAGES:
            pool = texts.stages[stage] + (GENERIC_INPUTS if stage == "input" else ())
            statements = rng.sample(pool, rng.randint(1, 3))
            by_stage[stage] = []
            for position, statement in enumerate(statements):
                element_id = len(self.data.elements) + 1
                self.data.elements.append(
                    {
                        "id": element_id,
                        "project_id": plan.row["id"],
                        "stage": stage,
                        "statement": statement,
                        "evidence": rng.choices(voc.EVIDENCE, EVIDENCE_WEIGHTS[stage])[0],
                        "position": position,
                    }
                )
                by_stage[stage].append(element_id)
                self._element_sources(plan, self.data.elements[-1])
        for stage, next_stage in itertools.pairwise(voc.STAGES):
            targets = by_stage[next_stage]
            pairs = [
                (source, target)
                for source in by_stage[stage]
                for target in rng.sample(targets, min(len(targets), rng.randint(1, 2)))
            ]
            # No element is left without a cause in the stage before it.
            reached = {target for _, target in pairs}
            pairs += [(rng.choice(by_stage[stage]), t) for t in targets if t not in reached]
            self.data.links += [{"from_element_id": s, "to_element_id": t} for s, t in pairs]
            for source, target in dict.fromkeys(pairs):
                if self.source_rng.random() < sources.LINK_SOURCE_SHARE[stage]:
                    kind = self.source_rng.choice(voc.SOURCE_KINDS)
                    self._add_source(plan, kind, from_element_id=source, to_element_id=target)
        return by_stage

    def _element_sources(self, plan: _ProjectPlan, element: dict) -> None:
        """Sources that give the element the evidence basis it was drawn with: one or two of
        its kind, and now and then practice next to research."""
        kind, rng = element["evidence"], self.source_rng
        if kind == "assumption":
            return
        for _ in range(1 + (rng.random() < 0.3)):
            self._add_source(plan, kind, element_id=element["id"])
        if kind == "research" and rng.random() < 0.25:
            self._add_source(plan, "practice", element_id=element["id"])

    def _add_source(self, plan: _ProjectPlan, kind: str, **owner) -> None:
        rng, topic = self.source_rng, sources.TOPICS[plan.row["sub_theme"]]
        year = min(self.today.year - 1, plan.row["start_date"].year - rng.randint(0, 6))
        url = None
        if kind == "research":
            publisher, title, url = rng.choice(sources.RESEARCH[plan.row["theme"]])
            title = title.format(topic=topic)
            citation = f"{publisher} ({year}). {title[0].upper()}{title[1:]}."
        else:
            citation = rng.choice(sources.PRACTICE).format(topic=topic, place=plan.place)
        number = len(self.data.evidence_sources) + 1
        self.data.evidence_sources.append(
            {
                "id": number,
                "project_id": plan.row["id"],
                "element_id": owner.get("element_id"),
                "from_element_id": owner.get("from_element_id"),
                "to_element_id": owner.get("to_element_id"),
                "kind": kind,
                "citation": citation,
                "url": url,
                "year": year,
                "reference": reference_for("sources", number),
            }
        )

    # Indicators and measurements -----------------------------------------------------------------

    def _pick_templates(self, sub_theme: str) -> list[IndicatorTemplate | tuple[str, str]]:
        """4-10 indicator templates; a (name, stage) pair stands for a qualitative one."""
        rng = self.rng
        count = _weighted(rng, INDICATORS_PER_PROJECT)
        # About one indicator in fifteen is answered in words, at most two per project.
        qualitative = min(2, sum(rng.random() < 1 / 15 for _ in range(count)))
        # Sub-theme indicators first, topped up with generic ones (random keys, handicapped).
        specific = SUB_THEME_TEXT[sub_theme].indicators
        keyed = [(rng.random(), t) for t in specific]
        keyed += [(rng.random() * 1.8, t) for t in GENERIC_INDICATORS]
        keyed.sort(key=lambda pair: pair[0])
        chosen = [template for _, template in keyed[: count - qualitative]]
        return chosen + rng.sample(QUALITATIVE_INDICATORS, qualitative)

    def _baseline_and_target(self, template: IndicatorTemplate) -> tuple[float, float]:
        rng, decimals = self.rng, DECIMALS.get(template.unit, 0)
        baseline = round(rng.uniform(*template.baseline), decimals)
        rule, low, high = template.target
        change = rng.uniform(low, high)
        target = {
            "abs": change,
            "factor": baseline * change,
            "plus": min(98.0, baseline + change),
            "minus": max(2.0, baseline - change),
            "same": baseline,
        }[rule]
        target = round(target, decimals)
        # Rounding must not turn a change into a "maintain".
        step = 10.0**-decimals
        if template.direction == "increase" and target <= baseline:
            target = baseline + step
        elif template.direction == "decrease" and target >= baseline:
            target = baseline - step
        return float(baseline), float(target)

    def _indicators_and_measurements(
        self, plan: _ProjectPlan, elements: dict[str, list[int]]
    ) -> None:
        rng, row = self.rng, plan.row
        start, end = row["start_date"], row["end_date"]
        if plan.reports:
            first = bisect.bisect_right(self.all_quarters, start)
            last = bisect.bisect_right(self.all_quarters, min(end, self.today))
            plan.quarters = self.all_quarters[first:last]
        span = (end - start).days
        elapsed = [(q, min(1.0, (q - start).days / span)) for q in plan.quarters]
        for template in self._pick_templates(row["sub_theme"]):
            indicator_id = len(self.data.indicators) + 1
            if isinstance(template, tuple):
                name, stage = template
                indicator = {
                    "name": name,
                    "unit": "text",
                    "direction": "increase",
                    "measure_kind": "qualitative",
                    "accumulation": "periodic",
                    "summable": False,
                    "baseline_value": None,
                    "target_value": None,
                    "standard_ref": None,
                }
            else:
                stage = template.stage
                baseline, target = self._baseline_and_target(template)
                indicator = {
                    "name": template.name,
                    "unit": template.unit,
                    "direction": template.direction,
                    "measure_kind": template.kind,
                    "accumulation": template.accumulation,
                    "summable": template.summable,
                    "baseline_value": baseline,
                    "target_value": target,
                    "standard_ref": template.standard_ref if rng.random() < 0.7 else None,
                }
            self.data.indicators.append(
                {
                    "id": indicator_id,
                    "reference": reference_for("indicators", indicator_id),
                    "element_id": rng.choice(elements[stage]),
                    "project_id": row["id"],
                    **indicator,
                    "baseline_date": start,
                    "target_date": end,
                }
            )
            if elapsed:
                self._measurements(plan, self.data.indicators[-1], elapsed, stage)

    def _measurements(
        self,
        plan: _ProjectPlan,
        indicator: dict,
        elapsed: list[tuple[dt.date, float]],
        stage: str,
    ) -> None:
        rng, rows = self.rng, self.data.measurements
        kind, unit = indicator["measure_kind"], indicator["unit"]
        baseline, target = indicator["baseline_value"], indicator["target_value"]
        # Indicators of one project share its performance, give or take; some stray further.
        spread = (0.6, 1.3) if rng.random() < 0.1 else (0.9, 1.1)
        performance = plan.performance * rng.uniform(*spread) * STAGE_DELIVERY[stage]
        shape = rng.uniform(0.85, 1.15)  # slow starters and fast starters
        skip_chance = 0.12 if rng.random() < 0.35 else 0.0
        decimals = DECIMALS.get(unit, 0)
        source = rng.choice(SOURCES.get(unit, COUNT_SOURCES))
        evidence = rng.choice(voc.EVIDENCE) if rng.random() < 0.4 else None
        typical_denominator = rng.randint(40, 400)
        previous = baseline
        for period_end, share in elapsed:
            # Words are gathered twice a year; numbers every quarter, with the odd gap.
            if kind == "qualitative" and period_end.month not in (6, 12):
                continue
            if skip_chance and rng.random() < skip_chance:
                continue
            value = numerator = denominator = answer = None
            if kind == "qualitative":
                answer = rng.choice(QUALITATIVE_ANSWERS).format(place=plan.place)
            elif indicator["direction"] == "maintain":
                # A held level slips or improves a little, with the project's performance.
                drift = (performance - 1) * 0.12 * share + rng.gauss(0, 0.03)
                value = max(0.0, baseline * (1 + drift))
                value = round(min(value, 10.0) if unit == "score" else value, decimals)
            else:
                level = baseline + performance * share**shape * (target - baseline)
                if kind == "percentage":
                    percent = min(100.0, max(0.0, level + rng.gauss(0, 1.0)))
                    denominator = float(max(1, round(typical_denominator * rng.uniform(0.9, 1.1))))
                    numerator = float(round(percent * denominator / 100))
                    value = 100 * numerator / denominator
                elif indicator["accumulation"] == "cumulative":
                    value = max(
                        previous, round(max(0.0, level * (1 + rng.gauss(0, 0.03))), decimals)
                    )
                    previous = value
                else:
                    value = round(max(0.0, level * (1 + rng.gauss(0, 0.07))), decimals)
            plan.reported.add(period_end)
            rows.append(
                {
                    "id": len(rows) + 1,
                    "indicator_id": indicator["id"],
                    "period_end": period_end,
                    "value": value,
                    "numerator": numerator,
                    "denominator": denominator,
                    "text": answer,
                    "source": source,
                    "evidence_level": evidence,
                    "entered_by": plan.row["lead"],
                    "entered_at": self._at(period_end + dt.timedelta(days=rng.randint(5, 40))),
                }
            )

    # Stories and users ----------------------------------------------------------------------------

    def _stories(self, plan: _ProjectPlan) -> None:
        if not plan.reported:
            return
        rng, row = self.rng, plan.row
        reported = sorted(plan.reported)
        templates = SUB_THEME_TEXT[row["sub_theme"]].stories + GENERIC_STORIES
        for title, body in rng.sample(templates, rng.randint(1, 4)):
            period_end = rng.choice(reported)
            values = {"place": plan.place, "name": rng.choice(FIRST_NAMES), "n": rng.randint(6, 60)}
            self.data.stories.append(
                {
                    "id": len(self.data.stories) + 1,
                    "project_id": row["id"],
                    "period_end": period_end,
                    "title": title,
                    "text": body.format(**values),
                    "author": row["lead"],
                    "created_at": self._at(period_end + dt.timedelta(days=rng.randint(3, 30))),
                }
            )

    def _users(self) -> None:
        users, scopes = self.data.users, self.data.user_scopes

        def add_user(login: str, display_name: str, role: str) -> int:
            users.append(
                {
                    "id": len(users) + 1,
                    "login": login,
                    "display_name": display_name,
                    "role": role,
                    "password_hash": None,
                    "active": True,
                    "demo": True,
                    "created_at": self._at(self.epoch + dt.timedelta(days=len(users))),
                }
            )
            return len(users)

        def add_scope(user_id: int, funder_id: int | None, project_id: int | None) -> None:
            scopes.append(
                {
                    "id": len(scopes) + 1,
                    "user_id": user_id,
                    "funder_id": funder_id,
                    "project_id": project_id,
                }
            )

        add_user("admin", "Beheerder", "admin")
        add_user("netwerk", "Lerend netwerk FilantrImpact", "network")
        for index, funder in enumerate(self.data.funders):
            login = DEMO_FUNDER_LOGIN if index == 0 else slug(funder["name"])
            user_id = add_user(login, f"{self._person()} ({funder['name']})", "funder")
            add_scope(user_id, funder["id"], None)
        logins = {user["login"] for user in users}
        for index, project in enumerate(self.data.projects[:5]):
            login = base = DEMO_PROJECT_LOGIN if index == 0 else slug(project["lead"])
            while login in logins:
                login = f"{base}-{project['id']}"
            logins.add(login)
            add_scope(add_user(login, project["lead"], "project"), None, project["id"])


# --- Public API ----------------------------------------------------------------------------------


def generate(
    size: str = "small",
    seed: int = 2026,
    today: dt.date | None = None,
    progress: rollups.Progress | None = None,
) -> DemoData:
    """Demo rows for ``size``; the same seed and ``today`` always give the same rows.
    ``progress("generate", projects done, projects)`` is told along the way."""
    if size not in SIZES:
        raise ValueError(f"unknown demo size {size!r}; choose one of {', '.join(SIZES)}")
    rng = random.Random(seed)
    return _Generator(SIZES[size], rng, today or dt.date.today(), progress).run()


def load(
    engine: Engine,
    data: DemoData,
    chunk_size: int = 20_000,
    progress: rollups.Progress | None = None,
) -> None:
    """Insert ``data`` in one transaction, parents first, as executemany chunks, then fill
    the derived data (data_access.rollups) in the same transaction. The DEMO_ACCOUNTS get
    their demo passwords. ``progress("load", rows done, rows)`` follows the inserts and
    ``progress("derive", steps done, steps)`` the derived data."""
    rows_by_table = {attribute: getattr(data, attribute) for attribute in TABLES}
    rows_by_table["users"] = _demo_users(engine, data.users)  # hashing takes a while: before
    total, done = sum(map(len, rows_by_table.values())), 0
    with engine.begin() as conn:
        for attribute, model in TABLES.items():
            rows = rows_by_table[attribute]
            if rows and not inspect(conn).has_table(model.__tablename__):
                continue  # a database at an older schema, which upgrades fill later
            present = {c["name"] for c in inspect(conn).get_columns(model.__tablename__)}
            if rows and not set(rows[0]) <= present:  # columns of a later schema
                rows = [{k: v for k, v in row.items() if k in present} for row in rows]
            for first in range(0, len(rows), chunk_size):
                chunk = rows[first : first + chunk_size]
                conn.execute(insert(model.__table__), chunk)
                done += len(chunk)
                if progress:
                    progress("load", done, total)
        if conn.dialect.name == "postgresql":
            # Explicit ids leave the sequences behind; later inserts would collide with them.
            quote = conn.dialect.identifier_preparer.quote
            for attribute, model in TABLES.items():
                rows = getattr(data, attribute)
                if rows and "id" in rows[0] and inspect(conn).has_table(model.__tablename__):
                    table = quote(model.__tablename__)
                    conn.execute(
                        text("SELECT setval(pg_get_serial_sequence(:table, 'id'), :last)"),
                        {"table": table, "last": rows[-1]["id"]},
                    )
        rollups.refresh(conn, progress=progress)


def _demo_users(engine: Engine, users: list[dict]) -> list[dict]:
    """The demo accounts as stored: the DEMO_ACCOUNTS ones with their password hashed.

    A database still at a schema without ``user_account.demo`` (filled before an upgrade)
    cannot mark accounts as demo; its accounts then get no password, so none can log in.
    """
    columns = {column["name"] for column in inspect(engine).get_columns(User.__tablename__)}
    if "demo" not in columns:
        return [{k: v for k, v in user.items() if k != "demo"} for user in users]
    return [
        {**user, "password_hash": accounts.hash_password(DEMO_ACCOUNTS[user["login"]])}
        if user.get("demo") and user["login"] in DEMO_ACCOUNTS
        else user
        for user in users
    ]


def seed_demo(
    engine: Engine, size: str = "small", seed: int = 2026, progress: rollups.Progress | None = None
) -> dict[str, int]:
    """Generate and load a demo portfolio; returns the number of rows per table name.
    ``progress(phase, done, total)`` follows the phases generate, load and derive."""
    data = generate(size, seed, progress=progress)
    load(engine, data, progress=progress)
    return {model.__tablename__: len(getattr(data, name)) for name, model in TABLES.items()}
