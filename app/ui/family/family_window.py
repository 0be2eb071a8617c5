"""The family file (teczka rodziny): one case in tabs — Rodzina, Diagnoza, Program (IPW),
Monitoring, Wizyty, Zgody, Dokumenty, Ścieżka sprawy (referral, workshop, closing, handover),
Historia.

``FamilyWindow(ctx, family_id)`` can be shown on its own or embedded.  It loads the case on the
DB worker (``loaded`` fires each time it is shown), hands it to every tab and reloads after a
tab saved.  On ``ctx.events.locking`` every draft is flushed; on ``locked`` the window closes
without asking (nothing is lost: the drafts are in the database).  ``state()`` and
``restore_state()`` let the main window reopen it on the same tab after unlocking.
Keys: Ctrl+S save the tab's form, Ctrl+W close, Alt+1…9 switch tabs, Ctrl+P print menu.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.models import CooperationTeam, Institution, Service, TeamMembership
from app.models.enums import FamilyStatus
from app.services import subject_words
from app.services.casefile import FamilyFile
from app.services.changes import Changes
from app.services.form_keys import FormKey
from app.services.lookups import Lookups
from app.ui.context import AppContext
from app.ui.family import case_header
from app.ui.family.close_case_dialog import CloseCaseDialog
from app.ui.family.closure_dialogs import ReopenDialog
from app.ui.family.consents_tab import ConsentsTab
from app.ui.family.diagnosis_tab import DiagnosisTab
from app.ui.family.documents_tab import DocumentsTab
from app.ui.family.drafts_banner import DraftsBanner
from app.ui.family.family_loader import Loaded, load
from app.ui.family.history_tab import HistoryTab
from app.ui.family.household_tab import HouseholdTab
from app.ui.family.household_view import ADD_MEMBER, TEAM_TITLE
from app.ui.family.monitoring_tab import MonitoringTab
from app.ui.family.path_tab import DRAFT_KINDS as PATH_DRAFTS
from app.ui.family.path_tab import PathTab
from app.ui.family.plan_tab import PlanTab
from app.ui.family.plan_view import COMMITMENTS
from app.ui.family.tab_base import FamilyTab, TabForm
from app.ui.family.visits_tab import VisitsTab
from app.ui.kit.draft_guard import may_close
from app.ui.kit.form_kit import hint_label, refit_on_tab_change
from app.ui.kit.mnemonics import deconflict
from app.ui.kit.print_menu import KIND_LABELS, TEAM_KINDS, fill_menu, popup_at_focus
from app.ui.kit.safe import guarded, no_result
from app.ui.kit.screen_fit import resize_to_fit
from app.ui.ops import show_error

TAB_CLASSES: tuple[type[FamilyTab], ...] = (
    HouseholdTab,
    DiagnosisTab,
    PlanTab,
    MonitoringTab,
    VisitsTab,
    ConsentsTab,
    DocumentsTab,
    PathTab,
    HistoryTab,
)
# Which tab opens the form a draft key belongs to (keys are "<form>:<family id>:…").
DRAFT_OWNERS: dict[str, type[FamilyTab]] = {
    "family": HouseholdTab,
    "member": HouseholdTab,
    "team_member": HouseholdTab,
    "diagnosis": DiagnosisTab,
    "plan": PlanTab,
    "goal": PlanTab,
    "action": PlanTab,
    "commitment": PlanTab,
    "review": MonitoringTab,
    "visit": VisitsTab,
    "consent": ConsentsTab,
    "withdraw": ConsentsTab,
    "attachment": DocumentsTab,
    **dict.fromkeys(PATH_DRAFTS, PathTab),
}
# The registry rows this window's choices come from (partner institutions, services, teams).
LOOKUP_MODELS = (Institution, Service, CooperationTeam, TeamMembership)


class FamilyWindow(QMainWindow):
    loaded = Signal()

    def __init__(self, ctx: AppContext, family_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.family_id = family_id
        self.file: FamilyFile | None = None
        self.lookups = Lookups()
        self._forced = False
        self._generation = 0
        self._want_lookups = True
        self._pending_tab: int | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(_("Family file"))
        self.header = QLabel(_("Loading the case…"))
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setAccessibleName(_("Case"))
        self.trace_note = hint_label(
            _(
                "This family was handed over to another gmina; its file here is read-only "
                "(documents still open and save)."
            )
        )
        self.trace_note.hide()
        self.banner = DraftsBanner()
        self.banner.open_requested.connect(self.open_draft)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tab_pages: list[FamilyTab] = []
        for i, cls in enumerate(TAB_CLASSES):
            tab = cls(self)
            self.tab_pages.append(tab)
            self.tabs.addTab(tab, _(cls.title))
            self.tabs.setTabToolTip(i, _("Alt+{n}").format(n=i + 1))
            QShortcut(QKeySequence(f"Alt+{i + 1}"), self, lambda i=i: self.tabs.setCurrentIndex(i))
        self.tabs.setEnabled(False)
        refit_on_tab_change(self.tabs)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.header)
        layout.addWidget(self.trace_note)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._menus()
        ctx.events.locked.connect(self.close_for_lock)
        ctx.events.data_changed.connect(self._data_changed)
        restore = getattr(ctx.events, "draft_restore_requested", None)
        if restore is not None:
            restore.connect(self.restore_draft)
        self._pending_drafts: list[str] = []
        resize_to_fit(self, 1366, 768)
        self.reload(first=True)

    # -- menus and keys -----------------------------------------------------------------------
    def _menus(self) -> None:
        case = self.menuBar().addMenu(_("&Case"))
        self.save_action = case.addAction(_("&Save"))
        self.save_action.setShortcut(QKeySequence("Ctrl+S"))
        self.save_action.triggered.connect(self.save_current)
        self.print_menu = QMenu(_("&Print"), self)
        fill_menu(
            self.print_menu,
            self,
            self.ctx,
            [k for k in KIND_LABELS if k not in TEAM_KINDS],
            lambda: {"family_id": self.family_id},
        )
        case.addMenu(self.print_menu)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_here)
        case.addSeparator()
        self.close_case = case.addAction(_("Close the case…"))
        self.close_case.triggered.connect(self.close_the_case)
        # One way back for a closed case, the Model's: a new programme (the "Ścieżka" tab's
        # button opens the same dialog); a bare status flip left a case without any IPW.
        self.reopen_case = case.addAction(_("&Reopen as a new programme…"))
        self.reopen_case.triggered.connect(self.reopen_the_case)
        case.addSeparator()
        close = case.addAction(_("Close &window"))
        close.setShortcuts([QKeySequence("Ctrl+W"), QKeySequence("Ctrl+F4")])
        close.triggered.connect(no_result(self.close))

    def print_here(self) -> None:
        """Ctrl+P: the print menu at the focused control (the current tab's documents first)."""
        popup_at_focus(self, self.tabs.currentWidget(), self.print_menu)

    # -- loading ------------------------------------------------------------------------------
    def reload(self, first: bool = False) -> None:
        if not self.ctx.is_unlocked or self._forced:
            return
        self._generation += 1
        generation = self._generation
        with_lookups, self._want_lookups = self._want_lookups or first, False
        self.ctx.runner.run(
            load,
            self.ctx.ws,
            self.family_id,
            first,
            with_lookups,
            success=guarded(self, lambda result: self._loaded(result, generation)),
            failure=guarded(self, self._load_failed),
        )

    def _loaded(self, result: Loaded, generation: int) -> None:
        if generation != self._generation or self._forced:
            return
        self.file = result.file
        if result.lookups is not None:
            self.lookups = result.lookups
        self._show_header(result.file)
        self._word_for_subject(result.file.family.subject_kind)
        for tab in self.tab_pages:
            tab.show_file(result.file, self.lookups)
        self.tabs.setEnabled(True)
        self._hold_trace(result.file.is_handover_trace)
        if self._pending_tab is not None:
            self.tabs.setCurrentIndex(self._pending_tab)
            self._pending_tab = None
        self._focus_first_field()
        if result.drafts:
            shown = {form.guard.key for tab in self.tab_pages for form in tab.forms()}
            self.banner.set_drafts([d for d in result.drafts if d.form_key not in shown])
        self.loaded.emit()
        pending, self._pending_drafts = self._pending_drafts, []
        for key in pending:
            self.open_draft(key)

    def _load_failed(self, exc: BaseException) -> None:
        show_error(self, exc)
        if self.file is None:
            self._forced = True
            self.close()

    def _show_header(self, ff: FamilyFile) -> None:
        title, header = case_header.texts(ff)
        self.setWindowTitle(title)
        self.header.setText(header)
        closed = ff.family.status == FamilyStatus.CLOSED
        self.close_case.setEnabled(not closed)
        self.reopen_case.setEnabled(closed)

    def _hold_trace(self, trace: bool) -> None:
        """The old OPS's trace of a handed-over family is read-only (the service refuses
        every write): its pages are disabled, which Qt keeps for every button and field on
        them whatever a page enables later, and one line says why.  The documents still open,
        the Historia still reads, and the Ścieżka sprawy shows the handover (its own buttons
        know the trace)."""
        self.trace_note.setVisible(trace)
        for tab in self.tab_pages:
            if isinstance(tab, DocumentsTab):
                tab.read_only = trace
                tab.show_details()
            elif not isinstance(tab, (HistoryTab, PathTab)):
                tab.setEnabled(not trace)
        self.save_action.setEnabled(not trace)
        if trace:
            self.close_case.setEnabled(False)
            self.reopen_case.setEnabled(False)

    def _focus_first_field(self) -> None:
        """The tabs were disabled while loading, so Qt gave no field the focus: the first
        key a worker typed went nowhere.  The current page's first field gets it."""
        focus = self.focusWidget()
        if focus is not None and focus.isEnabled() and focus.isVisible():
            return
        page = self.tabs.currentWidget()
        if page is None:
            return
        widget = page.nextInFocusChain()
        while widget is not None and widget is not page:
            if (
                page.isAncestorOf(widget)
                and widget.isEnabled()
                and widget.isVisibleTo(self)
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and not isinstance(widget, QScrollArea)  # a frame around the fields
            ):
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
            widget = widget.nextInFocusChain()

    def _word_for_subject(self, kind: str) -> None:
        """A person alone or an older person: the tabs say so, not "Rodzina"."""
        plan = next(t for t in self.tab_pages if isinstance(t, PlanTab))
        texts = [
            (self.tabs, self.tabs.indexOf(self.tab_pages[0]), HouseholdTab.title),
            (plan.view.lists, plan.view.lists.indexOf(plan.view.commitments), COMMITMENTS),
        ]
        changed = False
        for tabs, index, msgid in texts:
            text = subject_words.about(kind, msgid)
            if tabs.tabText(index).replace("&", "") != text.replace("&", ""):
                tabs.setTabText(index, text)
                changed = True
        view = next(t for t in self.tab_pages if isinstance(t, HouseholdTab)).view
        view.team_box.setTitle(subject_words.about(kind, TEAM_TITLE))
        add = subject_words.about(kind, ADD_MEMBER)
        if view.add_member.text().replace("&", "") != add.replace("&", ""):
            view.add_member.setText(add)
            changed = True
        if changed and self.isVisible():
            deconflict(self)

    def case_label(self) -> str:
        return self.file.family.case_number if self.file else ""

    def _data_changed(self, changes: Changes) -> None:
        if changes.touches(*LOOKUP_MODELS):
            self._want_lookups = True
            self.reload()

    # -- forms, drafts, state -----------------------------------------------------------------
    def forms(self) -> list[TabForm]:
        return [form for tab in self.tab_pages for form in tab.forms()]

    def save_current(self) -> None:
        tab = self.tabs.currentWidget()
        if isinstance(tab, FamilyTab):
            tab.save()

    def restore_draft(self, form_key: str) -> None:
        """The shell asks (after unlock) to reopen the form of a draft of this family."""
        key = FormKey.parse(form_key)
        if key is None or key.family_id != self.family_id:
            return
        if self.file is None:
            self._pending_drafts.append(form_key)  # opened once the case is loaded
        else:
            self.open_draft(form_key)

    def open_draft(self, form_key: str) -> None:
        """Go to the form a draft belongs to and offer to restore it."""
        self.banner.remove(form_key)
        key = FormKey.parse(form_key)
        kind = key.kind if key is not None else ""
        if kind == "close":
            self.close_the_case()
            return
        owner = DRAFT_OWNERS.get(kind)
        for i, tab in enumerate(self.tab_pages):
            if type(tab) is owner:
                self.tabs.setCurrentIndex(i)
                tab.open_draft(form_key)
                return

    def state(self) -> dict[str, Any]:
        return {"family_id": self.family_id, "tab": self.tabs.currentIndex()}

    def restore_state(self, state: dict[str, Any]) -> None:
        tab = int(state.get("tab", 0))
        if 0 <= tab < self.tabs.count():
            if self.tabs.isEnabled():
                self.tabs.setCurrentIndex(tab)
            else:
                self._pending_tab = tab

    # -- closing ------------------------------------------------------------------------------
    def close_for_lock(self) -> None:
        """The database locked: drafts were flushed on ``locking``; close without asking."""
        self._forced = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._forced or not self.ctx.is_unlocked:
            self._forced = True
            event.accept()
            return
        if may_close(self, self.forms(), self._close_saved):
            event.accept()
        else:
            event.ignore()

    def _close_saved(self) -> None:
        """Every modified form was saved (the user chose "Save" on closing): close now."""
        self._forced = True
        self.close()

    # -- case status --------------------------------------------------------------------------
    def close_the_case(self) -> None:
        if CloseCaseDialog.ask(self, self.ctx, self.family_id, self.case_label()) is not None:
            self.reload()

    def reopen_the_case(self) -> None:
        if ReopenDialog.ask(self, self.ctx, self.family_id, self.case_label()) is not None:
            self.reload()
