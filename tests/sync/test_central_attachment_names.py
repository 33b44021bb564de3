"""An attachment's name and type, checked by the central record itself (a security review found only the
laptop's screen guarded against them): a plain file name ending as a photo, scan or recording does, of a
type a worker adds. The laptop refuses the same before storing (the rule is the domain's, kinds.py)."""

from __future__ import annotations

import pytest

from tests.conftest import complete_visit, make_child
from tests.sync.test_central_validation import push
from wvisit.domain import Attachment, AttachmentKind, to_record
from wvisit.errors import InvalidValue

PLANTED = [
    ("../../Startup/run.png", "image/png", "plain file name"),
    ("C:\\Users\\Public\\photo.png", "image/png", "plain file name"),
    ("photo.pdf:hidden.hta", "application/pdf", "plain file name"),
    ("photo\x1b[2J.png", "image/png", "plain file name"),
    ("scan\u202egnp.hta", "image/png", "plain file name"),  # shown reversed, as "scanath.png"
    ("Family photo.hta", "image/png", "not as a program"),
    ("plan.PDF.Bat", "application/pdf", "not as a program"),
    ("plan.cmd. . ", "application/pdf", "not as a program"),  # Windows drops the trailing dots
    ("setup.exe", "image/png", "not as a program"),
    ("notes.js", "image/png", "not as a program"),
    ("tidy.ps1", "image/png", "not as a program"),
    ("fix.sh", "image/png", "not as a program"),
    ("page.png", "text/html", "type"),
    ("page.png", "application/hta", "type"),
]


def test_an_attachment_named_or_typed_to_run_is_refused_by_the_central_record(laptop, store, central):
    ivy = make_child(store, "Ivy Example")
    visit = complete_visit(store, ivy)
    assert laptop.sync().set_aside == 0
    for name, mime, why in PLANTED:
        planted = Attachment(visit.id, AttachmentKind.PHOTO, "ab" * 32, 1024, name, mime)
        result = push(laptop, "attachment", planted.id, ivy.id, to_record(planted))
        assert result.status == "refused" and why in result.reason and name not in result.reason, name
        assert planted.id not in central.records()

    honest = Attachment(visit.id, AttachmentKind.PHOTO, "cd" * 32, 1024, "Mr. Bat's garden.v2.png", "image/png")
    assert push(laptop, "attachment", honest.id, ivy.id, to_record(honest)).status == "applied"


def test_the_laptop_refuses_such_an_attachment_before_it_is_stored(store):
    visit = complete_visit(store, make_child(store, "Ivy Example"))
    for name, mime, why in PLANTED:
        with pytest.raises(InvalidValue, match=why):
            store.attachments.put(visit.id, AttachmentKind.PHOTO, b"\x89PNG\r\n\x1a\n", name=name, mime=mime)
    assert store.attachments.for_owner(visit.id) == []
