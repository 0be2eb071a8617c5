"""A tab that lists records with action buttons above and the selected record's text below
(Wizyty, Zgody, Dokumenty, the case path's pages); generic in its record type, like its model."""

from __future__ import annotations

from typing import Generic

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui.family.tab_base import FamilyHost, FamilyTab
from app.ui.kit.form_kit import setup_table
from app.ui.kit.record_table_model import R, RecordTableModel


class ListTab(FamilyTab, Generic[R]):
    def __init__(
        self,
        host: FamilyHost,
        model: RecordTableModel[R],
        name: str,
        details_name: str,
        stretch: int | None = None,
    ) -> None:
        super().__init__(host)
        self.model = model
        self.table = QTableView()
        setup_table(self.table, name, stretch)
        self.table.setModel(model)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName(details_name)
        self.buttons = QHBoxLayout()
        self.body = QSplitter(Qt.Orientation.Vertical)
        self.body.addWidget(self.table)
        self.body.addWidget(self.details)
        self.body.setStretchFactor(0, 3)
        self.body.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(self.buttons)
        layout.addWidget(self.body, 1)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self.show_details())

    def add_buttons(self, *widgets: QWidget) -> None:
        for w in widgets:
            self.buttons.addWidget(w)
        self.buttons.addStretch(1)

    def current(self) -> R | None:
        index = self.table.currentIndex()  # the table shows the model itself (no proxy)
        return self.model.row_at(index.row()) if index.isValid() else None

    def select_first(self) -> None:
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self.show_details()

    def show_details(self) -> None:
        record = self.current()
        self.details.setPlainText("" if record is None else self.describe(record))

    def describe(self, record: R) -> str:
        return ""
