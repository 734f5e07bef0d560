"""Accounts: passwords, logging in, sessions that end with a new password, scopes, demo
accounts (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select, update

from components.texts.accounts import TEXTS
from data_access import accounts
from data_access.accounts import AccountError
from data_access.demo import DEMO_ACCOUNTS, seed_demo
from data_access.models import User, UserScope
from data_access.viewer import Viewer

PASSWORD = "lange-zomeravond-7"
OTHER_PASSWORD = "koude-winternacht-3"
# Cheap parameters: every test hashes, and the real cost (~0.1 s a hash) adds nothing here.
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch):
    """Hash with cheap argon2 parameters in these tests."""
    monkeypatch.setattr(accounts, "_hasher", FAST_HASHER)


@pytest.fixture
def scoped(portfolio):
    """Two funders and two projects to give accounts scopes on: ids (f1, f2, p1, p2)."""
    f1, f2 = portfolio.funder("Fonds Een"), portfolio.funder("Fonds Twee")
    p1, p2 = portfolio.project("Project Een"), portfolio.project("Project Twee")
    return f1, f2, p1, p2


def add(engine, login="anna", role="admin", **kwargs) -> int:
    return accounts.add_user(
        engine, login, role, password=kwargs.pop("password", PASSWORD), **kwargs
    )


def test_act001_an_added_account_logs_in_and_its_session_loads(engine):
    user_id = add(engine, "anna", "admin", display_name="Anna Peeters")
    account = accounts.authenticate(engine, "anna", PASSWORD)
    assert account is not None
    assert (account.id, account.login, account.display_name, account.role) == (
        user_id,
        "anna",
        "Anna Peeters",
        "admin",
    )
    assert account.demo is False
    assert account.viewer == Viewer.admin()
    number, fingerprint = account.session_key.split(".")
    assert int(number) == user_id and len(fingerprint) == 16
    assert accounts.load_account(engine, account.session_key) == account
    # The login form lowercases; a login is found whatever case was typed.
    assert accounts.authenticate(engine, " Anna ", PASSWORD) == account


class CountingHasher(PasswordHasher):
    """Records which hashes passwords were checked against."""

    def __init__(self):
        super().__init__(time_cost=1, memory_cost=1024, parallelism=1)
        self.checked: list[str] = []

    def verify(self, password_hash, password):
        self.checked.append(password_hash)
        return super().verify(password_hash, password)


def test_act002_wrong_password_and_unknown_login_look_the_same(engine, monkeypatch):
    add(engine, "anna")
    hasher = CountingHasher()
    monkeypatch.setattr(accounts, "_hasher", hasher)
    assert accounts.authenticate(engine, "anna", OTHER_PASSWORD) is None
    assert accounts.authenticate(engine, "bert", PASSWORD) is None
    assert accounts.authenticate(engine, "", "") is None
    # An unknown login is checked against a hash too, so it takes as long as a wrong password.
    assert len(hasher.checked) == 3


def test_act003_an_inactive_account_is_refused(engine):
    add(engine, "anna")
    session_key = accounts.authenticate(engine, "anna", PASSWORD).session_key
    with engine.begin() as conn:
        conn.execute(update(User).where(User.login == "anna").values(active=False))
    assert accounts.authenticate(engine, "anna", PASSWORD) is None
    assert accounts.load_account(engine, session_key) is None
    assert accounts.list_users(engine)[0]["active"] is False


def test_act004_demo_accounts_are_refused_when_demo_is_not_allowed(engine):
    add(engine, "demo-beheer", demo=True)
    assert accounts.authenticate(engine, "demo-beheer", PASSWORD).demo is True
    assert accounts.authenticate(engine, "demo-beheer", PASSWORD, allow_demo=False) is None
    add(engine, "echte-beheer")
    assert accounts.authenticate(engine, "echte-beheer", PASSWORD, allow_demo=False) is not None


def test_act005_a_new_password_ends_the_old_sessions(engine):
    add(engine, "anna")
    old = accounts.authenticate(engine, "anna", PASSWORD)
    accounts.set_password(engine, "anna", OTHER_PASSWORD)
    assert accounts.load_account(engine, old.session_key) is None
    assert accounts.authenticate(engine, "anna", PASSWORD) is None
    new = accounts.authenticate(engine, "anna", OTHER_PASSWORD)
    assert new.session_key != old.session_key
    assert accounts.load_account(engine, new.session_key) == new


def test_act006_a_removed_account_and_its_scopes_are_gone(engine, scoped):
    f1, f2, _p1, _p2 = scoped
    add(engine, "anna", "funder", funder_ids=[f1, f2])
    session_key = accounts.authenticate(engine, "anna", PASSWORD).session_key
    accounts.remove_user(engine, "anna")
    assert accounts.authenticate(engine, "anna", PASSWORD) is None
    assert accounts.load_account(engine, session_key) is None
    assert accounts.list_users(engine) == []
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(UserScope)) == 0
    with pytest.raises(AccountError, match="no account with login 'anna'") as error:
        accounts.remove_user(engine, "anna")
    assert error.value.key == "account.unknown_login"


def test_act007_a_login_is_taken_once_whatever_its_case(engine):
    add(engine, "anna")
    with pytest.raises(AccountError, match="login 'anna' is already taken") as error:
        add(engine, "ANNA", "network")
    assert (error.value.key, error.value.values) == ("account.login_taken", {"login": "anna"})
    assert [user["login"] for user in accounts.list_users(engine)] == ["anna"]


@pytest.mark.parametrize(
    ("role", "kind", "message"),
    [
        ("funder", "funder_ids", "unknown funder id: 99"),
        ("project", "project_ids", "unknown project id: 99"),
    ],
)
def test_act008_unknown_funders_and_projects_are_named(engine, scoped, role, kind, message):
    f1, _f2, p1, _p2 = scoped
    known = f1 if role == "funder" else p1
    with pytest.raises(AccountError, match=message) as error:
        add(engine, "anna", role, **{kind: [known, 99]})
    assert error.value.key == f"account.unknown_{role}"
    assert error.value.values == {"ids": "99"}
    with pytest.raises(AccountError, match=f"unknown {role} id: -1, 0, 99999999999$"):
        add(engine, "anna", role, **{kind: [known, 0, -1, 99_999_999_999]})
    assert accounts.list_users(engine) == []  # nothing half-written


@pytest.mark.parametrize(
    ("role", "funder_ids", "project_ids", "key", "message"),
    [
        ("funder", (), (), "account.funder_needs_funder", "a funder account needs at least"),
        ("project", (), (), "account.project_needs_project", "a project account needs at least"),
        ("admin", (1,), (), "account.no_funder_for_role", "role admin take no funder ids"),
        ("network", (), (1,), "account.no_project_for_role", "role network take no project"),
        ("funder", (1,), (1,), "account.no_project_for_role", "role funder take no project ids"),
        ("project", (1,), (1,), "account.no_funder_for_role", "role project take no funder ids"),
        ("boss", (), (), "account.unknown_role", "unknown role 'boss'"),
    ],
)
def test_act009_scopes_must_fit_the_role(engine, role, funder_ids, project_ids, key, message):
    with pytest.raises(AccountError, match=message) as error:
        add(engine, "anna", role, funder_ids=funder_ids, project_ids=project_ids)
    assert error.value.key == key


@pytest.mark.parametrize(
    ("password", "login", "problems"),
    [
        ("lange-zomeravond-7", "anna", []),
        ("kort-7", "anna", ["a password needs at least 12 characters"]),
        ("", "anna", ["a password needs at least 12 characters"]),
        ("anna.peeters", "anna.peeters", ["a password must not contain the login"]),
        ("mijn-ANNA-wachtwoord", "anna", ["a password must not contain the login"]),
        ("zomer-an-avond-7", "an", []),  # a two-letter login is not searched for
        ("aaaaaaaaaaaaaaaa", "anna", ["a password must not repeat one character"]),
        ("Password1234", "anna", ["this password is one of the first ones guessed"]),
        ("wachtwoord123", "anna", ["this password is one of the first ones guessed"]),
        (
            "xxxx",
            "anna",
            [
                "a password needs at least 12 characters",
                "a password must not repeat one character",
            ],
        ),
    ],
)
def test_act010_weak_passwords_are_named(password, login, problems):
    assert accounts.password_problems(password, login) == problems


def test_act010b_a_weak_password_is_refused_with_its_reason(engine):
    with pytest.raises(AccountError, match="weak password: a password needs at least 12") as error:
        add(engine, "anna", password="kort")
    assert (error.value.key, error.value.values) == ("account.password_too_short", {"min": 12})
    add(engine, "anna")
    with pytest.raises(AccountError, match="must not contain the login"):
        accounts.set_password(engine, "anna", "anna-anna-anna")
    with pytest.raises(AccountError, match="no account with login 'bert'"):
        accounts.set_password(engine, "bert", OTHER_PASSWORD)


def test_act011_the_viewer_follows_role_and_scopes(engine, scoped):
    f1, f2, p1, p2 = scoped
    add(engine, "fonds", "funder", funder_ids=[f2, f1, f1])
    add(engine, "lead", "project", project_ids=[p2])
    add(engine, "netwerk", "network")
    viewers = {
        login: accounts.authenticate(engine, login, PASSWORD).viewer
        for login in ("fonds", "lead", "netwerk")
    }
    assert viewers == {
        "fonds": Viewer.funder(f1, f2),
        "lead": Viewer.project(p2),
        "netwerk": Viewer.network(),
    }
    assert accounts.list_users(engine) == [
        {
            "login": "fonds",
            "display_name": "",
            "role": "funder",
            "active": True,
            "demo": False,
            "funder_ids": [f1, f2],
            "project_ids": [],
        },
        {
            "login": "lead",
            "display_name": "",
            "role": "project",
            "active": True,
            "demo": False,
            "funder_ids": [],
            "project_ids": [p2],
        },
        {
            "login": "netwerk",
            "display_name": "",
            "role": "network",
            "active": True,
            "demo": False,
            "funder_ids": [],
            "project_ids": [],
        },
    ]


@pytest.mark.parametrize(
    "password_hash",
    [
        None,
        "",
        "garbage",
        "$argon2id$v=19$m=65536,t=3,p=4$zzz$yyy",
        "$2b$12$KIXQJ8y7Qm1p6Zl6Zl6Zl.u0dQ1bLwq7r8iW9o1X0E3pBq3Hh4a2K",
    ],
)
def test_act012_a_malformed_hash_never_matches_and_never_raises(password_hash):
    assert accounts.verify_password(password_hash, PASSWORD) is False


def test_act012b_hash_and_verify_agree():
    password_hash = accounts.hash_password(PASSWORD)
    assert password_hash.startswith("$argon2id$")
    assert accounts.verify_password(password_hash, PASSWORD)
    assert not accounts.verify_password(password_hash, OTHER_PASSWORD)
    assert accounts.hash_password(PASSWORD) != password_hash  # a fresh salt each time


def test_act013_malformed_session_keys_load_nothing(engine):
    user_id = add(engine, "anna")
    good = accounts.authenticate(engine, "anna", PASSWORD).session_key
    fingerprint = good.split(".")[1]
    for session_key in (
        "",
        "anna",
        str(user_id),
        f"{user_id}.",
        f"{user_id}.{'0' * 16}",
        f"{user_id + 1}.{fingerprint}",
        f"{'9' * 18}.{fingerprint}",
        f"{'9' * 30}.{fingerprint}",
        f"-{user_id}.{fingerprint}",
        f"{user_id}.{fingerprint}é",
        f"١.{fingerprint}",  # a digit, but not an ASCII one
        f"{user_id}.{fingerprint}.x",
        None,
    ):
        assert accounts.load_account(engine, session_key) is None, session_key
    assert accounts.load_account(engine, good) is not None


def test_act014_a_hash_with_old_parameters_is_renewed_at_login(engine):
    add(engine, "anna")
    old_hash = PasswordHasher(time_cost=2, memory_cost=1024, parallelism=1).hash(PASSWORD)
    with engine.begin() as conn:
        conn.execute(update(User).where(User.login == "anna").values(password_hash=old_hash))
    account = accounts.authenticate(engine, "anna", PASSWORD)
    with engine.connect() as conn:
        stored = conn.scalar(select(User.password_hash).where(User.login == "anna"))
    assert stored != old_hash
    assert not FAST_HASHER.check_needs_rehash(stored)
    assert accounts.load_account(engine, account.session_key) == account


@pytest.mark.parametrize("login", ["", "  ", "anna peeters", "-anna", "a" * 121, "anna;drop"])
def test_act015_malformed_logins_are_refused(engine, login):
    with pytest.raises(AccountError, match="a login is 1 to 120") as error:
        add(engine, login)
    assert error.value.key == "account.invalid_login"


def test_act016_every_error_is_translated(engine, scoped):
    """Each AccountError key has a text in every language, filled by the error's values."""
    f1, _f2, _p1, _p2 = scoped
    add(engine, "anna")
    attempts = [
        lambda: add(engine, "anna"),
        lambda: add(engine, "bad login"),
        lambda: add(engine, "bert", "boss"),
        lambda: add(engine, "bert", "funder"),
        lambda: add(engine, "bert", "project"),
        lambda: add(engine, "bert", "admin", funder_ids=[f1]),
        lambda: add(engine, "bert", "admin", project_ids=[f1]),
        lambda: add(engine, "bert", "funder", funder_ids=[99]),
        lambda: add(engine, "bert", "project", project_ids=[99]),
        lambda: add(engine, "bert", display_name="x" * 201),
        lambda: accounts.remove_user(engine, "bert"),
    ]
    for password in ("kort", "bert-bert-bert", "cccccccccccccc", "password1234"):
        attempts.append(lambda password=password: add(engine, "bert", password=password))
    keys = set()
    for attempt in attempts:
        with pytest.raises(AccountError) as error:
            attempt()
        assert "\n" not in str(error.value)
        keys.add(error.value.key)
        for language in ("nl", "en", "fr"):
            assert TEXTS[error.value.key][language].format(**error.value.values)
    assert len(keys) == len(attempts)  # every case had a key of its own


def test_act017_demo_data_has_one_demo_login_per_role(engine):
    seed_demo(engine, "small", seed=3)
    roles = {}
    for login, password in DEMO_ACCOUNTS.items():
        assert not accounts.password_problems(password, login), login
        account = accounts.authenticate(engine, login, password)
        assert account is not None and account.demo, login
        roles[account.role] = account.viewer
        assert accounts.authenticate(engine, login, password, allow_demo=False) is None
    assert set(roles) == {"admin", "funder", "project", "network"}
    assert len(roles["funder"].funder_ids) == 1 and len(roles["project"].project_ids) == 1
    users = accounts.list_users(engine)
    assert all(user["demo"] for user in users)
    with engine.connect() as conn:
        with_password = set(conn.scalars(select(User.login).where(User.password_hash.is_not(None))))
    assert with_password == set(DEMO_ACCOUNTS)
