"""Carrying bundles: a verified file on a stick, and optional inbox/outbox folders.

Saving (``save_bundle``): free space is checked first (a warning when the stick would be left
nearly full), the bytes go to a temporary name in the target folder, are fsynced, read back and
compared with what was meant to be written, and only then renamed to the final name (and the
folder fsynced).  A bundle is never half-written under its real name.

Folders (``scan_inbox`` / ``fill_outbox``), for a network share or a synchronised folder: every
``*.kbundle`` in the inbox is imported in name order (names carry the sequence number) and moved to
``przetworzone/``, or to ``odrzucone/`` when refused for good; the outbox gets a bundle for each
peer that has something new.  The UI runs both at start and every few minutes.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from app.config import fsync_dir
from app.errors import DiskFull, FileProblem, KooperacjaError
from app.i18n import _
from app.models import Device
from app.models.sync_state import SyncPeer
from app.services.workspace import Workspace
from app.sync.errors import BundleRefused
from app.sync.export import ExportResult, export_bundle
from app.sync.importer import import_bundles
from app.sync.limits import FILE_SUFFIX
from app.sync.pending import pending_changes

log = logging.getLogger(__name__)
PROCESSED = "przetworzone"
REJECTED = "odrzucone"
SPARE_BYTES = 16 * 1024 * 1024  # warn when less than this would be left after saving
# Refusals that may go away (the card not imported yet, a bundle for another device sharing
# the folder): such files stay in the inbox.
_RETRY_LATER = {"unknown_sender", "not_for_us", "unreadable"}


@dataclass
class SaveReport:
    path: Path
    size: int
    warnings: list[str] = field(default_factory=list)


def free_space(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def save_bundle(data: bytes, target: Path) -> SaveReport:
    """Write ``data`` to ``target`` safely (temp name, fsync, read back, rename)."""
    target = Path(target)
    folder = target.parent
    if not folder.is_dir():
        raise FileProblem(_("The folder for the bundle does not exist."))
    report = SaveReport(target, len(data))
    free = free_space(folder)
    if free is not None:
        if free < len(data) + 64 * 1024:
            raise DiskFull(
                _("There is not enough free space for the bundle ({size} MB needed).").format(
                    size=max(1, len(data) // (1024 * 1024))
                )
            )
        if free - len(data) < SPARE_BYTES:
            report.warnings.append(
                _("Little free space is left at the target ({free} MB after saving).").format(
                    free=(free - len(data)) // (1024 * 1024)
                )
            )
    tmp = folder / f".{target.name}.partial-{os.getpid()}"
    expected = hashlib.sha256(data).digest()
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        with open(tmp, "rb") as f:
            if hashlib.sha256(f.read()).digest() != expected:
                raise FileProblem(
                    _("The bundle read back from the target differs from what was written.")
                )
        os.replace(tmp, target)
        fsync_dir(folder)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise FileProblem(_("The bundle could not be written to this location.")) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return report


def export_to_file(
    ws: Workspace,
    peer_ref: str,
    target: Path | str,
    *,
    full: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[ExportResult, SaveReport]:
    """Export the next bundle for a peer to ``target`` (a file, or a folder for the default name).

    The file is written and verified inside the export's transaction: if it cannot be written
    the export is rolled back and nothing is recorded as sent.
    """
    target = Path(target)
    saved: list[SaveReport] = []

    def write(result: ExportResult) -> None:
        path = target / result.file_name if target.is_dir() else target
        saved.append(save_bundle(result.data, path))

    result = export_bundle(ws, peer_ref, full=full, write=write, progress=progress)
    return result, saved[0]


@dataclass
class ScanItem:
    name: str
    status: str  # imported | duplicate | refused | waiting | exported
    message: str
    conflicts: int = 0


def _move(path: Path, sub: str) -> None:
    dest = path.parent / sub
    dest.mkdir(exist_ok=True)
    with contextlib.suppress(OSError):
        os.replace(path, dest / path.name)


def scan_inbox(ws: Workspace, inbox: Path | str) -> list[ScanItem]:
    """Import every bundle waiting in ``inbox`` (in name order)."""
    inbox = Path(inbox)
    if not inbox.is_dir():
        return []
    items: list[ScanItem] = []
    waiting = [p for p in inbox.iterdir() if p.suffix == FILE_SUFFIX and p.is_file()]
    for outcome in import_bundles(ws, waiting):
        path, result, exc = outcome.path, outcome.result, outcome.error
        if exc is not None and not isinstance(exc, BundleRefused):
            raise exc
        if isinstance(exc, BundleRefused):
            if exc.code in _RETRY_LATER:
                items.append(ScanItem(path.name, "waiting", exc.message))
                continue
            _move(path, PROCESSED if exc.code == "older_seq" else REJECTED)
            items.append(ScanItem(path.name, "refused", exc.message))
            log.info("inbox bundle refused (%s)", exc.code)
            continue
        assert result is not None
        _move(path, PROCESSED)
        items.append(ScanItem(path.name, result.status, result.message, result.conflicts))
    return items


def fill_outbox(ws: Workspace, outbox: Path | str) -> list[ScanItem]:
    """Write a bundle for each peer that has something new since the last one offered."""
    outbox = Path(outbox)
    if not outbox.is_dir():
        return []
    with ws.transaction() as s:
        peers = [
            d.device_id
            for d in s.scalars(
                select(Device).where(Device.is_self.is_(False), Device.revoked.is_(False))
            )
        ]
    items: list[ScanItem] = []
    for peer in peers:
        try:
            pending = pending_changes(ws, peer)
            with ws.transaction() as s:
                state = s.get(SyncPeer, peer)
                last = state.last_offer if state else ""
            fresh_rows = pending.records > 0 and pending.digest != last
            if not (fresh_rows or pending.needs_receipt):
                continue
            result, _report = export_to_file(ws, peer, outbox)
            with ws.transaction() as s:
                state = s.get(SyncPeer, peer) or SyncPeer(device_id=peer)
                state.last_offer = pending.digest
                s.add(state)
            items.append(ScanItem(result.file_name, "exported", result.message))
        except KooperacjaError as exc:
            items.append(ScanItem(peer, "refused", exc.message))
    return items
