"""Showing an attached image inside the application (nothing is written to disk).

Zoom with Ctrl++ / Ctrl+− and Ctrl+0 to fit; "Zapisz jako…" writes a copy only where the user
chooses.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.ui.kit.safe import no_result
from app.ui.kit.screen_fit import resize_to_fit


class ImageViewerDialog(QDialog):
    save_requested = Signal()

    def __init__(self, title: str, image: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.image = image
        self.scale = 0.0  # 0 = fit to the window
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setAccessibleName(title)
        self.area = QScrollArea()
        self.area.setWidget(self.label)
        self.area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("&Close"))
        save = QPushButton(_("&Save as…"))
        buttons.addButton(save, QDialogButtonBox.ButtonRole.ActionRole)
        for text, keys, slot in (
            (_("Zoom &in"), QKeySequence.StandardKey.ZoomIn, lambda: self.zoom(1.25)),
            (_("Zoom &out"), QKeySequence.StandardKey.ZoomOut, lambda: self.zoom(0.8)),
        ):
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
            QShortcut(keys, self, slot)
        fit = QPushButton(_("&Fit"))
        fit.clicked.connect(self.fit)
        buttons.addButton(fit, QDialogButtonBox.ButtonRole.ActionRole)
        QShortcut(QKeySequence("Ctrl+0"), self, self.fit)
        buttons.rejected.connect(self.reject)
        save.clicked.connect(no_result(self.save_requested.emit))
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        layout.addWidget(buttons)
        resize_to_fit(self, 1000, 680)

    def showEvent(self, event) -> None:  # Qt override
        super().showEvent(event)
        self._redraw()

    def resizeEvent(self, event) -> None:  # Qt override
        super().resizeEvent(event)
        if self.scale == 0.0:
            self._redraw()

    def fit(self) -> None:
        self.scale = 0.0
        self._redraw()

    def zoom(self, factor: float) -> None:
        current = self.scale or self._fit_scale()
        self.scale = max(0.05, min(current * factor, 8.0))
        self._redraw()

    def _fit_scale(self) -> float:
        view = self.area.viewport().size()
        if self.image.width() == 0 or self.image.height() == 0:
            return 1.0
        return min(view.width() / self.image.width(), view.height() / self.image.height(), 1.0)

    def _redraw(self) -> None:
        scale = self.scale or self._fit_scale()
        size = self.image.size() * scale
        pixmap = QPixmap.fromImage(self.image).scaled(
            size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        self.label.setPixmap(pixmap)
        self.label.resize(pixmap.size())

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, image: QImage) -> bool:
        """Show the image; True when the user asked to save a copy."""
        dialog = cls(title, image, parent)
        wanted: list[bool] = []

        def save() -> None:
            wanted.append(True)
            dialog.accept()

        dialog.save_requested.connect(save)
        dialog.exec()
        dialog.deleteLater()
        return bool(wanted)
