"""Texts for the Funders page and the "since" sections: {key: {"nl", "en", "fr"}}."""

TEXTS: dict[str, dict[str, str]] = {
    "nav.funders": {"nl": "Financiers", "en": "Funders", "fr": "Bailleurs"},
    "funders.title": {
        "nl": "Financiers naast elkaar",
        "en": "Funders side by side",
        "fr": "Bailleurs côte à côte",
    },
    "funders.subtitle": {
        "nl": "Stand van zaken op {date}: {count} financiers gekozen.",
        "en": "Status as of {date}: {count} funders chosen.",
        "fr": "Situation au {date} : {count} bailleurs choisis.",
    },
    "funders.pick": {
        "nl": "Financiers om te vergelijken",
        "en": "Funders to compare",
        "fr": "Bailleurs à comparer",
    },
    "funders.pick_hint": {
        "nl": "Leeg = de financiers met de meeste steun, tot {count} (of alle, met de schakelaar).",
        "en": "Empty = the funders with the most money granted, up to {count} (or all, with the"
        " switch).",
        "fr": "Vide = les bailleurs ayant accordé le plus, jusqu'à {count} (ou tous, avec"
        " l'interrupteur).",
    },
    "funders.show_all": {
        "nl": "Toon alle financiers die u mag zien",
        "en": "Show every funder you may see",
        "fr": "Afficher tous les bailleurs visibles pour vous",
    },
    "funders.subtitle_top": {
        "nl": "Stand van zaken op {date}: de {count} financiers met de meeste steun, van de "
        "{total} die u mag zien. Kies zelf andere of toon ze allemaal.",
        "en": "Status as of {date}: the {count} funders with the most money granted, of the "
        "{total} you may see. Choose others or show them all.",
        "fr": "Situation au {date} : les {count} bailleurs ayant accordé le plus, sur les "
        "{total} visibles pour vous. Choisissez-en d'autres ou affichez-les tous.",
    },
    "funders.subtitle_top_own": {
        "nl": "Stand van zaken op {date}: uw eigen financiers en de andere met de meeste steun, "
        "{count} van de {total} die u mag zien. Kies zelf andere of toon ze allemaal.",
        "en": "Status as of {date}: your own funders and the others with the most money "
        "granted, {count} of the {total} you may see. Choose others or show them all.",
        "fr": "Situation au {date} : vos propres bailleurs et les autres ayant accordé le plus, "
        "{count} sur les {total} visibles pour vous. Choisissez-en d'autres ou affichez-les tous.",
    },
    "funders.anonymous": {"nl": "Financier {code}", "en": "Funder {code}", "fr": "Bailleur {code}"},
    "funders.own": {"nl": "(eigen)", "en": "(yours)", "fr": "(le vôtre)"},
    "funders.rules_title": {
        "nl": "Hoe we rekenen",
        "en": "How we count",
        "fr": "Comment nous calculons",
    },
    "funders.rule_share": {
        "nl": "Cofinanciering: de resultaten van een project met meerdere financiers (bereikte "
        "personen, resultaat per € 1.000) tellen voor elke financier naar zijn aandeel in het "
        "geld van dat project. Aantallen projecten en de mix van thema's, status, schakels en "
        "onderbouwing tellen elk gesteund project één keer per financier.",
        "en": "Co-funding: the results of a project with several funders (people reached, "
        "result per € 1,000) count for each funder by its share of that project's money. "
        "Project counts and the theme, status, stage and evidence mixes count each supported "
        "project once per funder.",
        "fr": "Cofinancement : les résultats d'un projet à plusieurs bailleurs (personnes "
        "atteintes, résultat par 1 000 €) comptent pour chaque bailleur selon sa part de "
        "l'argent du projet. Les nombres de projets et les répartitions par thème, statut, "
        "étape et fondement comptent chaque projet soutenu une fois par bailleur.",
    },
    "funders.rule_network": {
        "nl": "Andere financiers ziet u zoals het netwerk ze ziet: alleen projecten die met het "
        "netwerk gedeeld zijn, geen cijfer over minder dan 3 projecten, en een naam alleen als "
        "de financier daarmee instemde (anders 'Financier A', 'Financier B', …).",
        "en": "Other funders appear as the network sees them: only projects shared with the "
        "network, no figure about fewer than 3 projects, and a name only where the funder "
        "agreed (else 'Funder A', 'Funder B', …).",
        "fr": "Les autres bailleurs apparaissent comme le réseau les voit : seulement les projets "
        "partagés avec le réseau, aucun chiffre sur moins de 3 projets, et un nom seulement si "
        "le bailleur l'a accepté (sinon « Bailleur A », « Bailleur B », …).",
    },
    "funders.money.title": {
        "nl": "Toegekende steun en aantal projecten",
        "en": "Money granted and number of projects",
        "fr": "Soutien accordé et nombre de projets",
    },
    "funders.money.text": {
        "nl": "{money} · {projects} projecten",
        "en": "{money} · {projects} projects",
        "fr": "{money} · {projects} projets",
    },
    "funders.themes.title": {
        "nl": "Themamix (aandeel in het geld)",
        "en": "Theme mix (share of the money)",
        "fr": "Répartition par thème (part de l'argent)",
    },
    "funders.status.title": {
        "nl": "Status van de indicatoren en gemiddelde vooruitgang",
        "en": "Indicator status and average progress",
        "fr": "Statut des indicateurs et progrès moyen",
    },
    "funders.stages.title": {
        "nl": "Gemiddelde vooruitgang per schakel van de veranderingslogica",
        "en": "Average progress per change-logic stage",
        "fr": "Progrès moyen par étape de la logique de changement",
    },
    "funders.evidence.title": {
        "nl": "Onderbouwing van de veranderingslogica (aandeel van de stappen)",
        "en": "How the change logic is grounded (share of the steps)",
        "fr": "Fondement de la logique de changement (part des étapes)",
    },
    "funders.trend.title": {
        "nl": "Vooruitgang per kwartaal",
        "en": "Progress per quarter",
        "fr": "Progrès par trimestre",
    },
    "funders.trend.note": {
        "nl": "De {count} grootste gekozen financiers; kies minder financiers om andere te zien.",
        "en": "The {count} largest chosen funders; choose fewer to see others.",
        "fr": "Les {count} plus grands bailleurs choisis ; choisissez-en moins pour en voir d'autres.",
    },
    "funders.outcomes.title": {
        "nl": "Bereikte personen per € 1.000 steun",
        "en": "People reached per € 1,000 granted",
        "fr": "Personnes atteintes par 1 000 € accordés",
    },
    "funders.outcomes.note": {
        "nl": "Alleen indicatoren in personen die opgeteld mogen worden, naar het aandeel in het "
        "geld; gedeeld door de steun aan de projecten die personen tellen.",
        "en": "Only indicators in persons that may be added up, by share of the money; divided "
        "by the money granted to the projects that count people.",
        "fr": "Seulement les indicateurs en personnes additionnables, selon la part de l'argent ; "
        "divisé par le soutien aux projets qui comptent des personnes.",
    },
    "funders.outcomes.hover": {
        "nl": "{people} personen toegerekend · {money} · {projects} projecten",
        "en": "{people} people attributed · {money} · {projects} projects",
        "fr": "{people} personnes attribuées · {money} · {projects} projets",
    },
    "funders.pairs.title": {
        "nl": "Cofinanciering: gedeelde projecten",
        "en": "Co-funding: shared projects",
        "fr": "Cofinancement : projets partagés",
    },
    "funders.pairs.note": {
        "nl": "Elke cel: het aantal projecten dat beide financiers steunen, en wat de financier "
        "van de rij erin stak. Klik op een cel voor de projecten die u mag zien.",
        "en": "Each cell: the projects both funders support, and what the row's funder put into "
        "them. Click a cell for the projects you may see.",
        "fr": "Chaque cellule : les projets soutenus par les deux bailleurs, et ce que le bailleur "
        "de la ligne y a mis. Cliquez pour voir les projets accessibles.",
    },
    "funders.pairs.limited": {
        "nl": "De {count} financiers met de meeste gedeelde projecten.",
        "en": "The {count} funders with the most shared projects.",
        "fr": "Les {count} bailleurs avec le plus de projets partagés.",
    },
    "funders.pairs.none": {
        "nl": "Geen gedeelde projecten tussen de gekozen financiers.",
        "en": "No shared projects between the chosen funders.",
        "fr": "Aucun projet partagé entre les bailleurs choisis.",
    },
    "funders.pair.title": {
        "nl": "Projecten van {first} en {second}",
        "en": "Projects of {first} and {second}",
        "fr": "Projets de {first} et {second}",
    },
    "funders.pair.aggregate_only": {
        "nl": "U ziet deze projecten alleen samengeteld, niet per project.",
        "en": "You see these projects only in aggregate, not one by one.",
        "fr": "Vous ne voyez ces projets qu'en agrégé, pas un par un.",
    },
    "funders.pair.close": {"nl": "Sluiten", "en": "Close", "fr": "Fermer"},
    "funders.none": {
        "nl": "Er zijn geen financiers die u kunt vergelijken.",
        "en": "There are no funders you can compare.",
        "fr": "Il n'y a aucun bailleur à comparer.",
    },
    # Own keys (not "stage.x"): the change-logic page may bring its own labels.
    "funders.basis.research": {"nl": "Onderzoek", "en": "Research", "fr": "Recherche"},
    "funders.basis.practice": {"nl": "Praktijkervaring", "en": "Practice", "fr": "Pratique"},
    "funders.basis.assumption": {"nl": "Aanname", "en": "Assumption", "fr": "Hypothèse"},
    "funders.stage.input": {"nl": "Middelen", "en": "Input", "fr": "Ressources"},
    "funders.stage.activity": {"nl": "Activiteiten", "en": "Activities", "fr": "Activités"},
    "funders.stage.output": {"nl": "Prestaties", "en": "Outputs", "fr": "Réalisations"},
    "funders.stage.outcome": {"nl": "Effecten", "en": "Outcomes", "fr": "Effets"},
    "funders.stage.impact": {"nl": "Impact", "en": "Impact", "fr": "Impact"},
    # --- since the last meeting --------------------------------------------------------------
    "since.title": {
        "nl": "Sinds de vorige vergadering",
        "en": "Since the last meeting",
        "fr": "Depuis la dernière réunion",
    },
    "since.label": {"nl": "Sinds", "en": "Since", "fr": "Depuis"},
    "since.subtitle": {
        "nl": "Wat veranderde tussen {since} en {today}.",
        "en": "What changed between {since} and {today}.",
        "fr": "Ce qui a changé entre le {since} et le {today}.",
    },
    "since.achieved": {
        "nl": "indicatoren nieuw behaald",
        "en": "indicators newly achieved",
        "fr": "indicateurs nouvellement atteints",
    },
    "since.slipped": {
        "nl": "indicatoren afgegleden naar risico of achterstand",
        "en": "indicators slipped to at risk or off track",
        "fr": "indicateurs glissés vers à risque ou en retard",
    },
    "since.measurements": {
        "nl": "nieuwe metingen",
        "en": "new measurements",
        "fr": "nouvelles mesures",
    },
    "since.stories": {"nl": "nieuwe verhalen", "en": "new stories", "fr": "nouveaux récits"},
    "since.started": {
        "nl": "projecten gestart",
        "en": "projects started",
        "fr": "projets démarrés",
    },
    "since.finished": {
        "nl": "projecten afgerond",
        "en": "projects finished",
        "fr": "projets terminés",
    },
    "since.in_projects": {
        "nl": "in {projects} projecten",
        "en": "in {projects} projects",
        "fr": "dans {projects} projets",
    },
    "since.list": {
        "nl": "Toon de projecten ({count})",
        "en": "Show the projects ({count})",
        "fr": "Afficher les projets ({count})",
    },
    "since.list_top": {
        "nl": "Toon de {count} projecten met de meeste veranderingen (van {total})",
        "en": "Show the {count} projects with the most changes (of {total})",
        "fr": "Afficher les {count} projets avec le plus de changements (sur {total})",
    },
    "since.list_aggregate": {
        "nl": "Alleen samengeteld: minder dan 3 projecten wordt niet getoond.",
        "en": "In aggregate only: fewer than 3 projects is not shown.",
        "fr": "En agrégé seulement : moins de 3 projets n'est pas affiché.",
    },
    "since.project": {"nl": "Project", "en": "Project", "fr": "Projet"},
    "since.what": {"nl": "Wat veranderde", "en": "What changed", "fr": "Ce qui a changé"},
    "since.bad_date": {
        "nl": "Niet gebruikt uit de link: since={value} (geen datum); drie maanden terug genomen.",
        "en": "Not used from the link: since={value} (not a date); took three months ago.",
        "fr": "Non utilisé depuis le lien : since={value} (pas une date) ; il y a trois mois.",
    },
}
