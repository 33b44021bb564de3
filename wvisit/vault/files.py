"""The vault's file name, in a module light enough to import before anything else."""

VAULT_FILE = "vault.json"
