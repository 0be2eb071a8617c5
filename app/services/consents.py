"""Consents to process and share a family's data with named institutions of the team."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.errors import ValidationError
from app.i18n import _
from app.models import Consent, ConsentRecipient, Family, Institution, Person
from app.services import audit, controller
from app.services.common import apply, family_member, get_live, sync_children, upsert
from app.services.date_rules import check_work_date
from app.services.signer_rule import check_signer, may_sign_at
from app.services.validation import check_length
from app.services.workspace import Workspace


def may_sign(person: Person, on: date) -> bool:
    """Whether ``person`` may sign a consent (or a referral's consent) on ``on``
    (``signer_rule``).  The forms offer as signers exactly the members this accepts;
    ``save_consent`` refuses the others."""
    return may_sign_at(person.birth_date, on)


@dataclass
class ConsentInput:
    signed_on: date
    person_id: str | None = None
    scope: str = ""
    valid_until: date | None = None
    institution_ids: list[str] = field(default_factory=list)


def save_consent(
    ws: Workspace, family_id: str, data: ConsentInput, consent_id: str | None = None
) -> Consent:
    with ws.transaction() as s:
        family = get_live(s, Family, family_id)
        check_work_date(data.signed_on, "signed_on")
        check_work_date(data.valid_until, "valid_until")
        if data.signed_on > date.today():
            raise ValidationError(_("The signature date is in the future."), "signed_on")
        if data.valid_until and data.valid_until < data.signed_on:
            raise ValidationError(_("The consent ends before it was signed."), "valid_until")
        signer = family_member(s, family.id, data.person_id, "person_id")
        if not data.institution_ids:
            raise ValidationError(
                _("Choose at least one institution the data may be shared with."),
                "institution_ids",
            )
        for iid in data.institution_ids:
            get_live(s, Institution, iid)
        controller.check_recipients(data.institution_ids, family.gmina_code, "institution_ids")
        if not (data.scope or "").strip():
            raise ValidationError(_("Say which data the consent covers (its scope)."), "scope")
        if signer is not None:
            check_signer(signer.birth_date, data.signed_on)
        fields = {
            "signed_on": data.signed_on,
            "person_id": data.person_id or None,
            "scope": check_length(data.scope, "scope", _("Scope"), 20_000),
            "valid_until": data.valid_until,
        }
        consent, changed = upsert(s, Consent, consent_id, fields, family_id=family.id)
        recipients: dict[Any, dict[str, Any]] = {iid: {} for iid in data.institution_ids}
        changed |= sync_children(
            s, ConsentRecipient.consent_id, consent.id, "institution_id", recipients
        )
        if changed:
            audit.record_save(s, consent_id, "consent", consent.id, family.id)
        return consent


def withdraw_consent(ws: Workspace, consent_id: str, on: date, note: str = "") -> Consent:
    with ws.transaction() as s:
        consent = get_live(s, Consent, consent_id)
        if on < consent.signed_on:
            raise ValidationError(_("A consent cannot be withdrawn before it was signed."), "on")
        apply(consent, withdrawn_on=on, withdrawal_note=note)
        audit.record(s, "update", "consent", consent.id, consent.family_id, detail="withdrawn")
        return consent
