"""Dates on the RODO documents are written as on every Polish form, moments in local time.

The art. 15 copy read "stan na 2026-12-01", "Data urodzenia 1979-03-05" and "2026-12-01 15:55"
(UTC, an hour early in Warsaw) for the coordinator's bundle; the art. 30 register "stan na
2026-12-01" and "Ośrodek … Narewka Narewka" (name and address run together).  Seen on the PDFs
of the GUI walk.
"""

from __future__ import annotations

import io
import re

import pypdf
from sqlalchemy import select

from app.models import AuditEvent, Person
from app.printing.access import subject_access_pdf
from app.printing.register import register_pdf
from app.printing.service import render_document
from app.services.rodo import access, register
from tests.factories import make_full_case

ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_the_art_15_copy_writes_days_and_local_times_the_polish_way(ws, warsaw):
    case = make_full_case(ws)
    render_document(ws, "plan", family_id=case.family_id)
    with ws.transaction() as s:
        mother = s.get(Person, case.mother_id)
        assert mother is not None and mother.birth_date is not None
        born = mother.birth_date
        printed = s.scalars(select(AuditEvent.at).where(AuditEvent.action == "print")).first()
    assert printed is not None
    text = _text(subject_access_pdf(access.subject_access(ws, case.mother_id)))
    assert ISO.findall(text) == []
    assert born.strftime("%d.%m.%Y") in text
    assert printed.astimezone().strftime("%d.%m.%Y %H:%M") in text  # local, not UTC


def test_the_register_writes_its_day_and_the_controller_the_polish_way(ws):
    entry = register.collect(ws)
    text = _text(register_pdf(entry))
    assert ISO.findall(text) == []
    assert entry.generated_on.strftime("%d.%m.%Y") in text


def test_the_register_and_the_consent_clause_name_one_iod(ws):
    """The IOD was kept twice: Ustawienia's (the consent's RODO clause) and the RODO screen's
    register field, so docs/forms' register read "nie ustawiono" beside consents naming one."""
    from app.services import controller

    controller.set_iod_contact(ws, "iod@narewka.example.pl")
    assert register.iod_contact(ws) == "iod@narewka.example.pl"
    assert "iod@narewka.example.pl" in _text(register_pdf(register.collect(ws)))
    register.set_iod_contact(ws, "Jan Nowak, iod@gmina.example.pl")
    assert controller.get_controller(ws).iod_contact == "Jan Nowak, iod@gmina.example.pl"
