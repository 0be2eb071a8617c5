"""Attaching one file to the case: its title and kind; the bytes go into the encrypted database."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from PySide6.QtWidgets import QFormLayout, QWidget

from app.i18n import _
from app.models.enums import AttachmentKind
from app.services import attachments
from app.services.form_keys import FormKey
from app.ui.context import AppContext
from app.ui.family.case_record_dialog import CaseRecordDialog
from app.ui.kit.form_kit import ChoiceCombo, buddy_label, hint_label, line_edit
from app.ui.kit.record_dialog import Submit
from app.ui.kit.screen_fit import resize_to_fit


def guess_kind(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or ""
    return (
        AttachmentKind.PHOTO
        if mime.startswith("image/") and mime != "image/tiff"
        else AttachmentKind.SCAN
    )


class AttachmentDialog(CaseRecordDialog):
    def __init__(
        self,
        ctx: AppContext,
        family_id: str,
        case_number: str,
        path: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx,
            FormKey("attachment", family_id),
            case_number,
            (_("Attach a document"), _("Attach a document")),
            parent,
        )
        self.family_id = family_id
        b = self.binding
        self.path = b.add("path", line_edit(1000))
        self.path.setReadOnly(True)
        self.title_edit = b.add("title", line_edit(300))
        self.kind = b.add("kind", ChoiceCombo())
        self.kind.set_choices(AttachmentKind.choices())
        form = QWidget()
        f = QFormLayout(form)
        f.addRow(buddy_label(_("&File:"), self.path), self.path)
        f.addRow(buddy_label(_("&Title:"), self.title_edit), self.title_edit)
        f.addRow(buddy_label(_("&Kind:"), self.kind), self.kind)
        f.addRow(
            hint_label(
                _(
                    "The file is copied into the encrypted database; you may delete "
                    "the original afterwards."
                )
            )
        )
        self.finish_setup(form, {"path": str(path), "title": path.stem, "kind": guess_kind(path)})
        resize_to_fit(self, 620, 260)
        self.title_edit.selectAll()
        self.title_edit.setFocus()

    def submit(self) -> Submit:
        v = self.binding.values()
        return attachments.add_attachment_file, (
            self.ctx.ws,
            self.family_id,
            Path(v["path"]),
            v["title"],
            v["kind"],
        )
