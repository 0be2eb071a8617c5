"""Corrections (art. 16 RODO): a person asks for their data to be put right.

``correct_person`` changes the named fields through the ordinary use case (``persons.
update_person``: the same validation as the form), then records a ``correct`` audit event naming
who corrected which fields (never the values).  The change travels to the coordinator like any
edit (a new version of the row, merged per field), and the event travels with this device's
audit chain.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from app.errors import NotFound, ValidationError
from app.i18n import _
from app.models import Person
from app.services import audit, persons
from app.services.workspace import Workspace

_DATES = frozenset({"birth_date", "disability_until"})
CORRECTABLE = tuple(f.name for f in dataclasses.fields(persons.PersonInput))


def current(ws: Workspace, person_id: str) -> dict[str, str]:
    """The correctable fields as they are recorded now, as text (dates as YYYY-MM-DD)."""
    with ws.transaction() as s:
        person = s.get(Person, person_id)
        if person is None or person.deleted:
            raise NotFound(_("There is no such person."))
        out: dict[str, str] = {}
        for name in CORRECTABLE:
            value = getattr(person, name)
            out[name] = value.isoformat() if isinstance(value, date) else str(value or "")
        return out


def correct_person(ws: Workspace, person_id: str, changes: dict[str, str]) -> list[str]:
    """Apply the corrections; return the fields that really changed (empty: nothing to do)."""
    unknown = sorted(set(changes) - set(CORRECTABLE))
    if unknown:
        raise ValidationError(
            _("{field} cannot be corrected here (fields: {known}).").format(
                field=unknown[0], known=", ".join(CORRECTABLE)
            ),
            unknown[0],
        )
    with ws.transaction() as s:
        person = s.get(Person, person_id)
        if person is None or person.deleted:
            raise NotFound(_("There is no such person."))
        current = {name: getattr(person, name) for name in CORRECTABLE}
    values = dict(current)
    for name, text in changes.items():
        if name in _DATES:
            try:
                values[name] = date.fromisoformat(text) if text else None
            except ValueError:
                raise ValidationError(_("Give the date as YYYY-MM-DD."), name) from None
        else:
            values[name] = text
    changed = sorted(name for name in CORRECTABLE if values[name] != current[name])
    if not changed:
        return []
    persons.update_person(ws, person_id, persons.PersonInput(**values))
    with ws.transaction() as s:
        person = s.get(Person, person_id)
        assert person is not None
        audit.record(
            s, "correct", "person", person_id, person.family_id, detail=",".join(changed)[:200]
        )
    return changed
