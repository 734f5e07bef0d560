"""Texts for accounts: {key: {"nl": ..., "en": ..., "fr": ...}}."""

TEXTS: dict[str, dict[str, str]] = {}
