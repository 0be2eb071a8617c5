"""Ochrona danych: the main window's data-protection screen (``RodoScreen(ctx)``).

One tab per part of the life of a case under RODO: cases due for the archive, erasures and
their confirmations, a person's own data and corrections, the audit log, the register and the
coordinator's basis.  Each tab calls the existing use cases only; it loads when first shown.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.i18n import _
from app.ui.context import AppContext
from app.ui.kit.widgets import label
from app.ui.rodo.archive_tab import ArchiveTab
from app.ui.rodo.audit_tab import AuditTab
from app.ui.rodo.erasure_tab import ErasureTab
from app.ui.rodo.person_tab import PersonTab
from app.ui.rodo.register_tab import RegisterTab


class RodoScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.archive = ArchiveTab(ctx)
        self.erasures = ErasureTab(ctx)
        self.person = PersonTab(ctx)
        self.audit = AuditTab(ctx)
        self.register = RegisterTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.archive, _("Due for the &archive"))
        self.tabs.addTab(self.erasures, _("&Erasures"))
        self.tabs.addTab(self.person, _("A person's &data"))
        self.tabs.addTab(self.audit, _("Audit &log"))
        self.tabs.addTab(self.register, _("&Register and basis"))
        self.tabs.currentChanged.connect(lambda _i: self._refresh_current())
        layout = QVBoxLayout(self)
        layout.addWidget(label(_("Data protection (RODO)"), "heading"))
        layout.addWidget(self.tabs, 1)
        self._refresh_current()

    def screen_shown(self) -> None:
        self._refresh_current()

    def _refresh_current(self) -> None:
        current = self.tabs.currentWidget()
        refresh = getattr(current, "refresh", None)
        if refresh is not None:
            refresh()
