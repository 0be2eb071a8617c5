"""Adding or editing a partner institution: sector, level, NIP/REGON checked as typed, contacts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from app.errors import ValidationError
from app.i18n import _, ngettext
from app.models import Institution
from app.models.enums import InstitutionLevel
from app.services import registry
from app.services.form_keys import FormKey
from app.services.reference import Code
from app.services.validation import check_nip, check_regon
from app.ui.context import AppContext
from app.ui.kit.form_kit import ChoiceCombo, buddy_label, line_edit, text_edit
from app.ui.kit.record_dialog import RecordDialog, Submit
from app.ui.kit.screen_fit import resize_to_fit
from app.ui.theme import error_style, ok_style

FIELDS = (
    "name", "short_name", "sector_code", "level", "teryt_code", "nip", "regon", "street",
    "postal_code", "city", "phone", "email", "contact_person", "notes",
)  # fmt: skip


def watch_number(edit: QLineEdit, status: QLabel, check: Callable[[str], str]) -> None:
    """Explain a wrong NIP/REGON next to the field as soon as enough digits are typed."""

    def update() -> None:
        digits = "".join(ch for ch in edit.text() if ch.isdigit())
        if not digits:
            status.setText("")
            return
        try:
            check(edit.text())
        except ValidationError as exc:
            status.setStyleSheet(error_style())
            status.setText(
                exc.message
                if len(digits) >= 9
                else ngettext("{n} digit", "{n} digits", len(digits)).format(n=len(digits))
            )
            return
        status.setStyleSheet(ok_style())
        status.setText(_("✓ correct"))

    edit.textChanged.connect(update)
    update()


class InstitutionDialog(RecordDialog):
    def __init__(
        self,
        ctx: AppContext,
        sectors: list[Code],
        institution: Institution | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = _("Institution") if institution else _("New institution")
        key = FormKey("registry:institution", record_id=institution.id if institution else "new")
        super().__init__(ctx, title, key, parent)
        self.institution = institution
        b = self.binding
        w: dict[str, Any] = {}
        for name, length in (
            ("name", 300),
            ("short_name", 60),
            ("teryt_code", 7),
            ("nip", 13),
            ("regon", 17),
            ("street", 200),
            ("postal_code", 6),
            ("city", 100),
            ("phone", 40),
            ("email", 200),
            ("contact_person", 200),
        ):
            w[name] = b.add(name, line_edit(length))
        w["sector_code"] = b.add("sector_code", ChoiceCombo())
        w["sector_code"].set_choices([(c.code, c.label) for c in sectors], empty=_("— choose —"))
        w["level"] = b.add("level", ChoiceCombo())
        w["level"].set_choices(InstitutionLevel.choices())
        w["notes"] = b.add("notes", text_edit(3))
        self.fields = w
        self.nip_status, self.regon_status = QLabel(), QLabel()
        watch_number(w["nip"], self.nip_status, check_nip)
        watch_number(w["regon"], self.regon_status, check_regon)
        w["teryt_code"].setPlaceholderText(_("e.g. 2005092 (gmina) or 2005 (powiat)"))

        main = QGroupBox(_("Institution"))
        f = QFormLayout(main)
        f.addRow(buddy_label(_("&Name:"), w["name"]), w["name"])
        f.addRow(buddy_label(_("S&hort name:"), w["short_name"]), w["short_name"])
        f.addRow(buddy_label(_("&Sector:"), w["sector_code"]), w["sector_code"])
        f.addRow(buddy_label(_("&Level:"), w["level"]), w["level"])
        f.addRow(buddy_label(_("&TERYT code:"), w["teryt_code"]), w["teryt_code"])
        for name, text, status in (
            ("nip", _("N&IP:"), self.nip_status),
            ("regon", _("&REGON:"), self.regon_status),
        ):
            status.setWordWrap(True)
            f.addRow(buddy_label(text, w[name]), w[name])
            f.addRow("", status)
        contact = QGroupBox(_("Address and contact"))
        g = QFormLayout(contact)
        g.addRow(buddy_label(_("Str&eet:"), w["street"]), w["street"])
        g.addRow(buddy_label(_("&Postal code:"), w["postal_code"]), w["postal_code"])
        g.addRow(buddy_label(_("&City:"), w["city"]), w["city"])
        g.addRow(buddy_label(_("Contact &person:"), w["contact_person"]), w["contact_person"])
        g.addRow(buddy_label(_("Ph&one:"), w["phone"]), w["phone"])
        g.addRow(buddy_label(_("E-&mail:"), w["email"]), w["email"])
        g.addRow(buddy_label(_("No&tes:"), w["notes"]), w["notes"])
        form = QWidget()
        row = QHBoxLayout(form)
        row.addWidget(main, 1)
        row.addWidget(contact, 1)
        values: dict[str, Any] = {"level": InstitutionLevel.GMINA}
        if institution is not None:
            values = {name: getattr(institution, name) or "" for name in FIELDS}
        self.finish_setup(form, values)
        resize_to_fit(self, 980, 460)

    def submit(self) -> Submit:
        v = self.binding.values()
        data = registry.InstitutionInput(**{name: v[name] for name in FIELDS})
        inst_id = self.institution.id if self.institution else None
        return registry.save_institution, (self.ctx.ws, data, inst_id)
