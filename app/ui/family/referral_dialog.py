"""Zgłoszenie: a partner institution refers the family (or the person) to the team; the team's
decision whether it qualifies, with its reason.  Both call ``app.services.referrals``."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QCheckBox, QFormLayout, QWidget

from app.i18n import _
from app.models import Person, Referral
from app.models.enums import ReferralDecision
from app.services import referrals, subject_words
from app.services.consents import may_sign
from app.services.form_keys import FormKey
from app.services.lookups import Lookups
from app.ui.context import AppContext
from app.ui.family.case_record_dialog import CaseRecordDialog
from app.ui.kit.date_field import form_day
from app.ui.kit.form_kit import (
    ChoiceCombo,
    DateEdit,
    OptionalDateEdit,
    buddy_label,
    hint_label,
    line_edit,
    text_edit,
)
from app.ui.kit.record_dialog import Submit
from app.ui.kit.screen_fit import resize_to_fit


class ReferralDialog(CaseRecordDialog):
    """The referral card: who refers, why, and the consent to being referred."""

    def __init__(
        self,
        ctx: AppContext,
        family_id: str,
        case_number: str,
        subject_kind: str,
        members: list[Person],
        lookups: Lookups,
        referral: Referral | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx,
            FormKey("referral", family_id, record_id=referral.id if referral else "new"),
            case_number,
            (_("Referral"), _("New referral")),
            parent,
        )
        self.family_id, self.referral = family_id, referral
        b = self.binding
        self.referred_on = b.add("referred_on", DateEdit())
        self.institution = b.add("institution_id", ChoiceCombo())
        self.institution.set_choices(lookups.institution_choices(), empty=_("— choose —"))
        self.referrer_name = b.add("referrer_name", line_edit(200))
        self.referrer_function = b.add("referrer_function", line_edit(200))
        self.referrer_function.setPlaceholderText(_("e.g. school pedagogue, district officer"))
        self.reason = b.add("reason", text_edit(5))
        self.reason.setPlaceholderText(_("what the institution saw and why it refers"))
        self.consent_given = b.add(
            "consent_given", QCheckBox(subject_words.consent_box(subject_kind))
        )
        self.consent_on = b.add("consent_on", OptionalDateEdit())
        self.consent_person = b.add("consent_person_id", ChoiceCombo())
        signers = [p for p in members if may_sign(p, date.today())]
        self.consent_person.set_choices(
            [(p.id, p.full_name) for p in signers], empty=_("— not given —")
        )
        form = QWidget()
        f = QFormLayout(form)
        f.addRow(buddy_label(_("&Referred on:"), self.referred_on), self.referred_on)
        f.addRow(buddy_label(_("Referring &institution:"), self.institution), self.institution)
        f.addRow(buddy_label(_("Referred &by:"), self.referrer_name), self.referrer_name)
        f.addRow(buddy_label(_("&Function:"), self.referrer_function), self.referrer_function)
        f.addRow(buddy_label(_("Reaso&n:"), self.reason), self.reason)
        f.addRow(self.consent_given)
        f.addRow(buddy_label(_("&Consent given on:"), self.consent_on), self.consent_on)
        f.addRow(buddy_label(_("Consent given b&y:"), self.consent_person), self.consent_person)
        f.addRow(hint_label(_("Without this consent the team cannot qualify the referral.")))
        values: dict[str, Any] = {}
        if referral is not None:
            values = {
                "referred_on": referral.referred_on.isoformat(),
                "institution_id": referral.institution_id,
                "referrer_name": referral.referrer_name,
                "referrer_function": referral.referrer_function,
                "reason": referral.reason,
                "consent_given": referral.consent_given,
                "consent_on": referral.consent_on,
                "consent_person_id": referral.consent_person_id or "",
            }
        self.finish_setup(form, values)
        resize_to_fit(self, 680, 600)

    def submit(self) -> Submit:
        v = self.binding.values()
        data = referrals.ReferralInput(
            referred_on=date.fromisoformat(v["referred_on"]),
            institution_id=v["institution_id"],
            reason=v["reason"],
            referrer_name=v["referrer_name"],
            referrer_function=v["referrer_function"],
            consent_given=bool(v["consent_given"]),
            consent_on=form_day(v["consent_on"]),
            consent_person_id=v["consent_person_id"] or None,
            team_id=self.referral.team_id if self.referral else None,
        )
        referral_id = self.referral.id if self.referral else None
        return referrals.save_referral, (self.ctx.ws, self.family_id, data, referral_id)


class DecisionDialog(CaseRecordDialog):
    """The team qualifies the referral or not, always with the reason."""

    def __init__(
        self,
        ctx: AppContext,
        family_id: str,
        case_number: str,
        referral: Referral,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx,
            FormKey("decision", family_id, record_id=referral.id),
            case_number,
            (_("Decision of the team"), _("Decision of the team")),
            parent,
        )
        self.referral = referral
        b = self.binding
        self.decision = b.add("decision", ChoiceCombo())
        self.decision.set_choices(
            [
                (code, text)
                for code, text in ReferralDecision.choices()
                if code != ReferralDecision.PENDING
            ]
        )
        self.decided_on = b.add("decided_on", DateEdit())
        self.reason = b.add("reason", text_edit(5))
        form = QWidget()
        f = QFormLayout(form)
        f.addRow(buddy_label(_("&Decision:"), self.decision), self.decision)
        f.addRow(buddy_label(_("Decided &on:"), self.decided_on), self.decided_on)
        f.addRow(buddy_label(_("&Reason:"), self.reason), self.reason)
        values: dict[str, Any] = {}
        if referral.decision != ReferralDecision.PENDING:
            values = {
                "decision": referral.decision,
                "decided_on": referral.decided_on,
                "reason": referral.decision_reason,
            }
        self.finish_setup(form, values)
        resize_to_fit(self, 560, 360)

    def submit(self) -> Submit:
        v = self.binding.values()
        data = referrals.DecisionInput(
            decision=v["decision"],
            decided_on=date.fromisoformat(v["decided_on"]),
            reason=v["reason"],
            meeting_id=self.referral.meeting_id,
        )
        return referrals.decide_referral, (self.ctx.ws, self.referral.id, data)
