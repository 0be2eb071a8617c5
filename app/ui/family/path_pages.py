"""The pages of the case path tab: Zgłoszenia, Warsztaty, Zamknięcie, Przekazanie.

Each lists the case's records of one step and opens its dialogs; every change goes through the
step's service (``referrals``, ``workshops``, ``closure``, ``handover``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton

from app.i18n import _
from app.models import DiagnosticWorkshop, FamilyTransfer, PlanClosure, Referral
from app.models.enums import FamilyStatus, ParticipantKind, PlanOutcome, ReferralDecision
from app.services import closure
from app.services.casefile import FamilyFile
from app.services.form_keys import FormKey
from app.services.lookups import Lookups
from app.ui.family.closure_dialogs import ClosePlanDialog, ReopenDialog, plan_label
from app.ui.family.handover_dialogs import ExportDialog, TransferDialog
from app.ui.family.list_tab import ListTab
from app.ui.family.path_tables import (
    ClosuresTableModel,
    ReferralsTableModel,
    TransfersTableModel,
    WorkshopsTableModel,
)
from app.ui.family.referral_dialog import DecisionDialog, ReferralDialog
from app.ui.family.tab_base import FamilyHost
from app.ui.family.workshop_dialog import LinkDiagnosisDialog, WorkshopDialog
from app.ui.kit.form_kit import fit_columns, fmt_date
from app.ui.kit.print_menu import print_button
from app.ui.kit.record_table_model import R, RecordTableModel


def pilot_ids(family_id: str, **ids: str) -> dict[str, Any]:
    """The print preview's ids for one of the case path's documents (the printing package is
    imported only when a document is printed, as everywhere in the GUI)."""
    from app.printing.pilot_docs import Ids

    return {"family_id": family_id, "pilot": Ids(family_id, **ids)}


def _label(enum: Any, code: str) -> str:
    try:
        return enum(code).label
    except ValueError:
        return code


class PathPage(ListTab[R]):
    """A page of the case path: the case file it shows and how to reopen its drafts."""

    kinds: tuple[str, ...] = ()

    def __init__(
        self, host: FamilyHost, model: RecordTableModel[R], name: str, details: str
    ) -> None:
        super().__init__(host, model, name, details, stretch=1)
        self.file: FamilyFile | None = None
        self.table.activated.connect(lambda _i: self.edit(self.current()))

    @property
    def subject_kind(self) -> str:
        return self.file.family.subject_kind if self.file else "family"

    def show_file(self, ff: FamilyFile, lookups: Lookups) -> None:
        self.file = ff
        self.model.set_rows(self.rows(ff))
        fit_columns(self.table)
        self.select_first()
        self.update_buttons()

    def rows(self, ff: FamilyFile) -> list[R]:
        raise NotImplementedError

    def update_buttons(self) -> None:
        """Enable what the case allows now (subclasses)."""

    def edit(self, record: R | None) -> None:
        """Open the page's main dialog for ``record`` (None: a new one)."""

    def done(self, result: Any) -> None:
        if result is not None:
            self.host.reload()

    def open_draft(self, form_key: str) -> bool:
        key = FormKey.parse(form_key)
        if key is None or key.kind not in self.kinds:
            return False
        self.open_kind(key)
        return True

    def open_kind(self, key: FormKey) -> None:
        self.edit(self.model.row_with_id(key.record_id))


class ReferralsPage(PathPage[Referral]):
    kinds = ("referral", "decision")

    def __init__(self, host: FamilyHost) -> None:
        super().__init__(host, ReferralsTableModel(), _("Referrals"), _("Selected referral"))
        add = QPushButton(_("&New referral…"))
        edit = QPushButton(_("&Edit…"))
        self.decide_button = QPushButton(_("&Qualify…"))
        self.add_buttons(
            add,
            edit,
            self.decide_button,
            print_button(self, self.ctx, ["referral"], self._print_ids),
        )
        add.clicked.connect(lambda: self.edit(None))
        edit.clicked.connect(lambda: self.edit(self.current()))
        self.decide_button.clicked.connect(lambda: self.decide(self.current()))

    def rows(self, ff: FamilyFile) -> list[Referral]:
        return list(ff.referrals)

    def _print_ids(self) -> dict[str, Any] | None:
        r = self.current()
        if r is None:
            return None
        return pilot_ids(self.family_id, referral_id=r.id)

    def describe(self, r: Referral) -> str:
        who = ", ".join(x for x in (r.referrer_name, r.referrer_function) if x)
        lines = [
            _("Referred on {date} by {institution}").format(
                date=fmt_date(r.referred_on),
                institution=r.institution.display_name if r.institution else "",
            )
            + (f" ({who})" if who else ""),
            _("Consent to the referral: {answer}").format(
                answer=fmt_date(r.consent_on) if r.consent_given else _("not given")
            ),
            _("Decision: {decision}").format(decision=_label(ReferralDecision, r.decision))
            + (f" ({fmt_date(r.decided_on)})" if r.decided_on else ""),
            "",
            r.reason,
        ]
        if r.decision_reason:
            lines += ["", _("Reason for the decision: {text}").format(text=r.decision_reason)]
        return "\n".join(lines)

    def show_details(self) -> None:
        super().show_details()
        self.decide_button.setEnabled(self.current() is not None)

    def edit(self, referral: Referral | None) -> None:
        if self.file is None:
            return
        self.done(
            ReferralDialog.ask(
                self,
                self.ctx,
                self.family_id,
                self.host.case_label(),
                self.subject_kind,
                list(self.file.persons),
                self.host.lookups,
                referral,
            )
        )

    def decide(self, referral: Referral | None) -> None:
        if referral is not None:
            self.done(
                DecisionDialog.ask(self, self.ctx, self.family_id, self.host.case_label(), referral)
            )

    def open_kind(self, key: FormKey) -> None:
        referral = self.model.row_with_id(key.record_id)
        if key.kind == "decision":
            self.decide(referral)
        else:
            self.edit(referral)


class WorkshopsPage(PathPage[DiagnosticWorkshop]):
    kinds = ("workshop", "workshop_link")

    def __init__(self, host: FamilyHost) -> None:
        super().__init__(
            host, WorkshopsTableModel(), _("Diagnostic workshops"), _("Selected workshop")
        )
        add = QPushButton(_("&New workshop…"))
        edit = QPushButton(_("&Edit…"))
        self.link_button = QPushButton(_("&Diagnosis from it…"))
        self.add_buttons(
            add, edit, self.link_button, print_button(self, self.ctx, ["workshop"], self._print_ids)
        )
        add.clicked.connect(lambda: self.edit(None))
        edit.clicked.connect(lambda: self.edit(self.current()))
        self.link_button.clicked.connect(lambda: self.link(self.current()))

    def rows(self, ff: FamilyFile) -> list[DiagnosticWorkshop]:
        return list(ff.workshops)

    def _print_ids(self) -> dict[str, Any] | None:
        w = self.current()
        if w is None:
            return None
        return pilot_ids(self.family_id, workshop_id=w.id)

    def describe(self, w: DiagnosticWorkshop) -> str:
        lines = [
            " – ".join(x for x in (fmt_date(w.held_on), w.place) if x),
            _("Moderator: {name}").format(name=w.moderator) if w.moderator else "",
        ]
        made = [d for d in (self.file.diagnoses if self.file else []) if d.workshop_id == w.id]
        if made:
            lines.append(_("Diagnosis made here: {date}").format(date=fmt_date(made[0].made_on)))
        lines += ["", _("Present:")]
        for p in w.participants:
            if p.kind == ParticipantKind.INSTITUTION:
                name = p.institution.display_name if p.institution else ""
            elif p.kind == ParticipantKind.FAMILY:
                name = p.person.full_name if p.person else ""
            else:
                name = p.name
            lines.append("  • " + name + (f" ({p.role})" if p.role else ""))
        if w.agreed:
            lines += ["", _("What was agreed:"), w.agreed]
        return "\n".join(x for x in lines if x is not None)

    def show_details(self) -> None:
        super().show_details()
        has_diagnosis = bool(self.file and self.file.diagnoses)
        self.link_button.setEnabled(self.current() is not None and has_diagnosis)

    def edit(self, workshop: DiagnosticWorkshop | None) -> None:
        if self.file is None:
            return
        self.done(
            WorkshopDialog.ask(
                self,
                self.ctx,
                self.family_id,
                self.host.case_label(),
                self.file,
                self.host.lookups,
                workshop,
            )
        )

    def link(self, workshop: DiagnosticWorkshop | None) -> None:
        if workshop is not None and self.file is not None:
            self.done(
                LinkDiagnosisDialog.ask(
                    self, self.ctx, self.family_id, self.host.case_label(), self.file, workshop
                )
            )

    def open_kind(self, key: FormKey) -> None:
        workshop = self.model.row_with_id(key.record_id)
        if key.kind == "workshop_link":
            self.link(workshop)
        else:
            self.edit(workshop)


class ClosuresPage(PathPage[tuple[PlanClosure, str]]):
    kinds = ("closure", "reopen")

    def __init__(self, host: FamilyHost) -> None:
        super().__init__(host, ClosuresTableModel(), _("Closed programmes"), _("Selected closure"))
        self.close_button = QPushButton(_("&Close a programme…"))
        self.reopen_button = QPushButton(_("&Reopen as a new programme…"))
        self.add_buttons(
            self.close_button,
            self.reopen_button,
            print_button(self, self.ctx, ["closing"], self._print_ids),
        )
        self.close_button.clicked.connect(lambda: self.edit(None))
        self.reopen_button.clicked.connect(self.reopen)

    def rows(self, ff: FamilyFile) -> list[tuple[PlanClosure, str]]:
        labels = {p.id: plan_label(p) for p in ff.plans}
        return [(c, labels.get(c.plan_id, "")) for c in ff.closures]

    def _print_ids(self) -> dict[str, Any] | None:
        row = self.current()
        if row is None:
            return None
        return pilot_ids(self.family_id, plan_id=row[0].plan_id)

    def describe(self, row: tuple[PlanClosure, str]) -> str:
        c, plan = row
        lines = [
            plan,
            _("Closed on {date}: {outcome}").format(
                date=fmt_date(c.closed_on), outcome=_label(PlanOutcome, c.outcome)
            ),
            "",
            c.reason,
        ]
        if c.talk_on or c.talk_summary:
            lines += ["", _("Summary talk {date}").format(date=fmt_date(c.talk_on))]
            lines += [x for x in (c.talk_present, c.talk_summary) if x]
        return "\n".join(lines)

    def update_buttons(self) -> None:
        ff = self.file
        self.close_button.setEnabled(bool(ff and closure.open_plans(ff.plans)))
        self.reopen_button.setEnabled(bool(ff and ff.family.status == FamilyStatus.CLOSED))

    def edit(self, _record: Any) -> None:
        ff = self.file
        if ff is None or not closure.open_plans(ff.plans):
            return
        self.done(
            ClosePlanDialog.ask(
                self,
                self.ctx,
                self.family_id,
                self.host.case_label(),
                self.subject_kind,
                list(ff.plans),
            )
        )

    def reopen(self) -> None:
        self.done(ReopenDialog.ask(self, self.ctx, self.family_id, self.host.case_label()))

    def open_kind(self, key: FormKey) -> None:
        if key.kind == "reopen":
            self.reopen()
        else:
            self.edit(None)


class HandoverPage(PathPage[FamilyTransfer]):
    kinds = ("transfer", "handover_export")

    def __init__(self, host: FamilyHost) -> None:
        super().__init__(host, TransfersTableModel(), _("Handovers"), _("Selected handover"))
        self.move_button = QPushButton(_("Hand over to another &gmina…"))
        self.export_button = QPushButton(_("Moving &out of the powiat…"))
        self.add_buttons(self.move_button, self.export_button)
        self.move_button.clicked.connect(self.hand_over)
        self.export_button.clicked.connect(self.export)

    def rows(self, ff: FamilyFile) -> list[FamilyTransfer]:
        return list(ff.transfers)

    def describe(self, t: FamilyTransfer) -> str:
        return t.note

    def update_buttons(self) -> None:
        ws = self.ctx.ws if self.ctx.is_unlocked else None
        self.move_button.setVisible(bool(ws and ws.is_coordinator))
        trace = bool(self.file and self.file.is_handover_trace)
        self.move_button.setEnabled(not trace)
        self.export_button.setEnabled(not trace)

    def hand_over(self) -> None:
        if self.file is None:
            return
        self.done(
            TransferDialog.ask(
                self,
                self.ctx,
                self.family_id,
                self.host.case_label(),
                self.host.lookups.gminas,
                self.file.family.gmina_code,
            )
        )

    def export(self) -> None:
        self.done(ExportDialog.ask(self, self.ctx, self.family_id, self.host.case_label()))

    def open_kind(self, key: FormKey) -> None:
        if key.kind == "transfer":
            self.hand_over()
        else:
            self.export()
