"""Small helpers every service uses: fetching live rows, applying only changed fields."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy.orm import Session

from app.errors import NotFound
from app.i18n import _
from app.models import SyncMixin

T = TypeVar("T", bound=SyncMixin)


def get_live(session: Session, model: type[T], record_id: str | None) -> T:
    """The row with this id unless it is missing or tombstoned."""
    obj = session.get(model, record_id) if record_id else None
    if obj is None or obj.deleted:
        raise NotFound(_("The record was not found (it may have been deleted)."))
    return obj


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
