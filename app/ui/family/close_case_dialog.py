"""Closing a case (zakończenie pracy z rodziną): the date and a closing note."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QFormLayout, QWidget

from app.i18n import _
from app.services import families
from app.services.form_keys import FormKey
from app.ui.context import AppContext
from app.ui.family.case_record_dialog import CaseRecordDialog
from app.ui.kit.form_kit import DateEdit, buddy_label, hint_label, text_edit
from app.ui.kit.record_dialog import Submit
from app.ui.kit.screen_fit import resize_to_fit


class CloseCaseDialog(CaseRecordDialog):
    def __init__(
        self, ctx: AppContext, family_id: str, case_number: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ctx,
            FormKey("close", family_id),
            case_number,
            (_("Close the case"), _("Close the case")),
            parent,
        )
        self.family_id = family_id
        self.closed_on = self.binding.add("closed_on", DateEdit())
        self.note = self.binding.add("note", text_edit(5))
        form = QWidget()
        f = QFormLayout(form)
        f.addRow(
            hint_label(
                _(
                    "A closed case stays in the register and can be reopened; it "
                    "is archived by its JRWA category."
                )
            )
        )
        f.addRow(buddy_label(_("&Closed on:"), self.closed_on), self.closed_on)
        f.addRow(buddy_label(_("Closing &note:"), self.note), self.note)
        self.note.setPlaceholderText(_("why the work with the family ends and what it achieved"))
        self.finish_setup(form)
        resize_to_fit(self, 560, 340)

    def submit(self) -> Submit:
        v = self.binding.values()
        return families.close_family, (
            self.ctx.ws,
            self.family_id,
            date.fromisoformat(v["closed_on"]),
            v["note"],
        )
