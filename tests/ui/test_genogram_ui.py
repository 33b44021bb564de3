"""The genogram through the real visit editor: add the family from the keyboard, relate them, save, see
the picture in the record, and add its people to the child's key people without duplicates; a
relationship or a person that cannot be is refused in the dialog, nothing lost. Real widgets, a real store."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.conftest import PASSCODE, complete_visit, make_child
from tests.ui.conftest import WAIT, type_text, unlock, wait_for_page
from wvisit import config, tools
from wvisit.app.session import Session
from wvisit.domain import KeyPerson
from wvisit.tools import pictures
from wvisit.ui.child_page import ChildPage
from wvisit.ui.genogram_dialog import NOT_SAVED, born_from
from wvisit.ui.visit_editor import VisitEditor


def a_visit(data_dir) -> tuple[str, str]:
    """A draft visit to Ada, who has her mum on her record already (as "Mother")."""
    session = Session.create(data_dir, PASSCODE, "sw.test", config.load({"data_dir": str(data_dir)}))
    child = make_child(session.store)
    session.store.children.amend(child.id, lambda c: c.key_people.append(KeyPerson("Sam Example", "Mother")))
    visit = complete_visit(session.store, child)
    session.lock()
    return child.id, visit.id


def open_genogram(qtbot, window, visit_id):
    window.go("visit", visit_id)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    qtbot.waitUntil(editor.genogram_button.isVisible, timeout=WAIT)  # on a draft, for the worker
    qtbot.mouseClick(editor.genogram_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            editor.genogram is not None and editor.genogram.dialog is not None and editor.genogram.dialog.isVisible()
        ),
        timeout=WAIT,
    )
    dialog = editor.genogram.dialog
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT)  # its Alt+letter shortcuts work from here
    return editor, dialog


def press_add_a_person(qtbot, dialog) -> None:
    """Alt+A; the button clicks as it shows itself pressed, a moment later: wait for the new person."""
    count = dialog.people.count()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.people.count() == count + 1, timeout=WAIT)
    assert dialog.focusWidget() is dialog.name_box and dialog.people.currentRow() == count


def add_person(qtbot, dialog, name: str, relationship: str, gender: str, born: str, home: str) -> None:
    """As a worker would: Alt+A for a new person, then type and Tab through the form."""
    press_add_a_person(qtbot, dialog)
    type_text(qtbot, dialog.name_box, name)
    type_text(qtbot, dialog.relationship_box, relationship)
    dialog.gender_box.setCurrentIndex(dialog.gender_box.findData(gender))
    type_text(qtbot, dialog.born_box, born)
    dialog.household_box.setEditText(home)


def relate(dialog, first: str, kind: str, second: str) -> None:
    dialog.first_box.setCurrentIndex(dialog.first_box.findText(first))
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData(kind))
    dialog.second_box.setCurrentIndex(dialog.second_box.findText(second))
    dialog.add_link_button.click()


def save(dialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def test_a_worker_draws_the_family_saves_it_sees_it_and_adds_its_people_to_key_people(qtbot, open_window, data_dir):
    child_id, visit_id = a_visit(data_dir)
    window = open_window()
    unlock(qtbot, window)
    editor, dialog = open_genogram(qtbot, window, visit_id)
    assert dialog.people.count() == 1 and dialog.people.item(0).text().startswith("Ada Example (The child, born 2016")
    assert not dialog.remove_person_button.isEnabled()  # the child the genogram is about stays
    dialog.household_box.setEditText("Home with Mum")

    add_person(qtbot, dialog, "Sam Example", "Mum", "female", "1990", "Home with Mum")
    add_person(qtbot, dialog, "Lee Example", "Dad", "male", "36", "Dads flat")  # an age: the year is worked out
    assert dialog.born_said.text() == f"born {date.today().year - 36}"
    relate(dialog, "Sam Example", "parent", "Ada Example")
    relate(dialog, "Lee Example", "parent", "Ada Example")
    relate(dialog, "Sam Example", "separated", "Lee Example")
    assert [dialog.relationships.item(n).text() for n in range(3)] == [
        "Sam Example is a parent of Ada Example",
        "Lee Example is a parent of Ada Example",
        "Sam Example is separated from Lee Example",
    ]
    relate(dialog, "Ada Example", "close", "Ada Example")  # refused in the banner, nothing lost
    assert dialog.banner.text() == "Not added: this relationship joins a person to themselves."
    relate(dialog, "Lee Example", "separated", "Sam Example")  # the same couple, named the other way round
    assert dialog.banner.text() == "Not added: this relationship is already in the genogram."
    assert dialog.relationships.count() == 3

    press_add_a_person(qtbot, dialog)  # someone added but not named yet
    save(dialog)
    assert dialog.isVisible() and "Person 4 in the genogram needs a name." in dialog.banner.text()
    dialog.remove_person_button.click()
    assert dialog.people.count() == 3

    qtbot.mouseClick(dialog.key_people_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Added to the child's key people: Lee Example." in dialog.banner.text(), timeout=WAIT)
    # Mum was on the record as "Mother": not added twice, and the worker is told whom that was
    assert "Already in the key people, so not added again: Sam Example." in dialog.banner.text()
    assert "household members: Sam Example." in dialog.banner.text()

    save(dialog)
    qtbot.waitUntil(
        lambda: editor.tools_list.count() > 0 and editor.tools_list.item(0).text().startswith("Genogram: Ada"),
        timeout=WAIT,
    )
    (sitting,) = editor._sittings
    genogram = tools.get("genogram").load(sitting.result)
    assert [(p.name, p.relationship, p.sex, p.household) for p in genogram.people] == [
        ("Ada Example", "The child", "unknown", "Home with Mum"),
        ("Sam Example", "Mum", "female", "Home with Mum"),
        ("Lee Example", "Dad", "male", "Dads flat"),
    ]
    assert genogram.people[2].born == date.today().year - 36

    editor.tools_list.setCurrentRow(0)  # Enter on it shows the picture, painted from the data
    qtbot.keyClick(editor.tools_list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.picture is not None and editor.picture.isVisible(), timeout=WAIT)
    canvas = editor.picture.canvas
    assert canvas is not None and canvas.accessibleName() == "The genogram, as the worker recorded it"
    shown = canvas.grab().toImage()
    centres, _ = pictures.genogram_centres(genogram, pictures.fit("genogram", QRectF(canvas.rect()), sitting.result))
    ratio = shown.width() / canvas.width()
    assert shown.pixelColor((centres["p1"] * ratio).toPoint()).name() == "#ffe0b2"  # the child, marked
    editor.picture.reject()

    window.go("child", child_id)
    page = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None)
    qtbot.waitUntil(lambda: "Lee Example (Dad)" in page.summary.text(), timeout=WAIT)
    assert page.summary.text().count("Sam Example") == 2  # once in the key people, once in the household


def test_a_later_visit_opens_the_genogram_as_it_was_left(qtbot, open_window, data_dir):
    child_id, visit_id = a_visit(data_dir)
    window = open_window()
    unlock(qtbot, window)
    editor, dialog = open_genogram(qtbot, window, visit_id)
    add_person(qtbot, dialog, "Leo Example", "Brother", "male", "2014", "")
    save(dialog)
    qtbot.waitUntil(lambda: len(editor._sittings) == 1, timeout=WAIT)
    store = window.session.store
    window.ops.wait()
    later = complete_visit(store, store.children.get(child_id))
    _, again = open_genogram(qtbot, window, later.id)
    assert [again.people.item(n).text().split(" (")[0] for n in range(again.people.count())] == [
        "Ada Example",
        "Leo Example",
    ]


def test_born_is_a_year_or_an_age():
    today = date(2026, 3, 2)
    assert born_from("1990", today) == 1990
    assert born_from(" 34 ", today) == 1992
    assert born_from("about 30", today) is None
    assert born_from("300", today) is None


def draw_a_separated_family(qtbot, dialog) -> None:
    """Ada lives with Mum, who is separated from Dad; Dad lives with his partner and their baby, Ada's
    half-sister; Mum's parents: Nan, and Grandad, who has died. Three generations, three bands."""
    dialog.household_box.setEditText("Mum's flat")
    add_person(qtbot, dialog, "Sam Example", "Mum", "female", "1991", "Mum's flat")
    add_person(qtbot, dialog, "Lee Example", "Dad", "male", "1988", "Dad's house")
    add_person(qtbot, dialog, "Kim Example", "Dad's partner", "female", "1993", "Dad's house")
    add_person(qtbot, dialog, "Max Example", "Half-sister", "female", "2023", "Dad's house")
    add_person(qtbot, dialog, "Ray Example", "Grandad (mum's side)", "male", "1958", "")
    dialog.died_box.setChecked(True)
    add_person(qtbot, dialog, "Jo Example", "Nan (mum's side)", "female", "1962", "")
    for first, kind, second in [
        ("Sam Example", "separated", "Lee Example"),
        ("Sam Example", "parent", "Ada Example"),
        ("Lee Example", "parent", "Ada Example"),
        ("Lee Example", "partners", "Kim Example"),
        ("Lee Example", "parent", "Max Example"),
        ("Kim Example", "parent", "Max Example"),
        ("Ray Example", "married", "Jo Example"),
        ("Ray Example", "parent", "Sam Example"),
        ("Jo Example", "parent", "Sam Example"),
    ]:
        relate(dialog, first, kind, second)
    assert dialog.relationships.count() == 9 and not dialog.banner.isVisible()


def a_drawn_family(qtbot, open_window, data_dir):
    """The genogram dialog of a visit with the separated family drawn, at a laptop's size and laid out."""
    _, visit_id = a_visit(data_dir)
    window = open_window()
    unlock(qtbot, window)
    _, dialog = open_genogram(qtbot, window, visit_id)
    draw_a_separated_family(qtbot, dialog)
    dialog.resize(1180, 720)
    qtbot.waitUntil(lambda: dialog.picture.width() > 500, timeout=WAIT)
    return dialog


def test_the_words_under_three_generations_can_be_read_in_the_dialog(qtbot, open_window, data_dir):
    """At the size the dialog opens (1180 x 720), the picture uses all its room: the smallest words
    (relationship to the child, year of birth) are at least 11 px, not squeezed to the page's shape nor
    pushed aside by the lists (how two people are related is chosen on a line of its own)."""
    dialog = a_drawn_family(qtbot, open_window, data_dir)
    assert pictures.genogram_text_size(dialog.genogram, dialog.picture.picture_rect()) >= 11


def test_half_sisters_are_joined_through_the_parent_they_share_not_a_line_of_their_own(qtbot, open_window, data_dir):
    """A brother-or-sister line between Ada and her half-sister would run along both families' lines and
    seem to give each the other's parents: the picture is the same with it as without it. Between two
    with no parent in common in the genogram it is drawn."""
    dialog = a_drawn_family(qtbot, open_window, data_dir)
    without = dialog.picture.grab().toImage()
    relate(dialog, "Ada Example", "siblings", "Max Example")
    assert dialog.relationships.count() == 10
    assert dialog.picture.grab().toImage() == without

    dialog.relationships.setCurrentRow(4)  # "Lee Example is a parent of Max Example": now no parent in common
    assert dialog.relationships.currentItem().text() == "Lee Example is a parent of Max Example"
    dialog.remove_link_button.click()
    dialog.relationships.setCurrentRow(4)
    assert dialog.relationships.currentItem().text() == "Kim Example is a parent of Max Example"
    dialog.remove_link_button.click()
    with_line = dialog.picture.grab().toImage()
    dialog.relationships.setCurrentRow(dialog.relationships.count() - 1)
    assert dialog.relationships.currentItem().text() == "Ada Example is a brother or sister of Max Example"
    dialog.remove_link_button.click()
    assert dialog.picture.grab().toImage() != with_line


def test_lines_between_households_pass_clear_of_their_outlines(qtbot, open_window, data_dir):
    """The line down from Mum and Dad (who live apart) to Ada, and the line across from Nan and Grandad
    to Mum, keep clear of the households' dashed outlines instead of running along them and reading as
    one line."""
    dialog = a_drawn_family(qtbot, open_window, data_dir)
    rect = dialog.picture.picture_rect()
    centres, side = pictures.genogram_centres(dialog.genogram, rect)
    outlines = pictures.genogram_outlines(dialog.genogram, rect)
    assert sorted(outlines) == ["Dad's house", "Mum's flat"]
    unit = side / pictures.SYMBOL
    clear = 0.08 * unit  # 8 px at this size
    mum, dad = centres["p2"], centres["p3"]
    down_to_ada = (mum.x() + dad.x()) / 2
    assert all(abs(edge - down_to_ada) >= clear for o in outlines.values() for edge in (o.left(), o.right()))
    across_to_mum = mum.y() - side / 2 - 0.22 * unit  # the highest a line to a child runs above them
    assert all(across_to_mum - outline.top() >= clear for outline in outlines.values())


def test_enter_moves_to_the_next_box_and_never_closes_the_genogram_half_typed(qtbot, open_window, data_dir):
    _, visit_id = a_visit(data_dir)
    window = open_window()
    unlock(qtbot, window)
    _, dialog = open_genogram(qtbot, window, visit_id)
    press_add_a_person(qtbot, dialog)
    type_text(qtbot, dialog.name_box, "Sam Example")
    qtbot.keyClick(dialog.name_box, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.focusWidget() is dialog.relationship_box
    type_text(qtbot, dialog.relationship_box, "Mum")
    qtbot.keyClick(dialog.relationship_box, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.focusWidget() is dialog.gender_box
    assert dialog.people.item(1).text() == "Sam Example (Mum)"


def test_escape_with_changes_not_saved_says_so_first_and_closes_on_the_second(qtbot, open_window, data_dir):
    """A family typed in is not lost to one key: the first Escape says what to do; the second closes and
    nothing is saved on the visit. Unchanged, Escape closes at once."""
    _, visit_id = a_visit(data_dir)
    window = open_window()
    unlock(qtbot, window)
    _, dialog = open_genogram(qtbot, window, visit_id)
    qtbot.keyClick(dialog.people, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)

    _, dialog = open_genogram(qtbot, window, visit_id)
    add_person(qtbot, dialog, "Sam Example", "Mum", "female", "1990", "")
    qtbot.keyClick(dialog.born_box, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.banner.text() == NOT_SAVED
    assert dialog.people.count() == 2  # nothing lost
    qtbot.keyClick(dialog.born_box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    window.ops.wait()
    assert [s.tool for s in window.session.store.sittings.for_visit(visit_id)] == []


def test_locking_the_laptop_closes_a_genogram_with_changes_not_saved(qtbot, open_window, data_dir):
    """Its people's names go with the key: the question Escape asks never keeps it open at a lock."""
    _, visit_id = a_visit(data_dir)
    window = open_window()
    unlock(qtbot, window)
    _, dialog = open_genogram(qtbot, window, visit_id)
    add_person(qtbot, dialog, "Sam Example", "Mum", "female", "1990", "")
    window.lock()
    assert not dialog.isVisible()


def words_boxes(dialog) -> list[QRectF]:
    """Where each person's name and facts go, under their symbol (as wvisit/tools/pictures.py lays them)."""
    centres, side = pictures.genogram_centres(dialog.genogram, dialog.picture.picture_rect())
    unit = side / pictures.SYMBOL
    top = (pictures.WORDS_Y - pictures.SYMBOL_Y) * unit
    return [QRectF(c.x() - 0.48 * unit, c.y() + top, 0.96 * unit, 0.56 * unit) for c in centres.values()]


def test_a_close_line_across_the_family_passes_behind_peoples_words(qtbot, open_window, data_dir):
    """Ada is close to her Nan, drawn far off: the line crosses Dad's and Grandad's words on its way and
    leaves every letter as it was instead of striking them through."""
    dialog = a_drawn_family(qtbot, open_window, data_dir)
    dialog.pick("p1")
    before = dialog.picture.grab().toImage()
    relate(dialog, "Ada Example", "close", "Jo Example")
    after = dialog.picture.grab().toImage()
    crossed, letters = 0, 0
    for box in words_boxes(dialog):
        for x in range(int(box.left()), int(box.right())):
            for y in range(int(box.top()), int(box.bottom())):
                was, now = before.pixelColor(x, y), after.pixelColor(x, y)
                crossed += was != now
                if was.lightness() < 200:  # a letter, or the edge of one
                    letters += 1
                    assert now == was, (x, y)
    assert letters > 1000 and crossed > 0  # the line does run through people's words


def test_typing_stops_at_the_bounds_so_save_is_never_refused_for_length(qtbot, open_window, data_dir):
    """A name pasted or typed past 120 characters (a relationship or household past 80) stops at the bound
    the store keeps to, so Save keeps the genogram and the dialog closes."""
    _, visit_id = a_visit(data_dir)
    window = open_window()
    unlock(qtbot, window)
    _, dialog = open_genogram(qtbot, window, visit_id)
    press_add_a_person(qtbot, dialog)
    type_text(qtbot, dialog.name_box, "Lee " + "Example" * 20)
    type_text(qtbot, dialog.relationship_box, "Dad " * 25)
    qtbot.keyClicks(dialog.household_box.lineEdit(), "Dad's house " * 8)
    person = dialog.genogram.people[-1]
    assert (len(person.name), len(person.relationship), len(person.household)) == (120, 80, 80)
    save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert not dialog.banner.isVisible()


def test_a_person_removed_by_mistake_comes_back_with_their_relationships_on_ctrl_z(qtbot, open_window, data_dir):
    """Alt+R is next to Alt+A: removing Mum also took her four relationships, and only Cancel (losing the
    whole family) brought them back."""
    dialog = a_drawn_family(qtbot, open_window, data_dir)
    dialog.pick("p2")  # Sam Example, Mum
    qtbot.keyClick(dialog.people, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.people.count() == 6, timeout=WAIT)
    assert dialog.relationships.count() == 5
    assert dialog.banner.text() == "Removed Sam Example and 4 relationships. Press Ctrl+Z to bring it back."

    qtbot.keyClick(dialog.people, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dialog.people.count() == 7 and dialog.relationships.count() == 9
    assert dialog.name_box.text() == "Sam Example"  # picked again
    assert dialog.banner.text() == "Brought back."
    qtbot.keyClick(dialog.people, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # nothing more to bring back
    assert dialog.people.count() == 7
