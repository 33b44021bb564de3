"""The Qt binding itself: PySide6 6.12.0 on Python 3.11 dropped a reference to None on every Qt call that
returns nothing, so a long visit (thousands of label updates, a drawing's strokes) aborted the app with
"deallocating None". pyproject.toml keeps that release out; this test fails on any release that has it."""

import sys

from PySide6.QtWidgets import QLabel


def test_qt_calls_that_return_nothing_keep_pythons_count_of_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for n in range(2000):
        label.setText(f"line {n}")
        label.setToolTip("")
    # Python itself may take or drop a few references meanwhile; the bug drops one per call (4000 here).
    assert abs(sys.getrefcount(None) - before) < 100
