"""Archiving a case (issue 14 §2): an encrypted package, a handover list, then removal.

``prepare_archive`` packs every record of one closed case (attachments included, and the case's
audit entries) into a JSON document encrypted with a passphrase (age scrypt) that the archive
keeps, and lists what it holds for the printed handover protocol.  The caller writes the file;
``complete_archive`` then opens the written file again with the passphrase, checks it is the
package that was made, and only then erases the case from this device (reason "archived",
through ``erasure.erase_family``: the erasure reaches the other devices like any other).
``read_package`` is what the archive does with the package later: it opens it and checks every
record, every document's SHA-256 and every audit entry's hash, and lists what it holds, so the
handover protocol can be compared with what was received.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyrage
from sqlalchemy import select

from app.errors import FileProblem, NotFound, ValidationError
from app.i18n import _
from app.models import SYNCED_MODELS, Attachment, AuditEvent, Family
from app.services import audit
from app.services.records import from_record, to_record
from app.services.rodo import erasure
from app.services.rodo.erasure import family_rows
from app.services.rodo.retention import retention_ends
from app.services.workspace import Workspace
from app.store.keys import require_strong

FORMAT = "kooperacja-archive-package"
SUFFIX = ".karchive"


def seal(plaintext: bytes, passphrase: str) -> bytes:
    """The package as an age passphrase file (scrypt; rage picks the work factor, ~1 s here).

    A module-level function so tests can put an age writer with a lower work factor in its place
    (``tests/age_passphrase.py``), as they do with ``keys.default_kdf``; the file they get is
    still age v1 and ``open_package`` reads it through pyrage at the factor the file names.
    """
    return pyrage.passphrase.encrypt(plaintext, passphrase)


@dataclass(frozen=True)
class ArchivePackage:
    data: bytes
    sha256: str
    family_id: str
    case_number: str
    opened_on: date
    closed_on: date
    retention_class: str
    retention_until: date | None
    counts: dict[str, int]  # table -> records
    attachments: list[tuple[str, str, int]]  # (title, file name, size)
    handed_by: str
    handed_on: date

    @property
    def file_name(self) -> str:
        """No personal data in the name: the case's id only."""
        return f"archiwum-{self.family_id}{SUFFIX}"


def prepare_archive(ws: Workspace, family_id: str, passphrase: str) -> ArchivePackage:
    require_strong(passphrase)
    by_name = {m.__tablename__: m for m in SYNCED_MODELS}
    with ws.transaction() as s:
        family = s.get(Family, family_id)
        if family is None or family.deleted:
            raise NotFound(_("There is no such family."))
        if family.closed_on is None:
            raise ValidationError(_("Only a closed case can be archived."), "family")
        tables: dict[str, list[dict]] = {}
        for tbl, ids in sorted(family_rows(s, family_id).items()):
            model = by_name.get(tbl)
            if model is None:
                continue
            rows = s.scalars(select(model).where(model.id.in_(sorted(ids))))
            tables[tbl] = sorted((to_record(r) for r in rows), key=lambda r: r["id"])
        events = [
            to_record(e)
            for e in s.scalars(
                select(AuditEvent)
                .where(AuditEvent.family_id == family_id)
                .order_by(AuditEvent.device_id, AuditEvent.seq)
            )
        ]
        attachments = [
            (a.title, a.filename, a.size)
            for a in s.scalars(
                select(Attachment).where(
                    Attachment.family_id == family_id, Attachment.deleted.is_(False)
                )
            )
        ]
        content = {
            "format": FORMAT,
            "version": 1,
            "handed_on": date.today().isoformat(),
            "handed_by": ws.actor,
            "institution": ws.identity.name,
            "tables": tables,
            "audit_events": events,
        }
        plaintext = json.dumps(content, ensure_ascii=False, sort_keys=True).encode("utf-8")
        data = seal(plaintext, passphrase)
        package = ArchivePackage(
            data,
            hashlib.sha256(data).hexdigest(),
            family_id,
            family.case_number,
            family.opened_on,
            family.closed_on,
            family.retention_class,
            retention_ends(family.closed_on, family.retention_class)
            if family.retention_class
            else None,
            {t: len(r) for t, r in tables.items()},
            sorted(attachments),
            ws.actor,
            date.today(),
        )
    return package


def open_package(path: Path | str, passphrase: str) -> dict:
    """The content of a package file (what the archive does to read it back)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise FileProblem(_("The archive package cannot be read.")) from exc
    try:
        return json.loads(pyrage.passphrase.decrypt(data, passphrase))
    except Exception as exc:  # wrong passphrase or damaged file: the package is not usable
        raise FileProblem(_("The archive package cannot be opened with this passphrase.")) from exc


@dataclass(frozen=True)
class PackageContents:
    case_number: str
    institution: str
    handed_by: str
    handed_on: str
    counts: dict[str, int]  # table -> records
    documents: int  # attachments whose content matches their SHA-256
    audit_entries: int  # entries whose hash recomputes
    problems: tuple[str, ...]  # what does not check out (empty: the package is whole)


def read_package(path: Path | str, passphrase: str) -> PackageContents:
    """Open a package and check everything in it (see the module's docstring)."""
    content = open_package(path, passphrase)
    if content.get("format") != FORMAT or not isinstance(content.get("tables"), dict):
        raise FileProblem(_("This file is not a Kooperacja archive package."))
    by_name = {m.__tablename__: m for m in SYNCED_MODELS}
    problems: list[str] = []
    counts: dict[str, int] = {}
    documents = 0
    case_number = ""
    for tbl, rows in sorted(content["tables"].items()):
        model = by_name.get(tbl)
        if model is None or not isinstance(rows, list):
            problems.append(_("Unknown part of the package: {name}.").format(name=tbl))
            continue
        counts[tbl] = len(rows)
        for row in rows:
            try:
                values = from_record(model, row)
            except Exception:  # a damaged record is reported, the rest still checked
                problems.append(_("A damaged record in: {name}.").format(name=tbl))
                continue
            if model is Family:
                case_number = str(values.get("case_number", ""))
            if model is Attachment:
                data = values.get("content") or b""
                if hashlib.sha256(data).hexdigest() == values.get("sha256"):
                    documents += 1
                else:
                    problems.append(
                        _("A document does not match its checksum: {title}.").format(
                            title=values.get("title", "")
                        )
                    )
    entries = 0
    for raw in content.get("audit_events") or []:
        try:
            event = AuditEvent(**from_record(AuditEvent, raw))
        except Exception:  # reported like a damaged record
            problems.append(_("A damaged audit entry."))
            continue
        if audit.entry_hash(event) == event.hash:
            entries += 1
        else:
            problems.append(
                _("An audit entry does not match its hash (no. {seq}).").format(seq=event.seq)
            )
    return PackageContents(
        case_number,
        str(content.get("institution", "")),
        str(content.get("handed_by", "")),
        str(content.get("handed_on", "")),
        counts,
        documents,
        entries,
        tuple(problems),
    )


def complete_archive(
    ws: Workspace, package: ArchivePackage, written: Path | str, passphrase: str
) -> erasure.ErasureResult:
    """Check the written package, then remove the case from this device."""
    try:
        data = Path(written).read_bytes()
    except OSError as exc:
        raise FileProblem(_("The archive package cannot be read.")) from exc
    if hashlib.sha256(data).hexdigest() != package.sha256:
        raise FileProblem(_("The written archive package differs; the case was not removed."))
    content = open_package(written, passphrase)
    if set(content.get("tables", {})) != set(package.counts):
        raise FileProblem(_("The written archive package differs; the case was not removed."))
    with ws.transaction() as s:
        audit.record(
            s, "export", "archive", package.family_id, package.family_id, detail=package.sha256[:16]
        )
    return erasure.erase_family(ws, package.family_id, "archived")
