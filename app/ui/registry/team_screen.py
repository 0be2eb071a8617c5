"""Zespół Kooperacji: the main window's "team" screen (``TeamScreen(ctx)``).

Four tabs: Instytucje (partner institutions by sector and level), Zespół (the PZK and its member
institutions), Porozumienia (agreements with their parties; "Drukuj porozumienie" opens the
print preview, kind ``agreement`` with ``team_id``) and Spotkania (meetings: date, institutions
present, decisions).  Data are loaded on the DB worker when the screen is built or shown and
whenever the registry changes (``ctx.events.data_changed``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, ngettext
from app.models import (
    Agreement,
    AgreementParty,
    CooperationTeam,
    Institution,
    MeetingAttendance,
    TeamMeeting,
    TeamMembership,
)
from app.services import registry
from app.services.changes import Changes
from app.services.registry_views import RegistryData, load_registry
from app.ui.context import AppContext
from app.ui.kit.form_kit import (
    buddy_label,
    fit_columns,
    fmt_date,
    hint_label,
    refit_on_tab_change,
    setup_table,
)
from app.ui.kit.list_panel import ListPanel, selected
from app.ui.kit.print_menu import print_button
from app.ui.kit.safe import guarded
from app.ui.registry.agreement_dialog import AgreementDialog
from app.ui.registry.agreements_table_model import AgreementsTableModel
from app.ui.registry.institutions_panel import InstitutionsPanel
from app.ui.registry.meeting_dialog import MeetingDialog
from app.ui.registry.meetings_table_model import MeetingsTableModel, present_text
from app.ui.registry.memberships_table_model import MembershipsTableModel
from app.ui.registry.team_dialog import MembershipDialog, TeamDialog

# What this screen shows: a change to any of them reloads it.
SHOWN = (
    Institution,
    CooperationTeam,
    TeamMembership,
    Agreement,
    AgreementParty,
    TeamMeeting,
    MeetingAttendance,
)


class TeamScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: RegistryData | None = None
        self.institutions = InstitutionsPanel(ctx)
        self.team_chooser = QComboBox()
        self.team_info = QLabel()
        self.team_info.setWordWrap(True)
        self.new_team = QPushButton(_("&New team…"))
        self.edit_team = QPushButton(_("Edit &team…"))
        self.members = ListPanel(_("Member institutions"), _("Add &member institution…"))
        self.members.edit.hide()
        self.members_model = MembershipsTableModel(self)
        self.members.table.setModel(self.members_model)
        setup_table(self.members.table, _("Member institutions"), stretch_column=0)
        self.agreements = ListPanel(_("Agreements"), _("Add &agreement…"))
        self.agreements.remove.hide()
        self.agreements_model = AgreementsTableModel(self)
        self.agreements.table.setModel(self.agreements_model)
        setup_table(self.agreements.table, _("Agreements"), stretch_column=1)
        self.print_agreement = print_button(
            self, ctx, ["agreement"], self._print_ids, _("&Print agreement…")
        )
        self.agreements.add_widget(self.print_agreement)
        self.meetings = ListPanel(_("Team meetings"), _("Add m&eeting…"))
        self.meetings.remove.hide()
        self.meetings_model = MeetingsTableModel(self)
        self.meetings.table.setModel(self.meetings_model)
        self.meeting_text = QPlainTextEdit()
        self.meeting_text.setReadOnly(True)
        self.meeting_text.setAccessibleName(_("Selected meeting"))
        self.tabs = QTabWidget()
        self._build()
        self._connect()
        ctx.events.data_changed.connect(self._data_changed)
        self.refresh()

    def _build(self) -> None:
        team_tab = QWidget()
        t = QVBoxLayout(team_tab)
        row = QHBoxLayout()
        row.addWidget(buddy_label(_("Coope&ration team:"), self.team_chooser))
        row.addWidget(self.team_chooser, 1)
        row.addWidget(self.new_team)
        row.addWidget(self.edit_team)
        t.addLayout(row)
        t.addWidget(self.team_info)
        t.addWidget(self.members, 1)
        meetings_tab = QWidget()
        m = QVBoxLayout(meetings_tab)
        m.setContentsMargins(0, 0, 0, 0)
        m.addWidget(self.meetings, 3)
        m.addWidget(self.meeting_text, 2)
        self.tabs.addTab(self.institutions, _("&Institutions"))
        self.tabs.addTab(team_tab, _("Cooperation &team (PZK)"))
        self.tabs.addTab(self.agreements, _("A&greements"))
        self.tabs.addTab(meetings_tab, _("&Meetings"))
        refit_on_tab_change(self.tabs)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                _(
                    "The partner institutions, the Partnerski Zespół Kooperacji they form, its "
                    "agreements and meetings. These data are shared with the powiat coordinator."
                )
            )
        )
        layout.addWidget(self.tabs, 1)

    def _connect(self) -> None:
        self.institutions.changed.connect(self.refresh)
        self.team_chooser.activated.connect(lambda _i: self._show_team())
        self.new_team.clicked.connect(lambda: self._edit_team(None))
        self.edit_team.clicked.connect(lambda: self._edit_team(self.team))
        self.members.add.clicked.connect(self._add_member)
        self.members.remove.clicked.connect(self._remove_member)
        self.agreements.add.clicked.connect(lambda: self._edit_agreement(None))
        self.agreements.edit.clicked.connect(
            lambda: self._edit_agreement(selected(self.agreements.table))
        )
        self.agreements.table.activated.connect(
            lambda _i: self._edit_agreement(selected(self.agreements.table))
        )
        self.meetings.table.selectionModel().currentRowChanged.connect(
            lambda *_a: self._show_meeting()
        )
        self.meetings.add.clicked.connect(lambda: self._edit_meeting(None))
        self.meetings.edit.clicked.connect(
            lambda: self._edit_meeting(selected(self.meetings.table))
        )
        self.meetings.table.activated.connect(
            lambda _i: self._edit_meeting(selected(self.meetings.table))
        )

    # -- loading ------------------------------------------------------------------------------
    def screen_shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        if self.ctx.is_unlocked:
            self.ctx.runner.run(load_registry, self.ctx.ws, success=guarded(self, self.show_data))

    def _data_changed(self, changes: Changes) -> None:
        if changes.touches(*SHOWN):
            self.refresh()

    def show_data(self, data: RegistryData) -> None:
        self.data = data
        self.institutions.show_data(data.institutions, data.sectors)
        current = self.team_chooser.currentData()
        self.team_chooser.clear()
        for team in data.teams:
            self.team_chooser.addItem(team.name, team.id)
        index = self.team_chooser.findData(current)
        self.team_chooser.setCurrentIndex(index if index >= 0 else 0)
        self._show_team()

    @property
    def team(self) -> CooperationTeam | None:
        if self.data is None:
            return None
        team_id = self.team_chooser.currentData()
        return next((t for t in self.data.teams if t.id == team_id), None)

    def _show_team(self) -> None:
        data, team = self.data, self.team
        has = team is not None
        for w in (self.edit_team, self.members, self.agreements, self.meetings):
            w.setEnabled(has)
        if data is None or team is None:
            self.team_info.setText(_("No cooperation team yet: create it with “New team…”."))
            for model in (self.members_model, self.agreements_model, self.meetings_model):
                model.set_rows([])
            self.meeting_text.clear()
            return
        lead = next((i for i in data.institutions if i.id == team.lead_institution_id), None)
        self.team_info.setText(
            ngettext(
                "Established: {date} · lead institution: {lead} · {n} member institution",
                "Established: {date} · lead institution: {lead} · {n} member institutions",
                len(team.members),
            ).format(
                date=fmt_date(team.established_on) or "—",
                lead=lead.name if lead else "—",
                n=len(team.members),
            )
        )
        sectors = {c.code: c.label for c in data.sectors}
        self.members_model.set_members(list(team.members), sectors)
        self.agreements_model.set_rows([a for a in data.agreements if a.team_id == team.id])
        self.meetings_model.set_rows([m for m in data.meetings if m.team_id == team.id])
        for panel in (self.members, self.agreements, self.meetings):
            fit_columns(panel.table)
        if self.meetings_model.rowCount():
            self.meetings.table.setCurrentIndex(self.meetings_model.index(0, 0))
        self._show_meeting()

    def _show_meeting(self) -> None:
        m = selected(self.meetings.table)
        if m is None:
            self.meeting_text.clear()
            return
        lines = [f"{fmt_date(m.held_on)} – {m.place}".rstrip(" –")]
        lines.append(_("Institutions present: {who}").format(who=present_text(m) or "—"))
        if m.agenda:
            lines += ["", _("Agenda:"), m.agenda]
        if m.decisions:
            lines += ["", _("Decisions:"), m.decisions]
        self.meeting_text.setPlainText("\n".join(lines))

    def _print_ids(self) -> dict[str, Any] | None:
        team = self.team
        return {"team_id": team.id} if team is not None else None

    # -- editing ------------------------------------------------------------------------------
    def _institutions(self) -> list[Institution]:
        return self.data.institutions if self.data else []

    def _after(self, result: Any) -> None:
        if result is not None:
            self.refresh()

    def _edit_team(self, team: CooperationTeam | None) -> None:
        saved = TeamDialog.ask(self, self.ctx, self._institutions(), team)
        if saved is not None:
            self.team_chooser.addItem(saved.name, saved.id)
            self.team_chooser.setCurrentIndex(self.team_chooser.count() - 1)
            self.refresh()

    def _add_member(self) -> None:
        team = self.team
        if team is None:
            return
        taken = {m.institution_id for m in team.members}
        free = [i for i in self._institutions() if i.id not in taken]
        self._after(MembershipDialog.ask(self, self.ctx, team.id, free))

    def _remove_member(self) -> None:
        member = selected(self.members.table)
        if member is None:
            return
        answer = QMessageBox.question(
            self,
            _("Remove from the team"),
            _("Remove “{name}” from the cooperation team?").format(
                name=member.institution.name if member.institution else ""
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.runner.run(
                registry.remove_member,
                self.ctx.ws,
                member.id,
            )

    def _edit_agreement(self, agreement: Agreement | None) -> None:
        if self.team is not None:
            self._after(
                AgreementDialog.ask(self, self.ctx, self.team.id, self._institutions(), agreement)
            )

    def _edit_meeting(self, meeting: TeamMeeting | None) -> None:
        if self.team is not None:
            self._after(
                MeetingDialog.ask(self, self.ctx, self.team.id, self._institutions(), meeting)
            )
