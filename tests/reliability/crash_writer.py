"""Child process for the crash test: starts writers that save drafts in a loop, for the test to kill.

Run as: python -m tests.reliability.crash_writer DATA_DIR
The data key comes in WVISIT_TEST_DEK (hex), so the test exercises the store's durability alone.
This process imports the store once and opens nothing; for each start number the test sends on
standard input it forks a writer, a process of its own that opens the store afresh and saves,
printing "visit_id version counter" after each save has returned: a promise that this save is
durable. It says "started PID" for each writer and "ended PID" once the killed writer is gone.
Why fork: a new Python takes about half a second to import the store and sqlite-utils' plugins, most
of the fifty kills' time.
"""

import os
import sys
import traceback
from datetime import date
from pathlib import Path

import sqlite_utils

from wvisit.domain import Child, LegalStatus
from wvisit.store import Store
from wvisit.vault import Keys


def say(line: str) -> None:
    """One line in one write: a pipe takes a short write whole, so a line is never cut by a kill nor
    mixed with another process's (print may write a line in pieces, unbuffered under PYTHONUNBUFFERED)."""
    os.write(sys.stdout.fileno(), f"{line}\n".encode())


def write(data_dir: Path, counter: int) -> None:
    """The writer: saves until it is killed."""
    store = Store.open(data_dir, Keys(bytes.fromhex(os.environ["WVISIT_TEST_DEK"])), "sw.crash")
    children = store.children.all()
    child = children[0] if children else store.children.add(Child("Crash Example", date(2015, 1, 1), LegalStatus.CIN))
    visit = None
    while True:
        if visit is None or counter % 7 == 0:
            visit = store.visits.new_draft(child.id)
        visit.what_i_saw = f"save {counter} " + "x" * (counter % 4000)
        version = store.visits.save_draft(visit)
        say(f"{visit.id} {version} {counter}")
        counter += 1


def main() -> None:
    data_dir = Path(sys.argv[1])
    # sqlite-utils looks for its plugins (every installed package's entry points, ~0.3 s) at a process's
    # first database: done here once, on a database in memory, rather than in each writer.
    sqlite_utils.Database(memory=True).close()
    for line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            try:
                write(data_dir, int(line))
            except Exception:
                traceback.print_exc()  # for the test's message
            finally:
                os._exit(1)  # only after an error (a kill ends it otherwise): never back into this loop
        say(f"started {pid}")
        os.waitpid(pid, 0)
        say(f"ended {pid}")


if __name__ == "__main__":
    main()
