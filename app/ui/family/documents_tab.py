"""Dokumenty: scans and photos of the case, kept encrypted in the database.

Files are attached with the file chooser or by dragging them onto the tab.  Opening shows an
image in the in-app viewer; any other file (or a copy of an image) is written only to a place
the user chooses, never to a temporary folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QLabel, QPushButton

from app.config import atomic_write_bytes
from app.i18n import N_, _
from app.models import Attachment
from app.services import attachments
from app.services.casefile import FamilyFile
from app.services.form_keys import FormKey
from app.services.lookups import Lookups
from app.ui.family.attachment_dialog import AttachmentDialog
from app.ui.family.attachments_table_model import AttachmentsTableModel, size_text
from app.ui.family.file_chooser import FileChooser
from app.ui.family.image_viewer_dialog import ImageViewerDialog
from app.ui.family.list_tab import ListTab
from app.ui.family.tab_base import FamilyHost
from app.ui.kit.form_kit import fit_columns, fmt_date
from app.ui.kit.safe import guarded
from app.ui.kit.widgets import ask_to_remove
from app.ui.theme import muted_style


class DocumentsTab(ListTab[Attachment]):
    title = N_("D&ocuments")

    def __init__(self, host: FamilyHost) -> None:
        super().__init__(
            host, AttachmentsTableModel(), _("Documents"), _("Selected document"), stretch=0
        )
        self.read_only = False  # a handed-over family's trace: documents open, none change
        self.add_button = add = QPushButton(_("&Attach file…"))
        self.open_button = QPushButton(_("&Open"))
        self.save_button = QPushButton(_("&Save as…"))
        self.remove_button = QPushButton(_("Remo&ve"))
        drop = QLabel(_("or drag files here"))
        drop.setStyleSheet(muted_style())
        self.add_buttons(add, drop, self.open_button, self.save_button, self.remove_button)
        add.clicked.connect(self.attach)
        self.open_button.clicked.connect(self.open_current)
        self.table.activated.connect(lambda _i: self.open_current())
        self.save_button.clicked.connect(lambda: self.read(self.current(), self.save_copy))
        self.remove_button.clicked.connect(self.remove)
        self.setAcceptDrops(True)
        self.last_saved: Path | None = None

    def show_file(self, ff: FamilyFile, lookups: Lookups) -> None:
        self.model.set_rows(ff.attachments)
        fit_columns(self.table)
        self.select_first()

    def describe(self, a: Attachment) -> str:
        return "\n".join(
            [
                a.title,
                _("File: {name} ({size}, {mime})").format(
                    name=a.filename, size=size_text(a.size), mime=a.mime_type
                ),
                _("Added on {date}").format(date=fmt_date(a.added_on)),
            ]
        )

    def show_details(self) -> None:
        super().show_details()
        has = self.current() is not None
        for b in (self.open_button, self.save_button):
            b.setEnabled(has)
        self.remove_button.setEnabled(has and not self.read_only)
        self.add_button.setEnabled(not self.read_only)
        self.setAcceptDrops(not self.read_only)

    # -- attaching ----------------------------------------------------------------------------
    def attach(self) -> None:
        self.attach_paths(FileChooser.ask_open(self))

    def attach_paths(self, paths: list[Path]) -> None:
        added = False
        for path in paths:
            if path.is_file() and AttachmentDialog.ask(
                self, self.ctx, self.family_id, self.host.case_label(), path
            ):
                added = True
        if added:
            self.host.reload()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        event.acceptProposedAction()
        self.attach_paths(paths)

    # -- opening ------------------------------------------------------------------------------
    def read(
        self, attachment: Attachment | None, then: Callable[[Attachment, bytes], None]
    ) -> None:
        if attachment is not None:
            self.ctx.runner.run(
                attachments.read_attachment,
                self.ctx.ws,
                attachment.id,
                success=guarded(self, lambda result: then(*result)),
            )

    def open_current(self) -> None:
        self.read(self.current(), self.show_document)

    def show_document(self, att: Attachment, data: bytes) -> None:
        image = QImage.fromData(data) if att.mime_type.startswith("image/") else QImage()
        if image.isNull():
            # Not an image this viewer can show: the user picks where a copy goes.
            self.save_copy(att, data)
            return
        if ImageViewerDialog.ask(self, att.title, image):
            self.save_copy(att, data)

    def save_copy(self, att: Attachment, data: bytes) -> None:
        path = FileChooser.ask_save(self, att.filename or att.title)
        if path is None:
            return
        self.ctx.runner.run(
            atomic_write_bytes, path, data, success=guarded(self, lambda _v: self._saved(path))
        )

    def _saved(self, path: Path) -> None:
        self.last_saved = path
        self.details.appendPlainText("\n" + _("Saved a copy as {path}").format(path=path))

    def remove(self) -> None:
        att = self.current()
        if att is None:
            return
        if ask_to_remove(
            self, _("Remove document"), _("Remove “{title}” from the case?").format(title=att.title)
        ):
            self.ctx.runner.run(
                attachments.remove_attachment,
                self.ctx.ws,
                att.id,
                success=guarded(self, lambda _v: self.host.reload()),
            )

    def open_draft(self, form_key: str) -> bool:
        key = FormKey.parse(form_key)
        if key is None or key.kind != "attachment":
            return False
        self.attach_paths_from_draft()
        return True

    def attach_paths_from_draft(self) -> None:
        # The draft holds the path of the file being attached; the dialog restores it.
        if AttachmentDialog.ask(self, self.ctx, self.family_id, self.host.case_label(), Path()):
            self.host.reload()
