"""A commitment of the family in the support plan: what, who, by when, and whether it was kept."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QWidget

from app.i18n import N_, _
from app.models import Commitment, Person
from app.models.enums import CommitmentStatus
from app.services import plans, subject_words
from app.services.form_keys import FormKey
from app.ui.context import AppContext
from app.ui.family.case_record_dialog import CaseRecordDialog
from app.ui.kit.date_field import form_day
from app.ui.kit.form_kit import ChoiceCombo, OptionalDateEdit, buddy_label, text_edit
from app.ui.kit.record_dialog import Submit
from app.ui.kit.screen_fit import resize_to_fit


class CommitmentDialog(CaseRecordDialog):
    def __init__(
        self,
        ctx: AppContext,
        family_id: str,
        plan_id: str,
        case_number: str,
        members: list[Person],
        commitment: Commitment | None = None,
        parent: QWidget | None = None,
        subject_kind: str | None = None,
    ) -> None:
        def word(msgid: str) -> str:  # a person alone or an older person is no family
            return subject_words.about(subject_kind, msgid)

        super().__init__(
            ctx,
            FormKey("commitment", family_id, plan_id, commitment.id if commitment else "new"),
            case_number,
            (word(N_("Family's commitment")), word(N_("New commitment of the family"))),
            parent,
        )
        self.plan_id, self.commitment = plan_id, commitment
        b = self.binding
        self.description = b.add("description", text_edit(3))
        self.person = b.add("person_id", ChoiceCombo())
        self.person.set_choices(
            [(p.id, p.full_name) for p in members], empty=word(N_("the whole family"))
        )
        self.due_on = b.add("due_on", OptionalDateEdit())
        self.status = b.add("status", ChoiceCombo())
        self.status.set_choices(CommitmentStatus.choices())
        form = QWidget()
        f = QFormLayout(form)
        f.addRow(
            buddy_label(word(N_("&The family undertakes to:")), self.description), self.description
        )
        f.addRow(buddy_label(_("&Who:"), self.person), self.person)
        f.addRow(buddy_label(_("&By:"), self.due_on), self.due_on)
        f.addRow(buddy_label(_("&Status:"), self.status), self.status)
        values: dict[str, Any] = {"status": CommitmentStatus.PENDING}
        if commitment is not None:
            values = {
                "description": commitment.description,
                "person_id": commitment.person_id or "",
                "due_on": commitment.due_on,
                "status": commitment.status,
            }
        self.finish_setup(form, values)
        resize_to_fit(self, 600, 360)

    def submit(self) -> Submit:
        v = self.binding.values()
        data = plans.CommitmentInput(
            description=v["description"],
            person_id=v["person_id"] or None,
            due_on=form_day(v["due_on"]),
            status=v["status"],
        )
        item_id = self.commitment.id if self.commitment else None
        return plans.save_commitment, (self.ctx.ws, self.plan_id, data, item_id)
