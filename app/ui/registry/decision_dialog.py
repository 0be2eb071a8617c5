"""A decision of the team's meeting about one family (case data: the family is chosen by its case
number), optionally with the institution that carries it out and a deadline; it may later become
an action of the family's IPW (``services.meetings.decision_to_action``)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QWidget

from app.i18n import _
from app.models import Institution
from app.services import meetings
from app.services.form_keys import FormKey
from app.ui.context import AppContext
from app.ui.kit.date_field import form_day
from app.ui.kit.form_kit import ChoiceCombo, OptionalDateEdit, buddy_label, text_edit
from app.ui.kit.record_dialog import RecordDialog, Submit
from app.ui.kit.screen_fit import resize_to_fit


class DecisionDialog(RecordDialog):
    def __init__(
        self,
        ctx: AppContext,
        meeting_id: str,
        cases: list[tuple[str, str]],
        institutions: list[Institution],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx,
            _("Decision about a family"),
            FormKey("registry:decision", parent_id=meeting_id),
            parent,
        )
        self.meeting_id = meeting_id
        b = self.binding
        self.family = b.add("family_id", ChoiceCombo())
        self.family.set_choices(cases, empty=_("— choose —"))
        self.family.setAccessibleName(_("Case number"))
        self.text = b.add("text", text_edit(4))
        self.institution = b.add("institution_id", ChoiceCombo())
        self.institution.set_choices(
            [(i.id, i.name) for i in institutions], empty=_("— the OPS's worker —")
        )
        self.due_on = b.add("due_on", OptionalDateEdit())
        form = QWidget()
        f = QFormLayout(form)
        f.addRow(buddy_label(_("&Case number:"), self.family), self.family)
        f.addRow(buddy_label(_("&Decision:"), self.text), self.text)
        f.addRow(buddy_label(_("Carried out &by:"), self.institution), self.institution)
        f.addRow(buddy_label(_("D&eadline:"), self.due_on), self.due_on)
        self.finish_setup(form)
        resize_to_fit(self, 640, 380)

    def submit(self) -> Submit:
        v = self.binding.values()
        data = meetings.DecisionInput(
            family_id=v["family_id"],
            text=v["text"],
            institution_id=v["institution_id"] or None,
            due_on=form_day(v["due_on"]),
        )
        return meetings.add_decision, (self.ctx.ws, self.meeting_id, data)
