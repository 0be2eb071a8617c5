"""Historia: this case's audit events (views, changes, prints), newest first, in pages."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from app.i18n import N_, _
from app.services.casefile import FamilyFile
from app.services.lookups import Lookups
from app.ui.family.tab_base import FamilyHost, FamilyTab
from app.ui.registry.audit_log_view import AuditLogView


class HistoryTab(FamilyTab):
    title = N_("&History")

    def __init__(self, host: FamilyHost) -> None:
        super().__init__(host)
        self.view = AuditLogView(
            self.ctx,
            self.family_id,
            table_name=_("History of this case"),
            hint=_(
                "Every view, change and print of this case is recorded "
                "(RODO). The record shows who and when, never the data."
            ),
        )
        self.model, self.table = self.view.model, self.view.table
        QVBoxLayout(self).addWidget(self.view)

    def show_file(self, ff: FamilyFile, lookups: Lookups) -> None:
        self.view.refresh()
