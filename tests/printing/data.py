"""Test data for the printing tests, made through the services: a PZK with a signed agreement,
and a case with long content (20 goals, 60 actions, 5,000-character notes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.services import diagnosis, plans, registry, reviews, visits
from app.services.casefile import home_institution
from app.services.workspace import Workspace
from tests.factories import Case

GOALS = 20
ACTIONS = 60


def long_note(tag: str, length: int = 5_000) -> str:
    """Numbered Polish words (so a lost word is found), ending in a marker."""
    words, n = [], 0
    while sum(len(w) + 1 for w in words) < length - 20:
        n += 1
        words.append(f"{tag}{n:04d}" if n % 7 else f"źdźbło{n:04d}")
    words.append(f"KONIEC-{tag}.")
    return " ".join(words)


def note_words(note: str) -> list[str]:
    return note.rstrip(".").split()


def set_home_address(ws: Workspace) -> None:
    """Give the OPS (set up with its name only) the address that heads every page."""
    home = home_institution(ws)
    assert home is not None
    registry.save_institution(
        ws,
        registry.InstitutionInput(
            name=home.name,
            sector_code=home.sector_code,
            level=home.level,
            teryt_code=home.teryt_code,
            street="ul. Białowieska 1",
            postal_code="17-220",
            city="Narewka",
            phone="85 685 80 15",
        ),
        institution_id=home.id,
    )


def add_agreement(ws: Workspace, case: Case) -> tuple[str, str]:
    """A PZK of the OPS and both partner institutions, with its agreement: (team id, agr. id)."""
    home = home_institution(ws)
    assert home is not None
    signed = date.today() - timedelta(days=100)
    team = registry.save_team(
        ws, registry.TeamInput(name="Zespół Kooperacji Gminy Narewka", teryt_code="2005092")
    )
    parties = [
        (home.id, "Barbara Sienkiewicz", "kierownik"),
        (case.institution_ids["pup"], "Marek Żółkiewski", "dyrektor"),
        (case.institution_ids["ppp"], "Łucja Ćwiklińska", "dyrektor"),
    ]
    for iid, who, function in parties:
        registry.add_member(ws, team.id, iid, who, function, signed)
    agreement = registry.save_agreement(
        ws,
        team.id,
        registry.AgreementInput(
            title="o współpracy na rzecz rodzin wieloproblemowych",
            number="PZK/7/2026",
            signed_on=signed,
            valid_from=signed,
            scope="Wspólne diagnozy i programy dla rodzin z gminy Narewka.",
            obligations="Udział w spotkaniach zespołu co najmniej raz na kwartał.",
            data_sharing="Udostępnianie danych wyłącznie za pisemną zgodą rodziny.",
            parties=[registry.PartyInput(i, w, f, signed) for i, w, f in parties],
        ),
    )
    return team.id, agreement.id


@dataclass
class LongCase:
    goal_titles: list[str]
    action_texts: list[str]
    diagnosis_note: str
    plan_note: str
    review_note: str
    visit_note: str
    review_id: str
    visit_id: str


def make_long_content(ws: Workspace, case: Case) -> LongCase:
    today = date.today()
    diag_note, plan_note = long_note("diag"), long_note("ipw")
    review_note, visit_note = long_note("ocena"), long_note("wizyta")
    diagnosis.save_diagnosis(
        ws,
        case.family_id,
        diagnosis.DiagnosisInput(
            made_on=today - timedelta(days=60),
            causes=long_note("przyczyny"),
            conclusions=diag_note,
            ratings=[diagnosis.RatingInput("housing", -2, long_note("mieszkanie"))],
        ),
        diagnosis_id=case.diagnosis_id,
    )
    plans.save_plan(
        ws,
        case.family_id,
        plans.PlanInput(
            period_from=today - timedelta(days=50),
            period_to=today + timedelta(days=300),
            main_goal="Usamodzielnienie ekonomiczne rodziny.",
            status="active",
            number="IPW/9/2026",
            notes=plan_note,
        ),
        plan_id=case.plan_id,
    )
    goal_ids = list(case.goal_ids)
    titles = ["Podjęcie zatrudnienia przez matkę", "Poprawa wyników w nauce córki"]
    for i in range(len(goal_ids) + 1, GOALS + 1):
        title = f"Cel testowy {i:02d}: zażółć gęślą jaźń"
        goal = plans.save_goal(
            ws,
            case.plan_id,
            plans.GoalInput(title=title, level_0=f"Oczekiwany rezultat celu {i:02d}"),
        )
        goal_ids.append(goal.id)
        titles.append(title)
    texts = ["Szkolenie zawodowe – kucharz", "Terapia pedagogiczna"]
    texts.append("Praca socjalna – plan spłaty zadłużenia")
    institutions = [case.institution_ids["pup"], case.institution_ids["ppp"], None]
    for i in range(len(texts) + 1, ACTIONS + 1):
        text = f"Działanie testowe {i:02d} – wsparcie łączące usługi różnych instytucji"
        if i % 10 == 0:
            text += " " + long_note(f"akcja{i:02d}x", 1_200)
        plans.save_action(
            ws,
            case.plan_id,
            plans.ActionInput(
                description=text,
                goal_id=goal_ids[i % GOALS],
                institution_id=institutions[i % 3],
                responsible_person="Anna Kowalczyk" if i % 3 == 2 else "",
                start_on=today - timedelta(days=30),
                end_on=today + timedelta(days=i),
            ),
        )
        texts.append(text)
    review = reviews.record_review(
        ws,
        case.plan_id,
        reviews.ReviewInput(
            held_on=today - timedelta(days=1),
            summary=review_note,
            goal_scores=[reviews.GoalScoreInput(g, 0) for g in goal_ids],
        ),
    )
    visit = visits.save_visit(
        ws,
        case.family_id,
        visits.VisitInput(visit_on=today, purpose="Wizyta kontrolna", notes=visit_note),
    )
    return LongCase(
        titles, texts, diag_note, plan_note, review_note, visit_note, review.id, visit.id
    )
