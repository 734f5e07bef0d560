"""Settings as data: read once from the environment (or given by tests), then passed along."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace

from components.i18n import DEFAULT_LANGUAGE, LANGUAGES

DEFAULT_DATABASE_URL = "sqlite:///filantrimpact.db"
MIN_SECRET_KEY_LENGTH = 32


@dataclass(frozen=True)
class Settings:
    """What the app needs to know about its surroundings.

    Environment variables: FILANTRIMPACT_DATABASE_URL, FILANTRIMPACT_PRODUCTION (1/0),
    FILANTRIMPACT_LANGUAGE (nl/fr/en), FILANTRIMPACT_DEMO (1/0: seed demo data when empty),
    and for the database connections FILANTRIMPACT_DB_POOL_SIZE, FILANTRIMPACT_DB_MAX_OVERFLOW,
    FILANTRIMPACT_DB_POOL_TIMEOUT (seconds to wait for a free connection),
    FILANTRIMPACT_DB_LOCK_TIMEOUT (seconds to wait for a lock held by a writer) and
    FILANTRIMPACT_DB_STATEMENT_TIMEOUT (seconds before PostgreSQL cancels a statement; 0: none).
    Accounts: FILANTRIMPACT_SECRET_KEY (signs session cookies; required in production, at
    least 32 characters), FILANTRIMPACT_SECURE_COOKIES (1/0; default: on in production),
    FILANTRIMPACT_SESSION_HOURS, FILANTRIMPACT_REDIS_URL (shared state between workers, such
    as the login rate limits; in memory per worker when empty), FILANTRIMPACT_CACHE_URL
    (Redis for the views' cache; in this process when empty).
    """

    database_url: str = DEFAULT_DATABASE_URL
    production: bool = False
    language: str = DEFAULT_LANGUAGE
    seed_demo: bool = True
    db_pool_size: int = 5
    db_max_overflow: int = 10
    db_pool_timeout: float = 30.0
    db_lock_timeout: float = 5.0
    db_statement_timeout: float = 30.0
    secret_key: str = field(default="", repr=False)
    secure_cookies: bool | None = None
    session_hours: float = 12.0
    redis_url: str = ""
    cache_url: str = ""

    def __post_init__(self) -> None:
        if self.production and len(self.secret_key) < MIN_SECRET_KEY_LENGTH:
            raise ValueError(
                "FILANTRIMPACT_SECRET_KEY must be set to a random text of at least "
                f"{MIN_SECRET_KEY_LENGTH} characters in production"
            )
        if self.language not in LANGUAGES:
            raise ValueError(
                f"FILANTRIMPACT_LANGUAGE={self.language!r} is not supported; "
                f"use one of {', '.join(LANGUAGES)}"
            )
        for name in ("db_pool_size", "db_max_overflow"):
            if getattr(self, name) < 0:
                raise ValueError(f"FILANTRIMPACT_{name.upper()} must not be negative")
        for name in ("db_pool_timeout", "db_lock_timeout", "db_statement_timeout"):
            if getattr(self, name) < 0:
                raise ValueError(f"FILANTRIMPACT_{name.upper()} must not be negative")

    @property
    def cookies_secure(self) -> bool:
        """Cookies only over HTTPS: by default in production, where the app is behind TLS."""
        return self.production if self.secure_cookies is None else self.secure_cookies

    def engine_options(self) -> dict:
        """Keyword arguments for ``data_access.db.make_engine``."""
        return {
            "pool_pre_ping": True,
            "pool_size": self.db_pool_size,
            "max_overflow": self.db_max_overflow,
            "pool_timeout": self.db_pool_timeout,
            "lock_timeout": self.db_lock_timeout,
            "statement_timeout": self.db_statement_timeout,
        }

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides) -> Settings:
        env = os.environ if env is None else env
        settings = cls(
            database_url=env.get("FILANTRIMPACT_DATABASE_URL") or DEFAULT_DATABASE_URL,
            production=_flag(env, "FILANTRIMPACT_PRODUCTION", False),
            language=env.get("FILANTRIMPACT_LANGUAGE") or DEFAULT_LANGUAGE,
            seed_demo=_flag(env, "FILANTRIMPACT_DEMO", True),
            db_pool_size=_number(env, "FILANTRIMPACT_DB_POOL_SIZE", cls.db_pool_size, int),
            db_max_overflow=_number(env, "FILANTRIMPACT_DB_MAX_OVERFLOW", cls.db_max_overflow, int),
            db_pool_timeout=_number(env, "FILANTRIMPACT_DB_POOL_TIMEOUT", cls.db_pool_timeout),
            db_lock_timeout=_number(env, "FILANTRIMPACT_DB_LOCK_TIMEOUT", cls.db_lock_timeout),
            db_statement_timeout=_number(
                env, "FILANTRIMPACT_DB_STATEMENT_TIMEOUT", cls.db_statement_timeout
            ),
            secret_key=env.get("FILANTRIMPACT_SECRET_KEY", ""),
            secure_cookies=(
                _flag(env, "FILANTRIMPACT_SECURE_COOKIES", False)
                if env.get("FILANTRIMPACT_SECURE_COOKIES")
                else None
            ),
            session_hours=_number(env, "FILANTRIMPACT_SESSION_HOURS", cls.session_hours),
            redis_url=env.get("FILANTRIMPACT_REDIS_URL", ""),
            cache_url=env.get("FILANTRIMPACT_CACHE_URL", ""),
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


def _number(env: Mapping[str, str], name: str, default, kind=float):
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return kind(raw)
    except ValueError:
        expected = "a whole number" if kind is int else "a number"
        raise ValueError(f"{name}={raw!r} is not {expected}") from None
