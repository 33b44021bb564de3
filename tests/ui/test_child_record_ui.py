"""The child's record on the child's page: a chronology filed by category and filtered, contacts
beside the visits, and a child protection plan's details - each through the real widgets."""

from datetime import date, timedelta

from PySide6.QtCore import Qt

from tests.conftest import PASSCODE
from tests.ui.conftest import WAIT, type_text, unlock, wait_for_page
from wvisit import config
from wvisit.app.session import Session
from wvisit.demo import seed
from wvisit.domain import Category, LegalStatus, PlanCategory
from wvisit.ui.child_dialog import ChildDialog
from wvisit.ui.child_page import RECORD_ROLE, ChildPage
from wvisit.ui.contact_dialog import ContactDialog
from wvisit.ui.models import nice_date
from wvisit.ui.visit_editor import VisitEditor


def seeded(data_dir, name: str) -> str:
    session = Session.create(data_dir, PASSCODE, "sw.test", config.load({"data_dir": str(data_dir)}))
    seed(session.store, date.today())
    child_id = next(c.id for c in session.store.children.all() if c.name == name)
    session.lock()
    return child_id


def open_child(qtbot, open_window, data_dir, name: str = "Ada Example"):
    child_id = seeded(data_dir, name)
    window = open_window()
    unlock(qtbot, window)
    window.go("child", child_id)
    return window, wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None)


def lines(page: ChildPage) -> list[str]:
    return [page.chronology.item(i).text() for i in range(page.chronology.count())]


def test_a_police_event_is_filed_with_its_source_and_impact_and_the_filter_shows_that_thread(
    qtbot, open_window, data_dir
):
    _window, page = open_child(qtbot, open_window, data_dir)
    visit_lines = [line for line in lines(page) if "Visit: Statutory visit (finalised)" in line]
    assert visit_lines and all(": " in line.split("(finalised)")[1] for line in visit_lines)  # content, not a label

    qtbot.mouseClick(page.add_event_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=WAIT)
    dialog = page.dialog
    qtbot.keyClicks(dialog.on.edit, "yesterday")
    type_text(qtbot, dialog.what, "Police called to the home after shouting was heard")
    dialog._accept()  # no category chosen: refused, never filed as "other" unseen
    assert dialog.isVisible() and "category" in dialog.banner.text()
    dialog.category.setCurrentIndex(dialog.category.findData(Category.POLICE))
    qtbot.keyClicks(dialog.source, "Police notification")
    type_text(qtbot, dialog.impact, "Ada was frightened and slept badly")
    dialog._accept()
    qtbot.waitUntil(lambda: any("Police called" in line for line in lines(page)), timeout=WAIT)
    police = next(line for line in lines(page) if "Police called" in line)
    assert police.startswith(f"{nice_date(date.today() - timedelta(days=1))} \u2014 Police: ")
    assert "Source: Police notification" in police and "Impact on the child: Ada was frightened" in police

    tab = page.chronology_tab
    tab.category.setCurrentIndex(tab.category.findData(Category.POLICE))
    qtbot.waitUntil(lambda: len(lines(page)) == 1, timeout=WAIT)
    assert "Police called" in lines(page)[0] and tab.shown.text().startswith("Showing 1 of ")

    tab.category.setCurrentIndex(0)
    qtbot.keyClicks(tab.since.edit, "today")  # the event was yesterday
    qtbot.waitUntil(lambda: not any("Police called" in line for line in lines(page)), timeout=WAIT)
    tab.since.set_value(None)
    qtbot.keyClicks(tab.until.edit, "+1")
    tab.since.set_value(date.today() - timedelta(days=1))
    tab.filter_changed.emit()
    qtbot.waitUntil(lambda: any("Police called" in line for line in lines(page)), timeout=WAIT)
    qtbot.mouseClick(tab.clear_button, Qt.MouseButton.LeftButton)
    assert not tab.clear_button.isEnabled() and len(lines(page)) > 2


def test_a_phone_call_is_recorded_from_the_childs_page_and_put_on_the_chronology(qtbot, open_window, data_dir):
    _window, page = open_child(qtbot, open_window, data_dir, "Cara Testwell")  # no contact recorded yet
    page.tabs.setCurrentWidget(page.contacts)
    assert "No contacts yet" in page.contacts.listing.item(0).text()
    page.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(page.dialog, ContactDialog) and page.dialog.isVisible(), timeout=WAIT)
    dialog = page.dialog
    type_text(qtbot, dialog.with_whom, "Ms Bell, class teacher")
    type_text(qtbot, dialog.summary, "Cara was upset at nursery; she asked for her grandad.")
    dialog._accept()  # the kind is the worker's to choose
    assert dialog.isVisible() and "kind of contact" in dialog.banner.text()
    dialog.kind.setCurrentIndex(1)  # phone call
    dialog.time.setTime(dialog.time.time().addSecs(-3600))
    qtbot.mouseClick(dialog.on_chronology, Qt.MouseButton.LeftButton)
    dialog._accept()  # on the chronology, but under no category yet
    assert dialog.isVisible() and "category" in dialog.banner.text()
    dialog.category.setCurrentIndex(dialog.category.findData(Category.EDUCATION))
    dialog._accept()
    qtbot.waitUntil(lambda: "Ms Bell" in page.contacts.listing.item(0).text(), timeout=WAIT)
    shown = page.contacts.listing.item(0).text()
    assert "Phone call with Ms Bell, class teacher" in shown and "on the chronology as education" in shown
    assert any("Education: Phone call with Ms Bell, class teacher: Cara was upset" in line for line in lines(page))


def test_child_protection_details_are_edited_and_shown_on_the_summary(qtbot, open_window, data_dir):
    window, page = open_child(qtbot, open_window, data_dir, "Ben Sample")
    assert page.view.child.legal_status is LegalStatus.CP
    page.edit_button.click()
    qtbot.waitUntil(lambda: isinstance(window.dialog, ChildDialog) and window.dialog.isVisible(), timeout=WAIT)
    dialog = window.dialog
    assert dialog.plan_category.isVisible() and not dialog.placement_start.isVisible()
    assert dialog.status_since.edit.accessibleName() == "Plan started"
    dialog.plan_category.setCurrentIndex(dialog.plan_category.findData(PlanCategory.NEGLECT))
    dialog.next_core_group.set_value(None)
    qtbot.keyClicks(dialog.next_core_group.edit, "+3")
    dialog.next_conference.set_value(None)
    qtbot.keyClicks(dialog.next_conference.edit, "+60")
    dialog.household.setPlainText("")
    qtbot.keyClicks(dialog.household, "Sam Sample - mother")
    qtbot.keyClick(dialog.household, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.household, "Leo Sample - brother, 3")
    dialog._accept()
    page = wait_for_page(  # the child's page is shown afresh after the edit
        qtbot, window, ChildPage, lambda p: p.view is not None and p.view.child.plan_category is PlanCategory.NEGLECT
    )
    summary = page.summary.text()
    core_group = date.today() + timedelta(days=3)
    assert "Category: Neglect" in summary
    assert f"Next core group: {nice_date(core_group)} (in 3 days)" in summary and "Leo Sample (brother, 3)" in summary
    assert "Child protection plan since" in summary


def test_enter_on_a_visits_chronology_line_opens_that_visit(qtbot, open_window, data_dir):
    window, page = open_child(qtbot, open_window, data_dir)
    page.tabs.setCurrentWidget(page.chronology_tab)
    row = next(i for i, line in enumerate(lines(page)) if "Visit: Statutory visit (finalised)" in line)
    visit_id = page.chronology.item(row).data(RECORD_ROLE).record_id
    page.chronology.setCurrentRow(row)
    qtbot.keyClick(page.chronology, Qt.Key.Key_Return)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    assert editor.visit.id == visit_id and editor.visit.is_final
