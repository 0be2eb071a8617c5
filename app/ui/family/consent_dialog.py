"""A consent to process the family's data and share it with named institutions of the team."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QFormLayout, QWidget

from app.i18n import _
from app.models import Consent, Person
from app.services import consents
from app.services.consents import may_sign
from app.services.form_keys import FormKey
from app.services.lookups import Lookups
from app.ui.context import AppContext
from app.ui.family.case_form_view import reasons_view
from app.ui.family.case_record_dialog import CaseRecordDialog
from app.ui.kit.checklist_table_model import ChecklistTableModel, CheckRow
from app.ui.kit.date_field import form_day
from app.ui.kit.form_kit import (
    ChoiceCombo,
    DateEdit,
    OptionalDateEdit,
    buddy_label,
    hint_label,
    text_edit,
)
from app.ui.kit.record_dialog import RecordDialog, Submit
from app.ui.kit.screen_fit import resize_to_fit


class ConsentDialog(CaseRecordDialog):
    def __init__(
        self,
        ctx: AppContext,
        family_id: str,
        case_number: str,
        members: list[Person],
        lookups: Lookups,
        gmina_code: str,
        consent: Consent | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx,
            FormKey("consent", family_id, record_id=consent.id if consent else "new"),
            case_number,
            (_("Consent"), _("New consent")),
            parent,
        )
        self.family_id, self.consent = family_id, consent
        b = self.binding
        self.signed_on = b.add("signed_on", DateEdit())
        self.person = b.add("person_id", ChoiceCombo())
        signers = [p for p in members if may_sign(p, date.today())]
        self.person.set_choices([(p.id, p.full_name) for p in signers], empty=_("— not given —"))
        self.recipients = b.add("institution_ids", ChecklistTableModel("", parent=self))
        partners = lookups.consent_recipients(gmina_code)
        self.recipients.set_rows([CheckRow(i.id, i.name) for i in partners])
        view = reasons_view(self.recipients, _("Institutions the data may be shared with"))
        view.setMinimumHeight(180)
        self.scope = b.add("scope", text_edit(3))
        self.scope.setPlaceholderText(_("e.g. the data needed to carry out the programme (IPW)"))
        self.valid_until = b.add("valid_until", OptionalDateEdit())
        form = QWidget()
        f = QFormLayout(form)
        f.addRow(buddy_label(_("&Signed on:"), self.signed_on), self.signed_on)
        f.addRow(buddy_label(_("Signed &by:"), self.person), self.person)
        f.addRow(buddy_label(_("Data may be shared &with:"), view), view)
        if not partners:  # a new installation knows only its own OPS
            self.no_partners = hint_label(
                _(
                    "No partner institution is registered yet: add the school, the PUP, the "
                    "police… in Współpraca ▸ Instytucje, then they can be ticked here."
                )
            )
            f.addRow("", self.no_partners)
        f.addRow(buddy_label(_("S&cope:"), self.scope), self.scope)
        f.addRow(buddy_label(_("&Valid until:"), self.valid_until), self.valid_until)
        values: dict[str, Any] = {}
        if consent is not None:
            values = {
                "signed_on": consent.signed_on.isoformat(),
                "person_id": consent.person_id or "",
                "institution_ids": {r.institution_id: [True, ""] for r in consent.recipients},
                "scope": consent.scope,
                "valid_until": consent.valid_until,
            }
        self.finish_setup(form, values)
        resize_to_fit(self, 680, 600)

    def submit(self) -> Submit:
        v = self.binding.values()
        data = consents.ConsentInput(
            signed_on=date.fromisoformat(v["signed_on"]),
            person_id=v["person_id"] or None,
            scope=v["scope"],
            valid_until=form_day(v["valid_until"]),
            institution_ids=self.recipients.checked_keys(),
        )
        consent_id = self.consent.id if self.consent else None
        return consents.save_consent, (self.ctx.ws, self.family_id, data, consent_id)


class WithdrawDialog(RecordDialog):
    """Recording that a consent was withdrawn (from a date, with a note)."""

    def __init__(self, ctx: AppContext, consent: Consent, parent: QWidget | None = None) -> None:
        title = _("Withdraw consent")
        super().__init__(
            ctx, title, FormKey("withdraw", consent.family_id, record_id=consent.id), parent
        )
        self.consent = consent
        self.on = self.binding.add("on", DateEdit())
        self.note = self.binding.add("note", text_edit(3))
        form = QWidget()
        f = QFormLayout(form)
        f.addRow(buddy_label(_("&Withdrawn on:"), self.on), self.on)
        f.addRow(buddy_label(_("&Note:"), self.note), self.note)
        self.finish_setup(form)
        resize_to_fit(self, 480, 260)

    def submit(self) -> Submit:
        v = self.binding.values()
        return consents.withdraw_consent, (
            self.ctx.ws,
            self.consent.id,
            date.fromisoformat(v["on"]),
            v["note"],
        )
