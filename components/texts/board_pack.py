"""Texts for the board pack (the printable PDF of the Portfolio page): {key: {"nl", "en", "fr"}}."""

TEXTS: dict[str, dict[str, str]] = {
    "pack.button": {
        "nl": "Bestuursmap (PDF)",
        "en": "Board pack (PDF)",
        "fr": "Dossier du conseil (PDF)",
    },
    "pack.button_hint": {
        "nl": "Een PDF om af te drukken op A4: kerncijfers, thema's, veranderingslogica, "
        "financiers en zwakste schakels, met de filters van nu.",
        "en": "A PDF to print on A4: key figures, themes, change logic, funders and weakest "
        "links, with the current filters.",
        "fr": "Un PDF à imprimer en A4 : chiffres clés, thèmes, logique de changement, "
        "bailleurs et maillons faibles, avec les filtres actuels.",
    },
    "pack.filename": {
        "nl": "filantrimpact-bestuursmap-{date}.pdf",
        "en": "filantrimpact-board-pack-{date}.pdf",
        "fr": "filantrimpact-dossier-conseil-{date}.pdf",
    },
    "pack.ready": {
        "nl": "De bestuursmap is klaar ({pages} pagina's).",
        "en": "The board pack is ready ({pages} pages).",
        "fr": "Le dossier du conseil est prêt ({pages} pages).",
    },
    "pack.no_browser": {
        "nl": "De bestuursmap kon niet worden gemaakt: de server heeft Chromium nodig om de "
        "grafieken te tekenen. Meld het aan de beheerder.",
        "en": "The board pack could not be made: the server needs Chromium to draw the charts. "
        "Tell the administrator.",
        "fr": "Le dossier du conseil n'a pas pu être créé : le serveur a besoin de Chromium pour "
        "dessiner les graphiques. Prévenez l'administrateur.",
    },
    "pack.title": {
        "nl": "Bestuursmap",
        "en": "Board pack",
        "fr": "Dossier du conseil",
    },
    "pack.made_on": {
        "nl": "Gemaakt op {date}",
        "en": "Made on {date}",
        "fr": "Établi le {date}",
    },
    "pack.as_of": {
        "nl": "Stand van zaken op {date}",
        "en": "Status as of {date}",
        "fr": "Situation au {date}",
    },
    "pack.as_of_label": {
        "nl": "Stand van zaken op",
        "en": "Status as of",
        "fr": "Situation au",
    },
    "pack.for": {"nl": "Voor", "en": "For", "fr": "Pour"},
    "pack.filters": {"nl": "Filters", "en": "Filters", "fr": "Filtres"},
    "pack.filters_none": {
        "nl": "geen: alle projecten die u mag zien",
        "en": "none: every project you may see",
        "fr": "aucun : tous les projets que vous pouvez voir",
    },
    "pack.filter_item": {
        "nl": "{name}: {values}",
        "en": "{name}: {values}",
        "fr": "{name} : {values}",
    },
    "pack.period_from": {"nl": "vanaf {year}", "en": "from {year}", "fr": "à partir de {year}"},
    "pack.period_to": {"nl": "tot en met {year}", "en": "up to {year}", "fr": "jusqu'en {year}"},
    "pack.not_used": {
        "nl": "Niet gebruikt (niet in uw bereik): financier {value}.",
        "en": "Not used (outside what you may see): funder {value}.",
        "fr": "Non utilisé (hors de votre périmètre) : bailleur {value}.",
    },
    "pack.scope.admin": {
        "nl": "beheerder: alle projecten in detail",
        "en": "administrator: every project in detail",
        "fr": "administrateur : tous les projets en détail",
    },
    "pack.scope.funder": {
        "nl": "financier {funders}: de eigen projecten in detail; wat met het netwerk gedeeld "
        "is enkel in totalen",
        "en": "funder {funders}: its own projects in detail; what is shared with the network "
        "in totals only",
        "fr": "bailleur {funders} : ses propres projets en détail ; ce qui est partagé avec le "
        "réseau en totaux seulement",
    },
    "pack.scope.project": {
        "nl": "projectleider: de eigen projecten in detail; gedeelde projecten enkel in totalen",
        "en": "project lead: own projects in detail; shared projects in totals only",
        "fr": "responsable de projet : ses projets en détail ; les projets partagés en totaux "
        "seulement",
    },
    "pack.scope.network": {
        "nl": "het lerend netwerk: enkel wat met het netwerk gedeeld is, in totalen",
        "en": "the learning network: only what is shared with the network, in totals",
        "fr": "le réseau apprenant : seulement ce qui est partagé avec le réseau, en totaux",
    },
    "pack.page": {
        "nl": "pagina {page}",
        "en": "page {page}",
        "fr": "page {page}",
    },
    # sections
    "pack.section.key_figures": {"nl": "Kerncijfers", "en": "Key figures", "fr": "Chiffres clés"},
    "pack.section.themes": {
        "nl": "Impact per thema",
        "en": "Impact by theme",
        "fr": "Impact par thème",
    },
    "pack.section.change_logic": {
        "nl": "Veranderingslogica",
        "en": "Change logic",
        "fr": "Logique de changement",
    },
    "pack.section.funders": {
        "nl": "Financiers naast elkaar",
        "en": "Funders side by side",
        "fr": "Bailleurs côte à côte",
    },
    "pack.section.weak": {
        "nl": "Zwakste schakels",
        "en": "Weakest links",
        "fr": "Maillons les plus faibles",
    },
    "pack.section.how": {
        "nl": "Zo leest u deze map",
        "en": "How to read this",
        "fr": "Comment lire ce dossier",
    },
    # captions under the charts
    "pack.caption.timeline": {
        "nl": "Gemiddelde vooruitgang per kwartaal en thema: de volle lijn is gerealiseerd, "
        "de stippellijn is wat tegen dan verwacht werd.",
        "en": "Average progress per quarter and theme: the solid line is realised, the dotted "
        "line what was expected by then.",
        "fr": "Progrès moyen par trimestre et thème : la ligne pleine est réalisée, la ligne "
        "pointillée ce qui était attendu à ce moment.",
    },
    "pack.caption.themes": {
        "nl": "Elk vlak is een subthema: hoe groter, hoe meer steun; hoe donkerder blauw, hoe "
        "verder gevorderd (grijs: nog geen meting of te weinig projecten om te tonen).",
        "en": "Each tile is a sub-theme: the larger, the more money; the darker blue, the "
        "further along (grey: not measured yet, or too few projects to show).",
        "fr": "Chaque case est un sous-thème : plus elle est grande, plus le soutien est élevé ; "
        "plus le bleu est foncé, plus le progrès est avancé (gris : pas encore mesuré, ou trop "
        "peu de projets pour être affiché).",
    },
    "pack.caption.status": {
        "nl": "Aandeel van de indicatoren per status, per thema; de getallen zijn aantallen "
        "indicatoren.",
        "en": "Share of the indicators in each status, per theme; the numbers count indicators.",
        "fr": "Part des indicateurs par statut, par thème ; les nombres comptent des indicateurs.",
    },
    "pack.caption.stages": {
        "nl": "Per fase van middelen tot impact: de gemiddelde vooruitgang (gerealiseerd) naast "
        "wat tegen deze datum verwacht werd (gewenst).",
        "en": "Per stage from input to impact: the average progress (realised) next to what was "
        "expected by this date (desired).",
        "fr": "Par étape, des moyens à l'impact : le progrès moyen (réalisé) à côté de ce qui "
        "était attendu à cette date (souhaité).",
    },
    "pack.caption.evidence": {
        "nl": "Hoe stevig elke fase onderbouwd is: door onderzoek, door praktijkervaring, of "
        "enkel door een aanname.",
        "en": "How firmly each stage is grounded: in research, in practice, or on an assumption "
        "only.",
        "fr": "Solidité du fondement de chaque étape : la recherche, la pratique, ou une simple "
        "hypothèse.",
    },
    "pack.caption.money": {
        "nl": "Toegekende steun per financier, met het aantal gesteunde projecten.",
        "en": "Money granted per funder, with the number of projects supported.",
        "fr": "Soutien accordé par bailleur, avec le nombre de projets soutenus.",
    },
    "pack.caption.outcomes": {
        "nl": "Bereikte personen per € 1.000 steun: een project met meerdere financiers telt "
        "voor elk naar zijn aandeel in het geld.",
        "en": "People reached per € 1,000 granted: a co-funded project counts for each funder by "
        "its share of the money.",
        "fr": "Personnes atteintes par 1 000 € accordés : un projet cofinancé compte pour chaque "
        "bailleur selon sa part de l'argent.",
    },
    "pack.funders_note": {
        "nl": "Alle thema's, regio's en jaren, zoals op de pagina Financiers; {count} financiers.",
        "en": "All themes, regions and years, as on the Funders page; {count} funders.",
        "fr": "Tous les thèmes, régions et années, comme sur la page Bailleurs ; {count} "
        "bailleurs.",
    },
    "pack.funders_largest": {
        "nl": "De {shown} financiers met de meeste projecten van {total}; de pagina "
        "Financiers toont ze allemaal.",
        "en": "The {shown} funders with the most projects, of {total}; the Funders page shows "
        "them all.",
        "fr": "Les {shown} bailleurs avec le plus de projets, sur {total} ; la page Bailleurs "
        "les montre tous.",
    },
    # key figures
    "pack.figure": {"nl": "Cijfer", "en": "Figure", "fr": "Chiffre"},
    "pack.value": {"nl": "Waarde", "en": "Value", "fr": "Valeur"},
    "pack.note": {"nl": "Toelichting", "en": "Note", "fr": "Précision"},
    "pack.status_count": {"nl": "Aantal", "en": "Count", "fr": "Nombre"},
    "pack.status_share": {"nl": "Aandeel", "en": "Share", "fr": "Part"},
    # weakest links
    "pack.weak.status": {"nl": "Status", "en": "Status", "fr": "Statut"},
    "pack.weak.status_value": {
        "nl": "{status}: {behind} van {indicators} indicatoren achter, tot {gap} procentpunt",
        "en": "{status}: {behind} of {indicators} indicators behind, up to {gap} points",
        "fr": "{status} : {behind} indicateurs sur {indicators} en retard, jusqu'à {gap} points",
    },
    # how to read this
    "pack.how.progress": {
        "nl": "Vooruitgang van een indicator = (laatste meting − nulmeting) / (streefwaarde − "
        "nulmeting). Gemiddelden tellen elke indicator voor hoogstens 100 %, zodat één "
        "overtroffen doel de rest niet verbergt.",
        "en": "An indicator's progress = (latest − baseline) / (target − baseline). Averages "
        "count each indicator at most 100 %, so that one exceeded target does not hide the rest.",
        "fr": "Progrès d'un indicateur = (dernière mesure − référence) / (cible − référence). "
        "Les moyennes comptent chaque indicateur pour 100 % au plus, afin qu'un objectif dépassé "
        "ne cache pas les autres.",
    },
    "pack.how.status": {
        "nl": "Status: behaald (≥ 100 %), op schema (hoogstens 10 punten onder het verwachte), "
        "risico (hoogstens 25 punten eronder), achter (verder eronder), geen meting. Verwacht = "
        "het deel van de tijd tussen nulmeting en streefdatum dat verstreken is.",
        "en": "Status: achieved (≥ 100 %), on track (at most 10 points below expected), at risk "
        "(at most 25 points below), off track (further below), no data. Expected = the share of "
        "the time from baseline to target date that has passed.",
        "fr": "Statut : atteint (≥ 100 %), en bonne voie (10 points au plus sous l'attendu), à "
        "risque (25 points au plus en dessous), en retard (plus bas), pas de mesure. Attendu = "
        "la part écoulée du temps entre la référence et la date cible.",
    },
    "pack.how.suppression": {
        "nl": "Kleine aantallen: wie projecten enkel in totalen mag zien (het netwerk, een "
        "financier die naar andere financiers kijkt) krijgt geen cijfer over minder dan 3 "
        "projecten, en ook niets waaruit zo'n cijfer af te leiden is ('{suppressed}').",
        "en": "Small numbers: whoever may see projects in totals only (the network, a funder "
        "looking at other funders) gets no figure about fewer than 3 projects, nor anything "
        "from which such a figure could be worked out ('{suppressed}').",
        "fr": "Petits nombres : qui ne peut voir des projets qu'en totaux (le réseau, un "
        "bailleur qui regarde d'autres bailleurs) ne reçoit aucun chiffre sur moins de 3 projets, "
        "ni rien qui permette de le déduire (« {suppressed} »).",
    },
    "pack.how.dates": {
        "nl": "Datums: de cijfers gelden op {as_of} (het einde van de gekozen periode, of "
        "vandaag); de map werd gemaakt op {made}. Bedragen in euro, datums als dag/maand/jaar.",
        "en": "Dates: the figures hold on {as_of} (the end of the chosen period, or today); the "
        "pack was made on {made}. Amounts in euro, dates as day/month/year.",
        "fr": "Dates : les chiffres valent au {as_of} (la fin de la période choisie, ou "
        "aujourd'hui) ; le dossier a été établi le {made}. Montants en euros, dates en "
        "jour/mois/année.",
    },
}
