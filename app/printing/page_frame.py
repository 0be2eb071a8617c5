"""The page of every printed document: A4, the institution's name and address, the case
number, the document title, the date and "strona X z Y" drawn on every page, and ``build_pdf``,
which lays a story of flowables out on such pages into memory (never a temporary file); PDF
metadata carry the document type only.

Apart from ``app.printing.layout`` (styles, paragraphs, tables: what goes on the page) because
this is the one place that draws on the canvas around the story.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from app.i18n import _, current_language
from app.printing.fonts import FONT, register_fonts
from app.printing.layout import (
    CONTENT_WIDTH,
    CREATOR,
    GRID,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    PageHeader,
    Para,
    esc,
    fmt_date,
    styles,
)


class _NumberedCanvas(Canvas):
    """Holds every page until the end so each can say "strona X z Y" (one build pass)."""

    def __init__(self, *args: object, page_label: str = "{page}/{pages}", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._page_label = page_label
        self._pages: list[dict] = []

    def showPage(self) -> None:  # ReportLab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_page_number(total)
            super().showPage()
        super().save()

    def _draw_page_number(self, total: int) -> None:
        self.saveState()
        self.setFont(FONT, 8)
        label = self._page_label.format(page=self._pageNumber, pages=total)
        self.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, 11 * mm, label)
        self.restoreState()


def _draw_frame(header: PageHeader, canv: Canvas, _doc: BaseDocTemplate) -> None:
    st = styles()
    canv.saveState()
    top = PAGE_HEIGHT - 11 * mm
    right = PAGE_WIDTH - MARGIN_RIGHT
    left_width = CONTENT_WIDTH * 0.62
    # At most two lines each, so a long name never runs into the page body.
    name = Para(esc(_shorten(header.institution_name, 110)), st["cell_bold"])
    _w, nh = name.wrap(left_width, 20 * mm)
    name.drawOn(canv, MARGIN_LEFT, top - nh)
    if header.institution_address:
        addr = Para(esc(_shorten(header.institution_address, 130)), st["small"])
        _w, ah = addr.wrap(left_width, 12 * mm)
        addr.drawOn(canv, MARGIN_LEFT, top - nh - ah)
    label = header.reference_label or _("Case no.")
    room = CONTENT_WIDTH * 0.36
    if header.reference:
        _right_text(canv, f"{label} {header.reference}", right, top - 8, room)
    date_text = _("Date: {date}").format(date=fmt_date(header.printed_on))
    _right_text(canv, date_text, right, top - 19, room)
    canv.setStrokeColor(GRID)
    canv.setLineWidth(0.5)
    line_y = PAGE_HEIGHT - MARGIN_TOP + 4 * mm
    canv.line(MARGIN_LEFT, line_y, right, line_y)
    canv.line(MARGIN_LEFT, 15 * mm, right, 15 * mm)
    canv.setFont(FONT, 8)
    canv.setFillColor(MUTED)
    canv.drawString(MARGIN_LEFT, 11 * mm, _shorten(header.title, 95))
    canv.restoreState()


def _right_text(canv: Canvas, text: str, right: float, y: float, room: float) -> None:
    """Right-aligned header text, made smaller (and at worst shortened) to fit ``room``."""
    size = 8.5
    while size > 6.5 and stringWidth(text, FONT, size) > room:
        size -= 0.5
    while stringWidth(text, FONT, size) > room and len(text) > 4:
        text = text[:-2] + "…"
    canv.setFont(FONT, size)
    canv.drawRightString(right, y, text)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def build_pdf(header: PageHeader, story: Sequence[Flowable]) -> bytes:
    """Lay ``story`` out on A4 pages with the header and footer; returns the PDF bytes."""
    register_fonts()
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        # Metadata name the document type only: no names, PESELs or case numbers.
        title=header.title,
        author=CREATOR,
        subject=header.title,
        creator=CREATOR,
        keywords=[],
        lang="pl-PL" if current_language() == "pl" else "en",
        initialFontName=FONT,  # else every page references an unembedded Helvetica
        initialFontSize=9,
    )
    frame = Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM,
        CONTENT_WIDTH,
        PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates(
        [PageTemplate(id="page", frames=[frame], onPage=functools.partial(_draw_frame, header))]
    )
    doc.build(
        list(story),
        canvasmaker=functools.partial(_NumberedCanvas, page_label=_("page {page} of {pages}")),
    )
    return buf.getvalue()
