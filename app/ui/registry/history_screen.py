"""Historia: the main window's "history" screen (``HistoryScreen(ctx)``), the audit log.

Every view of a case, change, print and export on this device and those synchronised with it,
newest first, loaded a page at a time.  Entries show who and when, never the data themselves.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from app.i18n import _
from app.services import audit
from app.ui.context import AppContext
from app.ui.family.form_kit import fit_columns, hint_label, setup_table
from app.ui.family.safe import guarded
from app.ui.registry.audit_table_model import AuditTableModel

PAGE = 200


class HistoryScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = AuditTableModel(self)
        self.table = QTableView()
        setup_table(self.table, _("Audit log"))
        self.table.setModel(self.model)
        self.count = QLabel()
        self.refresh_button = QPushButton(_("&Refresh"))
        self.more = QPushButton(_("Show &older entries"))
        self.refresh_button.clicked.connect(self.refresh)
        self.more.clicked.connect(self.load_more)
        top = QHBoxLayout()
        top.addWidget(
            hint_label(
                _(
                    "Who viewed, changed, printed or exported what and when (RODO accountability). "
                    "The log holds no personal data and cannot be edited."
                )
            ),
            1,
        )
        top.addWidget(self.count)
        top.addWidget(self.refresh_button)
        top.addWidget(self.more)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.refresh()

    def screen_shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        if self.ctx.is_unlocked:
            self.ctx.runner.run(
                audit.list_events,
                self.ctx.ws,
                None,
                PAGE,
                0,
                success=guarded(self, self._first_page),
            )

    def _first_page(self, rows: list) -> None:
        self.model.set_rows(rows)
        fit_columns(self.table)
        self._update(len(rows) == PAGE)

    def load_more(self) -> None:
        if self.ctx.is_unlocked:
            self.ctx.runner.run(
                audit.list_events,
                self.ctx.ws,
                None,
                PAGE,
                self.model.rowCount(),
                success=guarded(self, self._next_page),
            )

    def _next_page(self, rows: list) -> None:
        self.model.append_rows(rows)
        self._update(len(rows) == PAGE)

    def _update(self, more: bool) -> None:
        self.count.setText(_("{n} entries shown").format(n=self.model.rowCount()))
        self.more.setEnabled(more)
