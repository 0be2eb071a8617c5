"""The pilot's documents print (through the service and ``kooperacja print``) and say what they
should: read back with pypdf."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app import cli
from app.errors import NotFound, UsageError
from app.printing import pilot_docs, service
from app.services import audit, families
from tests.conftest import PASSPHRASE, ops_installation_with
from tests.pilot.helpers import make_pilot_case
from tests.printing import pdfcheck


@ops_installation_with
def pc(ws):
    """The pilot's whole case path (made once per worker: tests/conftest.py)."""
    return make_pilot_case(ws)


def text(ws, kind, **kw) -> str:
    return pdfcheck.flat(" ".join(pdfcheck.page_texts(service.render_document(ws, kind, **kw))))


def test_referral_card(ws, pc):
    t = text(ws, "referral", family_id=pc.case.family_id)
    for expected in (
        "KARTA ZGŁOSZENIA",
        "zgłoszenie rodziny do Zespołu Kooperacji",
        "Szkoła Podstawowa w Narewce",
        "Halina Wróbel",
        "pedagog szkolny",
        "Córka często opuszcza zajęcia",
        "☒ Wyrażam zgodę na zgłoszenie mojej rodziny",
        "wyrażająca zgodę na zgłoszenie",  # the mother: the feminine form
        "zakwalifikowane",
        "Problemy wielorakie; zgoda rodziny.",
        "animator gminny",
        "Ewa Zawadzka",
    ):
        assert expected in t, expected
    assert "(a)" not in t  # no "udzielił(a)": a label names the person without a verb's gender
    [event] = [e for e in audit.list_events(ws, pc.case.family_id) if e.detail == "referral"]
    assert (event.action, event.entity, event.record_id) == ("print", "referral", pc.referral_id)


def test_referral_card_of_an_older_person_says_so(ws, pc):
    f = families.register_family(
        ws, families.FamilyInput(gmina_code="2005092", locality="Narewka", subject_kind="older")
    )
    from app.services import persons, referrals

    persons.add_person(
        ws,
        f.id,
        persons.PersonInput(
            first_name="Helena", last_name="Wróbel", pesel="85030484082", relation="applicant"
        ),
    )
    referrals.save_referral(
        ws,
        f.id,
        referrals.ReferralInput(
            referred_on=date.today(),
            institution_id=pc.pilot.pzk["OZ Narewka"],
            reason="Samotna, po udarze.",
        ),
    )
    t = text(ws, "referral", family_id=f.id)
    assert "zgłoszenie osoby starszej do Zespołu Kooperacji" in t
    assert "Zgłaszana osoba starsza" in t and "☐ Wyrażam zgodę na moje zgłoszenie" in t
    assert "rodzin" not in t.lower()  # no "rodzina" wording for one person


def test_workshop_attendance_list(ws, pc):
    t = text(ws, "workshop", family_id=pc.case.family_id)
    for expected in (
        "Lista obecności na warsztacie diagnostycznym",
        "warsztat diagnostyczny z rodziną",
        "GOPS Narewka, sala narad",
        "Powiatowy Urząd Pracy w Hajnówce",
        "Grażyna Źdźbło-Łęcka",
        "Józef Łęcki",
        "Podpis",
        "Matka zarejestruje się w PUP",
    ):
        assert expected in t, expected


def test_closing_summary(ws, pc):
    t = text(ws, "closing", family_id=pc.case.family_id)
    for expected in (
        "Podsumowanie współpracy",
        "rozmowa podsumowująca z rodziną",
        "IPW/1/2026",
        "cele osiągnięte częściowo",
        "Matka podjęła staż",
        "Podjęcie zatrudnienia przez matkę",
        "0 (oczekiwany rezultat)",  # the goal's level at the review
        "Dziękujemy za pomoc w znalezieniu pracy.",
        "Grażyna Źdźbło-Łęcka",
    ):
        assert expected in t, expected


def test_minutes_agenda_and_tasks(ws, pc):
    t = text(ws, "minutes", pilot=pilot_docs.Ids(meeting_id=pc.meeting_id))
    for expected in (
        "PROTOKÓŁ Z POSIEDZENIA ZESPOŁU",
        "Gminno-Powiatowy Zespół Kooperacji Narewka",
        "Powiatowe Centrum Pomocy Rodzinie w Hajnówce",
        "Przyjęto harmonogram posiedzeń",
        "Objąć córkę zajęciami wyrównawczymi",
        "2005092/",
        "osoba przewodnicząca posiedzenia",
        "osoba protokołująca",
    ):
        assert expected in t, expected
    assert "Grażyna" not in t  # the minutes name families by case number only
    t = text(ws, "agenda", team_id=pc.pilot.pzk_id)
    assert "Porządek posiedzenia zespołu" in t and "Na to posiedzenie nie ma spraw" in t
    t = text(ws, "tasks", pilot=pilot_docs.Ids(institution_id=pc.case.institution_ids["pup"]))
    assert "Lista zadań instytucji" in t and "Powiatowy Urząd Pracy w Hajnówce" in t
    # the plan was closed: the PUP has nothing open
    assert "Brak otwartych zadań" in t


def test_an_open_case_on_the_agenda_and_task_list(ws):
    pc = make_pilot_case(ws, close=False)
    later = date.today() + timedelta(days=120)
    t = text(ws, "agenda", team_id=pc.pilot.pzk_id, printed_on=later)
    # the case's two late actions are one matter, naming both institutions
    assert "2 działania po terminie zakończenia" in t and "PUP Hajnówka, SP Narewka" in t
    assert "Termin oceny IPW" in t
    assert "Grażyna" not in t
    t = text(ws, "tasks", pilot=pilot_docs.Ids(institution_id=pc.case.institution_ids["pup"]))
    assert "Szkolenie zawodowe – kucharz" in t and "w realizacji" in t


def test_the_three_agreements(ws, pc):
    p = pc.pilot
    t = text(ws, "agreement", agreement_id=p.wzk_agreement_id)
    assert "Wojewódzki Zespół Kooperacji Województwa Podlaskiego" in t
    assert "Osoba reprezentująca: Artur Kosicki" in t
    assert "Strona działa w imieniu województwa." in t
    assert "Partnerskich Zespołach Kooperacji" in t
    assert "6) " in t and "7) " not in t  # the six bodies; the OPS is no party to it
    t = text(ws, "agreement", agreement_id=p.tripartite_id)
    assert "POROZUMIENIE TRÓJSTRONNE O WSPÓŁPRACY" in t
    for side in ("w imieniu województwa", "w imieniu powiatu", "w imieniu gminy"):
        assert side in t
    assert "Gmina zapewnia udział ośrodka pomocy społecznej" in t
    assert "3) " in t and "4) " not in t  # the three sides only
    t = text(ws, "agreement", agreement_id=p.pzk_agreement_id)
    assert "Gminny Ośrodek Pomocy Społecznej w Narewce" in t and "Strony tworzą" in t


def test_missing_records_and_ids_say_so(ws, pc):
    empty = families.register_family(
        ws, families.FamilyInput(gmina_code="2005092", locality="Narewka")
    )
    for kind in ("referral", "workshop", "closing"):
        with pytest.raises(NotFound):
            service.render_document(ws, kind, family_id=empty.id)
    with pytest.raises(NotFound):  # another family's workshop
        service.render_document(
            ws, "workshop", family_id=empty.id, pilot=pilot_docs.Ids(workshop_id=pc.workshop_id)
        )
    with pytest.raises(UsageError):
        service.render_document(ws, "minutes")
    with pytest.raises(UsageError):
        service.render_document(ws, "tasks")


def test_cli_prints_each_new_document(ws, pc, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KOOPERACJA_PASSPHRASE", PASSPHRASE)
    env = ["--db", str(ws.path)]
    runs = {
        "referral": ["--family", pc.case.family_id, "--referral", pc.referral_id],
        "workshop": ["--family", pc.case.family_id, "--workshop", pc.workshop_id],
        "closing": ["--family", pc.case.family_id, "--plan", pc.case.plan_id],
        "minutes": ["--meeting", pc.meeting_id],
        "agenda": ["--meeting", pc.meeting_id],
        "tasks": ["--institution", pc.pilot.pzk["SP Narewka"]],
        "agreement": ["--agreement", pc.pilot.tripartite_id],
    }
    for kind, args in runs.items():
        out = tmp_path / f"{kind}.pdf"
        assert cli.main([*env, "print", kind, *args, "-o", str(out)]) == 0, kind
        assert pdfcheck.page_texts(out.read_bytes()), kind
        assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert cli.main([*env, "print", "minutes", "-o", str(tmp_path / "m.pdf")]) == 2
    assert "--meeting" in capsys.readouterr().err
