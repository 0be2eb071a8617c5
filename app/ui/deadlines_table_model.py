"""The Today view's table: one row per deadline, overdue ones in red, sortable by any column."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.i18n import N_, _, ngettext
from app.services.date_text import fmt_date
from app.services.deadlines import Deadline
from app.ui.theme import Colour

OVERDUE_COLOUR = QColor(Colour.ERROR)
SOON_COLOUR = QColor(Colour.SOON)
Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    ("due_on", N_("Due")),
    ("when", N_("When")),
    ("kind", N_("What")),
    ("case_number", N_("Case number")),
    ("head_name", N_("Family")),
    ("detail", N_("Details")),
)


def when_text(d: Deadline, today: date) -> str:
    """ "3 days overdue", "today", "in 4 working days"."""
    days = d.days_left(today)
    if days < 0:
        return ngettext("{n} day overdue", "{n} days overdue", -days).format(n=-days)
    if days == 0:
        return _("today")
    working = d.working_days_left(today)
    return ngettext("in {n} working day", "in {n} working days", working).format(n=working)


class DeadlinesTableModel(QAbstractTableModel):
    def __init__(self, today: date | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.today = today or date.today()
        self._rows: list[Deadline] = []
        self._sort = (0, Qt.SortOrder.AscendingOrder)

    def set_rows(self, rows: list[Deadline], today: date | None = None) -> None:
        self.beginResetModel()
        if today is not None:
            self.today = today
        self._rows = list(rows)
        self._sort_rows()
        self.endResetModel()

    def deadline(self, row: int) -> Deadline | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return _(COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        d = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(d, key)
        if role == Qt.ItemDataRole.UserRole:
            return d.family_id
        overdue = d.overdue(self.today)
        if role == Qt.ItemDataRole.ForegroundRole and key in ("due_on", "when"):
            if overdue:
                return QBrush(OVERDUE_COLOUR)
            if d.days_left(self.today) <= 7:
                return QBrush(SOON_COLOUR)
        if role == Qt.ItemDataRole.FontRole and overdue and key in ("due_on", "when"):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, d: Deadline, key: str) -> str:
        if key == "due_on":
            return fmt_date(d.due_on)
        if key == "when":
            return when_text(d, self.today)
        if key == "kind":
            return d.kind.label
        if key == "head_name":
            return d.head_name or _("(no members yet)")
        return str(getattr(d, key) or "")

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [(self._rows[i.row()], i.column()) for i in persistent]
        self._sort = (column, order)
        self._sort_rows()
        position = {id(d): r for r, d in enumerate(self._rows)}
        self.changePersistentIndexList(
            persistent, [self.index(position[id(d)], c) for d, c in held]
        )
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        column, order = self._sort
        key = COLUMNS[column][0]

        def sort_key(d: Deadline) -> tuple:
            if key in ("due_on", "when"):
                first: Any = d.due_on
            elif key == "kind":
                first = d.kind.label
            else:
                first = self._text(d, key).casefold()
            return (first, d.due_on, d.case_number)

        self._rows.sort(key=sort_key, reverse=order == Qt.SortOrder.DescendingOrder)
