"""Signature blocks and room for handwriting on printed forms.

* ``signature_section``: a line, the printed name beneath, place and date, for each signatory,
  kept together with the document's closing text (``closing``).
* ``WritingLines`` (ruled lines to fill in by hand), ``write_in`` (room in a cell).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from app.i18n import _
from app.printing.fonts import FONT
from app.printing.layout import CONTENT_WIDTH, RULE, Para, esc, heading, para, styles


def write_in(height: float = 12 * mm) -> Spacer:
    """Room in a table cell to write by hand (the row grows to at least this height)."""
    return Spacer(1, height)


class WritingLines(Flowable):
    """``count`` ruled lines to write on by hand; splits across pages like text does."""

    def __init__(self, count: int, gap: float = 8 * mm) -> None:
        super().__init__()
        self.count = max(1, count)
        self.gap = gap

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.count * self.gap
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        fits = int(avail_height // self.gap)
        if fits <= 0 or fits >= self.count:
            return []
        return [WritingLines(fits, self.gap), WritingLines(self.count - fits, self.gap)]

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        for i in range(self.count):
            y = i * self.gap + 0.5
            c.line(0, y, self.width, y)
        c.restoreState()


@dataclass(frozen=True)
class Signatory:
    """One person who signs: the name printed under the line ("" leaves it to fill in)."""

    name: str
    role: str


class SignatureBox(Flowable):
    """Place and date on a line, room to sign, the signature line, the printed name beneath."""

    WRITE_ROOM = 7 * mm
    SIGN_ROOM = 13 * mm

    def __init__(self, signatory: Signatory) -> None:
        super().__init__()
        self.signatory = signatory

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        st = styles()
        self.width = avail_width
        self.line_width = avail_width * 0.9
        name = self.signatory.name.strip()
        if name:
            self._name = Para(esc(name), st["sig_name"])
        else:
            self._name = Para(esc(_("full name (in block letters)")), st["caption"])
        self._role = Para(esc(self.signatory.role), st["sig_role"])
        self._place = Para(esc(_("Place and date")), st["caption"])
        self._nh = self._name.wrap(self.line_width, avail_height)[1]
        self._rh = self._role.wrap(self.line_width, avail_height)[1]
        self._ph = self._place.wrap(self.line_width, avail_height)[1]
        blank_name = 0 if name else self.WRITE_ROOM
        self.height = (
            self.WRITE_ROOM + self._ph + self.SIGN_ROOM + 1.5 + blank_name + self._nh + self._rh
        )
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(colors.black)
        c.setLineWidth(0.6)
        y = self.height - self.WRITE_ROOM
        c.setDash(1, 2)
        c.line(0, y, self.line_width, y)
        c.setDash()
        y -= self._ph
        self._place.drawOn(c, 0, y)
        y -= self.SIGN_ROOM
        c.line(0, y, self.line_width, y)
        y -= 1.5
        if not self.signatory.name.strip():
            y -= self.WRITE_ROOM
            c.setDash(1, 2)
            c.line(0, y + 1.5, self.line_width, y + 1.5)
            c.setDash()
        y -= self._nh
        self._name.drawOn(c, 0, y)
        y -= self._rh
        self._role.drawOn(c, 0, y)
        c.restoreState()


def signature_section(
    signatories: Sequence[Signatory],
    title: str | None = None,
    note: str = "",
    lead: Sequence[Flowable] = (),
) -> list[Flowable]:
    """The signature blocks, two per row.  The section is kept on one page together with
    ``lead`` (the document's closing text, see ``closing``), so signatures never stand on a page
    without text above them; only a section longer than a page splits (between rows)."""
    head: list[Flowable] = [*lead, heading(title or _("Signatures"))]
    if note:
        head.append(para(note, "small"))
        head.append(Spacer(1, 2))
    half = CONTENT_WIDTH / 2
    rows: list[Flowable] = []
    people = list(signatories)
    for i in range(0, len(people), 2):
        pair: list[object] = [SignatureBox(p) for p in people[i : i + 2]]
        if len(pair) == 1:
            pair.append("")
        t = Table([pair], colWidths=[half, half], hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), FONT, 9),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ]
            )
        )
        rows.append(t)
    return [KeepTogether([Spacer(1, 4), *head, *rows])]


def _tail_cut(text: str, keep: int) -> int:
    """Where the last ``keep`` or so characters of ``text`` begin: after a sentence's end if one
    is near, else after a space (never inside a word); 0 when the text is short."""
    if len(text) <= keep * 1.5:
        return 0
    start = len(text) - keep
    window = text[: start + keep // 2]
    for mark in (". ", "! ", "? ", "; "):
        found = window.rfind(mark, max(0, start - keep))
        if found > 0:
            return found + len(mark)
    space = text.rfind(" ", 0, start)
    return space + 1 if space > 0 else 0


def closing(
    section: list[Flowable], text: str | None, limit: int = 900, keep: int = 260
) -> list[Flowable]:
    """Split off what to keep with the signatures from the document's closing ``section``
    (its heading and paragraphs): all of it when short, else only its last lines (about
    ``keep`` characters, from a sentence's start), so that a long note flows over the pages and
    the signatures never stand alone nor drag a whole paragraph to a new page.
    Returns the lead and removes it from ``section``."""
    body = (text or "").strip()
    if len(body) <= limit:
        lead = section[:]
        del section[:]
        return lead
    last_para = body.replace("\r\n", "\n").split("\n\n")[-1].strip()
    cut = _tail_cut(last_para, keep)
    if cut == 0:
        lead = section[-1:]
        del section[-1:]
        return lead
    style = getattr(section[-1], "style", None)
    name = style.name.split("-split")[0] if style is not None else "body"
    section[-1] = para(last_para[:cut].rstrip(), name if name in styles() else "body")
    return [para(last_para[cut:], name if name in styles() else "body")]
