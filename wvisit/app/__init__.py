"""Use cases, with no Qt: what the app and the command line do with the records.

The unlocked session (session.py), what is done to a visit (visits.py) and to a child
(children.py), exports (exports.py), and the read models behind each screen (queries/).
Screens and the CLI call down into here; this calls down into the store, the vault, sync
and the domain, never up.
"""
