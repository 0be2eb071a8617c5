"""A service of the koszyk usług: its CUS area, sector, provider, legal basis and description."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QFormLayout, QWidget

from app.i18n import _
from app.models import Institution, Service
from app.services import koszyk
from app.services.form_keys import FormKey
from app.services.reference import Code
from app.ui.context import AppContext
from app.ui.kit.form_kit import ChoiceCombo, buddy_label, line_edit, text_edit
from app.ui.kit.record_dialog import RecordDialog, Submit
from app.ui.kit.screen_fit import resize_to_fit


class ServiceDialog(RecordDialog):
    def __init__(
        self,
        ctx: AppContext,
        areas: list[Code],
        sectors: list[Code],
        institutions: list[Institution],
        service: Service | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = _("Service") if service else _("New service")
        super().__init__(
            ctx,
            title,
            FormKey("registry:service", record_id=service.id if service else "new"),
            parent,
        )
        self.service = service
        b = self.binding
        self.name = b.add("name", line_edit(300))
        self.code = b.add("code", line_edit(40))
        self.area = b.add("area_code", ChoiceCombo())
        self.area.set_choices([(c.code, c.label) for c in areas], empty=_("— choose —"))
        self.sector = b.add("sector_code", ChoiceCombo())
        self.sector.set_choices([(c.code, c.label) for c in sectors], empty=_("— none —"))
        self.provider = b.add("provider_institution_id", ChoiceCombo())
        self.provider.set_choices([(i.id, i.name) for i in institutions], empty=_("— none —"))
        self.legal_basis = b.add("legal_basis", line_edit(300))
        self.legal_basis.setPlaceholderText(_("e.g. art. 36 pkt 2 lit. g u.p.s."))
        self.description = b.add("description", text_edit(4))
        self.active = b.add("active", QCheckBox(_("&In use (offered in new programmes)")))
        form = QWidget()
        f = QFormLayout(form)
        f.addRow(buddy_label(_("&Name:"), self.name), self.name)
        f.addRow(buddy_label(_("C&ode:"), self.code), self.code)
        f.addRow(buddy_label(_("&Area (CUS act):"), self.area), self.area)
        f.addRow(buddy_label(_("&Sector:"), self.sector), self.sector)
        f.addRow(buddy_label(_("&Provider:"), self.provider), self.provider)
        f.addRow(buddy_label(_("&Legal basis:"), self.legal_basis), self.legal_basis)
        f.addRow(buddy_label(_("&Description:"), self.description), self.description)
        f.addRow("", self.active)
        values: dict[str, Any] = {"active": True}
        if service is not None:
            values = {
                "name": service.name,
                "code": service.code,
                "area_code": service.area_code,
                "sector_code": service.sector_code,
                "provider_institution_id": service.provider_institution_id or "",
                "legal_basis": service.legal_basis,
                "description": service.description,
                "active": service.active,
            }
        self.finish_setup(form, values)
        resize_to_fit(self, 680, 480)

    def submit(self) -> Submit:
        v = self.binding.values()
        data = koszyk.ServiceInput(
            name=v["name"],
            area_code=v["area_code"],
            sector_code=v["sector_code"] or "",
            provider_institution_id=v["provider_institution_id"] or None,
            legal_basis=v["legal_basis"],
            description=v["description"],
            code=v["code"],
            active=bool(v["active"]),
        )
        return koszyk.save_service, (self.ctx.ws, data, self.service.id if self.service else None)
