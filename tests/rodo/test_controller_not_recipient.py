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


def test_on_the_coordinator_the_familys_ops_is_refused_and_the_pcpr_may_be_named(coordinator_ws):
    """The controller is the OPS that keeps the case (the family's gmina), not whichever centre
    runs the device: on the coordinator's laptop a consent naming the family's OPS is refused,
    and one naming the PCPR (the coordinator's basis ``consent``) is accepted.  The rule was
    "this installation's centre", so the coordinator could name the family's OPS, and could not
    save a consent that named the PCPR, the very consent an OPS's bundle brings it."""
    from app.models import Institution
    from app.services import families
    from app.services.recipient_rule import home_institution_id

    ws = coordinator_ws
    gops = home_institution_id("ops", "2005092")
    with ws.transaction() as s:  # GOPS Narewka's own record, as its first bundle brings it
        s.add(Institution(id=gops, name="GOPS w Narewce", sector_code="social_assistance"))
    fam = families.register_family(
        ws, families.FamilyInput(gmina_code="2005092", locality="Narewka", reasons=["1"])
    )
    data = consents.ConsentInput(signed_on=date.today(), scope="Dane do IPW")
    data.institution_ids = [gops]
    with pytest.raises(ValidationError) as refused:
        consents.save_consent(ws, fam.id, data)
    assert refused.value.field == "institution_ids"
    data.institution_ids = [_home(ws)]
    consent = consents.save_consent(ws, fam.id, data)
    with ws.transaction() as s:
        named = s.scalars(
            select(ConsentRecipient.institution_id).where(ConsentRecipient.consent_id == consent.id)
        ).all()
    assert named == [_home(ws)]
