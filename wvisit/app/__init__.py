"""Use cases, with no Qt: what the app and the command line do with the records.

The unlocked session (session.py), exports (exports.py) and, as the layer grows, the named
operations the screens and the CLI share. Screens and the CLI call down into here; this calls
down into the store, the vault, sync and the domain, never up.
"""
