"""Who took part in a diagnosis or a diagnostic workshop: one input type and one rule for both.

A participant is an institution (which must exist), a member of *this* family, or another
person named in words.  The diagnosis and the workshop services call ``check_participant``
before they write anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import _
from app.models import Institution, Person
from app.models.enums import ParticipantKind
from app.services.common import get_live
from app.services.validation import check_choice


@dataclass
class ParticipantInput:
    kind: str  # ParticipantKind
    institution_id: str | None = None
    person_id: str | None = None
    name: str = ""
    role: str = ""


def participant_key(
    kind: str, institution_id: str | None, person_id: str | None, name: str | None
) -> tuple[str, str, str, str]:
    """A participant's identity (the natural key of its row)."""
    return (kind, institution_id or "", person_id or "", (name or "").strip())


def check_participant(s: Session, family_id: str, p: ParticipantInput) -> None:
    """Refuse a participant who cannot have taken part in this family's meeting."""
    check_choice(p.kind, ParticipantKind, "participants", _("Participant"))
    if p.kind == ParticipantKind.INSTITUTION:
        if not p.institution_id:
            raise ValidationError(_("Choose the institution that took part."), "participants")
        get_live(s, Institution, p.institution_id)
    elif p.kind == ParticipantKind.FAMILY:
        person = s.get(Person, p.person_id) if p.person_id else None
        if person is None or person.deleted or person.family_id != family_id:
            raise ValidationError(_("Choose the family member who took part."), "participants")
    elif not p.name.strip():
        raise ValidationError(_("Give the name of the person who took part."), "participants")
