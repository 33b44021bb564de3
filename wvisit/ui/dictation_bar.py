"""The microphone in the visit editor: speak, and the words appear at the cursor of the section
being edited, marked as dictated until the worker has read them.

- Hold F8 (or hold the button) and speak; let go and the text arrives, sentence by sentence.
  A short tap starts hands-free dictation instead: text arrives at each pause; tap again to stop.
  Escape while listening cancels: what was heard is wiped and nothing is written.
- A level meter shows the microphone is hearing the worker.
- A section holding dictated words not yet reviewed has an amber edge, and a "Reviewed" button
  under the bar; finalising lists it until then (the rule is the domain's: Visit.dictated).
- Without a speech model on this laptop the button says plainly that dictation is not set up.

The bar is a field of the editor's form ("dictated": the list of sections), so it is saved,
loaded and locked like every other field. The child's words can be dictated straight into a quote
(`into_quote`): the quote is marked "said", and the worker reads it before saving it.
"""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wvisit.dictation.engine import NOT_SET_UP, Segment
from wvisit.domain.visit import SECTION_WORDS
from wvisit.ui.capture import MicrophoneSource, Recorder, Source
from wvisit.ui.dictation import Dictation
from wvisit.ui.visit_form import Field

KEY = Qt.Key.Key_F8
KEY_NAME = "F8"
HOLD_SECONDS = 0.4  # held longer than this: push-to-talk; a shorter tap: hands-free until tapped again
MARK_STYLE = "QPlainTextEdit { border: 1px solid #b26a00; border-left: 5px solid #b26a00; }"
MARK_DESCRIPTION = "Holds dictated words you have not reviewed yet"


class DictationBar(QWidget):
    """The microphone button, level meter and status for a set of text boxes (the editor's sections,
    or one quote box). `inserted` is emitted after dictated text went into a box, with its field name."""

    inserted = Signal(str)

    def __init__(
        self,
        dictation: Dictation | None,
        on_change: Callable[..., None] = lambda *_: None,
        make_source: Callable[[], Source] = MicrophoneSource,
        marks: bool = True,
    ):
        super().__init__()
        self._dictation, self._on_change, self._marks = dictation, on_change, marks
        self.recorder = Recorder(lambda: self.make_source(), self)
        self.make_source = make_source
        self.recorder.level.connect(self._show_level)
        self.recorder.heard.connect(self._heard)
        self.recorder.stopped.connect(self._stopped)
        self.recorder.failed.connect(self._say)
        self.boxes: dict[str, QPlainTextEdit] = {}
        self.marked: list[str] = []
        self._target: str | None = None  # the section being edited: the last text box that had focus
        self._pressed_at = 0.0
        self._hands_free = False
        self._locked = False
        self._pending = 0  # stretches of speech still with the model

        self.button = QPushButton(f"Dictate (hold {KEY_NAME})")
        self.button.setAccessibleName("Dictate")
        self.button.setToolTip(
            f"Hold {KEY_NAME} or this button while you speak; let go and the words appear where your cursor is. "
            f"Tap it to dictate hands-free; tap again to stop. Escape cancels."
        )
        self.button.pressed.connect(self._press)
        self.button.released.connect(self._release)
        self.level = QProgressBar()
        self.level.setRange(0, 100)
        self.level.setTextVisible(False)
        self.level.setMaximumWidth(120)
        self.level.setMaximumHeight(12)
        self.level.setAccessibleName("Microphone level")
        self.status = QLabel("")
        self.status.setAccessibleName("Dictation")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addWidget(self.level)
        row.addWidget(self.status, 1)
        self.review_row = QHBoxLayout()
        self.review_row.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addLayout(self.review_row)
        held = self.recorder.utterance
        self.destroyed.connect(lambda: held.wipe())  # the editor closed while listening: the audio goes too
        if dictation is None or not dictation.ready:
            why = dictation.availability.why if dictation is not None else NOT_SET_UP
            self.button.setText("Dictation not set up")
            self.button.setEnabled(False)
            self.button.setAccessibleDescription(why)
            self.button.setToolTip(why)
            self.level.hide()
            self.status.setText("Dictation is not set up on this laptop.")
        else:
            dictation.stop_listening.connect(self.cancel)
            # F8 is read from the text boxes themselves (a key held down, then let go, which a shortcut
            # cannot see); this one only names it on the shortcuts sheet (F1), inert where it stands.
            named = QShortcut(QKeySequence(KEY_NAME), self, context=Qt.ShortcutContext.WidgetShortcut)
            named.setWhatsThis("Hold to dictate into the section you are writing (tap: hands-free)")
            self.status.setText("Click in a section, then hold the button or F8 and speak.")

    # --- which boxes, and the form's "dictated" field ------------------------------------------

    def follow(self, fields: dict[str, Field]) -> Field:
        """Listen to the editor's text boxes (focus, F8); the bar's own field for the form."""
        for name, field in fields.items():
            if isinstance(field.widget, QPlainTextEdit):
                self.add_box(name, field.widget)
        return Field("dictated", self, lambda: list(self.marked), self.set_marked, self.lock)

    def add_box(self, name: str, box: QPlainTextEdit) -> None:
        self.boxes[name] = box
        box.installEventFilter(self)
        if self._target is None:
            self._target = name

    def set_marked(self, names: list[str] | None) -> None:
        self.marked = [name for name in (names or []) if name in self.boxes]
        self._show_marks()

    def lock(self, read_only: bool) -> None:
        """A finalised visit takes no dictation."""
        self._locked = read_only
        self.setVisible(not read_only)
        if read_only:
            self.cancel()

    # --- pressing and releasing ----------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.FocusIn:
            self._target = next((n for n, box in self.boxes.items() if box is watched), self._target)
        elif isinstance(event, QKeyEvent) and kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            if event.isAutoRepeat():
                return event.key() == KEY  # a held key repeats: still the same press
            if event.key() == KEY:
                self._press() if kind == QEvent.Type.KeyPress else self._release()
                return True
            if event.key() == Qt.Key.Key_Escape and kind == QEvent.Type.KeyPress and self.recorder.listening:
                self.cancel()
                self._say("Cancelled: what was heard is gone, nothing was written.")
                return True
        return False

    def _press(self) -> None:
        if self._dictation is None or not self._dictation.ready or self._locked:
            return
        if self.recorder.listening:  # a second tap ends hands-free dictation
            self._hands_free = False
            self.recorder.stop()
            return
        if self._target is None:
            return
        self._pressed_at = monotonic()
        self.recorder.start()
        if not self.recorder.listening:
            return  # no microphone: the recorder has said why
        self._dictation.warm()  # the model loads while the worker speaks (Qt Multimedia is loaded already)
        self.button.setText(f"\u25cf Listening\u2026 (let go of {KEY_NAME} to stop)")
        self._say(f"Listening: dictating into {self._words(self._target)}.")

    def _release(self) -> None:
        if not self.recorder.listening:
            return
        if monotonic() - self._pressed_at < HOLD_SECONDS and not self._hands_free:
            self._hands_free = True  # a tap: hands-free until the next tap
            self.recorder.hands_free()
            self.button.setText(f"\u25cf Listening hands-free\u2026 (tap {KEY_NAME} to stop)")
            return
        self._hands_free = False
        self.recorder.stop()

    def cancel(self) -> None:
        """Stop listening and wipe what was heard; text still with the model is not written."""
        self._hands_free = False
        self.recorder.drop()
        if self._dictation is not None:
            self._dictation.cancel(self)
        self._pending = 0
        self._reset_button()

    # --- text arriving ---------------------------------------------------------------------------

    def _heard(self, audio: bytearray) -> None:
        target = self._target
        if target is None or self._dictation is None:
            audio[:] = bytes(len(audio))
            return
        self._pending += 1
        self._say("Writing down what you said\u2026")
        self._dictation.transcribe(self, audio, lambda segment: self._write(target, segment), self._finished)

    def _stopped(self, heard_anything: bool) -> None:
        self._hands_free = False
        self._reset_button()
        if self._target in self.boxes:
            self.boxes[self._target].setFocus()  # back to typing where the words go
        if not heard_anything:
            self._say("Nothing was heard: check the microphone is on, then hold the button and speak.")

    def _write(self, name: str, segment: Segment) -> None:
        box = self.boxes.get(name)
        if box is None or box.isReadOnly():
            return
        cursor = box.textCursor()
        before = box.toPlainText()[: cursor.position()]
        space = "" if not before or before[-1].isspace() else " "
        cursor.insertText(space + segment.text)
        box.setTextCursor(cursor)
        if self._marks and name not in self.marked:
            self.marked.append(name)
            self._show_marks()
            self._on_change()
        self.inserted.emit(name)

    def _finished(self, why: str) -> None:
        self._pending = max(0, self._pending - 1)
        if why:
            self._say(why)
        elif not self._pending and not self.recorder.listening:
            self._say("Done. Read it through: dictation can mishear." if self._marks else "Done.")

    # --- review marks ----------------------------------------------------------------------------

    def reviewed(self, name: str) -> None:
        """The worker has read the dictated words in `name`: the mark goes, saved like any change."""
        if name in self.marked:
            self.marked.remove(name)
            self._show_marks()
            self._on_change()

    def _show_marks(self) -> None:
        while self.review_row.count():
            item = self.review_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for name, box in self.boxes.items():
            marked = name in self.marked
            box.setStyleSheet(MARK_STYLE if marked else "")
            box.setAccessibleDescription(MARK_DESCRIPTION if marked else "")
            box.setToolTip(MARK_DESCRIPTION if marked else "")
        if not self.marked:
            return
        self.review_row.addWidget(QLabel("Dictated, not yet reviewed:"))
        for name in self.marked:
            words = self._words(name)
            button = QPushButton(f"\u2713 {words[:1].upper() + words[1:]}: reviewed")
            button.setAccessibleName(f"I have reviewed the dictated words in {self._words(name)}")
            button.clicked.connect(lambda _=False, n=name: self.reviewed(n))
            self.review_row.addWidget(button)
        self.review_row.addStretch()

    # --- small things ------------------------------------------------------------------------------

    def _show_level(self, level: float) -> None:
        """In steps of 5%, redrawn only when it moves: the meter is fed ten times a second for as long as
        the worker speaks."""
        value = round(level * 20) * 5
        if value != self.level.value():
            self.level.setValue(value)

    def _reset_button(self) -> None:
        if self._dictation is not None and self._dictation.ready:
            self.button.setText(f"Dictate (hold {KEY_NAME})")
        self.level.setValue(0)

    def _say(self, sentence: str) -> None:
        self.status.setText(sentence)

    @staticmethod
    def _words(name: str) -> str:
        return SECTION_WORDS.get(name, "the child's words" if name == "quote" else name)


def into_quote(dialog, dictation: Dictation | None) -> DictationBar | None:
    """Dictate the child's words straight into the quote form (VoiceDialog): recorded as said, read by
    the worker before they save it, so no review mark is kept. Nothing is added where dictation is
    not set up (the editor's bar says so)."""
    from wvisit.domain.voice import Expressed

    if dictation is None or not dictation.ready:
        return None
    bar = DictationBar(dictation, marks=False)
    bar.add_box("quote", dialog.words)
    bar.inserted.connect(lambda _name: dialog.expressed.setCurrentIndex(dialog.expressed.findData(Expressed.SAID)))
    dialog.form.insertRow(0, bar)
    return bar
