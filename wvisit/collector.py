"""Hold Python's cycle collector off while a sync moves thousands of records, or a list of every
visit is made.

Why: a pulled page is 500 bodies, each a dict of some thirty values, which live until the page is
stored. The cycle collector counts them as they are made and, as they outlive its young generations,
runs full collections over every object in the process, again and again during one pull: a fifth of
a pull's CPU in the sync benchmark. The same holds for the rows of a team manager's review queue,
tasks and team page, one per visit of 30,000 (a fifth to a quarter of each). The records are freed
by reference counting either way (they hold no cycles); whatever cyclic garbage one of these does
make is collected when the collector runs again.

Process-wide, as the collector is: counted, so overlapping holders (a sync thread beside another)
turn it back on only when the last one leaves, and only if it was on before the first came.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0
_was_enabled = False


@contextmanager
def held_off() -> Iterator[None]:
    """The cycle collector is off inside the block (reference counting still frees everything else)."""
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.enable()
