"""The chart of goal attainment over time, drawn with QPainter (QtCharts is not shipped).

One line per goal on the GAS scale (−2 … +2, 0 = expected outcome) from the baseline through
each review, and a thick dashed line for the summary T-score (Kiresuk–Sherman, 50 = as expected),
on a right-hand axis aligned so that T 50 ± 10 sits at GAS 0 ± 1.  The x axis is the start
and each review in turn, labelled with its date.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.i18n import _
from app.services.reviews import AttainmentPoint
from app.ui.family.domain_ratings_widget import signed
from app.ui.kit.form_kit import fmt_date
from app.ui.theme import OKABE_ITO

# Colour-blind-safe palette (Okabe–Ito), one colour per goal.
PALETTE = [
    OKABE_ITO[name] for name in ("blue", "vermillion", "green", "purple", "orange", "sky", "yellow")
]
LEVELS = (2, 1, 0, -1, -2)


class AttainmentChartWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[AttainmentPoint] = []
        self.goals: list[tuple[str, str]] = []  # (goal id, title)
        self.setMinimumSize(360, 260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("Chart of goal attainment over time"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:
        return QSize(560, 360)

    def set_data(self, points: list[AttainmentPoint], goals: list[tuple[str, str]]) -> None:
        # The baseline comes first (``attainment_history``), then the reviews by date.
        points = list(points)
        self.points = points[:1] + sorted(points[1:], key=lambda pt: pt.held_on)
        self.goals = list(goals)
        self.setAccessibleDescription(self.describe())
        self.update()

    def describe(self) -> str:
        """The chart in words, for screen readers and the tooltip."""
        if len(self.points) < 2:
            return _("No review yet: the chart appears after the first monitoring review.")
        last = self.points[-1]
        parts = [_("Latest review on {date}.").format(date=fmt_date(last.held_on))]
        for gid, title in self.goals:
            if gid in last.levels:
                parts.append(f"{title}: {signed(last.levels[gid])}.")
        if last.t_score is not None:
            parts.append(_("T-score {t:.0f}.").format(t=last.t_score))
        return " ".join(parts)

    # -- geometry -----------------------------------------------------------------------------
    def _plot_rect(self, legend_lines: int) -> QRectF:
        fm = self.fontMetrics()
        left = fm.horizontalAdvance("+2 ") + 8
        right = fm.horizontalAdvance("T 70") + 14
        top = fm.height() + 12
        bottom = fm.height() * (2 + legend_lines) + 16
        return QRectF(
            left, top, max(self.width() - left - right, 10), max(self.height() - top - bottom, 10)
        )

    @staticmethod
    def _y(rect: QRectF, level: float) -> float:
        level = max(-2.5, min(2.5, level))
        return rect.top() + (2.5 - level) / 5.0 * rect.height()

    def _x(self, rect: QRectF, index: int) -> float:
        """Points are evenly spaced (start, 1st review, 2nd review…): reviews come every few
        months, and a plan adopted on the day of its first review would otherwise stack."""
        pad = rect.width() * 0.06
        steps = max(len(self.points) - 1, 1)
        return rect.left() + pad + index / steps * (rect.width() - 2 * pad)

    # -- painting -----------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        text_color = pal.color(QPalette.ColorRole.Text)
        title = QFont(self.font())
        title.setBold(True)
        p.setFont(title)
        p.setPen(text_color)
        p.drawText(
            QRectF(0, 4, self.width(), self.fontMetrics().height() + 4),
            Qt.AlignmentFlag.AlignHCenter,
            _("Goal attainment (GAS) over time"),
        )
        p.setFont(self.font())
        rect = self._plot_rect(legend_lines=len(self.goals) // 2 + 1)
        self._axes(p, rect, text_color)
        if len(self.points) < 2:
            p.setPen(text_color)
            p.drawText(
                rect,
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                _("No review yet: the chart appears after the first monitoring review."),
            )
            p.end()
            return
        self._dates(p, rect, text_color)
        for g, (gid, _title) in enumerate(self.goals):
            # Goals at the same level would hide each other: each line sits a few pixels apart.
            shift = (g - (len(self.goals) - 1) / 2) * 3
            pts = [
                QPointF(self._x(rect, i), self._y(rect, pt.levels[gid]) + shift)
                for i, pt in enumerate(self.points)
                if gid in pt.levels
            ]
            self._line(p, pts, QColor(PALETTE[g % len(PALETTE)]), 2.0, Qt.PenStyle.SolidLine)
        t_pts = [
            QPointF(self._x(rect, i), self._y(rect, (pt.t_score - 50) / 10))
            for i, pt in enumerate(self.points)
            if pt.t_score is not None
        ]
        self._line(p, t_pts, text_color, 3.0, Qt.PenStyle.DashLine)
        self._legend(p, rect, text_color)
        p.end()

    def _axes(self, p: QPainter, rect: QRectF, color: QColor) -> None:
        fm = self.fontMetrics()
        grid = QColor(color)
        grid.setAlpha(50)
        for level in LEVELS:
            y = self._y(rect, level)
            p.setPen(QPen(grid, 2 if level == 0 else 1))
            p.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            p.setPen(color)
            p.drawText(
                QRectF(0, y - fm.height() / 2, rect.left() - 6, fm.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                signed(level),
            )
            p.drawText(
                QRectF(rect.right() + 6, y - fm.height() / 2, 60, fm.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                f"T {50 + 10 * level}",
            )
        p.setPen(QPen(color, 1))
        p.drawRect(rect)

    def _dates(self, p: QPainter, rect: QRectF, color: QColor) -> None:
        fm = self.fontMetrics()
        p.setPen(color)
        last_right = -1e9
        for i, pt in enumerate(self.points):
            x = self._x(rect, i)
            label = _("start") if i == 0 else pt.held_on.strftime("%d.%m.%y")
            w = fm.horizontalAdvance(label)
            if x - w / 2 > last_right + 4:  # skip labels that would overlap
                p.drawText(
                    QRectF(x - w / 2, rect.bottom() + 4, w, fm.height()),
                    Qt.AlignmentFlag.AlignCenter,
                    label,
                )
                last_right = x + w / 2

    @staticmethod
    def _line(
        p: QPainter, pts: list[QPointF], color: QColor, width: float, style: Qt.PenStyle
    ) -> None:
        if not pts:
            return
        path = QPainterPath(pts[0])
        for pt in pts[1:]:
            path.lineTo(pt)
        p.setPen(QPen(color, width, style, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
        p.setBrush(color)
        p.setPen(QPen(color, 1))
        for pt in pts:
            p.drawEllipse(pt, 3.5, 3.5)
        p.setBrush(Qt.BrushStyle.NoBrush)

    def _legend(self, p: QPainter, rect: QRectF, color: QColor) -> None:
        fm = self.fontMetrics()
        entries = [
            (title, QColor(PALETTE[i % len(PALETTE)]), Qt.PenStyle.SolidLine)
            for i, (_gid, title) in enumerate(self.goals)
        ]
        entries.append((_("T-score (all goals)"), color, Qt.PenStyle.DashLine))
        col_w = rect.width() / 2
        y0 = rect.bottom() + fm.height() + 10
        for i, (title, c, style) in enumerate(entries):
            x = rect.left() + (i % 2) * col_w
            y = y0 + (i // 2) * (fm.height() + 2)
            p.setPen(QPen(c, 3, style))
            p.drawLine(QPointF(x, y + fm.height() / 2), QPointF(x + 22, y + fm.height() / 2))
            p.setPen(color)
            text = fm.elidedText(title, Qt.TextElideMode.ElideRight, int(col_w - 32))
            p.drawText(
                QRectF(x + 28, y, col_w - 32, fm.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
