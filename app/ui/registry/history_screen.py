"""Historia: the main window's "history" screen (``HistoryScreen(ctx)``), the audit log.

Every view of a case, change, print and export on this device and those synchronised with it,
newest first, loaded a page at a time.  Entries show who and when, never the data themselves.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.i18n import _
from app.ui.context import AppContext
from app.ui.registry.audit_log_view import AuditLogView


class HistoryScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view = AuditLogView(
            ctx,
            None,
            table_name=_("Audit log"),
            hint=_(
                "Who viewed, changed, printed or exported what and when (RODO accountability). "
                "The log holds no personal data and cannot be edited."
            ),
            with_refresh=True,
        )
        self.model, self.count, self.more = self.view.model, self.view.count, self.view.more
        QVBoxLayout(self).addWidget(self.view)
        self.refresh()

    def screen_shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.view.refresh()

    def load_more(self) -> None:
        self.view.load_more()
