"""Photos and scans of a visit: listed in the visit editor and on the child's page, added, opened.

A photo opens in a viewer window painted from the decrypted bytes in memory: nothing is written in
the clear. A PDF needs the laptop's PDF reader, which can only read a file, so opening one says so
plainly first, writes a decrypted copy to a private temporary folder, says where, and deletes it
when wvisit locks or quits. An attachment pulled from the central record but not yet fetched (sync
fetches it, sync/fetch.py) is listed as "not yet downloaded" and cannot be opened until it is here.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wvisit.app import attachments
from wvisit.app.attachments import Listed
from wvisit.errors import WvisitError
from wvisit.ui import export_paths, operations
from wvisit.ui.background import Ops
from wvisit.ui.widgets import Banner, open_dialog

_COPIES: set[Path] = set()  # folders holding a decrypted PDF copy, deleted at lock or quit
COPY_PREFIX = "wvisit-open-"


def delete_clear_copies(*_args: object) -> None:
    """Delete every decrypted copy a PDF was opened from (at lock, at quit)."""
    for folder in list(_COPIES):
        shutil.rmtree(folder, ignore_errors=True)
        _COPIES.discard(folder)


atexit.register(delete_clear_copies)


def sweep_stale_copies() -> int:
    """At start: delete decrypted copies a crash or a power cut left behind (lock and quit never came),
    so a child's scan does not stay in clear in the temporary folder (on Windows nothing clears it).
    Only this user's folders of our own prefix; returns how many went."""
    swept = 0
    for folder in Path(tempfile.gettempdir()).glob(f"{COPY_PREFIX}*"):
        try:
            mine = folder.is_dir() and not folder.is_symlink() and folder.stat().st_uid == os.getuid()
        except (OSError, AttributeError):  # no getuid on Windows: the user's own temp folder is theirs alone
            mine = folder.is_dir() and not folder.is_symlink()
        if mine and folder not in _COPIES:
            shutil.rmtree(folder, ignore_errors=True)
            swept += 1
    return swept


def copy_stem(name: str) -> str:
    """A scan's name without its ending, kept to letters, digits and plain marks (no ':' for a Windows
    stream, no path), for its copy's file name; "scan" when nothing is left."""
    stem = re.sub(r"[^\w .()-]", "_", Path(name.replace("\\", "/")).stem).strip(" .")[:80]
    return stem or "scan"


def describe(listed: Listed) -> str:
    """One line of the list: name, kind, size and whether its content is on this laptop."""
    item = listed.attachment
    kind = "scan (PDF)" if item.mime == "application/pdf" else item.kind.value
    size = f"{item.size / (1024 * 1024):.1f} MB" if item.size >= 1024 * 1024 else f"{max(1, item.size // 1024)} KB"
    state = {True: "", False: " \u00b7 not yet downloaded", None: " \u00b7 not available to you"}[listed.held]
    return f"{item.name or 'Unnamed'} \u2014 {kind}, {size}{state}"


def _at_lock(state: object) -> None:
    if getattr(state, "value", "") != "unlocked":
        delete_clear_copies()


class ImageViewer(QDialog):
    """A photo or scanned image, shown from memory: never written to disk in the clear."""

    def __init__(self, parent: QWidget, name: str, data: bytes):
        super().__init__(parent)
        self.setWindowTitle(name or "Photo")
        self.image = QImage.fromData(data)
        layout = QVBoxLayout(self)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setAccessibleName(f"The photo {name}")
        if self.image.isNull():
            self.picture.setText("This photo cannot be shown: its format is not one this laptop can read.")
        else:
            self.picture.setPixmap(QPixmap.fromImage(self.image))
        scroll = QScrollArea()
        scroll.setWidget(self.picture)
        scroll.setWidgetResizable(True)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(800, 600)


class AttachmentsPanel(QGroupBox):
    """The photos and scans of one visit (`visit_id`) or of every visit of the child (None)."""

    def __init__(self, ops: Ops, child_id: str, visit_id: str | None = None):
        super().__init__("Photos and scans")
        self.child_id, self.visit_id = child_id, visit_id
        self.rows: list[Listed] = []
        self.viewer: ImageViewer | None = None
        self.asking: QDialog | None = None
        self.copy: Path | None = None  # the last decrypted PDF copy, while it exists
        self._watching_lock = False
        ops.changed.connect(self._records_changed)
        layout = QVBoxLayout(self)
        self.notice = Banner()
        layout.addWidget(self.notice)
        self.listing = QListWidget()
        self.listing.setAccessibleName("Photos and scans: press Enter to open one")
        self.listing.itemActivated.connect(lambda _item: self.open_selected())
        self.listing.currentRowChanged.connect(self._selected)
        layout.addWidget(self.listing)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add photo or scan\u2026")
        self.add_button.setAccessibleName("Add a photo or a scanned page to this visit")
        self.add_button.clicked.connect(self.choose_file)
        if visit_id is None:  # (never setVisible(True) on a widget not yet in a window: it would show alone)
            self.add_button.hide()
        self.open_button = QPushButton("Open")
        self.open_button.setAccessibleName("Open the selected photo or scan")
        self.open_button.clicked.connect(self.open_selected)
        self.open_button.setEnabled(False)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch()
        layout.addLayout(buttons)

    # --- the list ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        child_id, visit_id = self.child_id, self.visit_id

        def read(store) -> list[Listed]:
            if visit_id is None:
                return attachments.for_child(store, child_id)
            return attachments.for_visits(store, [visit_id])

        operations.query(self, read).success(self._show).run_in_background()

    def _records_changed(self, changes: operations.Changes) -> None:
        """Another screen added one, or a sync fetched one: the list shows it."""
        if changes.touch(self, self.child_id):
            self.refresh()

    def _show(self, rows: list[Listed]) -> None:
        self.rows = rows
        self.listing.clear()
        for listed in rows:
            self.listing.addItem(QListWidgetItem(describe(listed)))
        if not rows:
            self.listing.addItem("No photos or scans yet.")
        self._selected(self.listing.currentRow())

    def _selected(self, row: int) -> None:
        self.open_button.setEnabled(0 <= row < len(self.rows) and self.rows[row].held is True)

    # --- adding -----------------------------------------------------------------------------------

    def choose_file(self) -> None:
        dialog = QFileDialog(self, "Add a photo or scan", str(export_paths.documents_folder()), attachments.FILE_FILTER)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda path: self.add_file(Path(path)))
        self.asking = dialog
        open_dialog(dialog)

    def add_file(self, path: Path) -> None:
        """Add the file in the background; a file that does not fit is refused in the notice."""
        visit_id = self.visit_id
        if visit_id is None:
            return
        self.notice.clear_message()
        add = operations.Op(
            self,
            lambda store: attachments.add_file(store, visit_id, path),
            lambda _: operations.Changes.of(self.child_id),
        )
        add.success(lambda _: self.refresh()).failure(self._failed).run_in_background()

    def _failed(self, error: WvisitError) -> None:
        self.notice.show_message(str(error))

    # --- opening ----------------------------------------------------------------------------------

    def open_selected(self) -> None:
        row = self.listing.currentRow()
        if not 0 <= row < len(self.rows):
            return
        listed = self.rows[row]
        if listed.held is not True:
            self.notice.show_message(
                "This one is not on this laptop yet: it downloads at the next sync."
                if listed.held is False
                else "The central record does not give this one to you."
            )
            return
        if listed.is_image:
            self._read(listed, self._view)
        else:
            self._ask_for_copy(listed)

    def _read(self, listed: Listed, then) -> None:
        attachment_id = listed.attachment.id
        read = operations.query(self, lambda store: store.attachments.read(attachment_id))
        read.success(lambda data: then(listed, data)).failure(self._failed).run_in_background()

    def _view(self, listed: Listed, data: bytes) -> None:
        self.viewer = ImageViewer(self, listed.attachment.name, data)
        open_dialog(self.viewer)

    def _ask_for_copy(self, listed: Listed) -> None:
        question = QMessageBox(
            QMessageBox.Icon.Question,
            "Open a scan",
            "A PDF opens in this laptop's PDF reader, which needs a copy it can read: wvisit writes an "
            "unencrypted copy to a private temporary folder and deletes it when wvisit locks. Open it?",
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            self,
        )
        question.accepted.connect(lambda: self._read(listed, self._write_copy))
        self.asking = question
        open_dialog(question)

    def _write_copy(self, listed: Listed, data: bytes) -> None:
        """The decrypted copy, readable by this user only, opened in the PDF reader; deleted at lock.
        In the audit log as an export of the visit: for a while it is a file outside the sealed store.
        The name and type came from the laptop that added it: only bytes that are a PDF are written, and
        always under a name ending .pdf, so the laptop opens it in its PDF reader, never runs it (.hta, .bat)."""
        if attachments.mime_of(data) != "application/pdf":
            self.notice.show_message("This scan is not a PDF, whatever its name says, so it was not opened.")
            return
        folder = Path(tempfile.mkdtemp(prefix=COPY_PREFIX))  # 0700
        _COPIES.add(folder)
        self._delete_at_lock()
        path = folder / f"{copy_stem(listed.attachment.name)}.pdf"
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
        self.copy = path
        operations.record_export(self, listed.attachment.owner_id, "scan copy").run_in_background()  # audited
        self.notice.show_message(
            f"An unencrypted copy is open from {path}. It is deleted when wvisit locks.", warning=False
        )
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _delete_at_lock(self) -> None:
        """Copies go when the window this panel is in locks (its lifecycle), and when the app quits."""
        host = operations.host_of(self)
        lifecycle = getattr(host, "lifecycle", None)
        if lifecycle is not None and not self._watching_lock:
            lifecycle.changed.connect(_at_lock)
            self._watching_lock = True
        app = QApplication.instance()
        if app is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                app.aboutToQuit.connect(delete_clear_copies, Qt.ConnectionType.UniqueConnection)
