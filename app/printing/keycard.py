"""The printable key card: one A4 page with a device's fingerprint in large type.

People confirm each other's keys by reading the fingerprint aloud or comparing it with this page
(handed over at a meeting, or posted).  The card holds public keys only; no case data.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.config import atomic_write_bytes
from app.i18n import _
from app.printing.fonts import FONT, FONT_BOLD, register_fonts
from app.printing.layout import fmt_date
from app.services import reference
from app.services.workspace import Workspace
from app.sync import identity


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def save_card(ws: Workspace, path: Path | str, *, pdf: bool | None = None) -> Path:
    """Write this device's key card: the JSON card, or the printable page (``pdf``; by default
    when the name ends in ``.pdf``).  Public keys only; written private (0600) like every file
    the program writes."""
    target = Path(path)
    if pdf is None:
        pdf = target.suffix.lower() == ".pdf"
    atomic_write_bytes(target, own_card_pdf(ws) if pdf else identity.export_card(ws))
    return target


def own_card_pdf(ws: Workspace) -> bytes:
    """The printable key card of this device."""
    info = identity.show(ws)
    unit = reference.terc_unit(ws, info.unit_code)
    return keycard_pdf(
        device_id=info.device_id,
        role=info.role,
        unit=info.unit_code,
        unit_name=unit.name if unit else "",
        name=info.name,
        worker=info.worker_name,
        fingerprint=info.fingerprint,
        signing_public=info.signing_public,
        age_recipient=info.age_recipient,
    )


def keycard_pdf(
    *,
    device_id: str,
    role: str,
    unit: str,
    unit_name: str,
    name: str,
    worker: str,
    fingerprint: str,
    signing_public: str,
    age_recipient: str,
    printed_on: date | None = None,
) -> bytes:
    """The key card as PDF bytes (rendered in memory, metadata name the document type only)."""
    register_fonts()
    buf = io.BytesIO()
    width, height = A4
    c = Canvas(buf, pagesize=A4, initialFontName=FONT, initialFontSize=10)
    c.setTitle(_("Device key card"))
    c.setAuthor("Kooperacja")
    c.setCreator("Kooperacja")
    c.setSubject(_("Device key card"))
    left = 22 * mm
    y = height - 28 * mm
    c.setFont(FONT_BOLD, 18)
    c.drawString(left, y, _("Device key card"))
    y -= 8 * mm
    c.setFont(FONT, 10)
    c.drawString(left, y, _("Kooperacja: sync bundles between OPS and the powiat coordinator"))
    y -= 14 * mm
    role_label = _("powiat coordinator") if role == "coordinator" else _("OPS (gmina)")
    rows = [
        (_("Institution"), name),
        (_("Worker"), worker or "—"),
        (_("Role"), role_label),
        (_("Unit (TERYT)"), f"{unit_name} ({unit})" if unit_name else unit),
        (_("Device id"), device_id),
        (_("Printed on"), fmt_date(printed_on or date.today())),
    ]
    for label, value in rows:
        c.setFont(FONT, 9)
        c.drawString(left, y, label)
        c.setFont(FONT_BOLD, 11)
        c.drawString(left + 42 * mm, y, value[:70])
        y -= 7.5 * mm
    y -= 10 * mm
    c.setFont(FONT, 11)
    c.drawString(left, y, _("Key fingerprint (compare it with the other person):"))
    y -= 22 * mm
    c.setFont(FONT_BOLD, 34)
    c.drawCentredString(width / 2, y, fingerprint)
    y -= 12 * mm
    c.setLineWidth(0.6)
    c.rect(left, y, width - 2 * left, 40 * mm, stroke=1, fill=0)
    y -= 16 * mm
    c.setFont(FONT, 9)
    for line in (
        _("1. The other person imports this device's key card file (keys import-card)."),
        _("2. The program shows them a fingerprint: it must be exactly the one above."),
        _("3. Only then do they confirm; bundles from a device with another key are refused."),
        _("If this laptop is lost, tell the powiat coordinator at once: they revoke the device."),
    ):
        c.drawString(left, y, line)
        y -= 6 * mm
    y -= 8 * mm
    c.setFont(FONT, 8)
    c.drawString(left, y, _("Public signing key (Ed25519):"))
    y -= 5 * mm
    c.setFont(FONT, 8)
    for part in _wrap(signing_public, 64):
        c.drawString(left + 4 * mm, y, part)
        y -= 4.5 * mm
    y -= 2 * mm
    c.drawString(left, y, _("Public encryption key (age X25519):"))
    y -= 5 * mm
    for part in _wrap(age_recipient, 64):
        c.drawString(left + 4 * mm, y, part)
        y -= 4.5 * mm
    c.showPage()
    c.save()
    return buf.getvalue()
