"""Adding or editing a member of the family's task team (ZZK): a named partner worker."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QWidget

from app.i18n import _
from app.models import CaseTeamMember
from app.services import families
from app.services.form_keys import FormKey
from app.services.lookups import Lookups
from app.ui.context import AppContext
from app.ui.family.case_record_dialog import CaseRecordDialog
from app.ui.kit.form_kit import ChoiceCombo, buddy_label, hint_label, line_edit
from app.ui.kit.record_dialog import Submit
from app.ui.kit.screen_fit import resize_to_fit


class TeamMemberDialog(CaseRecordDialog):
    def __init__(
        self,
        ctx: AppContext,
        family_id: str,
        case_number: str,
        lookups: Lookups,
        member: CaseTeamMember | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx,
            FormKey("team_member", family_id, record_id=member.id if member else "new"),
            case_number,
            (_("Task team member"), _("New task team member")),
            parent,
        )
        self.family_id, self.member = family_id, member
        form = QWidget()
        lay = QFormLayout(form)
        lay.addRow(
            hint_label(
                _("The task team (ZZK) are the partners' workers who help this family by name.")
            )
        )
        self.name = self.binding.add("name", line_edit(200))
        self.institution = self.binding.add("institution_id", ChoiceCombo())
        self.institution.set_choices(lookups.institution_choices(), empty=_("— none —"))
        self.function = self.binding.add("function", line_edit(200))
        self.function.setPlaceholderText(_("e.g. career adviser, school pedagogue"))
        self.phone = self.binding.add("phone", line_edit(40))
        self.email = self.binding.add("email", line_edit(200))
        lay.addRow(buddy_label(_("&Name:"), self.name), self.name)
        lay.addRow(buddy_label(_("&Institution:"), self.institution), self.institution)
        lay.addRow(buddy_label(_("&Function:"), self.function), self.function)
        lay.addRow(buddy_label(_("&Phone:"), self.phone), self.phone)
        lay.addRow(buddy_label(_("&E-mail:"), self.email), self.email)
        values = None
        if member is not None:
            values = {
                "name": member.name,
                "institution_id": member.institution_id or "",
                "function": member.function,
                "phone": member.phone,
                "email": member.email,
            }
        self.finish_setup(form, values)
        resize_to_fit(self, 560, 340)

    def submit(self) -> Submit:
        v = self.binding.values()
        data = families.TeamMemberInput(
            name=v["name"],
            institution_id=v["institution_id"] or None,
            function=v["function"],
            phone=v["phone"],
            email=v["email"],
        )
        member_id = self.member.id if self.member else None
        return families.save_team_member, (self.ctx.ws, self.family_id, data, member_id)
