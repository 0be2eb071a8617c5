"""Reading printed PDFs back: text (pypdf), character positions and pixels (pypdfium2)."""

from __future__ import annotations

import functools
import io
import re

import pypdf
import pypdfium2

from app.printing import layout, raster
from app.printing.hyphen import break_points


def reader(pdf: bytes) -> pypdf.PdfReader:
    assert pdf.startswith(b"%PDF-"), "not a PDF"
    return pypdf.PdfReader(io.BytesIO(pdf))


_BREAK = re.compile(r"(\w+)-\s+(\w+)")


def _rejoin(m: re.Match) -> str:
    """A word broken at the end of a line: a hyphenation ("okre-|sowych" → "okresowych"),
    or a compound broken after its own hyphen ("Psychologiczno-|Pedagogiczna" keeps it)."""
    head, tail = m.group(1), m.group(2)
    if tail[:1].islower() and len(head) in break_points(head + tail):
        return head + tail
    return f"{head}-{tail}"


def flat(text: str) -> str:
    """Whitespace collapsed, and words re-joined where a line broke inside them."""
    return _BREAK.sub(_rejoin, " ".join(text.split()))


@functools.lru_cache(maxsize=32)
def extracted(pdf: bytes) -> tuple[str, ...]:
    """Each page's text as pypdf extracts it.  Kept for the last PDFs read: a test often reads
    one document several ways (its words, its pages), and the bytes give the same text."""
    return tuple(p.extract_text() or "" for p in reader(pdf).pages)


def page_texts(pdf: bytes) -> list[str]:
    return [flat(page) for page in extracted(pdf)]


def text(pdf: bytes) -> str:
    return " ".join(page_texts(pdf))


def signature_text(pdf: bytes, caption: str = "miejscowość i data") -> str:
    """Everything from the first signature block on (each block: caption, line, name)."""
    full = text(pdf)
    assert caption in full, "no signature block"
    return full[full.index(caption) :]


def chars_outside_layout(pdf: bytes, tolerance: float = 1.5) -> list[tuple[int, str]]:
    """Characters drawn outside the page's header, footer or body frame (clipped/overflowing
    text would be there): (page number, character) pairs."""
    width, height = layout.PAGE_WIDTH, layout.PAGE_HEIGHT
    left, right = layout.MARGIN_LEFT - tolerance, width - layout.MARGIN_RIGHT + tolerance
    body_low = layout.MARGIN_BOTTOM - tolerance
    body_high = height - layout.MARGIN_TOP + tolerance
    header_low = body_high + 4 * 2.835 - 2 * tolerance
    footer_high = 15 * 2.835
    bad: list[tuple[int, str]] = []
    doc = pypdfium2.PdfDocument(pdf)
    try:
        for number in range(len(doc)):
            page = doc[number]
            tp = page.get_textpage()
            for i in range(tp.count_chars()):
                ch = tp.get_text_range(i, 1)
                if not ch.strip():
                    continue
                x0, y0, x1, y1 = tp.get_charbox(i)
                inside_x = left <= x0 and x1 <= right
                in_body = body_low <= y0 and y1 <= body_high
                in_header = y0 >= header_low and y1 <= height
                in_footer = y1 <= footer_high and y0 >= 0
                if not (inside_x and (in_body or in_header or in_footer)):
                    bad.append((number + 1, ch))
            tp.close()
            page.close()
    finally:
        doc.close()
    return bad


def ruled_lines(pdf: bytes, page: int = 0, dpi: int = 60, share: float = 0.6) -> int:
    """How many horizontal lines longer than ``share`` of the text width a page has."""
    image = raster.render_pages(pdf, dpi=dpi, first=page, last=page)[0]
    x0 = int(layout.MARGIN_LEFT / 72 * dpi)
    x1 = int((layout.PAGE_WIDTH - layout.MARGIN_RIGHT) / 72 * dpi)
    need = (x1 - x0) * share
    count, previous = 0, False
    for y in range(image.height):
        row = image.data[y * image.stride : y * image.stride + image.width * 3]
        dark = sum(1 for x in range(x0, x1) if row[3 * x + 1] < 200)
        is_line = dark >= need
        if is_line and not previous:
            count += 1
        previous = is_line
    return count


def squares(pdf: bytes, low_mm: float = 3.0, high_mm: float = 8.0) -> list[tuple[int, float]]:
    """Drawn square outlines (tick boxes) with sides between ``low_mm`` and ``high_mm``:
    (page number, side in mm) for each."""
    import pypdfium2.raw as pdfium_c

    mm = 72 / 25.4
    found: list[tuple[int, float]] = []
    doc = pypdfium2.PdfDocument(pdf)
    try:
        for number in range(len(doc)):
            page = doc[number]
            for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
                left, bottom, right, top = obj.get_bounds()
                width, height = (right - left) / mm, (top - bottom) / mm
                if low_mm <= width <= high_mm and abs(width - height) < 0.3:
                    found.append((number + 1, width))
            page.close()
    finally:
        doc.close()
    return found


def body_fill(pdf: bytes) -> list[float]:
    """How far down each page's body its text reaches (0 = nothing below the header, 1 = down to
    the footer): a page that stops near the top is a near-empty page."""
    top = layout.PAGE_HEIGHT - layout.MARGIN_TOP
    bottom = layout.MARGIN_BOTTOM
    out: list[float] = []
    doc = pypdfium2.PdfDocument(pdf)
    try:
        for number in range(len(doc)):
            page = doc[number]
            tp = page.get_textpage()
            lows = [
                tp.get_charbox(i)[1]
                for i in range(tp.count_chars())
                if tp.get_text_range(i, 1).strip()
            ]
            body = [y for y in lows if bottom - 1 <= y <= top + 1]
            out.append((top - min(body)) / (top - bottom) if body else 0.0)
            tp.close()
            page.close()
    finally:
        doc.close()
    return out


def font_size_at(pdf: bytes, phrase: str) -> float:
    """The font size (pt) of the first character of ``phrase`` where it is printed."""
    import pypdfium2.raw as pdfium_c

    doc = pypdfium2.PdfDocument(pdf)
    try:
        for number in range(len(doc)):
            page = doc[number]
            tp = page.get_textpage()
            found = tp.get_text_range().find(phrase)
            size = pdfium_c.FPDFText_GetFontSize(tp.raw, found) if found >= 0 else 0.0
            tp.close()
            page.close()
            if found >= 0:
                return float(size)
    finally:
        doc.close()
    raise AssertionError(f"{phrase!r} is not in the PDF")
