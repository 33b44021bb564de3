"""Drive the real app on the synthetic demo caseload and save PNGs of the main screens to docs/screenshots/.

Run through scripts/screenshots (it sets up a throwaway demo folder and an offscreen or Xvfb display).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QPainter, QPalette, QPixmap
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from wvisit import config, tools
from wvisit.app import children, exports
from wvisit.app.children import add_plan_item
from wvisit.app.session import Session
from wvisit.demo import DEMO_PASSCODE, seed
from wvisit.domain import ChronologyEvent, Outcome, Oversight, PlanItem
from wvisit.pdf import write_pdf
from wvisit.tools.drawing import Drawing, Stroke
from wvisit.tools.feelings import Feelings
from wvisit.tools.my_people import MyPeople, Person
from wvisit.tools.scaling import Scaling
from wvisit.tools.three_houses import House, ThreeHouses
from wvisit.ui.app import make_app
from wvisit.ui.caseload import CaseloadPage
from wvisit.ui.child_page import ChildPage
from wvisit.ui.dialogs import EventDialog, OversightDialog
from wvisit.ui.look import dark_palette
from wvisit.ui.main_window import MainWindow
from wvisit.ui.tasks_page import TasksPage
from wvisit.ui.visit_editor import VisitEditor

OUT = Path(next((a for a in sys.argv[1:] if not a.startswith("--")), "docs/screenshots"))


def wait_for(condition, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not reach the expected screen")
        QTest.qWait(20)


SUFFIX = "-dark" if "--dark" in sys.argv else ""


def shot(window: MainWindow, name: str) -> None:
    QTest.qWait(150)
    name += SUFFIX
    window.grab().save(str(OUT / f"{name}.png"))
    print(f"wrote {OUT / name}.png")


def main() -> None:
    settings = config.load()
    data_dir = Path(settings.data_dir)
    session = Session.create(data_dir, DEMO_PASSCODE, "sw.demo", settings)
    seed(session.store, date.today())
    things_to_do(session.store, date.today())
    session.lock()
    OUT.mkdir(parents=True, exist_ok=True)
    app = make_app()
    if SUFFIX:
        app.setPalette(dark_palette())
    window = MainWindow(settings, data_dir, demo_hint=f"Demo only \u2014 the passcode is: {DEMO_PASSCODE}")
    window.resize(1180, 800)
    window.show()
    shot(window, "1-unlock")
    window.lock_screen.passcode.setText(DEMO_PASSCODE)
    window.lock_screen.submit()
    wait_for(lambda: isinstance(window.page, TasksPage) and window.page.tree.topLevelItemCount() > 0)
    wait_for(lambda: window.actions_["tasks"].text() != "My tasks")
    shot(window, "14-my-tasks")
    window.go("caseload", "")
    wait_for(lambda: isinstance(window.page, CaseloadPage) and window.page.model.rowCount() > 0)
    shot(window, "2-caseload")
    page = window.page
    window.go("child", page.model.row_at(0).child.id)
    wait_for(lambda: isinstance(window.page, ChildPage) and window.page.view is not None)
    window.page.tabs.setCurrentWidget(window.page.words)
    shot(window, "3-child-their-words")
    window.new_visit(window.page.child_id)
    wait_for(lambda: isinstance(window.page, VisitEditor) and window.page.visit is not None)
    editor = window.page
    editor.fields["present"].write("Ada, foster carer Jo, me")
    editor.fields["what_i_saw"].write(
        "Ada opened the door and showed me the den she built in the garden. Jo was calm and offered tea."
    )
    editor._changed()
    editor.finalise()
    wait_for(lambda: editor.needed.isVisible() and editor.needed.count() > 0)
    shot(window, "4-visit-editor-finalise-refused")
    editor.banner.hide()
    editor.needed.hide()
    box = editor.fields["what_i_saw"].widget
    box.setPlainText(
        "Ada presented as happy after contact with mum. She showed me her bedrom and the den she built "
        "with her carer. The subject child disclosed that she would like more family time with her brother."
    )
    editor.scroll.ensureWidgetVisible(box, 0, 260)
    wait_for(lambda: any(b.isVisible() for b in box.parentWidget().findChildren(QPushButton) if "\u2192" in b.text()))
    shot(window, "5-visit-editor-plainer-words")
    date_field_shots(window, editor)
    correction_shot(window, editor.visit.child_id)
    child_record_shots(window)
    oversight_shot(window)
    child_mode_shots(window, editor.visit_id)
    accessibility_shots(window, editor.visit_id)
    genogram_shots(window, editor.visit_id)
    body_map_shot(window, editor.visit_id)
    record_shots(window, editor.visit_id)
    supervisor_shots(window)
    if not SUFFIX:
        case_file_page(window)
    window.ops.wait()  # the last saves land before the app goes
    QApplication.instance().quit()


def things_to_do(store, today: date) -> None:
    """A worker's week on the demo caseload: oversight asking for an addendum, plan actions due, a draft."""
    children = {child.name: child for child in store.children.all()}
    ada, noor = children["Ada Example"], next(c for name, c in children.items() if name != "Ada Example")
    visit = store.visits.for_child(ada.id)[0]
    store.oversight.add(
        Oversight(
            visit.id,
            ada.id,
            "sup.demo",
            "The record and Ada's words.",
            "Say more about how school transport is going before I sign this off.",
            Outcome.ADDENDUM_REQUESTED,
        )
    )
    for action, due in [("Book the family meeting", -2), ("Ask the school about transport", 3)]:
        store.children.amend(ada.id, add_plan_item(PlanItem(action, "Sam Patel", today + timedelta(days=due))))
    store.visits.new_draft(noor.id, started_at=datetime.now(UTC) - timedelta(days=1), present=f"{noor.name}, me")


def oversight_shot(window: MainWindow) -> None:
    """Management oversight with its actions as rows: what, who, by when."""
    dialog = OversightDialog(window, worker="Sam Patel")
    dialog.considered.setPlainText("The record, Ada's words about her den, and Jo's view of bedtimes.")
    dialog.decision.setPlainText("Ada is settled. Keep visits every six weeks; the school transport question is open.")
    dialog.action_rows.rows[0].what.setText("Ask the school about transport")
    dialog.action_rows.add_row(PlanItem("Book the family meeting", "Jo Reed", date.today() + timedelta(days=14)))
    dialog.adjustSize()  # as it opens
    dialog.show()
    QTest.qWait(150)
    dialog.grab().save(str(OUT / f"15-oversight-action-rows{SUFFIX}.png"))
    print(f"wrote {OUT}/15-oversight-action-rows{SUFFIX}.png")
    dialog.reject()


def correction_shot(window: MainWindow, child_id: str) -> None:
    """16: a chronology entry saved with the wrong date, corrected: the old line stays, struck through,
    with who struck it, when and why, beside the right one."""
    store = window.store
    wrong = ChronologyEvent(date.today() - timedelta(days=3), "Police called to the home after an argument.")
    store.children.amend(child_id, children.add_event(wrong))
    right = replace(wrong, on=date.today() - timedelta(days=11))
    children.strike(store, child_id, wrong, "Wrong date: the call-out was on the earlier Friday", right)
    window.go("caseload", "")
    window.go("child", child_id)
    wait_for(lambda: isinstance(window.page, ChildPage) and window.page.view is not None)
    page = window.page
    page.tabs.setCurrentIndex(1)
    page.chronology.setCurrentRow(3)  # the corrected entry: it can be corrected again, or struck
    shot(window, "16-chronology-corrected")


def child_record_shots(window: MainWindow) -> None:
    """30-35: a child on a child protection plan (Ben): the summary with the plan's details, the chronology
    with categories and filtered to one, the contacts, the contact form, the child's details with the plan's
    rows; and a visit's actions agreed as rows."""
    from wvisit.domain import Category
    from wvisit.ui.child_dialog import ChildDialog
    from wvisit.ui.contact_dialog import ContactDialog

    ben = next(child for child in window.store.children.all() if child.name == "Ben Sample")
    window.go("child", ben.id)
    wait_for(lambda: isinstance(window.page, ChildPage) and window.page.view is not None)
    page = window.page
    page.tabs.setCurrentWidget(page.summary)
    shot(window, "30-child-summary-protection-plan")
    page.tabs.setCurrentWidget(page.chronology_tab)
    shot(window, "31-chronology-categories")
    page.chronology_tab.choose(Category.MEETING)
    QTest.qWait(100)
    shot(window, "32-chronology-filtered")
    page.chronology_tab.clear()
    page.tabs.setCurrentWidget(page.contacts)
    shot(window, "33-child-contacts")
    dialog = ContactDialog(page)
    dialog.kind.setCurrentIndex(1)
    dialog.with_whom.setText("Ms Bell, class teacher")
    dialog.summary.setPlainText("Ben was calmer today and joined in at break. School will ring on Friday.")
    dialog.on_chronology.setChecked(True)
    dialog.category.setCurrentIndex(dialog.category.findData(Category.EDUCATION))
    dialog.adjustSize()
    dialog.show()
    QTest.qWait(150)
    dialog.grab().save(str(OUT / f"34-contact-dialog{SUFFIX}.png"))
    print(f"wrote {OUT}/34-contact-dialog{SUFFIX}.png")
    dialog.reject()
    details = ChildDialog(window, page.view.child)  # it sizes itself to the screen (no adjustSize)
    details.show()
    QTest.qWait(150)
    details.grab().save(str(OUT / f"35-child-details-protection-plan{SUFFIX}.png"))
    print(f"wrote {OUT}/35-child-details-protection-plan{SUFFIX}.png")
    details.reject()
    window.new_visit(ben.id)
    wait_for(lambda: isinstance(window.page, VisitEditor) and window.page.visit is not None)
    editor = window.page
    rows = editor.fields["agreed_actions"].widget
    soon = date.today() + timedelta(days=7)
    rows.set_items([PlanItem("Ask the school about the learning mentor", "Sam Patel", soon)])
    rows.add_row(PlanItem("Mum to book the parenting course", "Mum", date.today() + timedelta(days=14)))
    QTest.qWait(150)  # laid out first, then scrolled to
    editor.scroll.ensureWidgetVisible(rows, 0, 200)
    QTest.qWait(150)
    shot(window, "36-visit-actions-rows")


def with_popup(widget: QWidget, popup: QWidget, under: QWidget, name: str) -> None:
    """`widget` with a popup (a calendar) painted below `under`, where it opens on a screen with room
    (a grab of a window leaves popups out)."""
    QTest.qWait(150)
    at = under.mapTo(widget, QPoint(0, under.height()))
    canvas = widget.rect().united(QRect(at, popup.size()))
    picture = QPixmap(canvas.size())
    picture.fill(widget.palette().color(QPalette.ColorRole.Window))
    painter = QPainter(picture)
    painter.drawPixmap(-canvas.topLeft(), widget.grab())
    painter.drawPixmap(at - canvas.topLeft(), popup.grab())
    painter.end()
    picture.save(str(OUT / f"{name}{SUFFIX}.png"))
    print(f"wrote {OUT / name}{SUFFIX}.png")


def date_field_shots(window: MainWindow, editor: VisitEditor) -> None:
    """13: the next visit typed as a worker types it ("+50", past the policy's date: the reason box
    opens), its calendar open at that month; the chronology's date with its calendar open at today."""
    editor.banner.hide()
    limited = editor.fields["next_visit"].widget
    field = limited.date
    editor.scroll.ensureWidgetVisible(limited, 0, 40)
    field.edit.setFocus()
    field.edit.selectAll()
    QTest.keyClicks(field.edit, "+50")
    QTest.keyClick(field.edit, Qt.Key.Key_Return)
    bar = editor.scroll.verticalScrollBar()
    bar.setValue(limited.mapTo(editor.body, QPoint(0, 0)).y() - 200)  # the field high in the window
    field.open_calendar()
    wait_for(field.popup.isVisible)
    with_popup(window, field.popup, field.edit, "13-date-field-next-visit")
    field.popup.hide()
    window.go("child", editor.visit.child_id)
    wait_for(lambda: isinstance(window.page, ChildPage) and window.page.view is not None)
    page = window.page
    page.add_event_button.click()
    wait_for(lambda: isinstance(page.dialog, EventDialog) and page.dialog.isVisible())
    dialog = page.dialog
    QTest.keyClicks(dialog.what, "Police called to the home after an argument between the adults.")
    QTest.keyClicks(dialog.on.edit, "14 Nov")
    dialog.on.open_calendar()
    wait_for(dialog.on.popup.isVisible)
    with_popup(dialog, dialog.on.popup, dialog.on.edit, "13-date-field-chronology")
    dialog.on.popup.hide()
    dialog.reject()
    window.go("visit", editor.visit_id)
    wait_for(lambda: isinstance(window.page, VisitEditor) and window.page.visit is not None)


def child_mode_shots(window: MainWindow, visit_id: str) -> None:
    """Each tool as the child sees it, with a little done in it."""
    examples = {
        "three_houses": ThreeHouses(
            worries=House("When mum and dad shout"), good_things=House("My bike and my dog"), dreams=House("A garden")
        ),
        "scaling": Scaling("How safe do you feel at home?", 7, "Safer since Jo came"),
        "feelings": Feelings(["happy", "tired"]),
        "my_people": MyPeople(
            [Person("Mum", 1, "strong", 200), Person("Jo", 2, "weak", 320), Person("Dad", 3, "stressful", 60)]
        ),
        "drawing": Drawing(
            [Stroke("#1976d2", 24, [200, 700, 350, 500, 500, 700]), Stroke("#fbc02d", 24, [700, 200, 720, 220])],
            "Me and the sun",
        ),
    }
    for number, (key, result) in enumerate(examples.items(), start=7):
        window.start_child_mode(visit_id, key, tools.get(key).save(result))
        wait_for(lambda: window.child_mode is not None and window.child_mode.isVisible())
        mode = window.child_mode
        mode.resize(1180, 800)
        QTest.qWait(200)
        mode.grab().save(str(OUT / f"{number}-child-mode-{key}{SUFFIX}.png"))
        print(f"wrote {OUT}/{number}-child-mode-{key}{SUFFIX}.png")
        mode.leave()
        wait_for(lambda: window.child_mode is None)


def supervisor_shots(window: MainWindow) -> None:
    """17-21: the same laptop as the team manager sees it: the team page and the list behind a count, the
    caseload with each child's worker, a child's case supervision and the supervision dialog for two children."""
    from wvisit.domain.people import Person as Account
    from wvisit.ui.supervision_dialog import SupervisionDialog
    from wvisit.ui.team_page import TeamPage

    store = window.store
    with store.transaction():  # as a supervisor's sign-in tells the laptop
        store.sync_state.set("role", "supervisor")
        store.people.remember([Account("sw.demo", "Sam Patel", "social_worker")])
    window._set_role("supervisor")
    window.go("team", "")
    wait_for(lambda: isinstance(window.page, TeamPage) and window.page.picture is not None)
    shot(window, "17-team-page")
    team = window.page
    team.overdue_button.click()
    wait_for(lambda: team.dialog is not None and team.dialog.isVisible())
    QTest.qWait(150)
    team.dialog.grab().save(str(OUT / f"18-team-overdue-list{SUFFIX}.png"))
    print(f"wrote {OUT}/18-team-overdue-list{SUFFIX}.png")
    team.dialog.reject()
    window.go("caseload", "")
    wait_for(lambda: isinstance(window.page, CaseloadPage) and window.page.model.rowCount() > 0)
    wait_for(lambda: any(window.page.model.row_at(n).worker for n in range(window.page.model.rowCount())))
    shot(window, "19-supervisor-caseload-worker")
    cara = next(c for c in store.children.all() if c.name == "Cara Testwell")
    window.go("child", cara.id)
    wait_for(lambda: isinstance(window.page, ChildPage) and window.page.supervision.view is not None)
    page = window.page
    page.tabs.setCurrentWidget(page.supervision)
    shot(window, "20-child-case-supervision")
    view = page.supervision.view
    dialog = SupervisionDialog(window, view.worker_children, view.me, view.worker)
    dialog.child_list.item(1).setCheckState(Qt.CheckState.Checked)
    first = dialog.discussions[cara.id]
    first.boxes["hypotheses"].setPlainText("Mum's low mood may be why mornings are chaotic.")
    first.boxes["lived_experience"].setPlainText("Cara gets herself ready and waits by the door for nursery.")
    first.boxes["parental_mental_health"].setPlainText("Mum is waiting for talking therapy.")
    first.decisions.setPlainText("Stay at child in need; ask the GP for an update.")
    first.action_rows.rows[0].what.setText("Ask the GP for an update")
    dialog.resize(900, 760)
    dialog.show()
    QTest.qWait(150)
    dialog.grab().save(str(OUT / f"21-case-supervision-dialog{SUFFIX}.png"))
    print(f"wrote {OUT}/21-case-supervision-dialog{SUFFIX}.png")
    dialog.reject()


def accessibility_shots(window: MainWindow, visit_id: str) -> None:
    """40-43: the tools not shown above (three wishes, the houses with Wizard and Fairy words), the shortcuts
    sheet (F1), and the visit editor at 1.6x text on a 1366x768 laptop."""
    from wvisit.tools.three_wishes import ThreeWishes
    from wvisit.ui.shortcuts_sheet import ShortcutsSheet

    more = {
        "40-child-mode-three_wishes": ("three_wishes", ThreeWishes(["A puppy", "For mum to be happy", ""])),
        "41-child-mode-wizard-and-fairy": (
            "three_houses",
            ThreeHouses(worries=House("Shouting at night"), good_things=House("Nan's pancakes"), magic=True),
        ),
    }
    for name, (key, result) in more.items():
        window.start_child_mode(visit_id, key, tools.get(key).save(result))
        wait_for(lambda: window.child_mode is not None and window.child_mode.isVisible())
        mode = window.child_mode
        mode.resize(1180, 800)
        QTest.qWait(200)
        mode.grab().save(str(OUT / f"{name}{SUFFIX}.png"))
        print(f"wrote {OUT}/{name}{SUFFIX}.png")
        mode.leave()
        wait_for(lambda: window.child_mode is None)
    window.go("visit", visit_id)
    wait_for(lambda: isinstance(window.page, VisitEditor) and window.page.visit is not None)
    window.show_shortcuts()
    wait_for(lambda: isinstance(window.dialog, ShortcutsSheet) and window.dialog.isVisible())
    QTest.qWait(150)
    window.dialog.grab().save(str(OUT / f"42-shortcuts-sheet{SUFFIX}.png"))
    print(f"wrote {OUT}/42-shortcuts-sheet{SUFFIX}.png")
    window.dialog.reject()
    app = QApplication.instance()
    normal, size = app.font(), window.size()
    larger = app.font()
    larger.setPointSizeF(normal.pointSizeF() * 1.6)
    app.setFont(larger)
    window.go("visit", visit_id)
    wait_for(lambda: isinstance(window.page, VisitEditor) and window.page.visit is not None)
    wait_for(lambda: window.minimumSizeHint().width() <= 1366)  # laid out again in the larger text
    window.resize(1366, 768)
    window.page.fields["what_i_saw"].widget.setFocus()  # the focus ring, at large text
    shot(window, "43-visit-editor-1366x768-large-text")
    app.setFont(normal)
    window.resize(size)


def genogram_shots(window: MainWindow, visit_id: str) -> None:
    """51-52: the worker's genogram of the child's family, in its dialog (Mum picked) and as the record shows
    it; saved on the visit first, as the worker would have drawn it."""
    from wvisit.app import visits
    from wvisit.app.genogram import genogram_for_visit
    from wvisit.tools.genogram import Genogram, Member, Relationship
    from wvisit.ui.picture_view import show_sitting

    store = window.session.store
    window.ops.wait()
    started = genogram_for_visit(store, visit_id)
    child = tools.get("genogram").load(started.result).people[0]
    family = Genogram(
        [
            replace(child, sex="female", household="Mum's flat"),
            Member("p2", "Sam Example", "Mum", "female", 1991, household="Mum's flat"),
            Member("p3", "Lee Example", "Dad", "male", 1988, household="Dad's house"),
            Member("p4", "Leo Example", "Brother", "male", 2013, household="Mum's flat"),
            Member("p5", "Kim Example", "Dad's partner", "female", 1993, household="Dad's house"),
            Member("p6", "Max Example", "Half-sister", "female", 2024, household="Dad's house"),
            Member("p7", "Jo Example", "Nan (mum's side)", "female", 1965),
            Member("p8", "Ray Example", "Grandad (mum's side)", "male", 1960, deceased=True),
        ],
        [
            Relationship("p2", "p3", "separated"),
            Relationship("p2", "p1", "parent"),
            Relationship("p3", "p1", "parent"),
            Relationship("p2", "p4", "parent"),
            Relationship("p3", "p4", "parent"),
            Relationship("p3", "p5", "partners"),
            Relationship("p3", "p6", "parent"),
            Relationship("p5", "p6", "parent"),
            Relationship("p7", "p8", "married"),
            Relationship("p7", "p2", "parent"),
            Relationship("p8", "p2", "parent"),
            Relationship("p1", "p7", "close"),
            Relationship("p2", "p3", "conflict"),
        ],
    )
    tool = tools.get("genogram")
    sitting = replace(started, result=tool.save(family), summary=tool.summarise(family))
    visits.save_sitting(store, sitting)
    window.go("visit", visit_id)
    wait_for(lambda: isinstance(window.page, VisitEditor) and window.page.visit is not None)
    editor = window.page
    editor.record_genogram()
    wait_for(lambda: editor.genogram is not None and editor.genogram.dialog is not None)
    dialog = editor.genogram.dialog
    dialog.resize(1180, 720)
    dialog.pick("p2")
    QTest.qWait(200)
    dialog.grab().save(str(OUT / f"51-genogram{SUFFIX}.png"))
    print(f"wrote {OUT}/51-genogram{SUFFIX}.png")
    dialog.reject()
    view = show_sitting(editor, sitting)
    view.resize(1000, 760)
    QTest.qWait(150)
    view.grab().save(str(OUT / f"52-record-picture-genogram{SUFFIX}.png"))
    print(f"wrote {OUT}/52-record-picture-genogram{SUFFIX}.png")
    view.reject()


def body_map_shot(window: MainWindow, visit_id: str) -> None:
    """47: the worker's body map with two marks described, and the outline taking the keyboard (its aim
    showing where Enter would place the next mark)."""
    from wvisit.ui.body_map_dialog import BodyOutline

    window.go("visit", visit_id)
    wait_for(lambda: isinstance(window.page, VisitEditor) and window.page.visit is not None)
    editor = window.page
    editor.record_body_map()
    wait_for(lambda: editor.body_map is not None and editor.body_map.dialog.isVisible())
    dialog = editor.body_map.dialog
    for (side, x, y), looks, size, explained in [
        (("front", 220, 420), "Bruise, yellow-green, round", "about 2 cm", "Sam said he fell at football."),
        (("back", 620, 300), "Scratch, pink, healing", "3 cm long", "No explanation was given."),
    ]:
        dialog.add_mark(side, x, y)
        dialog.note_box.setText(looks)
        dialog.size_box.setText(size)
        dialog.explained_box.setPlainText(explained)
    dialog.findChild(BodyOutline).setFocus()
    QTest.qWait(200)
    dialog.grab().save(str(OUT / f"47-body-map{SUFFIX}.png"))
    print(f"wrote {OUT}/47-body-map{SUFFIX}.png")
    dialog.reject()


def record_shots(window: MainWindow, visit_id: str) -> None:
    """22-24: what the child made, seen in the record (the houses and the ecomap, painted from the data),
    and the letter dialog once the visit is finalised, with a disclosure the worker has not ticked."""
    from wvisit.app import visits
    from wvisit.domain import Expressed, Location, VoiceEntry
    from wvisit.ui.picture_view import show_sitting

    window.go("visit", visit_id)
    wait_for(lambda: isinstance(window.page, VisitEditor) and window.page.visit is not None)
    wait_for(lambda: window.page.tools_list.count() >= 5)
    editor = window.page
    for number, key in ((22, "three_houses"), (23, "my_people")):
        view = show_sitting(editor, next(s for s in editor._sittings if s.tool == key))
        view.resize(1000 if key == "three_houses" else 700, 700)
        QTest.qWait(150)
        view.grab().save(str(OUT / f"{number}-record-picture-{key}{SUFFIX}.png"))
        print(f"wrote {OUT}/{number}-record-picture-{key}{SUFFIX}.png")
        view.reject()
    store = window.session.store
    window.ops.wait()
    visit = replace(
        store.visits.get(visit_id),
        location=Location.HOME,
        child_seen=True,
        seen_alone=True,
        bedroom_seen=True,
        analysis="Ada is settled; the worries are about school.",
        next_visit=date.today() + timedelta(days=14),
    )
    store.visits.save_draft(visit)
    told = VoiceEntry(visit_id, visit.child_id, "Mum's boyfriend shouts at me", Expressed.SAID, disclosure=True)
    store.visits.add_voice(told)
    visits.finalise(store, visit_id)
    editor.letter_contact = "You can call me on 020 7946 0000, Monday to Friday, 9 to 5."
    editor.refresh()
    wait_for(lambda: editor.visit is not None and editor.visit.is_final)
    editor.write_letter()
    wait_for(lambda: editor.dialog is not None and editor.dialog.isVisible())
    editor.dialog.resize(760, 900)
    QTest.qWait(200)
    editor.dialog.grab().save(str(OUT / f"24-letter-dialog{SUFFIX}.png"))
    print(f"wrote {OUT}/24-letter-dialog{SUFFIX}.png")
    editor.dialog.reject()
    if not SUFFIX and shutil.which("pdftoppm") is not None:  # 25: the case file's pages, marked, with the pictures
        with tempfile.TemporaryDirectory() as folder:
            pdf = Path(folder) / "visit.pdf"
            exports.export_visit(store, visit_id, "pdf", pdf, write_pdf)
            pages = str(OUT / "25-case-file-pdf-page")
            subprocess.run(["pdftoppm", "-r", "60", "-png", "-l", "2", str(pdf), pages], check=True)
        print(f"wrote {OUT}/25-case-file-pdf-page-*.png")


def case_file_page(window: MainWindow) -> None:
    """A finalised demo visit exported to PDF, its first page as a PNG (needs poppler's pdftoppm)."""
    if shutil.which("pdftoppm") is None:
        return
    store = window.session.store
    window.ops.wait()
    final = next(v for v in store.visits.all() if v.is_final)
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "visit.pdf"
        exports.export_visit(store, final.id, "pdf", pdf, write_pdf)
        subprocess.run(
            ["pdftoppm", "-r", "70", "-png", "-singlefile", str(pdf), str(OUT / "6-case-file-pdf")], check=True
        )
    print(f"wrote {OUT / '6-case-file-pdf'}.png")


if __name__ == "__main__":
    main()
