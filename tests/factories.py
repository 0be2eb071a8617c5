"""Builders of realistic test data through the real services (never by writing rows directly).

``make_full_case`` creates one family with known values (names with Polish diacritics, valid
PESELs) and the whole Model Kooperacji cycle: diagnosis, a plan with goals and actions across
two institutions, commitments, a review, visits, a consent.  Tests assert on these values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.models.enums import ActionStatus, ParticipantKind, PlanStatus
from app.services import consents, diagnosis, families, persons, plans, registry, reviews, visits
from app.services.workspace import Workspace

# Valid PESELs (checked with python-stdnum): birth dates and sexes match the data below.
PESEL_MOTHER = "85030484082"  # 1985-03-04, female
PESEL_FATHER = "82111512351"  # 1982-11-15, male
PESEL_CHILD = "12272301242"  # 2012-07-23, female


@dataclass
class Case:
    family_id: str
    mother_id: str
    father_id: str
    child_id: str
    diagnosis_id: str
    plan_id: str
    goal_ids: list[str]
    action_ids: list[str]
    review_id: str
    visit_id: str
    consent_id: str
    institution_ids: dict[str, str]


def make_institutions(ws: Workspace) -> dict[str, str]:
    pup = registry.save_institution(
        ws,
        registry.InstitutionInput(
            name="Powiatowy Urząd Pracy w Hajnówce",
            short_name="PUP Hajnówka",
            sector_code="labour_market",
            level="powiat",
            teryt_code="2005",
            nip="5261040828",
            street="ul. Ks. Ignacego Wierobieja 4",
            postal_code="17-200",
            city="Hajnówka",
            contact_person="Marek Żółkiewski",
        ),
    )
    ppp = registry.save_institution(
        ws,
        registry.InstitutionInput(
            name="Poradnia Psychologiczno-Pedagogiczna w Hajnówce",
            short_name="PPP Hajnówka",
            sector_code="education",
            level="powiat",
            city="Hajnówka",
            contact_person="Łucja Ćwiklińska",
        ),
    )
    return {"pup": pup.id, "ppp": ppp.id}


def make_full_case(ws: Workspace) -> Case:
    inst = make_institutions(ws)
    fam = families.register_family(
        ws,
        families.FamilyInput(
            gmina_code="2005092",
            locality="Narewka",
            street="Leśna",
            house_number="4",
            flat_number="2",
            postal_code="17-220",
            phone="600 100 200",
            reasons=["1", "4", "9"],
        ),
    )
    mother = persons.add_person(
        ws,
        fam.id,
        persons.PersonInput(
            first_name="Grażyna",
            last_name="Źdźbło-Łęcka",
            pesel=PESEL_MOTHER,
            relation="applicant",
            education="vocational",
            employment="unemployed_registered",
        ),
    )
    father = persons.add_person(
        ws,
        fam.id,
        persons.PersonInput(
            first_name="Józef",
            last_name="Łęcki",
            pesel=PESEL_FATHER,
            relation="spouse",
            employment="farmer",
        ),
    )
    child = persons.add_person(
        ws,
        fam.id,
        persons.PersonInput(
            first_name="Zuzanna",
            last_name="Łęcka",
            pesel=PESEL_CHILD,
            relation="child",
            education="in_education",
            employment="pupil",
            school="Szkoła Podstawowa w Narewce",
        ),
    )
    today = date.today()
    diag = diagnosis.save_diagnosis(
        ws,
        fam.id,
        diagnosis.DiagnosisInput(
            made_on=today - timedelta(days=60),
            causes="Utrata pracy przez matkę, zadłużenie czynszowe.",
            strengths="Silna więź rodzinna; ojciec prowadzi gospodarstwo.",
            weaknesses="Brak umiejętności planowania budżetu.",
            resources="Wsparcie dziadków, sąsiedzka pomoc.",
            deficits="Brak dostępu do transportu.",
            needs="Stałe zatrudnienie matki, pomoc w nauce dla córki.",
            expectations="Rodzina oczekuje pomocy w znalezieniu pracy.",
            family_view="Chcemy stanąć na nogi i spłacić długi.",
            conclusions="Rodzina z zasobami; potrzebne wsparcie PUP i PPP.",
            ratings=[
                diagnosis.RatingInput("income_work", -2, "Dochód poniżej kryterium."),
                diagnosis.RatingInput("housing", -1, "Zaległości w opłatach."),
                diagnosis.RatingInput("social_ties", 1, "Dobre relacje z sąsiadami."),
            ],
            participants=[
                diagnosis.ParticipantInput(
                    ParticipantKind.INSTITUTION, institution_id=inst["pup"], role="doradca zawodowy"
                ),
                diagnosis.ParticipantInput(ParticipantKind.FAMILY, person_id=mother.id),
            ],
        ),
    )
    plan = plans.save_plan(
        ws,
        fam.id,
        plans.PlanInput(
            period_from=today - timedelta(days=50),
            period_to=today + timedelta(days=300),
            main_goal="Usamodzielnienie ekonomiczne rodziny.",
            status=PlanStatus.ACTIVE,
            number="IPW/1/2026",
        ),
    )
    g1 = plans.save_goal(
        ws,
        plan.id,
        plans.GoalInput(
            title="Podjęcie zatrudnienia przez matkę",
            domain_code="income_work",
            level_m2="Brak rejestracji w PUP",
            level_m1="Rejestracja w PUP, brak aktywności",
            level_0="Udział w szkoleniu zawodowym",
            level_p1="Staż u pracodawcy",
            level_p2="Umowa o pracę",
        ),
    )
    g2 = plans.save_goal(
        ws,
        plan.id,
        plans.GoalInput(
            title="Poprawa wyników w nauce córki",
            domain_code="education",
            level_0="Regularne zajęcia terapii pedagogicznej",
            level_p2="Promocja z wyróżnieniem",
        ),
    )
    a1 = plans.save_action(
        ws,
        plan.id,
        plans.ActionInput(
            description="Szkolenie zawodowe – kucharz",
            goal_id=g1.id,
            institution_id=inst["pup"],
            responsible_person="Marek Żółkiewski",
            start_on=today - timedelta(days=40),
            end_on=today + timedelta(days=60),
            frequency="2 razy w tygodniu",
        ),
    )
    a2 = plans.save_action(
        ws,
        plan.id,
        plans.ActionInput(
            description="Terapia pedagogiczna",
            goal_id=g2.id,
            institution_id=inst["ppp"],
            responsible_person="Łucja Ćwiklińska",
            start_on=today - timedelta(days=30),
            frequency="raz w tygodniu",
        ),
    )
    a3 = plans.save_action(
        ws,
        plan.id,
        plans.ActionInput(
            description="Praca socjalna – plan spłaty zadłużenia",
            goal_id=g1.id,
            responsible_person="Anna Kowalczyk",
            start_on=today - timedelta(days=45),
        ),
    )
    plans.save_commitment(
        ws, plan.id, plans.CommitmentInput("Regularne uczestnictwo w szkoleniu", mother.id)
    )
    rev = reviews.record_review(
        ws,
        plan.id,
        reviews.ReviewInput(
            held_on=today - timedelta(days=5),
            next_review_on=today + timedelta(days=85),
            summary="Matka rozpoczęła szkolenie.",
            goal_scores=[reviews.GoalScoreInput(g1.id, 0), reviews.GoalScoreInput(g2.id, -1)],
            domain_ratings=[reviews.DomainRatingInput("income_work", -1)],
            action_statuses=[reviews.ActionStatusInput(a1.id, ActionStatus.IN_PROGRESS)],
        ),
    )
    visit = visits.save_visit(
        ws,
        fam.id,
        visits.VisitInput(
            visit_on=today - timedelta(days=3),
            purpose="Monitoring realizacji IPW",
            present="Grażyna Źdźbło-Łęcka, Zuzanna Łęcka",
            notes="Rodzina przestrzega ustaleń; córka chodzi na terapię.",
        ),
    )
    consent = consents.save_consent(
        ws,
        fam.id,
        consents.ConsentInput(
            signed_on=today - timedelta(days=55),
            person_id=mother.id,
            scope="Dane niezbędne do realizacji IPW",
            institution_ids=[inst["pup"], inst["ppp"]],
        ),
    )
    return Case(
        family_id=fam.id,
        mother_id=mother.id,
        father_id=father.id,
        child_id=child.id,
        diagnosis_id=diag.id,
        plan_id=plan.id,
        goal_ids=[g1.id, g2.id],
        action_ids=[a1.id, a2.id, a3.id],
        review_id=rev.id,
        visit_id=visit.id,
        consent_id=consent.id,
        institution_ids=inst,
    )
