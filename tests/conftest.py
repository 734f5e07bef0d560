"""Shared fixtures: databases (SQLite always, PostgreSQL where reachable), a fixed today."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import text

from data_access import scope
from data_access.db import make_engine, upgrade
from tests.factory import Portfolio

POSTGRES_URL = os.environ.get(
    "FILANTRIMPACT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

REDIS_URL = os.environ.get("FILANTRIMPACT_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

_postgres_error: list[str | None] = []


def postgres_unreachable() -> str | None:
    """Why PostgreSQL cannot be used here, or None when it can (asked once per run)."""
    if not _postgres_error:
        try:
            probe = make_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
            with probe.connect() as conn:
                conn.execute(text("SELECT 1"))
            probe.dispose()
            _postgres_error.append(None)
        except Exception as error:  # any failure to connect means: not reachable
            _postgres_error.append(f"PostgreSQL at {POSTGRES_URL} is not reachable: {error}")
    return _postgres_error[0]


def require_postgres() -> None:
    reason = postgres_unreachable()
    if reason:
        if IN_CI:
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)


def require_redis():
    """A Redis client on the test database (emptied), or a skip (a failure under CI=true)."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.RedisError as error:
        reason = f"Redis at {REDIS_URL} is not reachable: {error}"
        if IN_CI:
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    client.flushdb()
    return client


def sqlite_engine(path):
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    return engine


class PostgresSchema:
    """A fresh PostgreSQL schema, migrated, dropped again afterwards."""

    def __init__(self):
        require_postgres()
        self.name = f"test_{uuid.uuid4().hex[:12]}"
        self.admin = make_engine(POSTGRES_URL)
        with self.admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{self.name}"'))
        self.engine = make_engine(
            POSTGRES_URL, connect_args={"options": f"-csearch_path={self.name}"}
        )
        upgrade(self.engine)

    def drop(self) -> None:
        self.engine.dispose()
        with self.admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{self.name}" CASCADE'))
        self.admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request, tmp_path):
    """An empty, migrated database: SQLite, and PostgreSQL where it is reachable. Guarded as
    the app's engine is: a query that bypasses ``data_access.scope`` fails its test."""
    if request.param == "sqlite":
        engine = scope.install_guard(sqlite_engine(tmp_path / "test.db"))
        yield engine
        engine.dispose()
    else:
        schema = PostgresSchema()
        yield scope.install_guard(schema.engine)
        schema.drop()


@pytest.fixture(autouse=True)
def _fresh_dash_registries():
    """Dash keeps page and callback registries per process; every test starts without them
    (the app itself registers nothing there, so this guards against a regression)."""
    import dash._callback
    import dash._pages

    dash._pages.PAGE_REGISTRY.clear()
    dash._callback.GLOBAL_CALLBACK_LIST.clear()
    dash._callback.GLOBAL_CALLBACK_MAP.clear()
    yield
    dash._pages.PAGE_REGISTRY.clear()


@pytest.fixture
def portfolio(engine) -> Portfolio:
    """A hand-made portfolio builder on the ``engine`` fixture's database."""
    return Portfolio(engine)


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory) -> str:
    """A SQLite file with the small demo portfolio (seed 7), built once per test run."""
    from data_access.demo import seed_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    engine = sqlite_engine(path)
    seed_demo(engine, "small", seed=7)
    engine.dispose()
    return f"sqlite:///{path}"


def pytest_setup_options():
    """Chromium for dash[testing]: headless-friendly flags, no calls to outside services."""
    import shutil

    from selenium.webdriver.chrome.options import Options

    options = Options()
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary:
        options.binary_location = binary
    for argument in (
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1600,1000",
    ):
        options.add_argument(argument)
    return options


@pytest.fixture(scope="module")
def charts_without_chromium():
    """The board pack's charts drawn as a blank picture, for modules that send every callback
    many requests: starting Chromium for each would take minutes, and a PDF's names are not
    in its base64 answer anyway. tests/test_board_pack.py draws them for real and reads the
    PDF back."""
    import io

    from PIL import Image

    from components import board_pack

    picture = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(picture, format="PNG")

    def blank(charts):
        return {key: picture.getvalue() for key in charts}

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(board_pack, "render_charts", blank)
        yield
