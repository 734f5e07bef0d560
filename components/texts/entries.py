"""Texts for entries: {key: {"nl": ..., "en": ..., "fr": ...}}.

The "My projects" page, the names of the fields people fill in, and why a value was refused
(``data_access.validation`` and ``data_access.entries`` name these keys in their problems).
"""

TEXTS: dict[str, dict[str, str]] = {
    # --- the page ------------------------------------------------------------------------
    "my_projects.measurement_title": {
        "nl": "Nieuwe meting",
        "en": "New measurement",
        "fr": "Nouvelle mesure",
    },
    "my_projects.indicator": {"nl": "Indicator", "en": "Indicator", "fr": "Indicateur"},
    "my_projects.indicator_placeholder": {
        "nl": "Kies een indicator",
        "en": "Choose an indicator",
        "fr": "Choisissez un indicateur",
    },
    "my_projects.hint_number": {
        "nl": "Eenheid: {unit}. Nulmeting {baseline}, streefwaarde {target}.",
        "en": "Unit: {unit}. Baseline {baseline}, target {target}.",
        "fr": "Unité : {unit}. Valeur de départ {baseline}, valeur cible {target}.",
    },
    "my_projects.hint_percentage": {
        "nl": "Een percentage: geef het aantal (teller) en het totaal (noemer), bv. 42 van 60. Nulmeting {baseline} %, streefwaarde {target} %.",
        "en": "A percentage: give the count (numerator) and the total (denominator), e.g. 42 of 60. Baseline {baseline} %, target {target} %.",
        "fr": "Un pourcentage : indiquez le nombre (numérateur) et le total (dénominateur), p. ex. 42 sur 60. Valeur de départ {baseline} %, valeur cible {target} %.",
    },
    "my_projects.hint_qualitative": {
        "nl": "Een beschrijvende indicator: beschrijf in een paar zinnen wat u zag.",
        "en": "A descriptive indicator: describe in a few sentences what you saw.",
        "fr": "Un indicateur descriptif : décrivez en quelques phrases ce que vous avez constaté.",
    },
    "my_projects.period_end": {
        "nl": "Einde van de periode",
        "en": "End of the period",
        "fr": "Fin de la période",
    },
    "my_projects.value": {"nl": "Waarde", "en": "Value", "fr": "Valeur"},
    "my_projects.value_help": {
        "nl": "Bijvoorbeeld 1.234,5 of 1234.5",
        "en": "For example 1.234,5 or 1234.5",
        "fr": "Par exemple 1.234,5 ou 1234.5",
    },
    "my_projects.numerator": {
        "nl": "Aantal (teller)",
        "en": "Count (numerator)",
        "fr": "Nombre (numérateur)",
    },
    "my_projects.denominator": {
        "nl": "Totaal (noemer)",
        "en": "Total (denominator)",
        "fr": "Total (dénominateur)",
    },
    "my_projects.text": {"nl": "Beschrijving", "en": "Description", "fr": "Description"},
    "my_projects.source": {
        "nl": "Bron (niet verplicht)",
        "en": "Source (optional)",
        "fr": "Source (facultatif)",
    },
    "my_projects.source_help": {
        "nl": "Bijvoorbeeld: aanwezigheidslijsten, enquête deelnemers",
        "en": "For example: attendance lists, participant survey",
        "fr": "Par exemple : listes de présence, enquête auprès des participants",
    },
    "my_projects.save": {
        "nl": "Meting opslaan",
        "en": "Save measurement",
        "fr": "Enregistrer la mesure",
    },
    "my_projects.story_section": {
        "nl": "Nieuw verhaal",
        "en": "New story",
        "fr": "Nouveau récit",
    },
    "my_projects.story_title": {"nl": "Titel", "en": "Title", "fr": "Titre"},
    "my_projects.story_text": {"nl": "Verhaal", "en": "Story", "fr": "Récit"},
    "my_projects.save_story": {
        "nl": "Verhaal opslaan",
        "en": "Save story",
        "fr": "Enregistrer le récit",
    },
    "my_projects.recent_measurements": {
        "nl": "Laatst ingevoerde metingen",
        "en": "Latest measurements entered",
        "fr": "Dernières mesures saisies",
    },
    "my_projects.recent_stories": {
        "nl": "Laatste verhalen",
        "en": "Latest stories",
        "fr": "Derniers récits",
    },
    "my_projects.no_measurements": {
        "nl": "Nog geen metingen voor dit project.",
        "en": "No measurements for this project yet.",
        "fr": "Pas encore de mesures pour ce projet.",
    },
    "my_projects.no_stories": {
        "nl": "Nog geen verhalen voor dit project.",
        "en": "No stories for this project yet.",
        "fr": "Pas encore de récits pour ce projet.",
    },
    "my_projects.period": {
        "nl": "periode tot {date}",
        "en": "period to {date}",
        "fr": "période jusqu'au {date}",
    },
    "my_projects.entered": {
        "nl": "ingevoerd door {who} op {date}",
        "en": "entered by {who} on {date}",
        "fr": "saisi par {who} le {date}",
    },
    "my_projects.written": {
        "nl": "door {who}, periode tot {date}",
        "en": "by {who}, period to {date}",
        "fr": "par {who}, période jusqu'au {date}",
    },
    "my_projects.source_shown": {
        "nl": "bron: {source}",
        "en": "source: {source}",
        "fr": "source : {source}",
    },
    "my_projects.saved_measurement": {
        "nl": "Opgeslagen: {indicator}, periode tot {date}: {value}.",
        "en": "Saved: {indicator}, period to {date}: {value}.",
        "fr": "Enregistré : {indicator}, période jusqu'au {date} : {value}.",
    },
    "my_projects.saved_story": {
        "nl": "Verhaal opgeslagen: «{title}», periode tot {date}.",
        "en": "Story saved: “{title}”, period to {date}.",
        "fr": "Récit enregistré : « {title} », période jusqu'au {date}.",
    },
    "my_projects.not_saved": {
        "nl": "Niets opgeslagen. Pas dit aan en probeer opnieuw:",
        "en": "Nothing was saved. Please correct this and try again:",
        "fr": "Rien n'a été enregistré. Corrigez ceci et réessayez :",
    },
    "my_projects.problem_line": {
        "nl": "{field}: «{value}»: {reason}",
        "en": "{field}: “{value}”: {reason}",
        "fr": "{field} : « {value} » : {reason}",
    },
    "my_projects.problem_line_empty": {
        "nl": "{field}: {reason}",
        "en": "{field}: {reason}",
        "fr": "{field} : {reason}",
    },
    # --- the fields, as problems name them ----------------------------------------------
    "entries.field.project": {"nl": "Project", "en": "Project", "fr": "Projet"},
    "entries.field.indicator": {"nl": "Indicator", "en": "Indicator", "fr": "Indicateur"},
    "entries.field.period_end": {
        "nl": "Einde van de periode",
        "en": "End of the period",
        "fr": "Fin de la période",
    },
    "entries.field.value": {"nl": "Waarde", "en": "Value", "fr": "Valeur"},
    "entries.field.numerator": {"nl": "Teller", "en": "Numerator", "fr": "Numérateur"},
    "entries.field.denominator": {"nl": "Noemer", "en": "Denominator", "fr": "Dénominateur"},
    "entries.field.text": {"nl": "Beschrijving", "en": "Description", "fr": "Description"},
    "entries.field.story": {"nl": "Verhaal", "en": "Story", "fr": "Récit"},
    "entries.field.source": {"nl": "Bron", "en": "Source", "fr": "Source"},
    "entries.field.title": {"nl": "Titel", "en": "Title", "fr": "Titre"},
    "entries.field.entered_by": {"nl": "Ingevoerd door", "en": "Entered by", "fr": "Saisi par"},
    # --- why a value was refused: entries -----------------------------------------------
    "entries.choose_project": {
        "nl": "kies een project",
        "en": "choose a project",
        "fr": "choisissez un projet",
    },
    "entries.choose_indicator": {
        "nl": "kies een indicator",
        "en": "choose an indicator",
        "fr": "choisissez un indicateur",
    },
    "entries.not_writable": {
        "nl": "onbekend, of niet een van uw projecten",
        "en": "unknown, or not one of your projects",
        "fr": "inconnu, ou pas l'un de vos projets",
    },
    "entries.duplicate": {
        "nl": "er is al een meting van «{indicator}» voor deze periode; één waarde per indicator en periode",
        "en": "there is already a measurement of “{indicator}” for this period; one value per indicator and period",
        "fr": "il existe déjà une mesure de « {indicator} » pour cette période ; une valeur par indicateur et par période",
    },
    "entries.duplicate_story": {
        "nl": "er is al een verhaal met deze titel voor deze periode",
        "en": "there is already a story with this title for this period",
        "fr": "il existe déjà un récit avec ce titre pour cette période",
    },
    "entries.not_for_kind": {
        "nl": "hoort niet bij dit soort indicator; laat het leeg",
        "en": "does not belong with this kind of indicator; leave it empty",
        "fr": "ne correspond pas à ce type d'indicateur ; laissez-le vide",
    },
    # --- why a value was refused: any field ---------------------------------------------
    "validation.required": {
        "nl": "verplicht in te vullen",
        "en": "required",
        "fr": "obligatoire",
    },
    "validation.not_text": {
        "nl": "geen tekst",
        "en": "not text",
        "fr": "pas du texte",
    },
    "validation.too_long": {
        "nl": "te lang: hoogstens {maximum} tekens",
        "en": "too long: {maximum} characters at most",
        "fr": "trop long : {maximum} caractères au maximum",
    },
    "validation.control_character": {
        "nl": "bevat onzichtbare stuurtekens; typ de tekst opnieuw in plaats van hem te plakken",
        "en": "contains invisible control characters; type the text instead of pasting it",
        "fr": "contient des caractères de contrôle invisibles ; tapez le texte au lieu de le coller",
    },
    "validation.formula": {
        "nl": "begint met «{start}»: een rekenblad zou dit als formule uitvoeren; begin met een letter of cijfer",
        "en": "starts with “{start}”: a spreadsheet would run it as a formula; start with a letter or digit",
        "fr": "commence par « {start} » : un tableur l'exécuterait comme une formule ; commencez par une lettre ou un chiffre",
    },
    "validation.not_a_number": {
        "nl": "geen getal; schrijf bv. 1.234,5 of 1234.5",
        "en": "not a number; write e.g. 1.234,5 or 1234.5",
        "fr": "pas un nombre ; écrivez p. ex. 1.234,5 ou 1234.5",
    },
    "validation.ambiguous_number": {
        "nl": "dubbelzinnig: schrijf {whole} voor duizendtallen of {decimal} voor een kommagetal",
        "en": "ambiguous: write {whole} for thousands or {decimal} for a decimal",
        "fr": "ambigu : écrivez {whole} pour des milliers ou {decimal} pour un nombre décimal",
    },
    "validation.not_a_whole_number": {
        "nl": "geen geheel getal",
        "en": "not a whole number",
        "fr": "pas un nombre entier",
    },
    "validation.below_minimum": {
        "nl": "kleiner dan {minimum}",
        "en": "less than {minimum}",
        "fr": "inférieur à {minimum}",
    },
    "validation.above_maximum": {
        "nl": "groter dan {maximum}",
        "en": "more than {maximum}",
        "fr": "supérieur à {maximum}",
    },
    "validation.not_positive": {
        "nl": "moet groter zijn dan 0",
        "en": "must be more than 0",
        "fr": "doit être supérieur à 0",
    },
    "validation.negative": {
        "nl": "kan niet negatief zijn",
        "en": "cannot be negative",
        "fr": "ne peut pas être négatif",
    },
    "validation.numerator_above_denominator": {
        "nl": "groter dan de noemer ({denominator}); het deel kan niet groter zijn dan het geheel",
        "en": "more than the denominator ({denominator}); the part cannot exceed the whole",
        "fr": "supérieur au dénominateur ({denominator}) ; la partie ne peut dépasser le tout",
    },
    "validation.not_a_date": {
        "nl": "geen datum; schrijf bv. 31/12/2025",
        "en": "not a date; write e.g. 31/12/2025",
        "fr": "pas une date ; écrivez p. ex. 31/12/2025",
    },
    "validation.date_too_early": {
        "nl": "vóór {earliest}",
        "en": "before {earliest}",
        "fr": "avant le {earliest}",
    },
    "validation.date_too_late": {
        "nl": "na {latest}",
        "en": "after {latest}",
        "fr": "après le {latest}",
    },
    "validation.date_in_future": {
        "nl": "ligt in de toekomst (vandaag is {today})",
        "en": "lies in the future (today is {today})",
        "fr": "se situe dans le futur (nous sommes le {today})",
    },
}
