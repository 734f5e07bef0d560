"""Accounts: who may log in, with which password, and as which viewer.

Passwords are stored as argon2 hashes only. A session is remembered by a key that names the
account and a fingerprint of its password hash, so changing a password ends every session
made with the old one. Account tables hold no project data; checking that a funder or
project exists does, and goes through ``scope.trusted``.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from data_access import scope
from data_access.models import Funder, Project, User, UserScope
from data_access.viewer import Viewer
from data_access.vocabulary import ROLES

MIN_PASSWORD_LENGTH = 12
MAX_LOGIN_LENGTH = 120
MAX_DISPLAY_NAME_LENGTH = 200
MAX_ID = 2**31 - 1  # ids are 32-bit INTEGERs
# Logins are kept in lower case (the login form lowercases what is typed); e-mail addresses
# fit, spaces and other surprises do not.
LOGIN_PATTERN = re.compile(r"[a-z0-9][a-z0-9._@+-]*")
# A login shorter than this is not searched for inside passwords ("an" would forbid a lot).
MIN_LOGIN_LENGTH_TO_SEARCH = 3
# Passwords long enough to pass the length rule that are still the first ones guessed.
COMMON_PASSWORDS = frozenset(
    {
        "123456789012",
        "1234567890123",
        "12345678901234",
        "123456789abc",
        "abcdefghijkl",
        "qwertyuiopas",
        "qwertyuiop12",
        "qwertyuiop123",
        "1q2w3e4r5t6y",
        "passwordpassword",
        "password1234",
        "password12345",
        "password123456",
        "wachtwoord123",
        "wachtwoord1234",
        "motdepasse123",
        "iloveyou1234",
        "welcome12345",
        "letmein12345",
        "administrator",
        "filantrimpact",
        "changeme1234",
    }
)

# The scope each role needs (funder or project ids); other roles take none.
_NEEDED_SCOPE = {"funder": "funder", "project": "project"}

_hasher = PasswordHasher()


class AccountError(ValueError):
    """A request about accounts that cannot be carried out.

    ``str(error)`` is a one-line English message; ``key`` and ``values`` give the same in
    any language through ``components.texts.accounts``.
    """

    def __init__(self, key: str, message: str, **values: object):
        super().__init__(message)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class Account:
    """A logged-in (or loadable) account and the viewer it asks as."""

    id: int
    login: str
    display_name: str
    role: str
    demo: bool
    viewer: Viewer
    # f"{id}.{fingerprint}": remembered in the session; a changed password ends it.
    session_key: str


# --- passwords ---------------------------------------------------------------------------


def password_problems(password: str, login: str = "") -> list[str]:
    """Why ``password`` is too weak for ``login``, in English; [] when it is fine."""
    return [message for _key, message, _values in _password_rules(password, login)]


def _password_rules(password: str, login: str) -> list[tuple[str, str, dict]]:
    """(i18n key, English reason, placeholders) for each rule the password breaks."""
    problems = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(
            (
                "account.password_too_short",
                f"a password needs at least {MIN_PASSWORD_LENGTH} characters",
                {"min": MIN_PASSWORD_LENGTH},
            )
        )
    folded, login = password.casefold(), login.strip().casefold()
    if login and (
        folded == login or (len(login) >= MIN_LOGIN_LENGTH_TO_SEARCH and login in folded)
    ):
        problems.append(("account.password_has_login", "a password must not contain the login", {}))
    if password and len(set(password)) == 1:
        problems.append(
            (
                "account.password_one_character",
                "a password must not repeat one character",
                {},
            )
        )
    if folded in COMMON_PASSWORDS:
        problems.append(
            ("account.password_common", "this password is one of the first ones guessed", {})
        )
    return problems


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` with a fresh salt."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches ``password_hash``; False (never an error) for a missing
    or malformed hash."""
    if not password_hash or not isinstance(password, str):
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@functools.lru_cache(maxsize=4)
def _dummy_hash(hasher: PasswordHasher) -> str:
    """A hash no password matches, made like real ones so checking it costs the same."""
    return hasher.hash(secrets.token_urlsafe(24))


def _fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


# --- changing accounts -------------------------------------------------------------------


def add_user(
    engine: Engine,
    login: str,
    role: str,
    *,
    password: str,
    funder_ids: Iterable[int] = (),
    project_ids: Iterable[int] = (),
    display_name: str = "",
    demo: bool = False,
) -> int:
    """Create an account with its scopes; returns its id. Raises AccountError when the login
    is taken or malformed, the password weak, or the scopes do not fit the role."""
    login = _normal_login(login)
    funder_ids, project_ids = _ids(funder_ids), _ids(project_ids)
    _check_role(role, funder_ids, project_ids)
    if len(display_name) > MAX_DISPLAY_NAME_LENGTH:
        raise AccountError(
            "account.display_name_too_long",
            f"a display name has at most {MAX_DISPLAY_NAME_LENGTH} characters",
            max=MAX_DISPLAY_NAME_LENGTH,
        )
    _check_password(password, login)
    password_hash = hash_password(password)
    try:
        with engine.begin() as conn:
            if conn.scalar(select(User.id).where(User.login == login)) is not None:
                raise _login_taken(login)
            _check_exist(conn, Funder, funder_ids, "funder")
            _check_exist(conn, Project, project_ids, "project")
            user_id = conn.execute(
                insert(User).values(
                    login=login,
                    display_name=display_name,
                    role=role,
                    password_hash=password_hash,
                    active=True,
                    demo=demo,
                )
            ).inserted_primary_key[0]
            scopes = [{"user_id": user_id, "funder_id": i, "project_id": None} for i in funder_ids]
            scopes += [
                {"user_id": user_id, "funder_id": None, "project_id": i} for i in project_ids
            ]
            if scopes:
                conn.execute(insert(UserScope), scopes)
    except IntegrityError as error:
        with engine.connect() as conn:
            taken = conn.scalar(select(User.id).where(User.login == login)) is not None
        if taken:  # another process took the login in the meantime
            raise _login_taken(login) from error
        raise
    return user_id


def set_password(engine: Engine, login: str, password: str) -> None:
    """Give the account a new password; sessions made with the old one end."""
    login = _normal_login(login)
    _check_password(password, login)
    password_hash = hash_password(password)
    with engine.begin() as conn:
        changed = conn.execute(
            update(User).where(User.login == login).values(password_hash=password_hash)
        ).rowcount
        if not changed:
            raise _unknown_login(login)


def remove_user(engine: Engine, login: str) -> None:
    """Delete the account and its scopes."""
    login = _normal_login(login)
    with engine.begin() as conn:
        user_id = conn.scalar(select(User.id).where(User.login == login))
        if user_id is None:
            raise _unknown_login(login)
        conn.execute(delete(UserScope).where(UserScope.user_id == user_id))
        conn.execute(delete(User).where(User.id == user_id))


def list_users(engine: Engine) -> list[dict]:
    """Every account, by login: login, display_name, role, active, demo, funder_ids and
    project_ids (sorted lists)."""
    with engine.connect() as conn:
        users = conn.execute(
            select(User.id, User.login, User.display_name, User.role, User.active, User.demo)
        ).all()
        scopes = conn.execute(
            select(UserScope.user_id, UserScope.funder_id, UserScope.project_id)
        ).all()
    funders: dict[int, list[int]] = {}
    projects: dict[int, list[int]] = {}
    for user_id, funder_id, project_id in scopes:
        if funder_id is not None:
            funders.setdefault(user_id, []).append(funder_id)
        else:
            projects.setdefault(user_id, []).append(project_id)
    return [
        {
            "login": user.login,
            "display_name": user.display_name,
            "role": user.role,
            "active": bool(user.active),
            "demo": bool(user.demo),
            "funder_ids": sorted(funders.get(user.id, [])),
            "project_ids": sorted(projects.get(user.id, [])),
        }
        # Sorted here: databases collate punctuation in logins differently.
        for user in sorted(users, key=lambda user: user.login)
    ]


# --- logging in --------------------------------------------------------------------------


def authenticate(
    engine: Engine, login: str, password: str, *, allow_demo: bool = True
) -> Account | None:
    """The account when ``password`` is right for an active ``login``; else None.

    An unknown login costs as much time as a known one, so timing does not tell which names
    exist. Demo accounts are refused when ``allow_demo`` is False (production). A hash made
    with older argon2 parameters is replaced by one with the current parameters.
    """
    login = login.strip().lower() if isinstance(login, str) else ""
    with engine.connect() as conn:
        row = conn.execute(
            select(User.id, User.password_hash, User.active, User.demo).where(User.login == login)
        ).first()
    if row is None or not row.password_hash:
        verify_password(_dummy_hash(_hasher), password if isinstance(password, str) else "")
        return None
    if not verify_password(row.password_hash, password):
        return None
    if not row.active or (row.demo and not allow_demo):
        return None
    if _needs_rehash(row.password_hash):
        with engine.begin() as conn:
            # Only if unchanged meanwhile: a password set in between must win.
            conn.execute(
                update(User)
                .where(User.id == row.id, User.password_hash == row.password_hash)
                .values(password_hash=hash_password(password))
            )
    return _load(engine, row.id)


def load_account(engine: Engine, session_key: str) -> Account | None:
    """The account a session key names, or None when the key is malformed, the account gone
    or inactive, or its password changed since."""
    if not isinstance(session_key, str) or not session_key.isascii() or len(session_key) > 40:
        return None
    user_id, dot, _rest = session_key.partition(".")
    if not (dot and user_id.isdigit() and len(user_id) <= 10 and int(user_id) <= MAX_ID):
        return None
    account = _load(engine, int(user_id))
    if account is None or not hmac.compare_digest(account.session_key, session_key):
        return None
    return account


def _load(engine: Engine, user_id: int) -> Account | None:
    with engine.connect() as conn:
        user = conn.execute(
            select(
                User.id,
                User.login,
                User.display_name,
                User.role,
                User.password_hash,
                User.active,
                User.demo,
            ).where(User.id == user_id)
        ).first()
        if user is None or not user.active or not user.password_hash:
            return None
        scopes = conn.execute(
            select(UserScope.funder_id, UserScope.project_id).where(UserScope.user_id == user_id)
        ).all()
    viewer = Viewer(
        user.role,
        funder_ids=frozenset(s.funder_id for s in scopes if s.funder_id is not None),
        project_ids=frozenset(s.project_id for s in scopes if s.project_id is not None),
    )
    return Account(
        id=user.id,
        login=user.login,
        display_name=user.display_name,
        role=user.role,
        demo=bool(user.demo),
        viewer=viewer,
        session_key=f"{user.id}.{_fingerprint(user.password_hash)}",
    )


def _needs_rehash(password_hash: str) -> bool:
    try:
        return _hasher.check_needs_rehash(password_hash)
    except (InvalidHashError, ValueError):
        return False


# --- checks ------------------------------------------------------------------------------


def _normal_login(login: str) -> str:
    """The login as stored (lower case, no surrounding spaces), or AccountError."""
    normal = login.strip().lower() if isinstance(login, str) else ""
    if len(normal) > MAX_LOGIN_LENGTH or not LOGIN_PATTERN.fullmatch(normal):
        raise AccountError(
            "account.invalid_login",
            f"a login is 1 to {MAX_LOGIN_LENGTH} letters, digits or . _ @ + -, "
            f"starting with a letter or digit (got {login!r})",
            login=login,
            max=MAX_LOGIN_LENGTH,
        )
    return normal


def _ids(values: Iterable[int]) -> tuple[int, ...]:
    return tuple(sorted({int(value) for value in values}))


def _check_role(role: str, funder_ids: tuple[int, ...], project_ids: tuple[int, ...]) -> None:
    if role not in ROLES:
        raise AccountError(
            "account.unknown_role",
            f"unknown role {role!r}; choose one of {', '.join(ROLES)}",
            role=role,
            roles=", ".join(ROLES),
        )
    given = {"funder": funder_ids, "project": project_ids}
    needed = _NEEDED_SCOPE.get(role)
    if needed and not given[needed]:
        raise AccountError(
            f"account.{role}_needs_{needed}",
            f"a {role} account needs at least one {needed} id",
            role=role,
        )
    for kind, ids in given.items():
        if ids and kind != needed:
            raise AccountError(
                f"account.no_{kind}_for_role",
                f"accounts with role {role} take no {kind} ids",
                role=role,
            )


def _check_password(password: str, login: str) -> None:
    if not isinstance(password, str):
        raise TypeError("password must be a str")
    problems = _password_rules(password, login)
    if problems:
        key, _message, values = problems[0]
        reasons = "; ".join(message for _key, message, _values in problems)
        raise AccountError(key, f"weak password: {reasons}", **values)


def _check_exist(conn: Connection, model, ids: tuple[int, ...], kind: str) -> None:
    """AccountError naming the ids in ``ids`` that are not rows of ``model``."""
    if not ids:
        return
    possible = [i for i in ids if 0 < i <= MAX_ID]  # PostgreSQL refuses others as INTEGER
    found = set(scope.trusted(conn).scalars(select(model.id).where(model.id.in_(possible))))
    missing = ", ".join(str(i) for i in ids if i not in found)
    if missing:
        raise AccountError(f"account.unknown_{kind}", f"unknown {kind} id: {missing}", ids=missing)


def _login_taken(login: str) -> AccountError:
    return AccountError("account.login_taken", f"login {login!r} is already taken", login=login)


def _unknown_login(login: str) -> AccountError:
    return AccountError("account.unknown_login", f"no account with login {login!r}", login=login)
