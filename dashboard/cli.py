"""The ``filantrimpact`` command: serve the app, load demo data, upgrade the schema."""

from __future__ import annotations

import argparse
import logging
import sys
import time

from dashboard.config import Settings

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
    except Exception as error:  # the command line shows a sentence, not a traceback
        log.debug("command failed", exc_info=True)
        print(f"filantrimpact: {type(error).__name__}: {error}", file=sys.stderr)
        return 1


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
    demo.add_argument("--size", choices=("small", "medium", "large"), default="small")
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
    return parser


def _prepare(settings: Settings):
    from data_access.db import make_engine, upgrade

    engine = make_engine(settings.database_url)
    upgrade(engine)
    return engine


def _serve(args, settings: Settings) -> int:
    from dashboard.app import create_app
    from data_access.db import is_empty
    from data_access.demo import seed_demo

    engine = _prepare(settings)
    if is_empty(engine):
        if settings.production or args.no_demo or not settings.seed_demo:
            log.info("the database holds no projects yet; import data to fill the dashboard")
        else:
            log.info("empty database: loading the small demo portfolio (once)")
            seed_demo(engine, "small")
    engine.dispose()
    app = create_app(settings)
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
    counts = seed_demo(engine, args.size, args.seed)
    seconds = time.perf_counter() - started
    summary = ", ".join(f"{table} {count:,}".replace(",", ".") for table, count in counts.items())
    print(f"loaded {args.size} demo data (seed {args.seed}) in {seconds:.1f} s: {summary}")
    return 0


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


if __name__ == "__main__":
    sys.exit(main())
