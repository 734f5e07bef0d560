"""Texts for template imports: {key: {"nl": ..., "en": ..., "fr": ...}}.

Why a file or a value was refused (``data_access.importer`` names these keys in its
problems), the report, and the explanation sheet of the downloadable template.
"""

TEXTS: dict[str, dict[str, str]] = {
    # --- the file as a whole -------------------------------------------------------------
    "import.not_found": {
        "nl": "bestand of map niet gevonden",
        "en": "file or folder not found",
        "fr": "fichier ou dossier introuvable",
    },
    "import.too_large": {
        "nl": "te groot: hoogstens {maximum}",
        "en": "too large: {maximum} at most",
        "fr": "trop volumineux : {maximum} au maximum",
    },
    "import.empty_file": {
        "nl": "het bestand is leeg: geen enkele rij met gegevens",
        "en": "the file is empty: not a single row of data",
        "fr": "le fichier est vide : aucune ligne de données",
    },
    "import.unknown_format": {
        "nl": "geen Excel-werkmap (.xlsx), zip of CSV-bestand",
        "en": "not an Excel workbook (.xlsx), zip or CSV file",
        "fr": "ni un classeur Excel (.xlsx), ni un zip, ni un fichier CSV",
    },
    "import.unreadable": {
        "nl": "onleesbaar of beschadigd bestand",
        "en": "unreadable or damaged file",
        "fr": "fichier illisible ou endommagé",
    },
    "import.not_csv": {
        "nl": "geen CSV-bestand; een zip of map bevat alleen .csv-bestanden",
        "en": "not a CSV file; a zip or folder holds .csv files only",
        "fr": "pas un fichier CSV ; un zip ou dossier ne contient que des fichiers .csv",
    },
    "import.encoding": {
        "nl": "geen UTF-8-tekst; bewaar het bestand als «CSV UTF-8»",
        "en": "not UTF-8 text; save the file as “CSV UTF-8”",
        "fr": "pas du texte UTF-8 ; enregistrez le fichier en « CSV UTF-8 »",
    },
    "import.empty_sheet": {
        "nl": "leeg blad: zelfs de kopregel ontbreekt",
        "en": "empty sheet: even the header row is missing",
        "fr": "feuille vide : même la ligne d'en-tête manque",
    },
    "import.extra_sheet": {
        "nl": "onbekend blad; verwacht: {expected}",
        "en": "unknown sheet; expected: {expected}",
        "fr": "feuille inconnue ; attendu : {expected}",
    },
    "import.duplicate_sheet": {
        "nl": "dit blad staat er twee keer in",
        "en": "this sheet is there twice",
        "fr": "cette feuille figure deux fois",
    },
    "import.missing_sheet": {
        "nl": "blad ontbreekt (mag leeg zijn, maar moet er staan)",
        "en": "sheet missing (it may be empty, but must be there)",
        "fr": "feuille manquante (elle peut être vide, mais doit exister)",
    },
    "import.too_many_rows": {
        "nl": "te veel rijen: hoogstens {maximum}",
        "en": "too many rows: {maximum} at most",
        "fr": "trop de lignes : {maximum} au maximum",
    },
    "import.no_header": {
        "nl": "waarde in een kolom zonder naam in de kopregel",
        "en": "value in a column without a name in the header row",
        "fr": "valeur dans une colonne sans nom dans l'en-tête",
    },
    "import.unknown_column": {
        "nl": "onbekende kolom; verwacht: {expected}",
        "en": "unknown column; expected: {expected}",
        "fr": "colonne inconnue ; attendu : {expected}",
    },
    "import.duplicate_column": {
        "nl": "deze kolom staat er twee keer in",
        "en": "this column is there twice",
        "fr": "cette colonne figure deux fois",
    },
    "import.missing_column": {
        "nl": "verplichte kolom ontbreekt",
        "en": "required column missing",
        "fr": "colonne obligatoire manquante",
    },
    "import.busy": {
        "nl": "de databank werd intussen door iemand anders gewijzigd; er is niets veranderd, probeer opnieuw",
        "en": "someone else changed the database meanwhile; nothing was changed, try again",
        "fr": "quelqu'un d'autre a modifié la base entre-temps ; rien n'a changé, réessayez",
    },
    # --- values ----------------------------------------------------------------------------
    "import.unknown_code": {
        "nl": "onbekende code; toegelaten: {allowed}",
        "en": "unknown code; allowed: {allowed}",
        "fr": "code inconnu ; autorisés : {allowed}",
    },
    "import.not_yes_no": {
        "nl": "schrijf ja of nee",
        "en": "write yes or no",
        "fr": "écrivez oui ou non",
    },
    "import.too_many_decimals": {
        "nl": "hoogstens {decimals} cijfers na de komma",
        "en": "{decimals} decimals at most",
        "fr": "{decimals} décimales au maximum",
    },
    "import.end_before_start": {
        "nl": "ligt vóór de begindatum ({start})",
        "en": "lies before the start date ({start})",
        "fr": "précède la date de début ({start})",
    },
    "import.sub_theme": {
        "nl": "hoort niet bij dit thema; toegelaten: {allowed}",
        "en": "does not belong to this theme; allowed: {allowed}",
        "fr": "n'appartient pas à ce thème ; autorisés : {allowed}",
    },
    "import.currency": {
        "nl": "geen muntcode van drie letters (bv. EUR)",
        "en": "not a three-letter currency code (e.g. EUR)",
        "fr": "pas un code de devise à trois lettres (p. ex. EUR)",
    },
    "import.euro_differs": {
        "nl": "verschilt van het bedrag, terwijl de munt EUR is",
        "en": "differs from the amount while the currency is EUR",
        "fr": "diffère du montant alors que la devise est EUR",
    },
    "import.euro_required": {
        "nl": "verplicht bij een andere munt dan EUR",
        "en": "required for a currency other than EUR",
        "fr": "obligatoire pour une devise autre que l'EUR",
    },
    "import.next_stage": {
        "nl": "moet de volgende fase zijn: {expected}",
        "en": "must be the next stage: {expected}",
        "fr": "doit être l'étape suivante : {expected}",
    },
    "import.not_a_url": {
        "nl": "geen webadres (begint met https://)",
        "en": "not a web address (starts with https://)",
        "fr": "pas une adresse web (commence par https://)",
    },
    "import.unit_for_kind": {
        "nl": "past niet bij dit soort meting ({kind}): percent voor percentage, text voor kwalitatief",
        "en": "does not fit this kind of measure ({kind}): percent for percentage, text for qualitative",
        "fr": "ne convient pas à ce type de mesure ({kind}) : percent pour un pourcentage, text pour qualitatif",
    },
    "import.value_not_share": {
        "nl": "verschilt van teller gedeeld door noemer; laat het leeg",
        "en": "differs from numerator divided by denominator; leave it empty",
        "fr": "diffère du numérateur divisé par le dénominateur ; laissez-le vide",
    },
    "import.unknown_reference": {
        "nl": "niet gevonden in het blad {sheet} noch in de databank",
        "en": "not found in the sheet {sheet} nor in the database",
        "fr": "introuvable dans la feuille {sheet} et dans la base",
    },
    "import.duplicate_in_file": {
        "nl": "staat al in rij {row} van dit blad",
        "en": "already in row {row} of this sheet",
        "fr": "figure déjà à la ligne {row} de cette feuille",
    },
    "import.duplicate_in_database": {
        "nl": "deze naam hoort in de databank al bij referentie {reference}",
        "en": "this name already belongs to reference {reference} in the database",
        "fr": "ce nom appartient déjà à la référence {reference} dans la base",
    },
    "import.sheet_not_allowed": {
        "nl": "u mag alleen metingen en verhalen van uw eigen projecten invoeren; laat dit blad leeg",
        "en": "you may import only measurements and stories of your own projects; leave this sheet empty",
        "fr": "vous ne pouvez importer que des mesures et récits de vos propres projets ; laissez cette feuille vide",
    },
    "import.not_writable": {
        "nl": "geen project waaraan u gegevens mag toevoegen",
        "en": "not a project you may add data to",
        "fr": "pas un projet auquel vous pouvez ajouter des données",
    },
    # --- the report ------------------------------------------------------------------------
    "import.report.sheet": {"nl": "Blad", "en": "Sheet", "fr": "Feuille"},
    "import.report.row": {"nl": "Rij", "en": "Row", "fr": "Ligne"},
    "import.report.column": {"nl": "Kolom", "en": "Column", "fr": "Colonne"},
    "import.report.value": {"nl": "Waarde", "en": "Value", "fr": "Valeur"},
    "import.report.reason": {"nl": "Probleem", "en": "Problem", "fr": "Problème"},
    "import.report.added": {"nl": "nieuw", "en": "added", "fr": "ajoutés"},
    "import.report.changed": {"nl": "gewijzigd", "en": "changed", "fr": "modifiés"},
    "import.report.unchanged": {"nl": "ongewijzigd", "en": "unchanged", "fr": "inchangés"},
    "import.status.imported": {
        "nl": "Ingelezen: {file}",
        "en": "Imported: {file}",
        "fr": "Importé : {file}",
    },
    "import.status.unchanged": {
        "nl": "Niets veranderd: {file} stond al zo in de databank",
        "en": "Nothing changed: {file} was already in the database as it is",
        "fr": "Rien n'a changé : {file} figurait déjà tel quel dans la base",
    },
    "import.status.refused": {
        "nl": "Geweigerd: {file} — er is niets veranderd. Problemen ({count}):",
        "en": "Refused: {file} — nothing was changed. Problems ({count}):",
        "fr": "Refusé : {file} — rien n'a changé. Problèmes ({count}) :",
    },
    "import.status.checked": {
        "nl": "Proefdraai: {file} kan zo ingelezen worden (er is niets geschreven)",
        "en": "Dry run: {file} can be imported as it is (nothing was written)",
        "fr": "Essai : {file} peut être importé tel quel (rien n'a été écrit)",
    },
    "import.progress.read": {"nl": "Lezen", "en": "Reading", "fr": "Lecture"},
    "import.progress.check": {"nl": "Controleren", "en": "Checking", "fr": "Vérification"},
    "import.progress.write": {"nl": "Schrijven", "en": "Writing", "fr": "Écriture"},
    "import.progress.generate": {
        "nl": "Demogegevens maken (projecten)",
        "en": "Generating demo data (projects)",
        "fr": "Génération des données de démo (projets)",
    },
    "import.progress.load": {
        "nl": "Rijen laden",
        "en": "Loading rows",
        "fr": "Chargement des lignes",
    },
    "import.progress.derive": {
        "nl": "Afgeleide cijfers berekenen (stappen)",
        "en": "Computing derived figures (steps)",
        "fr": "Calcul des chiffres dérivés (étapes)",
    },
    "import.whole_file": {"nl": "(bestand)", "en": "(file)", "fr": "(fichier)"},
    # --- the template's explanation sheet ----------------------------------------------------
    "import.template.sheet": {"nl": "Blad", "en": "Sheet", "fr": "Feuille"},
    "import.template.column": {"nl": "Kolom", "en": "Column", "fr": "Colonne"},
    "import.template.required": {"nl": "Verplicht", "en": "Required", "fr": "Obligatoire"},
    "import.template.meaning": {"nl": "Betekenis", "en": "Meaning", "fr": "Signification"},
    "import.template.codes": {
        "nl": "Toegelaten codes",
        "en": "Allowed codes",
        "fr": "Codes autorisés",
    },
    "import.template.example": {"nl": "Voorbeeld", "en": "Example", "fr": "Exemple"},
    "import.template.yes": {"nl": "ja", "en": "yes", "fr": "oui"},
    "import.template.intro": {
        "nl": "Vul per blad één rij per regel in; de eerste rij bevat de kolomnamen (Nederlands of Engels). Bladen mogen leeg blijven. Rijen vinden elkaar via hun referentie. Bedragen en getallen mogen als 1.234,5 of 1234.5; datums als 31/12/2025. Een tekst mag niet met = + - @ beginnen. Opnieuw inlezen past alleen aan wat veranderde.",
        "en": "Fill in one row per line on each sheet; the first row holds the column names (Dutch or English). Sheets may stay empty. Rows find each other through their reference. Amounts and numbers may be written 1.234,5 or 1234.5; dates as 31/12/2025. Text may not start with = + - @. Importing again changes only what changed.",
        "fr": "Remplissez une ligne par élément sur chaque feuille ; la première ligne contient les noms de colonnes (néerlandais ou anglais). Les feuilles peuvent rester vides. Les lignes se retrouvent par leur référence. Montants et nombres : 1.234,5 ou 1234.5 ; dates : 31/12/2025. Un texte ne peut pas commencer par = + - @. Réimporter ne change que ce qui a changé.",
    },
    "import.sheet.funders": {
        "nl": "Financiers: stichtingen en fondsen die steun geven.",
        "en": "Funders: foundations and funds that give grants.",
        "fr": "Bailleurs : fondations et fonds qui accordent des subsides.",
    },
    "import.sheet.organisations": {
        "nl": "Organisaties die projecten uitvoeren.",
        "en": "Organisations that run projects.",
        "fr": "Organisations qui mènent les projets.",
    },
    "import.sheet.projects": {
        "nl": "Projecten met hun thema, regio en looptijd.",
        "en": "Projects with their theme, region and duration.",
        "fr": "Projets avec leur thème, région et durée.",
    },
    "import.sheet.grants": {
        "nl": "Steun: geld van een financier aan een project.",
        "en": "Grants: money from a funder to a project.",
        "fr": "Subsides : argent d'un bailleur à un projet.",
    },
    "import.sheet.elements": {
        "nl": "Veranderingslogica: de stappen van middelen tot impact, per project.",
        "en": "Change logic: the steps from input to impact, per project.",
        "fr": "Logique de changement : les étapes des moyens à l'impact, par projet.",
    },
    "import.sheet.links": {
        "nl": "Verbanden: welke stap bijdraagt aan welke stap in de volgende fase.",
        "en": "Links: which step contributes to which step of the next stage.",
        "fr": "Liens : quelle étape contribue à quelle étape de la phase suivante.",
    },
    "import.sheet.sources": {
        "nl": "Bronnen: onderzoek of praktijk waarop een stap of verband steunt.",
        "en": "Evidence sources: research or practice a step or link rests on.",
        "fr": "Sources : recherche ou pratique sur laquelle repose une étape ou un lien.",
    },
    "import.sheet.indicators": {
        "nl": "Indicatoren: wat gemeten wordt bij een stap, van nulmeting naar streefwaarde.",
        "en": "Indicators: what is measured at a step, from baseline to target.",
        "fr": "Indicateurs : ce qui est mesuré à une étape, de la base à la cible.",
    },
    "import.sheet.measurements": {
        "nl": "Metingen: één waarde per indicator en periode.",
        "en": "Measurements: one value per indicator and period.",
        "fr": "Mesures : une valeur par indicateur et période.",
    },
    "import.sheet.stories": {
        "nl": "Verhalen: korte getuigenissen bij een project en periode.",
        "en": "Stories: short accounts for a project and period.",
        "fr": "Récits : courts témoignages pour un projet et une période.",
    },
}

# The meaning of each column: {sheet: {column: (nl, en, fr)}}.
_COLUMNS: dict[str, dict[str, tuple[str, str, str]]] = {
    "funders": {
        "reference": (
            "Uw eigen, vaste code voor de financier (bv. ondernemingsnummer)",
            "Your own fixed code for the funder (e.g. company number)",
            "Votre code fixe pour le bailleur (p. ex. numéro d'entreprise)",
        ),
        "name": ("Naam van de financier", "Name of the funder", "Nom du bailleur"),
        "kind": ("Soort financier", "Kind of funder", "Type de bailleur"),
        "named_to_network": (
            "Mag de naam getoond worden aan het lerend netwerk? (ja/nee)",
            "May the name be shown to the learning network? (yes/no)",
            "Le nom peut-il être montré au réseau ? (oui/non)",
        ),
    },
    "organisations": {
        "reference": (
            "Vaste code voor de organisatie",
            "Fixed code for the organisation",
            "Code fixe de l'organisation",
        ),
        "name": ("Naam van de organisatie", "Name of the organisation", "Nom de l'organisation"),
        "region": (
            "Regio van de organisatie",
            "Region of the organisation",
            "Région de l'organisation",
        ),
    },
    "projects": {
        "reference": (
            "Vaste code voor het project",
            "Fixed code for the project",
            "Code fixe du projet",
        ),
        "organisation": (
            "Referentie van de organisatie die het project uitvoert",
            "Reference of the organisation running the project",
            "Référence de l'organisation qui mène le projet",
        ),
        "name": ("Naam van het project", "Name of the project", "Nom du projet"),
        "summary": ("Korte samenvatting", "Short summary", "Bref résumé"),
        "theme": ("Thema", "Theme", "Thème"),
        "sub_theme": (
            "Subthema (hoort bij het thema)",
            "Sub-theme (belongs to the theme)",
            "Sous-thème (appartient au thème)",
        ),
        "region": ("Regio", "Region", "Région"),
        "start_date": ("Begindatum", "Start date", "Date de début"),
        "end_date": (
            "Einddatum (leeg als nog niet gekend)",
            "End date (empty when not known)",
            "Date de fin (vide si inconnue)",
        ),
        "status": ("Stand van het project", "Project status", "État du projet"),
        "visibility": (
            "Wie het project mag zien",
            "Who may see the project",
            "Qui peut voir le projet",
        ),
        "lead": ("Projectleider(s)", "Project lead(s)", "Responsable(s) du projet"),
    },
    "grants": {
        "funder": (
            "Referentie van de financier",
            "Reference of the funder",
            "Référence du bailleur",
        ),
        "reference": (
            "Code van de steun bij de financier (uniek per financier)",
            "The funder's code for the grant (unique per funder)",
            "Code du subside chez le bailleur (unique par bailleur)",
        ),
        "project": (
            "Referentie van het project",
            "Reference of the project",
            "Référence du projet",
        ),
        "amount": (
            "Bedrag, hoogstens twee cijfers na de komma",
            "Amount, two decimals at most",
            "Montant, deux décimales au maximum",
        ),
        "currency": ("Munt (leeg: EUR)", "Currency (empty: EUR)", "Devise (vide : EUR)"),
        "amount_eur": (
            "Bedrag in euro (alleen bij een andere munt)",
            "Amount in euro (only for another currency)",
            "Montant en euros (seulement pour une autre devise)",
        ),
        "awarded_on": ("Datum van toekenning", "Date awarded", "Date d'octroi"),
        "start_date": ("Begin van de steun", "Start of the grant", "Début du subside"),
        "end_date": ("Einde van de steun", "End of the grant", "Fin du subside"),
    },
    "elements": {
        "project": (
            "Referentie van het project",
            "Reference of the project",
            "Référence du projet",
        ),
        "stage": (
            "Fase in de veranderingslogica",
            "Stage of the change logic",
            "Étape de la logique de changement",
        ),
        "position": (
            "Volgnummer binnen de fase (0, 1, 2...); samen met project en fase de sleutel",
            "Number within the stage (0, 1, 2...); with project and stage the key",
            "Numéro dans l'étape (0, 1, 2...) ; avec projet et étape la clé",
        ),
        "statement": (
            "Wat er in deze stap gebeurt of verandert",
            "What happens or changes at this step",
            "Ce qui se passe ou change à cette étape",
        ),
    },
    "links": {
        "project": (
            "Referentie van het project",
            "Reference of the project",
            "Référence du projet",
        ),
        "from_stage": (
            "Fase van de stap die bijdraagt",
            "Stage of the contributing step",
            "Étape de l'élément qui contribue",
        ),
        "from_position": (
            "Volgnummer van de stap die bijdraagt",
            "Number of the contributing step",
            "Numéro de l'élément qui contribue",
        ),
        "to_stage": (
            "Fase van de stap waaraan bijgedragen wordt (de volgende fase)",
            "Stage of the step contributed to (the next stage)",
            "Étape de l'élément visé (l'étape suivante)",
        ),
        "to_position": (
            "Volgnummer van de stap waaraan bijgedragen wordt",
            "Number of the step contributed to",
            "Numéro de l'élément visé",
        ),
    },
    "sources": {
        "project": (
            "Referentie van het project",
            "Reference of the project",
            "Référence du projet",
        ),
        "reference": (
            "Vaste code voor de bron (uniek per project)",
            "Fixed code for the source (unique per project)",
            "Code fixe de la source (unique par projet)",
        ),
        "stage": (
            "Fase van de stap (of van het begin van het verband)",
            "Stage of the step (or of the link's start)",
            "Étape de l'élément (ou du début du lien)",
        ),
        "position": (
            "Volgnummer van de stap (of van het begin van het verband)",
            "Number of the step (or of the link's start)",
            "Numéro de l'élément (ou du début du lien)",
        ),
        "to_stage": (
            "Alleen voor een verband: fase van het einde",
            "Only for a link: stage of its end",
            "Seulement pour un lien : étape de sa fin",
        ),
        "to_position": (
            "Alleen voor een verband: volgnummer van het einde",
            "Only for a link: number of its end",
            "Seulement pour un lien : numéro de sa fin",
        ),
        "kind": ("Onderzoek of praktijkervaring", "Research or practice", "Recherche ou pratique"),
        "citation": (
            "Verwijzing of beschrijving",
            "Citation or description",
            "Citation ou description",
        ),
        "url": ("Webadres (optioneel)", "Web address (optional)", "Adresse web (facultatif)"),
        "year": ("Jaar (optioneel)", "Year (optional)", "Année (facultatif)"),
    },
    "indicators": {
        "project": (
            "Referentie van het project",
            "Reference of the project",
            "Référence du projet",
        ),
        "reference": (
            "Vaste code voor de indicator (uniek per project)",
            "Fixed code for the indicator (unique per project)",
            "Code fixe de l'indicateur (unique par projet)",
        ),
        "stage": (
            "Fase van de stap waarbij de indicator hoort",
            "Stage of the step the indicator belongs to",
            "Étape de l'élément de l'indicateur",
        ),
        "position": ("Volgnummer van die stap", "Number of that step", "Numéro de cet élément"),
        "name": ("Naam van de indicator", "Name of the indicator", "Nom de l'indicateur"),
        "unit": (
            "Eenheid (percent bij een percentage, text bij kwalitatief)",
            "Unit (percent for a percentage, text for qualitative)",
            "Unité (percent pour un pourcentage, text pour qualitatif)",
        ),
        "direction": (
            "Moet de waarde stijgen, dalen of gelijk blijven?",
            "Should the value rise, fall or hold?",
            "La valeur doit-elle monter, baisser ou se maintenir ?",
        ),
        "measure_kind": (
            "Getal, percentage (teller/noemer) of kwalitatief",
            "Number, percentage (numerator/denominator) or qualitative",
            "Nombre, pourcentage (numérateur/dénominateur) ou qualitatif",
        ),
        "accumulation": (
            "Per periode of opgeteld (cumulatief)",
            "Per period or cumulative",
            "Par période ou cumulatif",
        ),
        "summable": (
            "Mag opgeteld worden met andere indicatoren met dezelfde eenheid? (ja/nee)",
            "May it be added to other indicators with the same unit? (yes/no)",
            "Peut-il s'additionner à d'autres indicateurs de même unité ? (oui/non)",
        ),
        "baseline_value": (
            "Nulmeting (verplicht behalve bij kwalitatief)",
            "Baseline (required unless qualitative)",
            "Valeur de base (obligatoire sauf qualitatif)",
        ),
        "baseline_date": ("Datum van de nulmeting", "Baseline date", "Date de la base"),
        "target_value": (
            "Streefwaarde (verplicht behalve bij kwalitatief)",
            "Target (required unless qualitative)",
            "Cible (obligatoire sauf qualitatif)",
        ),
        "target_date": (
            "Datum waarop de streefwaarde bereikt moet zijn",
            "Date by which the target should be reached",
            "Date à laquelle la cible doit être atteinte",
        ),
        "standard_ref": (
            "Standaardindicator (bv. SDG 4.6.1, IRIS+ PI4060)",
            "Standard indicator (e.g. SDG 4.6.1, IRIS+ PI4060)",
            "Indicateur standard (p. ex. ODD 4.6.1, IRIS+ PI4060)",
        ),
    },
    "measurements": {
        "project": (
            "Referentie van het project",
            "Reference of the project",
            "Référence du projet",
        ),
        "indicator": (
            "Referentie van de indicator",
            "Reference of the indicator",
            "Référence de l'indicateur",
        ),
        "period_end": (
            "Einde van de gemeten periode (niet in de toekomst)",
            "End of the measured period (not in the future)",
            "Fin de la période mesurée (pas dans le futur)",
        ),
        "value": (
            "Gemeten waarde (bij een getal)",
            "Measured value (for a number)",
            "Valeur mesurée (pour un nombre)",
        ),
        "numerator": (
            "Teller (bij een percentage)",
            "Numerator (for a percentage)",
            "Numérateur (pour un pourcentage)",
        ),
        "denominator": (
            "Noemer (bij een percentage, groter dan 0)",
            "Denominator (for a percentage, above 0)",
            "Dénominateur (pour un pourcentage, supérieur à 0)",
        ),
        "text": (
            "Vaststelling (bij kwalitatief)",
            "Finding (for qualitative)",
            "Constat (pour qualitatif)",
        ),
        "source": (
            "Waar de waarde vandaan komt",
            "Where the value comes from",
            "D'où vient la valeur",
        ),
        "evidence_level": (
            "Hoe sterk de meting onderbouwd is",
            "How well the measurement is grounded",
            "Solidité de la mesure",
        ),
    },
    "stories": {
        "project": (
            "Referentie van het project",
            "Reference of the project",
            "Référence du projet",
        ),
        "period_end": (
            "Einde van de periode waarover het verhaal gaat",
            "End of the period the story is about",
            "Fin de la période du récit",
        ),
        "title": ("Titel", "Title", "Titre"),
        "text": ("Het verhaal", "The story", "Le récit"),
        "author": ("Wie het schreef", "Who wrote it", "Qui l'a écrit"),
    },
}

TEXTS.update(
    {
        f"import.column.{sheet}.{column}": dict(zip(("nl", "en", "fr"), words, strict=True))
        for sheet, columns in _COLUMNS.items()
        for column, words in columns.items()
    }
)

# --- the Data page ---------------------------------------------------------------------------
TEXTS.update(
    {
        "nav.data": {"nl": "Gegevens", "en": "Data", "fr": "Données"},
        "data.title": {"nl": "Gegevens inlezen", "en": "Import data", "fr": "Importer des données"},
        "data.subtitle.admin": {
            "nl": "Vul het sjabloon in, laat het controleren en lees het in. Een bestand met één "
            "fout verandert niets; het verslag zegt waar en waarom.",
            "en": "Fill in the template, have it checked and import it. A file with a single "
            "error changes nothing; the report says where and why.",
            "fr": "Remplissez le modèle, faites-le vérifier et importez-le. Un fichier avec une "
            "seule erreur ne change rien ; le rapport dit où et pourquoi.",
        },
        "data.subtitle.project": {
            "nl": "U kunt metingen en verhalen van uw eigen project(en) inlezen: vul de bladen "
            "«metingen» en «verhalen» van het sjabloon in.",
            "en": "You can import measurements and stories of your own project(s): fill in the "
            "sheets “measurements” and “stories” of the template.",
            "fr": "Vous pouvez importer des mesures et des récits de vos propres projets : "
            "remplissez les feuilles « measurements » et « stories » du modèle.",
        },
        "data.template.title": {"nl": "1. Sjabloon", "en": "1. Template", "fr": "1. Modèle"},
        "data.template.text": {
            "nl": "Eén Excel-werkmap met een blad per tabel en een blad «uitleg» (wat elke "
            "kolom betekent, toegelaten codes, een voorbeeld). Een zip met CSV-bestanden met "
            "dezelfde namen mag ook.",
            "en": "One Excel workbook with a sheet per table and an “explanation” sheet (what "
            "each column means, allowed codes, an example). A zip of CSV files with the same "
            "names works too.",
            "fr": "Un classeur Excel avec une feuille par table et une feuille « explication » "
            "(signification de chaque colonne, codes autorisés, un exemple). Un zip de fichiers "
            "CSV portant les mêmes noms convient aussi.",
        },
        "data.template.download": {
            "nl": "Leeg sjabloon downloaden",
            "en": "Download the empty template",
            "fr": "Télécharger le modèle vide",
        },
        "data.template.filename": {
            "nl": "filantrimpact-sjabloon.xlsx",
            "en": "filantrimpact-template.xlsx",
            "fr": "filantrimpact-modele.xlsx",
        },
        "data.upload.title": {
            "nl": "2. Bestand controleren en inlezen",
            "en": "2. Check and import a file",
            "fr": "2. Vérifier et importer un fichier",
        },
        "data.upload.drop": {
            "nl": "Sleep een bestand hierheen, of klik om er een te kiezen",
            "en": "Drag a file here, or click to choose one",
            "fr": "Glissez un fichier ici, ou cliquez pour en choisir un",
        },
        "data.upload.limit": {
            "nl": "Excel-werkmap (.xlsx) of zip met CSV-bestanden, hoogstens {maximum}.",
            "en": "Excel workbook (.xlsx) or zip of CSV files, {maximum} at most.",
            "fr": "Classeur Excel (.xlsx) ou zip de fichiers CSV, {maximum} au maximum.",
        },
        "data.upload.too_large": {
            "nl": "Dit bestand is te groot: hoogstens {maximum}. Splits het op (bijvoorbeeld "
            "per jaar) en lees de delen na elkaar in.",
            "en": "This file is too large: {maximum} at most. Split it (by year, for instance) "
            "and import the parts one after the other.",
            "fr": "Ce fichier est trop volumineux : {maximum} au maximum. Divisez-le (par "
            "année, par exemple) et importez les parties l'une après l'autre.",
        },
        "data.upload.none": {
            "nl": "Nog geen bestand gekozen.",
            "en": "No file chosen yet.",
            "fr": "Aucun fichier choisi.",
        },
        "data.upload.choose_first": {
            "nl": "Kies eerst een bestand.",
            "en": "Choose a file first.",
            "fr": "Choisissez d'abord un fichier.",
        },
        "data.upload.chosen": {
            "nl": "Gekozen: {file}",
            "en": "Chosen: {file}",
            "fr": "Choisi : {file}",
        },
        "data.upload.unreadable": {
            "nl": "Het bestand kwam niet goed door; kies het opnieuw.",
            "en": "The file did not come through; choose it again.",
            "fr": "Le fichier n'est pas bien arrivé ; choisissez-le à nouveau.",
        },
        "data.check": {"nl": "Alleen controleren", "en": "Check only", "fr": "Vérifier seulement"},
        "data.import": {"nl": "Inlezen", "en": "Import", "fr": "Importer"},
        "data.working": {
            "nl": "Bezig met controleren…",
            "en": "Checking…",
            "fr": "Vérification en cours…",
        },
        "data.not_allowed": {
            "nl": "U mag geen gegevens inlezen; er is niets veranderd.",
            "en": "You may not import data; nothing was changed.",
            "fr": "Vous ne pouvez pas importer de données ; rien n'a changé.",
        },
        "data.failed": {
            "nl": "Het inlezen liep mis; er is niets veranderd. Probeer het later opnieuw.",
            "en": "The import failed; nothing was changed. Please try again later.",
            "fr": "L'importation a échoué ; rien n'a changé. Réessayez plus tard.",
        },
        "data.more_problems": {
            "nl": "… en nog {count} problemen (alle problemen staan in het verslag van de "
            "opdrachtregel: filantrimpact import --dry-run).",
            "en": "… and {count} more problems (the command line lists them all: "
            "filantrimpact import --dry-run).",
            "fr": "… et encore {count} problèmes (la ligne de commande les liste tous : "
            "filantrimpact import --dry-run).",
        },
        "data.counts.sheet": {"nl": "Blad", "en": "Sheet", "fr": "Feuille"},
        "data.counts.added": {"nl": "Nieuw", "en": "Added", "fr": "Ajoutés"},
        "data.counts.changed": {"nl": "Gewijzigd", "en": "Changed", "fr": "Modifiés"},
        "data.counts.unchanged": {"nl": "Ongewijzigd", "en": "Unchanged", "fr": "Inchangés"},
        "data.counts.total": {"nl": "Totaal", "en": "Total", "fr": "Total"},
        "data.history.title": {
            "nl": "3. Eerdere imports",
            "en": "3. Earlier imports",
            "fr": "3. Importations précédentes",
        },
        "data.history.own": {
            "nl": "Uw eigen imports, de nieuwste eerst.",
            "en": "Your own imports, newest first.",
            "fr": "Vos propres importations, les plus récentes d'abord.",
        },
        "data.history.all": {
            "nl": "Alle imports (ook via de opdrachtregel), de nieuwste eerst.",
            "en": "Every import (the command line's too), newest first.",
            "fr": "Toutes les importations (y compris en ligne de commande), les plus récentes "
            "d'abord.",
        },
        "data.history.empty": {
            "nl": "Nog geen imports.",
            "en": "No imports yet.",
            "fr": "Aucune importation pour l'instant.",
        },
        "data.history.when": {"nl": "Wanneer", "en": "When", "fr": "Quand"},
        "data.history.who": {"nl": "Door", "en": "By", "fr": "Par"},
        "data.history.file": {"nl": "Bestand", "en": "File", "fr": "Fichier"},
        "data.history.outcome": {"nl": "Resultaat", "en": "Outcome", "fr": "Résultat"},
        "data.history.problems": {"nl": "Problemen", "en": "Problems", "fr": "Problèmes"},
        "data.outcome.imported": {"nl": "ingelezen", "en": "imported", "fr": "importé"},
        "data.outcome.unchanged": {"nl": "ongewijzigd", "en": "unchanged", "fr": "inchangé"},
        "data.outcome.refused": {"nl": "geweigerd", "en": "refused", "fr": "refusé"},
        "data.outcome.checked": {"nl": "gecontroleerd", "en": "checked", "fr": "vérifié"},
        "data.history.failed": {
            "nl": "De geschiedenis kon niet geladen worden.",
            "en": "The history could not be loaded.",
            "fr": "L'historique n'a pas pu être chargé.",
        },
    }
)
