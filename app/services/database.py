"""Use cases on the database file itself, each with its audit event: the CLI and the GUI call these.

``change_passphrase`` re-keys every page; ``write_backup`` writes a verified encrypted copy;
``restore_backup`` replaces the database with a backup (``app.store.vault.restore``, which keeps
the previous file) and opens the restored one.  The audit event is written in the database the
event happened to (for a restore: the restored one, so its chain says it was restored).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.services import audit, setup
from app.services.rodo import erasure_file
from app.services.workspace import Workspace
from app.store import vault


def change_passphrase(ws: Workspace, old: str, new: str) -> None:
    """Re-key the open database (``new`` is judged against the institution's and worker's name)."""
    ws.vault.change_passphrase(old, new, hints=(ws.identity.name, ws.actor))
    audit.log_event(ws, "passwd")


def write_backup(ws: Workspace, destination: Path | str) -> Path:
    """An encrypted, verified copy of the open database at ``destination``."""
    out = ws.vault.backup(destination)
    audit.log_event(ws, "backup")
    return out


def restore_backup(
    backup: Path | str,
    target: Path | str,
    passphrase: str,
    progress: Callable[[int, int], None] | None = None,
    without_erasure_list: bool = False,
) -> tuple[Workspace, Path | None]:
    """Replace the (locked) database at ``target`` with ``backup``; returns the restored,
    open workspace and where the previous database was kept (None when there was none).

    Refused when no erasure list can be found for ``target`` (the erasures made after the
    backup would be lost) unless ``without_erasure_list`` says the worker knows it is lost.
    """
    report = progress or (lambda _done, _total: None)

    def own_list(conn: Any) -> None:  # the backup's own list, judged before anything changes
        erasure_file.require_for_restore(target, erasure_file.backup_keys(conn))

    report(0, 2)
    kept = vault.restore(backup, target, passphrase, None if without_erasure_list else own_list)
    report(1, 2)
    ws = setup.open_workspace(target, passphrase)
    try:
        audit.log_event(
            ws, "restore", detail="without-erasure-list" if without_erasure_list else ""
        )
    except BaseException:
        ws.lock()
        raise
    report(2, 2)
    return ws, kept
