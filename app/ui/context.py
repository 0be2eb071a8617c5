"""What every window and panel needs: the open workspace, the DB worker, app-wide signals.

Panels get an ``AppContext`` instead of the main window (no god object): they call services via
``ctx.runner.run(fn, ctx.ws, ...)`` and listen to ``ctx.events`` for changes and lock/unlock:
``data_changed(changes)`` carries what each job wrote, and a panel asks ``changes.touches(...)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.errors import StorageError
from app.i18n import _
from app.ui.ops import OpRunner

if TYPE_CHECKING:
    from app.services.workspace import Workspace


class AppEvents(QObject):
    """App-wide notifications (past-tense names, Electrum-style bus on the GUI thread)."""

    unlocked = Signal()
    locking = Signal()  # about to lock: save drafts, clear widgets
    locked = Signal()
    # What a job wrote (``app.services.changes.Changes``), once per job, from the op runner only.
    data_changed = Signal(object)
    family_opened = Signal(str)  # family id
    language_changed = Signal()
    new_family_requested = Signal()  # "Nowa rodzina" from any screen or menu
    settings_changed = Signal()  # preferences saved (idle-lock minutes …)
    lock_requested = Signal()  # the user asked to lock (the session decides when)
    restore_requested = Signal(str, str)  # backup file, its passphrase
    # After unlock the user chose to restore an autosaved draft: the window owning the form
    # key (``kind:<family id>:…``) opens that form, which then loads the draft.
    draft_restore_requested = Signal(str)


class AppContext:
    def __init__(self, runner: OpRunner | None = None) -> None:
        self.runner = runner or OpRunner()
        self.events = AppEvents()
        self.runner.changed.connect(self.events.data_changed)
        self._ws: Workspace | None = None

    @property
    def ws(self) -> Workspace:
        if self._ws is None or self._ws.locked:
            raise StorageError(_("The database is locked."))
        return self._ws

    @property
    def is_unlocked(self) -> bool:
        return self._ws is not None and not self._ws.locked

    def attach(self, ws: Workspace) -> None:
        self._ws = ws
        self.events.unlocked.emit()

    def lock(self) -> None:
        """Tell every panel to save drafts and clear itself, then dispose of the engine."""
        if self._ws is None:
            return
        self.events.locking.emit()
        ws, self._ws = self._ws, None
        self.runner.wait_idle()
        ws.lock()
        self.events.locked.emit()
