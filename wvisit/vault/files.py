"""The vault's file names, in a module light enough to import before anything else."""

from pathlib import Path

VAULT_FILE = "vault.json"
GOOD_FILE = VAULT_FILE + ".good"  # the last known good copy, written after every successful write
LOCK_FILE = VAULT_FILE + ".lock"  # held (OS lock) around every read and read-modify-write


def vault_present(data_dir: Path) -> bool:
    """Whether records were set up here: a missing vault.json with its good copy still counts."""
    return (data_dir / VAULT_FILE).exists() or (data_dir / GOOD_FILE).exists()
