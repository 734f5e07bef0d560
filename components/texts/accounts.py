"""Texts for accounts: {key: {"nl": ..., "en": ..., "fr": ...}}.

The ``account.*`` keys are those of ``data_access.accounts.AccountError``, with the same
placeholders.
"""

TEXTS: dict[str, dict[str, str]] = {
    "account.invalid_login": {
        "nl": "Een gebruikersnaam heeft 1 tot {max} tekens: letters, cijfers of . _ @ + -, en begint met een letter of cijfer.",
        "en": "A login is 1 to {max} letters, digits or . _ @ + -, starting with a letter or digit.",
        "fr": "Un identifiant compte de 1 à {max} lettres, chiffres ou . _ @ + -, et commence par une lettre ou un chiffre.",
    },
    "account.login_taken": {
        "nl": "De gebruikersnaam {login} is al in gebruik.",
        "en": "The login {login} is already taken.",
        "fr": "L'identifiant {login} est déjà utilisé.",
    },
    "account.unknown_login": {
        "nl": "Er is geen account met gebruikersnaam {login}.",
        "en": "There is no account with login {login}.",
        "fr": "Il n'existe pas de compte avec l'identifiant {login}.",
    },
    "account.unknown_role": {
        "nl": "Onbekende rol {role}; kies uit {roles}.",
        "en": "Unknown role {role}; choose one of {roles}.",
        "fr": "Rôle inconnu {role} ; choisissez parmi {roles}.",
    },
    "account.unknown_funder": {
        "nl": "Onbekende financier (id {ids}).",
        "en": "Unknown funder (id {ids}).",
        "fr": "Bailleur inconnu (id {ids}).",
    },
    "account.unknown_project": {
        "nl": "Onbekend project (id {ids}).",
        "en": "Unknown project (id {ids}).",
        "fr": "Projet inconnu (id {ids}).",
    },
    "account.funder_needs_funder": {
        "nl": "Een account van een financier hoort bij minstens één financier.",
        "en": "A funder account needs at least one funder.",
        "fr": "Un compte de bailleur doit couvrir au moins un bailleur.",
    },
    "account.project_needs_project": {
        "nl": "Een account van een projectleider hoort bij minstens één project.",
        "en": "A project account needs at least one project.",
        "fr": "Un compte de responsable de projet doit couvrir au moins un projet.",
    },
    "account.no_funder_for_role": {
        "nl": "Een account met de rol {role} hoort niet bij een financier.",
        "en": "An account with role {role} takes no funders.",
        "fr": "Un compte avec le rôle {role} ne couvre pas de bailleur.",
    },
    "account.no_project_for_role": {
        "nl": "Een account met de rol {role} hoort niet bij een project.",
        "en": "An account with role {role} takes no projects.",
        "fr": "Un compte avec le rôle {role} ne couvre pas de projet.",
    },
    "account.display_name_too_long": {
        "nl": "Een naam heeft hoogstens {max} tekens.",
        "en": "A display name has at most {max} characters.",
        "fr": "Un nom compte au plus {max} caractères.",
    },
    "account.password_too_short": {
        "nl": "Een wachtwoord heeft minstens {min} tekens.",
        "en": "A password needs at least {min} characters.",
        "fr": "Un mot de passe compte au moins {min} caractères.",
    },
    "account.password_has_login": {
        "nl": "Een wachtwoord mag de gebruikersnaam niet bevatten.",
        "en": "A password must not contain the login.",
        "fr": "Un mot de passe ne doit pas contenir l'identifiant.",
    },
    "account.password_one_character": {
        "nl": "Een wachtwoord mag niet uit één herhaald teken bestaan.",
        "en": "A password must not repeat one character.",
        "fr": "Un mot de passe ne doit pas répéter un seul caractère.",
    },
    "account.password_common": {
        "nl": "Dit wachtwoord is een van de eerste die geraden worden.",
        "en": "This password is one of the first ones guessed.",
        "fr": "Ce mot de passe est parmi les premiers essayés.",
    },
}
