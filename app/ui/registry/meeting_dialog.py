"""A meeting of the cooperation team (posiedzenie): date, place, who chairs it and who takes the
minutes, the agenda, institutions present and the general decisions.

"Wstaw porządek…" asks ``services.meetings.agenda`` what is due in the team's area by the
meeting day (IPW reviews, actions past their end date, referrals awaiting a decision) and adds it
to the agenda, cases named by number only.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QTableView, QWidget

from app.i18n import _, ngettext
from app.models import Institution, TeamMeeting
from app.services import meetings, registry
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
from app.ui.kit.safe import guarded
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
        self.chair = b.add("chair", line_edit(200))
        self.recorder = b.add("recorder", line_edit(200))
        self.agenda = b.add("agenda", text_edit(5))
        self.insert_agenda = QPushButton(_("&Insert what is due…"))
        self.insert_agenda.setToolTip(
            _("IPW reviews due, actions past their end date and referrals awaiting a decision")
        )
        self.insert_agenda.clicked.connect(self._ask_agenda)
        self.agenda_status = QLabel()
        self.agenda_status.setWordWrap(True)
        self.decisions = b.add("decisions", text_edit(4))
        self.attendance = b.add(
            "attendance",
            ChecklistTableModel(_("Institution present"), (_("Who came"),), parent=self),
        )
        self.attendance.set_rows([CheckRow(i.id, i.name) for i in institutions])
        self.attendance_view = view = QTableView()
        setup_table(view, _("Institutions present"), 0)
        view.setModel(self.attendance)
        view.setMinimumHeight(160)
        form = QWidget()
        f = QFormLayout(form)
        f.addRow(buddy_label(_("&Date:"), self.held_on), self.held_on)
        f.addRow(buddy_label(_("&Place:"), self.place), self.place)
        f.addRow(buddy_label(_("C&hair:"), self.chair), self.chair)
        f.addRow(buddy_label(_("&Minutes taken by:"), self.recorder), self.recorder)
        f.addRow(buddy_label(_("&Agenda:"), self.agenda), self.agenda)
        agenda_row = QHBoxLayout()
        agenda_row.addWidget(self.insert_agenda)
        agenda_row.addWidget(self.agenda_status, 1)
        f.addRow("", agenda_row)
        f.addRow(buddy_label(_("&Institutions present:"), view), view)
        f.addRow(buddy_label(_("D&ecisions:"), self.decisions), self.decisions)
        values: dict[str, Any] = {}
        if meeting is not None:
            values = {
                "held_on": meeting.held_on.isoformat(),
                "place": meeting.place,
                "chair": meeting.chair,
                "recorder": meeting.recorder,
                "agenda": meeting.agenda,
                "decisions": meeting.decisions,
                "attendance": {
                    a.institution_id: [True, "", a.person_name] for a in meeting.attendance
                },
            }
        self.finish_setup(form, values)
        fit_columns(view)
        resize_to_fit(self, 800, 720)

    def submit(self) -> Submit:
        v = self.binding.values()
        data = registry.MeetingInput(
            held_on=date.fromisoformat(v["held_on"]),
            place=v["place"],
            agenda=v["agenda"],
            decisions=v["decisions"],
            attendance=[(r.key, r.texts[0]) for r in self.attendance.checked_rows()],
            chair=v["chair"],
            recorder=v["recorder"],
        )
        meeting_id = self.meeting.id if self.meeting else None
        return registry.save_meeting, (self.ctx.ws, self.team_id, data, meeting_id)

    # -- the agenda from what is due ------------------------------------------------------------
    def _ask_agenda(self) -> None:
        day = self.held_on.value()
        if day is None:
            self.agenda_status.setText(_("Enter the date of the meeting first."))
            self.held_on.setFocus()
            return
        self.insert_agenda.setEnabled(False)
        self.ctx.runner.run(
            meetings.agenda,
            self.ctx.ws,
            self.team_id,
            day,
            success=guarded(self, self._agenda_ready),
            failure=guarded(self, self._agenda_failed),
        )

    def _agenda_ready(self, due: meetings.Agenda) -> None:
        self.insert_agenda.setEnabled(True)
        n = len(due.items)
        withheld = due.withheld_text  # what the team may not be told of, and why
        if not n:
            self.agenda_status.setText(
                " ".join(t for t in (_("Nothing is due for the team by that day."), withheld) if t)
            )
            return
        current = self.agenda.toPlainText().rstrip()
        text = meetings.agenda_text(due.items)
        self.agenda.setPlainText(f"{current}\n{text}" if current else text)
        added = ngettext(
            "{n} matter due added to the agenda.", "{n} matters due added to the agenda.", n
        ).format(n=n)
        self.agenda_status.setText(" ".join(t for t in (added, withheld) if t))
        self.agenda.setFocus()

    def _agenda_failed(self, exc: BaseException) -> None:
        self.insert_agenda.setEnabled(True)
        self.show_failure(exc)
