"""The genogram, for the worker: add the child's family one person at a time (name, relationship to the
child, gender, born, whether they have died, the household they live in), then say how they are
related; the genogram is drawn from that as it grows. Saved as a sitting of the visit (the tool
"genogram"), painted from its data like the other pictures (wvisit/tools/pictures.py); its people can
join the child's key people and household members (wvisit/app/genogram.py).

Everything is done from the keyboard in the lists and boxes on the right; a click on someone in the
picture picks them too.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QObject, QRectF, QSize, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from wvisit import tools
from wvisit.app.genogram import Joined, add_to_child_record, genogram_for_visit
from wvisit.app.visits import save_sitting
from wvisit.domain import Sitting
from wvisit.errors import WvisitError
from wvisit.tools import pictures
from wvisit.tools.genogram import KINDS, LONGEST, SEXES, Genogram, Member, Relationship, line, refusal
from wvisit.ui import operations
from wvisit.ui.picture_dialog import PictureDialog, not_saved
from wvisit.ui.widgets import line_edit

OLDEST_AGE = 120
NOT_SAVED = not_saved("the genogram")


def born_from(text: str, today: date) -> int | None:
    """The year of birth from what was typed: a year ("1990") or an age ("34"); None for anything else."""
    typed = text.strip()
    if not typed.isdigit():
        return None
    number = int(typed)
    if len(typed) == 4:
        return number
    return today.year - number if number <= OLDEST_AGE else None


class GenogramPicture(QWidget):
    """The genogram as it stands; a click on a person picks them."""

    picked = Signal(str)  # the person's id

    def __init__(self, genogram: Genogram):
        super().__init__()
        self.genogram = genogram
        self.selected: str | None = None
        self.setAccessibleName("Genogram picture: the people and relationships listed beside it")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(400, 250)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(640, 400)

    def picture_rect(self) -> QRectF:
        """All of the widget: the family is centred in it at the largest size that fits (not squeezed to the
        record's page shape first, which left three generations' words a few pixels high)."""
        return QRectF(self.rect())

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        centres, side = pictures.genogram_centres(self.genogram, self.picture_rect())
        at = event.position()
        for member_id, centre in centres.items():
            if abs(centre.x() - at.x()) <= side * 0.7 and abs(centre.y() - at.y()) <= side * 0.7:
                self.picked.emit(member_id)
                return

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pictures.paint_genogram(painter, self.genogram, self.picture_rect(), self.selected)
        painter.end()


class GenogramDialog(PictureDialog):
    """The picture on the left; on the right the people (and the one picked, to change) and the relationships."""

    add_to_record = Signal(object)  # the Genogram as it stands: its people join the child's record

    def __init__(self, parent, genogram: Genogram, today: date | None = None):
        super().__init__(
            parent,
            "genogram",
            "Genogram",
            "the genogram",
            "Add the child's family one person at a time, then say how they are related. Give everyone who "
            "lives together the same household, and the genogram draws a line round them.",
        )
        self.today = today or date.today()
        self.genogram = Genogram([replace(p) for p in genogram.people], [replace(r) for r in genogram.relationships])
        self.picture = GenogramPicture(self.genogram)
        self.picture.picked.connect(self.pick)
        side = QVBoxLayout()
        side.addWidget(self._people_box())
        side.addWidget(self._relationships_box())
        self.key_people_button = QPushButton("Add these people to the child's &key people")
        self.key_people_button.setAccessibleName("Add these people to the child's key people and household")
        self.key_people_button.clicked.connect(self._add_to_record)
        self.place(self.picture, side, self.key_people_button)
        self._showing = False
        self._list_people()
        self._list_relationships()
        self.pick(self.genogram.people[0].id if self.genogram.people else "")
        self.opened()
        self.resize(1180, 720)

    # --- building ------------------------------------------------------------------------------

    def _people_box(self) -> QGroupBox:
        box = QGroupBox("People")
        inner = QVBoxLayout(box)
        self.people = QListWidget()
        self.people.setAccessibleName("People in the genogram")
        self.people.currentRowChanged.connect(self._show_person)
        inner.addWidget(self.people, 1)
        form = QFormLayout()
        self.name_box = line_edit("Name")
        self.relationship_box = line_edit("Relationship to the child", "e.g. Mum, half-brother, Nan (mum's side)")
        self.gender_box = QComboBox()
        self.gender_box.setAccessibleName("Gender, and the symbol drawn")
        for key, label in SEXES.items():
            self.gender_box.addItem(label, key)
        self.born_box = line_edit("Born: the year, or their age now", "a year (1990) or an age (34)")
        self.born_said = QLabel("")
        self.born_said.setAccessibleName("Year of birth as understood")
        self.died_box = QCheckBox("Has &died")
        self.household_box = QComboBox()
        self.household_box.setEditable(True)
        self.household_box.setAccessibleName("Lives in: the household's name")
        typed = self.household_box.lineEdit()
        assert typed is not None  # editable
        typed.setPlaceholderText("e.g. Mum's flat (blank if not known)")
        most = {field_name: characters for field_name, _, characters in LONGEST}
        self.name_box.setMaxLength(most["name"])  # typing stops at the genogram's bounds, never refused on Save
        self.relationship_box.setMaxLength(most["relationship"])
        typed.setMaxLength(most["household"])
        born_row = QHBoxLayout()
        born_row.addWidget(self.born_box, 1)
        born_row.addWidget(self.born_said)
        form.addRow("&Name", self.name_box)
        form.addRow("Relationship to the &child", self.relationship_box)
        form.addRow("&Gender", self.gender_box)
        born_label = QLabel("&Born (year or age)")
        born_label.setBuddy(self.born_box)
        form.addRow(born_label, born_row)
        form.addRow("", self.died_box)
        form.addRow("Lives &in", self.household_box)
        inner.addLayout(form)
        self.name_box.textEdited.connect(self._edited)
        self.relationship_box.textEdited.connect(self._edited)
        self.born_box.textEdited.connect(self._edited)
        self.gender_box.currentIndexChanged.connect(self._edited)
        self.died_box.toggled.connect(self._edited)
        self.household_box.editTextChanged.connect(self._edited)
        buttons = QHBoxLayout()
        self.add_person_button = QPushButton("&Add a person")
        self.add_person_button.clicked.connect(self.add_person)
        self.remove_person_button = QPushButton("&Remove this person")
        self.remove_person_button.clicked.connect(self.remove_person)
        buttons.addWidget(self.add_person_button)
        buttons.addWidget(self.remove_person_button)
        buttons.addStretch()
        inner.addLayout(buttons)
        return box

    def _relationships_box(self) -> QGroupBox:
        box = QGroupBox("Relationships")
        inner = QVBoxLayout(box)
        self.relationships = QListWidget()
        self.relationships.setAccessibleName("Relationships in the genogram")
        inner.addWidget(self.relationships, 1)
        choose = QHBoxLayout()
        self.first_box, self.second_box = QComboBox(), QComboBox()
        self.first_box.setAccessibleName("Who")
        self.second_box.setAccessibleName("To whom")
        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName("How they are related")
        for key, words in KINDS.items():
            self.kind_box.addItem(f"is {words}", key)
        who = QLabel("&Who")
        who.setBuddy(self.first_box)
        choose.addWidget(who)
        choose.addWidget(self.first_box, 1)
        inner.addLayout(choose)
        how = QHBoxLayout()  # on a line of its own: beside "who" it made the panel too wide for the picture
        how.addWidget(self.kind_box, 1)
        how.addWidget(self.second_box, 1)
        inner.addLayout(how)
        buttons = QHBoxLayout()
        self.add_link_button = QPushButton("Add relations&hip")
        self.add_link_button.clicked.connect(self.add_relationship)
        self.remove_link_button = QPushButton("Remo&ve relationship")
        self.remove_link_button.clicked.connect(self.remove_relationship)
        buttons.addWidget(self.add_link_button)
        buttons.addWidget(self.remove_link_button)
        buttons.addStretch()
        inner.addLayout(buttons)
        return box

    # --- people --------------------------------------------------------------------------------

    def genogram_now(self) -> Genogram:
        return Genogram([replace(p) for p in self.genogram.people], [replace(r) for r in self.genogram.relationships])

    def record_now(self) -> Genogram:
        return self.genogram_now()

    def _new_id(self) -> str:
        taken = {person.id for person in self.genogram.people}
        return next(f"p{n}" for n in range(1, len(taken) + 2) if f"p{n}" not in taken)

    def add_person(self) -> None:
        """A new person, picked, with the name box ready to type in."""
        self.genogram.people.append(Member(self._new_id(), ""))
        self._list_people()
        self.pick(self.genogram.people[-1].id)
        self.name_box.setFocus()

    def remove_person(self) -> None:
        """Remove the person picked and their relationships (never the child the genogram is about)."""
        index = self.people.currentRow()
        if not 0 <= index < len(self.genogram.people) or self.genogram.people[index].child:
            return
        before = self.genogram_now()
        gone = self.genogram.people.pop(index)
        kept = [r for r in self.genogram.relationships if gone.id not in (r.first, r.second)]
        links = len(self.genogram.relationships) - len(kept)
        self.genogram.relationships[:] = kept
        self._list_people()
        self._list_relationships()
        self.people.setCurrentRow(min(index, len(self.genogram.people) - 1))
        who = gone.name.strip() or "a person with no name yet"
        also = f" and {links} relationship{'s' if links != 1 else ''}" if links else ""
        self.removed(before, f"Removed {who}{also}.")

    def restore(self, record: Genogram) -> None:
        """Back as it was; the person brought back is picked."""
        here = {person.id for person in self.genogram.people}
        back = [person.id for person in record.people if person.id not in here]
        self.genogram.people[:] = record.people
        self.genogram.relationships[:] = record.relationships
        self._list_people()
        self._list_relationships()
        self.picture.update()
        if back:
            self.pick(back[0])

    def pick(self, member_id: str) -> None:
        ids = [person.id for person in self.genogram.people]
        if member_id in ids:
            self.people.setCurrentRow(ids.index(member_id))

    def _person_line(self, person: Member) -> str:
        return person.describe() if person.name.strip() else "(type their name)"

    def _list_people(self) -> None:
        current = self.people.currentRow()
        self._showing = True
        self.people.clear()
        self.people.addItems([self._person_line(person) for person in self.genogram.people])
        for box in (self.first_box, self.second_box):
            chosen = box.currentData()
            box.clear()
            for person in self.genogram.people:
                box.addItem(person.name.strip() or "(no name yet)", person.id)
            box.setCurrentIndex(max(0, box.findData(chosen)))
        self._showing = False
        if 0 <= current < self.people.count():
            self.people.setCurrentRow(current)
        self._show_person(self.people.currentRow())

    def _show_person(self, index: int) -> None:
        has = 0 <= index < len(self.genogram.people)
        person = self.genogram.people[index] if has else Member("", "")
        self._showing = True
        self.name_box.setText(person.name)
        self.relationship_box.setText(person.relationship)
        self.gender_box.setCurrentIndex(max(0, self.gender_box.findData(person.sex)))
        self.born_box.setText("" if person.born is None else str(person.born))
        self.died_box.setChecked(person.deceased)
        self.household_box.clear()
        self.household_box.addItems(self.genogram.households())
        self.household_box.setEditText(person.household)
        self._showing = False
        self._say_born(person)
        for widget in (
            self.name_box,
            self.relationship_box,
            self.gender_box,
            self.born_box,
            self.died_box,
            self.household_box,
        ):
            widget.setEnabled(has)
        self.remove_person_button.setEnabled(has and not person.child)
        self.picture.selected = person.id if has else None
        self.picture.update()

    def _say_born(self, person: Member) -> None:
        typed = self.born_box.text().strip()
        if not typed:
            self.born_said.setText("")
        elif person.born is None:
            self.born_said.setText("Type a year or an age")
        else:
            self.born_said.setText(f"born {person.born}")

    def _edited(self, *_args) -> None:
        index = self.people.currentRow()
        if self._showing or not 0 <= index < len(self.genogram.people):
            return
        person = self.genogram.people[index]
        person.name = self.name_box.text()
        person.relationship = self.relationship_box.text()
        person.sex = self.gender_box.currentData()
        person.born = born_from(self.born_box.text(), self.today)
        person.deceased = self.died_box.isChecked()
        person.household = self.household_box.currentText().strip()
        self._say_born(person)
        self.people.item(index).setText(self._person_line(person))
        for box in (self.first_box, self.second_box):
            at = box.findData(person.id)
            if at >= 0:
                box.setItemText(at, person.name.strip() or "(no name yet)")
        self._list_relationships()
        self.picture.update()

    # --- relationships -------------------------------------------------------------------------

    def _list_relationships(self) -> None:
        current = self.relationships.currentRow()
        self.relationships.clear()
        named = replace(
            self.genogram, people=[replace(p, name=p.name.strip() or "(no name yet)") for p in self.genogram.people]
        )
        self.relationships.addItems([line(named, link) for link in self.genogram.relationships])
        self.relationships.setCurrentRow(min(current, self.relationships.count() - 1))
        self.remove_link_button.setEnabled(self.relationships.count() > 0)

    def add_relationship(self) -> None:
        """The relationship chosen in the boxes; refused in the banner (nothing lost) if it cannot be."""
        link = Relationship(self.first_box.currentData(), self.second_box.currentData(), self.kind_box.currentData())
        problem = refusal(self.genogram, link)
        if problem:
            self.banner.show_message(f"Not added: this relationship {problem}.")
            return
        self.banner.clear_message()
        self.genogram.relationships.append(link)
        self._list_relationships()
        self.relationships.setCurrentRow(self.relationships.count() - 1)
        self.picture.update()

    def remove_relationship(self) -> None:
        index = self.relationships.currentRow()
        if 0 <= index < len(self.genogram.relationships):
            before, said = self.genogram_now(), self.relationships.item(index).text()
            del self.genogram.relationships[index]
            self._list_relationships()
            self.picture.update()
            self.removed(before, f"Removed the relationship \u201c{said}\u201d.")

    # --- saving --------------------------------------------------------------------------------

    def _add_to_record(self) -> None:
        if self.checked():
            self.add_to_record.emit(self.genogram_now())

    def show_joined(self, joined: Joined) -> None:
        """Say who joined the child's record, and that the others were there already."""
        said = []
        if joined.key_people:
            said.append(f"Added to the child's key people: {', '.join(joined.key_people)}.")
        if joined.household:
            said.append(f"Added to the household members: {', '.join(joined.household)}.")
        if joined.already:
            said.append(f"Already in the key people, so not added again: {', '.join(joined.already)}.")
        self.banner.show_message(" ".join(said) or "No one to add: the genogram has only the child in it.", False)


class GenogramRecording(QObject):
    """One genogram being recorded on a visit: read (the one on this visit, or the child's newest carried
    on), the dialog, then the save on the store lane. `saved` is emitted after the genogram is saved."""

    saved = Signal()

    def __init__(self, parent: QWidget, visit_id: str):
        super().__init__(parent)
        self._parent, self.visit_id = parent, visit_id
        self.sitting: Sitting | None = None
        self.dialog: GenogramDialog | None = None

    def start(self) -> None:
        visit_id = self.visit_id
        read = operations.query(self._parent, lambda store: genogram_for_visit(store, visit_id))
        read.success(self._open).failure(self._failed).run_in_background()

    def _open(self, sitting: Sitting) -> None:
        self.sitting = sitting
        self.dialog = GenogramDialog(self._parent, tools.get("genogram").load(sitting.result))
        self.dialog.accepted.connect(self._save)
        self.dialog.add_to_record.connect(self._add_to_record)
        self.dialog.open()

    def _save(self) -> None:
        assert self.sitting is not None and self.dialog is not None
        genogram = self.dialog.genogram_now()
        tool = tools.get("genogram")
        made = replace(self.sitting, result=tool.save(genogram), summary=tool.summarise(genogram))
        op = operations.Op(
            self._parent, lambda store: save_sitting(store, made), lambda _: operations.Changes.of(made.child_id)
        )
        op.success(lambda _: self.saved.emit()).failure(self._failed).run_in_background()

    def _add_to_record(self, genogram: Genogram) -> None:
        assert self.sitting is not None and self.dialog is not None
        child_id, today, dialog = self.sitting.child_id, date.today(), self.dialog
        op = operations.Op(
            self._parent,
            lambda store: add_to_child_record(store, child_id, genogram, today),
            lambda _: operations.Changes.of(child_id),
        )
        op.success(dialog.show_joined).failure(lambda problem: dialog.banner.show_message(str(problem)))
        op.run_in_background()

    def _failed(self, problem: WvisitError) -> None:
        QMessageBox.warning(self._parent, "Genogram", str(problem))
