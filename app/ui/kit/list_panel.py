"""A table of records with Add / Edit / Remove buttons above it, and reading its selection."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.ui.kit.form_kit import hint_label, setup_table
from app.ui.kit.record_table_model import RECORD_ROLE


def selected(view: QTableView) -> Any | None:
    """The record of the table's current row (through any proxy model)."""
    index = view.currentIndex()
    return index.data(RECORD_ROLE) if index.isValid() else None


class ListPanel(QWidget):
    """A table with Add / Edit / Remove buttons above it."""

    def __init__(self, name: str, add: str, hint: str = "", stretch: int | None = None) -> None:
        super().__init__()
        self.table = QTableView()
        setup_table(self.table, name, stretch)
        self.add = QPushButton(add)
        self.edit = QPushButton(_("&Edit…"))
        self.remove = QPushButton(_("Remo&ve"))
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        for b in (self.add, self.edit, self.remove):
            row.addWidget(b)
        row.addStretch(1)
        self.buttons = row
        layout.addLayout(row)
        if hint:
            layout.addWidget(hint_label(hint))
        self.note = hint_label("")  # why a button did nothing
        self.note.hide()
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)

    def on_row(self, button: QAbstractButton, act: Callable[[Any], object]) -> None:
        """``act(record)`` of the table's current row when ``button`` is pressed.  With no row
        chosen the panel says so and puts the focus in the list: "Edytuj…" used to open an
        empty "new" form there, "Usuń" to do nothing at all."""
        button.clicked.connect(lambda: self._with_row(act))

    def _with_row(self, act: Callable[[Any], object]) -> None:
        record = selected(self.table)
        if record is None:
            self.note.setText(
                _("Choose a row in the list first (arrow keys), then press the button again.")
            )
            self.note.show()
            self.table.setFocus()
            return
        self.note.hide()
        act(record)

    def add_widget(self, widget: QWidget) -> None:
        """Another control in the button row (before the stretch)."""
        self.buttons.insertWidget(self.buttons.count() - 1, widget)
