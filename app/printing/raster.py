"""PDF pages as images, in memory (pypdfium2): the in-app preview, printing, the docs PNGs.

PDFium is not safe to call from two threads at once, so every call holds one lock; nothing is
written to disk.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass

import pypdfium2

_lock = threading.Lock()
POINTS_PER_INCH = 72


@dataclass(frozen=True)
class PageImage:
    """One rendered page: RGB, 3 bytes per pixel, rows ``stride`` bytes apart."""

    width: int
    height: int
    stride: int
    data: bytes

    def to_png(self, grayscale: bool = False) -> bytes:
        from PIL import Image

        image = Image.frombuffer(
            "RGB", (self.width, self.height), self.data, "raw", "RGB", self.stride, 1
        )
        if grayscale:
            image = image.convert("L")
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
        return out.getvalue()


def page_count(pdf: bytes) -> int:
    with _lock:
        doc = pypdfium2.PdfDocument(pdf)
        try:
            return len(doc)
        finally:
            doc.close()


def render_pages(
    pdf: bytes, dpi: float = 100, first: int = 0, last: int | None = None
) -> list[PageImage]:
    """Render pages ``first`` … ``last`` (0-based, inclusive; default: all) at ``dpi``."""
    with _lock:
        doc = pypdfium2.PdfDocument(pdf)
        try:
            stop = len(doc) - 1 if last is None else min(last, len(doc) - 1)
            images = []
            for index in range(first, stop + 1):
                page = doc[index]
                bitmap = page.render(
                    scale=dpi / POINTS_PER_INCH, rev_byteorder=True, may_draw_forms=False
                )
                try:
                    images.append(
                        PageImage(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer))
                    )
                finally:
                    bitmap.close()
                    page.close()
            return images
        finally:
            doc.close()
