"""A person named on a family's record (the consent's signer, the referral's consenting person,
a commitment's person) must be a member of *that* family: one rule (``common.family_member``),
the same refusal naming the field, and nothing written."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.errors import ValidationError
from app.models import Commitment, Consent, Referral
from app.services import consents, plans, referrals


def _count(ws, model) -> int:
    with ws.transaction() as s:
        return s.scalar(select(func.count()).select_from(model))


def _consent(ws, case, person_id):
    data = consents.ConsentInput(
        signed_on=date.today(),
        person_id=person_id,
        scope="dane niezbędne do realizacji IPW",
        institution_ids=list(case.institution_ids.values())[:1],
    )
    return consents.save_consent(ws, case.family_id, data)


def _referral(ws, case, person_id):
    data = referrals.ReferralInput(
        referred_on=date.today(),
        institution_id=next(iter(case.institution_ids.values())),
        reason="szkoła zgłasza nieobecności dziecka",
        consent_given=True,
        consent_on=date.today(),
        consent_person_id=person_id,
    )
    return referrals.save_referral(ws, case.family_id, data)


def _commitment(ws, case, person_id):
    data = plans.CommitmentInput("Codzienne odprowadzanie dziecka do szkoły", person_id=person_id)
    return plans.save_commitment(ws, case.plan_id, data)


SAVES = [
    (_consent, Consent, "person_id"),
    (_referral, Referral, "consent_person_id"),
    (_commitment, Commitment, "person_id"),
]


@pytest.mark.parametrize(("save", "model", "field"), SAVES)
def test_a_member_of_another_family_is_refused(ws, family_case, stranger, save, model, field):
    before = _count(ws, model)
    with pytest.raises(ValidationError) as err:
        save(ws, family_case, stranger)
    assert err.value.field == field
    assert err.value.message == "Ta osoba nie jest członkiem rodziny."
    assert _count(ws, model) == before


@pytest.mark.parametrize(("save", "model", "field"), SAVES)
def test_a_member_of_the_family_is_accepted(ws, family_case, save, model, field):
    saved = save(ws, family_case, family_case.mother_id)
    assert getattr(saved, field) == family_case.mother_id
