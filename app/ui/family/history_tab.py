"""Historia: this case's audit events (views, changes, prints), newest first, in pages."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout

from app.i18n import N_, _
from app.services import audit
from app.services.casefile import FamilyFile
from app.ui.family.form_kit import fit_columns, hint_label, setup_table
from app.ui.family.lookups import Lookups
from app.ui.family.safe import guarded
from app.ui.family.tab_base import FamilyHost, FamilyTab
from app.ui.registry.audit_table_model import AuditTableModel

PAGE = 200


class HistoryTab(FamilyTab):
    title = N_("&History")

    def __init__(self, host: FamilyHost) -> None:
        super().__init__(host)
        self.model = AuditTableModel(self)
        self.table = QTableView()
        setup_table(self.table, _("History of this case"))
        self.table.setModel(self.model)
        self.more = QPushButton(_("Show &older entries"))
        self.count = QLabel()
        self.more.clicked.connect(self.load_more)
        top = QHBoxLayout()
        top.addWidget(
            hint_label(
                _(
                    "Every view, change and print of this case is recorded "
                    "(RODO). The record shows who and when, never the data."
                )
            ),
            1,
        )
        top.addWidget(self.count)
        top.addWidget(self.more)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def show_file(self, ff: FamilyFile, lookups: Lookups) -> None:
        self.ctx.runner.run(
            audit.list_events,
            self.ctx.ws,
            self.family_id,
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
                self.family_id,
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
