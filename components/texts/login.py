"""Texts of the login page and the account menu."""

TEXTS: dict[str, dict[str, str]] = {
    "login.title": {"nl": "Aanmelden", "en": "Log in", "fr": "Connexion"},
    "login.intro": {
        "nl": "Meld u aan om de impact van uw projecten en het netwerk te bekijken.",
        "en": "Log in to see the impact of your projects and the network.",
        "fr": "Connectez-vous pour voir l'impact de vos projets et du réseau.",
    },
    "login.username": {"nl": "Gebruikersnaam", "en": "User name", "fr": "Nom d'utilisateur"},
    "login.password": {"nl": "Wachtwoord", "en": "Password", "fr": "Mot de passe"},
    "login.submit": {"nl": "Aanmelden", "en": "Log in", "fr": "Se connecter"},
    "login.failed": {
        "nl": "Gebruikersnaam of wachtwoord klopt niet.",
        "en": "The user name or password is not right.",
        "fr": "Le nom d'utilisateur ou le mot de passe est incorrect.",
    },
    "login.too_many": {
        "nl": "Te veel mislukte pogingen. Probeer het over tien minuten opnieuw.",
        "en": "Too many failed attempts. Please try again in ten minutes.",
        "fr": "Trop de tentatives échouées. Réessayez dans dix minutes.",
    },
    "login.expired": {
        "nl": "Het formulier was verlopen. Probeer het opnieuw.",
        "en": "The form had expired. Please try again.",
        "fr": "Le formulaire avait expiré. Veuillez réessayer.",
    },
    "nav.logout": {"nl": "Afmelden", "en": "Log out", "fr": "Déconnexion"},
    "nav.account": {"nl": "Aangemeld als", "en": "Logged in as", "fr": "Connecté en tant que"},
    "role.admin": {"nl": "beheerder", "en": "administrator", "fr": "administrateur"},
    "role.funder": {"nl": "financier", "en": "funder", "fr": "bailleur"},
    "role.project": {"nl": "projectleider", "en": "project lead", "fr": "responsable de projet"},
    "role.network": {"nl": "lerend netwerk", "en": "learning network", "fr": "réseau apprenant"},
}
