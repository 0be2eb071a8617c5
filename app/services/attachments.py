"""Attachments: scans of signed forms and photos, stored as bytes inside the encrypted database.

Files are read into memory and written into the database in one step; nothing is copied to a
temporary folder.  Opening an attachment returns its bytes; the UI decides how to show them.
"""

from __future__ import annotations

import hashlib
import mimetypes
from datetime import date
from pathlib import Path

from app.errors import FileProblem, ValidationError
from app.i18n import _
from app.models import Attachment, Family
from app.models.enums import AttachmentKind
from app.services import audit
from app.services.common import get_live, tombstone
from app.services.validation import check_choice, require_text
from app.services.workspace import Workspace

MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024


def add_attachment(
    ws: Workspace,
    family_id: str,
    *,
    title: str,
    content: bytes,
    filename: str = "",
    kind: str = AttachmentKind.SCAN,
    mime_type: str = "",
) -> Attachment:
    if not content:
        raise ValidationError(_("The file is empty."), "content")
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("The file is larger than 25 MB."), "content")
    check_choice(kind, AttachmentKind, "kind", _("Kind"))
    with ws.transaction() as s:
        family = get_live(s, Family, family_id)
        attachment = Attachment(
            family_id=family.id,
            title=require_text(title, "title", _("Title"), 300),
            kind=kind,
            filename=Path(filename).name[:260],
            mime_type=mime_type or mimetypes.guess_type(filename)[0] or "application/octet-stream",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            added_on=date.today(),
            content=content,
        )
        s.add(attachment)
        s.flush()
        audit.record(s, "create", "attachment", attachment.id, family.id)
        return attachment


def add_attachment_file(
    ws: Workspace, family_id: str, path: Path | str, title: str = "", kind: str = "scan"
) -> Attachment:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileProblem(_("The file cannot be read.")) from exc
    return add_attachment(
        ws, family_id, title=title or path.stem, content=data, filename=path.name, kind=kind
    )


def read_attachment(ws: Workspace, attachment_id: str) -> tuple[Attachment, bytes]:
    """The attachment's bytes (a "view" in the audit log)."""
    with ws.transaction() as s:
        att = get_live(s, Attachment, attachment_id)
        s.refresh(att, attribute_names=["content"])
        data = att.content
        if hashlib.sha256(data).hexdigest() != att.sha256:
            raise FileProblem(_("The stored file is damaged."))
        audit.record(s, "view", "attachment", att.id, att.family_id)
        return att, data


def remove_attachment(ws: Workspace, attachment_id: str) -> None:
    with ws.transaction() as s:
        att = get_live(s, Attachment, attachment_id)
        tombstone(att)
        audit.record(s, "delete", "attachment", att.id, att.family_id)
