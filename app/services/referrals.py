"""Zgłoszenie: a partner institution refers a person or family to the team, which qualifies it.

Any partner institution (school, PUP, police, health care) can refer; the referral records who
refers and why, and the consent of the family (or the person) to being referred.  Without that
consent the team cannot qualify the referral.  The decision (qualified or not) always carries a
reason, so the family and the referring institution can be told why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.errors import ValidationError
from app.i18n import _
from app.models import CooperationTeam, Family, Institution, Referral, TeamMeeting
from app.models.enums import ReferralDecision
from app.services import audit
from app.services.common import apply, family_member, get_live, upsert
from app.services.validation import check_choice, check_length, require_text
from app.services.workspace import Workspace

MAX_TEXT = 20_000


@dataclass
class ReferralInput:
    referred_on: date
    institution_id: str
    reason: str
    referrer_name: str = ""
    referrer_function: str = ""
    consent_given: bool = False
    consent_on: date | None = None
    consent_person_id: str | None = None
    team_id: str | None = None


def save_referral(
    ws: Workspace, family_id: str, data: ReferralInput, referral_id: str | None = None
) -> Referral:
    with ws.transaction() as s:
        family = get_live(s, Family, family_id)
        if not data.institution_id:
            raise ValidationError(_("Choose the referring institution."), "institution_id")
        get_live(s, Institution, data.institution_id)
        if data.team_id:
            get_live(s, CooperationTeam, data.team_id)
        if data.referred_on > date.today():
            raise ValidationError(_("The referral date is in the future."), "referred_on")
        family_member(s, family.id, data.consent_person_id, "consent_person_id")
        consent_on = data.consent_on if data.consent_given else None
        if data.consent_given and consent_on is None:
            consent_on = data.referred_on
        if consent_on is not None and consent_on > date.today():
            raise ValidationError(_("The consent date is in the future."), "consent_on")
        fields = {
            "referred_on": data.referred_on,
            "institution_id": data.institution_id,
            "reason": require_text(data.reason, "reason", _("Reason for the referral"), MAX_TEXT),
            "referrer_name": check_length(
                data.referrer_name, "referrer_name", _("Referred by"), 200
            ),
            "referrer_function": check_length(
                data.referrer_function, "referrer_function", _("Function"), 200
            ),
            "consent_given": bool(data.consent_given),
            "consent_on": consent_on,
            "consent_person_id": (data.consent_person_id or None) if data.consent_given else None,
            "team_id": data.team_id or None,
        }
        if referral_id:
            current = get_live(s, Referral, referral_id)
            if current.family_id != family.id:
                raise ValidationError(_("The referral belongs to another family."), "family_id")
            if current.decision == ReferralDecision.QUALIFIED and not data.consent_given:
                raise ValidationError(
                    _("A qualified referral keeps the consent it was qualified on."),
                    "consent_given",
                )
        referral, changed = upsert(s, Referral, referral_id, fields, family_id=family.id)
        if changed:
            audit.record_save(s, referral_id, "referral", referral.id, family.id)
        return referral


@dataclass
class DecisionInput:
    decision: str  # ReferralDecision.QUALIFIED or NOT_QUALIFIED
    decided_on: date
    reason: str
    meeting_id: str | None = None


def decide_referral(ws: Workspace, referral_id: str, data: DecisionInput) -> Referral:
    """The team's qualification decision, with its reason (and the meeting that took it)."""
    check_choice(data.decision, ReferralDecision, "decision", _("Decision"))
    if data.decision == ReferralDecision.PENDING:
        raise ValidationError(_("Choose whether the referral is qualified."), "decision")
    with ws.transaction() as s:
        referral = get_live(s, Referral, referral_id)
        if data.decided_on < referral.referred_on:
            raise ValidationError(_("The decision cannot come before the referral."), "decided_on")
        if data.decided_on > date.today():
            raise ValidationError(_("The decision date is in the future."), "decided_on")
        if data.decision == ReferralDecision.QUALIFIED and not referral.consent_given:
            raise ValidationError(
                _("Without the family's consent to the referral it cannot be qualified."),
                "decision",
            )
        if data.meeting_id:
            meeting = get_live(s, TeamMeeting, data.meeting_id)
            if referral.team_id and meeting.team_id != referral.team_id:
                raise ValidationError(_("The meeting belongs to another team."), "meeting_id")
        changed = apply(
            referral,
            decision=data.decision,
            decided_on=data.decided_on,
            decision_reason=require_text(
                data.reason, "reason", _("Reason for the decision"), MAX_TEXT
            ),
            meeting_id=data.meeting_id or None,
        )
        if changed:
            audit.record(
                s, "update", "referral", referral.id, referral.family_id, detail=data.decision
            )
        return referral


def list_referrals(
    ws: Workspace,
    family_id: str | None = None,
    decision: str | None = None,
    team_id: str | None = None,
) -> list[Referral]:
    with ws.transaction() as s:
        q = select(Referral).where(Referral.deleted.is_(False))
        if family_id:
            q = q.where(Referral.family_id == family_id)
        if decision:
            check_choice(decision, ReferralDecision, "decision", _("Decision"))
            q = q.where(Referral.decision == decision)
        if team_id:
            q = q.where(Referral.team_id == team_id)
        rows = list(s.scalars(q.order_by(Referral.referred_on, Referral.id)))
        for r in rows:
            _unused = (r.institution, r.consent_person)
        return rows


def get_referral(ws: Workspace, referral_id: str) -> Referral:
    with ws.transaction() as s:
        r = get_live(s, Referral, referral_id)
        _unused = (r.institution, r.consent_person)
        audit.record(s, "view", "referral", r.id, r.family_id)
        return r
