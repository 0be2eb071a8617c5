"""Horizontal bar charts drawn with QPainter (QtCharts is not part of PySide6-Essentials).

One row per category, bars stacked by series (e.g. cases by stage), the total at the end of
each bar, a legend of the series above.  The same numbers are in the tooltip and the accessible
description, so the chart is never the only place a figure can be read.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.i18n import _
from app.ui.theme import OKABE_ITO

# Colour-blind-safe palette (Okabe–Ito).
PALETTE = list(OKABE_ITO.values())
ROW = 22
GAP = 6
LEGEND = 20


class BarChart(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.categories: list[str] = []
        self.series: list[str] = []
        self.values: list[list[int]] = []  # per category, per series
        self.colours: list[str] = PALETTE
        self.setAccessibleName(title)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setMinimumHeight(LEGEND + ROW + 2 * GAP)

    def set_data(
        self,
        categories: list[str],
        series: list[str],
        values: list[list[int]],
        colours: list[str] | None = None,
    ) -> None:
        self.categories, self.series, self.values = categories, series, values
        self.colours = colours or PALETTE
        lines = [
            f"{cat}: {sum(row)}"
            + (
                " (" + ", ".join(f"{s} {v}" for s, v in zip(series, row, strict=True) if v) + ")"
                if len(series) > 1
                else ""
            )
            for cat, row in zip(categories, values, strict=True)
        ]
        text = "\n".join(lines) or _("No data.")
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self.setMinimumHeight(self._height())
        self.updateGeometry()
        self.update()

    def _height(self) -> int:
        return LEGEND + GAP + max(1, len(self.categories)) * (ROW + GAP) + GAP

    def sizeHint(self) -> QSize:
        return QSize(520, self._height())

    def total(self, i: int) -> int:
        return sum(self.values[i])

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text_colour = pal.color(QPalette.ColorRole.WindowText)
        fm = QFontMetrics(self.font())
        width = self.width()
        legend_x = 0
        if len(self.series) > 1:
            for i, name in enumerate(self.series):
                colour = QColor(self.colours[i % len(self.colours)])
                p.fillRect(QRectF(legend_x, 5, 12, 12), colour)
                p.setPen(text_colour)
                p.drawText(legend_x + 16, 15, name)
                legend_x += 16 + fm.horizontalAdvance(name) + 14
        if not self.categories:
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.drawText(0, LEGEND + GAP + 15, _("No data."))
            p.end()
            return
        label_w = min(width // 3, max(fm.horizontalAdvance(c) for c in self.categories) + 8)
        number_w = fm.horizontalAdvance("000000")
        bar_w = max(10, width - label_w - number_w - 8)
        top = max((self.total(i) for i in range(len(self.categories))), default=0) or 1
        y = LEGEND + GAP
        for i, cat in enumerate(self.categories):
            p.setPen(text_colour)
            shown = fm.elidedText(cat, Qt.TextElideMode.ElideRight, label_w - 6)
            p.drawText(QRectF(0, y, label_w - 6, ROW), Qt.AlignmentFlag.AlignVCenter, shown)
            x = float(label_w)
            for j, value in enumerate(self.values[i]):
                w = bar_w * value / top
                if w > 0:
                    colour = QColor(self.colours[j % len(self.colours)])
                    p.fillRect(QRectF(x, y + 3, w, ROW - 6), colour)
                    x += w
            p.setPen(QPen(text_colour))
            p.drawText(
                QRectF(x + 4, y, number_w, ROW),
                Qt.AlignmentFlag.AlignVCenter,
                str(self.total(i)),
            )
            y += ROW + GAP
        p.end()
