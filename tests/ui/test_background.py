"""Store work runs off the UI thread; results go to the widget that asked, errors always reach the window."""

import threading

import shiboken6
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget

from wvisit.errors import StoreFull
from wvisit.ui.background import UNEXPECTED, Ops


def test_work_runs_off_the_ui_thread_and_the_result_comes_back_on_it(qtbot):
    ops = Ops(QApplication.instance())
    owner = QWidget()
    seen = {}

    def work():
        seen["worker"] = threading.current_thread() is not threading.main_thread()
        return 42

    ops.run(
        owner, work, lambda result: seen.update(result=result, ui=threading.current_thread() is threading.main_thread())
    )
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen == {"worker": True, "result": 42, "ui": True}


def close_before_the_work_ends(owner: QWidget, release: threading.Event) -> None:
    """The screen goes first; only then may the work (waiting on `release`) finish: no race on timing."""
    owner.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(owner)
    release.set()


def test_a_closed_screen_gets_no_result_but_the_work_still_completes(qtbot):
    ops = Ops(QApplication.instance())
    owner = QWidget()
    release, done, delivered = threading.Event(), [], []
    ops.run(owner, lambda: release.wait(10) and done.append("saved"), delivered.append)
    close_before_the_work_ends(owner, release)
    ops.wait()
    QApplication.sendPostedEvents()  # whatever the work sent back arrives now
    assert done == ["saved"] and delivered == []


def test_a_failure_whose_screen_is_gone_still_reaches_the_window(qtbot):
    ops = Ops(QApplication.instance())
    owner = QWidget()
    release = threading.Event()

    def failing_save():
        release.wait(10)
        raise StoreFull()

    with qtbot.waitSignal(ops.error) as shown:
        ops.run(owner, failing_save, on_error=lambda e: None)
        close_before_the_work_ends(owner, release)
    assert "disk is full" in shown.args[0]


def test_an_unexpected_error_is_a_calm_sentence_without_its_details(qtbot):
    ops = Ops(QApplication.instance())
    owner = QWidget()

    def broken():
        raise KeyError("SENTINEL-should-not-show")

    with qtbot.waitSignal(ops.error) as shown:
        ops.run(owner, broken)
    assert shown.args[0] == UNEXPECTED
