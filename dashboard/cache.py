"""Answers of the views, cached: in Redis when ``FILANTRIMPACT_CACHE_URL`` is set (shared by
every worker), else in this process.

An entry is keyed by the page, the viewer's scope (``scope.cache_key``), the inputs and the
data version (bumped with every change to the data, in the same transaction), so a viewer
never gets another scope's answer and nobody gets an answer from before a change. Entries
hold the callback's outputs as JSON, which is what the browser receives anyway.

When Redis is down the app answers without the cache and says so in the log once, then
tries again after a short pause.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Hashable

from flask import Flask
from flask_caching import Cache
from plotly.io.json import to_json_plotly
from sqlalchemy import Engine

from data_access import rollups, scope
from data_access.viewer import Viewer

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 3600
RETRY_AFTER_SECONDS = 30


class ViewCache:
    """Get a view's outputs from the cache, or compute and keep them."""

    def __init__(self, server: Flask, engine: Engine, url: str = ""):
        self.engine = engine
        if url:
            config = {
                "CACHE_TYPE": "RedisCache",
                "CACHE_REDIS_URL": url,
                "CACHE_OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
            }
        else:
            config = {"CACHE_TYPE": "SimpleCache", "CACHE_THRESHOLD": 2000}
        config.update(CACHE_KEY_PREFIX="filantrimpact:", CACHE_DEFAULT_TIMEOUT=TIMEOUT_SECONDS)
        self.kind = "redis" if url else "in-process"
        self._cache = Cache(server, config=config)
        self._down_since: float | None = None

    def outputs(
        self, page: str, viewer: Viewer, inputs: tuple[Hashable, ...], compute: Callable[[], dict]
    ) -> dict:
        """The outputs for ``inputs`` as seen by ``viewer``: from the cache when the data has
        not changed since they were kept, else ``compute()`` (and kept)."""
        with self.engine.connect() as conn:
            version = rollups.current_version(conn)
        key = self._key(page, viewer, inputs, version)
        cached = self._call(self._cache.get, key)
        if cached is not None:
            return json.loads(cached)
        text = to_json_plotly(compute())
        self._call(self._cache.set, key, text)
        return json.loads(text)

    def clear(self) -> None:
        """Forget every entry (the benchmark's cold runs)."""
        self._call(self._cache.clear)

    @staticmethod
    def _key(page: str, viewer: Viewer, inputs: tuple, version: int) -> str:
        raw = json.dumps([page, scope.cache_key(viewer), repr(inputs), version])
        return f"{page}:{hashlib.sha256(raw.encode()).hexdigest()}"

    def _call(self, operation, *args):
        """One cache operation; with Redis down, nothing (and one line in the log)."""
        if self._down_since and time.monotonic() - self._down_since < RETRY_AFTER_SECONDS:
            return None
        try:
            result = operation(*args)
        except Exception as error:  # any failure of the cache server: answer without it
            if self._down_since is None:
                log.warning("cache unavailable (%s); answering without it", error)
            self._down_since = time.monotonic()
            return None
        if self._down_since is not None:
            log.info("cache available again")
            self._down_since = None
        return result
