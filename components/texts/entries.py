"""Texts for entries: {key: {"nl": ..., "en": ..., "fr": ...}}."""

TEXTS: dict[str, dict[str, str]] = {}
