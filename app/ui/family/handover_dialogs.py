"""Przekazanie: a family moving away.  Within the powiat the coordinator hands it over to the
new gmina's OPS (``handover.transfer_family``: the whole file goes with the next bundle, the old
OPS keeps a closed, read-only trace); out of the powiat the case closes and its whole file is
written for the new OPS (``handover.export_out_of_powiat``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFormLayout, QPlainTextEdit, QWidget

from app.errors import ValidationError
from app.i18n import _
from app.services import handover
from app.services.form_keys import FormKey
from app.ui.context import AppContext
from app.ui.family.case_record_dialog import CaseRecordDialog
from app.ui.family.file_chooser import FileChooser
from app.ui.kit.form_kit import ChoiceCombo, DateEdit, buddy_label, hint_label, line_edit, text_edit
from app.ui.kit.record_dialog import Submit
from app.ui.kit.screen_fit import resize_to_fit


class TransferDialog(CaseRecordDialog):
    """The coordinator hands the family over to another gmina of the powiat."""

    def __init__(
        self,
        ctx: AppContext,
        family_id: str,
        case_number: str,
        gminas: list[tuple[str, str]],
        current_gmina: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx,
            FormKey("transfer", family_id),
            case_number,
            (_("Handover to another gmina"), _("Handover to another gmina")),
            parent,
        )
        self.family_id = family_id
        b = self.binding
        self.to_gmina = b.add("to_gmina_code", ChoiceCombo())
        self.to_gmina.set_choices(
            [(code, name) for code, name in gminas if code != current_gmina],
            empty=_("— choose —"),
        )
        self.transferred_on, self.note = _lay_out(
            self,
            self.to_gmina,
            _(
                "The new gmina's OPS receives the whole file with its next bundle; the "
                "old OPS keeps what it did as a closed, read-only trace."
            ),
            _("Handed over &on:"),
        )

    def submit(self) -> Submit:
        v = self.binding.values()
        data = handover.TransferInput(
            to_gmina_code=v["to_gmina_code"],
            transferred_on=date.fromisoformat(v["transferred_on"]),
            note=v["note"],
        )
        return handover.transfer_family, (self.ctx.ws, self.family_id, data)


class ExportDialog(CaseRecordDialog):
    """Out of the powiat: the case closes and its whole file is saved for the new OPS."""

    def __init__(
        self, ctx: AppContext, family_id: str, case_number: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ctx,
            FormKey("handover_export", family_id),
            case_number,
            (_("Moving out of the powiat"), _("Moving out of the powiat")),
            parent,
        )
        self.family_id, self.case_number = family_id, case_number
        b = self.binding
        self.to_gmina = b.add("to_gmina_code", line_edit(7))
        self.to_gmina.setPlaceholderText(_("TERC code of the new gmina, if known"))
        self.transferred_on, self.note = _lay_out(
            self,
            self.to_gmina,
            _(
                "The case closes here and its whole file is saved as one file for the new "
                "OPS, which loads it into its own database."
            ),
            _("Moved &on:"),
        )

    def submit(self) -> Submit:
        v = self.binding.values()
        on = date.fromisoformat(v["transferred_on"])
        path = FileChooser.ask_save(self, f"teczka-{self.case_number.replace('/', '-')}.json")
        if path is None:
            raise ValidationError(_("Choose where to save the file for the new OPS."), "")
        return handover.export_out_of_powiat, (
            self.ctx.ws,
            self.family_id,
            on,
            v["to_gmina_code"].strip(),
            v["note"],
            Path(path),
        )


def _lay_out(
    dialog: CaseRecordDialog, to_gmina: QWidget, hint: str, date_caption: str
) -> tuple[DateEdit, QPlainTextEdit]:
    """The two handover forms: a hint, the new gmina (each dialog makes its own field), the day
    and notes; returns the day and notes fields, bound to the dialog's form."""
    b = dialog.binding
    on = b.add("transferred_on", DateEdit())
    note = b.add("note", text_edit(3))
    form = QWidget()
    f = QFormLayout(form)
    f.addRow(hint_label(hint))
    f.addRow(buddy_label(_("&New gmina:"), to_gmina), to_gmina)
    f.addRow(buddy_label(date_caption, on), on)
    f.addRow(buddy_label(_("N&otes:"), note), note)
    dialog.finish_setup(form)
    resize_to_fit(dialog, 600, 320)
    return on, note
