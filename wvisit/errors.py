"""Errors a user can cause, each carrying one plain sentence for the window or terminal.

Why a module of its own: every layer raises these (the vault, the store, the CLI, the UI
shows them), so they sit below all of them. A message never holds a personal value: it
may name a file path, a field name or a record id, never a child's name or a note.
"""

from __future__ import annotations


class WvisitError(Exception):
    """Base of every expected failure. `str(error)` is the sentence to show."""

    sentence = "Something went wrong."

    def __init__(self, sentence: str | None = None):
        super().__init__(sentence or self.sentence)


class WrongPasscode(WvisitError):
    sentence = "That passcode is not right. Please try again."


class PasscodeTooWeak(WvisitError):
    sentence = "That passcode is too short."


class TooManyAttempts(WvisitError):
    """Raised before the key derivation runs, so a guesser gains nothing by hammering."""

    def __init__(self, wait_seconds: float):
        self.wait_seconds = wait_seconds
        super().__init__(f"Too many wrong passcodes. Please wait {int(wait_seconds) + 1} seconds and try again.")


class VaultStopped(WvisitError):
    sentence = (
        "Too many wrong passcodes: this laptop's records are locked. "
        "Ask IT to reopen them with the council's recovery key."
    )


class VaultLocked(WvisitError):
    sentence = "The records are locked. Enter your passcode to continue."


class VaultMissing(WvisitError):
    sentence = "No records have been set up here yet. Run 'wvisit init' first."


class VaultExists(WvisitError):
    sentence = "Records are already set up in this folder."


class KeyringUnavailable(WvisitError):
    sentence = (
        "This computer has no usable credential store, so the records cannot be protected. "
        "Install and unlock the system keyring (Windows Credential Manager, macOS Keychain, "
        "or GNOME Keyring / KWallet on Linux), or set PYTHON_KEYRING_BACKEND to a backend."
    )


class DeviceSecretMissing(WvisitError):
    sentence = (
        "This laptop's device secret is missing from the credential store, so the records "
        "cannot be opened here. Ask IT to reopen them with the council's recovery key."
    )


class TamperedRecord(WvisitError):
    """A sealed value failed its check: altered, moved to another row or rolled back."""

    def __init__(self, table: str, record_id: str, why: str = "it failed its integrity check"):
        self.table = table
        self.record_id = record_id
        super().__init__(f"A {table} record ({record_id}) cannot be trusted: {why}.")


class StoreCorrupt(WvisitError):
    def __init__(self, path: str, detail: str = "it is damaged"):
        super().__init__(f"The records file {path} cannot be opened: {detail}. It has not been changed.")


class NotOurFile(WvisitError):
    def __init__(self, path: str):
        super().__init__(f"The file {path} is not a wvisit records file. It has not been changed.")


class StoreFull(WvisitError):
    sentence = (
        "The disk is full, so this change was not saved. Your earlier saves are safe. Free some space and save again."
    )


class MigrationFailed(WvisitError):
    def __init__(self, backup: str):
        super().__init__(
            f"Updating the records file failed, so the copy taken before the update ({backup}) "
            "was put back. Please tell IT."
        )


class NotFound(WvisitError):
    def __init__(self, kind: str, record_id: str):
        super().__init__(f"No {kind} with id {record_id} is stored here.")


class VisitFinalised(WvisitError):
    sentence = "This visit record is finalised and cannot be changed. Add an addendum instead."


class VisitIncomplete(WvisitError):
    """Finalising was refused; `missing` names each field a statutory visit still needs."""

    def __init__(self, missing: list[str]):
        self.missing = list(missing)
        super().__init__("The visit cannot be finalised yet. Still needed: " + "; ".join(missing) + ".")


class InvalidValue(WvisitError):
    """A value the user gave does not fit (a date in the future, an unknown status...)."""


class ExportFailed(WvisitError):
    """A PDF or JSON export could not be written; nothing half-written is left behind."""


class ConfigError(WvisitError):
    def __init__(self, source: str, key: str, allowed: str):
        super().__init__(f"The setting '{key}' in {source} is not valid: it must be {allowed}.")


class CentralUnreachable(WvisitError):
    sentence = "No connection to the central record. Your records are safe here and will sync when you are back online."


class CentralError(WvisitError):
    sentence = (
        "The central record had a problem and did not take the changes. They are safe here; wvisit will try again."
    )


class CentralGarbage(WvisitError):
    sentence = (
        "The central record sent an answer wvisit does not understand, so nothing was changed here. "
        "Your records are safe; please tell IT if this keeps happening."
    )


class CentralRefused(WvisitError):
    """The central record said no, with its reason (never containing a personal value)."""


class SignInNeeded(WvisitError):
    sentence = "Sign in to the central record to sync."


class TokenExpired(WvisitError):
    sentence = "The sign-in to the central record has expired."


class DeviceRevoked(WvisitError):
    sentence = (
        "IT has withdrawn this laptop from wvisit, so its records have been wiped from it. "
        "Everything that had synced is safe in the central record."
    )


class InsecureCentral(WvisitError):
    sentence = "The central record's address must start with https:// (plain http:// is only allowed on this computer)."


class KeyringNotSafe(KeyringUnavailable):
    """The credential store keyring found would write the device secret unencrypted to a file."""

    sentence = (
        "The credential store found on this computer keeps secrets in a plain file, so wvisit will not "
        "put the records' key there. Install and unlock the system keyring (Windows Credential Manager, "
        "macOS Keychain, or GNOME Keyring / KWallet on Linux)."
    )
