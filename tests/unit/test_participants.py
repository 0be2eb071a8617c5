"""Who took part in a diagnosis or a diagnostic workshop: one rule for both records.

A participant from the family must be a member of *this* family, an institution must exist;
a refused save writes nothing.
"""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import func, select

from app.errors import KooperacjaError, ValidationError
from app.models import DiagnosisParticipant, WorkshopParticipant
from app.models.enums import ParticipantKind
from app.services import diagnosis, workshops
from app.services.participants import ParticipantInput


def _count(ws, model) -> int:
    with ws.transaction() as s:
        return s.scalar(select(func.count()).select_from(model))


BAD = [
    (lambda stranger: ParticipantInput(ParticipantKind.FAMILY, person_id=stranger), "członka"),
    (lambda _s: ParticipantInput(ParticipantKind.FAMILY), "członka"),
    (lambda _s: ParticipantInput(ParticipantKind.INSTITUTION), "instytucję"),
    (
        lambda _s: ParticipantInput(ParticipantKind.INSTITUTION, institution_id=str(uuid.uuid4())),
        "",
    ),
    (lambda _s: ParticipantInput(ParticipantKind.OTHER, name="  "), "osoby"),
    (lambda _s: ParticipantInput("neighbour", name="Jan"), ""),
]


@pytest.mark.parametrize(("make", "fragment"), BAD)
def test_a_diagnosis_refuses_who_cannot_have_taken_part(ws, family_case, stranger, make, fragment):
    before = _count(ws, DiagnosisParticipant)
    data = diagnosis.DiagnosisInput(date.today(), causes="x", participants=[make(stranger)])
    with pytest.raises(KooperacjaError) as info:
        diagnosis.save_diagnosis(ws, family_case.family_id, data)
    assert fragment in info.value.message
    assert _count(ws, DiagnosisParticipant) == before


@pytest.mark.parametrize(("make", "fragment"), BAD)
def test_a_workshop_refuses_the_same(ws, family_case, stranger, make, fragment):
    data = workshops.WorkshopInput(date.today(), participants=[make(stranger)])
    with pytest.raises(KooperacjaError) as info:
        workshops.save_workshop(ws, family_case.family_id, data)
    assert fragment in info.value.message
    assert _count(ws, WorkshopParticipant) == 0


def test_members_and_institutions_of_the_case_take_part(ws, family_case):
    ff_people = [family_case.mother_id]
    data = diagnosis.DiagnosisInput(
        date.today(),
        participants=[
            ParticipantInput(ParticipantKind.FAMILY, person_id=ff_people[0]),
            ParticipantInput(
                ParticipantKind.INSTITUTION, institution_id=family_case.institution_ids["pup"]
            ),
            ParticipantInput(ParticipantKind.OTHER, name="Jan Sołtys", role="sołtys"),
        ],
    )
    saved = diagnosis.save_diagnosis(ws, family_case.family_id, data)
    with ws.transaction() as s:
        rows = s.scalars(
            select(DiagnosisParticipant).where(DiagnosisParticipant.diagnosis_id == saved.id)
        ).all()
    assert {r.kind for r in rows} == {"family", "institution", "other"}
    with pytest.raises(ValidationError):  # the same input type feeds the workshop
        workshops.save_workshop(
            ws,
            family_case.family_id,
            workshops.WorkshopInput(date.today(), participants=[ParticipantInput("x")]),
        )
