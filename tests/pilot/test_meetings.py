"""A team meeting: its agenda from what is due, each institution's task list (consent decides),
decisions that become IPW actions, and the meeting's record with attendance."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.errors import ValidationError
from app.models import Action, MeetingDecision
from app.models.enums import PlanStatus
from app.services import consents, families, meetings, persons, plans, referrals, registry
from tests.conftest import ops_installation_with
from tests.factories import make_full_case
from tests.pilot.helpers import make_pilot

TODAY = date.today()


@ops_installation_with
def team(ws):
    """The pilot's teams, a full case and its consent naming a PZK member (once per worker)."""
    p = make_pilot(ws)
    case = make_full_case(ws)
    # make_full_case's consent names institutions of its own, not of the PZK: a consent naming
    # a member gives the team its basis to take the case up (tests/rodo/test_team_gate.py)
    team_consent(ws, case.family_id, p.pzk["PPP Hajnówka"])
    return p, case


def team_consent(ws, family_id: str, institution_id: str):
    return consents.save_consent(
        ws,
        family_id,
        consents.ConsentInput(
            signed_on=TODAY - timedelta(days=5),
            scope="dane do posiedzeń zespołu",
            institution_ids=[institution_id],
        ),
    )


def _second_family(ws, p, consent_for: list[str]):
    fam = families.register_family(
        ws, families.FamilyInput(gmina_code="2005092", locality="Olchówka")
    )
    mother = persons.add_person(
        ws,
        fam.id,
        persons.PersonInput(
            first_name="Ewa", last_name="Sokół", relation="applicant", pesel="85030484082"
        ),
    )
    plan = plans.save_plan(
        ws,
        fam.id,
        plans.PlanInput(
            period_from=TODAY - timedelta(days=100),
            period_to=TODAY + timedelta(days=200),
            status=PlanStatus.ACTIVE,
        ),
    )
    action = plans.save_action(
        ws,
        plan.id,
        plans.ActionInput(
            description="Poradnictwo zawodowe",
            institution_id=p.pzk["PUP Hajnówka"],
            start_on=TODAY - timedelta(days=90),
            end_on=TODAY - timedelta(days=10),  # late
        ),
    )
    consents.save_consent(
        ws,
        fam.id,
        consents.ConsentInput(
            signed_on=TODAY - timedelta(days=95),
            person_id=mother.id,
            scope="dane do IPW",
            institution_ids=consent_for,
        ),
    )
    return fam, plan, action


def test_the_agenda_lists_late_actions_and_pending_referrals(ws, team):
    p, case = team
    fam, _plan, late = _second_family(ws, p, [p.pzk["PPP Hajnówka"]])
    referrals.save_referral(
        ws,
        case.family_id,
        referrals.ReferralInput(
            referred_on=TODAY - timedelta(days=3),
            institution_id=p.pzk["Policja Narewka"],
            reason="Interwencja domowa.",
            consent_given=True,
        ),
    )
    items = meetings.agenda(ws, p.pzk_id, TODAY).items
    kinds = [(i.kind, i.case_number) for i in items]
    assert ("late_action", fam.case_number) in kinds
    assert any(k == "referral" for k, _n in kinds)
    assert all(i.record_id for i in items)
    text = meetings.agenda_text(items)
    assert "1 działanie po terminie zakończenia" in text and fam.case_number in text
    assert "Sokół" not in text  # case numbers only


def test_the_agenda_has_the_reviews_due_by_the_meeting(ws, team):
    p, case = team
    later = TODAY + timedelta(days=120)  # the case's next review is in 85 days
    items = meetings.agenda(ws, p.pzk_id, later).items
    assert [i.record_id for i in items if i.kind == "review"] == [case.plan_id]
    assert [i for i in meetings.agenda(ws, p.pzk_id, TODAY).items if i.kind == "review"] == []


def test_a_team_of_another_powiat_sees_nothing_of_ours(ws, team):
    p, _case = team
    other = registry.save_team(ws, registry.TeamInput(name="PZK Bielsk", teryt_code="2003"))
    assert meetings.agenda(ws, other.id, TODAY + timedelta(days=200)) == meetings.Agenda([], {})


def test_a_task_list_holds_only_families_whose_consent_names_the_institution(ws, team):
    p, case = team
    pup = p.pzk["PUP Hajnówka"]
    # make_full_case's consent names the PUP under the id the factory gave it
    fam, _plan, late = _second_family(ws, p, [p.pzk["PPP Hajnówka"]])
    assert [t.action_id for t in meetings.task_list(ws, pup, TODAY)] == []
    consents.save_consent(
        ws,
        fam.id,
        consents.ConsentInput(
            signed_on=TODAY - timedelta(days=1), scope="dane do IPW", institution_ids=[pup]
        ),
    )
    [task] = meetings.task_list(ws, pup, TODAY)
    assert task.action_id == late.id and task.late(TODAY)
    # the day before that consent was signed, the PUP saw nothing of this family
    assert meetings.task_list(ws, pup, TODAY - timedelta(days=2)) == []
    factory_pup = case.institution_ids["pup"]
    assert [t.family_id for t in meetings.task_list(ws, factory_pup, TODAY)] == [case.family_id]


def test_a_withdrawn_consent_removes_the_family_from_the_list(ws, team):
    p, case = team
    pup = case.institution_ids["pup"]
    assert meetings.task_list(ws, pup, TODAY)
    consents.withdraw_consent(ws, case.consent_id, TODAY, "Rodzina wycofała zgodę.")
    assert meetings.task_list(ws, pup, TODAY) == []


def test_a_decision_becomes_an_action_of_the_ipw_once(ws, team):
    p, case = team
    meeting = registry.save_meeting(
        ws,
        p.pzk_id,
        registry.MeetingInput(
            held_on=TODAY,
            place="GOPS Narewka",
            chair="Anna Kowalczyk",
            recorder="Ewa Zawadzka",
            attendance=[(p.pzk["PUP Hajnówka"], "Marek Żółkiewski"), (p.ops_id, "Anna Kowalczyk")],
        ),
    )
    assert (meeting.chair, meeting.recorder) == ("Anna Kowalczyk", "Ewa Zawadzka")
    d = meetings.add_decision(
        ws,
        meeting.id,
        meetings.DecisionInput(
            case.family_id,
            "Skierować córkę na badanie w PPP.",
            institution_id=p.pzk["PPP Hajnówka"],
            due_on=TODAY + timedelta(days=30),
        ),
    )
    action = meetings.decision_to_action(ws, d.id)
    with ws.transaction() as s:
        row = s.get(Action, action.id)
        assert (row.plan_id, row.institution_id, row.start_on, row.end_on) == (
            case.plan_id,
            p.pzk["PPP Hajnówka"],
            TODAY,
            TODAY + timedelta(days=30),
        )
        assert s.get(MeetingDecision, d.id).action_id == action.id
    with pytest.raises(ValidationError):
        meetings.decision_to_action(ws, d.id)
    assert [x.id for x in meetings.decisions(ws, meeting.id)] == [d.id]


def test_decisions_are_refused_for_families_outside_the_team_or_dated_before(ws, team):
    p, case = team
    other = registry.save_team(ws, registry.TeamInput(name="PZK Bielsk", teryt_code="2003"))
    meeting = registry.save_meeting(ws, other.id, registry.MeetingInput(held_on=TODAY))
    with pytest.raises(ValidationError, match="poza obszarem"):
        meetings.add_decision(ws, meeting.id, meetings.DecisionInput(case.family_id, "x"))
    ours = registry.save_meeting(ws, p.pzk_id, registry.MeetingInput(held_on=TODAY))
    with pytest.raises(ValidationError):
        meetings.add_decision(
            ws,
            ours.id,
            meetings.DecisionInput(case.family_id, "x", due_on=TODAY - timedelta(days=1)),
        )
    with pytest.raises(ValidationError):
        meetings.add_decision(ws, ours.id, meetings.DecisionInput(case.family_id, "  "))


def test_a_decision_for_a_family_without_an_ipw_in_force_stays_a_decision(ws, team):
    p, _case = team
    fam = families.register_family(
        ws, families.FamilyInput(gmina_code="2005092", locality="Narewka")
    )
    team_consent(ws, fam.id, p.pzk["PUP Hajnówka"])
    meeting = registry.save_meeting(ws, p.pzk_id, registry.MeetingInput(held_on=TODAY))
    d = meetings.add_decision(ws, meeting.id, meetings.DecisionInput(fam.id, "Warsztat."))
    with pytest.raises(ValidationError, match="IPW"):
        meetings.decision_to_action(ws, d.id)
    assert meetings.decisions(ws, meeting.id)[0].action_id is None


def test_a_case_with_several_late_actions_is_one_matter_on_the_agenda(ws, team):
    """The session 9 walk: one line per late action put a case on the agenda 2-3 times."""
    p, _case = team
    fam, plan, _late = _second_family(ws, p, [p.pzk["PPP Hajnówka"]])
    for days, where in ((30, "PPP Hajnówka"), (20, "PUP Hajnówka")):
        plans.save_action(
            ws,
            plan.id,
            plans.ActionInput(
                description="Konsultacja",
                institution_id=p.pzk[where],
                start_on=TODAY - timedelta(days=60),
                end_on=TODAY - timedelta(days=days),
            ),
        )
    items = [i for i in meetings.agenda(ws, p.pzk_id, TODAY).items if i.family_id == fam.id]
    late = [i for i in items if i.kind == "late_action"]
    assert len(late) == 1
    (item,) = late
    assert item.count == 3
    assert item.due_on == TODAY - timedelta(days=30)  # the longest overdue sets its place
    assert item.detail == "PPP Hajnówka, PUP Hajnówka"  # each institution once
    text = meetings.agenda_text(items)
    assert text.count(fam.case_number) == 1
    assert "3 działania po terminie zakończenia" in text
