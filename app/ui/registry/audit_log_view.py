"""A page-at-a-time view of the audit log: the whole log (Historia screen) or one case's.

Newest entries first; "Pokaż starsze wpisy" loads the next page.  Used by ``HistoryScreen``
and the family file's Historia tab.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from app.i18n import _, ngettext
from app.services import audit
from app.ui.context import AppContext
from app.ui.kit.form_kit import fit_columns, hint_label, setup_table
from app.ui.kit.safe import guarded
from app.ui.registry.audit_table_model import AuditTableModel

PAGE = 200


class AuditLogView(QWidget):
    def __init__(
        self,
        ctx: AppContext,
        family_id: str | None,
        *,
        table_name: str,
        hint: str,
        with_refresh: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.family_id = family_id
        self.model = AuditTableModel(self)
        self.table = QTableView()
        setup_table(self.table, table_name)
        self.table.setModel(self.model)
        self.count = QLabel()
        self.more = QPushButton(_("Show &older entries"))
        self.more.clicked.connect(self.load_more)
        top = QHBoxLayout()
        top.addWidget(hint_label(hint), 1)
        top.addWidget(self.count)
        if with_refresh:
            refresh = QPushButton(_("&Refresh"))
            refresh.clicked.connect(self.refresh)
            top.addWidget(refresh)
        top.addWidget(self.more)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        """Load the newest page again."""
        self._load(0, self._first_page)

    def load_more(self) -> None:
        self._load(self.model.rowCount(), self._next_page)

    def _load(self, offset: int, done) -> None:
        if self.ctx.is_unlocked:
            self.ctx.runner.run(
                audit.list_events,
                self.ctx.ws,
                self.family_id,
                PAGE,
                offset,
                success=guarded(self, done),
            )

    def _first_page(self, rows: list) -> None:
        self.model.set_rows(rows)
        fit_columns(self.table)
        self._update(len(rows) == PAGE)

    def _next_page(self, rows: list) -> None:
        self.model.append_rows(rows)
        self._update(len(rows) == PAGE)

    def _update(self, more: bool) -> None:
        self.count.setText(
            ngettext("{n} entry shown", "{n} entries shown", self.model.rowCount()).format(
                n=self.model.rowCount()
            )
        )
        self.more.setEnabled(more)
