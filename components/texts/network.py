"""Texts for the Network page and its presentation mode: {key: {"nl", "en", "fr"}}."""

TEXTS: dict[str, dict[str, str]] = {
    "nav.network": {"nl": "Netwerk", "en": "Network", "fr": "Réseau"},
    "network.title": {
        "nl": "Het netwerk: gedeelde vooruitgang",
        "en": "The network: shared progress",
        "fr": "Le réseau : progrès partagés",
    },
    "network.subtitle": {
        "nl": "Alles wat met het netwerk gedeeld is, op {date}; geen cijfer over minder dan 3 "
        "projecten, financiers alleen met naam als ze dat wilden.",
        "en": "Everything shared with the network, as of {date}; no figure about fewer than 3 "
        "projects, funders named only where they agreed.",
        "fr": "Tout ce qui est partagé avec le réseau, au {date} ; aucun chiffre sur moins de 3 "
        "projets, bailleurs nommés seulement s'ils l'ont accepté.",
    },
    "network.projects": {"nl": "Projecten", "en": "Projects", "fr": "Projets"},
    "network.funders": {"nl": "Financiers", "en": "Funders", "fr": "Bailleurs"},
    "network.money": {"nl": "Toegekende steun", "en": "Money granted", "fr": "Soutien accordé"},
    "network.people": {
        "nl": "Bereikte personen",
        "en": "People reached",
        "fr": "Personnes atteintes",
    },
    "network.progress": {
        "nl": "Gemiddelde vooruitgang",
        "en": "Average progress",
        "fr": "Progrès moyen",
    },
    "network.stages.title": {
        "nl": "Vooruitgang langs de veranderingslogica: gerealiseerd en verwacht",
        "en": "Progress along the change logic: realised and expected",
        "fr": "Progrès le long de la logique de changement : réalisé et attendu",
    },
    "network.realised": {"nl": "Gerealiseerd", "en": "Realised", "fr": "Réalisé"},
    "network.expected": {"nl": "Verwacht", "en": "Expected", "fr": "Attendu"},
    "network.funders.title": {
        "nl": "Financiers samen",
        "en": "Funders together",
        "fr": "Bailleurs ensemble",
    },
    "network.funders.text": {
        "nl": "{funders} financiers steunen samen {projects} projecten; {co_funded} daarvan "
        "hebben meer dan één financier.",
        "en": "{funders} funders together support {projects} projects; {co_funded} of them "
        "have more than one funder.",
        "fr": "{funders} bailleurs soutiennent ensemble {projects} projets ; {co_funded} d'entre "
        "eux ont plus d'un bailleur.",
    },
    "network.funders.named": {
        "nl": "Met naam: {names}. {anonymous} andere financiers blijven anoniem.",
        "en": "By name: {names}. {anonymous} other funders remain anonymous.",
        "fr": "Nommés : {names}. {anonymous} autres bailleurs restent anonymes.",
    },
    "network.stories.title": {
        "nl": "Verhalen uit de projecten",
        "en": "Stories from the projects",
        "fr": "Récits des projets",
    },
    "network.stories.none": {
        "nl": "Nog geen verhalen van gedeelde projecten.",
        "en": "No stories from shared projects yet.",
        "fr": "Pas encore de récits de projets partagés.",
    },
    "network.present": {
        "nl": "Presentatie starten",
        "en": "Start presentation",
        "fr": "Lancer la présentation",
    },
    "network.present_slides": {"nl": "Dia's", "en": "Slides", "fr": "Diapositives"},
    "network.present_timer": {
        "nl": "Automatisch verder (seconden, leeg = met de hand)",
        "en": "Advance automatically (seconds, empty = by hand)",
        "fr": "Avancer automatiquement (secondes, vide = à la main)",
    },
    "network.present_hint": {
        "nl": "De link bewaart de volgorde van de dia's: kopieer hem voor de projector.",
        "en": "The link keeps the slide sequence: copy it for the projector.",
        "fr": "Le lien garde l'ordre des diapositives : copiez-le pour le projecteur.",
    },
    "slide.headline": {"nl": "Kerncijfers", "en": "Headline figures", "fr": "Chiffres clés"},
    "slide.themes": {"nl": "Thema's", "en": "Themes", "fr": "Thèmes"},
    "slide.logic": {
        "nl": "Veranderingslogica",
        "en": "Change logic",
        "fr": "Logique de changement",
    },
    "slide.funders": {
        "nl": "Financiers samen",
        "en": "Funders together",
        "fr": "Bailleurs ensemble",
    },
    "slide.stories": {"nl": "Verhalen", "en": "Stories", "fr": "Récits"},
    "slide.since": {
        "nl": "Sinds de vorige keer",
        "en": "Since last time",
        "fr": "Depuis la dernière fois",
    },
    "slide.headline.message": {
        "nl": "Samen bereikten we {people} mensen",
        "en": "Together we reached {people} people",
        "fr": "Ensemble, nous avons atteint {people} personnes",
    },
    "slide.headline.message_plain": {
        "nl": "Samen steunen we {projects} projecten",
        "en": "Together we support {projects} projects",
        "fr": "Ensemble, nous soutenons {projects} projets",
    },
    "slide.themes.message": {
        "nl": "Vooruitgang per thema",
        "en": "Progress per theme",
        "fr": "Progrès par thème",
    },
    "slide.logic.message": {
        "nl": "Van middelen tot impact",
        "en": "From input to impact",
        "fr": "Des ressources à l'impact",
    },
    "slide.since.message": {
        "nl": "Sinds {since}",
        "en": "Since {since}",
        "fr": "Depuis le {since}",
    },
    "slide.achieved_share": {
        "nl": "{share} van de indicatoren behaald",
        "en": "{share} of the indicators achieved",
        "fr": "{share} des indicateurs atteints",
    },
    "slide.projects_note": {
        "nl": "{projects} projecten",
        "en": "{projects} projects",
        "fr": "{projects} projets",
    },
    "slide.expected_note": {
        "nl": "verwacht {expected}",
        "en": "expected {expected}",
        "fr": "attendu {expected}",
    },
    "present.keys": {
        "nl": "→ of spatie: volgende · ←: vorige · F: volledig scherm · Esc: verlaten",
        "en": "→ or space: next · ←: previous · F: full screen · Esc: leave",
        "fr": "→ ou espace : suivante · ← : précédente · F : plein écran · Échap : quitter",
    },
    "present.fullscreen": {"nl": "Volledig scherm", "en": "Full screen", "fr": "Plein écran"},
    "present.exit": {"nl": "Verlaten", "en": "Leave", "fr": "Quitter"},
    "present.title": {"nl": "Presentatie", "en": "Presentation", "fr": "Présentation"},
    "present.counter": {"nl": "{n} / {total}", "en": "{n} / {total}", "fr": "{n} / {total}"},
}
