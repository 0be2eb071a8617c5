"""An action of the support plan: which institution (sector, service) does what, when, how often.

Choosing an institution fills in its sector; "dropped" needs a reason, so the reason field is
enabled only then.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QWidget

from app.i18n import _
from app.models import Action, SupportPlan
from app.models.enums import ActionStatus
from app.services import plans
from app.services.form_keys import FormKey
from app.services.lookups import Lookups
from app.ui.context import AppContext
from app.ui.family.case_record_dialog import CaseRecordDialog
from app.ui.kit.date_field import form_day
from app.ui.kit.form_kit import (
    ChoiceCombo,
    OptionalDateEdit,
    buddy_label,
    line_edit,
    text_edit,
)
from app.ui.kit.record_dialog import Submit
from app.ui.kit.screen_fit import resize_to_fit


class ActionDialog(CaseRecordDialog):
    def __init__(
        self,
        ctx: AppContext,
        family_id: str,
        plan: SupportPlan,
        case_number: str,
        lookups: Lookups,
        action: Action | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx,
            FormKey("action", family_id, plan.id, action.id if action else "new"),
            case_number,
            (_("Action"), _("New action")),
            parent,
        )
        self.plan_id, self.action, self.lookups = plan.id, action, lookups
        b = self.binding
        self.description = b.add("description", text_edit(2))
        self.goal = b.add("goal_id", ChoiceCombo())
        self.goal.set_choices([(g.id, g.title) for g in plan.goals], empty=_("— no goal —"))
        self.institution = b.add("institution_id", ChoiceCombo())
        self.institution.set_choices(lookups.institution_choices(), empty=_("— none —"))
        self.sector = b.add("sector_code", ChoiceCombo())
        self.sector.set_choices([(c.code, c.label) for c in lookups.sectors], empty=_("— none —"))
        self.service = b.add("service_id", ChoiceCombo())
        self.service.set_choices(lookups.service_choices(), empty=_("— none —"))
        self.responsible = b.add("responsible_person", line_edit(200))
        self.start_on = b.add("start_on", OptionalDateEdit())
        self.end_on = b.add("end_on", OptionalDateEdit())
        self.frequency = b.add("frequency", line_edit(100))
        self.frequency.setPlaceholderText(_("e.g. once a week"))
        self.status = b.add("status", ChoiceCombo())
        self.status.set_choices(ActionStatus.choices())
        self.drop_reason = b.add("drop_reason", text_edit(2))

        form = QWidget()
        f = QFormLayout(form)
        f.addRow(buddy_label(_("&What is done:"), self.description), self.description)
        f.addRow(buddy_label(_("For &goal:"), self.goal), self.goal)
        f.addRow(buddy_label(_("&Institution:"), self.institution), self.institution)
        f.addRow(buddy_label(_("Se&ctor:"), self.sector), self.sector)
        f.addRow(buddy_label(_("Ser&vice (koszyk usług):"), self.service), self.service)
        f.addRow(buddy_label(_("&Responsible person:"), self.responsible), self.responsible)
        dates = QHBoxLayout()
        dates.addWidget(self.start_on)
        until = QLabel(_("&until:"))
        until.setBuddy(self.end_on)
        self.end_on.setAccessibleName(_("End date"))
        dates.addWidget(until)
        dates.addWidget(self.end_on)
        dates.addStretch(1)
        f.addRow(buddy_label(_("&From:"), self.start_on), dates)
        f.addRow(buddy_label(_("How &often:"), self.frequency), self.frequency)
        f.addRow(buddy_label(_("&Status:"), self.status), self.status)
        f.addRow(buddy_label(_("Why &dropped:"), self.drop_reason), self.drop_reason)
        self.institution.currentIndexChanged.connect(self._institution_chosen)
        self.status.currentIndexChanged.connect(self._status_changed)

        values: dict[str, Any] = {
            "status": ActionStatus.PLANNED,
            "start_on": date.today().isoformat(),
        }
        if action is not None:
            values = {
                "description": action.description,
                "goal_id": action.goal_id or "",
                "institution_id": action.institution_id or "",
                "sector_code": action.sector_code,
                "service_id": action.service_id or "",
                "responsible_person": action.responsible_person,
                "start_on": action.start_on,
                "end_on": action.end_on,
                "frequency": action.frequency,
                "status": action.status,
                "drop_reason": action.drop_reason,
            }
        self.finish_setup(form, values)
        self._status_changed()
        resize_to_fit(self, 720, 600)

    def _institution_chosen(self) -> None:
        inst = self.lookups.institution(self.institution.code())
        if inst is not None and not self.sector.code():
            self.sector.set_code(inst.sector_code)

    def _status_changed(self) -> None:
        self.drop_reason.setEnabled(self.status.code() == ActionStatus.DROPPED)

    def submit(self) -> Submit:
        v = self.binding.values()
        data = plans.ActionInput(
            description=v["description"],
            goal_id=v["goal_id"] or None,
            institution_id=v["institution_id"] or None,
            sector_code=v["sector_code"] or "",
            service_id=v["service_id"] or None,
            responsible_person=v["responsible_person"],
            start_on=form_day(v["start_on"]),
            end_on=form_day(v["end_on"]),
            frequency=v["frequency"],
            status=v["status"],
            drop_reason=v["drop_reason"] if v["status"] == ActionStatus.DROPPED else "",
        )
        action_id = self.action.id if self.action else None
        return plans.save_action, (self.ctx.ws, self.plan_id, data, action_id)
