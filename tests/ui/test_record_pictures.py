"""What the child made is visible in the record: double-click a sitting in the visit editor or on the
child's page and its picture opens, painted from the record's data, read-only and without the
child-mode palette. Real widgets on a real store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from tests.conftest import PASSCODE, complete_visit, make_child
from tests.ui.conftest import WAIT, unlock, wait_for_page
from wvisit import config, tools
from wvisit.app.session import Session
from wvisit.domain import Sitting
from wvisit.tools import pictures
from wvisit.tools.drawing import Drawing, Stroke
from wvisit.tools.genogram import Genogram, Member, Relationship
from wvisit.tools.my_people import MyPeople, Person
from wvisit.tools.three_houses import House, ThreeHouses
from wvisit.ui.child_page import ChildPage
from wvisit.ui.tools.tool_widgets import tool_widget
from wvisit.ui.visit_editor import VisitEditor

RED = "#d32f2f"


def a_visit_with_a_drawing(data_dir) -> tuple[str, str]:
    session = Session.create(data_dir, PASSCODE, "sw.test", config.load({"data_dir": str(data_dir)}))
    child = make_child(session.store)
    visit = complete_visit(session.store, child)
    made = [
        ("drawing", Drawing([Stroke(RED, 60, [100, 500, 900, 500])], "my cat")),
        ("my_people", MyPeople([Person("Nan", 1, "strong", 90)])),
    ]
    for key, result in made:
        tool = tools.get(key)
        session.store.sittings.save(Sitting(visit.id, child.id, key, tool.save(result), tool.summarise(result)))
    session.lock()
    return child.id, visit.id


def red_pixels(widget) -> int:
    image = widget.grab().toImage()
    red = QColor(RED).rgb()
    return sum(1 for y in range(0, image.height(), 4) for x in range(0, image.width(), 4) if image.pixel(x, y) == red)


def double_click_row(qtbot, listing, row: int) -> None:
    rect = listing.visualItemRect(listing.item(row))
    QTest.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a real double-click's
    QTest.mouseDClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_double_clicking_a_drawing_in_the_visit_shows_the_childs_picture(qtbot, open_window, data_dir):
    _, visit_id = a_visit_with_a_drawing(data_dir)
    window = open_window()
    unlock(qtbot, window)
    window.go("visit", visit_id)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None and e.tools_list.count() == 2)
    editor.scroll.ensureWidgetVisible(editor.tools_list)
    qtbot.waitUntil(lambda: editor.tools_list.visualItemRect(editor.tools_list.item(0)).height() > 0, timeout=WAIT)
    double_click_row(qtbot, editor.tools_list, 0)
    qtbot.waitUntil(lambda: editor.picture is not None and editor.picture.isVisible(), timeout=WAIT)
    view = editor.picture
    assert view.canvas is not None and red_pixels(view.canvas) > 20  # the red line the child drew
    assert "my cat" in view.summary.text()
    names = {button.text() for button in view.findChildren(QPushButton)}
    assert not names & {"Rubber", "Thin", "Medium", "Thick", "Undo"}  # a picture, not the child's tool
    view.reject()


def test_the_childs_page_shows_their_words_and_an_ecomap_from_direct_work(qtbot, open_window, data_dir):
    child_id, _ = a_visit_with_a_drawing(data_dir)
    window = open_window()
    unlock(qtbot, window)
    window.go("child", child_id)
    page = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None)
    said = [page.words.item(n).text() for n in range(page.words.count())]
    assert any("\u201cmy cat\u201d" in line and "from Drawing, about their drawing" in line for line in said)
    page.tabs.setCurrentWidget(page.direct_work.parentWidget())
    listing = page.direct_work
    row = next(n for n in range(listing.count()) if "My people" in listing.item(n).text())
    listing.setCurrentRow(row)
    listing.setFocus()
    QTest.keyClick(listing, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.picture is not None and page.picture.isVisible(), timeout=WAIT)
    assert page.picture.canvas is not None
    assert "Nan" in page.picture.summary.text()
    page.picture.reject()


def test_the_picture_kept_from_child_mode_is_painted_from_the_data(qtbot):
    """The PNG kept with a sitting is the record's painting of the houses, not a grab of the child's
    screen with its palette and Undo button (those would be the wrong shape)."""
    houses = ThreeHouses(worries=House("school", [Stroke(RED, 30, [100, 500, 900, 500])]))
    widget = tool_widget("three_houses", houses, [])
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    image = widget.picture()
    assert image.width() / image.height() == pytest.approx(pictures.aspect("three_houses"), rel=0.01)
    assert image == pictures.image("three_houses", tools.get("three_houses").save(houses))


def nine_people_in_two_households() -> Genogram:
    """Ada with Mum, Mum's partner and her brother; Dad with his partner and their baby; Mum's parents."""
    return Genogram(
        [
            Member("p1", "Ada Example", "The child", "female", 2017, household="Mum's flat", child=True),
            Member("p2", "Sam Example", "Mum", "female", 1990, household="Mum's flat"),
            Member("p3", "Alex Example", "Mum's partner", "male", 1989, household="Mum's flat"),
            Member("p4", "Leo Example", "Brother", "male", 2014, household="Mum's flat"),
            Member("p5", "Lee Example", "Dad", "male", 1988, household="Dad's house"),
            Member("p6", "Kim Example", "Dad's partner", "female", 1992, household="Dad's house"),
            Member("p7", "Mia Example", "Half-sister", "female", 2023, household="Dad's house"),
            Member("p8", "Jo Example", "Nan (mum's side)", "female", 1962),
            Member("p9", "Ray Example", "Grandad (mum's side)", "male", 1958, deceased=True),
        ],
        [
            Relationship("p2", "p5", "divorced"),
            Relationship("p2", "p3", "partners"),
            Relationship("p5", "p6", "partners"),
            Relationship("p8", "p9", "married"),
            Relationship("p2", "p1", "parent"),
            Relationship("p5", "p1", "parent"),
            Relationship("p2", "p4", "parent"),
            Relationship("p5", "p7", "parent"),
            Relationship("p6", "p7", "parent"),
            Relationship("p8", "p2", "parent"),
        ],
    )


def test_a_genogram_in_the_record_opens_at_a_size_its_smallest_words_can_be_read(qtbot, open_window, data_dir):
    """Nine people in two households, opened from the child's page: the picture takes the family's own
    shape and the window the room it needs, so the words under each person (relationship, year of birth)
    are at least 10 px, not squeezed into a fixed shape above the record's eighteen lines."""
    session = Session.create(data_dir, PASSCODE, "sw.test", config.load({"data_dir": str(data_dir)}))
    child = make_child(session.store)
    visit = complete_visit(session.store, child)
    tool, family = tools.get("genogram"), nine_people_in_two_households()
    session.store.sittings.save(Sitting(visit.id, child.id, "genogram", tool.save(family), tool.summarise(family)))
    session.lock()
    window = open_window()
    unlock(qtbot, window)
    window.go("child", child.id)
    page = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None)
    page.tabs.setCurrentWidget(page.direct_work.parentWidget())
    listing = page.direct_work
    qtbot.waitUntil(lambda: listing.count() > 0, timeout=WAIT)
    listing.setCurrentRow(next(n for n in range(listing.count()) if "Genogram" in listing.item(n).text()))
    listing.setFocus()
    QTest.keyClick(listing, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.picture is not None and page.picture.isVisible(), timeout=WAIT)
    canvas = page.picture.canvas
    assert canvas is not None
    shown = pictures.fit("genogram", QRectF(canvas.rect()), tool.save(family))
    assert pictures.genogram_text_size(family, shown) >= 10
    assert "Ray Example" in page.picture.summary.text()  # the record's words are all still there
