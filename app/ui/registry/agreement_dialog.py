"""A cooperation agreement (porozumienie) of a team: its kind, terms and signing institutions.

The kind decides who signs on whose behalf (the rules are ``services.cooperation``'s): a WZK
agreement is signed for the voivodeship by the marszałek, a tripartite one by one party each for
the voivodeship, the powiat and the gmina, a PZK one by its member institutions (the OPS among
them).  The self-governments' signers are chosen in their own rows; every other institution
ticked in the list signs as a partner.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QTableView, QWidget

from app.i18n import N_, _
from app.models import Agreement, Institution
from app.models.enums import AgreementKind, PartySide, TeamKind
from app.services import cooperation, registry
from app.services.form_keys import FormKey
from app.ui.context import AppContext
from app.ui.kit.checklist_table_model import ChecklistTableModel, CheckRow
from app.ui.kit.date_field import form_day
from app.ui.kit.form_kit import (
    ChoiceCombo,
    OptionalDateEdit,
    buddy_label,
    fit_columns,
    line_edit,
    setup_table,
    text_edit,
)
from app.ui.kit.record_dialog import RecordDialog, Submit
from app.ui.kit.screen_fit import resize_to_fit

# The self-government sides, in the order of their rows (which kind has which:
# ``cooperation.SIGNING_SIDES``).
SIDES = (PartySide.VOIVODESHIP, PartySide.POWIAT, PartySide.GMINA)
SIDE_LABELS = {
    PartySide.VOIVODESHIP: N_("For the &voivodeship:"),
    PartySide.POWIAT: N_("For the po&wiat:"),
    PartySide.GMINA: N_("For the gmin&a:"),
}


class AgreementDialog(RecordDialog):
    def __init__(
        self,
        ctx: AppContext,
        team_id: str,
        institutions: list[Institution],
        agreement: Agreement | None = None,
        parent: QWidget | None = None,
        team_kind: str = TeamKind.PZK,
    ) -> None:
        title = _("Cooperation agreement") if agreement else _("New cooperation agreement")
        key = FormKey(
            "registry:agreement", parent_id=team_id, record_id=agreement.id if agreement else "new"
        )
        super().__init__(ctx, title, key, parent)
        self.team_id, self.agreement = team_id, agreement
        b = self.binding
        self.kind = b.add("kind", ChoiceCombo())
        self.kind.set_choices([(k.value, k.label) for k in AgreementKind])
        self.side_rows: dict[str, tuple[QLabel, ChoiceCombo, QLabel, QLineEdit]] = {}
        choices = [(i.id, i.name) for i in institutions]
        for side in SIDES:
            combo = b.add(f"side_{side}", ChoiceCombo())
            combo.set_choices(choices, empty=_("— choose —"))
            signer = b.add(f"signer_{side}", line_edit(200))
            signer.setAccessibleName(_("Represented by"))
            signer.setPlaceholderText(
                _("e.g. Marszałek Województwa Podlaskiego")
                if side == PartySide.VOIVODESHIP
                else _("name and function")
            )
            self.side_rows[side] = (
                buddy_label(_(SIDE_LABELS[side]), combo),
                combo,
                buddy_label(
                    _("re&presented by:")
                    if side == PartySide.VOIVODESHIP
                    else _("represented by:"),
                    signer,
                ),
                signer,
            )
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
        self.parties_view = parties_view = QTableView()
        setup_table(parties_view, _("Parties of the agreement"), 0)
        parties_view.setModel(self.parties)
        parties_view.setMinimumHeight(160)
        form = QWidget()
        f = QFormLayout(form)
        f.addRow(buddy_label(_("&Kind:"), self.kind), self.kind)
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
        for side in SIDES:
            side_label, combo, signer_label, signer = self.side_rows[side]
            row = QHBoxLayout()
            row.addWidget(combo, 1)
            row.addWidget(signer_label)
            row.addWidget(signer, 1)
            f.addRow(side_label, row)
        f.addRow(buddy_label(_("Sc&ope of cooperation:"), self.scope), self.scope)
        f.addRow(buddy_label(_("Ob&ligations of the parties:"), self.obligations), self.obligations)
        f.addRow(buddy_label(_("&Data sharing:"), self.data_sharing), self.data_sharing)
        self.parties_label = buddy_label(_("Pa&rtners:"), parties_view)
        f.addRow(self.parties_label, parties_view)
        values: dict[str, Any] = {
            "kind": AgreementKind.WZK if team_kind == TeamKind.WZK else AgreementKind.PZK
        }
        if agreement is not None:
            values = {
                "kind": agreement.kind,
                "title": agreement.title,
                "number": agreement.number,
                "signed_on": agreement.signed_on,
                "valid_from": agreement.valid_from,
                "valid_until": agreement.valid_until,
                "scope": agreement.scope,
                "obligations": agreement.obligations,
                "data_sharing": agreement.data_sharing,
                "parties": {
                    p.institution_id: [True, "", p.representative, p.function]
                    for p in agreement.parties
                    if p.side == PartySide.PARTNER
                },
            }
            for p in agreement.parties:
                if p.side in SIDES:
                    values[f"side_{p.side}"] = p.institution_id
                    values[f"signer_{p.side}"] = p.representative
        self.kind.currentIndexChanged.connect(lambda _i: self._show_sides())
        self.finish_setup(form, values)
        self._show_sides()
        fit_columns(parties_view)
        resize_to_fit(self, 860, 700)

    def _show_sides(self) -> None:
        """Only the sides the chosen kind of agreement has."""
        kind = self.kind.code()
        wanted = cooperation.SIGNING_SIDES.get(kind, ())
        for side, widgets in self.side_rows.items():
            for w in widgets:
                w.setVisible(side in wanted)
        partners = cooperation.HAS_PARTNERS.get(kind, True)
        self.parties_label.setVisible(partners)
        self.parties_view.setVisible(partners)

    def submit(self) -> Submit:
        v = self.binding.values()

        data = registry.AgreementInput(
            title=v["title"],
            number=v["number"],
            signed_on=form_day(v["signed_on"]),
            valid_from=form_day(v["valid_from"]),
            valid_until=form_day(v["valid_until"]),
            scope=v["scope"],
            obligations=v["obligations"],
            data_sharing=v["data_sharing"],
            parties=self._parties(v, form_day(v["signed_on"])),
            kind=v["kind"],
        )
        agreement_id = self.agreement.id if self.agreement else None
        return registry.save_agreement, (self.ctx.ws, self.team_id, data, agreement_id)

    def _parties(self, v: dict[str, Any], signed_on: date | None) -> list[registry.PartyInput]:
        """The self-governments' signers of this kind, then every other institution ticked."""
        out: list[registry.PartyInput] = []
        taken: set[str] = set()
        for side in cooperation.SIGNING_SIDES.get(v["kind"], ()):
            iid = v[f"side_{side}"]
            if iid and iid not in taken:
                taken.add(iid)
                out.append(registry.PartyInput(iid, v[f"signer_{side}"], "", signed_on, side))
        if not cooperation.HAS_PARTNERS.get(v["kind"], True):
            return out
        for r in self.parties.checked_rows():
            if r.key not in taken:
                out.append(
                    registry.PartyInput(r.key, r.texts[0], r.texts[1], signed_on, PartySide.PARTNER)
                )
        return out
