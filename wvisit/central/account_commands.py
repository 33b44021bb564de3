"""`wvisit-central user ...` and `wvisit-central audit --json`: IT's account commands (cli.py dispatches here).

    wvisit-central user add NAME --role ROLE --team TEAM --name "Display Name"
    wvisit-central user password NAME          # ends every sign-in of the account
    wvisit-central user disable NAME | enable NAME
    wvisit-central user allow-device NAME       # may register a new laptop after a revocation
    wvisit-central user list                    # accounts as JSON, without passwords
    wvisit-central audit --json                 # sign-ins, pulls, pushes and admin actions

A password is never a command-line argument (it would land in shell history and the process list):
`add` and `password` prompt for it twice on a terminal, or read one line from standard input when it
is not one, e.g. `wvisit-central user password sam.patel < new-password.txt`.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import TYPE_CHECKING, get_args

from wvisit.sync.protocol import Role

if TYPE_CHECKING:  # the service's packages are imported only to run a command (cli.py says if they are missing)
    from sqlalchemy.engine import Engine


def add_parsers(commands: argparse._SubParsersAction, shared: list[argparse.ArgumentParser]) -> None:
    user = commands.add_parser("user", help="add, disable or enable an account; set its password", parents=shared)
    actions = user.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="a new account (password from the prompt or standard input)", parents=shared)
    add.add_argument("name", help="the login name, e.g. sam.patel")
    add.add_argument("--role", required=True, choices=get_args(Role))
    add.add_argument("--team", required=True, help="team id (a new one is created)")
    add.add_argument("--name", dest="display_name", required=True, help='the name people see, e.g. "Sam Patel"')
    for action, words in (
        ("password", "set a new password (from the prompt or standard input); every laptop signs in again"),
        ("disable", "no sign-in, no refresh; its laptops' tokens stop working"),
        ("enable", "undo disable"),
        ("allow-device", "allow a new laptop after one of the account's was revoked"),
    ):
        actions.add_parser(action, help=words, parents=shared).add_argument("name")
    actions.add_parser("list", help="accounts as JSON", parents=shared)
    listing = commands.add_parser("audit", help="the central record's audit, as JSON", parents=shared)
    listing.add_argument("--json", action="store_true", required=True)


def run(args: argparse.Namespace, engine: Engine) -> int:
    from wvisit.central import accounts, audit

    if args.command == "audit":
        print(json.dumps(audit.entries(engine), indent=1))
        return 0
    try:
        if args.action == "add":
            new_team = accounts.add_user(
                engine, args.name, _password(), role=args.role, team=args.team, display_name=args.display_name
            )
            print(f"Account {args.name} added ({args.role}, team {args.team}{', a new team' if new_team else ''}).")
        elif args.action == "password":
            accounts.set_password(engine, args.name, _password())
            print(f"Password of {args.name} set: its laptops sign in again with it.")
        elif args.action in ("disable", "enable"):
            accounts.set_disabled(engine, args.name, args.action == "disable")
            print(f"Account {args.name} {args.action}d.")
        elif args.action == "allow-device":
            accounts.allow_device(engine, args.name)
            print(f"{args.name} may register a new laptop.")
        else:
            print(json.dumps(accounts.users(engine), indent=1))
    except accounts.AccountError as error:
        print(f"wvisit-central: {error}.", file=sys.stderr)
        return 1
    return 0


def _password() -> str:
    """From a prompt (twice) on a terminal, else the first line of standard input."""
    from wvisit.central.accounts import AccountError

    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("New password: ")
    if getpass.getpass("Again: ") != first:
        raise AccountError("the two passwords differ")
    return first
