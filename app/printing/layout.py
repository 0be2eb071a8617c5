"""Shared page layout of every printed document (a stable API other PDF builders may import).

* ``PageHeader``: what heads and foots every page; ``app.printing.page_frame.build_pdf(header,
  story)`` lays the story out on A4 pages with it.
* Paragraph styles with Polish hyphenation (``styles``, ``para``, ``heading``, ``title_block``).
* Flowables: ``text_block`` (long text that flows across pages), ``field_table`` (label/value),
  ``data_table`` (grid whose cells wrap and whose rows may split across pages).
* Signatures and handwriting are in ``app.printing.signatures``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.printing.fonts import FONT, FONT_BOLD, FONT_ITALIC, register_fonts
from app.printing.hyphen import hyphenate, soft_hyphens
from app.services import date_text

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = 20 * mm
MARGIN_RIGHT = 18 * mm
MARGIN_TOP = 31 * mm  # room for the header
MARGIN_BOTTOM = 20 * mm  # room for the footer
CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
GRID = colors.Color(0.55, 0.55, 0.55)
HEAD_FILL = colors.Color(0.91, 0.91, 0.91)
MUTED = colors.Color(0.35, 0.35, 0.35)
RULE = colors.Color(0.5, 0.5, 0.5)
CREATOR = "Kooperacja"
EMPTY = "—"
BOX = "\u2610"  # ☐, present in DejaVu Sans


@dataclass(frozen=True)
class PageHeader:
    """What heads and foots every page.  ``title`` is the document type: it is also the PDF
    title, so it must never contain personal data."""

    institution_name: str
    institution_address: str
    reference: str  # the case number (or an agreement's number)
    title: str
    printed_on: date
    reference_label: str = ""  # default: "Case no."


def fmt_date(day: date | None, empty: str = EMPTY) -> str:
    """A day as ``app.services.date_text`` writes it (04.03.2026); a dash for none."""
    return date_text.fmt_date(day, empty)


def fmt_moment(moment: datetime | None, empty: str = EMPTY) -> str:
    """A moment as ``app.services.date_text`` writes it (local time); a dash for none."""
    return date_text.fmt_moment(moment, empty)


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def fmt_value(value: object) -> object:
    """A record's value for a printed table: an ISO date or moment (as records hold them) the
    Polish way, a moment in local time."""
    if isinstance(value, str) and (m := _ISO_DAY.match(value)):
        return f"{m.group(3)}.{m.group(2)}.{m.group(1)}"
    if isinstance(value, str) and _ISO_MOMENT.match(value):
        try:
            return fmt_moment(datetime.fromisoformat(value.replace("Z", "+00:00")))
        except ValueError:
            return value
    return value


def esc(text: str | None) -> str:
    """Plain text → Paragraph markup (escaped, line breaks kept, soft hyphens at the Polish
    hyphenation points of its words)."""
    plain = soft_hyphens((text or "").strip())
    return escape(plain).replace("\r\n", "\n").replace("\n", "<br/>")


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    # Every paragraph hyphenates Polish words at correct points (``app.printing.hyphen``) and may
    # break after a hyphen already in a word ("psychologiczno-|pedagogiczna").
    base = ParagraphStyle(
        "body",
        fontName=FONT,
        fontSize=9.5,
        leading=12.5,
        alignment=TA_LEFT,
        hyphenationLang=hyphenate,
        embeddedHyphenation=1,
    )

    def make(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "justify": make("justify", alignment=TA_JUSTIFY),
        "clause": make("clause", fontSize=8.5, leading=11, alignment=TA_JUSTIFY, spaceAfter=2),
        "small": make("small", fontSize=8, leading=10),
        "muted": make("muted", fontSize=8, leading=10, textColor=MUTED),
        "note": make("note", fontSize=8, leading=10, textColor=MUTED, spaceBefore=2.5),
        "title": make(
            "title",
            fontName=FONT_BOLD,
            fontSize=14.5,
            leading=18,
            alignment=TA_CENTER,
            spaceAfter=2,
        ),
        "subtitle": make("subtitle", fontSize=9.5, leading=12.5, alignment=TA_CENTER, spaceAfter=8),
        "h2": make(
            "h2",
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=13,
            spaceBefore=9,
            spaceAfter=4,
        ),
        "h3": make(
            "h3",
            fontName=FONT_BOLD,
            fontSize=9.5,
            leading=12,
            spaceBefore=6,
            spaceAfter=3,
        ),
        "h4": make(
            "h4",
            fontName=FONT_BOLD,
            fontSize=8.8,
            leading=11,
            spaceBefore=3,
            spaceAfter=1,
            textColor=MUTED,
        ),
        "cell": make("cell", fontSize=8.5, leading=10.5),
        "cell_muted": make("cell_muted", fontSize=8, leading=10, textColor=MUTED),
        "cell_bold": make("cell_bold", fontName=FONT_BOLD, fontSize=8.5, leading=10.5),
        "cell_head": make("cell_head", fontName=FONT_BOLD, fontSize=8, leading=10),
        "cell_center": make("cell_center", fontSize=8.5, leading=10.5, alignment=TA_CENTER),
        "label": make("label", fontSize=8.5, leading=10.5, textColor=MUTED),
        "sig_name": make("sig_name", fontName=FONT_BOLD, fontSize=9, leading=11),
        "sig_role": make("sig_role", fontSize=7.5, leading=9.5, textColor=MUTED),
        "caption": make("caption", fontName=FONT_ITALIC, fontSize=7, leading=8.5, textColor=MUTED),
        "right": make("right", alignment=TA_RIGHT),
    }


class Para(Paragraph):
    """A paragraph that breaks lines only between words, after a hyphen or at a Polish
    hyphenation point.  ReportLab's "split long words" would also cut a word that merely does
    not fit the rest of a line ("o|piekuńczo-wychowawczeg|o" in a 40 mm column), so it is off;
    only when a single word is wider than the whole column (a 20,000-character string without
    spaces) is the paragraph laid out again with it on, so that nothing runs out of its cell."""

    style: ParagraphStyle

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self.style.splitLongWords:
            self.style = _no_long_word_split(self.style)
        width, height = super().wrap(avail_width, avail_height)
        if _overflows(self):
            self.style = _long_word_split(self.style)
            width, height = super().wrap(avail_width, avail_height)
        return width, height


def _overflows(p: Paragraph) -> bool:
    lines = getattr(getattr(p, "blPara", None), "lines", []) or []
    for line in lines:
        extra = line[0] if isinstance(line, tuple) else getattr(line, "extraSpace", 0)
        if extra < -0.5:
            return True
    return False


@functools.cache
def _variant(style: ParagraphStyle, split: int) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-split{split}", parent=style, splitLongWords=split)


def _no_long_word_split(style: ParagraphStyle) -> ParagraphStyle:
    return _variant(style, 0)


def _long_word_split(style: ParagraphStyle) -> ParagraphStyle:
    return _variant(style.parent if style.name.endswith("-split0") else style, 1)


def para(text: str | None, style: str = "body", *, markup: bool = False) -> Paragraph:
    """A paragraph of plain text (escaped) or of trusted markup built by the printing code."""
    return Para(text or "" if markup else esc(text), styles()[style])


class Heading(Para):
    """A heading that never ends a page: when less than ``FOLLOW`` room would be left under it,
    it moves to the next page.  (ReportLab's ``keepWithNext`` would instead carry the whole
    next table or note along, leaving most of a page empty.)"""

    # Room wanted below a heading, by level: a higher level wants more, so that a heading
    # followed by a sub-heading never lands alone at the foot of a page.
    FOLLOW = {2: 30 * mm, 3: 25 * mm, 4: 18 * mm}

    def __init__(self, text: str, level: int) -> None:
        super().__init__(text, styles()[f"h{level}"])
        self.follow = self.FOLLOW[level]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        width, height = super().wrap(avail_width, avail_height)
        if avail_height < height + self.follow:
            return width, avail_height + 1  # "does not fit": the frame moves it on
        return width, height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []


def heading(text: str, level: int = 2) -> Paragraph:
    return Heading(esc(text), level)


def title_block(title: str, subtitle: str = "") -> list[Flowable]:
    out: list[Flowable] = [para(title, "title")]
    out.append(para(subtitle, "subtitle") if subtitle else Spacer(1, 8))
    return out


def text_block(text: str | None, style: str = "body") -> list[Flowable]:
    """Long free text: one Paragraph per paragraph, so it splits across pages anywhere."""
    text = (text or "").strip()
    if not text:
        return [para(EMPTY, style)]
    parts = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    out: list[Flowable] = []
    for i, part in enumerate(parts):
        p = para(part, style)
        if i:
            out.append(Spacer(1, 3))
        out.append(p)
    return out


def section(title: str, text: str | None, level: int = 2) -> list[Flowable]:
    return [heading(title, level), *text_block(text)]


def _cell(value: object, style: str) -> Flowable:
    if isinstance(value, Flowable):
        return value
    if isinstance(value, list):
        return value  # a list of flowables stacks in one cell
    return para(EMPTY if value is None else str(value), style)


def data_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    style: str = "cell",
    empty_text: str = "",
) -> Table:
    """A ruled grid: header row repeated on each page, every cell a wrapping Paragraph, rows
    allowed to split across pages (so a 20,000-character cell never overflows)."""
    col_widths = [CONTENT_WIDTH * w / sum(widths) for w in widths]
    data: list[list[object]] = [[para(h, "cell_head") for h in headers]]
    for row in rows:
        data.append([_cell(v, style) for v in row])
    if not rows:
        data.append([para(empty_text or EMPTY, "muted")] + [""] * (len(headers) - 1))
    table = Table(data, colWidths=col_widths, repeatRows=1, splitInRow=1, hAlign="LEFT")
    commands = [
        ("FONT", (0, 0), (-1, -1), FONT, 8.5),  # for plain-string cells; default: Helvetica
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if not rows:
        commands.append(("SPAN", (0, 1), (-1, 1)))
    table.setStyle(TableStyle(commands))
    return table


def field_table(
    pairs: Sequence[tuple[str, object]],
    label_width: float = 0.3,
    *,
    ruled: bool = True,
    width: float = CONTENT_WIDTH,
) -> Table:
    """Label/value lines ("Adres zamieszkania: …"), with a light rule under each when
    ``ruled``; blank forms pass ``ruled=False`` and ``WritingLines`` as the values to fill in."""
    data = [[para(label, "label"), _cell(value, "body")] for label, value in pairs]
    widths = [width * label_width, width * (1 - label_width)]
    table = Table(data, colWidths=widths, splitInRow=1, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 9),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if ruled:
        commands.append(("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.Color(0.8, 0.8, 0.8)))
    table.setStyle(TableStyle(commands))
    return table
