"""Boxes to tick by hand, drawn (not a font glyph) at least 4 mm wide so a pen mark fits.

* ``TickBox(label)``: one box with its label beside it; a list of them stacks in a table cell.
* ``TickRow(options)``: boxes side by side ("☐ tak   ☐ nie"), wrapping onto more lines when the
  width runs out.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from app.printing.layout import Para, esc, styles

SIZE = 4.5 * mm  # the minimum is 4 mm
GAP = 1.8 * mm  # between a box and its label
SPACING = 5 * mm  # between options of a row
PAD = 1.2 * mm  # under each box


def _draw_box(canv, x: float, top: float) -> None:
    canv.saveState()
    canv.setStrokeColor(colors.black)
    canv.setLineWidth(0.7)
    canv.rect(x, top - SIZE, SIZE, SIZE, stroke=1, fill=0)
    canv.restoreState()


class TickBox(Flowable):
    """A box and its label (the label wraps beside the box)."""

    def __init__(self, label: str = "", style: str = "cell") -> None:
        super().__init__()
        self.label = label
        self.style = style

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self._para = Para(esc(self.label), styles()[self.style]) if self.label else None
        ph = 0.0
        if self._para is not None:
            ph = self._para.wrap(max(avail_width - SIZE - GAP, 10), avail_height)[1]
        self._ph = ph
        self.height = max(SIZE, ph) + PAD
        return self.width, self.height

    def draw(self) -> None:
        top = self.height
        _draw_box(self.canv, 0, top)
        if self._para is not None:
            # The label's first line sits level with the box.
            lead = styles()[self.style].leading
            offset = max(0.0, (SIZE - lead) / 2)
            self._para.drawOn(self.canv, SIZE + GAP, top - offset - self._ph)


class TickRow(Flowable):
    """Options side by side, each with its box."""

    def __init__(self, options: Sequence[str], style: str = "cell") -> None:
        super().__init__()
        self.options = list(options)
        self.style = style

    def _layout(self, width: float) -> list[list[tuple[float, str]]]:
        st = styles()[self.style]
        lines: list[list[tuple[float, str]]] = [[]]
        x = 0.0
        for option in self.options:
            need = SIZE + GAP + stringWidth(option, st.fontName, st.fontSize)
            if lines[-1] and x + need > width:
                lines.append([])
                x = 0.0
            lines[-1].append((x, option))
            x += need + SPACING
        return lines

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self._lines = self._layout(avail_width)
        self.height = len(self._lines) * (SIZE + PAD)
        return self.width, self.height

    def draw(self) -> None:
        st = styles()[self.style]
        c = self.canv
        top = self.height
        for line in self._lines:
            for x, option in line:
                _draw_box(c, x, top)
                c.setFont(st.fontName, st.fontSize)
                c.drawString(x + SIZE + GAP, top - SIZE + (SIZE - st.fontSize) / 2 + 0.8, option)
            top -= SIZE + PAD


def tick_list(options: Sequence[str], style: str = "cell") -> list[Flowable]:
    return [TickBox(o, style) for o in options]
