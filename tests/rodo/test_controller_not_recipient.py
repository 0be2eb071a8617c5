"""The centre that runs the installation is the controller of the family's data, never its
recipient (art. 4 pt 9 RODO: a recipient is someone the controller discloses data to).

Seen in the GUI walk: the consent form offered GOPS Narewka itself among the institutions to tick,
the printed consent silently left it out, and the art. 30 register then listed the centre as a
recipient of its own data.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.errors import ValidationError
from app.models import Consent, ConsentRecipient
from app.services import consents, controller, registry
from app.services.rodo import register
from tests.factories import make_full_case


def _home(ws) -> str:
    with ws.transaction() as s:
        home = controller.home_id(s)
    assert home
    return home


def test_a_consent_naming_the_centre_itself_is_refused_and_nothing_is_written(ws):
    case = make_full_case(ws)
    with ws.transaction() as s:
        before = s.scalar(select(func.count()).select_from(ConsentRecipient))
        consents_before = s.scalar(select(func.count()).select_from(Consent))
    pup = next(i.id for i in registry.list_institutions(ws) if i.id != _home(ws))
    data = consents.ConsentInput(
        signed_on=date.today(),
        person_id=case.mother_id,
        scope="Dane do IPW",
        institution_ids=[pup, _home(ws)],
    )
    with pytest.raises(ValidationError) as refused:
        consents.save_consent(ws, case.family_id, data)
    assert refused.value.field == "institution_ids"
    assert "administrator" in refused.value.message
    with ws.transaction() as s:
        assert s.scalar(select(func.count()).select_from(ConsentRecipient)) == before
        assert s.scalar(select(func.count()).select_from(Consent)) == consents_before


def test_the_register_never_lists_the_centre_among_the_recipients(ws):
    """Consents saved before the rule (or a demo database) may still name the centre."""
    case = make_full_case(ws)
    home = _home(ws)
    with ws.transaction() as s:
        consent_id = s.scalars(select(Consent.id).where(Consent.family_id == case.family_id)).one()
        s.add(ConsentRecipient(consent_id=consent_id, institution_id=home))
    entry = register.collect(ws)
    assert not [r for r in entry.recipients if r.startswith(entry.controller)]
    assert any("consent" in r or "zgod" in r for r in entry.recipients)  # the partners stay
