"""Ścieżka sprawy: the steps of the pilots' case path around the diagnosis and the IPW — the
referral and its qualification, the diagnostic workshop, the closing of each IPW with its
outcome (and reopening), and the handover of a family that moves away.  One sub-tab each."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout

from app.i18n import N_, _
from app.services.casefile import FamilyFile
from app.services.lookups import Lookups
from app.ui.family.path_pages import (
    ClosuresPage,
    HandoverPage,
    PathPage,
    ReferralsPage,
    WorkshopsPage,
)
from app.ui.family.tab_base import FamilyHost, FamilyTab
from app.ui.kit.form_kit import refit_on_tab_change

# The draft kinds this tab's dialogs save under (the window sends such drafts here).
DRAFT_KINDS = (
    "referral",
    "decision",
    "workshop",
    "workshop_link",
    "closure",
    "reopen",
    "transfer",
    "handover_export",
)


class PathTab(FamilyTab):
    title = N_("Case pat&h")

    def __init__(self, host: FamilyHost) -> None:
        super().__init__(host)
        self.referrals = ReferralsPage(host)
        self.workshops = WorkshopsPage(host)
        self.closures = ClosuresPage(host)
        self.handover = HandoverPage(host)
        self.pages: list[PathPage] = [self.referrals, self.workshops, self.closures, self.handover]
        self.steps = QTabWidget()
        self.steps.addTab(self.referrals, _("&Referrals"))
        self.steps.addTab(self.workshops, _("Diagnostic &workshops"))
        self.steps.addTab(self.closures, _("Clos&ing"))
        self.steps.addTab(self.handover, _("Hando&ver"))
        refit_on_tab_change(self.steps)
        layout = QVBoxLayout(self)  # a handed-over family's trace: the window says it once
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.steps, 1)

    def show_file(self, ff: FamilyFile, lookups: Lookups) -> None:
        for page in self.pages:
            page.show_file(ff, lookups)

    def open_draft(self, form_key: str) -> bool:
        for i, page in enumerate(self.pages):
            if page.open_draft(form_key):
                self.steps.setCurrentIndex(i)
                return True
        return False
