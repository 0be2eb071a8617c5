"""Adding or editing a family member: PESEL checked as typed, duplicates warned about."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.i18n import _
from app.models import Person
from app.services import persons
from app.services.form_keys import FormKey
from app.ui.context import AppContext
from app.ui.family.case_record_dialog import CaseRecordDialog
from app.ui.family.member_checks import MemberChecks
from app.ui.family.member_view import MemberFieldsView, person_input, person_values
from app.ui.kit.record_dialog import Submit
from app.ui.kit.screen_fit import resize_to_fit


class MemberDialog(CaseRecordDialog):
    def __init__(
        self,
        ctx: AppContext,
        family_id: str,
        case_number: str,
        person: Person | None = None,
        parent: QWidget | None = None,
        has_applicant: bool = False,
    ) -> None:
        super().__init__(
            ctx,
            FormKey("member", family_id, record_id=person.id if person else "new"),
            case_number,
            (_("Edit family member"), _("New family member")),
            parent,
        )
        self.family_id = family_id
        self.person = person
        self.view = MemberFieldsView()
        self.view.bind(self.binding)
        self.checks = MemberChecks(ctx, self.view, person.id if person else None, self)
        self.finish_setup(self.view, person_values(person, has_applicant))
        self.checks.pesel_changed()
        resize_to_fit(self, 900, 640)
        self.view.first_name.setFocus()

    def save(self) -> None:
        if self._busy or not self.ctx.is_unlocked:
            return
        self.checks.confirm(self, lambda: CaseRecordDialog.save(self))

    def submit(self) -> Submit:
        data = person_input(self.binding.values())
        if self.person is not None:
            return persons.update_person, (self.ctx.ws, self.person.id, data)
        return persons.add_person, (self.ctx.ws, self.family_id, data)
