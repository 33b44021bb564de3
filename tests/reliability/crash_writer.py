"""Child process for the crash test: saves drafts in a loop and reports each save once it has returned.

Run as: python -m tests.reliability.crash_writer DATA_DIR
The data key comes in WVISIT_TEST_DEK (hex), so the test exercises the store's
durability alone. Each line printed is "visit_id version counter": a promise that
this save is durable.
"""

import os
import sys
from datetime import date
from pathlib import Path

from wvisit.domain import Child, LegalStatus
from wvisit.store import Store
from wvisit.vault import Keys


def main() -> None:
    store = Store.open(Path(sys.argv[1]), Keys(bytes.fromhex(os.environ["WVISIT_TEST_DEK"])), "sw.crash")
    children = store.children.all()
    child = children[0] if children else store.children.add(Child("Crash Example", date(2015, 1, 1), LegalStatus.CIN))
    counter = int(sys.argv[2])
    visit = None
    while True:
        if visit is None or counter % 7 == 0:
            visit = store.visits.new_draft(child.id)
        visit.what_i_saw = f"save {counter} " + "x" * (counter % 4000)
        version = store.visits.save_draft(visit)
        print(visit.id, version, counter, flush=True)
        counter += 1


if __name__ == "__main__":
    main()
