"""Posiedzenie zespołu, the work of one meeting: its decisions about families (each may become an
action of the family's IPW), its documents (agenda, minutes for signature) and each member
institution's own task list.

Shown under the meetings list of the "Współpraca" screen.  What may be decided, for which
family and when a decision becomes an action is ``services.meetings``' business; which
families an institution's task list holds (those whose consent names it) too.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.i18n import N_, _
from app.models import Action, CooperationTeam, Institution, MeetingDecision, TeamMeeting
from app.printing.pilot_docs import Ids
from app.services import meetings
from app.services.changes import Changes
from app.ui.context import AppContext
from app.ui.kit.form_kit import ChoiceCombo, buddy_label, fit_columns, fmt_date, setup_table
from app.ui.kit.list_panel import ListPanel, selected
from app.ui.kit.print_menu import preview_dialog, print_button
from app.ui.kit.record_table_model import Column, RecordTableModel
from app.ui.kit.safe import guarded
from app.ui.registry.decision_dialog import DecisionDialog


class DecisionsTableModel(RecordTableModel):
    COLUMNS = (
        Column(N_("No."), lambda d: str(d.position), sort=lambda d: d.position, right=True),
        Column(N_("Case number"), lambda d: d.case_number),
        Column(N_("Decision"), lambda d: " ".join(d.text.split())),
        Column(N_("Carried out by"), lambda d: d.institution),
        Column(N_("Deadline"), lambda d: fmt_date(d.due_on)),
        Column(N_("In the IPW"), lambda d: _("yes") if d.action_id else ""),
    )


class MeetingWorkPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.team: CooperationTeam | None = None
        self.meeting: TeamMeeting | None = None
        self.institutions: list[Institution] = []
        self.decisions = ListPanel(_("Decisions about families"), _("Add &decision…"))
        self.decisions.edit.hide()
        self.decisions.remove.hide()
        self.model = DecisionsTableModel(self)
        self.decisions.table.setModel(self.model)
        setup_table(self.decisions.table, _("Decisions about families"), stretch_column=2)
        self.to_action = QPushButton(_("Make it an IPW a&ction"))
        self.to_action.setToolTip(_("The selected decision becomes an action of the family's IPW"))
        self.decisions.add_widget(self.to_action)
        self.print_meeting = print_button(
            self, ctx, ["agenda", "minutes"], self._meeting_ids, _("Print a&genda or minutes…")
        )
        self.decisions.add_widget(self.print_meeting)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.institution = ChoiceCombo()
        self.print_tasks = print_button(
            self, ctx, ["tasks"], self._tasks_ids, _("Print the tas&k list…")
        )
        tasks = QHBoxLayout()
        tasks.addWidget(buddy_label(_("Task list of the instit&ution:"), self.institution))
        tasks.addWidget(self.institution, 1)
        tasks.addWidget(self.print_tasks)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(buddy_label(_("&Decisions about families:"), self.decisions.table))
        layout.addWidget(self.decisions, 1)
        layout.addWidget(self.status)
        layout.addLayout(tasks)
        self.decisions.add.clicked.connect(self._add)
        self.to_action.clicked.connect(self._make_action)
        self.decisions.table.selectionModel().currentRowChanged.connect(lambda *_a: self._enable())
        ctx.events.data_changed.connect(self._data_changed)
        self._enable()

    # -- showing --------------------------------------------------------------------------------
    def set_meeting(
        self,
        team: CooperationTeam | None,
        meeting: TeamMeeting | None,
        institutions: list[Institution],
    ) -> None:
        """Decisions are case data: an OPS records them for its own families at any meeting."""
        self.team, self.meeting = team, meeting
        members = {m.institution_id for m in team.members} if team else set()
        self.institutions = [i for i in institutions if i.id in members] or institutions
        self.institution.set_choices([(i.id, i.name) for i in self.institutions])
        self.status.clear()
        self.reload()

    def reload(self) -> None:
        if self.meeting is None or not self.ctx.is_unlocked:
            self.model.set_rows([])
            self._enable()
            return
        self.ctx.runner.run(
            meetings.decision_rows,
            self.ctx.ws,
            self.meeting.id,
            success=guarded(self, self._show_rows),
        )

    def _show_rows(self, rows: list[meetings.DecisionRow]) -> None:
        before = selected(self.decisions.table)
        self.model.set_rows(rows)
        fit_columns(self.decisions.table)
        self.decisions.table.resizeColumnToContents(1)  # a case number is never cut short
        keep = next((i for i, r in enumerate(rows) if before and r.id == before.id), None)
        if keep is not None:  # a reload keeps the decision the user is on
            self.decisions.table.setCurrentIndex(self.model.index(keep, 0))
        self._enable()

    def _data_changed(self, changes: Changes) -> None:
        if changes.touches(MeetingDecision, Action):
            self.reload()

    def _enable(self) -> None:
        has = self.meeting is not None
        chosen = selected(self.decisions.table)
        self.decisions.add.setEnabled(has)
        self.to_action.setEnabled(chosen is not None and not chosen.action_id)
        printing = preview_dialog() is not None
        self.print_meeting.setEnabled(has and printing)
        self.print_tasks.setEnabled(bool(self.institutions) and printing)

    # -- acting -------------------------------------------------------------------------------
    def _add(self) -> None:
        meeting, team = self.meeting, self.team
        if meeting is None or team is None:
            return
        self.ctx.runner.run(
            meetings.area_cases,
            self.ctx.ws,
            team.id,
            success=guarded(self, lambda cases: self._ask(meeting.id, cases)),
        )

    def _ask(self, meeting_id: str, cases: list[tuple[str, str]]) -> None:
        if DecisionDialog.ask(self, self.ctx, meeting_id, cases, self.institutions) is not None:
            self.status.setText(_("The decision is recorded."))
            self.reload()

    def _make_action(self) -> None:
        chosen = selected(self.decisions.table)
        if chosen is None or chosen.action_id:
            return
        answer = QMessageBox.question(
            self,
            _("An action of the IPW"),
            _("Add the decision to the IPW of case {case} as an action?").format(
                case=chosen.case_number
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ctx.runner.run(
            meetings.decision_to_action,
            self.ctx.ws,
            chosen.id,
            success=guarded(self, lambda _a: self._made(chosen.case_number)),
        )

    def _made(self, case_number: str) -> None:
        self.status.setText(
            _("The decision is now an action of the IPW of case {case}.").format(case=case_number)
        )
        self.decisions.table.setFocus()  # the button goes disabled: the focus stays in the list
        self.reload()

    # -- printing -----------------------------------------------------------------------------
    def _meeting_ids(self) -> dict[str, Any] | None:
        m = self.meeting
        return {"pilot": Ids(meeting_id=m.id, team_id=m.team_id)} if m is not None else None

    def _tasks_ids(self) -> dict[str, Any] | None:
        iid = self.institution.code()
        if not iid:
            return None
        return {"pilot": Ids(institution_id=iid, team_id=self.team.id if self.team else None)}
