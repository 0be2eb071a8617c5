"""Who took part in a diagnosis or a diagnostic workshop: one checklist for both forms.

The rows are the team's (and the case team's) institutions, the family's members and any other
person named before; a checked row becomes the service's participant input (institution,
family member or other person, with a role).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from app.i18n import _
from app.models.enums import ParticipantKind
from app.services.casefile import FamilyFile
from app.services.lookups import Lookups
from app.ui.kit.checklist_table_model import ChecklistTableModel, CheckRow

T = TypeVar("T")


def participant_rows(ff: FamilyFile, lookups: Lookups, existing: Iterable[Any]) -> list[CheckRow]:
    """The rows to tick: the team's institutions (else all), the members, other people named."""
    existing = list(existing)
    wanted = set(lookups.team_institution_ids)
    wanted |= {m.institution_id for m in ff.team if m.institution_id}
    wanted |= {p.institution_id for p in existing if p.institution_id}
    institutions = [i for i in lookups.institutions if i.id in wanted] or lookups.institutions
    rows = [CheckRow(f"i:{i.id}", i.display_name, _("institution")) for i in institutions]
    rows += [CheckRow(f"p:{p.id}", p.full_name, _("family member")) for p in ff.persons]
    rows += [
        CheckRow(f"o:{p.id}", p.name, _("other person"), label_editable=True)
        for p in existing
        if p.kind == ParticipantKind.OTHER
    ]
    return rows


def participant_key(p: Any) -> str:
    """The checklist key of a stored participant."""
    if p.kind == ParticipantKind.INSTITUTION:
        return f"i:{p.institution_id}"
    if p.kind == ParticipantKind.FAMILY:
        return f"p:{p.person_id}"
    return f"o:{p.id}"


def participant_values(participants: Iterable[Any]) -> dict[str, list[Any]]:
    """The checklist's value for the stored participants (ticked, with their role)."""
    return {participant_key(p): [True, "", p.role] for p in participants}


def read_participants(model: ChecklistTableModel, make: Callable[..., T]) -> list[T]:
    """The ticked rows as participant inputs (``make`` is the service's input class)."""
    out = []
    for row in model.checked_rows():
        kind, _sep, ident = row.key.partition(":")
        role = row.texts[0] if row.texts else ""
        if kind == "i":
            out.append(make(ParticipantKind.INSTITUTION, institution_id=ident, role=role))
        elif kind == "p":
            out.append(make(ParticipantKind.FAMILY, person_id=ident, role=role))
        else:
            out.append(make(ParticipantKind.OTHER, name=row.label, role=role))
    return out


def add_other_row(model: ChecklistTableModel) -> int:
    """A new "other person" row, ticked, its name to be typed; returns its row number."""
    return model.add_row(
        CheckRow(
            f"o:new{model.rowCount()}", _("(name)"), _("other person"), True, label_editable=True
        )
    )
