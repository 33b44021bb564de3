"""`wvisit --self-test`: can this machine run wvisit? For IT, after deploying a bundle.

Checks crypto, the store, the credential store and a headless Qt start, prints one line
per check, and returns whether all passed. It touches no real records: the store check
runs in a temporary folder with a throwaway key.
"""

from __future__ import annotations

import os
import tempfile
import traceback
import uuid
from collections.abc import Callable
from pathlib import Path


def _crypto() -> None:
    from wvisit.vault.keys import Keys

    keys = Keys(os.urandom(32))
    if keys.open("t", "id", 1, keys.seal("t", "id", 1, b"self-test")) != b"self-test":
        raise RuntimeError("seal and open do not round-trip")


def _store() -> None:
    from datetime import date

    from wvisit.domain import Child, LegalStatus
    from wvisit.store import Store
    from wvisit.vault.keys import Keys

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp), Keys(os.urandom(32)), "self-test")
        child = store.children.add(Child("Test Child", date(2015, 1, 1), LegalStatus.CIN))
        if store.children.get(child.id).name != "Test Child":
            raise RuntimeError("a saved record did not read back")
        store.close()


def _keyring() -> None:
    from wvisit.vault import device_secret

    probe = f"self-test-{uuid.uuid4()}"
    try:
        device_secret.create(probe)
    finally:
        device_secret.destroy(probe)


def _qt() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication([])
    label = QLabel("self-test")
    label.show()
    app.processEvents()
    label.close()


CHECKS: list[tuple[str, Callable[[], None]]] = [
    ("crypto (AES-256-GCM)", _crypto),
    ("store (SQLite)", _store),
    ("credential store (keyring)", _keyring),
    ("Qt starts headless", _qt),
]


def run(say: Callable[[str], None] = print) -> bool:
    ok = True
    for name, check in CHECKS:
        try:
            check()
            say(f"ok    {name}")
        except Exception as error:  # a self-test reports every failure, whatever its kind
            ok = False
            reason = str(error) or type(error).__name__
            say(f"FAIL  {name}: {reason}")
            if os.environ.get("WVISIT_DEBUG"):
                traceback.print_exc()
    say(_spelling())
    dictation_ok, line = _dictation()
    say(line)
    ok = ok and dictation_ok
    say("self-test passed" if ok else "self-test failed")
    return ok


def _spelling() -> str:
    """Told, not checked: the app works without spell check, so its absence does not fail the test."""
    from wvisit.writing.spelling import british

    checker, why = british()
    return "note  spell check (British English) available" if checker is not None else f"note  {why}"


def _dictation() -> tuple[bool, str]:
    """Told when dictation is not set up (it is optional); checked when IT set a model: the model loads
    and transcribes half a second of silence, or the self-test fails, saying why."""
    from wvisit import config
    from wvisit.dictation.engine import DictationUnavailable, Engine, availability

    setting = config.load().dictation_model
    found = availability(setting)
    if not setting.strip():
        return True, f"note  dictation not available: {found.why}"
    if not found.ready:
        return False, f"FAIL  dictation: {found.why}"
    try:
        list(Engine.load(setting).transcribe(bytearray(16_000)))
    except DictationUnavailable as error:
        return False, f"FAIL  dictation: {error}"
    return True, f"ok    dictation: {found.model}"
