"""The child's page: plan items and chronology events added offline; the child's words across visits."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QRadioButton

from tests.conftest import PASSCODE
from tests.ui.conftest import WAIT, type_text, unlock, wait_for_page
from wvisit import config
from wvisit.app.session import Session
from wvisit.demo import seed
from wvisit.domain import Category
from wvisit.ui.child_page import ChildPage
from wvisit.ui.models import nice_date
from wvisit.ui.visit_editor import VisitEditor


def seeded(data_dir) -> str:
    session = Session.create(data_dir, PASSCODE, "sw.test", config.load({"data_dir": str(data_dir)}))
    seed(session.store, date.today())
    child_id = next(c.id for c in session.store.children.all() if c.name == "Ada Example")
    session.lock()
    return child_id


def test_plan_items_and_chronology_events_are_added_and_kept(qtbot, open_window, data_dir):
    child_id = seeded(data_dir)
    window = open_window()
    unlock(qtbot, window)
    window.go("child", child_id)
    page = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None)
    assert "I like my room" in page.words.item(0).text() or "I like my room" in page.words.item(1).text()

    qtbot.mouseClick(page.add_plan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=WAIT)
    type_text(qtbot, page.dialog.action, "Ada to join the after-school art club")
    qtbot.keyClicks(page.dialog.owner, "Jo Example")
    qtbot.keyClicks(page.dialog.due.edit, "+28")
    page.dialog._accept()
    qtbot.waitUntil(lambda: any("art club" in page.plan.item(i).text() for i in range(page.plan.count())), timeout=WAIT)

    qtbot.mouseClick(page.add_event_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog.isVisible() and hasattr(page.dialog, "what"), timeout=WAIT)
    page.dialog._accept()  # no date typed: refused, never dated today by default
    assert page.dialog.isVisible() and page.dialog.banner.text() == "Type the date the event happened."
    qtbot.keyClicks(page.dialog.on.edit, "yesterday")
    page.dialog._accept()  # no category chosen: refused, never filed as "other" unseen
    assert page.dialog.isVisible() and "Choose the category" in page.dialog.banner.text()
    page.dialog.category.setCurrentIndex(page.dialog.category.findData(Category.EDUCATION))
    page.dialog._accept()  # nothing written: refused, with the reason shown
    assert page.dialog.isVisible() and "Say what happened" in page.dialog.banner.text()
    type_text(qtbot, page.dialog.what, "Moved school \u2014 now at Hill Primary")
    page.dialog._accept()
    qtbot.waitUntil(lambda: "Hill Primary" in page.chronology.item(0).text(), timeout=WAIT)

    window.go("caseload", "")
    window.go("child", child_id)
    page = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None)
    assert any("art club" in page.plan.item(i).text() for i in range(page.plan.count()))
    assert any("Hill Primary" in page.chronology.item(i).text() for i in range(page.chronology.count()))


def test_every_input_of_the_visit_editor_has_an_accessible_name(qtbot, open_window, data_dir):
    child_id = seeded(data_dir)
    window = open_window()
    unlock(qtbot, window)
    window.new_visit(child_id)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    kinds = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QRadioButton)
    inputs = [w for kind in kinds for w in editor.findChildren(kind)]
    inputs = [w for w in inputs if not isinstance(w.parent(), (QComboBox, QAbstractSpinBox))]
    assert len(inputs) > 15
    unnamed = [type(w).__name__ for w in inputs if not w.accessibleName()]
    assert unnamed == []


def test_a_chronology_entry_with_the_wrong_date_is_corrected_and_the_old_one_stays_struck_through(
    qtbot, open_window, data_dir
):
    child_id = seeded(data_dir)
    window = open_window()
    unlock(qtbot, window)
    window.go("child", child_id)
    page = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None)
    review = next(i for i in range(page.chronology.count()) if "Review meeting" in page.chronology.item(i).text())
    assert not page.correct_event_button.isEnabled()  # nothing chosen yet
    page.chronology.setCurrentRow(review)
    assert page.correct_event_button.isEnabled() and page.strike_event_button.isEnabled()

    qtbot.mouseClick(page.correct_event_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=WAIT)
    dialog = page.dialog
    dialog.on.set_value(None)
    qtbot.keyClicks(dialog.on.edit, "14/11/2026")
    dialog._accept()  # no reason given: refused, and said
    assert dialog.isVisible() and "Say why" in dialog.banner.text()
    type_text(qtbot, dialog.why, "Wrong date: the meeting was on the 14th")
    dialog._accept()

    def lines() -> list[str]:
        return [page.chronology.item(i).text() for i in range(page.chronology.count())]

    qtbot.waitUntil(lambda: any("Struck through" in line for line in lines()), timeout=WAIT)
    note = next(i for i in range(page.chronology.count()) if "Struck through" in lines()[i])
    assert "Why: Wrong date: the meeting was on the 14th" in lines()[note]
    struck = note - 1  # the note follows the line it is about, which stays, struck through
    assert "Review meeting" in lines()[struck] and page.chronology.item(struck).font().strikeOut()
    assert any(line.startswith("14 Nov 2026") and "Review meeting" in line for line in lines())
    page.chronology.setCurrentRow(struck)
    assert not page.correct_event_button.isEnabled()  # a struck line is not corrected twice


def test_a_new_plan_action_is_not_a_plan_review_until_the_worker_says_so(qtbot, open_window, data_dir):
    child_id = seeded(data_dir)
    window = open_window()
    unlock(qtbot, window)
    window.go("child", child_id)
    page = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None)

    def plan_standard() -> str:
        return next(
            page.standards.item(i).text()
            for i in range(page.standards.count())
            if "SMART plan" in page.standards.item(i).text()
        )

    before = plan_standard()
    qtbot.mouseClick(page.add_plan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=WAIT)
    type_text(qtbot, page.dialog.action, "Ada to join the after-school art club")
    qtbot.keyClicks(page.dialog.due.edit, "+14")
    page.dialog._accept()
    qtbot.waitUntil(lambda: any("art club" in page.plan.item(i).text() for i in range(page.plan.count())), timeout=WAIT)
    assert plan_standard() == before  # one action added is not a review of the whole plan
    qtbot.mouseClick(page.plan_reviewed_button, Qt.MouseButton.LeftButton)
    today = nice_date(date.today())
    qtbot.waitUntil(lambda: f"last touched {today}" in plan_standard(), timeout=WAIT)
    page.tabs.setCurrentWidget(page.standards)
    row = next(i for i in range(page.standards.count()) if "Chronology" in page.standards.item(i).text())
    page.standards.setCurrentRow(row)
    qtbot.keyClick(page.standards, Qt.Key.Key_Return)  # each standard goes where it is kept up to date
    assert page.tabs.currentIndex() == 1 and page.tabs.tabText(1) == "Chronolo&gy"


def test_the_workers_genogram_and_body_map_are_one_line_each_in_direct_work(qtbot, open_window, data_dir):
    """The genogram's eighteen lines and the body map's marks are the worker's records, not the child's
    work: each is one line in the Direct work list, said to be the worker's, and Enter still shows it."""
    from tests.conftest import complete_visit, make_child
    from tests.ui.test_record_pictures import nine_people_in_two_households
    from wvisit import tools
    from wvisit.domain import Sitting
    from wvisit.tools.body_map import BodyMap, Mark

    session = Session.create(data_dir, PASSCODE, "sw.test", config.load({"data_dir": str(data_dir)}))
    child = make_child(session.store)
    visit = complete_visit(session.store, child)
    marks = BodyMap([Mark(note="bruise", size="about 2 cm"), Mark("back", note="graze", size="about 1 cm")])
    for key, result in [("genogram", nine_people_in_two_households()), ("body_map", marks)]:
        tool = tools.get(key)
        session.store.sittings.save(Sitting(visit.id, child.id, key, tool.save(result), tool.summarise(result)))
    session.lock()
    window = open_window()
    unlock(qtbot, window)
    window.go("child", child.id)
    page = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None)
    listing = page.direct_work
    qtbot.waitUntil(lambda: listing.count() == 2, timeout=WAIT)
    lines = sorted(listing.item(n).text().split(" \u2014 ", 1)[1] for n in range(listing.count()))
    assert lines == [
        "Body map \u2014 2 marks (worker's record)",
        "Genogram \u2014 9 people, 2 households (worker's record)",
    ]
    page.tabs.setCurrentWidget(listing.parentWidget())
    listing.setCurrentRow(next(n for n in range(2) if "Genogram" in listing.item(n).text()))
    listing.setFocus()
    qtbot.keyClick(listing, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.picture is not None and page.picture.isVisible(), timeout=WAIT)
    assert "Ray Example" in page.picture.summary.text()  # the whole record is one Enter away
    page.picture.reject()


def _alt_letters(page: ChildPage) -> list[str]:
    """The Alt+letter of every tab and of every button and label showing on the page as it stands."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    said = [page.tabs.tabText(n) for n in range(page.tabs.count())]
    said += [w.text() for w in page.findChildren(QAbstractButton) if w.isVisible()]
    said += [w.text() for w in page.findChildren(QLabel) if w.isVisible() and w.buddy() is not None]
    return [found.group(1).lower() for text in said if (found := re.search(r"&([^&\s])", text))]


def test_chronology_plan_and_photos_tabs_are_reached_with_alt_letters_of_their_own(qtbot, open_window, data_dir):
    """Alt+G, Alt+L and Alt+T open the Chronology, Plan and Photos and scans tabs, and on each of those
    tabs no other button or label shown answers the same letter."""
    child_id = seeded(data_dir)
    window = open_window()
    unlock(qtbot, window)
    window.go("child", child_id)
    page = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)
    for key, tab in [
        (Qt.Key.Key_G, page.chronology_tab),
        (Qt.Key.Key_L, page.plan.parentWidget()),
        (Qt.Key.Key_T, page.attachments),
    ]:
        page.tabs.setCurrentIndex(0)
        qtbot.keyClick(page.focusWidget() or page, key, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda tab=tab: page.tabs.currentWidget() is tab, timeout=WAIT)
        letters = _alt_letters(page)
        assert letters.count(chr(key.value).lower()) == 1, letters


def test_on_every_tab_each_alt_letter_answers_one_thing(qtbot, open_window, data_dir):
    """Two things on screen with the same underlined letter make Alt+letter only move between them
    (Qt's ambiguous shortcut) instead of pressing either: on each tab of the child's page, every letter
    shown belongs to one tab, button or field."""
    child_id = seeded(data_dir)
    window = open_window()
    unlock(qtbot, window)
    window.go("child", child_id)
    page = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None)
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        qtbot.waitUntil(lambda index=index: page.tabs.currentWidget().isVisible(), timeout=WAIT)
        letters = _alt_letters(page)
        assert len(letters) == len(set(letters)), (page.tabs.tabText(index), sorted(letters))
