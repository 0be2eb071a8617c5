"""A cooperation team (a PZK of a powiat and its gminas, or the voivodeship's WZK: name, kind,
area, since when, lead institution, the two animators) and adding an institution to it as a
member with its named representative."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QFormLayout, QWidget

from app.i18n import _
from app.models import CooperationTeam, Institution
from app.models.enums import TeamKind
from app.services import registry
from app.services.form_keys import FormKey
from app.ui.context import AppContext
from app.ui.kit.date_field import form_day
from app.ui.kit.form_kit import (
    ChoiceCombo,
    DateEdit,
    OptionalDateEdit,
    buddy_label,
    line_edit,
    text_edit,
)
from app.ui.kit.record_dialog import RecordDialog, Submit
from app.ui.kit.screen_fit import resize_to_fit


def institution_choices(institutions: list[Institution]) -> list[tuple[str, str]]:
    return [(i.id, i.name) for i in institutions]


class TeamDialog(RecordDialog):
    def __init__(
        self,
        ctx: AppContext,
        institutions: list[Institution],
        team: CooperationTeam | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = _("Cooperation team") if team else _("New cooperation team")
        super().__init__(
            ctx, title, FormKey("registry:team", record_id=team.id if team else "new"), parent
        )
        self.team = team
        b = self.binding
        self.name = b.add("name", line_edit(300))
        self.name.setPlaceholderText(_("e.g. Partnerski Zespół Kooperacji Gminy Narewka"))
        self.kind = b.add("kind", ChoiceCombo())
        self.kind.set_choices([(k.value, k.label) for k in TeamKind])
        self.teryt = b.add("teryt_code", line_edit(7))
        self.established = b.add("established_on", OptionalDateEdit())
        self.lead = b.add("lead_institution_id", ChoiceCombo())
        self.lead.set_choices(institution_choices(institutions), empty=_("— none —"))
        self.gmina_animator = b.add("gmina_animator", line_edit(200))
        self.gmina_institution = b.add("gmina_animator_institution_id", ChoiceCombo())
        self.powiat_animator = b.add("powiat_animator", line_edit(200))
        self.powiat_institution = b.add("powiat_animator_institution_id", ChoiceCombo())
        for combo in (self.gmina_institution, self.powiat_institution):
            combo.set_choices(institution_choices(institutions), empty=_("— none —"))
        self.notes = b.add("notes", text_edit(3))
        form = QWidget()
        f = QFormLayout(form)
        f.addRow(buddy_label(_("&Name:"), self.name), self.name)
        f.addRow(buddy_label(_("&Kind of team:"), self.kind), self.kind)
        f.addRow(buddy_label(_("&TERYT code of the area:"), self.teryt), self.teryt)
        f.addRow(buddy_label(_("&Established on:"), self.established), self.established)
        f.addRow(buddy_label(_("&Lead institution:"), self.lead), self.lead)
        f.addRow(buddy_label(_("&Gmina animator:"), self.gmina_animator), self.gmina_animator)
        f.addRow(
            buddy_label(_("from the &institution:"), self.gmina_institution),
            self.gmina_institution,
        )
        f.addRow(buddy_label(_("&Powiat animator:"), self.powiat_animator), self.powiat_animator)
        f.addRow(
            buddy_label(_("from the instit&ution:"), self.powiat_institution),
            self.powiat_institution,
        )
        f.addRow(buddy_label(_("N&otes:"), self.notes), self.notes)
        values: dict[str, Any] = {"teryt_code": ctx.ws.identity.unit_code, "kind": TeamKind.PZK}
        if team is not None:
            values = {
                "name": team.name,
                "kind": team.kind,
                "teryt_code": team.teryt_code,
                "established_on": team.established_on,
                "lead_institution_id": team.lead_institution_id or "",
                "gmina_animator": team.gmina_animator,
                "gmina_animator_institution_id": team.gmina_animator_institution_id or "",
                "powiat_animator": team.powiat_animator,
                "powiat_animator_institution_id": team.powiat_animator_institution_id or "",
                "notes": team.notes,
            }
        self.finish_setup(form, values)
        resize_to_fit(self, 660, 520)

    def submit(self) -> Submit:
        v = self.binding.values()
        data = registry.TeamInput(
            name=v["name"],
            teryt_code=v["teryt_code"],
            established_on=form_day(v["established_on"]),
            lead_institution_id=v["lead_institution_id"] or None,
            notes=v["notes"],
            kind=v["kind"],
            gmina_animator=v["gmina_animator"],
            gmina_animator_institution_id=v["gmina_animator_institution_id"],
            powiat_animator=v["powiat_animator"],
            powiat_animator_institution_id=v["powiat_animator_institution_id"],
        )
        return registry.save_team, (self.ctx.ws, data, self.team.id if self.team else None)


class MembershipDialog(RecordDialog):
    """An institution joins the team, with its representative."""

    def __init__(
        self,
        ctx: AppContext,
        team_id: str,
        institutions: list[Institution],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx,
            _("Add an institution to the team"),
            FormKey("registry:membership", parent_id=team_id),
            parent,
        )
        self.team_id = team_id
        b = self.binding
        self.institution = b.add("institution_id", ChoiceCombo())
        self.institution.set_choices(institution_choices(institutions), empty=_("— choose —"))
        self.representative = b.add("representative", line_edit(200))
        self.role = b.add("role", line_edit(200))
        self.role.setPlaceholderText(_("e.g. leader, member, animator"))
        self.joined = b.add("joined_on", DateEdit())
        form = QWidget()
        f = QFormLayout(form)
        f.addRow(buddy_label(_("&Institution:"), self.institution), self.institution)
        f.addRow(buddy_label(_("&Representative:"), self.representative), self.representative)
        f.addRow(buddy_label(_("R&ole in the team:"), self.role), self.role)
        f.addRow(buddy_label(_("&Member since:"), self.joined), self.joined)
        self.finish_setup(form)
        resize_to_fit(self, 560, 260)

    def submit(self) -> Submit:
        v = self.binding.values()
        return registry.add_member, (
            self.ctx.ws,
            self.team_id,
            v["institution_id"],
            v["representative"],
            v["role"],
            date.fromisoformat(v["joined_on"]),
        )
