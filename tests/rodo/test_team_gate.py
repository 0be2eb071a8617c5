"""The team's agenda and minutes withhold what the team has no basis to be told of (issue 14 §1):
an item about a family stays only when a consent in force names a member institution of the team
(or, for a referral, the referral's own consent); the worker is told how much was withheld and
why (print warnings, the CLI's stderr), the documents never say; a decision about a family
without a basis is refused and changes nothing."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pypdf
import pytest
from sqlalchemy import func, select

from app import cli
from app.errors import ValidationError
from app.models import AuditEvent, MeetingDecision
from app.printing import pilot_docs
from app.printing.service import prepare_document
from app.services import consents, meetings, referrals, registry
from tests.conftest import PASSPHRASE
from tests.pilot.helpers import make_pilot
from tests.pilot.test_meetings import TODAY, _second_family


def pdf_text(pdf: bytes) -> str:
    return " ".join(
        " ".join(pg.extract_text().split()) for pg in pypdf.PdfReader(io.BytesIO(pdf)).pages
    )


def _consent(ws, family_id: str, institution_ids: list[str], days_ago: int = 1):
    return consents.save_consent(
        ws,
        family_id,
        consents.ConsentInput(
            signed_on=TODAY - timedelta(days=days_ago),
            scope="dane do IPW",
            institution_ids=institution_ids,
        ),
    )


def _referral(ws, family_id: str, institution_id: str, consent: bool):
    return referrals.save_referral(
        ws,
        family_id,
        referrals.ReferralInput(
            referred_on=TODAY - timedelta(days=3),
            institution_id=institution_id,
            reason="Absencja szkolna dziecka.",
            consent_given=consent,
        ),
    )


@pytest.fixture
def pilot(ws):
    p = make_pilot(ws)
    rops = p.wzk["ROPS Białystok"]  # registered, but not a member of the PZK
    fam, _plan, late = _second_family(ws, p, [rops])
    return p, fam, late


def test_the_agenda_keeps_only_what_a_consent_lets_the_team_see(ws, pilot):
    p, fam, late = pilot
    due = meetings.agenda(ws, p.pzk_id, TODAY)
    assert due.items == [] and due.withheld == {"no_consent": 1}  # the late action
    assert "1 sprawa" in due.withheld_text and "instytucji zespołu" in due.withheld_text

    ref = _referral(ws, fam.id, p.pzk["SP Narewka"], consent=False)
    assert meetings.agenda(ws, p.pzk_id, TODAY).withheld == {"no_consent": 2}
    referrals.save_referral(  # the family consents to being referred: that item may go
        ws,
        fam.id,
        referrals.ReferralInput(
            referred_on=TODAY - timedelta(days=3),
            institution_id=p.pzk["SP Narewka"],
            reason="Absencja szkolna dziecka.",
            consent_given=True,
        ),
        ref.id,
    )
    due = meetings.agenda(ws, p.pzk_id, TODAY)
    assert [(i.kind, i.record_id) for i in due.items] == [("referral", ref.id)]
    assert due.withheld == {"no_consent": 1}  # the late action still needs a consent

    with pytest.raises(ValidationError):  # the OPS is the controller, never a recipient
        _consent(ws, fam.id, [p.ops_id])
    assert meetings.agenda(ws, p.pzk_id, TODAY).withheld == {"no_consent": 1}

    consent = _consent(ws, fam.id, [p.pzk["PUP Hajnówka"]])
    due = meetings.agenda(ws, p.pzk_id, TODAY)
    assert {i.record_id for i in due.items} == {ref.id, late.id} and due.withheld == {}
    assert due.withheld_text == ""

    consents.withdraw_consent(ws, consent.id, TODAY, "Rodzina wycofała zgodę.")
    due = meetings.agenda(ws, p.pzk_id, TODAY)
    assert [i.record_id for i in due.items] == [ref.id]
    assert due.withheld == {"withdrawn": 1}


def test_an_institution_that_left_the_team_gives_no_basis(ws, pilot):
    p, fam, late = pilot
    pup = p.pzk["PUP Hajnówka"]
    _consent(ws, fam.id, [pup])
    assert [i.record_id for i in meetings.agenda(ws, p.pzk_id, TODAY).items] == [late.id]
    [team] = [t for t in registry.list_teams(ws) if t.id == p.pzk_id]
    [membership] = [m for m in team.members if m.institution_id == pup]
    registry.remove_member(ws, membership.id)
    due = meetings.agenda(ws, p.pzk_id, TODAY)
    assert due.items == [] and due.withheld == {"no_consent": 1}


def test_the_printed_agenda_and_the_cli_never_show_a_withheld_case(ws, pilot, monkeypatch, capsys):
    p, fam, late = pilot
    other, _plan, other_late = _second_family(ws, p, [p.pzk["PPP Hajnówka"]])  # has a basis
    doc = prepare_document(ws, "agenda", pilot=pilot_docs.Ids(team_id=p.pzk_id))
    text = pdf_text(doc.pdf)
    assert other.case_number in text  # the positive control
    assert fam.case_number not in text and "Wstrzymano" not in text
    [warning] = doc.warnings
    assert "Wstrzymano w porządku posiedzenia" in warning and "1 sprawa" in warning

    monkeypatch.setenv("KOOPERACJA_PASSPHRASE", PASSPHRASE)
    path = str(ws.path)
    ws.lock()
    assert cli.main(["--db", path, "agenda", "--team", p.pzk_id]) == 0
    out = capsys.readouterr()
    assert other.case_number in out.out and fam.case_number not in out.out
    assert "1 sprawa" in out.err and "żadna zgoda nie wskazuje instytucji zespołu: 1" in out.err
    assert cli.main(["--db", path, "agenda", "--team", p.pzk_id, "--json"]) == 0
    out = capsys.readouterr()
    listed = json.loads(out.out)
    assert [i["record_id"] for i in listed] == [other_late.id]
    assert fam.id not in out.out and fam.case_number not in out.out and "1 sprawa" in out.err
    pdf = ws.path.parent / "porzadek.pdf"
    args = ["--db", path, "print", "agenda", "--team", p.pzk_id, "-o", str(pdf)]
    assert cli.main(args) == 0
    out = capsys.readouterr()
    assert "Wstrzymano w porządku posiedzenia" in out.err
    assert fam.case_number not in pdf_text(pdf.read_bytes())


def test_a_decision_without_a_basis_is_refused_and_changes_nothing(ws, pilot):
    p, fam, _late = pilot
    meeting = registry.save_meeting(ws, p.pzk_id, registry.MeetingInput(held_on=TODAY))

    def count(model, *where):
        with ws.transaction() as s:
            return s.scalar(select(func.count()).select_from(model).where(*where))

    before = count(AuditEvent)
    with pytest.raises(ValidationError, match="podstawy prawnej") as refused:
        meetings.add_decision(
            ws, meeting.id, meetings.DecisionInput(fam.id, "Skierować matkę do PUP.")
        )
    assert refused.value.field == "family_id"
    assert "żadna zgoda nie wskazuje instytucji zespołu" in str(refused.value)
    assert count(MeetingDecision) == 0 and count(AuditEvent) == before
    _referral(ws, fam.id, p.pzk["SP Narewka"], consent=True)  # referred with consent: taken up
    d = meetings.add_decision(ws, meeting.id, meetings.DecisionInput(fam.id, "Warsztat."))
    assert [r.id for r in meetings.decisions(ws, meeting.id)] == [d.id]


def test_the_minutes_withhold_what_a_withdrawal_took_back(ws, pilot, monkeypatch, capsys):
    p, fam, _late = pilot
    consent = _consent(ws, fam.id, [p.pzk["PUP Hajnówka"]], days_ago=10)
    other, _plan, _other_late = _second_family(ws, p, [p.pzk["PPP Hajnówka"]])
    due = meetings.agenda(ws, p.pzk_id, TODAY)
    assert {i.case_number for i in due.items} == {fam.case_number, other.case_number}
    meeting = registry.save_meeting(
        ws,
        p.pzk_id,
        registry.MeetingInput(
            held_on=TODAY,
            chair="Anna Kowalczyk",
            recorder="Ewa Zawadzka",
            agenda="Otwarcie posiedzenia.\n" + meetings.agenda_text(due.items),
            decisions=f"Sprawę {fam.case_number} omówić ponownie za miesiąc.\nWolne wnioski.",
        ),
    )
    for family_id, text in ((fam.id, "Skierować matkę do PUP."), (other.id, "Wizyta PPP.")):
        meetings.add_decision(ws, meeting.id, meetings.DecisionInput(family_id, text))
    ids = pilot_docs.Ids(meeting_id=meeting.id)
    before = prepare_document(ws, "minutes", pilot=ids)
    assert fam.case_number in pdf_text(before.pdf) and before.warnings == ()

    consents.withdraw_consent(ws, consent.id, TODAY, "Rodzina wycofała zgodę.")
    doc = prepare_document(ws, "minutes", pilot=ids)
    text = pdf_text(doc.pdf)
    assert fam.case_number not in text and "Skierować matkę do PUP" not in text
    assert "omówić ponownie" not in text
    for kept in ("Otwarcie posiedzenia", "Wolne wnioski", other.case_number, "Wizyta PPP"):
        assert kept in text, kept
    [warning] = doc.warnings
    assert "Wstrzymano w protokole" in warning and "3 pozycje" in warning
    assert "zgoda została wycofana: 3" in warning

    monkeypatch.setenv("KOOPERACJA_PASSPHRASE", PASSPHRASE)
    path = str(ws.path)
    ws.lock()
    pdf = ws.path.parent / "protokol.pdf"
    assert (
        cli.main(["--db", path, "print", "minutes", "--meeting", meeting.id, "-o", str(pdf)]) == 0
    )
    assert "3 pozycje" in capsys.readouterr().err
    assert fam.case_number not in pdf_text(pdf.read_bytes())


def test_the_minutes_withhold_a_case_number_however_it_was_typed(ws, pilot):
    """A worker types "2005092/2026/1" or "2005092 / 2026 / 0001" as often as the number the
    program gives: each names the same case and is withheld with it; another number is kept."""
    p, fam, _late = pilot
    consent = _consent(ws, fam.id, [p.pzk["PUP Hajnówka"]], days_ago=10)
    gmina, year, seq = fam.case_number.split("/")
    typed = [  # each line's last word is its own
        f"Sprawa {gmina}/{year}/{int(seq)}: wrócić za miesiąc.",
        f"Sprawa nr {gmina} / {year} / {seq} bez postępów.",
        f"Wniosek w sprawie {gmina}/{year}/{seq}, pilny.",
    ]
    kept = [
        f"Sprawa {gmina}/{year}/{int(seq) + 10:04d} bez zmian",  # another case
        f"Sprawa {gmina}/{int(year) - 1}/{seq} zamknięta",  # the same sequence, another year
        "Wolne wnioski",
    ]
    meeting = registry.save_meeting(
        ws,
        p.pzk_id,
        registry.MeetingInput(
            held_on=TODAY, chair="Anna Kowalczyk", decisions="\n".join(typed + kept)
        ),
    )
    consents.withdraw_consent(ws, consent.id, TODAY, "Rodzina wycofała zgodę.")
    doc = prepare_document(ws, "minutes", pilot=pilot_docs.Ids(meeting_id=meeting.id))
    text = pdf_text(doc.pdf)
    for line in typed:
        assert line.split()[-1] not in text, line
    for line in kept:
        assert line in text, line
    [warning] = doc.warnings
    assert "3 pozycje" in warning
