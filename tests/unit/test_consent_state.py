"""Whether a consent is in force: one rule (``Consent.state_on``), shown by the consents tab."""

from __future__ import annotations

from datetime import date, timedelta

from app.models import Consent
from app.models.enums import ConsentState

DAY = date(2026, 3, 10)


def _consent(valid_until=None, withdrawn_on=None) -> Consent:
    return Consent(
        signed_on=DAY - timedelta(days=30), valid_until=valid_until, withdrawn_on=withdrawn_on
    )


def test_in_force_through_its_last_valid_day_then_expired():
    ends = _consent(valid_until=DAY)
    assert ends.state_on(DAY) is ConsentState.IN_FORCE
    assert ends.state_on(DAY + timedelta(days=1)) is ConsentState.EXPIRED
    assert _consent().state_on(DAY + timedelta(days=3650)) is ConsentState.IN_FORCE


def test_withdrawn_from_the_day_of_withdrawal_even_if_also_expired():
    both = _consent(valid_until=DAY - timedelta(days=5), withdrawn_on=DAY)
    assert both.state_on(DAY - timedelta(days=1)) is ConsentState.EXPIRED
    assert both.state_on(DAY) is ConsentState.WITHDRAWN
    assert not both.active_on(DAY)


def test_the_consents_tab_says_what_the_model_decides():
    from app.ui.family.consents_table_model import consent_state  # the tests speak Polish

    assert consent_state(_consent(valid_until=DAY), DAY) == "obowiązująca"
    assert consent_state(_consent(valid_until=DAY), DAY + timedelta(days=1)) == "wygasła"
    assert consent_state(_consent(withdrawn_on=DAY), DAY) == "wycofana 10.03.2026"
