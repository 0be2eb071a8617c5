"""The case list as a Qt table model: pages fetched lazily on the DB worker.

``set_query`` starts a new generation: rows are dropped at once and the first page is asked for
in the background; results of an older generation (a search the user has typed past) are thrown
away when they arrive.  Qt asks for more rows (``canFetchMore``/``fetchMore``) as the user scrolls,
so 20,000 families cost one page (100 rows) at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from app.i18n import N_, _
from app.services import search
from app.services.date_text import fmt_date
from app.ui.context import AppContext
from app.ui.ops import show_error
from app.ui.theme import Colour

PAGE_SIZE = 100
OVERDUE_COLOUR = QColor(Colour.ERROR)
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # N_ source, translated when shown
    sort_key: str | None  # the ``search.SORT_COLUMNS`` key, None: not sortable


COLUMNS = (
    Column("case_number", N_("Case number"), "case_number"),
    Column("head_name", N_("Family"), "name"),
    Column("address", N_("Address"), "locality"),
    Column("gmina", N_("Gmina"), "gmina"),
    Column("status", N_("Status"), "status"),
    Column("opened_on", N_("Opened"), "opened_on"),
    Column("next_review_on", N_("Next review"), None),
    Column("members", N_("Members"), None),
)


@dataclass(frozen=True)
class Query:
    text: str = ""
    status: str | None = None
    gmina_code: str | None = None
    overdue: bool = False
    sort: str = "case_number"
    descending: bool = False


class FamiliesTableModel(QAbstractTableModel):
    loading_changed = Signal(bool)
    total_changed = Signal(int)  # matching families (not only the loaded ones)

    def __init__(
        self,
        ctx: AppContext,
        page_size: int = PAGE_SIZE,
        today: date | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.page_size = page_size
        self.today = today or date.today()
        self.query = Query()
        self._rows: list[search.FamilyRow] = []
        self._total = 0
        self._generation = 0
        self._inflight: int | None = None  # offset being fetched for the current generation

    # -- queries ---------------------------------------------------------------------------
    def set_query(self, query: Query) -> None:
        self.query = query
        self.reload()

    def set_filters(
        self,
        text: str = "",
        status: str | None = None,
        gmina_code: str | None = None,
        overdue: bool = False,
    ) -> None:
        q = self.query
        self.set_query(Query(text, status, gmina_code, overdue, q.sort, q.descending))

    def reload(self) -> None:
        """Forget the loaded rows and fetch the first page of the current query."""
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._total = 0
        self._inflight = None
        self.endResetModel()
        self._fetch(0)

    def clear(self) -> None:
        self._generation += 1
        self.beginResetModel()
        self._rows, self._total, self._inflight = [], 0, None
        self.endResetModel()

    @property
    def total(self) -> int:
        return self._total

    @property
    def loading(self) -> bool:
        return self._inflight is not None

    def _fetch(self, offset: int) -> None:
        if not self.ctx.is_unlocked or self._inflight is not None:
            return
        generation, q = self._generation, self.query
        self._inflight = offset
        self.loading_changed.emit(True)
        self.ctx.runner.run(
            search.search_families,
            self.ctx.ws,
            q.text,
            status=q.status,
            gmina_code=q.gmina_code,
            overdue_on=self.today if q.overdue else None,
            sort=q.sort,
            descending=q.descending,
            offset=offset,
            limit=self.page_size,
            success=lambda page: self._arrived(generation, offset, page),
            failure=lambda exc: self._failed(generation, exc),
        )

    def _arrived(self, generation: int, offset: int, page: search.FamilyPage) -> None:
        if generation != self._generation:
            return  # typed past this search, or the query changed: drop it
        self._inflight = None
        if offset != len(self._rows):
            self.loading_changed.emit(False)
            return
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        if page.total != self._total:
            self._total = page.total
        self.total_changed.emit(self._total)
        self.loading_changed.emit(False)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._inflight = None
        self.loading_changed.emit(False)
        if self.ctx.is_unlocked:
            show_error(None, exc)

    # -- lazy paging -----------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid():
            return False
        return self._inflight is None and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._fetch(len(self._rows))

    # -- the table -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def family_id(self, row: int) -> str | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, family_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == family_id), -1)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        column = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return _(column.title)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.sort_key:
                return _("Click to sort by this column")
            return _("This column cannot be sorted")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()].key
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, key)
        if role == Qt.ItemDataRole.ToolTipRole and key == "head_name":
            return ", ".join(f"{m.first_name} {m.last_name}" for m in row.members)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        overdue = key == "next_review_on" and row.overdue(self.today)
        if role == Qt.ItemDataRole.ForegroundRole and overdue:
            return QBrush(OVERDUE_COLOUR)
        if role == Qt.ItemDataRole.FontRole and overdue:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, row: search.FamilyRow, key: str) -> str:
        if key == "status":
            return row.status_label
        if key == "opened_on":
            return fmt_date(row.opened_on)
        if key == "next_review_on":
            text = fmt_date(row.next_review_on)
            return text + " " + _("(overdue)") if row.overdue(self.today) else text
        if key == "members":
            return str(len(row.members))
        if key == "head_name":
            return row.head_name or _("(no members yet)")
        return str(getattr(row, key) or "")

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS) or COLUMNS[column].sort_key is None:
            return
        q = self.query
        descending = order == Qt.SortOrder.DescendingOrder
        sort_key = COLUMNS[column].sort_key or "case_number"
        if (q.sort, q.descending) == (sort_key, descending) and (self._rows or self.loading):
            return
        self.set_query(Query(q.text, q.status, q.gmina_code, q.overdue, sort_key, descending))
