"""The case path: a referral from the school, the team's qualification, a diagnostic workshop
with the family, closure of the IPW with its outcome and summary talk, reopening as a new IPW."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.errors import NotFound, ValidationError
from app.models import Diagnosis, Family, SupportPlan
from app.models.enums import FamilyStatus, ParticipantKind, PlanStatus
from app.services import audit, closure, families, referrals, workshops
from tests.conftest import ops_installation_with
from tests.factories import make_full_case
from tests.pilot.helpers import make_pilot

TODAY = date.today()


@ops_installation_with
def pilot_case(ws):
    """The pilot's teams and a full case (made once per worker: tests/conftest.py)."""
    p = make_pilot(ws)
    case = make_full_case(ws)
    return p, case


def _referral(p, case, **over):
    values = dict(
        referred_on=TODAY - timedelta(days=90),
        institution_id=p.pzk["SP Narewka"],
        reason="Córka często opuszcza zajęcia; rodzina w trudnej sytuacji materialnej.",
        referrer_name="Halina Wróbel",
        referrer_function="pedagog szkolny",
        consent_given=True,
        consent_person_id=case.mother_id,
        team_id=p.pzk_id,
    )
    values.update(over)
    return referrals.ReferralInput(**values)


def test_school_refers_the_family_and_the_team_qualifies_it(ws, pilot_case):
    p, case = pilot_case
    r = referrals.save_referral(ws, case.family_id, _referral(p, case))
    assert r.decision == "pending" and r.consent_on == TODAY - timedelta(days=90)
    [listed] = referrals.list_referrals(ws, decision="pending")
    assert listed.institution.short_name == "SP Narewka"
    referrals.decide_referral(
        ws,
        r.id,
        referrals.DecisionInput(
            "qualified", TODAY - timedelta(days=80), "Problemy wielorakie; zgoda rodziny."
        ),
    )
    got = referrals.get_referral(ws, r.id)
    assert (got.decision, got.decision_reason) == (
        "qualified",
        "Problemy wielorakie; zgoda rodziny.",
    )
    assert referrals.list_referrals(ws, decision="pending") == []
    events = [(e.action, e.entity) for e in audit.list_events(ws, family_id=case.family_id)]
    assert ("create", "referral") in events and ("update", "referral") in events


def test_without_consent_a_referral_cannot_be_qualified(ws, pilot_case):
    p, case = pilot_case
    r = referrals.save_referral(ws, case.family_id, _referral(p, case, consent_given=False))
    assert r.consent_on is None and r.consent_person_id is None
    with pytest.raises(ValidationError, match="zgody"):
        referrals.decide_referral(
            ws, r.id, referrals.DecisionInput("qualified", TODAY, "Wymaga wsparcia.")
        )
    # not qualified is a decision the team can take, but never without a reason
    with pytest.raises(ValidationError):
        referrals.decide_referral(ws, r.id, referrals.DecisionInput("not_qualified", TODAY, " "))
    referrals.decide_referral(
        ws, r.id, referrals.DecisionInput("not_qualified", TODAY, "Brak zgody rodziny.")
    )
    assert referrals.get_referral(ws, r.id).decision == "not_qualified"


@pytest.mark.parametrize(
    "over",
    [
        {"reason": "   "},
        {"referred_on": TODAY + timedelta(days=1)},
        {"institution_id": "no-such-institution"},
        {"consent_on": TODAY + timedelta(days=3)},
        {"team_id": "no-such-team"},
    ],
)
def test_a_bad_referral_is_refused_and_changes_nothing(ws, pilot_case, over):
    p, case = pilot_case
    with pytest.raises((ValidationError, NotFound)):
        referrals.save_referral(ws, case.family_id, _referral(p, case, **over))
    assert referrals.list_referrals(ws) == []


def test_a_referral_names_a_member_of_its_own_family_only(ws, pilot_case):
    p, case = pilot_case
    other = families.register_family(
        ws, families.FamilyInput(gmina_code="2005092", locality="Narewka")
    )
    with pytest.raises(ValidationError, match="członkiem"):
        referrals.save_referral(ws, other.id, _referral(p, case))


def test_decision_dates_follow_the_referral(ws, pilot_case):
    p, case = pilot_case
    r = referrals.save_referral(ws, case.family_id, _referral(p, case))
    for day in (r.referred_on - timedelta(days=1), TODAY + timedelta(days=1)):
        with pytest.raises(ValidationError):
            referrals.decide_referral(ws, r.id, referrals.DecisionInput("qualified", day, "x"))
    with pytest.raises(ValidationError):
        referrals.decide_referral(ws, r.id, referrals.DecisionInput("pending", TODAY, "x"))


def _workshop(p, case, **over):
    values = dict(
        held_on=TODAY - timedelta(days=61),
        place="GOPS Narewka, sala narad",
        moderator="Anna Kowalczyk",
        agreed="Matka zarejestruje się w PUP; córka zostanie zbadana w PPP.",
        participants=[
            workshops.AttendeeInput(
                ParticipantKind.INSTITUTION, institution_id=p.pzk["PUP Hajnówka"], role="doradca"
            ),
            workshops.AttendeeInput(
                ParticipantKind.INSTITUTION, institution_id=p.pzk["SP Narewka"], role="pedagog"
            ),
            workshops.AttendeeInput(ParticipantKind.FAMILY, person_id=case.mother_id),
            workshops.AttendeeInput(ParticipantKind.FAMILY, person_id=case.father_id),
            workshops.AttendeeInput(ParticipantKind.OTHER, name="Jan Sołtys", role="sołtys"),
        ],
    )
    values.update(over)
    return workshops.WorkshopInput(**values)


def test_the_diagnosis_points_to_its_workshop(ws, pilot_case):
    p, case = pilot_case
    w = workshops.save_workshop(ws, case.family_id, _workshop(p, case))
    workshops.link_diagnosis(ws, case.diagnosis_id, w.id)
    with ws.transaction() as s:
        assert s.get(Diagnosis, case.diagnosis_id).workshop_id == w.id
    got = workshops.get_workshop(ws, w.id)
    assert [x.kind for x in got.participants] == [
        "institution",
        "institution",
        "family",
        "family",
        "other",
    ]
    assert got.participants[2].person.first_name == "Grażyna"


def test_saving_the_same_workshop_again_makes_no_new_version(ws, pilot_case):
    p, case = pilot_case
    w = workshops.save_workshop(ws, case.family_id, _workshop(p, case))
    before = [x.version for x in workshops.get_workshop(ws, w.id).participants]
    workshops.save_workshop(ws, case.family_id, _workshop(p, case), w.id)
    assert [x.version for x in workshops.get_workshop(ws, w.id).participants] == before
    fewer = _workshop(p, case)
    fewer.participants = fewer.participants[:2]
    workshops.save_workshop(ws, case.family_id, fewer, w.id)
    assert len(workshops.get_workshop(ws, w.id).participants) == 2


def test_a_workshop_refuses_other_families_members_and_dates(ws, pilot_case):
    p, case = pilot_case
    other = families.register_family(
        ws, families.FamilyInput(gmina_code="2005092", locality="Narewka")
    )
    with pytest.raises(ValidationError):
        workshops.save_workshop(ws, other.id, _workshop(p, case))  # members of another family
    with pytest.raises(ValidationError):
        workshops.save_workshop(
            ws, case.family_id, _workshop(p, case, held_on=TODAY + timedelta(days=1))
        )
    w = workshops.save_workshop(ws, case.family_id, _workshop(p, case))
    with pytest.raises(ValidationError):
        workshops.save_workshop(ws, other.id, _workshop(p, case, participants=[]), w.id)
    other_w = workshops.save_workshop(ws, other.id, _workshop(p, case, participants=[]))
    with pytest.raises(ValidationError):
        workshops.link_diagnosis(ws, case.diagnosis_id, other_w.id)
    late = workshops.save_workshop(
        ws, case.family_id, _workshop(p, case, held_on=TODAY, participants=[])
    )
    with pytest.raises(ValidationError):  # the diagnosis was made 60 days ago
        workshops.link_diagnosis(ws, case.diagnosis_id, late.id)


def _closure(**over):
    values = dict(
        closed_on=TODAY,
        outcome="achieved",
        reason="Matka podjęła pracę; córka uzyskała promocję.",
        talk_on=TODAY,
        talk_present="Grażyna Źdźbło-Łęcka, Anna Kowalczyk",
        talk_summary="Rodzina ocenia współpracę dobrze.",
        family_opinion="Dziękujemy za pomoc.",
        recommendations="Kontakt z pracownikiem socjalnym raz na kwartał.",
    )
    values.update(over)
    return closure.ClosureInput(**values)


def test_closing_the_only_ipw_closes_the_case_and_it_reopens_as_a_new_ipw(ws, pilot_case):
    _p, case = pilot_case
    c = closure.close_plan(ws, case.plan_id, _closure())
    assert c.outcome == "achieved"
    with ws.transaction() as s:
        assert s.get(SupportPlan, case.plan_id).status == PlanStatus.COMPLETED
        fam = s.get(Family, case.family_id)
        assert (fam.status, fam.closed_on) == (FamilyStatus.CLOSED, TODAY)
    with pytest.raises(ValidationError, match="zamknięty"):
        closure.close_plan(ws, case.plan_id, _closure())
    new = closure.reopen_case(
        ws, case.family_id, closure.ReopenInput(TODAY, "Ponowna utrata pracy.", 6)
    )
    assert new.previous_plan_id == case.plan_id and new.status == PlanStatus.DRAFT
    assert new.period_to == date(*_six_months_less_a_day(TODAY))
    with ws.transaction() as s:
        fam = s.get(Family, case.family_id)
        assert (fam.status, fam.closed_on) == (FamilyStatus.PLAN, None)
    # the first IPW keeps its outcome: the history stays whole
    assert [x.plan_id for x in closure.closures(ws, case.family_id)] == [case.plan_id]
    with pytest.raises(ValidationError):
        closure.reopen_case(ws, case.family_id, closure.ReopenInput(TODAY, "x"))


def _six_months_less_a_day(day: date) -> tuple[int, int, int]:
    from app.services.deadlines import add_months

    end = add_months(day, 6) - timedelta(days=1)
    return end.year, end.month, end.day


def test_a_dropped_ipw_is_cancelled(ws, pilot_case):
    _p, case = pilot_case
    closure.close_plan(ws, case.plan_id, _closure(outcome="dropped", reason="Rodzina wyjechała."))
    with ws.transaction() as s:
        assert s.get(SupportPlan, case.plan_id).status == PlanStatus.CANCELLED


@pytest.mark.parametrize(
    "over",
    [
        {"outcome": "success"},
        {"reason": ""},
        {"closed_on": TODAY + timedelta(days=1)},
        {"closed_on": TODAY - timedelta(days=400)},
        {"talk_on": TODAY + timedelta(days=2)},
    ],
)
def test_a_bad_closure_changes_nothing(ws, pilot_case, over):
    _p, case = pilot_case
    with pytest.raises(ValidationError):
        closure.close_plan(ws, case.plan_id, _closure(**over))
    with ws.transaction() as s:
        assert s.get(SupportPlan, case.plan_id).status == PlanStatus.ACTIVE
        assert s.get(Family, case.family_id).status != FamilyStatus.CLOSED
    assert closure.closures(ws, case.family_id) == []


def test_an_open_case_cannot_be_reopened(ws, pilot_case):
    _p, case = pilot_case
    with pytest.raises(ValidationError, match="zamkniętą"):
        closure.reopen_case(ws, case.family_id, closure.ReopenInput(TODAY, "x"))


def test_who_the_case_is_about(ws):
    f = families.register_family(
        ws, families.FamilyInput(gmina_code="2005092", locality="Narewka", subject_kind="older")
    )
    assert f.subject_kind == "older"
    families.update_family(
        ws, f.id, families.FamilyInput(gmina_code="2005092", locality="Tarnopol")
    )
    with ws.transaction() as s:
        assert s.get(Family, f.id).subject_kind == "older"  # an edit without it keeps it
    plain = families.register_family(
        ws, families.FamilyInput(gmina_code="2005092", locality="Narewka")
    )
    assert plain.subject_kind == "family"
    with pytest.raises(ValidationError):
        families.register_family(
            ws, families.FamilyInput(gmina_code="2005092", locality="X", subject_kind="cat")
        )
