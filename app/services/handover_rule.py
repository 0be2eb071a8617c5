"""The rule that a family handed over to another gmina is read-only on its former OPS's device.

Called by the workspace for every case row a service writes on an OPS device; sync imports
(another device's versions) do not pass through it.  See ``app.services.handover``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, literal, select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import _
from app.models import (
    CASE_MODELS,
    Consent,
    Diagnosis,
    DiagnosticWorkshop,
    Family,
    FamilyTransfer,
    Review,
    SupportPlan,
)
from app.models.enums import FamilyStatus

# Case rows that reach their family through a parent: (attribute, parent model).
PARENTS: tuple[tuple[str, Any], ...] = (  # each model has `id` and `family_id`
    ("plan_id", SupportPlan),
    ("review_id", Review),
    ("diagnosis_id", Diagnosis),
    ("consent_id", Consent),
    ("workshop_id", DiagnosticWorkshop),
)


def _family_of(session: Session, obj: Any) -> str | None:
    if isinstance(obj, Family):
        return obj.id
    family = getattr(obj, "family_id", None)
    if family:
        return family
    for attr, parent in PARENTS:
        parent_id = getattr(obj, attr, None)
        if parent_id:
            row = session.get(parent, parent_id)
            return row.family_id if row is not None else None
    return None


def is_trace(gmina_code: str, handed_over_from: list[str]) -> bool:
    """Whether a family held with ``gmina_code`` is the trace of a handover: it was handed over
    from that gmina (the rule ``still_here`` says in SQL)."""
    return gmina_code in handed_over_from


def still_here():
    """SQL condition: the family is not a trace left here by a handover (its gmina is not one it
    was handed over from).  On the old OPS's device the family keeps its old gmina; on the
    coordinator's and the new OPS's it has the new one.  For lists and deadlines."""
    return ~(
        select(FamilyTransfer.id)
        .where(
            FamilyTransfer.family_id == Family.id,
            FamilyTransfer.from_gmina_code == Family.gmina_code,
            FamilyTransfer.deleted.is_(False),
        )
        .exists()
    )


def effective_status():
    """SQL expression: the family's status as this device shows it — "closed" for the trace a
    handover left here (``still_here`` false), else its own status.  For lists and filters."""
    return case((still_here(), Family.status), else_=literal(FamilyStatus.CLOSED.value))


def handed_over_from(session: Session, family_id: str, gmina_code: str) -> bool:
    """Whether the family has been handed over from ``gmina_code`` (the rule, once)."""
    return (
        session.scalar(
            select(FamilyTransfer.id).where(
                FamilyTransfer.family_id == family_id,
                FamilyTransfer.from_gmina_code == gmina_code,
                FamilyTransfer.deleted.is_(False),
            )
        )
        is not None
    )


def check_writable(session: Session, obj: Any, unit_code: str) -> None:
    """Refuse a write to a case row of a family this OPS has handed over (its closed trace)."""
    if isinstance(obj, FamilyTransfer) or type(obj) not in _CASE_TYPES:
        return
    with session.no_autoflush:
        # The families handed over from this gmina, read once per session (usually none), so
        # that a transaction writing thousands of rows does not query for each of them.
        handed = session.info.get("handed_over")
        if handed is None:
            handed = set(
                session.scalars(
                    select(FamilyTransfer.family_id).where(
                        FamilyTransfer.from_gmina_code == unit_code,
                        FamilyTransfer.deleted.is_(False),
                    )
                )
            )
            session.info["handed_over"] = handed
        if not handed:
            return
        family = _family_of(session, obj)
        if family and family in handed:
            raise ValidationError(
                _("This family was handed over to another gmina; its file here is read-only."),
                "family_id",
            )


_CASE_TYPES = frozenset(CASE_MODELS)
