"""`wvisit-central`: serve the central record, create the demo team, list records, revoke a device.

    wvisit-central serve [--db URL] [--host 127.0.0.1] [--port 8700] [--blobs DIR] [--docs]
                         [--tls-cert FILE --tls-key FILE | --behind-tls-proxy]
    wvisit-central demo [--db URL] [--password TEXT]   # prints the accounts and passwords as JSON
    wvisit-central records [--db URL] --json          # ids, kinds, versions, content hashes
    wvisit-central devices [--user NAME] [--db URL]   # registered laptops, as JSON
    wvisit-central revoke --device ID [--db URL]      # a lost laptop: it shreds its keys on next contact
    wvisit-central user add NAME --role ROLE --team TEAM --name "Display Name"   # password: prompt or stdin
    wvisit-central user password|disable|enable|allow-device NAME   # allow-device: after a revocation
    wvisit-central user list                          # accounts as JSON
    wvisit-central audit --json                       # sign-ins (failed too), pulls, pushes, admin actions

--db (before or after the subcommand) defaults to WVISIT_CENTRAL_DB, else sqlite:///wvisit-central.db in the
current folder.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from wvisit.central import account_commands
from wvisit.sync.protocol import is_loopback

DEFAULT_DB = "sqlite:///wvisit-central.db"


def db_option() -> argparse.ArgumentParser:
    """A parent parser giving a subcommand its own `--db`, so `wvisit-central CMD --db URL` works.

    Its default is SUPPRESS: a `--db` given before the subcommand (or the WVISIT_CENTRAL_DB fallback, set on the
    main parser) is kept unless the subcommand is given its own. Every subcommand is made with
    `commands.add_parser(NAME, parents=[db_option()])`.
    """
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--db", default=argparse.SUPPRESS, help="database URL (default: WVISIT_CENTRAL_DB)")
    return parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="wvisit-central", description="The wvisit central-record service.")
    parser.add_argument("--db", default=os.environ.get("WVISIT_CENTRAL_DB", DEFAULT_DB), help="database URL")
    commands = parser.add_subparsers(dest="command", required=True)
    shared = [db_option()]
    serve = commands.add_parser("serve", help="run the HTTP service", parents=shared)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8700)
    serve.add_argument("--workers", type=int, default=1, help="worker processes (PostgreSQL only)")
    serve.add_argument(
        "--blobs",
        default=os.environ.get("WVISIT_CENTRAL_BLOBS"),
        help="folder for attachments (default: WVISIT_CENTRAL_BLOBS, else beside an SQLite database)",
    )
    serve.add_argument("--tls-cert", help="PEM certificate (chain) to serve HTTPS with")
    serve.add_argument("--tls-key", help="PEM private key of --tls-cert")
    serve.add_argument(
        "--behind-tls-proxy",
        action="store_true",
        help="plain HTTP on a non-loopback address, for a reverse proxy that terminates TLS",
    )
    serve.add_argument("--docs", action="store_true", help="serve /docs, /redoc and /openapi.json")
    demo = commands.add_parser("demo", help="create the synthetic demo team", parents=shared)
    demo.add_argument("--password", help="one password for every demo account (default: random)")
    listing = commands.add_parser("records", help="what the central record holds", parents=shared)
    listing.add_argument("--json", action="store_true", required=True)
    devices = commands.add_parser("devices", help="registered devices, to find a lost laptop's id", parents=shared)
    devices.add_argument("--user", help="only this user's devices")
    revoke = commands.add_parser("revoke", help="revoke a device", parents=shared)
    revoke.add_argument("--device", required=True)
    account_commands.add_parsers(commands, shared)
    args = parser.parse_args(argv)

    try:
        from wvisit.central import db
    except ImportError:
        print("wvisit-central: the service's packages are missing: pip install 'wvisit[central]'", file=sys.stderr)
        return 1
    if args.command == "serve":
        return _serve(args)
    engine = db.make_engine(args.db)
    if args.command in ("user", "audit"):
        return account_commands.run(args, engine)
    if args.command == "demo":
        from wvisit.central.demo import create_team

        try:
            print(json.dumps(create_team(engine, args.password), indent=1))
        except ValueError as error:
            print(f"wvisit-central: {error}", file=sys.stderr)
            return 1
        return 0
    if args.command == "records":
        from sqlalchemy import select

        with engine.begin() as conn:
            rows = (
                conn.execute(
                    select(
                        db.records.c.id,
                        db.records.c.kind,
                        db.records.c.version,
                        db.records.c.sha256,
                        db.records.c.conflict,
                    ).order_by(db.records.c.seq)
                )
                .mappings()
                .all()
            )
        print(json.dumps([dict(row) for row in rows], indent=1))
        return 0
    if args.command == "devices":
        from sqlalchemy import select

        query = select(
            db.devices.c.id, db.users.c.username, db.devices.c.name, db.devices.c.registered_at, db.devices.c.revoked_at
        ).join(db.users, db.users.c.id == db.devices.c.user_id)
        if args.user:
            query = query.where(db.users.c.username == args.user)
        with engine.begin() as conn:
            rows = [
                {k: str(v) if v is not None else None for k, v in row.items()} for row in conn.execute(query).mappings()
            ]
        print(json.dumps(rows, indent=1))
        return 0
    from wvisit.central.app import revoke_device

    if not revoke_device(engine, args.device, None):
        print(f"wvisit-central: no device {args.device} is registered.", file=sys.stderr)
        return 1
    print(f"Device {args.device} revoked: it will wipe its records on its next contact.")
    return 0


def _serve(args) -> int:
    refusal = _serve_refusal(args)
    if refusal:
        print(f"wvisit-central: {refusal}", file=sys.stderr)
        return 2
    import uvicorn

    from wvisit.central.app import create_app

    tls = {"ssl_certfile": args.tls_cert, "ssl_keyfile": args.tls_key} if args.tls_cert else {}
    if args.workers > 1:
        from wvisit.central import db

        db.make_engine(args.db).dispose()  # tables made once, here: workers racing to make them would clash
        os.environ["WVISIT_CENTRAL_DB"] = args.db
        os.environ["WVISIT_CENTRAL_BLOBS"] = args.blobs or ""
        os.environ["WVISIT_CENTRAL_DOCS"] = "1" if args.docs else ""
        uvicorn.run("wvisit.central.asgi:app", host=args.host, port=args.port, workers=args.workers, **tls)
    else:
        try:
            app = create_app(args.db, args.blobs, docs=args.docs)
        except ValueError as error:
            print(f"wvisit-central: {error}", file=sys.stderr)
            return 2
        uvicorn.run(app, host=args.host, port=args.port, **tls)
    return 0


def _serve_refusal(args) -> str:
    """Why `serve` must not start as asked, or "": records never cross a network in clear."""
    if bool(args.tls_cert) != bool(args.tls_key):
        return "--tls-cert and --tls-key go together"
    for path in (args.tls_cert, args.tls_key):
        if path and not os.path.isfile(path):
            return f"no such file: {path}"
    if not args.tls_cert and not args.behind_tls_proxy and not is_loopback(args.host):
        return (
            f"refusing to serve plain HTTP on {args.host}: records would cross the network in clear. "
            "Give --tls-cert FILE --tls-key FILE, or --behind-tls-proxy when a reverse proxy on this "
            "machine or network terminates TLS (see docs/DEPLOYMENT.md)."
        )
    return ""


if __name__ == "__main__":
    sys.exit(main())
