"""Współpraca: the main window's "team" screen (``TeamScreen(ctx)``).

Tabs: Poziomy współpracy (this computer's seat and the three levels: WZK, tripartite
agreements, PZK), Instytucje (partner institutions by sector and level), Zespoły (a WZK or PZK
with its animators and member institutions), Porozumienia (agreements with their kind and
parties; "Drukuj porozumienie" prints the selected one), Posiedzenia (meetings: date, chair,
institutions present, the agenda from what is due, decisions about families, the documents and
task lists; ``meeting_work_panel``) and Ewaluacja (``evaluation_panel``).  Data are loaded on
the DB worker when the screen is built or shown and whenever the registry changes
(``ctx.events.data_changed``).

What this computer may change follows ``services.cooperation.may_edit``: on an OPS device, a
team the coordinator entered (and what hangs under it) is shown read-only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
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
from app.models.enums import TeamKind
from app.services import cooperation, registry
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
from app.ui.kit.widgets import ask_to_remove
from app.ui.registry.agreement_dialog import AgreementDialog
from app.ui.registry.agreements_table_model import AgreementsTableModel
from app.ui.registry.evaluation_panel import EvaluationPanel
from app.ui.registry.institutions_panel import InstitutionsPanel
from app.ui.registry.levels_panel import LevelsPanel, animators_text
from app.ui.registry.meeting_dialog import MeetingDialog
from app.ui.registry.meeting_work_panel import MeetingWorkPanel
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
        self.levels = LevelsPanel(ctx)
        self.institutions = InstitutionsPanel(ctx)
        self.team_chooser = QComboBox()
        self.team_info = QLabel()
        self.team_info.setWordWrap(True)
        self.read_only = QLabel()
        self.read_only.setWordWrap(True)
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
        self.print_agreement.setToolTip(_("The selected agreement, or the team's latest"))
        self.agreements.add_widget(self.print_agreement)
        self.meetings = ListPanel(_("Team meetings"), _("&Plan a meeting…"))
        self.meetings.remove.hide()
        self.meetings_model = MeetingsTableModel(self)
        self.meetings.table.setModel(self.meetings_model)
        self.meeting_text = QPlainTextEdit()
        self.meeting_text.setReadOnly(True)
        self.meeting_text.setAccessibleName(_("Selected meeting"))
        self.meeting_work = MeetingWorkPanel(ctx)
        self.evaluation = EvaluationPanel(ctx)
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
        t.addWidget(self.read_only)
        t.addWidget(self.members, 1)
        meetings_tab = QWidget()
        m = QVBoxLayout(meetings_tab)
        m.setContentsMargins(0, 0, 0, 0)
        m.addWidget(self.meetings, 2)
        below = QHBoxLayout()
        below.addWidget(self.meeting_text, 2)
        below.addWidget(self.meeting_work, 3)
        m.addLayout(below, 3)
        self.tabs.addTab(self.levels, _("&Levels of cooperation"))
        self.tabs.addTab(self.institutions, _("&Institutions"))
        self.tabs.addTab(team_tab, _("&Teams (WZK, PZK)"))
        self.tabs.addTab(self.agreements, _("A&greements"))
        self.tabs.addTab(meetings_tab, _("Team &meetings"))
        self.tabs.addTab(self.evaluation, _("Eva&luation"))
        self.tabs.currentChanged.connect(
            lambda i: (
                self.evaluation.ensure_loaded() if self.tabs.widget(i) is self.evaluation else None
            )
        )
        refit_on_tab_change(self.tabs)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                _(
                    "The three levels of cooperation: the voivodeship's team (WZK), the "
                    "tripartite agreements and the Partnerski Zespół Kooperacji with its "
                    "institutions, agreements and meetings. These data are shared with the "
                    "powiat coordinator."
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
        self.members.on_row(self.members.remove, lambda _m: self._remove_member())
        self.agreements.add.clicked.connect(lambda: self._edit_agreement(None))
        self.agreements.on_row(self.agreements.edit, self._edit_agreement)
        self.agreements.table.activated.connect(
            lambda _i: self._edit_agreement(selected(self.agreements.table))
        )
        self.meetings.table.selectionModel().currentRowChanged.connect(
            lambda *_a: self._show_meeting()
        )
        self.meetings.add.clicked.connect(lambda: self._edit_meeting(None))
        self.meetings.on_row(self.meetings.edit, self._edit_meeting)
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
        self.levels.show_data(data)
        self.institutions.show_data(data.institutions, data.sectors)
        current = self.team_chooser.currentData()
        self.team_chooser.clear()
        for team in data.teams:
            self.team_chooser.addItem(f"{team.name} ({team.kind.upper()})", team.id)
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
        editable = team is not None and cooperation.may_edit(self.ctx.ws, team)
        for panel in (self.members, self.agreements, self.meetings):
            panel.setEnabled(has)
        for w in (
            self.edit_team,
            self.members.add,
            self.members.remove,
            self.agreements.add,
            self.agreements.edit,
            self.meetings.add,
            self.meetings.edit,
        ):
            w.setEnabled(editable)
        self.read_only.setVisible(has and not editable)
        self.read_only.setText(
            _(
                "The powiat coordinator entered this team: on this computer it is read-only "
                "(the coordinator's changes arrive with synchronisation)."
            )
        )
        if data is None or team is None:
            self.team_info.setText(_("No cooperation team yet: create it with “New team…”."))
            for model in (self.members_model, self.agreements_model, self.meetings_model):
                model.set_rows([])
            self.meeting_text.clear()
            self.meeting_work.set_meeting(None, None, [])
            return
        lead = next((i for i in data.institutions if i.id == team.lead_institution_id), None)
        n = len(team.members)
        info = ngettext(
            "{kind} · established: {date} · lead institution: {lead} · {n} member institution",
            "{kind} · established: {date} · lead institution: {lead} · {n} member institutions",
            n,
        ).format(
            kind=TeamKind(team.kind).label if team.kind in set(TeamKind) else team.kind,
            date=fmt_date(team.established_on) or "—",
            lead=lead.name if lead else "—",
            n=n,
        )
        animators = animators_text(team, {i.id: i.display_name for i in data.institutions})
        self.team_info.setText(f"{info}\n{animators}" if animators else info)
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
        team = self.team
        self.meeting_work.set_meeting(team, m, self._institutions())
        if m is None:
            self.meeting_text.clear()
            return
        lines = [f"{fmt_date(m.held_on)} – {m.place}".rstrip(" –")]
        if m.chair:
            lines.append(_("Chair: {who}").format(who=m.chair))
        if m.recorder:
            lines.append(_("Minutes taken by: {who}").format(who=m.recorder))
        lines.append(_("Institutions present: {who}").format(who=present_text(m) or "—"))
        if m.agenda:
            lines += ["", _("Agenda:"), m.agenda]
        if m.decisions:
            lines += ["", _("Decisions:"), m.decisions]
        self.meeting_text.setPlainText("\n".join(lines))

    def _print_ids(self) -> dict[str, Any] | None:
        chosen = selected(self.agreements.table)
        if chosen is not None:
            return {"agreement_id": chosen.id}
        team = self.team
        return {"team_id": team.id} if team is not None else None

    # -- editing ------------------------------------------------------------------------------
    def _institutions(self) -> list[Institution]:
        return self.data.institutions if self.data else []

    def _after(self, result: object) -> None:
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
        if ask_to_remove(
            self,
            _("Remove from the team"),
            _("Remove “{name}” from the cooperation team?").format(
                name=member.institution.name if member.institution else ""
            ),
        ):
            self.ctx.runner.run(
                registry.remove_member,
                self.ctx.ws,
                member.id,
            )

    def _edit_agreement(self, agreement: Agreement | None) -> None:
        if self.team is not None:
            self._after(
                AgreementDialog.ask(
                    self,
                    self.ctx,
                    self.team.id,
                    self._institutions(),
                    agreement,
                    team_kind=self.team.kind,
                )
            )

    def _edit_meeting(self, meeting: TeamMeeting | None) -> None:
        team = self.team
        if team is not None:
            # The team's own institutions first in the attendance list, guests after them.
            members = {m.institution_id for m in team.members}
            institutions = sorted(self._institutions(), key=lambda i: i.id not in members)
            self._after(MeetingDialog.ask(self, self.ctx, team.id, institutions, meeting))
