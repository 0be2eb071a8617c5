"""The pilots' case path in the demo: who the case is about, the referral that brought it to the
team, the diagnostic workshop the diagnosis came from, and how each closed IPW ended.

Each family's draws come from its own generator (seeded by its case number), so the rest of
the demo — names, stories, reviews — is the same as without these records.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from app.models import (
    Diagnosis,
    DiagnosisParticipant,
    DiagnosticWorkshop,
    PlanClosure,
    Referral,
    WorkshopParticipant,
)

# Who refers (a key of the demo registry, or "school"), and why.
REFERRERS = [
    ("school", "pedagog szkolny", "Dziecko często nie przychodzi do szkoły, zaległości w nauce."),
    ("police", "dzielnicowy", "Interwencje domowe; rodzina potrzebuje wsparcia kilku instytucji."),
    ("health", "pielęgniarka środowiskowa", "Choroba przewlekła, trudności w codziennym życiu."),
    ("pup", "doradca zawodowy", "Długotrwałe bezrobocie, zadłużenie, brak motywacji do zmian."),
]
OLDER_REASONS = [
    (
        "health",
        "pielęgniarka środowiskowa",
        "Osoba starsza mieszka sama, coraz gorzej się porusza.",
    ),
    ("ngo", "wolontariusz", "Samotność, brak pomocy sąsiedzkiej, zaległe opłaty."),
]
OUTCOMES = [("achieved", 60), ("partly", 25), ("not_achieved", 8), ("dropped", 7)]
OUTCOME_REASONS = {
    "achieved": "Cele programu osiągnięte; dalsze wsparcie nie jest potrzebne.",
    "partly": "Część celów osiągnięta; pozostałe wymagają dalszej pracy poza programem.",
    "not_achieved": "Mimo działań partnerów cele nie zostały osiągnięte.",
    "dropped": "Współpraca przerwana na prośbę zainteresowanych.",
}
PLACES = ["siedziba GOPS", "sala narad urzędu gminy", "świetlica wiejska"]


def own_random(family: dict) -> random.Random:
    """The family's own generator: its draws leave the demo's main sequence as it was."""
    return random.Random(f"pathway:{family['case_number']}")


def subject_kind(members: list[dict], today: date) -> str:
    """A household of one is a person living alone; an applicant of 65 or more, an older person."""
    head = members[0]
    age = (today - head["birth_date"]).days // 365 if head.get("birth_date") else 0
    if age >= 65:
        return "older"
    return "single" if len(members) == 1 else "family"


def _referral(rows: Any, family: dict, st: Any, rnd: random.Random, referred: date) -> dict:
    older = family.get("subject_kind") == "older"
    key, function, reason = rnd.choice(OLDER_REASONS if older else REFERRERS)
    institution = st.schools.get(family["gmina_code"]) if key == "school" else None
    institution = institution or st.institutions.get(key) or st.institutions["pcpr"]
    rows.add(
        Referral,
        family_id=family["id"],
        referred_on=referred,
        institution_id=institution,
        referrer_name=(st.staff.get(institution) or [""])[0],
        referrer_function=function,
        reason=reason,
        consent_given=True,
        consent_on=referred,
        consent_person_id=None,
        team_id=None,
        decision="pending",
        decided_on=None,
        decision_reason="",
        meeting_id=None,
    )
    return rows.by_model[Referral][-1]


def pending_referral(rows: Any, family: dict, st: Any) -> None:
    """A new case: referred to the team, which has not decided yet (it is on the agenda)."""
    rnd = own_random(family)
    _referral(rows, family, st, rnd, family["opened_on"] - timedelta(days=rnd.randint(1, 10)))


def referral_and_workshop(rows: Any, family: dict, made_on: date, st: Any) -> None:
    """The referral before the diagnosis, qualified by the team, and the workshop it came from."""
    rnd = own_random(family)
    fid = family["id"]
    referred = min(family["opened_on"], made_on) - timedelta(days=rnd.randint(3, 20))
    referral = _referral(rows, family, st, rnd, referred)
    referral.update(
        decision="qualified",
        decided_on=min(referred + timedelta(days=rnd.randint(2, 10)), made_on),
        decision_reason="Sytuacja wymaga współpracy kilku instytucji; jest zgoda na zgłoszenie.",
    )
    diagnosis = rows.by_model[Diagnosis][-1]
    wid = rows.add(
        DiagnosticWorkshop,
        family_id=fid,
        held_on=made_on,
        place=rnd.choice(PLACES),
        moderator=st.worker,
        agreed="Wspólnie ustalono obszary wsparcia i osoby odpowiedzialne po stronie partnerów.",
        notes="",
    )
    diagnosis["workshop_id"] = wid
    present = [
        p for p in rows.by_model[DiagnosisParticipant] if p["diagnosis_id"] == diagnosis["id"]
    ]
    for position, p in enumerate(present, start=1):
        rows.add(
            WorkshopParticipant,
            workshop_id=wid,
            position=position,
            kind=p["kind"],
            institution_id=p["institution_id"],
            person_id=p["person_id"],
            name=p["name"],
            role=p["role"],
        )


def closure(rows: Any, family: dict, plan: dict, closed_on: date, present: str) -> str:
    """How the closed IPW ended, with its closing summary talk; returns the plan's status."""
    rnd = own_random(family)
    outcome = rnd.choices([o for o, _w in OUTCOMES], [w for _o, w in OUTCOMES])[0]
    talk = outcome != "dropped"
    rows.add(
        PlanClosure,
        family_id=family["id"],
        plan_id=plan["id"],
        closed_on=closed_on,
        outcome=outcome,
        reason=OUTCOME_REASONS[outcome],
        talk_on=closed_on if talk else None,
        talk_present=present if talk else "",
        talk_summary="Omówiono przebieg programu, osiągnięte zmiany i dalsze możliwości wsparcia."
        if talk
        else "",
        family_opinion="Wsparcie było potrzebne i pomogło." if talk else "",
        recommendations="Kontakt z pracownikiem socjalnym w razie potrzeby." if talk else "",
    )
    return "cancelled" if outcome == "dropped" else "completed"
