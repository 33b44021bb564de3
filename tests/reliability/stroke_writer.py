"""Child process for the stroke crash test: draws a picture, saving after every stroke as child mode does,
and reports each save once it has returned.

Run as: python -m tests.reliability.stroke_writer DATA_DIR
The data key comes in WVISIT_TEST_DEK (hex). The first run starts a drawing; a later run carries on the
same drawing from what the store reads back. Each line printed is "sitting_id strokes": a promise that
the drawing with that many strokes is durable.
"""

import os
import sys
from datetime import date
from pathlib import Path

from wvisit import tools
from wvisit.app import visits
from wvisit.domain import Child, LegalStatus, Sitting
from wvisit.store import Store
from wvisit.tools.drawing import Drawing, Stroke
from wvisit.vault import Keys


def main() -> None:
    store = Store.open(Path(sys.argv[1]), Keys(bytes.fromhex(os.environ["WVISIT_TEST_DEK"])), "sw.crash")
    tool = tools.get("drawing")
    children = store.children.all()
    if children:
        (sitting,) = store.sittings.for_child(children[0].id)
    else:
        child = store.children.add(Child("Crash Example", date(2015, 1, 1), LegalStatus.CIN))
        sitting = Sitting(store.visits.new_draft(child.id).id, child.id, "drawing", tool.save(Drawing()))
    strokes = tool.load(sitting.result).strokes
    while True:
        n = len(strokes)
        strokes.append(Stroke("#1976d2", 8, [n % 1000, n % 997, (n * 7) % 1000, (n * 3) % 1000]))
        sitting.result = tool.save(Drawing(strokes))
        visits.save_sitting(store, sitting)
        print(sitting.id, len(strokes), flush=True)


if __name__ == "__main__":
    main()
