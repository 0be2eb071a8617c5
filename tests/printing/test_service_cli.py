"""The print service (choice of records, errors, audit) and ``kooperacja print``."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app import cli
from app.errors import NotFound, UsageError
from app.printing import service
from app.services import audit, families, persons, reviews
from tests.conftest import OPS_GMINA, PASSPHRASE
from tests.printing import pdfcheck
from tests.printing.data import add_agreement


def _events(ws, family_id: str = "") -> list[audit.AuditRow]:
    return audit.list_events(ws, family_id or None, limit=5)


def test_preview_is_a_view_and_output_a_print(ws, family_case):
    doc = service.prepare_document(ws, "visit", family_id=family_case.family_id)
    assert doc.kind == "visit" and doc.record_id == family_case.visit_id
    assert doc.title == "Notatka z wizyty"
    assert doc.filename == f"notatka-z-wizyty-{date.today().isoformat()}.pdf"
    first = _events(ws, family_case.family_id)[0]
    assert (first.action, first.entity, first.record_id, first.detail) == (
        "view",
        "visit",
        family_case.visit_id,
        "visit",
    )
    service.record_output(ws, doc)
    latest = _events(ws, family_case.family_id)[0]
    assert (latest.action, latest.detail) == ("print", "visit")
    with ws.transaction() as s:
        assert audit.verify_chain(s) == []


def test_review_defaults_to_the_latest_and_takes_an_id(ws, family_case):
    older = reviews.record_review(
        ws,
        family_case.plan_id,
        reviews.ReviewInput(
            held_on=date.today() - timedelta(days=40), summary="Ocena wcześniejsza"
        ),
    )
    latest = pdfcheck.text(service.render_document(ws, "review", family_id=family_case.family_id))
    assert "Matka rozpoczęła szkolenie." in latest and "Ocena wcześniejsza" not in latest
    chosen = pdfcheck.text(
        service.render_document(ws, "review", family_id=family_case.family_id, review_id=older.id)
    )
    assert "Ocena wcześniejsza" in chosen


def test_missing_records_say_so_in_polish(ws, family_case):
    empty = families.register_family(
        ws, families.FamilyInput(gmina_code=OPS_GMINA, locality="Siemianówka")
    )
    persons.add_person(
        ws,
        empty.id,
        persons.PersonInput("Ewa", "Ćma", document_number="ABC123456", birth_date=date(1980, 1, 2)),
    )
    messages = {
        "diagnosis": "Ta rodzina nie ma jeszcze diagnozy.",
        "plan": "Ta rodzina nie ma jeszcze Indywidualnego Programu Współpracy (IPW).",
        "contract": "Ta rodzina nie ma jeszcze Indywidualnego Programu Współpracy (IPW).",
        "review": "Nie wpisano jeszcze żadnej oceny okresowej programu tej rodziny.",
        "visit": "Nie wpisano jeszcze żadnej wizyty u tej rodziny.",
    }
    for kind, message in messages.items():
        with pytest.raises(NotFound) as err:
            service.render_document(ws, kind, family_id=empty.id)
        assert err.value.message == message
    with pytest.raises(NotFound):  # a review of another family
        service.render_document(ws, "review", family_id=empty.id, review_id=family_case.review_id)
    # blank forms and the consent need nothing but the family
    for kind in ("blank-diagnosis", "blank-review", "blank-visit", "consent"):
        text = pdfcheck.text(service.render_document(ws, kind, family_id=empty.id))
        assert "Ewa Ćma" in text
    with pytest.raises(UsageError):
        service.render_document(ws, "invoice", family_id=empty.id)
    with pytest.raises(UsageError):
        service.render_document(ws, "diagnosis")
    with pytest.raises(UsageError):
        service.render_document(ws, "agreement")


@pytest.fixture
def cli_env(ws, monkeypatch):
    monkeypatch.setenv("KOOPERACJA_PASSPHRASE", PASSPHRASE)
    return ["--db", str(ws.path)]


def test_cli_print_writes_a_pdf_and_audits(ws, family_case, cli_env, tmp_path, capsys):
    out = tmp_path / "diagnoza.pdf"
    before = audit.count_events(ws, family_case.family_id)
    code = cli.main(
        [*cli_env, "print", "diagnosis", "--family", family_case.family_id, "-o", str(out)]
    )
    assert code == 0, capsys.readouterr().err
    pdf = out.read_bytes()
    text = pdfcheck.text(pdf)
    assert "Diagnoza sytuacji rodziny" in text and "Grażyna Źdźbło-Łęcka" in text
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert list(tmp_path.glob(".diagnoza.pdf.tmp-*")) == []
    assert audit.count_events(ws, family_case.family_id) == before + 1
    event = _events(ws, family_case.family_id)[0]
    assert (event.action, event.detail, event.record_id) == (
        "print",
        "diagnosis",
        family_case.diagnosis_id,
    )
    assert "Zapisano" in capsys.readouterr().err


def test_cli_print_visit_review_and_agreement(ws, family_case, cli_env, tmp_path):
    team_id, agreement_id = add_agreement(ws, family_case)
    runs = {
        "visit.pdf": ["visit", "--family", family_case.family_id, "--visit", family_case.visit_id],
        "review.pdf": [
            "review",
            "--family",
            family_case.family_id,
            "--review",
            family_case.review_id,
        ],
        "agreement.pdf": ["agreement", "--team", team_id],
        "blank.pdf": ["blank-visit", "--family", family_case.family_id],
    }
    for name, args in runs.items():
        assert cli.main([*cli_env, "print", *args, "-o", str(tmp_path / name)]) == 0, name
    assert "PZK/7/2026" in pdfcheck.text((tmp_path / "agreement.pdf").read_bytes())
    events = audit.list_events(ws, limit=20)
    assert any(e.action == "print" and e.record_id == agreement_id for e in events)


def test_cli_errors_are_polish_with_exit_codes(ws, family_case, cli_env, tmp_path, capsys):
    empty = families.register_family(
        ws, families.FamilyInput(gmina_code=OPS_GMINA, locality="Siemianówka")
    )
    out = tmp_path / "x.pdf"
    code = cli.main([*cli_env, "print", "diagnosis", "--family", empty.id, "-o", str(out)])
    assert code == 5
    assert "Błąd: Ta rodzina nie ma jeszcze diagnozy." in capsys.readouterr().err
    assert not out.exists()
    assert cli.main([*cli_env, "print", "agreement", "--family", empty.id, "-o", str(out)]) == 2
    assert "--team" in capsys.readouterr().err
    assert cli.main([*cli_env, "print", "diagnosis", "-o", str(out)]) == 2
    assert (
        cli.main(
            [*cli_env, "print", "visit", "--family", empty.id, "--review", "x", "-o", str(out)]
        )
        == 2
    )
    assert (
        cli.main(
            [
                *cli_env,
                "print",
                "diagnosis",
                "--family",
                family_case.family_id,
                "-o",
                str(tmp_path / "x.txt"),
            ]
        )
        == 2
    )
    assert (
        cli.main(
            [
                *cli_env,
                "print",
                "diagnosis",
                "--family",
                family_case.family_id,
                "-o",
                str(tmp_path / "no" / "x.pdf"),
            ]
        )
        == 0  # a missing folder is created, as for a backup (issue 9)
    )
    assert (tmp_path / "no" / "x.pdf").exists()
    assert not out.exists()
