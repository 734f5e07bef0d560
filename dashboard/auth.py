"""Accounts on the web: login and logout, the session, and who asks for every request.

Everything but the login page and static files needs a logged-in session; Dash's own routes
answer 401 to anyone else. Passwords and sessions are checked in ``data_access.accounts``.
The login form is plain HTML with a CSRF token, and so is every other POST outside Dash's
callback endpoint; failed logins are rate-limited per account and per address.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import replace
from urllib.parse import urlsplit

from flask import Flask, Response, abort, redirect, render_template_string, request, session
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf

from components.i18n import LANGUAGES, normalise_language, t
from dashboard.config import Settings
from data_access import accounts
from data_access.viewer import Viewer

log = logging.getLogger(__name__)

# Reachable without logging in: the login page, static files, the health check.
PUBLIC_PREFIXES = ("/login", "/assets/", "/_dash-component-suites/", "/vendor/", "/healthz")
PUBLIC_PATHS = ("/favicon.ico",)
DASH_CALLBACK_PATH = "/_dash-update-component"
ACCOUNT_LIMIT = "5 per 10 minutes"
ADDRESS_LIMIT = "30 per 10 minutes"


class SessionUser(UserMixin):
    """The logged-in account as Flask-Login sees it."""

    def __init__(self, account: accounts.Account):
        self.account = account

    def get_id(self) -> str:
        return self.account.session_key


def install(server: Flask, engine, settings: Settings) -> None:
    """Sessions, CSRF, rate limits, the login routes and the gate in front of every route."""
    server.config.update(
        SECRET_KEY=settings.secret_key or secrets.token_hex(32),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.cookies_secure,
        SESSION_COOKIE_NAME="filantrimpact_session",
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=settings.session_hours),
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=settings.cookies_secure,
        # CSRF is checked in the gate below, for every POST but Dash's callbacks.
        WTF_CSRF_CHECK_DEFAULT=False,
        WTF_CSRF_TIME_LIMIT=None,
    )
    csrf = CSRFProtect(server)
    logins = LoginManager(server)
    logins.session_protection = "strong"

    @logins.user_loader
    def load(session_key: str) -> SessionUser | None:
        account = accounts.load_account(engine, session_key)
        if account is None or (account.demo and settings.production):
            return None
        return SessionUser(account)

    limiter = Limiter(
        get_remote_address,
        app=server,
        storage_uri=settings.redis_url or "memory://",
        key_prefix="filantrimpact-login",
        headers_enabled=False,
    )

    @server.before_request
    def gate():
        path = request.path
        if request.method == "POST" and path != DASH_CALLBACK_PATH:
            csrf.protect()
        if path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES):
            return None
        if current_user.is_authenticated:
            return None
        if path.startswith("/_dash") or path.startswith("/_reload"):
            return Response("login required", status=401, mimetype="text/plain")
        return redirect("/login?next=" + _local_target(request.full_path))

    @server.errorhandler(CSRFError)
    def csrf_failed(_error):
        lang = _language(settings)
        return _login_page(lang, t("login.expired", lang), status=400)

    @server.errorhandler(RateLimitExceeded)
    def too_many(_error):
        lang = _language(settings)
        log.warning("login rate limit reached for %s", get_remote_address())
        return _login_page(lang, t("login.too_many", lang), status=429)

    failed = {"deduct_when": lambda response: response.status_code == 401}

    @server.route("/login", methods=["GET", "POST"])
    @limiter.limit(ADDRESS_LIMIT, methods=["POST"], **failed)
    @limiter.limit(ACCOUNT_LIMIT, key_func=_login_name, methods=["POST"], **failed)
    def login():
        lang = _language(settings)
        if request.method == "GET":
            return _login_page(lang)
        login_name = _login_name()
        password = request.form.get("password", "")[:1000]
        account = accounts.authenticate(
            engine, login_name, password, allow_demo=not settings.production
        )
        if account is None:
            log.info("failed login from %s", get_remote_address())
            return _login_page(lang, t("login.failed", lang), status=401, login=login_name)
        session.permanent = True  # ends after the session lifetime
        login_user(SessionUser(account))
        return redirect(_local_target(request.args.get("next", "/")), code=303)

    @server.post("/logout")
    def logout():
        logout_user()
        return redirect("/login", code=303)


def current_viewer() -> Viewer:
    """The viewer of this request: the logged-in account (the gate keeps everyone else out)."""
    if not current_user.is_authenticated:
        abort(401)
    account = current_user.account
    return replace(account.viewer, name=account.display_name or account.login)


def current_account() -> accounts.Account | None:
    return current_user.account if current_user.is_authenticated else None


def csrf_token() -> str:
    return generate_csrf()


def _login_name() -> str:
    return request.form.get("username", "").strip().lower()[:120]


def _local_target(target: str | None) -> str:
    """Only paths on this site: a link must not send someone elsewhere after logging in."""
    target = target or "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target.rstrip("?") or "/"


def _language(settings: Settings) -> str:
    asked = request.args.get("lang") or request.form.get("lang")
    if asked in LANGUAGES:
        return asked
    best = request.accept_languages.best_match(LANGUAGES)
    return normalise_language(best, settings.language)


def _login_page(lang: str, message: str = "", status: int = 200, login: str = "") -> Response:
    html = render_template_string(
        LOGIN_PAGE,
        lang=lang,
        title=t("login.title", lang),
        intro=t("login.intro", lang),
        username_label=t("login.username", lang),
        password_label=t("login.password", lang),
        submit=t("login.submit", lang),
        message=message,
        login=login,
        csrf=generate_csrf(),
        next=_local_target(request.args.get("next", "/")),
        languages=[(code, t(f"language.{code}", code)) for code in LANGUAGES],
    )
    return Response(html, status=status, mimetype="text/html")


# Autoescaped by Jinja: whatever was typed comes back as text.
LOGIN_PAGE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{{ title }} – FilantrImpact</title>
  <link rel="stylesheet" href="/vendor/bootstrap5/css/bootstrap.min.css">
  <link rel="stylesheet" href="/assets/style.css">
</head>
<body class="login-body">
  <main class="login-card card" id="main">
    <div class="card-body">
      <p class="brand"><span class="brand-a">Filantr</span>Impact</p>
      <h1 class="page-title">{{ title }}</h1>
      <p class="page-subtitle">{{ intro }}</p>
      {% if message %}<div class="alert alert-warning" role="alert">{{ message }}</div>{% endif %}
      <form method="post" action="/login?next={{ next | urlencode }}&amp;lang={{ lang }}">
        <input type="hidden" name="csrf_token" value="{{ csrf }}">
        <input type="hidden" name="lang" value="{{ lang }}">
        <label class="form-label" for="username">{{ username_label }}</label>
        <input class="form-control mb-3" id="username" name="username" autocomplete="username"
               value="{{ login }}" required autofocus>
        <label class="form-label" for="password">{{ password_label }}</label>
        <input class="form-control mb-4" id="password" name="password" type="password"
               autocomplete="current-password" required>
        <button class="btn btn-primary w-100" type="submit">{{ submit }}</button>
      </form>
      <nav class="login-languages" aria-label="Language">
        {% for code, name in languages %}
        <a href="/login?lang={{ code }}&amp;next={{ next | urlencode }}" lang="{{ code }}"
           {% if code == lang %}aria-current="true"{% endif %}>{{ name }}</a>
        {% endfor %}
      </nav>
    </div>
  </main>
</body>
</html>
"""
