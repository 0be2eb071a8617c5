"""Warsztat diagnostyczny: the joint diagnosis is made at a workshop with the family.

The workshop records when and where it was held, who moderated it, the institutions and family
members present (its attendance list prints for signatures) and what was agreed.  The diagnosis
it produced points to it (``Diagnosis.workshop_id``, set with ``link_diagnosis``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from app.errors import ValidationError
from app.i18n import _
from app.models import (
    Diagnosis,
    DiagnosticWorkshop,
    Family,
    WorkshopParticipant,
)
from app.services import audit
from app.services.common import apply, get_live, upsert
from app.services.participants import ParticipantInput, check_participant, participant_key
from app.services.validation import check_length
from app.services.workspace import Workspace

MAX_TEXT = 50_000


AttendeeInput = ParticipantInput  # who took part: the diagnosis's input, checked by one rule


@dataclass
class WorkshopInput:
    held_on: date
    place: str = ""
    moderator: str = ""
    agreed: str = ""
    notes: str = ""
    participants: list[AttendeeInput] = field(default_factory=list)


def _key(p: AttendeeInput) -> tuple[str, str, str, str]:
    return participant_key(p.kind, p.institution_id, p.person_id, p.name)


def save_workshop(
    ws: Workspace, family_id: str, data: WorkshopInput, workshop_id: str | None = None
) -> DiagnosticWorkshop:
    with ws.transaction() as s:
        family = get_live(s, Family, family_id)
        if data.held_on > date.today():
            raise ValidationError(_("The workshop date is in the future."), "held_on")
        fields = {
            "held_on": data.held_on,
            "place": check_length(data.place, "place", _("Place"), 200),
            "moderator": check_length(data.moderator, "moderator", _("Moderator"), 200),
            "agreed": check_length(data.agreed, "agreed", _("What was agreed"), MAX_TEXT),
            "notes": check_length(data.notes, "notes", _("Notes"), MAX_TEXT),
        }
        wanted: dict[tuple[str, str, str, str], dict] = {}
        for position, p in enumerate(data.participants, start=1):
            check_participant(s, family.id, p)
            wanted.setdefault(
                _key(p),
                {
                    "position": position,
                    "role": check_length(p.role, "participants", _("Role"), 200),
                },
            )
        workshop, changed = upsert(s, DiagnosticWorkshop, workshop_id, fields, family_id=family.id)
        if workshop.family_id != family.id:
            raise ValidationError(_("The workshop belongs to another family."), "family_id")
        changed |= _sync_participants(s, workshop.id, wanted)
        if changed:
            audit.record_save(s, workshop_id, "diagnostic_workshop", workshop.id, family.id)
        return workshop


def _sync_participants(s, workshop_id: str, wanted: dict) -> bool:
    # The natural key of a participant is its whole identity; sync_children wants one column,
    # so key the rows on a composed value and spell the identity out on creation.
    keyed = {}
    for (kind, iid, pid, name), values in wanted.items():
        keyed["|".join((kind, iid, pid, name))] = values
    rows = s.scalars(
        select(WorkshopParticipant).where(
            WorkshopParticipant.workshop_id == workshop_id,
            WorkshopParticipant.deleted.is_(False),
        )
    )
    current = {
        "|".join((r.kind, r.institution_id or "", r.person_id or "", r.name)): r for r in rows
    }
    changed = False
    for k, row in current.items():
        if k not in keyed:
            row.deleted = True
            changed = True
    for k, values in keyed.items():
        if k in current:
            changed |= apply(current[k], **values)
            continue
        kind, iid, pid, name = k.split("|", 3)
        s.add(
            WorkshopParticipant(
                workshop_id=workshop_id,
                kind=kind,
                institution_id=iid or None,
                person_id=pid or None,
                name=check_length(name, "participants", _("Name"), 200),
                **values,
            )
        )
        changed = True
    return changed


def link_diagnosis(ws: Workspace, diagnosis_id: str, workshop_id: str | None) -> Diagnosis:
    """Point a diagnosis to the workshop that produced it (None unlinks)."""
    if not diagnosis_id:
        raise ValidationError(_("Choose the diagnosis made at the workshop."), "diagnosis_id")
    with ws.transaction() as s:
        diagnosis = get_live(s, Diagnosis, diagnosis_id)
        if workshop_id:
            workshop = get_live(s, DiagnosticWorkshop, workshop_id)
            if workshop.family_id != diagnosis.family_id:
                raise ValidationError(_("The workshop belongs to another family."), "workshop_id")
            if diagnosis.made_on < workshop.held_on:
                raise ValidationError(
                    _("The diagnosis cannot come before the workshop that produced it."),
                    "workshop_id",
                )
        if apply(diagnosis, workshop_id=workshop_id or None):
            audit.record(
                s, "update", "diagnosis", diagnosis.id, diagnosis.family_id, detail="workshop"
            )
        return diagnosis


def get_workshop(ws: Workspace, workshop_id: str) -> DiagnosticWorkshop:
    with ws.transaction() as s:
        w = get_live(s, DiagnosticWorkshop, workshop_id)
        for p in w.participants:
            _unused = (p.institution, p.person)
        audit.record(s, "view", "diagnostic_workshop", w.id, w.family_id)
        return w
