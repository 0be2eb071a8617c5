"""Inbox/outbox folders scanned at unlock and every few minutes while the program runs.

The folders come from the settings (``Settings.sync_inbox`` / ``sync_outbox``); the scanning
itself is ``app.sync.transport``, run on the database worker.  ``install(ctx)`` attaches one
scanner to a context (idempotent), which the Synchronizacja screen and the shell both may call.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from app.config import Settings
from app.ui.context import AppContext

if TYPE_CHECKING:
    from app.services.workspace import Workspace
    from app.sync.transport import ScanItem

log = logging.getLogger(__name__)
INTERVAL_MS = 5 * 60 * 1000


def scan_folders(ws: Workspace, inbox: str, outbox: str) -> list[ScanItem]:
    from app.sync import transport  # on the DB worker, at the first scan (not at start-up)

    items = transport.scan_inbox(ws, inbox) if inbox else []
    if outbox:
        items += transport.fill_outbox(ws, outbox)
    return items


class FolderSync(QObject):
    scanned = Signal(object)  # list[ScanItem]

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent or ctx.events)
        self.ctx = ctx
        self.busy = False
        self.again = False  # a scan was asked for while one was running
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.scan)
        ctx.events.unlocked.connect(self._started)
        ctx.events.locking.connect(self.timer.stop)
        if ctx.is_unlocked:
            self._started()

    def _started(self) -> None:
        self.timer.start()
        QTimer.singleShot(0, self.scan)

    def scan(self) -> None:
        settings = Settings.load()
        if self.busy:
            self.again = True
            return
        if not self.ctx.is_unlocked:
            return
        if not (settings.sync_inbox or settings.sync_outbox):
            return
        self.busy = True
        self.ctx.runner.run(
            scan_folders,
            self.ctx.ws,
            settings.sync_inbox,
            settings.sync_outbox,
            success=self._done,
            failure=self._failed,
        )

    def _done(self, items: list[ScanItem]) -> None:
        self._finished()
        self.scanned.emit(items)

    def _failed(self, exc: BaseException) -> None:
        self._finished()
        log.info("folder scan failed: %s", type(exc).__name__)
        self.scanned.emit([])

    def _finished(self) -> None:
        self.busy = False
        if self.again:
            self.again = False
            QTimer.singleShot(0, self.scan)


def install(ctx: AppContext) -> FolderSync:
    existing = getattr(ctx, "folder_sync", None)
    if isinstance(existing, FolderSync):
        return existing
    scanner = FolderSync(ctx)
    ctx.folder_sync = scanner  # type: ignore[attr-defined]
    return scanner
