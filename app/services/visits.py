"""The visit log: home visits and other contacts, planned and done."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.errors import ValidationError
from app.i18n import _
from app.models import Family, Visit
from app.models.enums import VisitStatus
from app.services import audit
from app.services.common import get_live, tombstone, upsert
from app.services.date_rules import check_work_date
from app.services.validation import check_choice, check_length
from app.services.workspace import Workspace


@dataclass
class VisitInput:
    visit_on: date
    status: str = VisitStatus.DONE
    purpose: str = ""
    present: str = ""
    notes: str = ""
    worker: str = ""
    next_visit_on: date | None = None


def save_visit(
    ws: Workspace, family_id: str, data: VisitInput, visit_id: str | None = None
) -> Visit:
    with ws.transaction() as s:
        family = get_live(s, Family, family_id)
        check_choice(data.status, VisitStatus, "status", _("Status"))
        if data.status == VisitStatus.DONE and data.visit_on > date.today():
            raise ValidationError(
                _("A visit in the future can only be planned, not done."), "visit_on"
            )
        check_work_date(data.visit_on, "visit_on")
        check_work_date(data.next_visit_on, "next_visit_on")
        if data.next_visit_on and data.next_visit_on <= data.visit_on:
            raise ValidationError(_("The next visit must come after this one."), "next_visit_on")
        fields = {
            "visit_on": data.visit_on,
            "status": data.status,
            "purpose": check_length(data.purpose, "purpose", _("Purpose"), 300),
            "present": check_length(data.present, "present", _("Present"), 500),
            "notes": check_length(data.notes, "notes", _("Notes"), 50_000),
            "worker": check_length(data.worker or ws.actor, "worker", _("Worker"), 200),
            "next_visit_on": data.next_visit_on,
        }
        visit, changed = upsert(s, Visit, visit_id, fields, family_id=family.id)
        if changed:
            audit.record_save(s, visit_id, "visit", visit.id, family.id)
        return visit


def remove_visit(ws: Workspace, visit_id: str) -> None:
    with ws.transaction() as s:
        visit = get_live(s, Visit, visit_id)
        tombstone(visit)
        audit.record(s, "delete", "visit", visit.id, visit.family_id)
