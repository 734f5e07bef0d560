"""Login over HTTP: the gate in front of every route, sessions, rate limits, CSRF, headers."""

from __future__ import annotations

import re
import time

import pytest

from dashboard.app import create_app, create_server
from dashboard.config import Settings
from data_access import accounts
from data_access.viewer import Viewer
from tests.conftest import sqlite_engine
from tests.factory import Portfolio

PASSWORD = "lang-genoeg-wachtwoord"


@pytest.fixture
def site(tmp_path):
    """A database with a project, an admin and a demo account; an app with accounts on."""
    url = f"sqlite:///{tmp_path / 'auth.db'}"
    engine = sqlite_engine(tmp_path / "auth.db")
    portfolio = Portfolio(engine)
    portfolio.grant(portfolio.funder("Fonds Noord"), portfolio.project("Buurtkeuken"), 100)
    accounts.add_user(engine, "beheer", "admin", password=PASSWORD, display_name="Beheerder")
    accounts.add_user(engine, "demo-netwerk", "network", password=PASSWORD, demo=True)
    engine.dispose()
    return url


def serve(url: str, **settings):
    app = create_app(Settings(database_url=url, **settings))
    return app, app.server.test_client()


def csrf_token(client, path: str = "/login") -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page)[1]


def log_in(client, username: str, password: str, **extra):
    token = csrf_token(client)
    form = {"username": username, "password": password, "csrf_token": token}
    return client.post("/login", data=form, **extra)


def test_aut001_anonymous_visitors_get_the_login_page_and_static_files_only(site):
    app, client = serve(site)
    for path in ("/", "/projects", "/projects/1", "/my-projects", "/nowhere?lang=en"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login?next=")
    for path in ("/_dash-layout", "/_dash-dependencies", "/_reload-hash"):
        assert client.get(path).status_code == 401, path
    assert client.post("/_dash-update-component", json={}).status_code == 401
    assert client.get("/login").status_code == 200
    assert client.get("/vendor/bootstrap5/css/bootstrap.min.css").status_code == 200
    assert client.get("/assets/style.css").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_aut002_logging_in_opens_the_app_and_logging_out_closes_it(site):
    app, client = serve(site)
    response = log_in(client, "beheer", PASSWORD)
    assert response.status_code == 303 and response.headers["Location"] == "/"
    assert client.get("/_dash-layout").status_code == 200
    cookie = client.get_cookie("filantrimpact_session")
    assert cookie.http_only and cookie.same_site == "Lax" and not cookie.secure

    token = csrf_token(client)
    assert client.post("/logout", data={"csrf_token": token}).status_code == 303
    assert client.get("/_dash-layout").status_code == 401


def test_aut003_a_failed_login_does_not_say_whether_the_name_exists(site):
    app, client = serve(site)
    wrong = log_in(client, "beheer", "niet-het-wachtwoord")
    unknown = log_in(client, "niemand", "niet-het-wachtwoord", headers={"Accept-Language": "en"})
    assert wrong.status_code == unknown.status_code == 401
    assert "Gebruikersnaam of wachtwoord klopt niet." in wrong.get_data(as_text=True)
    assert "The user name or password is not right." in unknown.get_data(as_text=True)
    assert client.get("/_dash-layout").status_code == 401


def test_aut004_failed_logins_are_limited_per_account(site):
    app, client = serve(site)
    for _ in range(5):
        assert log_in(client, "beheer", "fout-wachtwoord-123").status_code == 401
    refused = log_in(client, "beheer", PASSWORD)  # even the right password waits now
    assert refused.status_code == 429
    assert "Te veel mislukte pogingen" in refused.get_data(as_text=True)
    assert client.get("/_dash-layout").status_code == 401


def test_aut005_failed_logins_are_limited_per_address(site):
    app, client = serve(site)
    for number in range(30):
        log_in(client, f"naam-{number}", "fout-wachtwoord-123")
    assert log_in(client, "beheer", PASSWORD).status_code == 429


def test_aut006_the_login_form_and_logout_need_their_csrf_token(site):
    app, client = serve(site)
    form = {"username": "beheer", "password": PASSWORD}
    refused = client.post("/login", data=form)
    assert refused.status_code == 400
    assert client.get("/_dash-layout").status_code == 401
    log_in(client, "beheer", PASSWORD)
    assert client.post("/logout").status_code == 400  # no token: still logged in
    assert client.get("/_dash-layout").status_code == 200


def test_aut007_a_forged_or_expired_session_cookie_opens_nothing(site, monkeypatch):
    app, client = serve(site)
    client.set_cookie("filantrimpact_session", "eyJfdXNlcl9pZCI6IjEuYWJjIn0.forged.signature")
    assert client.get("/_dash-layout").status_code == 401

    # a session signed long ago: older than the session lifetime
    other = app.server.test_client()
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() - 13 * 3600)
    log_in(other, "beheer", PASSWORD)
    monkeypatch.setattr(time, "time", real_time)
    assert other.get("/_dash-layout").status_code == 401


def test_aut008_a_changed_password_ends_old_sessions(site):
    app, client = serve(site)
    log_in(client, "beheer", PASSWORD)
    engine = app.server.extensions["filantrimpact"]["engine"]
    accounts.set_password(engine, "beheer", "een-heel-nieuw-wachtwoord")
    assert client.get("/_dash-layout").status_code == 401


def test_aut009_demo_accounts_refuse_to_log_in_in_production(site):
    _, development = serve(site)
    assert log_in(development, "demo-netwerk", PASSWORD).status_code == 303
    app, production = serve(site, production=True, secret_key="x" * 40)
    assert log_in(production, "demo-netwerk", PASSWORD).status_code == 401
    assert log_in(production, "beheer", PASSWORD).status_code == 303
    cookie = production.get_cookie("filantrimpact_session")
    assert cookie.secure  # production runs behind HTTPS


def test_aut010_production_needs_a_long_secret_key(monkeypatch, capsys):
    with pytest.raises(ValueError, match="FILANTRIMPACT_SECRET_KEY"):
        Settings(production=True, secret_key="short")
    monkeypatch.setenv("FILANTRIMPACT_PRODUCTION", "1")
    monkeypatch.delenv("FILANTRIMPACT_SECRET_KEY", raising=False)
    with pytest.raises(SystemExit):
        create_server()
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("filantrimpact: FILANTRIMPACT_SECRET_KEY must be set")


def test_aut011_every_response_carries_the_security_headers(site):
    app, client = serve(site)
    for response in (client.get("/login"), client.get("/_dash-layout")):
        headers = response.headers
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert "script-src 'self' 'sha256-" in headers["Content-Security-Policy"]
        assert "unsafe-inline" not in headers["Content-Security-Policy"].split("style-src")[0]
        assert headers["Referrer-Policy"] == "same-origin"


def test_aut012_typed_text_comes_back_as_text_and_next_stays_on_this_site(site):
    app, client = serve(site)
    page = log_in(client, "<script>alert(1)</script>", "x" * 20).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    token = csrf_token(client)
    form = {"username": "beheer", "password": PASSWORD, "csrf_token": token}
    response = client.post("/login?next=//evil.example/", data=form)
    assert response.headers["Location"] == "/"


def test_aut013_the_navbar_names_the_account_and_offers_logout(site):
    app, client = serve(site)
    log_in(client, "beheer", PASSWORD)
    from tests.test_app import navbar_request

    body = navbar_request(app, state={"query": {}, "lang": "en"})
    menu = client.post("/_dash-update-component", json=body).get_json()["response"]
    text = str(menu["account-menu"]["children"])
    assert "Beheerder" in text and "administrator" in text and "/logout" in text


def test_aut014_tests_may_serve_the_app_as_one_viewer_without_accounts(site):
    app = create_app(Settings(database_url=site), viewer_for_request=Viewer.network)
    assert app.server.test_client().get("/_dash-layout").status_code == 200


@pytest.mark.redis
def test_aut015_workers_share_the_login_limits_through_redis(site):
    from tests.conftest import REDIS_URL, require_redis

    redis = require_redis()
    _, first_worker = serve(site, redis_url=REDIS_URL)
    _, second_worker = serve(site, redis_url=REDIS_URL)
    for worker in (first_worker, second_worker, first_worker, second_worker, first_worker):
        assert log_in(worker, "beheer", "fout-wachtwoord-123").status_code == 401
    assert log_in(second_worker, "beheer", PASSWORD).status_code == 429
    assert any(redis.scan_iter(match="*filantrimpact-login*"))
    redis.flushdb()
