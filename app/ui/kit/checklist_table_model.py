"""A checkable list with optional editable text columns (reasons for help, participants, parties).

Column 0 is the item with a check box (Space toggles it from the keyboard); an optional group
column shows what kind of item it is; the remaining columns are editable text (role,
representative, …).  Rows added by the user ("another person") have an editable name.
``draft_value()``/``set_draft_value()`` make the whole list one field of a ``FormBinding``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

from app.i18n import _
from app.ui.kit.record_table_model import AnyIndex


@dataclass
class CheckRow:
    key: str
    label: str
    group: str = ""
    checked: bool = False
    texts: list[str] = field(default_factory=list)
    label_editable: bool = False


class ChecklistTableModel(QAbstractTableModel):
    changed = Signal()

    def __init__(
        self,
        label_header: str,
        text_headers: tuple[str, ...] = (),
        group_header: str | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._label_header = label_header
        self._group_header = group_header
        self._text_headers = text_headers
        self._rows: list[CheckRow] = []

    # -- content --------------------------------------------------------------------------
    @property
    def _first_text(self) -> int:
        return 2 if self._group_header is not None else 1

    def set_rows(self, rows: list[CheckRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        for r in self._rows:
            r.texts = (list(r.texts) + [""] * len(self._text_headers))[: len(self._text_headers)]
        self.endResetModel()

    def rows(self) -> list[CheckRow]:
        return list(self._rows)

    def checked_rows(self) -> list[CheckRow]:
        return [r for r in self._rows if r.checked]

    def checked_keys(self) -> list[str]:
        return [r.key for r in self._rows if r.checked]

    def set_checked(self, keys: set[str] | list[str]) -> None:
        wanted = set(keys)
        for r in self._rows:
            r.checked = r.key in wanted
        self._all_changed()

    def add_row(self, row: CheckRow) -> int:
        row.texts = (list(row.texts) + [""] * len(self._text_headers))[: len(self._text_headers)]
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append(row)
        self.endInsertRows()
        self.changed.emit()
        return len(self._rows) - 1

    def draft_value(self) -> dict[str, list[Any]]:
        return {
            r.key: [r.checked, r.label if r.label_editable else "", *r.texts]
            for r in self._rows
            if r.checked or any(r.texts) or r.label_editable
        }

    def set_draft_value(self, value: dict[str, list[Any]] | None) -> None:
        value = value or {}
        self.beginResetModel()
        known = {r.key: r for r in self._rows}
        for r in self._rows:
            r.checked, r.texts = False, [""] * len(self._text_headers)
        for key, item in value.items():
            checked, label, *texts = (list(item) + ["", ""])[: 2 + len(self._text_headers)]
            row = known.get(key)
            if row is None:
                if not label:
                    continue  # an item that no longer exists (e.g. a removed institution)
                row = CheckRow(key, label, _("other person"), label_editable=True)
                self._rows.append(row)
            row.checked = bool(checked)
            if row.label_editable and label:
                row.label = label
            row.texts = [str(t or "") for t in texts] + [""] * (
                len(self._text_headers) - len(texts)
            )
        self.endResetModel()
        self.changed.emit()

    def _all_changed(self) -> None:
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1)
            )
        self.changed.emit()

    # -- Qt model -------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._first_text + len(self._text_headers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], index.column()
        if col == 0:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return row.label
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if row.checked else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return row.label
            return None
        if col == 1 and self._group_header is not None:
            return row.group if role == Qt.ItemDataRole.DisplayRole else None
        i = col - self._first_text
        if 0 <= i < len(row.texts) and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
        ):
            return row.texts[i]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            base |= Qt.ItemFlag.ItemIsUserCheckable
            if self._rows[index.row()].label_editable:
                base |= Qt.ItemFlag.ItemIsEditable
        elif index.column() >= self._first_text:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        row, col = self._rows[index.row()], index.column()
        if col == 0 and role == Qt.ItemDataRole.CheckStateRole:
            state = value.value if isinstance(value, Qt.CheckState) else value
            row.checked = state == Qt.CheckState.Checked.value
        elif col == 0 and role == Qt.ItemDataRole.EditRole and row.label_editable:
            row.label = str(value or "").strip() or row.label
        elif col >= self._first_text and role == Qt.ItemDataRole.EditRole:
            row.texts[col - self._first_text] = str(value or "")
            if row.texts[col - self._first_text] and not row.checked:
                row.checked = True  # typing a role for someone means they took part
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), col))
        self.changed.emit()
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = [self._label_header]
        if self._group_header is not None:
            headers.append(self._group_header)
        headers += list(self._text_headers)
        return headers[section] if 0 <= section < len(headers) else None
