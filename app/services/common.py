"""Small helpers every service uses: fetching live rows (and a family's member named in a
record), applying only changed fields."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.errors import NotFound, ValidationError
from app.i18n import _
from app.models import Person, SyncMixin

T = TypeVar("T", bound=SyncMixin)


def get_live(session: Session, model: type[T], record_id: str | None) -> T:
    """The row with this id unless it is missing or tombstoned."""
    obj = session.get(model, record_id) if record_id else None
    if obj is None or obj.deleted:
        raise NotFound(_("The record was not found (it may have been deleted)."))
    return obj


def family_member(
    session: Session, family_id: str, person_id: str | None, field: str
) -> Person | None:
    """The person named in a family's record (``field``), who must be a member of that family;
    ``None`` when the record names nobody."""
    if not person_id:
        return None
    person = get_live(session, Person, person_id)
    if person.family_id != family_id:
        raise ValidationError(_("This person is not a member of the family."), field)
    return person


def apply(obj: Any, **fields: Any) -> bool:
    """Set only the fields whose value differs, so an unchanged form makes no new version
    (and a later sync merge sees exactly which fields this device edited)."""
    changed = False
    for name, value in fields.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def tombstone(obj: SyncMixin) -> None:
    """Delete by marking: the row stays so the deletion can be synchronised and audited."""
    obj.deleted = True


def upsert(
    session: Session, model: type[T], record_id: str | None, fields: dict[str, Any], **new: Any
) -> tuple[T, bool]:
    """Update the live row ``record_id`` with ``fields`` (only what differs), or create it with
    ``fields`` and the creation-only values ``new``; returns the row and whether it changed."""
    if record_id:
        obj = get_live(session, model, record_id)
        return obj, apply(obj, **fields)
    obj = model(**new, **fields)
    session.add(obj)
    session.flush()
    return obj, True


def sync_children(
    session: Session,
    parent_fk: InstrumentedAttribute,
    parent_id: str,
    key: str,
    wanted: dict[Any, dict[str, Any]],
    on_create: dict[str, Any] | None = None,
) -> bool:
    """Make a parent's live children match ``wanted`` (key value → other fields): tombstone
    those no longer wanted, update the kept ones (only what differs), add the new ones (with
    ``on_create`` values too).  Returns whether anything changed."""
    model: Any = parent_fk.class_
    rows = session.scalars(select(model).where(parent_fk == parent_id, model.deleted.is_(False)))
    current = {getattr(r, key): r for r in rows}
    changed = False
    for k, row in current.items():
        if k not in wanted:
            tombstone(row)
            changed = True
    for k, values in wanted.items():
        if k in current:
            changed |= apply(current[k], **values)
        else:
            session.add(model(**{parent_fk.key: parent_id, key: k}, **(on_create or {}), **values))
            changed = True
    return changed
