"""Photos and scans of a visit: added from a file, listed in the visit and on the child's page with
their name, kind and size, a photo shown from memory, a PDF opened only from a copy the worker agreed
to (deleted when wvisit locks). Real widgets on a real store."""

from __future__ import annotations

import stat
import tempfile

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QMessageBox

from tests.conftest import PASSCODE, complete_visit, make_child
from tests.ui.conftest import WAIT, unlock, wait_for_page
from wvisit import config
from wvisit.app.session import Session
from wvisit.domain import Attachment, AttachmentKind, to_record
from wvisit.ui import attachments_panel
from wvisit.ui.child_page import ChildPage
from wvisit.ui.visit_editor import VisitEditor


def a_visit(data_dir) -> tuple[str, str]:
    session = Session.create(data_dir, PASSCODE, "sw.test", config.load({"data_dir": str(data_dir)}))
    child = make_child(session.store)
    visit = complete_visit(session.store, child)
    session.lock()
    return child.id, visit.id


def png_bytes(width: int = 64, height: int = 48) -> bytes:
    """A synthetic photo: a plain green picture, as PNG."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#2e7d32"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def rows(listing) -> list[str]:
    return [listing.item(n).text() for n in range(listing.count())]


def open_editor(qtbot, open_window, visit_id):
    window = open_window()
    unlock(qtbot, window)
    window.go("visit", visit_id)
    return window, wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)


def test_a_photo_added_to_a_visit_is_listed_and_shown_without_writing_it_out(qtbot, open_window, data_dir, tmp_path):
    child_id, visit_id = a_visit(data_dir)
    photo = tmp_path / "worksheet.png"
    photo.write_bytes(png_bytes())
    window, editor = open_editor(qtbot, open_window, visit_id)
    panel = editor.attachments
    # The panel lists the visit's attachments once the store lane has read them: wait for that.
    qtbot.waitUntil(lambda: rows(panel.listing) == ["No photos or scans yet."], timeout=WAIT)
    assert not panel.add_button.isHidden()

    panel.add_file(photo)
    qtbot.waitUntil(
        lambda: any(r.startswith("worksheet.png \u2014 photo, 1 KB") for r in rows(panel.listing)), timeout=WAIT
    )
    photo.unlink()  # the record keeps its own sealed copy
    panel.listing.setCurrentRow(0)
    assert panel.open_button.isEnabled()
    panel.open_button.click()
    qtbot.waitUntil(lambda: panel.viewer is not None and panel.viewer.isVisible(), timeout=WAIT)
    assert (panel.viewer.image.width(), panel.viewer.image.height()) == (64, 48)
    assert panel.viewer.image.pixelColor(10, 10) == QColor("#2e7d32")
    panel.viewer.reject()

    window.go("child", child_id)
    page = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None)
    qtbot.waitUntil(lambda: any("worksheet.png" in r for r in rows(page.attachments.listing)), timeout=WAIT)
    assert page.attachments.add_button.isHidden()  # added from the visit it belongs to


def test_a_file_that_is_not_a_photo_or_pdf_is_refused_plainly_and_nothing_is_added(
    qtbot, open_window, data_dir, tmp_path
):
    _, visit_id = a_visit(data_dir)
    fake = tmp_path / "notes.png"
    fake.write_text("synthetic text pretending to be a photo")
    window, editor = open_editor(qtbot, open_window, visit_id)
    panel = editor.attachments
    qtbot.waitUntil(lambda: rows(panel.listing) == ["No photos or scans yet."], timeout=WAIT)  # read on the store lane
    panel.add_file(fake)
    qtbot.waitUntil(lambda: panel.notice.isVisible(), timeout=WAIT)
    assert "not a photo or a PDF" in panel.notice.text()
    window.ops.wait()
    assert rows(panel.listing) == ["No photos or scans yet."]
    assert window.session.store.conn.execute("SELECT COUNT(*) FROM attachments").fetchone()[0] == 0


def test_a_scan_opens_only_from_a_copy_the_worker_agreed_to_and_the_copy_goes_at_lock(
    qtbot, open_window, data_dir, tmp_path, monkeypatch
):
    _, visit_id = a_visit(data_dir)
    scan = tmp_path / "signed-plan.pdf"
    content = b"%PDF-1.4\n% synthetic scan of a signed plan\n%%EOF\n"
    scan.write_bytes(content)
    opened: list[str] = []
    monkeypatch.setattr(attachments_panel.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    window, editor = open_editor(qtbot, open_window, visit_id)
    panel = editor.attachments
    panel.add_file(scan)
    qtbot.waitUntil(lambda: any("signed-plan.pdf \u2014 scan (PDF)" in r for r in rows(panel.listing)), timeout=WAIT)
    panel.listing.setCurrentRow(0)
    panel.open_button.click()
    question = panel.asking
    assert isinstance(question, QMessageBox) and "unencrypted copy" in question.text()
    question.button(QMessageBox.StandardButton.Open).click()
    qtbot.waitUntil(lambda: bool(opened), timeout=WAIT)
    copy = panel.copy
    assert copy is not None and opened == [str(copy)] and copy.read_bytes() == content
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600 and str(copy) in panel.notice.text()

    audit = window.session.store.conn
    qtbot.waitUntil(
        lambda: audit.execute("SELECT COUNT(*) FROM audit WHERE action = 'exported scan copy'").fetchone()[0] == 1,
        timeout=WAIT,
    )

    window.lock()
    assert not copy.exists() and not copy.parent.exists()


def test_a_pulled_photo_not_yet_fetched_is_listed_as_not_yet_downloaded_and_cannot_be_opened(
    qtbot, open_window, data_dir
):
    session = Session.create(data_dir, PASSCODE, "sw.test", config.load({"data_dir": str(data_dir)}))
    child = make_child(session.store)
    visit = complete_visit(session.store, child)
    body = to_record(Attachment(visit.id, AttachmentKind.PHOTO, "a" * 64, 2 * 1024 * 1024, "garden.jpg", "image/jpeg"))
    with session.store.transaction():  # as a pull stores it: the record, without its content
        session.store.apply_pulled([("attachment", body["id"], 1, body)])
    session.lock()
    _, editor = open_editor(qtbot, open_window, visit.id)
    panel = editor.attachments
    expected = "garden.jpg \u2014 photo, 2.0 MB \u00b7 not yet downloaded"
    qtbot.waitUntil(lambda: rows(panel.listing) == [expected], timeout=WAIT)
    panel.listing.setCurrentRow(0)
    assert not panel.open_button.isEnabled()
    panel.open_selected()  # Enter on the row says why instead
    assert "next sync" in panel.notice.text() and panel.viewer is None


def test_copies_a_crash_left_behind_are_swept_at_the_next_start(tmp_path, monkeypatch):
    """Lock and quit delete a scan's decrypted copy; after a power cut neither came, so the next start does."""
    from wvisit.ui import attachments_panel

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    left = tmp_path / f"{attachments_panel.COPY_PREFIX}abc123"
    left.mkdir()
    (left / "Ada's plan.pdf").write_bytes(b"%PDF-1.7 the child's scan")
    unrelated = tmp_path / "someone-elses-folder"
    unrelated.mkdir()
    assert attachments_panel.sweep_stale_copies() == 1
    assert not left.exists() and unrelated.exists()
