"""Documents that agree with who signs: a woman alone, a man alone, a couple (read back from the
PDF); the kontrakt refused without goals; the consent's required elements (controller's name and
postal address, IOD contact, no OPS among the recipients, a box per institution and per art. 9
category, every institution of the case); a warning when the controller data are missing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.errors import ValidationError
from app.models.enums import ParticipantKind
from app.printing.service import prepare_document, render_document
from app.services import controller, diagnosis, families, persons, plans
from tests.factories import make_institutions
from tests.printing import pdfcheck
from tests.printing.data import set_home_address

WOMAN = ("Halina", "Wróblewska", "F", date(1961, 4, 2), "applicant")
MAN = ("Zbigniew", "Wróblewski", "M", date(1958, 9, 12), "applicant")
WIFE = ("Halina", "Wróblewska", "F", date(1961, 4, 2), "spouse")
OPS = "Gminny Ośrodek Pomocy Społecznej w Narewce"


def pesel(born: date, sex: str, serial: int) -> str:
    """A valid PESEL for that birth date and sex (weights 1,3,7,9,…)."""
    month = born.month + (20 if born.year >= 2000 else 0)
    body = f"{born.year % 100:02d}{month:02d}{born.day:02d}{serial % 1000:03d}"
    body += str((serial % 5) * 2 + (1 if sex == "M" else 0))
    total = sum(int(d) * w for d, w in zip(body, (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)))
    return body + str((10 - total % 10) % 10)


def make_family(ws, people, *, goals: int = 1) -> tuple[str, dict[str, str]]:
    inst = make_institutions(ws)
    fam = families.register_family(
        ws,
        families.FamilyInput(
            gmina_code="2005092", locality="Skupowo", house_number="12", postal_code="17-220"
        ),
    )
    ids = []
    for n, (first, last, sex, born, relation) in enumerate(people):
        p = persons.add_person(
            ws,
            fam.id,
            persons.PersonInput(
                first_name=first,
                last_name=last,
                pesel=pesel(born, sex, 123 + n),
                relation=relation,
            ),
        )
        ids.append(p.id)
    today = date.today()
    diagnosis.save_diagnosis(
        ws,
        fam.id,
        diagnosis.DiagnosisInput(
            made_on=today - timedelta(days=30),
            causes="Niski dochód.",
            participants=[
                diagnosis.ParticipantInput(
                    ParticipantKind.INSTITUTION, institution_id=inst["ppp"], role="psycholog"
                ),
                diagnosis.ParticipantInput(ParticipantKind.FAMILY, person_id=ids[0]),
            ],
        ),
    )
    plan = plans.save_plan(
        ws,
        fam.id,
        plans.PlanInput(
            period_from=today - timedelta(days=20),
            period_to=today + timedelta(days=200),
            main_goal="Poprawa sytuacji bytowej.",
            status="active",
            adopted_on=today - timedelta(days=20),
        ),
    )
    for n in range(goals):
        goal = plans.save_goal(
            ws,
            plan.id,
            plans.GoalInput(title=f"Uregulowanie opłat {n + 1}", level_0="Spłata zaległości"),
        )
        plans.save_action(
            ws,
            plan.id,
            plans.ActionInput(
                description="Szkolenie zawodowe",
                goal_id=goal.id,
                institution_id=inst["pup"],
                start_on=today,
            ),
        )
    return fam.id, inst


@pytest.fixture
def ops(ws):
    set_home_address(ws)
    controller.set_iod_contact(ws, "iod@narewka.example.pl")
    return ws


@pytest.mark.parametrize(
    ("people", "expected", "wrong"),
    [
        (
            [WOMAN],
            ["Ja, niżej podpisana, wyrażam zgodę", "zostałam poinformowana", "wnioskodawczyni"],
            ["podpisany", "My,", "wyrażamy", "Pani/Pan", "przyjął", "wnioskodawca"],
        ),
        (
            [MAN],
            ["Ja, niżej podpisany, wyrażam zgodę", "zostałem poinformowany", "wnioskodawca"],
            ["podpisana", "My,", "wyrażamy", "Pani/Pan", "przyjął", "wnioskodawczyni"],
        ),
        (
            [MAN, WIFE],
            ["My, niżej podpisani, wyrażamy zgodę", "zostaliśmy poinformowani", "małżonka"],
            ["podpisana", "podpisany,", "Ja,", "wyrażam ", "Pani/Pan", "przyjął"],
        ),
    ],
    ids=["woman", "man", "couple"],
)
def test_consent_agrees_with_who_signs(ops, people, expected, wrong):
    fid, _inst = make_family(ops, people)
    text = pdfcheck.text(render_document(ops, "consent", family_id=fid))
    for value in expected:
        assert value in text, value
    for value in wrong:
        assert value not in text, value
    assert "/podpisany" not in text and "podpisana/" not in text


@pytest.mark.parametrize(
    ("people", "party", "noun", "wrong"),
    [
        (
            [WOMAN],
            "między osobą a pracownikiem socjalnym",
            "Osoba została poinformowana",
            "rodziną",
        ),
        ([MAN], "między osobą a pracownikiem socjalnym", "Osoba została poinformowana", "rodziną"),
        (
            [MAN, WIFE],
            "między rodziną a pracownikiem socjalnym",
            "Rodzina została poinformowana",
            "osobą a",
        ),
    ],
    ids=["woman", "man", "couple"],
)
def test_contract_names_its_party_as_it_is(ops, people, party, noun, wrong):
    fid, _inst = make_family(ops, people)
    text = pdfcheck.text(render_document(ops, "contract", family_id=fid))
    for value in (party, noun, "(pieczęć ośrodka pomocy społecznej)", "Data zawarcia"):
        assert value in text, value
    assert wrong not in text
    assert "osobą/rodziną" not in text and "reprezentującym" not in text
    assert "Część I A" in text and "Część II A" in text
    assert "Rozwiązanie kontraktu przed upływem okresu" in text
    # the consequences clause (art. 11) is printed in the body size, not as small print
    pdf = render_document(ops, "contract", family_id=fid)
    assert pdfcheck.font_size_at(pdf, "została poinformowana, że brak") >= 9.5
    assert "(dla informacji)" in text  # partners' actions are not obligations of the kontrakt


def test_contract_without_goals_is_refused_with_a_clear_message(ops):
    fid, _inst = make_family(ops, [WOMAN], goals=0)
    with pytest.raises(ValidationError) as err:
        render_document(ops, "contract", family_id=fid)
    assert "nie ma jeszcze żadnego celu szczegółowego" in err.value.message


def test_consent_has_its_required_elements(ops):
    fid, inst = make_family(ops, [MAN, WIFE])
    doc = prepare_document(ops, "consent", family_id=fid)
    text = pdfcheck.text(doc.pdf)
    assert doc.warnings == ()
    assert (
        f"Administratorem danych osobowych jest {OPS}, adres: ul. Białowieska 1, 17-220 Narewka"
        in text
    )
    assert "Kontakt z inspektorem ochrony danych: iod@narewka.example.pl" in text
    recipients = text[text.index("5. Instytucje") : text.index("6. Okres")]
    assert "Powiatowy Urząd Pracy w Hajnówce" in recipients  # acts in the plan
    assert "Poradnia Psychologiczno-Pedagogiczna w Hajnówce" in recipients  # in the diagnosis
    assert OPS not in recipients.split("administratorem")[-1]  # not its own recipient
    assert "dane o stanie zdrowia" in text and "dane o uzależnieniach" in text
    assert "PESEL" in text and "skład rodziny" in text  # a concrete scope
    # a drawn box for each of 5 data categories, 4 art. 9 categories and 2 institutions
    assert len(pdfcheck.squares(doc.pdf)) == 5 + 4 + 2


def test_consent_warns_when_the_controller_data_are_missing(ws):
    fid, _inst = make_family(ws, [WOMAN])
    doc = prepare_document(ws, "consent", family_id=fid)
    assert len(doc.warnings) == 2
    assert any("adresu" in w for w in doc.warnings) and any("IOD" in w for w in doc.warnings)
    text = pdfcheck.text(doc.pdf)
    assert "Kontakt z inspektorem ochrony danych: ………" in text  # room to write it in


def test_demo_agreement_has_the_ops_first_and_fitting_signatories(demo_ws):
    ws, _families, team_id = demo_ws
    text = pdfcheck.text(render_document(ws, "agreement", team_id=team_id))
    parties = text[: text.index("§ 1.")]
    assert parties.index(f"1) {OPS}") < parties.index("Powiatowe Centrum Pomocy Rodzinie")
    assert parties.index("Gminna Komisja") < parties.index("Powiatowy Urząd Pracy")  # gmina first
    assert parties.index("Powiatowy Urząd Pracy") < parties.index("Stowarzyszenie")  # NGO last
    for function in ("Komendant Powiatowy Policji", "prezes zarządu", "kierownik", "dyrektor"):
        assert function in parties, function
    assert "Komisja nie zawiera porozumienia samodzielnie" in parties
    assert "Zespół nie zawiera porozumienia samodzielnie" in parties
    assert "Partnerski Zespół Kooperacji powiatu hajnowskiego" in text
    assert "powiatu hajnowski " not in text
    assert "w dziewięciu jednobrzmiących egzemplarzach" in text  # 8 partners and the OPS
    assert "1. Strony tworzą" in text and "2. Wspólna diagnoza" in text  # free text numbered


def test_diagnosis_lists_the_worker_roles_unrated_areas_and_disability(printed_ws):
    ws, case, _team = printed_ws
    text = pdfcheck.text(render_document(ws, "diagnosis", family_id=case.family_id))
    participants = text[text.index("II. Uczestnicy") : text.index("III. Diagnoza")]
    assert "1. Anna Kowalczyk" in participants
    assert "pracownik socjalny prowadzący sprawę" in participants
    assert "doradca zawodowy" in participants and "wnioskodawczyni" in participants
    assert "—" not in participants
    areas = text[text.index("IV. Ocena obszarów") :]
    assert "nie oceniono" in areas and "uzależnienia" in areas  # not rated, still listed
    assert "Niepełnosprawność" in text and "brak orzeczenia" in text
