"""Print preview of a document for signature: its pages inside the app, then print or save.

Stable entry point (the family-file screens' "Drukuj" buttons call it)::

    PrintPreviewDialog.ask(parent, ctx, kind, family_id=..., review_id=..., visit_id=...,
                           team_id=..., agreement_id=...) -> int   # QDialog result code

``ctx`` is the ``AppContext``; ``kind`` is one of ``app.printing.service.KINDS`` (diagnosis, plan,
contract, review, consent, visit, agreement, blank-diagnosis, blank-review, blank-visit).  Case
documents take ``family_id`` (plus optional ``review_id``/``visit_id``, default: the latest); the
agreement takes ``team_id`` or ``agreement_id``.

The document is rendered on the database worker (``ctx.runner``) into memory and shown as page
images (pypdfium2); opening the preview is a "view" in the audit log.  "Drukuj…" sends page
images to the printer chosen in the system dialog and "Zapisz jako PDF…" writes the PDF
atomically where the user chose; each is a "print" audit event, recorded before the output.
No PDF is ever written to a temporary folder.  Locking the application closes the dialog.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QRectF, QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.config import atomic_write_bytes
from app.i18n import _, ngettext
from app.printing import raster, service
from app.services.workspace import Workspace
from app.ui.context import AppContext
from app.ui.kit.screen_fit import resize_to_fit
from app.ui.ops import show_error
from app.ui.theme import Colour

log = logging.getLogger(__name__)
PREVIEW_DPI = 96
MAX_PRINT_DPI = 300


def page_qimage(page: raster.PageImage) -> QImage:
    """A deep copy, so the QImage does not depend on the Python buffer's lifetime."""
    image = QImage(page.data, page.width, page.height, page.stride, QImage.Format.Format_RGB888)
    return image.copy()


def prepare(ws: Workspace, kind: str, ids: dict[str, Any]) -> tuple:
    """On the DB worker: render the document and its preview images (audited as a view)."""
    doc = service.prepare_document(ws, kind, **ids)
    return doc, raster.render_pages(doc.pdf, dpi=PREVIEW_DPI)


def fit(printer: QPrinter, page: raster.PageImage) -> QRectF:
    """The page's place on the paper: full size on A4, scaled without distortion on other
    paper the user picked in the print dialog."""
    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    scale = min(paper.width() / page.width, paper.height() / page.height)
    return QRectF(paper.x(), paper.y(), page.width * scale, page.height * scale)


def later(method: Callable[..., None], *args: Any) -> Callable[[Any], None]:
    """A callback for ``ctx.runner`` that holds the dialog only weakly.

    The runner's job (and so its callbacks) is released on the database thread; if it held the
    last reference to the dialog, the dialog would be destroyed from that thread, which crashes
    Qt.  The result of the job is passed as the last argument; a closed dialog ignores it.
    """
    ref = weakref.WeakMethod(method)

    def call(result: Any) -> None:
        bound = ref()
        if bound is not None:
            bound(*args, result)

    return call


class PrintPreviewDialog(QDialog):
    def __init__(
        self, ctx: AppContext, kind: str, parent: QWidget | None = None, **ids: Any
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.ids = {k: v for k, v in ids.items() if v}
        self.document: service.PrintedDocument | None = None
        self.page_labels: list[QLabel] = []
        self._closed = False
        self.setWindowTitle(_("Print preview – {title}").format(title=service.document_title(kind)))
        resize_to_fit(self, 900, 1000)
        self._build()
        ctx.events.locking.connect(self._on_locking)

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.status = QLabel(_("Preparing the document…"))
        self.status.setWordWrap(True)
        self.pages = QWidget()
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.pages_layout.setSpacing(12)
        self.page_scroll = QScrollArea()
        self.page_scroll.setWidget(self.pages)
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setAccessibleName(_("Pages of the document"))
        self.page_scroll.setStyleSheet(f"QScrollArea {{ background: {Colour.PAPER_BACKDROP}; }}")
        self.print_button = QPushButton(_("&Print…"))
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.save_button = QPushButton(_("&Save as PDF…"))
        self.close_button = QPushButton(_("&Close"))
        for b in (self.print_button, self.save_button):
            b.setEnabled(False)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page_scroll, 1)
        layout.addLayout(buttons)

    # -- loading -----------------------------------------------------------------------------
    def start(self) -> None:
        """Render the document on the DB worker; the pages appear when it is ready."""
        try:
            ws = self.ctx.ws
        except Exception as exc:  # locked meanwhile: say so, show nothing
            self._failed(exc)
            return
        self.ctx.runner.run(
            prepare, ws, self.kind, self.ids, success=later(self._show), failure=later(self._failed)
        )

    def _show(self, result: tuple) -> None:
        doc, images = result
        if self._closed or not self.ctx.is_unlocked:  # closed or locked while rendering
            return
        self.document = doc
        for n, page in enumerate(images, 1):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(page_qimage(page)))
            label.setAccessibleName(_("Page {page} of {pages}").format(page=n, pages=len(images)))
            self.pages_layout.addWidget(label)
            self.page_labels.append(label)
        status = ngettext("{pages} page.", "{pages} pages.", len(images)).format(pages=len(images))
        if doc.warnings:  # e.g. the consent's controller address or IOD contact is missing
            status = " ".join(
                (status, *(_("Warning: {text}").format(text=w) for w in doc.warnings))
            )
        self.status.setText(status)
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self.print_button.setDefault(True)
        self.print_button.setFocus()

    def _failed(self, exc: BaseException) -> None:
        if self._closed:
            return
        self.status.setText(_("The document could not be prepared."))
        show_error(self, exc)

    def page_count(self) -> int:
        return len(self.page_labels)

    # -- printing ----------------------------------------------------------------------------
    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setFullPage(True)  # the PDF page already has its margins
        printer.setDocName(self.document.title if self.document else "")
        return printer

    def print_document(self) -> None:
        if self.document is None:
            return
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.page_count())
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        doc = self.document
        self.ctx.runner.run(
            service.record_output,
            self.ctx.ws,
            doc,
            success=later(self._paint, printer, doc),
            failure=later(self._show_error),
        )

    def _show_error(self, exc: BaseException) -> None:
        show_error(self, exc)

    def _paint(self, printer: QPrinter, doc: service.PrintedDocument, _done: object) -> None:
        if self._closed:
            return
        first, last = printer.fromPage(), printer.toPage()
        if first <= 0:
            first, last = 1, self.page_count()
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, _("Kooperacja"), _("The printer could not be started."))
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            for number in range(first, last + 1):
                if number > first:
                    printer.newPage()
                page = raster.render_pages(doc.pdf, dpi=dpi, first=number - 1, last=number - 1)[0]
                painter.drawImage(fit(printer, page), page_qimage(page))
        finally:
            painter.end()
            QGuiApplication.restoreOverrideCursor()
        self.status.setText(_("Sent to the printer."))

    # -- saving ------------------------------------------------------------------------------
    def suggested_path(self) -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = self.document.filename if self.document else "dokument.pdf"
        return str(Path(folder) / name) if folder else name

    def save_pdf(self) -> None:
        if self.document is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), self.suggested_path(), _("PDF documents (*.pdf)")
        )
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        doc = self.document
        self.ctx.runner.run(
            service.record_output,
            self.ctx.ws,
            doc,
            success=later(self._write, Path(path), doc),
            failure=later(self._show_error),
        )

    def _write(self, path: Path, doc: service.PrintedDocument, _done: object) -> None:
        if self._closed:
            return
        try:
            atomic_write_bytes(path, doc.pdf)
        except OSError as exc:
            log.warning("saving a PDF failed: %s", type(exc).__name__)
            QMessageBox.warning(
                self,
                _("Kooperacja"),
                _("The PDF could not be saved there. Choose another folder or check the space."),
            )
            return
        self.status.setText(_("Saved as PDF."))

    # -- closing -----------------------------------------------------------------------------
    def _on_locking(self) -> None:
        """The application locks: drop the document and its images, close."""
        self.document = None
        for label in self.page_labels:
            label.clear()
        self.page_labels.clear()
        self.reject()

    def done(self, result: int) -> None:
        if not self._closed:
            self._closed = True
            self.ctx.events.locking.disconnect(self._on_locking)
        super().done(result)

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext, kind: str, **ids: Any) -> int:
        """Show the preview of one document (modal) and return the dialog's result code."""
        dialog = cls(ctx, kind, parent, **ids)
        dialog.start()
        try:
            return dialog.exec()
        finally:
            # Destroy it now, on the GUI thread: left to Python's cyclic garbage collector,
            # the dialog could be destroyed on whichever thread collects (e.g. the DB worker).
            dialog.close_now()

    def close_now(self) -> None:
        """Drop the document and destroy the dialog (its late callbacks are then ignored)."""
        if not self._closed:
            self._closed = True
            self.ctx.events.locking.disconnect(self._on_locking)
        self.document = None
        shiboken6.delete(self)
