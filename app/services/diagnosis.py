"""The joint diagnosis: saving the four axes, domain ratings and participants as one form."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import _
from app.models import Diagnosis, DiagnosisParticipant, DomainRating, Family, LifeDomain
from app.models.enums import FamilyStatus
from app.services import audit
from app.services.common import apply, get_live, tombstone, upsert
from app.services.families import advance_status
from app.services.participants import ParticipantInput, check_participant, participant_key
from app.services.record_rules import RANGES
from app.services.validation import check_length, check_rating
from app.services.workspace import Workspace

# The diagnosis's narrative fields: the free text the model keeps as sensitive.
TEXT_FIELDS: tuple[str, ...] = Diagnosis.__sensitive__
MAX_TEXT = 50_000


@dataclass
class RatingInput:
    domain_code: str
    rating: int | None = None
    note: str = ""


@dataclass
class DiagnosisInput:
    made_on: date
    causes: str = ""
    strengths: str = ""
    weaknesses: str = ""
    resources: str = ""
    deficits: str = ""
    needs: str = ""
    expectations: str = ""
    family_view: str = ""
    conclusions: str = ""
    finalized: bool = False
    ratings: list[RatingInput] = field(default_factory=list)
    participants: list[ParticipantInput] = field(default_factory=list)


def save_diagnosis(
    ws: Workspace, family_id: str, data: DiagnosisInput, diagnosis_id: str | None = None
) -> Diagnosis:
    """Create or update a diagnosis; rows of unchanged ratings keep their ids and versions."""
    with ws.transaction() as s:
        family = get_live(s, Family, family_id)
        fields: dict[str, Any] = {
            f: check_length(getattr(data, f), f, f, MAX_TEXT) for f in TEXT_FIELDS
        }
        if data.made_on > date.today():
            raise ValidationError(_("The diagnosis date is in the future."), "made_on")
        fields.update(made_on=data.made_on, finalized=bool(data.finalized))
        diagnosis, changed = upsert(
            s, Diagnosis, diagnosis_id, fields, family_id=family.id, author=ws.actor
        )
        changed |= _save_ratings(s, diagnosis, data.ratings)
        changed |= _save_participants(s, diagnosis, data.participants)
        advance_status(s, family, FamilyStatus.DIAGNOSIS)
        if changed:
            audit.record_save(s, diagnosis_id, "diagnosis", diagnosis.id, family.id)
        return diagnosis


def _save_ratings(s: Session, diagnosis: Diagnosis, ratings: list[RatingInput]) -> bool:
    known = set(s.scalars(select(LifeDomain.code)))
    current = {
        r.domain_code: r
        for r in s.scalars(
            select(DomainRating).where(
                DomainRating.diagnosis_id == diagnosis.id, DomainRating.deleted.is_(False)
            )
        )
    }
    changed = False
    seen = set()
    for item in ratings:
        if item.domain_code not in known:
            raise ValidationError(_("Unknown life domain."), "ratings")
        if item.domain_code in seen:
            continue
        seen.add(item.domain_code)
        rating = check_rating(item.rating, *RANGES[("domain_rating", "rating")], "ratings")
        note = check_length(item.note, "ratings", _("Note"), MAX_TEXT)
        row = current.get(item.domain_code)
        if row is None:
            if rating is None and not note:
                continue
            s.add(
                DomainRating(
                    diagnosis_id=diagnosis.id,
                    domain_code=item.domain_code,
                    rating=rating,
                    note=note,
                )
            )
            changed = True
        else:
            changed |= apply(row, rating=rating, note=note)
    return changed


def _participant_key(p: ParticipantInput | DiagnosisParticipant) -> tuple[str, str, str, str]:
    return participant_key(p.kind, p.institution_id, p.person_id, p.name)


def _save_participants(
    s: Session, diagnosis: Diagnosis, participants: list[ParticipantInput]
) -> bool:
    current = {
        _participant_key(p): p
        for p in s.scalars(
            select(DiagnosisParticipant).where(
                DiagnosisParticipant.diagnosis_id == diagnosis.id,
                DiagnosisParticipant.deleted.is_(False),
            )
        )
    }
    wanted = {}
    for p in participants:
        check_participant(s, diagnosis.family_id, p)
        wanted[_participant_key(p)] = p
    changed = False
    for key, row in current.items():
        if key not in wanted:
            tombstone(row)
            changed = True
        else:
            changed |= apply(row, role=check_length(wanted[key].role, "participants", "", 200))
    for key, p in wanted.items():
        if key not in current:
            s.add(
                DiagnosisParticipant(
                    diagnosis_id=diagnosis.id,
                    kind=p.kind,
                    institution_id=p.institution_id or None,
                    person_id=p.person_id or None,
                    name=check_length(p.name, "participants", _("Name"), 200),
                    role=check_length(p.role, "participants", _("Role"), 200),
                )
            )
            changed = True
    return changed
