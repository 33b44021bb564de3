"""The main window: lock screen or workspace, navigation between screens, status bar, idle lock.

Where the worker is (a screen and a record id, never a value) is remembered across a
lock, so unlocking returns to the same screen. Locking first lets queued saves finish,
then closes the store and forgets the key, then drops every screen that showed records.

The window opens at its unlock screen, so this module imports only what that screen needs: what
comes after unlocking (the store, the operations on records and the domain and tools behind them,
policy files, dictation, writing help, the record screens) is imported where it is first used, and
ui/app.py imports it ahead once the window is painted (docs/PERFORMANCE.md, cold start;
tests/unit/test_start_up.py keeps it so). The look (focus ring) also waits for that first paint.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from wvisit.config import Config
from wvisit.ui.background import Ops
from wvisit.ui.idle import IdleWatcher
from wvisit.ui.lifecycle import Lifecycle, SessionState
from wvisit.ui.lock_screen import LockScreen
from wvisit.ui.page import Page
from wvisit.ui.widgets import open_dialog
from wvisit.vault.files import vault_present

if TYPE_CHECKING:
    from wvisit.app.session import Session
    from wvisit.ui.dictation import Dictation
    from wvisit.ui.writing_aid import WritingHelp

log = logging.getLogger(__name__)

# What unlocking and My tasks import (each also imported where it is used), imported ahead by ui/app.py
# once the unlock window is painted, while the worker types the passcode: the store, crypto and the
# records' logic on the store lane; the screens' modules on the UI thread, the one thread where
# PySide builds its Qt classes (lazily, on first use).
STORE_LANE_MODULES = (
    "wvisit.app.session",
    "wvisit.app.visits",
    "wvisit.app.children",
    "wvisit.app.contacts",
    "wvisit.app.supervision",
    "wvisit.app.queries.tasks",
    "wvisit.policy_files",
    "wvisit.writing.spelling",
)
UI_THREAD_MODULES = ("wvisit.ui.operations", "wvisit.ui.dictation", "wvisit.ui.writing_aid", "wvisit.ui.tasks_page")


def import_ahead(names: tuple[str, ...]) -> None:
    for name in names:
        importlib.import_module(name)


class MainWindow(QMainWindow):
    first_painted = Signal()  # once, right after the window's first paint (ui/app.py starts the rest then)

    def __init__(self, config: Config, data_dir: Path, demo_hint: str = "", idle_ms: int | None = None):
        super().__init__()
        self.setWindowTitle("wvisit")
        self.config, self.data_dir, self._demo_hint = config, data_dir, demo_hint
        self.ops = Ops(self)
        self.ops.error.connect(self._show_error)
        self.ops.changed.connect(lambda _changes: self.refresh_status())  # recount what waits to sync
        self._task_count = QTimer(self)  # one recount of My tasks for a burst of changes (autosave, a sync)
        self._task_count.setSingleShot(True)
        self._task_count.setInterval(400)
        self._task_count.timeout.connect(self.count_tasks)
        self.ops.changed.connect(self._recount_soon)  # a bound slot: Qt drops it with the window
        self.lifecycle = Lifecycle(self)
        self.session: Session | None = None
        self.sync = None  # a SyncController while unlocked, when a central record is set up
        self.writing: WritingHelp | None = None  # plainer words and spelling, while unlocked
        self.child_mode = None  # the ChildMode window while the child holds the laptop
        self.place: tuple[str, str] = ("tasks", "")  # home: My tasks
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.page: QWidget | None = None
        self.lock_screen: LockScreen | None = None
        self._toolbar()
        self._status_bar()
        self.dialog: QDialog | None = None
        self._painted = False
        self.first_painted.connect(self._after_first_paint)
        self.idle = IdleWatcher(idle_ms or config.idle_lock_minutes * 60_000, self)
        self.idle.idle.connect(self.lock)
        self.dictation: Dictation | None = None  # speech to text, made once the window is painted
        self._show_lock_screen()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted)  # once this paint is on screen

    def _after_first_paint(self) -> None:
        """The look (a clear focus ring, radio buttons that show in dark mode) and dictation wait for the
        first paint: the look's application-wide event filter would hold that paint up (~30 ms: PySide
        builds each event's class the first time one passes through Python), and dictation with a
        model set loads Qt Multimedia (~40 ms)."""
        from wvisit.ui import look

        app = QApplication.instance()
        if isinstance(app, QApplication):
            look.install(app)
        self._make_dictation()

    def _make_dictation(self) -> None:
        from wvisit.ui.dictation import Dictation

        if self.dictation is None:
            self.dictation = Dictation(self.config.dictation_model, self)  # locking cancels it, wipes the audio
            self.lifecycle.changed.connect(self.dictation.follow)

    @property
    def store(self):
        """The open records, or None while locked (ui/operations.py finds them here)."""
        return self.session.store if self.session is not None else None

    # --- chrome ----------------------------------------------------------------------------------

    def _toolbar(self) -> None:
        bar = QToolBar("Main")
        bar.setMovable(False)
        # Its buttons show their text, as their actions have no icon. Saying so (Qt.ToolButtonStyle) would build
        # PySide's whole Qt namespace before the unlock window's first paint (~17 ms).
        self.addToolBar(bar)
        self.actions_: dict[str, QAction] = {}
        for key, text, shortcut, slot in [
            ("tasks", "My tasks", "Ctrl+1", lambda: self.go("tasks", "")),
            ("caseload", "My children", "Ctrl+2", lambda: self.go("caseload", "")),
            ("search", "Search", QKeySequence.StandardKey.Find, lambda: self.go("search", "")),
            ("review", "Review queue", "Ctrl+3", lambda: self.go("review", "")),
            ("team", "Team", "Ctrl+4", lambda: self.go("team", "")),
            ("add_child", "Add a child", "Ctrl+Shift+A", self.add_child),
            ("sync", "Sync now", "Ctrl+R", self.sync_now),
            ("lock", "Lock", "Ctrl+L", self.lock),
            ("shortcuts", "Keyboard shortcuts", "F1", self.show_shortcuts),
        ]:
            action = QAction(text, self)
            action.setShortcuts([QKeySequence(shortcut)])  # setShortcut would build the Qt namespace (see above)
            action.setToolTip(f"{text} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
            action.triggered.connect(slot)
            bar.addAction(action)
            self.actions_[key] = action
        new_visit = QAction("New visit", self)
        new_visit.setShortcuts([QKeySequence("Ctrl+N")])
        new_visit.triggered.connect(self._new_visit_here)
        self.addAction(new_visit)
        self.toolbar = bar
        self._set_role(None)

    def _status_bar(self) -> None:
        bar = self.statusBar()
        self.online_label = QLabel("Offline")
        self.waiting_label = QLabel("")
        self.last_sync_label = QLabel("Last sync: never")
        self.problem_label = QLabel("")
        self.problem_label.hide()
        for label, name in [
            (self.problem_label, "Sync problem"),
            (self.online_label, "Connection"),
            (self.waiting_label, "Waiting to sync"),
            (self.last_sync_label, "Last sync"),
        ]:
            label.setAccessibleName(name)
            bar.addPermanentWidget(label)

    def _show_locked_status(self) -> None:
        """While locked the status bar says so, and nothing about the records (how many wait, since when)."""
        self.online_label.setText("Locked")
        for label in (self.waiting_label, self.last_sync_label, self.problem_label):
            label.setText("")
        self.problem_label.hide()

    def refresh_status(self) -> None:
        if self.sync is not None:
            self.sync.refresh_status()
        elif self.session is not None:
            store = self.session.store
            self.ops.run(self, store.outbox.count, self._show_waiting)

    def count_tasks(self) -> None:
        """Recount My tasks for the toolbar's badge (on the store lane, like every read)."""
        if self.session is None:
            return
        from wvisit.app.queries.tasks import tasks

        store, policy = self.session.store, self.policy
        self.ops.run(self, lambda: len(tasks(store, policy, date.today())), self._show_task_count)

    def _recount_soon(self, _changes: object) -> None:
        self._task_count.start()

    def _show_task_count(self, count: int | None) -> None:
        """The toolbar says "My tasks (3)"; just "My tasks" when there are none, or while locked."""
        action = self.actions_["tasks"]
        action.setText(f"My tasks ({count})" if count and self.session is not None else "My tasks")
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{action.text()} ({shortcut})")

    def _show_waiting(self, count: int) -> None:
        self.waiting_label.setText(f"{count} item{'s' if count != 1 else ''} waiting to sync")

    def _set_role(self, role: str | None) -> None:
        """A supervisor also gets the review queue and the team dashboard."""
        self.role = role
        for key in ("review", "team"):
            self.actions_[key].setVisible(role == "supervisor")

    def _show_sync_status(self, status) -> None:
        if status.role != self.role:
            self._set_role(status.role)
        connection = {True: "Online", False: "Offline", None: "Connecting\u2026"}[status.online]
        self.online_label.setText(f"{connection} as {status.signed_in_as}" if status.signed_in_as else connection)
        self._show_waiting(status.waiting)
        self.last_sync_label.setText(f"Last sync: {status.last_sync or 'never'}")
        self.problem_label.setText(status.problem)
        self.problem_label.setVisible(bool(status.problem))

    def _show_error(self, sentence: str) -> None:
        self.statusBar().showMessage(sentence, 15_000)
        QMessageBox.warning(self, "wvisit", sentence)

    # --- sync ------------------------------------------------------------------------------------

    def _start_sync(self, session: Session) -> None:
        if not self.config.central_url:
            self.actions_["sync"].setEnabled(False)
            self.online_label.setText("Offline (no central record set up)")
            return
        from wvisit.ui.sync_controller import SyncController

        self.sync = SyncController(self.ops, session, self.config, self)
        self.sync.status_changed.connect(self._show_sync_status)
        self.sync.pulled.connect(self._records_arrived)
        self.sync.needs_sign_in.connect(self._ask_sign_in)
        self.sync.revoked.connect(self._revoked)
        self.lifecycle.changed.connect(self.sync.follow)
        self.sync.start()

    def sync_now(self) -> None:
        if self.sync is not None:
            self.online_label.setText("Syncing\u2026")
            self.sync.sync_now()

    def _records_arrived(self, _count: int) -> None:
        from wvisit.ui import operations

        self.ops.changed.emit(operations.Changes(everything=True))  # every screen showing records refreshes

    def _ask_sign_in(self, username: str, why: str) -> None:
        from wvisit.ui.dialogs import SignInDialog

        self.dialog = SignInDialog(self, username)
        if why:
            self.dialog.banner.show_message(why)
        dialog = self.dialog
        dialog.accepted.connect(lambda: self.sync and self.sync.sign_in(dialog.username.text(), dialog.password.text()))
        open_dialog(dialog)

    def _revoked(self, sentence: str) -> None:
        self.lifecycle.move(SessionState.REVOKED)
        self.lock()
        self.lock_screen.banner.show_message(sentence)

    # --- locking ---------------------------------------------------------------------------------

    def _show_lock_screen(self) -> None:
        first_run = not vault_present(self.data_dir)
        self.lock_screen = LockScreen(self.ops, self.config, self.data_dir, first_run, self._demo_hint)
        self.lock_screen.unlocked.connect(self._unlocked)
        self._set_page(self.lock_screen)
        self.toolbar.setEnabled(False)
        self.lock_screen.setFocus()

    def _unlocked(self, session: Session) -> None:
        from wvisit.policy_files import load_policy

        self._make_dictation()  # made already, unless the window was never painted (a test)
        self.session = session
        self.lifecycle.move(SessionState.UNLOCKED)
        if session.vault.notice:  # the key file was damaged and its last good copy opened the records
            self.statusBar().showMessage(session.vault.notice, 60_000)
        self.policy = load_policy(self.config)
        self.writing = self._writing_help(session)
        self.toolbar.setEnabled(True)
        self.ops.run(self, lambda: session.store.sync_state.get("role"), self._set_role)
        self.idle.start()
        self._start_sync(session)
        store = session.store
        self.ops.run(self, store.search.warm)  # builds the search index in the background
        self.go(*self.place)
        self.count_tasks()

    def _writing_help(self, session: Session) -> WritingHelp:
        """Plainer words now; the spell checker (about 40 ms to load its dictionary) and the worker's own
        words come from the background thread, so unlocking does not wait for them."""
        from wvisit.policy_files import load_jargon
        from wvisit.ui.writing_aid import WritingHelp
        from wvisit.writing.spelling import british

        writing = WritingHelp(load_jargon(self.config))
        self.lifecycle.changed.connect(writing.follow)
        store = session.store
        writing.save_word = lambda word: self.ops.run(self, lambda: store.my_words.add(word))

        def ready(loaded) -> None:
            (checker, why), words = loaded
            if self.writing is not writing:
                return  # locked meanwhile: the worker's words must not reach the checker
            writing.spelling_ready(checker, words)
            if why:
                self.statusBar().showMessage(why, 15_000)

        self.ops.run(self, lambda: (british(), store.my_words.all()), ready)
        return writing

    def show_shortcuts(self) -> None:
        """F1: every shortcut of this window as it is now (read from its actions and buttons)."""
        from wvisit.ui.shortcuts_sheet import ShortcutsSheet

        self.dialog = ShortcutsSheet(self)
        open_dialog(self.dialog)

    def start_child_mode(self, visit_id: str, tool: str, first_result: dict, continues: str = "") -> None:
        """Hand the laptop to the child: this window hides, the idle lock pauses, the tool fills the screen.
        `continues`: the earlier sitting this one carries on from (its copy is `first_result`), or ""."""
        from wvisit.domain import Sitting
        from wvisit.ui.child_mode import ChildMode

        if self.session is None or self.child_mode is not None:
            return
        store = self.session.store

        def opened(child) -> None:
            if self.session is None:  # locked (the idle lock) while the child's record was read
                return
            session = Sitting(visit_id=visit_id, child_id=child.id, tool=tool, result=first_result, continues=continues)
            people = [person.name for person in child.key_people]
            self.child_mode = ChildMode(
                self.ops, store, self.session.vault, session, people, read_aloud=self.config.read_aloud
            )
            self.child_mode.left.connect(self._child_mode_left)
            self.lifecycle.changed.connect(self.child_mode.follow)
            self.idle.stop()
            self.hide()
            self.child_mode.showFullScreen()
            self.child_mode.save_now()  # the session exists from the first moment, even if nothing is done

        self.ops.run(self, lambda: store.children.get(store.visits.get(visit_id).child_id), opened)

    def _child_mode_left(self) -> None:
        from wvisit.ui import operations

        sitting = self.child_mode.session
        self.child_mode.deleteLater()
        self.child_mode = None
        self.show()
        self.activateWindow()
        self.idle.start()
        self.ops.changed.emit(operations.Changes.of(sitting.child_id))  # the visit shows what the child made

    def _drop_child_mode(self) -> None:
        """Child mode has closed with the session (it follows the lifecycle): this window comes back."""
        if self.child_mode is None:
            return
        self.child_mode.deleteLater()
        self.child_mode = None
        self.show()

    def lock(self) -> None:
        """Save what is typed, close the store, forget the key, and show the lock screen."""
        if self.session is None:
            return
        self.idle.stop()
        for dialog in self.findChildren(QDialog):
            dialog.reject()  # an open dialog may show a child's words: it goes with the key
        self.lifecycle.move(SessionState.LOCKING)  # child mode closes, sync stops (never waited for)
        self._drop_child_mode()
        if self.session.keys.is_open:  # after a revocation the store is already shredded
            self._save_typing()
        self.ops.wait()  # queued saves finish
        if self.sync is not None:
            self.sync.deleteLater()
            self.sync = None
        if self.session.keys.is_open:
            self.session.lock()
        self.session = None
        self.lifecycle.move(SessionState.ENDED)  # writing help forgets the worker's own words
        self._show_locked_status()
        self._task_count.stop()
        self._show_task_count(None)
        self.writing = None
        self._show_lock_screen()
        log.info("locked by %s", "idle timer or worker")

    # --- navigation ------------------------------------------------------------------------------

    def go(self, screen: str, record_id: str) -> None:
        if self.session is None:
            return
        self._save_typing()
        make = self._screens().get(screen)
        if make is None:
            screen, record_id, make = "tasks", "", self._tasks_page
        page = make(record_id)
        self.place = (screen, record_id)
        self._set_page(page)
        page.refresh()
        page.setFocus()
        self.refresh_status()

    def _screens(self) -> dict[str, Callable[[str], Page]]:
        """Each screen by name, made for a record id (ignored by the screens about every child)."""
        return {
            "tasks": self._tasks_page,
            "caseload": self._caseload_page,
            "child": self._child_page,
            "visit": self._visit_page,
            "review": self._review_page,
            "team": self._team_page,
            "search": self._search_page,
        }

    # The record screens import the store: they load on first use after unlock, not at start-up.

    def _tasks_page(self, _record_id: str) -> Page:
        from wvisit.ui.tasks_page import TasksPage

        page = TasksPage(self.ops, self.store, self.policy)
        page.open_task.connect(self.go)
        page.counted.connect(self._show_task_count)
        return page

    def _caseload_page(self, _record_id: str) -> Page:
        from wvisit.ui.caseload import CaseloadPage

        page = CaseloadPage(self.ops, self.store, self.policy)
        page.open_child.connect(lambda cid: self.go("child", cid))
        page.add_child.connect(self.add_child)
        return page

    def _child_page(self, child_id: str) -> Page:
        from wvisit.ui.child_page import ChildPage

        page = ChildPage(self.ops, self.store, child_id, self.policy)
        page.open_visit.connect(lambda vid: self.go("visit", vid))
        page.new_visit.connect(self.new_visit)
        page.edit_child.connect(self.edit_child)
        return page

    def _visit_page(self, visit_id: str) -> Page:
        from wvisit.ui.visit_editor import VisitEditor

        supervisor = self.role == "supervisor"
        page = VisitEditor(self.ops, self.store, visit_id, supervisor, self.writing, self.policy, self.dictation)
        page.direct_work.connect(self.start_child_mode)
        page.discarded.connect(lambda child_id: self.go("child", child_id))
        page.letter_contact = self.config.letter_contact
        return page

    def _review_page(self, _record_id: str) -> Page:
        from wvisit.ui.review_page import ReviewPage

        page = ReviewPage(self.ops, self.store, self.policy)
        page.open_visit.connect(lambda vid: self.go("visit", vid))
        return page

    def _team_page(self, _record_id: str) -> Page:
        from wvisit.ui.team_page import TeamPage

        page = TeamPage(self.ops, self.store, self.policy)
        page.open_record.connect(self.go)  # a line behind a bar or a count opens its child or visit
        return page

    def _search_page(self, _record_id: str) -> Page:
        from wvisit.ui.search_page import SearchPage

        page = SearchPage(self.ops, self.store)
        page.open_visit.connect(lambda vid: self.go("visit", vid))
        page.open_child.connect(lambda cid: self.go("child", cid))  # a child found by name
        return page

    def _save_typing(self) -> None:
        if isinstance(self.page, Page):  # the lock screen is no page of records
            self.page.save_now()

    def _set_page(self, page: QWidget) -> None:
        old = self.page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        self.page = page
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()

    def add_child(self) -> None:
        self.edit_child(None, 0)

    def edit_child(self, child, version: int) -> None:
        """The child's details form: `child` as the page showed it at `version`, or None to add one."""
        if self.session is None:
            return
        from wvisit.ui import operations
        from wvisit.ui.child_dialog import ChildDialog

        self.dialog = ChildDialog(self, child)
        if child is None:
            self.dialog.saved.connect(
                lambda added: operations.add_child(self, added).success(self._show_child).run_in_background()
            )
        else:
            self.dialog.saved.connect(lambda edited: self._save_child(child, edited, version))
        open_dialog(self.dialog)

    def _save_child(self, base, edited, version: int) -> None:
        """Save an edit made from `base` (stored at `version`); if a newer version was saved meanwhile,
        merge the two (domain/merge.py) and ask the worker only about text both changed."""
        from wvisit.errors import RecordChanged
        from wvisit.ui import operations

        def refused(error) -> None:
            if not isinstance(error, RecordChanged):
                self._show_error(str(error))
                return
            self.statusBar().showMessage(str(error), 15_000)
            newer = operations.query(self, lambda store: store.children.get_versioned(edited.id))
            newer.success(lambda found: merge(*found)).run_in_background()

        def merge(newer, newer_version: int) -> None:
            from wvisit.domain.merge import merge_child
            from wvisit.ui.merge_dialog import MergeDialog

            merged = merge_child(base, edited, newer)
            if not merged.conflicts:
                self._save_child(newer, merged.child, newer_version)
                return
            self.dialog = dialog = MergeDialog(self, merged, edited)
            dialog.accepted.connect(lambda: self._save_child(newer, dialog.merged(), newer_version))
            open_dialog(dialog)

        operations.update_child(self, edited, version).success(self._show_child).failure(refused).run_in_background()

    def _show_child(self, child) -> None:
        self.go("child", child.id)

    def new_visit(self, child_id: str) -> None:
        from wvisit.ui import operations

        if self.session is None:
            return
        operations.new_visit(self, child_id).success(lambda visit: self.go("visit", visit.id)).run_in_background()

    def _new_visit_here(self) -> None:
        child_id = self.page.child_id if isinstance(self.page, Page) else None
        if child_id is not None:
            self.new_visit(child_id)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.session is not None:
            self.lock()
        super().closeEvent(event)
