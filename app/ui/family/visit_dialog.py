"""A visit or other contact with the family: planned or done, who was there, notes."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QFormLayout, QWidget

from app.i18n import _
from app.models import Visit
from app.models.enums import VisitStatus
from app.services import visits
from app.services.form_keys import FormKey
from app.ui.context import AppContext
from app.ui.family.case_record_dialog import CaseRecordDialog
from app.ui.kit.date_field import form_day
from app.ui.kit.form_kit import (
    ChoiceCombo,
    DateEdit,
    OptionalDateEdit,
    buddy_label,
    line_edit,
    text_edit,
)
from app.ui.kit.record_dialog import Submit
from app.ui.kit.screen_fit import resize_to_fit


class VisitDialog(CaseRecordDialog):
    def __init__(
        self,
        ctx: AppContext,
        family_id: str,
        case_number: str,
        visit: Visit | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx,
            FormKey("visit", family_id, record_id=visit.id if visit else "new"),
            case_number,
            (_("Visit"), _("New visit")),
            parent,
        )
        self.family_id, self.visit = family_id, visit
        b = self.binding
        self.visit_on = b.add("visit_on", DateEdit())
        self.status = b.add("status", ChoiceCombo())
        self.status.set_choices(VisitStatus.choices())
        self.purpose = b.add("purpose", line_edit(300))
        self.present = b.add("present", line_edit(500))
        self.worker = b.add("worker", line_edit(200))
        self.next_visit_on = b.add("next_visit_on", OptionalDateEdit())
        self.notes = b.add("notes", text_edit(8))
        form = QWidget()
        f = QFormLayout(form)
        f.addRow(buddy_label(_("&Date:"), self.visit_on), self.visit_on)
        f.addRow(buddy_label(_("&Status:"), self.status), self.status)
        f.addRow(buddy_label(_("&Purpose:"), self.purpose), self.purpose)
        f.addRow(buddy_label(_("P&resent:"), self.present), self.present)
        f.addRow(buddy_label(_("&Worker:"), self.worker), self.worker)
        f.addRow(buddy_label(_("&Next visit:"), self.next_visit_on), self.next_visit_on)
        f.addRow(buddy_label(_("N&otes:"), self.notes), self.notes)
        values: dict[str, Any] = {"status": VisitStatus.DONE, "worker": ctx.ws.actor}
        if visit is not None:
            values = {
                "visit_on": visit.visit_on.isoformat(),
                "status": visit.status,
                "purpose": visit.purpose,
                "present": visit.present,
                "worker": visit.worker,
                "next_visit_on": visit.next_visit_on,
                "notes": visit.notes,
            }
        self.finish_setup(form, values)
        resize_to_fit(self, 680, 560)

    def submit(self) -> Submit:
        v = self.binding.values()
        data = visits.VisitInput(
            visit_on=date.fromisoformat(v["visit_on"]),
            status=v["status"],
            purpose=v["purpose"],
            present=v["present"],
            notes=v["notes"],
            worker=v["worker"],
            next_visit_on=form_day(v["next_visit_on"]),
        )
        visit_id = self.visit.id if self.visit else None
        return visits.save_visit, (self.ctx.ws, self.family_id, data, visit_id)
