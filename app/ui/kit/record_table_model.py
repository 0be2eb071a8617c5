"""A read-only table of records (detached rows or DTOs) described by a tuple of columns.

Each concrete ``*_table_model.py`` lists its ``COLUMNS``; the base class does the Qt plumbing:
display text, a tooltip with the full text (cells may be cut short), a sort key for
``QSortFilterProxyModel`` (always a str or number, never a Python object) and the record itself
under ``RECORD_ROLE``.  The model is generic in its record type (``RecordTableModel[Visit]``),
so a column's accessors and ``rows()`` are type-checked against the ORM class.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.i18n import _

RECORD_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex
R = TypeVar("R")


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str  # English source, marked with N_ and translated when shown
    text: Callable[[R], str]
    sort: Callable[[R], str | int | float] | None = None
    right: bool = False


class RecordTableModel(QAbstractTableModel, Generic[R]):
    COLUMNS: tuple[Column[R], ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []

    # -- content --------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_with_id(self, record_id: str | None) -> R | None:
        """The row whose ``id`` is ``record_id`` (a draft being reopened names its record)."""
        return next((r for r in self._rows if getattr(r, "id", None) == record_id), None)

    def row_at(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # -- Qt model -------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.COLUMNS):
            return None
        record = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = column.text(record)
            return text if role == Qt.ItemDataRole.DisplayRole else (text or None)
        if role == RECORD_ROLE:
            return record
        if role == SORT_ROLE:
            return column.sort(record) if column.sort else column.text(record).casefold()
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return _(self.COLUMNS[section].header)
        return None


def iso(value: date | None) -> str:
    """A sort key for an optional date."""
    return value.isoformat() if value else ""
