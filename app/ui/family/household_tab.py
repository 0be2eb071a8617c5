"""Rodzina: the case's address and reasons for help, its members and its task team (ZZK)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from app.i18n import N_, _
from app.services import families, persons
from app.services.casefile import FamilyFile
from app.services.form_keys import FormKey
from app.services.lookups import Lookups
from app.ui.family.case_form_view import family_input, family_values
from app.ui.family.case_team_table_model import CaseTeamTableModel
from app.ui.family.household_view import HouseholdView
from app.ui.family.member_dialog import MemberDialog
from app.ui.family.members_table_model import MembersTableModel
from app.ui.family.tab_base import FamilyHost, FormTab, Then
from app.ui.family.team_member_dialog import TeamMemberDialog
from app.ui.kit.draft_guard import DraftGuard
from app.ui.kit.form_kit import FormBinding, fit_columns
from app.ui.kit.list_panel import selected
from app.ui.kit.safe import guarded
from app.ui.kit.widgets import ask_to_remove


class HouseholdTab(FormTab):
    title = N_("&Family")

    def __init__(self, host: FamilyHost) -> None:
        super().__init__(host)
        self.view = HouseholdView()
        self.binding = FormBinding(self)
        self.view.form.bind(self.binding)
        self.guard = DraftGuard(
            self.ctx, self.binding, FormKey("family", self.family_id), _("Case data"), self
        )
        self.members_model = MembersTableModel(self)
        self.view.members.setModel(self.members_model)
        self.team_model = CaseTeamTableModel(self)
        self.view.team.setModel(self.team_model)
        self._first = True
        v = self.view
        v.save_button.clicked.connect(lambda: self.save_form(None))
        v.add_member.clicked.connect(self.add_member)
        v.edit_member.clicked.connect(self.edit_member)
        v.members.activated.connect(lambda _i: self.edit_member())
        v.remove_member.clicked.connect(self.remove_member)
        v.add_team.clicked.connect(self.add_team_member)
        v.edit_team.clicked.connect(self.edit_team_member)
        v.team.activated.connect(lambda _i: self.edit_team_member())
        v.remove_team.clicked.connect(self.remove_team_member)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    # -- showing ------------------------------------------------------------------------------
    def show_file(self, ff: FamilyFile, lookups: Lookups) -> None:
        with self.guard.quiet():
            self.view.form.set_lookups(lookups)
        self.guard.set_key(
            FormKey("family", self.family_id), _("Case data – case {case}").format(case=self.case)
        )
        if not self.guard.is_modified():
            self.guard.reset(family_values(ff.family))
        self.members_model.set_rows(ff.persons)
        self.team_model.set_rows(ff.team)
        fit_columns(self.view.members)
        fit_columns(self.view.team)
        if self._first:
            self._first = False
            self.guard.offer_restore(self)

    @property
    def case(self) -> str:
        ff = self.host.file
        return ff.family.case_number if ff else ""

    # -- case data ----------------------------------------------------------------------------
    def save_form(self, then: Then) -> None:
        def call() -> tuple:
            data = family_input(self.binding.values())
            return families.update_family, (self.ctx.ws, self.family_id, data)

        self.save_in_place(call, then, self.view.error, self.view.save_button)

    # -- members ------------------------------------------------------------------------------
    def add_member(self) -> None:
        has_applicant = any(p.relation == "applicant" for p in self.members_model.rows())
        saved = MemberDialog.ask(
            self, self.ctx, self.family_id, self.case, has_applicant=has_applicant
        )
        if saved is not None:
            self.host.reload()

    def edit_member(self) -> None:
        person = selected(self.view.members)
        if (
            person is not None
            and MemberDialog.ask(self, self.ctx, self.family_id, self.case, person) is not None
        ):
            self.host.reload()

    def remove_member(self) -> None:
        person = selected(self.view.members)
        if person is None:
            return
        if not ask_to_remove(
            self,
            _("Remove member"),
            _("Remove {name} from this family? The record stays in the history.").format(
                name=person.full_name
            ),
        ):
            return
        self.ctx.runner.run(
            persons.remove_person,
            self.ctx.ws,
            person.id,
            success=guarded(self, lambda _v: self.host.reload()),
        )

    # -- task team ----------------------------------------------------------------------------
    def add_team_member(self) -> None:
        if (
            TeamMemberDialog.ask(self, self.ctx, self.family_id, self.case, self.host.lookups)
            is not None
        ):
            self.host.reload()

    def edit_team_member(self) -> None:
        member = selected(self.view.team)
        if (
            member is not None
            and TeamMemberDialog.ask(
                self, self.ctx, self.family_id, self.case, self.host.lookups, member
            )
            is not None
        ):
            self.host.reload()

    def remove_team_member(self) -> None:
        member = selected(self.view.team)
        if member is None:
            return
        if ask_to_remove(
            self,
            _("Remove from the task team"),
            _("Remove {name} from the family's task team?").format(name=member.name),
        ):
            self.ctx.runner.run(
                families.remove_team_member,
                self.ctx.ws,
                member.id,
                success=guarded(self, lambda _v: self.host.reload()),
            )

    def open_draft(self, form_key: str) -> bool:
        key = FormKey.parse(form_key)
        if key is None:
            return False
        kind, record_id = key.kind, key.record_id
        if kind == "member":
            person = self.members_model.row_with_id(record_id)
            if record_id == "new" or person is not None:
                if MemberDialog.ask(self, self.ctx, self.family_id, self.case, person):
                    self.host.reload()
                return True
        if kind == "team_member":
            member = self.team_model.row_with_id(record_id)
            if record_id == "new" or member is not None:
                if TeamMemberDialog.ask(
                    self, self.ctx, self.family_id, self.case, self.host.lookups, member
                ):
                    self.host.reload()
                return True
        return kind == "family"
