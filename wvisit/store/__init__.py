"""The encrypted local store: SQLite through sqlite-utils, every personal value sealed."""

from wvisit.store.store import Store
from wvisit.store.visits import VisitRecord

__all__ = ["Store", "VisitRecord"]
