"""A meeting of the cooperation team: date, place, agenda, institutions present, decisions."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QFormLayout, QTableView, QWidget

from app.i18n import _
from app.models import Institution, TeamMeeting
from app.services import registry
from app.services.form_keys import FormKey
from app.ui.context import AppContext
from app.ui.kit.checklist_table_model import ChecklistTableModel, CheckRow
from app.ui.kit.form_kit import (
    DateEdit,
    buddy_label,
    fit_columns,
    line_edit,
    setup_table,
    text_edit,
)
from app.ui.kit.record_dialog import RecordDialog, Submit
from app.ui.kit.screen_fit import resize_to_fit


class MeetingDialog(RecordDialog):
    def __init__(
        self,
        ctx: AppContext,
        team_id: str,
        institutions: list[Institution],
        meeting: TeamMeeting | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = _("Team meeting") if meeting else _("New team meeting")
        key = FormKey(
            "registry:meeting", parent_id=team_id, record_id=meeting.id if meeting else "new"
        )
        super().__init__(ctx, title, key, parent)
        self.team_id, self.meeting = team_id, meeting
        b = self.binding
        self.held_on = b.add("held_on", DateEdit())
        self.place = b.add("place", line_edit(200))
        self.agenda = b.add("agenda", text_edit(3))
        self.decisions = b.add("decisions", text_edit(4))
        self.attendance = b.add(
            "attendance",
            ChecklistTableModel(_("Institution present"), (_("Who came"),), parent=self),
        )
        self.attendance.set_rows([CheckRow(i.id, i.name) for i in institutions])
        view = QTableView()
        setup_table(view, _("Institutions present"), 0)
        view.setModel(self.attendance)
        view.setMinimumHeight(160)
        form = QWidget()
        f = QFormLayout(form)
        f.addRow(buddy_label(_("&Date:"), self.held_on), self.held_on)
        f.addRow(buddy_label(_("&Place:"), self.place), self.place)
        f.addRow(buddy_label(_("&Agenda:"), self.agenda), self.agenda)
        f.addRow(buddy_label(_("&Institutions present:"), view), view)
        f.addRow(buddy_label(_("D&ecisions:"), self.decisions), self.decisions)
        values: dict[str, Any] = {}
        if meeting is not None:
            values = {
                "held_on": meeting.held_on.isoformat(),
                "place": meeting.place,
                "agenda": meeting.agenda,
                "decisions": meeting.decisions,
                "attendance": {
                    a.institution_id: [True, "", a.person_name] for a in meeting.attendance
                },
            }
        self.finish_setup(form, values)
        fit_columns(view)
        resize_to_fit(self, 780, 680)

    def submit(self) -> Submit:
        v = self.binding.values()
        data = registry.MeetingInput(
            held_on=date.fromisoformat(v["held_on"]),
            place=v["place"],
            agenda=v["agenda"],
            decisions=v["decisions"],
            attendance=[(r.key, r.texts[0]) for r in self.attendance.checked_rows()],
        )
        meeting_id = self.meeting.id if self.meeting else None
        return registry.save_meeting, (self.ctx.ws, self.team_id, data, meeting_id)
