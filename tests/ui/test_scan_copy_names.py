"""A scan's unencrypted copy is only ever opened as a PDF.

An attachment's name and type come from whichever laptop added it (another worker's, synced through
the central record), so neither can be trusted: a "scan" named `plan.hta` (or `.bat`, `.desktop`)
would be opened by the laptop's handler for that ending and run. The copy is written only when its
bytes are a PDF, and always under a name ending in .pdf. Real widgets on a real store.
"""

from __future__ import annotations

import hashlib

from PySide6.QtWidgets import QMessageBox

from tests.conftest import PASSCODE, complete_visit, make_child
from tests.ui.conftest import WAIT
from tests.ui.test_visit_attachments import open_editor, rows
from wvisit import config
from wvisit.app.session import Session
from wvisit.domain import to_record
from wvisit.domain.attachment import Attachment, AttachmentKind
from wvisit.ui import attachments_panel

PDF = b"%PDF-1.4\n% synthetic scan\n%%EOF\n"


def a_visit_with_a_scan(data_dir, name: str, data: bytes) -> str:
    """A visit holding a scan as another laptop could have sent it: its name and type as that laptop said,
    pulled and fetched the way sync stores one. (Names like plan.hta are refused by the central record and
    by every laptop now, domain/attachment.py; a laptop may still hold one pulled before that.)"""
    session = Session.create(data_dir, PASSCODE, "sw.test", config.load({"data_dir": str(data_dir)}))
    store = session.store
    visit = complete_visit(store, make_child(store))
    scan = Attachment(
        visit.id, AttachmentKind.DOCUMENT, hashlib.sha256(data).hexdigest(), len(data), name, "application/pdf"
    )
    with store.transaction():
        store.apply_pulled([("attachment", scan.id, 1, to_record(scan))])
    store.attachments.keep_chunks(scan.id, 0, [data])
    assert store.attachments.finish_fetch(scan.id)
    session.lock()
    return visit.id


def open_scan(qtbot, open_window, visit_id, monkeypatch) -> tuple[object, list[str]]:
    opened: list[str] = []
    monkeypatch.setattr(attachments_panel.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    _, editor = open_editor(qtbot, open_window, visit_id)
    panel = editor.attachments
    qtbot.waitUntil(lambda: any("scan (PDF)" in r for r in rows(panel.listing)), timeout=WAIT)
    panel.listing.setCurrentRow(0)
    panel.open_button.click()
    panel.asking.button(QMessageBox.StandardButton.Open).click()
    return panel, opened


def test_a_scan_named_to_run_is_opened_only_as_a_pdf(qtbot, open_window, data_dir, monkeypatch):
    visit_id = a_visit_with_a_scan(data_dir, "plan.hta", PDF)
    panel, opened = open_scan(qtbot, open_window, visit_id, monkeypatch)
    qtbot.waitUntil(lambda: bool(opened), timeout=WAIT)
    assert opened[0].endswith(".pdf") and panel.copy.read_bytes() == PDF


def test_a_scan_whose_bytes_are_not_a_pdf_is_not_written_out(qtbot, open_window, data_dir, monkeypatch):
    visit_id = a_visit_with_a_scan(data_dir, "plan.pdf", b"<script>synthetic, not a PDF</script>")
    panel, opened = open_scan(qtbot, open_window, visit_id, monkeypatch)
    qtbot.waitUntil(lambda: "not a PDF" in panel.notice.text(), timeout=WAIT)
    assert opened == [] and panel.copy is None
