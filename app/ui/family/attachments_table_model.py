"""Documents of the case: scans of signed forms and photos kept inside the encrypted database."""

from __future__ import annotations

from app.i18n import N_
from app.models import Attachment
from app.models.enums import AttachmentKind
from app.ui.kit.form_kit import fmt_date
from app.ui.kit.record_table_model import Column, RecordTableModel, iso


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
    return f"{max(size, 1) // 1024 or 1} kB"


def _kind(code: str) -> str:
    try:
        return AttachmentKind(code).label
    except ValueError:
        return code


class AttachmentsTableModel(RecordTableModel[Attachment]):
    COLUMNS = (
        Column(N_("Title"), lambda a: a.title),
        Column(N_("Kind"), lambda a: _kind(a.kind)),
        Column(N_("File"), lambda a: a.filename),
        Column(N_("Size"), lambda a: size_text(a.size), sort=lambda a: a.size, right=True),
        Column(N_("Added on"), lambda a: fmt_date(a.added_on), sort=lambda a: iso(a.added_on)),
    )
