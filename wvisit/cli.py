"""The `wvisit` command: run the app, and script everything IT, support and our tests need.

    wvisit --version | --self-test
    wvisit [--data-dir DIR] init [--owner NAME]
    wvisit [--data-dir DIR] child add --name NAME --dob YYYY-MM-DD --status {CIN,CP,CLA,CL}
    wvisit [--data-dir DIR] child list [--json]
    wvisit [--data-dir DIR] visit new --child ID [--note TEXT] [--voice TEXT]
    wvisit [--data-dir DIR] visit edit ID --set FIELD=VALUE [--set ...]
    wvisit [--data-dir DIR] visit finalise ID
    wvisit [--data-dir DIR] visit addendum ID --why TEXT --text TEXT
    wvisit [--data-dir DIR] visit discard ID --why TEXT    # a draft started in error
    wvisit [--data-dir DIR] visit show ID [--json]
    wvisit [--data-dir DIR] tasks [--json]
    wvisit [--data-dir DIR] search TEXT
    wvisit [--data-dir DIR] audit verify
    wvisit [--data-dir DIR] sync --central URL [--user NAME]   # push then pull; exit 0 only when all done
    wvisit [--data-dir DIR] sync status --json
    wvisit [--data-dir DIR] sign-out [--central URL]            # refused until everything has synced
    wvisit [--data-dir DIR] passcode change
    wvisit config show [--json]
    wvisit dictate --audio FILE.wav [--json]                     # the transcript, with segment times
    wvisit provision --central URL [--ca-cert FILE] [--recovery-key FILE] [--dictation-model FOLDER]
                     [--set KEY=VALUE ...]
    wvisit [--data-dir DIR] wipe --confirm
    wvisit recovery-keygen --out DIR
    wvisit [--data-dir DIR] recover --recovery-key FILE

The passcode comes from WVISIT_PASSCODE or standard input (a new one, where asked, from
WVISIT_NEW_PASSCODE or the next line). Every expected failure is one plain sentence
on stderr and exit code 1; a usage error is exit code 2.

A command line is visible to every account on the laptop (the process list), so a personal value
(a child's name or date of birth, who a contact was with, a summary, a note, the child's words, a
reason, a --set value, search words) may be given as `-`: it is then read from the next line of
standard input, one line for each `-` in the order they are written, before the passcode's line.
Scripts should always do so.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

from wvisit import __version__, config, logs
from wvisit.errors import InvalidValue, WvisitError

log = logging.getLogger(__name__)

# The commands import what only they need (the domain, app.visits and the tools, the case file)
# where they run: `wvisit` with no command opens the unlock window, which needs none of them
# (docs/PERFORMANCE.md, cold start).


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.version:
        print(f"wvisit {__version__}")
        return 0
    try:
        settings = config.load({"data_dir": args.data_dir})
        if args.self_test:
            from wvisit import selftest

            return 0 if selftest.run() else 1
        logs.setup(Path(settings.log_dir), settings.log_level)
        if args.command is None:
            return _run_app(settings)
        log.info("command %s %s", args.command, getattr(args, "action", "") or "")
        return args.handler(args, settings) or 0
    except WvisitError as error:
        log.warning("refused: %s", type(error).__name__)
        print(f"wvisit: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `wvisit child list | head -1`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the exit flush is quiet too
        return 0


def _run_app(settings: config.Config) -> int:
    from wvisit.ui.app import run

    return run(settings)


# --- passcodes -------------------------------------------------------------------------------


def _read_secret(env: str, prompt: str) -> str:
    if env in os.environ:
        return os.environ[env]
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline()
    if not line:
        raise InvalidValue(f"No passcode was given: set {env} or write it on standard input.")
    return line.rstrip("\r\n")


def _passcode() -> str:
    return _read_secret("WVISIT_PASSCODE", "Passcode: ")


def _new_passcode() -> str:
    return _read_secret("WVISIT_NEW_PASSCODE", "New passcode: ")


@contextmanager
def _unlocked(settings: config.Config):
    """The unlocked session for one command; locked again however the command ends."""
    from wvisit.app.session import unlocked

    with unlocked(Path(settings.data_dir), _passcode()) as session:
        if session.vault.notice:  # the key file was damaged and its last good copy opened the records
            print(f"wvisit: {session.vault.notice}", file=sys.stderr)
        yield session


# --- personal values from standard input ---------------------------------------------------------

FROM_STDIN = "-"
FROM_STDIN_HELP = "; - reads it from standard input, out of the process list"


def _personal(text: str) -> str:
    """A personal value as the command line gives it; `-` reads it from the next line of standard input
    instead (argparse calls this as it meets each value, so lines are taken in command-line order)."""
    if text != FROM_STDIN:
        return text
    if sys.stdin.isatty():
        print("Value: ", end="", file=sys.stderr, flush=True)
    line = sys.stdin.readline()
    if not line:
        raise argparse.ArgumentTypeError("given as -, but standard input has no line left for it")
    return line.rstrip("\r\n")


def _personal_field(assignment: str) -> str:
    """`FIELD=VALUE`, its value read from standard input when it is `-` (`--set what_i_saw=-`)."""
    name, equals, value = assignment.partition("=")
    return f"{name}{equals}{_personal(value)}" if equals else assignment


# --- commands --------------------------------------------------------------------------------


def _init(args, settings) -> None:
    from wvisit.app.session import Session

    session = Session.create(Path(settings.data_dir), _passcode(), args.owner or getpass.getuser(), settings)
    session.lock()
    print(f"Records set up in {settings.data_dir}")


def _child_add(args, settings) -> None:
    from wvisit.domain import Child, LegalStatus

    child = Child(name=args.name, date_of_birth=_date(args.dob, "--dob"), legal_status=LegalStatus(args.status))
    with _unlocked(settings) as session:
        session.store.children.add(child)
    print(child.id)


def _child_contact(args, settings) -> None:
    """`wvisit child contact ID --kind "phone call" --with "Ms Bell, teacher" --summary TEXT`: a contact beside
    the visits, at `--on` (the app's date forms: 14/11/2026, 14 Nov, today) and `--time` (HH:MM, this laptop's
    time), now by default; `--chronology CATEGORY` puts it on the child's chronology. Prints its id."""
    from wvisit.app import contacts
    from wvisit.domain import Category
    from wvisit.domain.contact import ContactKind
    from wvisit.domain.dates import parse_date

    now = datetime.now().astimezone()
    day = parse_date(args.on, now.date()) if args.on else now.date()
    try:
        moment = datetime.strptime(args.time, "%H:%M").time() if args.time else now.time()
    except ValueError:
        raise InvalidValue("--time must be a time written HH:MM, for example 14:30.") from None
    at = datetime.combine(day, moment).astimezone()
    chronology = Category(args.chronology) if args.chronology else None
    with _unlocked(settings) as session:
        contact = contacts.record(
            session.store, args.id, ContactKind(args.kind), at, args.with_whom, args.summary, chronology
        )
    print(contact.id)


def _child_list(args, settings) -> int:
    """Every child that can be read; each one that cannot is named on stderr (exit 1)."""
    from wvisit.domain import to_record

    with _unlocked(settings) as session:
        children, damaged = session.store.children.readable()
    if args.json:
        print(json.dumps([to_record(c) for c in children], ensure_ascii=False, indent=1))
    else:
        for child in children:
            print(f"{child.id}  {child.legal_status.value:4}  {child.name}")
    for error in damaged.values():
        print(f"wvisit: {error}", file=sys.stderr)
    return 1 if damaged else 0


def _visit_new(args, settings) -> None:
    from wvisit.app import visits

    with _unlocked(settings) as session:
        visit = visits.start(session.store, args.child, datetime.now(UTC), args.note or "", args.voice or "")
    print(visit.id)


def _visit_edit(args, settings) -> None:
    """`--set next_visit=14/11/2026` (or 14 Nov, +10, 2026-11-14): a date is read day first by the
    app's own date parser (domain/dates.py, through visits.with_fields)."""
    from wvisit.app import visits

    typed = {name: _field_value(value) for name, _, value in (a.partition("=") for a in args.set)}
    with _unlocked(settings) as session:
        visits.save_draft(session.store, visits.with_fields(session.store.visits.get(args.id), typed))


def _visit_finalise(args, settings) -> None:
    """Refused as the editor refuses: the same rule, with the council's visit-frequency policy."""
    from wvisit.app import visits
    from wvisit.policy_files import load_policy

    policy = load_policy(settings)
    with _unlocked(settings) as session:
        visits.finalise(session.store, args.id, policy)
    print("Finalised. Corrections from now on are addenda.")


def _visit_discard(args, settings) -> None:
    from wvisit.app import visits

    with _unlocked(settings) as session:
        visits.discard(session.store, args.id, args.why)
    print("Discarded as started in error. It is kept in the audit and syncs as discarded; no list shows it.")


def _visit_addendum(args, settings) -> None:
    from wvisit.app import visits

    with _unlocked(settings) as session:
        addendum = visits.add_addendum(session.store, args.id, args.why, args.text)
    print(addendum.id)


def _visit_export(args, settings) -> None:
    """PDF layout needs a Qt application: started here without a screen, as in --self-test."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from wvisit.app import exports
    from wvisit.pdf import write_pdf
    from wvisit.writing import case_file

    _app = QApplication.instance() or QApplication([])
    with _unlocked(settings) as session:
        exports.export_visit(session.store, args.id, args.format, Path(args.out), write_pdf)
    print(f"Exported. {case_file.UNENCRYPTED}")


def _visit_show(args, settings) -> None:
    from wvisit.domain import to_record

    with _unlocked(settings) as session:
        record, people = session.store.visits.open(args.id), session.store.people.read()
    data = {
        "visit": to_record(record.visit),
        "voice": to_record(record.voice),
        "addenda": to_record(record.addenda),
    }
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return
    for name, value in data["visit"].items():
        if value not in (None, ""):
            print(f"{name.replace('_', ' ')}: {value}")
    for entry in data["voice"]:
        print(f"in their words ({entry['expressed']}): \u201c{entry['words']}\u201d")
    for addendum in data["addenda"]:
        by = people.signature(addendum["author"])
        print(f"addendum {addendum['written_at']} by {by} (why: {addendum['why']}): {addendum['text']}")


def _tasks(args, settings) -> None:
    """What needs the worker now: the app's My tasks, from the same read model."""
    from wvisit.app.queries.tasks import tasks
    from wvisit.policy_files import load_policy

    with _unlocked(settings) as session:
        found = tasks(session.store, load_policy(settings), date.today())
    if args.json:
        print(json.dumps([task.as_json() for task in found], ensure_ascii=False, indent=1))
        return
    for task in found:
        due = f" (by {task.due:%d/%m/%Y})" if task.due else ""
        who = f" [{task.who}]" if task.who else ""
        print(f"{task.group.value}: {task.child_name or '-'}: {task.what}{who}{due}")


def _search(args, settings) -> None:
    with _unlocked(settings) as session:
        for visit_id in session.store.search.search(args.text):
            print(visit_id)


def _audit_verify(args, settings) -> int:
    with _unlocked(settings) as session:
        broken = session.store.audit.first_broken_link()
        count = len(session.store.audit.entries())
        damaged = session.store.untrusted()
    for table, record_id, error in damaged:
        print(f"wvisit: {table} {record_id}: {error}", file=sys.stderr)
    if broken is not None:
        print(f"wvisit: the audit log has been altered: the first broken link is entry {broken}.", file=sys.stderr)
    if broken is None and not damaged:
        print(f"The audit log is intact ({count} entries) and every record agrees with it.")
        return 0
    return 1


def _passcode_change(args, settings) -> None:
    from wvisit.app.session import Session
    from wvisit.vault import Vault

    vault = Vault.load(Path(settings.data_dir))
    old = _passcode()
    keys = vault.change_passcode(old, _new_passcode(), settings.passcode_min_length)
    Session.after_key_change(vault, keys, "passcode changed")
    print("Passcode changed.")


def _sync(args, settings) -> int:
    from wvisit.app.queries.sync_status import sync_overview

    with _unlocked(settings) as session:
        if args.action == "status":
            status = sync_overview(session.store).as_json()
            print(json.dumps(status, indent=1) if args.json else "\n".join(f"{k}: {v}" for k, v in status.items()))
            return 0
        with _central(args, settings, session) as engine:
            if args.user or not engine.signed_in():
                if not args.user:
                    raise InvalidValue("Sign in once with --user NAME (the password comes from standard input).")
                engine.sign_in(args.user, _read_secret("WVISIT_CENTRAL_PASSWORD", "Central record password: "))
            report = engine.sync()
        print(f"Sent {report.pushed}, received {report.pulled}.")
        if report.complete:
            print("Everything is synced.")
            return 0
        held = session.store.outbox.held()
        print(f"Not finished: {report.waiting} waiting to sync, {len(held)} set aside.", file=sys.stderr)
        for entry in held:
            print(f"  set aside: {entry.kind} {entry.record_id}: {entry.last_error}", file=sys.stderr)
        return 1


def _sign_out(args, settings) -> None:
    """Hand the laptop on: once everything has synced, end the sign-in and remove this laptop's copy,
    so the next worker never sees the previous worker's caseload (it is all on the central record)."""
    from wvisit.app.session import wipe

    with _unlocked(settings) as session, _central(args, settings, session) as engine:
        engine.sign_out()
    wipe(Path(settings.data_dir))
    print(
        "Signed out of the central record. Everything had synced, so this laptop's copy was removed: "
        "the next worker runs 'wvisit init' and signs in with their own account."
    )


@contextmanager
def _central(args, settings, session):
    """A sync engine for this session's store, talking to --central or the central_url setting."""
    from wvisit.sync.client import CentralClient
    from wvisit.sync.engine import SyncEngine

    url = args.central or settings.central_url
    if args.central and config.Rule.LOCKED is settings.policy.get("central_url") and url != settings.central_url:
        raise InvalidValue("IT has set which central record this laptop syncs with, so --central cannot change it.")
    if not url:
        raise InvalidValue("Say which central record to sync with: --central URL, or central_url in the settings.")
    client = CentralClient(url, ca_cert=settings.central_ca_cert or None)
    try:
        yield SyncEngine(session.store, client, on_revoked=session.shred)
    finally:
        client.close()


def _config_show(args, settings) -> None:
    """Every setting's value, where it came from, IT's rule over it and any user value that rule set aside."""
    if args.json:
        print(json.dumps({k: {"value": v, **settings.origin(k)} for k, v in settings.values.items()}, indent=1))
        return
    width = max(len(key) for key in settings.values)
    for key, value in settings.values.items():
        origin = settings.origin(key)
        notes = [origin["from"], origin.get("policy", "")]
        notes += [f"ignored the value in {source}" for source in origin.get("ignored", [])]
        print(f"{key:<{width}}  {value!s:<40}  ({'; '.join(note for note in notes if note)})")


def _dictate(args, settings) -> None:
    """For IT's checks and our tests: the same engine and spelling the visit editor's dictation uses.
    Touches no records, so it needs no passcode; the audio is read into memory and wiped after."""
    from wvisit.dictation.audio import read_wav
    from wvisit.dictation.engine import Engine
    from wvisit.writing.spelling import british

    engine = Engine.load(settings.dictation_model)
    pcm = read_wav(Path(args.audio))
    seconds = len(pcm) / 32_000
    segments = list(engine.transcribe(pcm, spelling=british()[0]))
    if args.json:
        found = [{"start": s.start, "end": s.end, "text": s.text} for s in segments]
        text = " ".join(s.text for s in segments)
        print(json.dumps({"model": engine.name, "seconds": round(seconds, 2), "segments": found, "text": text}))
        return
    for segment in segments:
        print(f"[{segment.start:6.2f} - {segment.end:6.2f}]  {segment.text}")


def _provision(args, settings) -> None:
    from wvisit.provision import provision

    extra = {}
    for assignment in args.set:
        key, _, value = assignment.partition("=")
        extra[key.strip()] = value.strip()
    if args.dictation_model:
        extra["dictation_model"] = args.dictation_model
    config.load(extra)  # refuses an unknown key or a bad value before anything is written
    if extra.get("dictation_model"):
        from wvisit.dictation.engine import model_folder

        model_folder(extra["dictation_model"])  # a folder that is not a speech model is refused, nothing written
    target = provision(
        args.central,
        Path(args.ca_cert) if args.ca_cert else None,
        Path(args.recovery_key) if args.recovery_key else None,
        {k: v if v.isdigit() else json.dumps(v) for k, v in extra.items()},
    )
    print(f"Machine-wide settings written to {target}")


def _wipe(args, settings) -> int:
    from wvisit.app.session import wipe

    data_dir = Path(settings.data_dir)
    if not args.confirm:
        print("wvisit: this wipes every record on this laptop. Run again with --confirm.", file=sys.stderr)
        return 1
    wipe(data_dir)
    print(f"Wiped: the records in {data_dir} can no longer be opened, and their files are deleted.")
    return 0


def _recovery_keygen(args, settings) -> None:
    from wvisit.vault import recovery

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    private_pem, public_pem = recovery.generate_pair()
    private_path = out / "wvisit-recovery-private.pem"
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(private_pem)
    (out / "wvisit-recovery-public.pem").write_bytes(public_pem)
    print(f"Keep {private_path} offline. Deploy wvisit-recovery-public.pem to laptops.")


def _recover(args, settings) -> None:
    from wvisit.app.session import Session
    from wvisit.vault import Vault

    vault = Vault.load(Path(settings.data_dir))
    keys = vault.recover(Path(args.recovery_key).read_bytes(), _new_passcode(), settings.passcode_min_length)
    Session.after_key_change(vault, keys, "recovered with the council's recovery key")
    print("Recovered: the records open with the new passcode.")


# --- parsing ---------------------------------------------------------------------------------


def _date(text: str, flag: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidValue(f"{flag} must be a date written YYYY-MM-DD.") from None


def _field_value(text: str):
    lowered = text.strip().lower()
    if lowered in {"yes", "true"}:
        return True
    if lowered in {"no", "false"}:
        return False
    if lowered in {"", "none"}:
        return None
    return text


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line, read in two steps so that a start builds only what it uses: first which command
    (every command is named, none of their arguments is built; `wvisit` alone, the app, stops there), then
    that command's own arguments. Help, usage errors and values read from standard input come from the
    second step, so each `-` is read once (docs/PERFORMANCE.md, cold start)."""
    parser = _parser()
    command = parser.parse_known_args(argv)[0].command
    return (parser if command is None else _parser(command)).parse_args(argv)


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """Every command named with its help; only `command`'s arguments built (none: the commands without)."""
    parser = argparse.ArgumentParser(
        prog="wvisit",
        description="Record home visits offline, sync later.",
        epilog="A command line is visible to every account on this laptop (the process list). Give a personal "
        "value (a name, a date of birth, a summary, a note, the child's words, a reason, a --set value, search "
        "words) as - and write it on standard input instead: one line for each -, in the order they are "
        "written, before the passcode's line (or set WVISIT_PASSCODE). Scripts should always do so.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument("--self-test", action="store_true", help="check crypto, store, keyring and Qt; exit 0 or 1")
    parser.add_argument("--data-dir", help="folder of the encrypted records (or WVISIT_DATA_DIR)")
    commands = parser.add_subparsers(dest="command")
    for name, (help_text, arguments) in _COMMANDS.items():
        # Without its arguments a command also goes without -h, which the second step then answers.
        sub = commands.add_parser(name, help=help_text, add_help=name == command)
        if name == command:
            arguments(sub)
    return parser


def _init_arguments(init: argparse.ArgumentParser) -> None:
    init.add_argument("--owner", help="the worker's account name (default: the login name)")
    init.set_defaults(handler=_init)


def _child_arguments(parser: argparse.ArgumentParser) -> None:
    from wvisit.domain import Category
    from wvisit.domain.contact import ContactKind

    child = parser.add_subparsers(dest="action", required=True)
    add = child.add_parser("add", help="add a child; prints the child's id")
    add.add_argument("--name", required=True, type=_personal, help="the child's name" + FROM_STDIN_HELP)
    add.add_argument("--dob", required=True, type=_personal, help="date of birth, YYYY-MM-DD" + FROM_STDIN_HELP)
    add.add_argument("--status", required=True, choices=["CIN", "CP", "CLA", "CL"])
    add.set_defaults(handler=_child_add)
    listing = child.add_parser("list", help="the local caseload")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_child_list)
    contact = child.add_parser("contact", help="record a phone call, meeting or professional contact; prints its id")
    contact.add_argument("id", help="the child's id")
    contact.add_argument("--kind", required=True, choices=[kind.value for kind in ContactKind])
    contact.add_argument(
        "--with", dest="with_whom", required=True, type=_personal, help="who the contact was with" + FROM_STDIN_HELP
    )
    contact.add_argument("--summary", required=True, type=_personal, help="what was said" + FROM_STDIN_HELP)
    contact.add_argument("--on", help="the date (14/11/2026, 14 Nov, today); default today")
    contact.add_argument("--time", help="HH:MM, this laptop's time; default now")
    contact.add_argument(
        "--chronology",
        choices=[category.value for category in Category if category.typed],
        help="put it on the child's chronology under this category",
    )
    contact.set_defaults(handler=_child_contact)


def _visit_arguments(parser: argparse.ArgumentParser) -> None:
    visit = parser.add_subparsers(dest="action", required=True)
    new = visit.add_parser("new", help="start a draft visit; prints its id")
    new.add_argument("--child", required=True)
    new.add_argument("--note", type=_personal, help="what I saw" + FROM_STDIN_HELP)
    new.add_argument("--voice", type=_personal, help="the child's words" + FROM_STDIN_HELP)
    new.set_defaults(handler=_visit_new)
    edit = visit.add_parser("edit", help="change fields of a draft")
    edit.add_argument("id")
    edit.add_argument(
        "--set",
        action="append",
        default=[],
        type=_personal_field,
        metavar="FIELD=VALUE",
        help="VALUE" + FROM_STDIN_HELP,
    )
    edit.set_defaults(handler=_visit_edit)
    finalise = visit.add_parser("finalise", help="finalise a complete visit record")
    finalise.add_argument("id")
    finalise.set_defaults(handler=_visit_finalise)
    addendum = visit.add_parser("addendum", help="correct a finalised record")
    addendum.add_argument("id")
    addendum.add_argument("--why", required=True, type=_personal, help="why it is corrected" + FROM_STDIN_HELP)
    addendum.add_argument("--text", required=True, type=_personal, help="the correction" + FROM_STDIN_HELP)
    addendum.set_defaults(handler=_visit_addendum)
    discard = visit.add_parser("discard", help="discard a draft started in error, saying why")
    discard.add_argument("id")
    discard.add_argument("--why", required=True, type=_personal, help="why it was started in error" + FROM_STDIN_HELP)
    discard.set_defaults(handler=_visit_discard)
    export = visit.add_parser("export", help="write a finalised visit record as PDF or JSON (docs/FORMAT.md)")
    export.add_argument("id")
    export.add_argument("--format", choices=("pdf", "json"), default="pdf")
    export.add_argument("--out", required=True, help="the file to write")
    export.set_defaults(handler=_visit_export)
    show = visit.add_parser("show", help="print a visit record")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_visit_show)


def _tasks_arguments(tasks: argparse.ArgumentParser) -> None:
    tasks.add_argument("--json", action="store_true")
    tasks.set_defaults(handler=_tasks)


def _search_arguments(search: argparse.ArgumentParser) -> None:
    search.add_argument("text", type=_personal, help="the words" + FROM_STDIN_HELP)
    search.set_defaults(handler=_search)


def _audit_arguments(parser: argparse.ArgumentParser) -> None:
    audit = parser.add_subparsers(dest="action", required=True)
    audit.add_parser("verify", help="check the hash chain").set_defaults(handler=_audit_verify)


def _passcode_arguments(parser: argparse.ArgumentParser) -> None:
    passcode = parser.add_subparsers(dest="action", required=True)
    passcode.add_parser("change", help="old passcode, then new").set_defaults(handler=_passcode_change)


def _sync_arguments(sync: argparse.ArgumentParser) -> None:
    sync.add_argument(
        "action", nargs="?", choices=["status"], help="status: what waits to sync, last sync, last problem"
    )
    sync.add_argument("--central", help="the central record's address (default: central_url setting)")
    sync.add_argument("--user", help="sign in as this user (once per laptop)")
    sync.add_argument("--json", action="store_true")
    sync.set_defaults(handler=_sync)


def _sign_out_arguments(sign_out: argparse.ArgumentParser) -> None:
    sign_out.add_argument("--central", help="the central record's address (default: central_url setting)")
    sign_out.set_defaults(handler=_sign_out)


def _config_arguments(parser: argparse.ArgumentParser) -> None:
    config_parser = parser.add_subparsers(dest="action", required=True)
    show = config_parser.add_parser("show", help="every setting, its value and where it came from")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_config_show)


def _dictate_arguments(dictate: argparse.ArgumentParser) -> None:
    dictate.add_argument("--audio", required=True, metavar="FILE.wav", help="speech to transcribe (WAV, any rate)")
    dictate.add_argument("--json", action="store_true", help="segments with start and end times, as JSON")
    dictate.set_defaults(handler=_dictate)


def _provision_arguments(provision: argparse.ArgumentParser) -> None:
    provision.add_argument("--central", required=True, help="the central record's https:// address")
    provision.add_argument("--ca-cert", help="pin the central record to this CA or certificate (PEM)")
    provision.add_argument("--recovery-key", help="the council's recovery public key (PEM)")
    provision.add_argument("--dictation-model", metavar="FOLDER", help="the speech model for dictation (checked)")
    provision.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="any other setting")
    provision.set_defaults(handler=_provision)


def _wipe_arguments(wipe: argparse.ArgumentParser) -> None:
    wipe.add_argument("--confirm", action="store_true")
    wipe.set_defaults(handler=_wipe)


def _recovery_keygen_arguments(keygen: argparse.ArgumentParser) -> None:
    keygen.add_argument("--out", required=True)
    keygen.set_defaults(handler=_recovery_keygen)


def _recover_arguments(recover: argparse.ArgumentParser) -> None:
    recover.add_argument("--recovery-key", required=True, help="the private key file (PEM)")
    recover.set_defaults(handler=_recover)


# Each command's help (listed by `wvisit --help`) and what builds its arguments, in the order --help lists them.
_COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "init": ("set up encrypted records and choose a passcode", _init_arguments),
    "child": ("children on the caseload", _child_arguments),
    "visit": ("visit records", _visit_arguments),
    "tasks": ("what needs you now: the app's My tasks", _tasks_arguments),
    "search": ("ids of visits whose notes hold every word", _search_arguments),
    "audit": ("the audit log", _audit_arguments),
    "passcode": ("the passcode", _passcode_arguments),
    "sync": ("push then pull with the central record; or show sync status", _sync_arguments),
    "sign-out": ("end this laptop's central sign-in (only when all is synced)", _sign_out_arguments),
    "config": ("the settings", _config_arguments),
    "dictate": ("IT: transcribe a WAV file with the dictation model, offline", _dictate_arguments),
    "provision": ("IT: write the machine-wide settings (silent deployment)", _provision_arguments),
    "wipe": ("IT: destroy this laptop's key and records (uninstall, hand-over)", _wipe_arguments),
    "recovery-keygen": ("IT: make the council's recovery key pair", _recovery_keygen_arguments),
    "recover": ("IT: reopen records with the recovery key and set a new passcode", _recover_arguments),
}
