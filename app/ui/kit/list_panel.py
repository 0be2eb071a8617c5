"""A table of records with Add / Edit / Remove buttons above it, and reading its selection."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableView, QVBoxLayout, QWidget

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
        layout.addWidget(self.table, 1)

    def add_widget(self, widget: QWidget) -> None:
        """Another control in the button row (before the stretch)."""
        self.buttons.insertWidget(self.buttons.count() - 1, widget)
