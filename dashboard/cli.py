"""The ``filantrimpact`` command: serve the app, load demo data, upgrade and back up the
database, manage accounts."""

from __future__ import annotations

import argparse
import getpass
import logging
import re
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from dashboard.config import Settings
from data_access.vocabulary import ROLES

log = logging.getLogger("filantrimpact")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    try:
        settings = Settings.from_env(database_url=args.database_url)
    except ValueError as error:
        parser.error(str(error))
    try:
        return args.run(args, settings)
    except KeyboardInterrupt:
        return 130
    except DBAPIError as error:  # the database said no, or could not be reached
        log.debug("command failed", exc_info=True)
        print(_database_problem(error, settings.database_url), file=sys.stderr)
        return 1
    except Exception as error:  # the command line shows a sentence, not a traceback
        log.debug("command failed", exc_info=True)
        print(f"filantrimpact: {type(error).__name__}: {_one_line(error)}", file=sys.stderr)
        return 1


def _database_problem(error: DBAPIError, database_url: str) -> str:
    """One line naming the database and why it failed (psycopg's reasons span lines, and
    SQLAlchemy adds a link to its documentation)."""
    reason = _one_line(error.orig if error.orig is not None else error)
    try:
        url = make_url(database_url)
    except ArgumentError:
        return f"filantrimpact: {type(error).__name__}: {reason}"
    where = url.render_as_string(hide_password=True)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        folder = Path(url.database).parent
        if not folder.is_dir():
            reason = f"{reason} (the folder {folder} does not exist)"
    verb = "open" if url.get_backend_name() == "sqlite" else "use"
    return f"filantrimpact: {type(error).__name__}: cannot {verb} the database {where}: {reason}"


def _one_line(error: BaseException) -> str:
    text = re.sub(r"\(Background on this error at: [^)]*\)", "", str(error))
    return " ".join(text.split())


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="filantrimpact", description="FilantrImpact impact dashboard."
    )
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument(
        "--database-url",
        help="SQLAlchemy URL (default: $FILANTRIMPACT_DATABASE_URL or sqlite:///filantrimpact.db)",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser(
        "serve", parents=[database], help="upgrade the schema, seed demo data if empty, serve"
    )
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8050)
    serve.add_argument("--no-demo", action="store_true", help="never seed demo data")
    serve.add_argument("--debug", action="store_true", help="Dash debug mode (development)")
    serve.set_defaults(run=_serve)

    demo = commands.add_parser(
        "demo-data", parents=[database], help="load generated demo data into the database"
    )
    demo.add_argument("--size", choices=("small", "medium", "large", "xl"), default="small")
    demo.add_argument("--seed", type=int, default=2026)
    demo.set_defaults(run=_demo_data)

    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    upgrade = db_commands.add_parser(
        "upgrade", parents=[database], help="bring the schema to the latest version"
    )
    upgrade.set_defaults(run=_db_upgrade)
    refresh = db_commands.add_parser(
        "refresh",
        parents=[database],
        help="recompute derived data (latest values, quarterly progress) from the measurements",
    )
    refresh.set_defaults(run=_db_refresh)
    backup = db_commands.add_parser(
        "backup",
        parents=[database],
        help="copy the SQLite database to a new file, safely while the app runs",
    )
    backup.add_argument("path", type=Path, help="the new file (never overwritten)")
    backup.set_defaults(run=_db_backup)
    _users_parser(commands, database)
    _import_parser(commands, database)
    return parser


def _import_parser(commands, database: argparse.ArgumentParser) -> None:
    from components.i18n import LANGUAGES

    language = argparse.ArgumentParser(add_help=False)
    language.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="language of the report (default: $FILANTRIMPACT_LANGUAGE)",
    )
    imports = commands.add_parser(
        "import",
        parents=[database, language],
        help="import a template file: an Excel workbook, or a zip or folder of CSV files",
    )
    imports.add_argument(
        "path", type=Path, help="the file or folder (with --template: the new file)"
    )
    imports.add_argument(
        "--dry-run", action="store_true", help="check everything and report, but write nothing"
    )
    imports.add_argument(
        "--as", dest="login", metavar="LOGIN",
        help="import with this account's rights (default: as an administrator)",
    )  # fmt: skip
    imports.add_argument("--format", choices=("template",), default="template")
    imports.add_argument(
        "--template", action="store_true", help="write the empty template workbook to PATH"
    )
    imports.set_defaults(run=_import)
    template = commands.add_parser(
        "import-template",
        parents=[database, language],
        help="write the empty template workbook, with an explanation sheet, to PATH",
    )
    template.add_argument("path", type=Path)
    template.set_defaults(run=_import_template)
    exports = commands.add_parser(
        "export",
        parents=[database, language],
        help="write the database, or the part of some funders and projects, as the template "
        "(an Excel workbook, or CSV files in a zip when PATH ends in .zip)",
    )
    exports.add_argument("path", type=Path, help="the new file (never overwritten)")
    exports.add_argument(
        "--funder", type=int, action="append", default=[], metavar="ID",
        help="only the projects this funder supports, with everything under them (repeat)",
    )  # fmt: skip
    exports.add_argument(
        "--project", type=int, action="append", default=[], metavar="ID",
        help="only this project, with everything under it (repeat)",
    )  # fmt: skip
    exports.add_argument(
        "--assign-references", action="store_true",
        help="first store a reference for every row that has none, so that the file imported "
        "back into this database changes nothing",
    )  # fmt: skip
    exports.set_defaults(run=_export)


def _users_parser(commands, database: argparse.ArgumentParser) -> None:
    users = commands.add_parser("users", help="accounts: add, list, remove, set passwords")
    users_commands = users.add_subparsers(dest="users_command", required=True)
    password = argparse.ArgumentParser(add_help=False)
    password.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input instead of asking",
    )

    add = users_commands.add_parser("add", parents=[database, password], help="create an account")
    add.add_argument("login")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument(
        "--funder", type=int, action="append", default=[], metavar="ID",
        help="funder id the account covers (role funder; repeat for several)",
    )  # fmt: skip
    add.add_argument(
        "--project", type=int, action="append", default=[], metavar="ID",
        help="project id the account covers (role project; repeat for several)",
    )  # fmt: skip
    add.add_argument("--name", default="", help="display name")
    add.set_defaults(run=_users_add)

    listing = users_commands.add_parser("list", parents=[database], help="show every account")
    listing.set_defaults(run=_users_list)

    remove = users_commands.add_parser("remove", parents=[database], help="delete an account")
    remove.add_argument("login")
    remove.set_defaults(run=_users_remove)

    set_password = users_commands.add_parser(
        "set-password", parents=[database, password], help="give an account a new password"
    )
    set_password.add_argument("login")
    set_password.set_defaults(run=_users_set_password)


def _prepare(settings: Settings):
    from data_access.db import make_engine, upgrade

    engine = make_engine(settings.database_url)
    upgrade(engine)
    return engine


def _serve(args, settings: Settings) -> int:
    from dashboard.app import create_app, settle_memory
    from data_access.db import is_empty
    from data_access.demo import seed_demo

    engine = _prepare(settings)
    if is_empty(engine):
        if settings.production or args.no_demo or not settings.seed_demo:
            log.info("the database holds no projects yet; import data to fill the dashboard")
        else:
            log.info("empty database: loading the small demo portfolio (once)")
            seed_demo(engine, "small")
            _print_demo_accounts()
    engine.dispose()
    app = create_app(settings)
    settle_memory(app.server)
    log.info("serving on http://%s:%s", args.host, args.port)
    app.run(host=args.host, port=args.port, debug=args.debug and not settings.production)
    return 0


def _demo_data(args, settings: Settings) -> int:
    from data_access.db import is_empty
    from data_access.demo import seed_demo

    engine = _prepare(settings)
    if not is_empty(engine):
        print(
            "filantrimpact: the database already holds projects; demo data goes into an empty "
            "database only (use another --database-url)",
            file=sys.stderr,
        )
        return 1
    started = time.perf_counter()
    # One bar per phase: generating the projects, loading the rows, computing derived data.
    with _progress_bar(settings.language, steps=("generate", "load", "derive")) as progress:
        counts = seed_demo(engine, args.size, args.seed, progress=progress)
    seconds = time.perf_counter() - started
    summary = ", ".join(f"{table} {count:,}".replace(",", ".") for table, count in counts.items())
    print(f"loaded {args.size} demo data (seed {args.seed}) in {seconds:.1f} s: {summary}")
    _print_demo_accounts()
    return 0


def _print_demo_accounts() -> None:
    from data_access.demo import DEMO_ACCOUNTS

    width = max(map(len, DEMO_ACCOUNTS))
    print("Demo accounts, for the demo only (refused in production mode):")
    for login, password in DEMO_ACCOUNTS.items():
        print(f"  {login:<{width}}  {password}")


def _db_upgrade(args, settings: Settings) -> int:
    _prepare(settings).dispose()
    print("schema is up to date")
    return 0


def _db_refresh(args, settings: Settings) -> int:
    from data_access import rollups

    engine = _prepare(settings)
    with engine.begin() as conn:
        rollups.refresh(conn)
    engine.dispose()
    print("derived data recomputed")
    return 0


def _db_backup(args, settings: Settings) -> int:
    from data_access.db import BackupError, backup, make_engine

    # The database is copied as it is: no schema upgrade first.
    engine = make_engine(settings.database_url)
    try:
        size = backup(engine, args.path)
    except BackupError as error:
        print(f"filantrimpact: {error}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    size_text = f"{size:,}".replace(",", ".")
    print(f"wrote {args.path} ({size_text} bytes): a copy of {engine.url.database}")
    return 0


# --- imports -------------------------------------------------------------------------------


def _import_template(args, settings: Settings) -> int:
    from components.i18n import t
    from data_access.importer import write_template

    lang = args.lang or settings.language
    if args.path.exists():
        print(f"filantrimpact: {args.path} already exists; choose a new file name", file=sys.stderr)
        return 1
    write_template(args.path, lambda key: t(key, lang), lang)
    print(f"wrote the empty template to {args.path}")
    return 0


def _import(args, settings: Settings) -> int:
    from components.data_page import report_text
    from data_access import importer, scope

    if args.template:
        return _import_template(args, settings)
    lang = args.lang or settings.language
    logging.getLogger("alembic.runtime.migration").setLevel(logging.WARNING)
    engine = scope.install_guard(_prepare(settings))
    try:
        who = _importer_account(engine, args.login)
        if who is None:
            print(f"filantrimpact: no active account {args.login!r}", file=sys.stderr)
            return 1
        with _progress_bar(lang) as progress:
            report = importer.run(engine, args.path, who, dry_run=args.dry_run, progress=progress)
    finally:
        engine.dispose()
    print(report_text(report, lang), file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else 2


def _export(args, settings: Settings) -> int:
    from data_access import scope
    from data_access.db import make_engine
    from data_access.importer.export import ExportError, assign_references, export

    if args.path.exists():
        print(f"filantrimpact: {args.path} already exists; choose a new file name", file=sys.stderr)
        return 1
    lang = args.lang or settings.language
    # The database is read as it is: no schema upgrade first (as for a backup).
    engine = scope.install_guard(make_engine(settings.database_url))
    partial = args.path.with_name(args.path.name + ".part")
    try:
        if args.assign_references:
            stored = assign_references(engine)
            for key, count in stored.items():
                print(f"stored {count} new references on {key}")
        with _progress_bar(lang, steps=()) as progress, partial.open("wb") as target:
            result = export(
                engine, target, funder_ids=args.funder, project_ids=args.project, lang=lang,
                csv_zip=args.path.suffix.lower() == ".zip", progress=progress,
            )  # fmt: skip
        partial.replace(args.path)
    except ExportError as error:
        print(f"filantrimpact: {error}", file=sys.stderr)
        return 1
    finally:
        partial.unlink(missing_ok=True)
        engine.dispose()
    summary = ", ".join(f"{key} {count:,}".replace(",", ".") for key, count in result.rows.items())
    print(f"wrote {args.path}: {summary}")
    if result.made_references:
        made = ", ".join(f"{key} {count}" for key, count in result.made_references.items())
        print(
            f"note: rows without a reference got one made from their id ({made}); the file "
            "imports into another database as it is, but imported back into this one it would "
            "add those rows again. Export with --assign-references to store them first.",
            file=sys.stderr,
        )
    return 0


def _importer_account(engine, login: str | None):
    """The viewer an import runs as: the account named by --as, or else an administrator
    named after the operating-system user."""
    from data_access import accounts
    from data_access.viewer import Viewer

    if login is None:
        return Viewer("admin", name=f"cli:{getpass.getuser()}"[:120])
    wanted = login.strip().lower()
    for user in accounts.list_users(engine):
        if user["login"] == wanted and user["active"]:
            return Viewer(
                user["role"],
                funder_ids=frozenset(user["funder_ids"]),
                project_ids=frozenset(user["project_ids"]),
                name=user["login"],
            )
    return None


@contextmanager
def _progress_bar(lang: str, steps: tuple[str, ...] = ("read", "check", "write")):
    """A rich progress bar (on stderr, only on a terminal): one task per phase of a command;
    yields ``progress(phase, done, total)``."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from components.i18n import t

    console = Console(stderr=True)
    bar = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, disable=not console.is_terminal, transient=False,
    )  # fmt: skip
    tasks: dict[str, int] = {}

    def progress(phase: str, done: int, total: int) -> None:
        if phase not in tasks:
            label = t(f"import.progress.{phase}", lang) if phase in steps else phase
            tasks[phase] = bar.add_task(label, total=total or None)
        bar.update(tasks[phase], completed=done, total=total or None)

    with bar:
        yield progress


# --- accounts ------------------------------------------------------------------------------


def _users_add(args, settings: Settings) -> int:
    from data_access import accounts

    def add(engine) -> str:
        accounts.add_user(
            engine,
            args.login,
            args.role,
            password=_read_password(args),
            funder_ids=args.funder,
            project_ids=args.project,
            display_name=args.name,
        )
        return f"added {args.role} account {args.login.strip().lower()!r}"

    return _account_command(settings, add)


def _users_list(args, settings: Settings) -> int:
    from data_access import accounts

    def show(engine) -> str:
        users = accounts.list_users(engine)
        if not users:
            return "no accounts yet"
        rows = [("login", "role", "scope", "status", "name")]
        rows += [
            (u["login"], u["role"], _scope_text(u), _status_text(u), u["display_name"])
            for u in users
        ]
        # Every column padded but the last (display names may be long).
        widths = [max(len(row[column]) for row in rows) for column in range(4)]
        return "\n".join(
            "".join(cell.ljust(width + 2) for cell, width in zip(row, widths, strict=False))
            + row[4]
            for row in rows
        )

    return _account_command(settings, show)


def _scope_text(user: dict) -> str:
    parts = []
    if user["funder_ids"]:
        parts.append("funders " + ",".join(map(str, user["funder_ids"])))
    if user["project_ids"]:
        parts.append("projects " + ",".join(map(str, user["project_ids"])))
    return "; ".join(parts) or "-"


def _status_text(user: dict) -> str:
    status = "active" if user["active"] else "inactive"
    return f"{status}, demo" if user["demo"] else status


def _users_remove(args, settings: Settings) -> int:
    from data_access import accounts

    def remove(engine) -> str:
        accounts.remove_user(engine, args.login)
        return f"removed account {args.login.strip().lower()!r}"

    return _account_command(settings, remove)


def _users_set_password(args, settings: Settings) -> int:
    from data_access import accounts

    def set_password(engine) -> str:
        accounts.set_password(engine, args.login, _read_password(args))
        return f"new password set for {args.login.strip().lower()!r}; its old sessions have ended"

    return _account_command(settings, set_password)


def _account_command(settings: Settings, action) -> int:
    """Run ``action(engine)``; its text goes to stdout, a refused request is one line on
    stderr with exit status 1."""
    from data_access.accounts import AccountError

    # The schema check stays quiet here: the answer is the one line that matters.
    logging.getLogger("alembic.runtime.migration").setLevel(logging.WARNING)
    engine = _prepare(settings)
    try:
        print(action(engine))
    except (AccountError, PasswordEntryError) as error:
        print(f"filantrimpact: {error}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0


class PasswordEntryError(ValueError):
    """No usable password was typed or piped in."""


def _read_password(args) -> str:
    """The first line of stdin with --password-stdin, else asked twice without echo."""
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise PasswordEntryError("no password on standard input")
        return password
    password = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != password:
        raise PasswordEntryError("the two passwords differ; nothing changed")
    return password


if __name__ == "__main__":
    sys.exit(main())
