"""A consent is signed by an adult and says what it covers: the rules in the core service, so
the GUI, ``load`` and sync refuse the same things."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.errors import ValidationError
from app.models import Person
from app.services import consents


def _consent(case, **changes) -> consents.ConsentInput:
    base = {
        "signed_on": date.today(),
        "person_id": case.mother_id,
        "scope": "dane niezbędne do realizacji IPW",
        "institution_ids": list(case.institution_ids.values())[:1],
    }
    return consents.ConsentInput(**{**base, **changes})


def test_a_child_cannot_sign_a_consent(ws, family_case):
    with pytest.raises(ValidationError) as err:
        consents.save_consent(
            ws, family_case.family_id, _consent(family_case, person_id=family_case.child_id)
        )
    assert err.value.field == "person_id" and "pełnoletni" in err.value.message


@pytest.mark.parametrize("scope", ["", "   \n"])
def test_a_consent_without_a_scope_is_refused(ws, family_case, scope):
    with pytest.raises(ValidationError) as err:
        consents.save_consent(ws, family_case.family_id, _consent(family_case, scope=scope))
    assert err.value.field == "scope"


def test_an_adult_signs_with_a_scope(ws, family_case):
    saved = consents.save_consent(ws, family_case.family_id, _consent(family_case))
    assert saved.person_id == family_case.mother_id


def test_who_may_sign_is_one_rule_for_the_forms_and_the_service(ws, family_case):
    """The dialogs offer as signers exactly whom the service accepts (``may_sign``): a baby
    (age 0) is a minor too, and a member with no birth date is not barred."""
    today = date.today()
    assert consents.may_sign(Person(birth_date=date(1980, 5, 1)), today)
    assert consents.may_sign(Person(birth_date=None, pesel=""), today)
    assert not consents.may_sign(Person(birth_date=today - timedelta(days=100)), today)
    assert not consents.may_sign(Person(birth_date=date(today.year - 17, 1, 1)), today)
    assert consents.may_sign(Person(birth_date=date(today.year - 18, 1, 1)), today)
