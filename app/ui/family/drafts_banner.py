"""A strip at the top of the family window listing unsaved drafts of this case's dialogs.

After a crash or a lock, the forms shown in tabs ask to restore their own drafts; drafts of
dialogs (a new member, a visit, a review…) are offered here, one button each.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.i18n import _
from app.services.drafts import DraftInfo
from app.ui.kit.widgets import clear_layout
from app.ui.theme import Colour

MAX_BUTTONS = 4


class DraftsBanner(QFrame):
    open_requested = Signal(str)  # form key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(
            f"DraftsBanner {{ background: {Colour.NOTE_BACKGROUND};"
            f" border: 1px solid {Colour.NOTE_BORDER}; }}"
            f" QLabel {{ color: {Colour.NOTE_TEXT}; }}"
        )
        self.setAccessibleName(_("Unsaved drafts"))
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        self._items: list[DraftInfo] = []
        self.hide()

    def set_drafts(self, items: list[DraftInfo]) -> None:
        clear_layout(self._layout)
        self._items = list(items)
        if not items:
            self.hide()
            return
        self._layout.addWidget(QLabel(_("Unsaved drafts of this case:")))
        for d in items[:MAX_BUTTONS]:
            when = d.saved_at.astimezone().strftime("%d.%m %H:%M")
            button = QPushButton(f"{d.title} ({when})")
            button.setToolTip(_("Open the form and restore what was typed"))
            button.clicked.connect(lambda _c=False, key=d.form_key: self.open_requested.emit(key))
            self._layout.addWidget(button)
        if len(items) > MAX_BUTTONS:
            self._layout.addWidget(QLabel(_("and {n} more").format(n=len(items) - MAX_BUTTONS)))
        self._layout.addStretch(1)
        self.show()

    @property
    def keys(self) -> list[str]:
        return [d.form_key for d in self._items]

    def remove(self, form_key: str) -> None:
        self.set_drafts([d for d in self._items if d.form_key != form_key])
