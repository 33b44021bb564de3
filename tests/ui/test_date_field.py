"""The one date field, typed into like a worker types: the visit's next visit, the chronology, the plan,
the child's date of birth."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QTableView

from tests.conftest import PASSCODE, complete_visit, make_child
from tests.ui.conftest import WAIT, confirm_finalise, needed, unlock, wait_for_page
from wvisit import config
from wvisit.app.session import Session
from wvisit.domain import LegalStatus
from wvisit.domain.dates import long_form
from wvisit.domain.policy import add_working_days
from wvisit.ui.child_dialog import ChildDialog
from wvisit.ui.date_field import DateField
from wvisit.ui.dialogs import EventDialog, PlanItemDialog
from wvisit.ui.visit_editor import VisitEditor

TODAY = date(2026, 11, 20)  # a Friday


@pytest.fixture
def field(qtbot):
    def make(optional: bool = False, value: date | None = None) -> DateField:
        made = DateField("Next visit", value, optional=optional, today=lambda: TODAY)
        qtbot.addWidget(made)
        made.show()
        qtbot.waitExposed(made)
        return made

    return make


def type_date(qtbot, field: DateField, text: str) -> None:
    """Click into the box, select what is there, type, press Enter: as a worker does."""
    qtbot.mouseClick(field.edit, Qt.MouseButton.LeftButton)
    qtbot.keyClick(field.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("14/11/2026", "Sat 14 Nov 2026"),
        ("14112026", "Sat 14 Nov 2026"),
        ("14 Nov", "Sat 14 Nov 2026"),
        ("today", "Fri 20 Nov 2026"),
        ("tomorrow", "Sat 21 Nov 2026"),
        ("+10", "Mon 30 Nov 2026"),
        ("09/12/2026", "Wed 9 Dec 2026"),  # a spin box made this 09/01/2202
    ],
)
def test_a_typed_date_is_kept_and_shown_with_its_weekday(qtbot, field, typed, shown):
    box = field()
    with qtbot.waitSignal(box.changed, timeout=WAIT):
        type_date(qtbot, box, typed)
    assert box.edit.text() == shown
    assert box.value() == date.fromisoformat(_iso(shown))
    assert box.note.text().startswith(shown)  # the weekday beside the date, and how far it is


def _iso(shown: str) -> str:
    from wvisit.domain.dates import parse_date

    return parse_date(shown, TODAY).isoformat()


def test_while_typing_the_field_says_which_date_the_text_means(qtbot, field):
    box = field()
    qtbot.keyClicks(box.edit, "14 Nov")
    assert box.note.text() == "Sat 14 Nov 2026 \u00b7 6 days ago"
    qtbot.keyClicks(box.edit, " 27")
    assert box.note.text() == "Sun 14 Nov 2027"


def test_not_set_never_blocks_typing(qtbot, field):
    box = field(optional=True)
    assert box.value() is None and box.note.text() == "Not set"
    type_date(qtbot, box, "+10")
    assert box.value() == date(2026, 11, 30)
    box.edit.selectAll()
    qtbot.keyClick(box.edit, Qt.Key.Key_Delete)
    qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    assert box.value() is None and box.note.text() == "Not set"


def test_text_that_is_not_a_date_says_why_and_keeps_the_last_good_date(qtbot, field):
    box = field(value=date(2026, 11, 30))
    type_date(qtbot, box, "31/02/2026")
    assert box.value() == date(2026, 11, 30)  # never a surprising date
    assert box.note.text() == "There is no such day: check the day and the month. The date stays Mon 30 Nov 2026."
    assert box.problem().startswith("There is no such day")
    type_date(qtbot, box, "09/01/2202")
    assert box.value() == date(2026, 11, 30) and "too far from today" in box.note.text()
    assert "2202" not in box.note.text()


def test_the_calendar_opens_at_today_and_picks_with_the_keyboard(qtbot, field):
    box = field(optional=True)
    qtbot.mouseClick(box.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(box.popup.isVisible, timeout=WAIT)
    assert (box.calendar.yearShown(), box.calendar.monthShown()) == (2026, 11)  # not January 2000
    assert box.calendar.selectedDate() == QDate(2026, 11, 20)
    days = box.calendar.findChild(QTableView)  # the month's grid, where the keys go
    qtbot.keyClick(days, Qt.Key.Key_Right)
    with qtbot.waitSignal(box.changed, timeout=WAIT):
        qtbot.keyClick(days, Qt.Key.Key_Return)
    assert not box.popup.isVisible()
    assert box.value() == date(2026, 11, 21) and box.edit.text() == "Sat 21 Nov 2026"


def test_the_calendar_opens_at_the_fields_date_from_the_keyboard(qtbot, field):
    box = field(value=date(2027, 2, 3))
    box.edit.setFocus()
    qtbot.keyClick(box.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(box.popup.isVisible, timeout=WAIT)
    assert (box.calendar.yearShown(), box.calendar.monthShown()) == (2027, 2)
    qtbot.keyClick(box.calendar.findChild(QTableView), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not box.popup.isVisible(), timeout=WAIT)
    assert box.value() == date(2027, 2, 3)


def test_a_read_only_date_takes_no_typing_and_no_calendar(qtbot, field):
    box = field(value=date(2026, 11, 30))
    box.set_read_only(True)
    qtbot.keyClicks(box.edit, "+3")
    assert box.value() == date(2026, 11, 30) and not box.button.isEnabled()


# --- the forms that use it --------------------------------------------------------------------------


def test_a_police_call_out_on_14_november_is_saved_on_14_november(qtbot):
    dialog = EventDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.what, "Police called to the home after an argument.")
    dialog._accept()  # no date typed: refused, never dated today by default
    assert dialog.isVisible() and dialog.banner.text() == "Type the date the event happened."
    qtbot.keyClicks(dialog.on.edit, "14/11/2026")
    dialog._accept()
    assert dialog.chronology_event().on == date(2026, 11, 14)


def test_a_plan_deadline_that_is_not_a_date_is_refused_with_the_reason(qtbot):
    dialog = PlanItemDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.action, "Ada to join the art club")
    qtbot.keyClicks(dialog.due.edit, "31/11")
    dialog._accept()
    assert dialog.isVisible() and dialog.banner.text().startswith("There is no such day")
    dialog.due.edit.selectAll()
    qtbot.keyClicks(dialog.due.edit, "+14")
    dialog._accept()
    assert dialog.plan_item().due == date.today() + timedelta(days=14)


def test_a_date_of_birth_is_typed_not_scrolled_to(qtbot):
    saved = []
    dialog = ChildDialog()
    qtbot.addWidget(dialog)
    dialog.saved.connect(saved.append)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.name, "Ada Example")
    dialog._accept()  # no date of birth: asked for, never 01/01/2015 by default
    assert not saved and "date of birth" in dialog.banner.text()
    qtbot.keyClicks(dialog.dob.edit, "04032016")
    qtbot.keyClicks(dialog.status_since.edit, "1/9/2026")
    dialog._accept()
    assert saved[0].date_of_birth == date(2016, 3, 4) and saved[0].status_since == date(2026, 9, 1)


# --- the next visit in the editor ----------------------------------------------------------------


def test_the_next_visit_offers_the_policys_date_and_asks_why_when_later(qtbot, open_window, data_dir):
    session = Session.create(data_dir, PASSCODE, "sw.test", config.load({"data_dir": str(data_dir)}))
    ada = make_child(session.store, status=LegalStatus.CP)
    visit = complete_visit(session.store, ada, next_visit=None)
    session.lock()
    window = open_window()
    unlock(qtbot, window)
    window.go("visit", visit.id)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    next_visit = editor.fields["next_visit"].widget
    due = add_working_days(visit.started_at.astimezone().date(), 10, window.policy.holidays)
    qtbot.waitUntil(lambda: next_visit.date.value() == max(due, date.today()), timeout=WAIT)
    assert next_visit.date.edit.text() == long_form(next_visit.date.value())  # with its weekday
    assert long_form(due) in next_visit.limit_note.text()
    assert not next_visit.reason.isVisibleTo(editor)
    qtbot.waitUntil(lambda: editor.save_mark.text().startswith("Draft \u00b7 saved"), timeout=WAIT)  # kept

    type_date(qtbot, next_visit.date, "yesterday")
    qtbot.mouseClick(editor.finalise_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "A next visit date that is not in the past" in needed(editor), timeout=WAIT)

    type_date(qtbot, next_visit.date, "+40")  # far past 10 working days
    assert next_visit.reason.isVisibleTo(editor)  # the box asking why appears at once
    qtbot.waitUntil(lambda: "Why the next visit is later than the policy allows" in needed(editor), timeout=WAIT)
    qtbot.mouseClick(editor.finalise_button, Qt.MouseButton.LeftButton)
    assert not editor.visit.is_final and (editor.dialog is None or not editor.dialog.isVisible())

    qtbot.keyClicks(next_visit.reason, "Family away for a month; agreed with my manager.")
    confirm_finalise(qtbot, editor)
    assert editor.visit.next_visit_reason == "Family away for a month; agreed with my manager."
    assert next_visit.reason.isVisibleTo(editor) and next_visit.reason.isReadOnly()  # the supervisor reads it
