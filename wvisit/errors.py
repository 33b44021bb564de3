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


class AttemptsTampered(VaultStopped):
    """The count of wrong passcodes failed its check: treated as the stop state (see throttle.py)."""

    sentence = (
        "The count of wrong passcodes on this laptop has been altered, so passcode unlock is stopped. "
        "Ask IT to reopen the records with the council's recovery key."
    )


class VaultTooNew(WvisitError):
    def __init__(self, path: str):
        super().__init__(
            f"The key file {path} was made by a newer version of wvisit: update wvisit to open these records. "
            "It has not been changed."
        )


class VaultUnwritable(WvisitError):
    """The key file could not be written; `outcome` says what that means for the action asked."""

    def __init__(self, path: str, full: bool, outcome: str = "Nothing was changed."):
        self.path, self.full = path, full
        if full:
            super().__init__(f"The disk is full, so wvisit cannot update its key file. {outcome} Free some space.")
        else:
            super().__init__(f"wvisit cannot write its key file {path}; check the folder is writable. {outcome}")


class VaultChangedElsewhere(WvisitError):
    sentence = (
        "The passcode was changed in another wvisit window or command meanwhile, so nothing was changed here. "
        "Please try again with the current passcode."
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


class StoreMissing(WvisitError):
    """The key file is here but its records file is not (or is empty): never replaced by a new one."""

    def __init__(self, path: str, what: str):
        super().__init__(
            f"The records file {path} cannot be opened: {what}, although this laptop's key file says records were "
            "set up here. Nothing was created in its place. Put back the file (IT may have a copy) or ask IT."
        )


class MadeByNewerWvisit(WvisitError):
    """A file or value in a format newer than this wvisit knows: an update reads it; it is not damaged."""

    def __init__(self, what: str):
        super().__init__(
            f"{what} was made by a newer version of wvisit: update wvisit to open it. Nothing was changed."
        )


class SealedByNewerWvisit(TamperedRecord, MadeByNewerWvisit):
    """A sealed value in a newer format. Still refused like any value that does not open (so every
    reader that sets such records aside keeps doing so), but named as "update wvisit"."""

    def __init__(self, table: str, record_id: str):
        self.table, self.record_id = table, record_id
        MadeByNewerWvisit.__init__(self, f"A {table} record ({record_id})")


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


class VisitDiscarded(WvisitError):
    sentence = "This visit was discarded as started in error and cannot be changed. Start a new visit instead."


class VisitIncomplete(WvisitError):
    """Finalising was refused; `missing` names each field a statutory visit still needs."""

    def __init__(self, missing: list[str]):
        self.missing = list(missing)
        super().__init__("The visit cannot be finalised yet. Still needed: " + "; ".join(missing) + ".")


class RecordChanged(WvisitError):
    """A save based on an older version than the one stored: nothing was overwritten."""

    def __init__(self, kind: str, record_id: str):
        self.kind, self.record_id = kind, record_id
        super().__init__(
            f"This {kind}'s record was changed (by a sync or in another window) after you opened it, "
            "so your change was not saved over it. Both versions are shown for you to merge."
        )


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
    """The central record said no, with its reason (never containing a personal value). `code` is its
    error code (protocol.py: "forbidden", "not_found", "device_in_use"...), for the caller to tell them apart."""

    def __init__(self, sentence: str | None = None, code: str = ""):
        super().__init__(sentence)
        self.code = code


class SignInNeeded(WvisitError):
    sentence = "Sign in to the central record to sync."


class TokenExpired(WvisitError):
    sentence = "The sign-in to the central record has expired."


class RevocationClaimed(WvisitError):
    """The central record answered "device revoked"; the sync engine checks its proof before acting on it."""

    def __init__(self, proof: str):
        self.proof = proof
        super().__init__(
            "The central record says this laptop has been withdrawn but could not prove it, so nothing was "
            "wiped. Your records are safe here; please tell IT."
        )


class DeviceRevoked(WvisitError):
    """Raised after a proven revocation shredded this laptop's keys; says truthfully what was not synced."""

    def __init__(self, unsynced: int = 0, recoverable: bool = False):
        self.unsynced, self.recoverable = unsynced, recoverable
        if unsynced == 0:
            rest = "Everything had synced, so nothing is lost: it is all in the central record."
        elif recoverable:
            rest = (
                f"{unsynced} record(s) had not reached the central record; IT can still recover them "
                "with the council's recovery key."
            )
        else:
            rest = f"{unsynced} record(s) had not reached the central record and cannot be recovered."
        super().__init__("IT has withdrawn this laptop from wvisit, so its records have been wiped from it. " + rest)


class SignedInAsAnother(WvisitError):
    """A second account on one laptop: refused here, before anything reaches the central record."""

    def __init__(self, waiting: int):
        self.waiting = waiting
        first = "This laptop is signed in to the central record as another worker."
        if waiting:
            first += f" {waiting} record(s) have not synced yet: sync them first."
        super().__init__(first + " To change the laptop's worker, run 'wvisit sign-out' (it needs everything synced).")


class NotAllSynced(WvisitError):
    def __init__(self, waiting: int):
        self.waiting = waiting
        super().__init__(
            f"{waiting} record(s) have not reached the central record yet, so this laptop cannot sign out. "
            "Sync first (records the central record set aside need fixing or IT's help)."
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


class StoreRolledBack(WvisitError):
    """The records file holds less of the audit chain than this laptop last committed (see vault/checkpoint.py)."""

    def __init__(self, last_good: str):
        self.last_good = last_good
        super().__init__(
            f"These records are older than the last ones this laptop saved (last good: {last_good}): the folder "
            "may have been restored from an old copy. Nothing was changed; ask IT."
        )


class CheckpointTooNew(WvisitError):
    sentence = (
        "This laptop's record of its last save was written by a newer version of wvisit: "
        "update wvisit to open these records. Nothing was changed."
    )
