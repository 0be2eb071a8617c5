"""The RODO use cases that end in a file the worker hands over: one function each, called by the
``kooperacja rodo …`` commands and by the data-protection screen alike.

``write_access`` writes a person's own data (art. 15) as a PDF or JSON and audits the hand-over;
``archive_case`` writes the encrypted package and the printed handover protocol, reads the
package back and only then removes the case; ``write_register`` prints the art. 30 entry;
``write_audit_export`` writes the audit log for the IOD.
Every file is written atomically, readable by its user only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.config import atomic_write_bytes
from app.errors import FileProblem, ValidationError
from app.i18n import _
from app.printing.access import subject_access_pdf
from app.printing.archive import handover_protocol_pdf
from app.printing.casedata import institution_address
from app.printing.register import register_pdf
from app.services.casefile import home_institution
from app.services.rodo import access, archive, audit_view
from app.services.rodo import register as processing_register
from app.services.workspace import Workspace

FORMATS = ("pdf", "json")


def write_file(path: Path, payload: bytes) -> None:
    try:
        atomic_write_bytes(path, payload)
    except OSError as exc:
        raise FileProblem(_("The file cannot be written to this location.")) from exc


def write_access(ws: Workspace, person_id: str, fmt: str, path: Path | str) -> int:
    """Write the person's copy; returns how many recipients the audit log gave."""
    if fmt not in FORMATS:
        raise ValidationError(_("The format must be PDF or JSON."), "format")
    data = access.subject_access(ws, person_id)
    if fmt == "json":
        payload = access.to_json(data)
    else:
        payload = subject_access_pdf(data, institution_address(home_institution(ws)))
    write_file(Path(path), payload)
    access.record_handover(ws, person_id, fmt)
    return len(data.recipients)


@dataclass(frozen=True)
class ArchiveOutcome:
    case_number: str
    package: Path
    protocol: Path
    rows: int


def archive_case(
    ws: Workspace, family_id: str, passphrase: str, folder: Path | str
) -> ArchiveOutcome:
    """Hand one closed case over to the archive and remove it from this device."""
    out = Path(folder)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FileProblem(_("The file cannot be written to this location.")) from exc
    package = archive.prepare_archive(ws, family_id, passphrase)
    home = home_institution(ws)
    protocol = handover_protocol_pdf(
        package, home.name if home else ws.identity.name, institution_address(home)
    )
    target = out / package.file_name
    protocol_path = out / f"protokol-{package.family_id}.pdf"
    write_file(target, package.data)
    write_file(protocol_path, protocol)
    result = archive.complete_archive(ws, package, target, passphrase)
    return ArchiveOutcome(package.case_number, target, protocol_path, result.rows)


def write_register(ws: Workspace, path: Path | str, iod: str | None = None) -> None:
    if iod is not None:
        processing_register.set_iod_contact(ws, iod)
    write_file(Path(path), register_pdf(processing_register.collect(ws)))


def write_audit_export(ws: Workspace, sel: audit_view.AuditSelection, path: Path | str) -> None:
    """The audit log for the IOD (chain verified, export audited) written to ``path``."""
    write_file(Path(path), audit_view.export_for_iod(ws, sel))
