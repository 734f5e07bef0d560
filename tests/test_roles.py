"""Every role through HTTP with a real login: forged requests naming what lies outside the
role's scope get none of it back, and each role's figures match an independent count."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from sqlalchemy import text

from dashboard.app import create_app
from dashboard.config import Settings
from data_access import accounts, scope
from tests.conftest import sqlite_engine
from tests.factory import Portfolio
from tests.test_auth import log_in
from tests.test_fuzz import _body, _slots

# Every callback gets forged requests, the board pack too: its charts drawn blank.
pytestmark = pytest.mark.usefixtures("charts_without_chromium")

THIS_YEAR = dt.date.today().year
PASSWORD = "een-lang-wachtwoord"
# What only an administrator may ever see: names and figures of one private project of
# another funder, and an anonymous funder's name.
SECRETS = ("Geheim Zuidproject", "Geheime indicator", "Geheim verhaal", "987.654", "987654")
ANONYMOUS = ("Stille Stichting",)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    folder = tmp_path_factory.mktemp("roles")
    engine = sqlite_engine(folder / "roles.db")
    portfolio = Portfolio(engine)
    start, end = dt.date(THIS_YEAR - 1, 1, 1), dt.date(THIS_YEAR + 2, 1, 1)
    north = portfolio.funder("Fonds Noord", named=True)
    south = portfolio.funder("Fonds Zuid", named=True)
    silent = portfolio.funder("Stille Stichting", named=False)

    def project(name, funder, amount, visibility="network", theme="people", sub="health"):
        pid = portfolio.project(
            name, theme=theme, sub_theme=sub, start=start, end=end, visibility=visibility
        )
        portfolio.grant(funder, pid, amount, awarded=start)
        indicator = portfolio.indicator(pid, target=100, baseline_date=start, target_date=end)
        portfolio.measure(indicator, dt.date(THIS_YEAR - 1, 12, 31), 40)
        return pid, indicator

    own, _ = project("Buurtkeuken", north, 10_000)
    for number in range(3):
        project(f"Gedeeld {number}", north, 20_000)
    secret, secret_indicator = project("Geheim Zuidproject", south, 987_654, "private", "society")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO story (project_id, period_end, title, text, author) "
                "VALUES (:p, :d, 'Geheim verhaal', 'niet voor anderen', 'x')"
            ),
            {"p": secret, "d": dt.date(THIS_YEAR - 1, 12, 31)},
        )
    for name in ("Stil A", "Stil B", "Stil C"):
        project(name, silent, 31_337, theme="environment", sub="climate")
    logins = {
        "admin": dict(role="admin"),
        "funder": dict(role="funder", funder_ids=(north,)),
        "project": dict(role="project", project_ids=(own,)),
        "network": dict(role="network"),
    }
    for login, details in logins.items():
        accounts.add_user(engine, login, password=PASSWORD, **details)
    engine.dispose()
    return {
        "url": f"sqlite:///{folder / 'roles.db'}",
        "ids": {"north": north, "south": south, "silent": silent, "own": own},
        "forged": [
            secret,
            [secret],
            secret_indicator,
            [secret_indicator],
            [south, silent],
            silent,
            f"?funder={south},{silent}&lang=nl",
        ],
    }


@pytest.fixture(scope="module")
def sessions(world):
    """One app with accounts; a logged-in client per role."""
    app = create_app(Settings(database_url=world["url"]))
    clients = {}
    for role in ("admin", "funder", "project", "network"):
        client = app.server.test_client()
        assert log_in(client, role, PASSWORD).status_code == 303
        clients[role] = client
    return app, clients


def callbacks(admin) -> dict[str, dict]:
    """The server-side callbacks as the app lists them to a logged-in browser."""
    listed = admin.get("/_dash-dependencies").get_json()
    return {dep["output"]: dep for dep in listed if not dep.get("clientside_function")}


def test_rol001_anonymous_requests_to_every_callback_are_refused(world, sessions):
    app, clients = sessions
    anonymous = app.server.test_client()
    deps = callbacks(clients["admin"])
    assert len(deps) >= 10
    for name, dep in deps.items():
        keys, defaults = _slots(dep)
        response = anonymous.post("/_dash-update-component", json=_body(dep, defaults, keys[:1]))
        assert response.status_code == 401, name
        assert "Buurtkeuken" not in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["funder", "project", "network"])
def test_rol002_forged_requests_leak_nothing_outside_the_role_s_scope(world, sessions, role):
    app, clients = sessions
    client = clients[role]
    answered = 0
    for name, dep in callbacks(clients["admin"]).items():
        keys, defaults = _slots(dep)
        for position, key in enumerate(keys):
            changed = [key] if position < len(dep["inputs"]) else keys[:1]
            for value in world["forged"]:
                values = [*defaults]
                values[position] = value
                response = client.post("/_dash-update-component", json=_body(dep, values, changed))
                assert response.status_code in (200, 204), (name, key, value)
                body = response.get_data(as_text=True)
                leaked = [word for word in SECRETS + ANONYMOUS if word in body]
                assert not leaked, (role, name, key, value, leaked)
                answered += response.status_code == 200
    assert answered > 50


def portfolio_body(app, funders=()) -> dict:
    from tests.test_app import portfolio_request

    return portfolio_request(app, **{"filter-funder": list(funders)})


def kpis(client, app, funders=()) -> tuple[str, str]:
    response = client.post("/_dash-update-component", json=portfolio_body(app, funders))
    body = response.get_json()["response"]
    value = lambda key: body[key]["children"][0]["props"]["children"]  # noqa: E731
    return value("kpi-projects"), value("kpi-money")


def independent_figures(world, where: str, grants: str = "1=1") -> tuple[str, str]:
    """Projects and money for a scope, counted with plain SQL (not the app's queries)."""
    from data_access.db import make_engine

    engine = make_engine(world["url"])
    with scope.trusted(engine.connect()) as conn:
        projects = conn.execute(text(f"SELECT count(*) FROM project p WHERE {where}")).scalar()
        money = conn.execute(
            text(
                f'SELECT coalesce(sum(g.amount_eur), 0) FROM "grant" g JOIN project p '
                f"ON p.id = g.project_id WHERE {where} AND {grants}"
            )
        ).scalar()
    engine.dispose()
    return str(projects), f"€\u00a0{int(money):,}".replace(",", ".")


def test_rol003_each_role_s_key_figures_match_an_independent_count(world, sessions):
    app, clients = sessions
    ids = world["ids"]
    funded_by_north = f'p.id IN (SELECT project_id FROM "grant" WHERE funder_id = {ids["north"]})'
    expected = {
        "admin": independent_figures(world, "1=1"),
        "funder": independent_figures(world, funded_by_north, f"g.funder_id = {ids['north']}"),
        "project": independent_figures(world, f"p.id = {ids['own']}"),
        "network": independent_figures(world, "p.visibility IN ('network', 'public')"),
    }
    for role, client in clients.items():
        assert kpis(client, app) == expected[role], role
    assert expected["project"] == ("1", "€\u00a010.000")
    assert expected["network"][0] == "7"  # the private project is not counted


def test_rol004_a_project_lead_sees_no_other_project_and_cannot_open_admin_pages(world, sessions):
    app, clients = sessions
    lead = clients["project"]
    # the lead's portfolio is its own project, whatever funder the request names
    assert kpis(lead, app, [world["ids"]["south"]]) == ("1", "€\u00a010.000")
    network = clients["network"]
    from tests.test_app import route_request

    for path in ("/projects", f"/projects/{world['ids']['own']}"):
        page = network.post("/_dash-update-component", json=route_request(app, path))
        assert "Deze pagina bestaat niet." in json.dumps(page.get_json()["response"])


@pytest.mark.parametrize("role", ["funder", "project"])
def test_rol005_another_project_s_page_is_not_found_exactly_like_a_missing_one(
    world, sessions, role
):
    from tests.test_app import route_request

    app, clients = sessions
    client = clients[role]
    secret = world["forged"][0]

    def answer(path: str) -> str:
        response = client.post("/_dash-update-component", json=route_request(app, path))
        assert response.status_code == 200
        return response.get_data(as_text=True)

    own = answer(f"/projects/{world['ids']['own']}")
    assert "project-charts" in own
    hidden, missing = answer(f"/projects/{secret}"), answer("/projects/999999")
    assert hidden == missing == answer("/projects/abc")
    assert "Deze pagina bestaat niet." in hidden

    def shell(path: str) -> str:
        page = client.get(path)  # the same page shell either way; the router decides
        assert page.status_code == 200
        # Each answer carries fresh one-time values (a CSRF token, Dash's request id); the
        # rest must be the same.
        text = re.sub(r'csrf_token"?:? ?[:=] ?"[^"]+"', "csrf", page.get_data(as_text=True))
        return re.sub(r'_id":"[A-Za-z0-9]+~[0-9a-f]+"', "one-time", text)

    assert shell(f"/projects/{secret}") == shell("/projects/999999")
