"""Who the case is about: for a person living alone and for an older person every case document
(diagnosis, IPW, kontrakt, review, consent, visit note, the blank forms, the pilot's referral
card, workshop list and closing summary) is worded for one person — no "rodzina" in any of its
forms — while a family's documents still speak of the family.  Checked on the text pypdf
extracts from the real PDFs; the case's own texts are written without the word on purpose."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from app.models.enums import ParticipantKind, PlanOutcome, SubjectKind
from app.printing.pilot_docs import Ids
from app.printing.service import KINDS, render_document
from app.services import (
    closure,
    diagnosis,
    families,
    persons,
    plans,
    referrals,
    registry,
    reviews,
    visits,
    workshops,
)
from tests.printing import pdfcheck

# The noun in every case (not the adjective "rodzinne" of a life domain's name).
NOUN = re.compile(r"\brodzin(a|y|ie|ę|ą|o|om|ami|ach)?\b", re.IGNORECASE)
CASE_KINDS = [k for k in KINDS if k != "agreement"]
PILOT_KINDS = ["referral", "workshop", "closing"]


def make_case(ws, kind: str) -> dict[str, str]:
    today = date.today()
    pup = registry.save_institution(
        ws,
        registry.InstitutionInput(
            name="Powiatowy Urząd Pracy w Hajnówce",
            short_name="PUP Hajnówka",
            sector_code="labour_market",
            level="powiat",
            teryt_code="2005",
        ),
    )
    fam = families.register_family(
        ws,
        families.FamilyInput(
            gmina_code="2005092", locality="Narewka", reasons=["1"], subject_kind=kind
        ),
    )
    person = persons.add_person(
        ws,
        fam.id,
        persons.PersonInput(
            first_name="Stanisława",
            last_name="Wiśniewska",
            pesel="44051401243",
            relation="applicant",
            sex="F",
        ),
    )
    d = diagnosis.save_diagnosis(
        ws,
        fam.id,
        diagnosis.DiagnosisInput(
            made_on=today - timedelta(days=60),
            causes="Samotność po śmierci męża, choroba przewlekła.",
            needs="Pomoc w codziennych sprawach.",
            expectations="Chce zostać we własnym domu.",
            family_view="Radzę sobie, ale coraz trudniej.",
            participants=[diagnosis.ParticipantInput(ParticipantKind.FAMILY, person_id=person.id)],
        ),
    )
    plan = plans.save_plan(
        ws,
        fam.id,
        plans.PlanInput(
            period_from=today - timedelta(days=50),
            period_to=today + timedelta(days=300),
            status="active",
            adopted_on=today - timedelta(days=50),
            main_goal="Samodzielne życie we własnym domu.",
        ),
    )
    goal = plans.save_goal(
        ws,
        plan.id,
        plans.GoalInput(title="Codzienne zakupy z pomocą sąsiadki", level_0="Raz w tygodniu"),
    )
    reviews.record_review(
        ws,
        plan.id,
        reviews.ReviewInput(
            held_on=today - timedelta(days=5),
            summary="Postępy.",
            goal_scores=[reviews.GoalScoreInput(goal.id, 0)],
        ),
    )
    plans.save_commitment(
        ws, plan.id, plans.CommitmentInput(description="Udział w zajęciach klubu seniora.")
    )
    visits.save_visit(ws, fam.id, visits.VisitInput(today, purpose="Wizyta", notes="Bez zmian."))
    r = referrals.save_referral(
        ws,
        fam.id,
        referrals.ReferralInput(
            today - timedelta(days=90), pup.id, "Zgłoszenie z urzędu.", consent_given=True
        ),
    )
    w = workshops.save_workshop(
        ws,
        fam.id,
        workshops.WorkshopInput(
            held_on=today - timedelta(days=61),
            place="GOPS",
            participants=[workshops.AttendeeInput(ParticipantKind.FAMILY, person_id=person.id)],
        ),
    )
    closure.close_plan(
        ws,
        plan.id,
        closure.ClosureInput(
            closed_on=today, outcome=PlanOutcome.ACHIEVED, reason="Cel osiągnięty.", talk_on=today
        ),
    )
    return {"family": fam.id, "referral": r.id, "workshop": w.id, "plan": plan.id, "d": d.id}


def texts(ws, ids: dict[str, str]) -> dict[str, str]:
    fid = ids["family"]
    out = {k: pdfcheck.text(render_document(ws, k, family_id=fid)) for k in CASE_KINDS}
    pilot = Ids(fid, referral_id=ids["referral"], workshop_id=ids["workshop"], plan_id=ids["plan"])
    for k in PILOT_KINDS:
        out[k] = pdfcheck.text(render_document(ws, k, family_id=fid, pilot=pilot))
    return out


@pytest.mark.parametrize("kind", [SubjectKind.SINGLE, SubjectKind.OLDER])
def test_one_person_documents_never_say_rodzina(ws, kind):
    printed = texts(ws, make_case(ws, kind))
    found = {k: sorted({m.group(0) for m in NOUN.finditer(t)}) for k, t in printed.items()}
    assert {k: v for k, v in found.items() if v} == {}
    words = "osoby starszej" if kind == SubjectKind.OLDER else "Diagnoza sytuacji osoby"
    assert words in printed["diagnosis"]


def test_a_family_is_still_a_family(ws):
    printed = texts(ws, make_case(ws, SubjectKind.FAMILY))
    for k in ("diagnosis", "plan", "contract", "review", "consent", "blank-diagnosis"):
        assert NOUN.search(printed[k]), k
