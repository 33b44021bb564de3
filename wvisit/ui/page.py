"""What every screen of the main window offers it, so the window needs no `getattr` to talk to one."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


class Page(QWidget):
    """A screen in the main window's stack. It loads itself in `refresh` and, through
    ui/operations.py, refreshes itself when the records it shows change."""

    child_id: str | None = None  # the child this screen is about (a new visit from here is theirs)

    def refresh(self) -> None:
        raise NotImplementedError

    def save_now(self) -> None:
        """Save what is typed here before the window moves on or locks; most screens hold nothing."""
