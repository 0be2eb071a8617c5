"""A cooperation agreement (porozumienie) of the team: its terms and the signing institutions."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QTableView, QWidget

from app.i18n import _
from app.models import Agreement, Institution
from app.services import registry
from app.services.form_keys import FormKey
from app.ui.context import AppContext
from app.ui.kit.checklist_table_model import ChecklistTableModel, CheckRow
from app.ui.kit.form_kit import (
    OptionalDateEdit,
    buddy_label,
    fit_columns,
    line_edit,
    setup_table,
    text_edit,
)
from app.ui.kit.record_dialog import RecordDialog, Submit
from app.ui.kit.screen_fit import resize_to_fit


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


class AgreementDialog(RecordDialog):
    def __init__(
        self,
        ctx: AppContext,
        team_id: str,
        institutions: list[Institution],
        agreement: Agreement | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = _("Cooperation agreement") if agreement else _("New cooperation agreement")
        key = FormKey(
            "registry:agreement", parent_id=team_id, record_id=agreement.id if agreement else "new"
        )
        super().__init__(ctx, title, key, parent)
        self.team_id, self.agreement = team_id, agreement
        b = self.binding
        self.title_edit = b.add("title", line_edit(300))
        self.title_edit.setPlaceholderText(_("Porozumienie o współpracy w ramach PZK"))
        self.number = b.add("number", line_edit(60))
        self.signed_on = b.add("signed_on", OptionalDateEdit())
        self.valid_from = b.add("valid_from", OptionalDateEdit())
        self.valid_until = b.add("valid_until", OptionalDateEdit())
        self.scope = b.add("scope", text_edit(3))
        self.obligations = b.add("obligations", text_edit(3))
        self.data_sharing = b.add("data_sharing", text_edit(2))
        self.parties = b.add(
            "parties",
            ChecklistTableModel(
                _("Institution (party)"), (_("Represented by"), _("Function")), parent=self
            ),
        )
        self.parties.set_rows([CheckRow(i.id, i.name) for i in institutions])
        parties_view = QTableView()
        setup_table(parties_view, _("Parties of the agreement"), 0)
        parties_view.setModel(self.parties)
        parties_view.setMinimumHeight(160)
        form = QWidget()
        f = QFormLayout(form)
        f.addRow(buddy_label(_("&Title:"), self.title_edit), self.title_edit)
        f.addRow(buddy_label(_("N&umber:"), self.number), self.number)
        dates = QHBoxLayout()
        dates.addWidget(self.signed_on)
        dates.addWidget(buddy_label(_("valid &from:"), self.valid_from))
        dates.addWidget(self.valid_from)
        dates.addWidget(buddy_label(_("u&ntil:"), self.valid_until))
        dates.addWidget(self.valid_until)
        dates.addStretch(1)
        f.addRow(buddy_label(_("&Signed on:"), self.signed_on), dates)
        f.addRow(buddy_label(_("Sc&ope of cooperation:"), self.scope), self.scope)
        f.addRow(buddy_label(_("Ob&ligations of the parties:"), self.obligations), self.obligations)
        f.addRow(buddy_label(_("&Data sharing:"), self.data_sharing), self.data_sharing)
        f.addRow(buddy_label(_("&Parties:"), parties_view), parties_view)
        values: dict[str, Any] = {}
        if agreement is not None:
            values = {
                "title": agreement.title,
                "number": agreement.number,
                "signed_on": _iso(agreement.signed_on),
                "valid_from": _iso(agreement.valid_from),
                "valid_until": _iso(agreement.valid_until),
                "scope": agreement.scope,
                "obligations": agreement.obligations,
                "data_sharing": agreement.data_sharing,
                "parties": {
                    p.institution_id: [True, "", p.representative, p.function]
                    for p in agreement.parties
                },
            }
        self.finish_setup(form, values)
        fit_columns(parties_view)
        resize_to_fit(self, 860, 700)

    def submit(self) -> Submit:
        v = self.binding.values()

        def day(name: str) -> date | None:
            return date.fromisoformat(v[name]) if v[name] else None

        data = registry.AgreementInput(
            title=v["title"],
            number=v["number"],
            signed_on=day("signed_on"),
            valid_from=day("valid_from"),
            valid_until=day("valid_until"),
            scope=v["scope"],
            obligations=v["obligations"],
            data_sharing=v["data_sharing"],
            parties=[
                registry.PartyInput(r.key, r.texts[0], r.texts[1], day("signed_on"))
                for r in self.parties.checked_rows()
            ],
        )
        agreement_id = self.agreement.id if self.agreement else None
        return registry.save_agreement, (self.ctx.ws, self.team_id, data, agreement_id)
