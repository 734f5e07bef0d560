"""Settings as data: read once from the environment (or given by tests), then passed along."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from components.i18n import DEFAULT_LANGUAGE, LANGUAGES

DEFAULT_DATABASE_URL = "sqlite:///filantrimpact.db"


@dataclass(frozen=True)
class Settings:
    """What the app needs to know about its surroundings.

    Environment variables: FILANTRIMPACT_DATABASE_URL, FILANTRIMPACT_PRODUCTION (1/0),
    FILANTRIMPACT_LANGUAGE (nl/fr/en), FILANTRIMPACT_DEMO (1/0: seed demo data when empty).
    """

    database_url: str = DEFAULT_DATABASE_URL
    production: bool = False
    language: str = DEFAULT_LANGUAGE
    seed_demo: bool = True

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(
                f"FILANTRIMPACT_LANGUAGE={self.language!r} is not supported; "
                f"use one of {', '.join(LANGUAGES)}"
            )

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides) -> Settings:
        env = os.environ if env is None else env
        settings = cls(
            database_url=env.get("FILANTRIMPACT_DATABASE_URL") or DEFAULT_DATABASE_URL,
            production=_flag(env, "FILANTRIMPACT_PRODUCTION", False),
            language=env.get("FILANTRIMPACT_LANGUAGE") or DEFAULT_LANGUAGE,
            seed_demo=_flag(env, "FILANTRIMPACT_DEMO", True),
        )
        known = {field.name for field in fields(cls)}
        return replace(
            settings, **{k: v for k, v in overrides.items() if k in known and v is not None}
        )


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{name}={raw!r} is not a yes/no value; use 1 or 0")
