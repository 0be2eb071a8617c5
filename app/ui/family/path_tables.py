"""The lists of the case path tab: referrals, diagnostic workshops, IPW closures, handovers."""

from __future__ import annotations

from typing import Any

from app.i18n import N_, _
from app.models import DiagnosticWorkshop, FamilyTransfer, PlanClosure, Referral
from app.models.enums import PlanOutcome, ReferralDecision, TransferKind
from app.ui.kit.form_kit import fmt_date
from app.ui.kit.record_table_model import Column, RecordTableModel, iso


def _label(enum: Any, code: str) -> str:
    try:
        return enum(code).label
    except ValueError:
        return code


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


class ReferralsTableModel(RecordTableModel[Referral]):
    COLUMNS = (
        Column(N_("Date"), lambda r: fmt_date(r.referred_on), sort=lambda r: iso(r.referred_on)),
        Column(N_("Institution"), lambda r: r.institution.display_name if r.institution else ""),
        Column(N_("Referred by"), lambda r: r.referrer_name),
        Column(N_("Consent"), lambda r: _yes_no(r.consent_given)),
        Column(N_("Decision"), lambda r: _label(ReferralDecision, r.decision)),
    )


class WorkshopsTableModel(RecordTableModel[DiagnosticWorkshop]):
    COLUMNS = (
        Column(N_("Date"), lambda w: fmt_date(w.held_on), sort=lambda w: iso(w.held_on)),
        Column(N_("Place"), lambda w: w.place),
        Column(N_("Moderator"), lambda w: w.moderator),
        Column(
            N_("Present"),
            lambda w: str(len(w.participants)),
            sort=lambda w: len(w.participants),
            right=True,
        ),
    )


class ClosuresTableModel(RecordTableModel[tuple[PlanClosure, str]]):
    """Rows are (closure, programme label)."""

    COLUMNS = (
        Column(
            N_("Closed on"), lambda r: fmt_date(r[0].closed_on), sort=lambda r: iso(r[0].closed_on)
        ),
        Column(N_("Programme"), lambda r: r[1]),
        Column(N_("Outcome"), lambda r: _label(PlanOutcome, r[0].outcome)),
        Column(N_("Summary talk"), lambda r: fmt_date(r[0].talk_on)),
    )


class TransfersTableModel(RecordTableModel[FamilyTransfer]):
    COLUMNS = (
        Column(
            N_("Date"), lambda t: fmt_date(t.transferred_on), sort=lambda t: iso(t.transferred_on)
        ),
        Column(N_("Kind"), lambda t: _label(TransferKind, t.kind)),
        Column(N_("From gmina"), lambda t: t.from_gmina_code),
        Column(N_("To gmina"), lambda t: t.to_gmina_code or "—"),
        Column(N_("Former case number"), lambda t: t.from_case_number),
    )
