"""Choosing files for documents: the modal file dialogs in one place (tests replace ``ask``).

Saving writes only where the user chose, atomically (``app.config.atomic_write_bytes``): a
document never passes through a temporary folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from app.i18n import _

SCAN_FILTER = "*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.gif *.bmp *.webp *.doc *.docx *.odt"


class FileChooser:
    @classmethod
    def ask_open(cls, parent: QWidget | None) -> list[Path]:
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        names, _filter = QFileDialog.getOpenFileNames(
            parent,
            _("Attach a scan or photo"),
            start,
            _("Scans and photos ({patterns});;All files (*)").format(patterns=SCAN_FILTER),
        )
        return [Path(n) for n in names]

    @classmethod
    def ask_save(cls, parent: QWidget | None, filename: str) -> Path | None:
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name, _filter = QFileDialog.getSaveFileName(
            parent, _("Save the document as"), str(Path(start) / filename)
        )
        return Path(name) if name else None
