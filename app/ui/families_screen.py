"""Rodziny: every case, searched as you type, filtered, sorted; Enter opens the family file."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, ngettext
from app.models import Family, Person, Review, SupportPlan
from app.models.enums import FamilyStatus
from app.services import reference
from app.services.changes import Changes
from app.ui.context import AppContext
from app.ui.families_table_model import COLUMNS, FamiliesTableModel
from app.ui.kit.form_kit import list_table
from app.ui.kit.widgets import label

SEARCH_DELAY_MS = 250
# What the list shows (names, status, the next review): a change to any of them reloads it.
SHOWN = (Family, Person, SupportPlan, Review)


class FamiliesScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = FamiliesTableModel(ctx, parent=self)
        self._stale = False
        self._build()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.status.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.gmina.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.overdue.toggled.connect(lambda _on: self.apply_filters())
        self.model.total_changed.connect(self._show_count)
        self.model.loading_changed.connect(self._show_loading)
        ctx.events.data_changed.connect(self._data_changed)
        self._load_gminas()
        self.apply_filters()

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Surname, PESEL, locality or case number"))
        self.search.setAccessibleName(_("Search families"))
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.setAccessibleName(_("Status"))
        self.status.addItem(_("all statuses"), None)
        for value, text in FamilyStatus.choices():
            self.status.addItem(text, value)
        self.gmina = QComboBox()
        self.gmina.setAccessibleName(_("Gmina"))
        self.gmina.addItem(_("all gminas"), None)
        self.gmina.setMinimumContentsLength(16)
        self.overdue = QCheckBox(_("Only &overdue reviews"))
        self.overdue.setAccessibleName(_("Only families with an overdue review"))
        self.new_button = QPushButton(_("&New family…"))
        self.new_button.setAccessibleName(_("Register a new family"))
        self.new_button.clicked.connect(self.new_family)
        self.count = label("", "muted", wrap=False)
        self.count.setAccessibleName(_("Number of families found"))

        self.table = list_table(QTableView(), _("Families"))
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        widths = (150, 200, 240, 110, 95, 90, 200, 60)
        for column, width in enumerate(widths[: len(COLUMNS)]):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setSortingEnabled(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(self._open_index)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self.open_current)
        QShortcut(QKeySequence(Qt.Key.Key_Enter), self.table, self.open_current)
        QShortcut(QKeySequence(Qt.Key.Key_Down), self.search, self._to_table)
        self.search.returnPressed.connect(self._to_table)

        top = QHBoxLayout()
        top.addWidget(label(_("&Search:"), wrap=False, buddy=self.search))
        top.addWidget(self.search, 3)
        top.addWidget(label(_("S&tatus:"), wrap=False, buddy=self.status))
        top.addWidget(self.status, 1)
        top.addWidget(label(_("&Gmina:"), wrap=False, buddy=self.gmina))
        top.addWidget(self.gmina, 1)
        top.addWidget(self.overdue)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addWidget(label(_("Families"), "heading"))
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        for a, b in (
            (self.search, self.status),
            (self.status, self.gmina),
            (self.gmina, self.overdue),
            (self.overdue, self.table),
            (self.table, self.new_button),
        ):
            self.setTabOrder(a, b)

    # -- filters ---------------------------------------------------------------------------
    def _load_gminas(self) -> None:
        if not self.ctx.is_unlocked:
            return
        powiat = self.ctx.ws.identity.unit_code[:4]
        self.ctx.runner.run(
            reference.gminas_of_powiat, self.ctx.ws, powiat, success=self._fill_gminas
        )

    def _fill_gminas(self, units: list) -> None:  # list[TercUnit]
        current = self.gmina.currentData()
        self.gmina.blockSignals(True)
        for unit in units:
            self.gmina.addItem(f"{unit.name} ({unit.kind})", unit.code)
        index = self.gmina.findData(current)
        self.gmina.setCurrentIndex(max(index, 0))
        self.gmina.blockSignals(False)

    def apply_filters(self) -> None:
        self._debounce.stop()
        self.model.set_filters(
            self.search.text().strip(),
            self.status.currentData(),
            self.gmina.currentData(),
            self.overdue.isChecked(),
        )

    def _show_count(self, total: int) -> None:
        self.count.setText(
            ngettext("{n} family", "{n} families", total).format(n=total)
            + (
                " " + _("(showing {shown})").format(shown=self.model.rowCount())
                if self.model.rowCount() < total
                else ""
            )
        )

    def _show_loading(self, loading: bool) -> None:
        if loading and not self.model.rowCount():
            self.count.setText(_("Searching…"))

    def _data_changed(self, changes: Changes) -> None:
        if not changes.touches(*SHOWN):
            return
        if self.isVisible():
            self.model.reload()
        else:
            self._stale = True

    # -- the shell's hooks -----------------------------------------------------------------
    def screen_shown(self) -> None:
        if self._stale:
            self._stale = False
            self.model.reload()
        self.focus_search()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- opening ---------------------------------------------------------------------------
    def _to_table(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)

    def _open_index(self, index: QModelIndex) -> None:
        family_id = self.model.family_id(index.row())
        if family_id:
            self.ctx.events.family_opened.emit(family_id)

    def open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._open_index(index)

    def new_family(self) -> None:
        self.ctx.events.new_family_requested.emit()
