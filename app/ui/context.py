"""What every window and panel needs: the open workspace, the DB worker, app-wide signals.

Panels get an ``AppContext`` instead of the main window (no god object): they call services via
``ctx.runner.run(fn, ctx.ws, ...)`` and listen to ``ctx.events`` for changes and lock/unlock:
``data_changed(changes)`` carries what each job wrote, and a panel asks ``changes.touches(...)``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.errors import KooperacjaError, StorageError
from app.i18n import _
from app.ui.ops import OpRunner

if TYPE_CHECKING:
    from app.services.workspace import Workspace

log = logging.getLogger(__name__)


def _end_session(ws: Workspace) -> None:
    from app.services import drafts

    try:
        drafts.end_session(ws)
    except KooperacjaError:  # the next unlock then says "stopped": only wording
        log.warning("the session mark could not be written", exc_info=True)


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
        # How the previous session on this database ended (``app.services.drafts``: stopped,
        # locked, unknown), for the wording of the draft recovery after unlock.
        self.previous_end = ""
        # The user's answer in the one recovery dialog after unlock, per draft's form key: True
        # restore it (the form does not ask again), False later (the form does not ask now).
        self.draft_answers: dict[str, bool] = {}
        # While the session is about to ask that one question, forms that find a draft wait
        # for its answer instead of asking on their own (None: nothing is pending).
        self._held_offers: list[Callable[[], None]] | None = None

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
        self.previous_end = self._begin_session(ws)
        self.draft_answers.clear()
        self._held_offers = None
        self.events.unlocked.emit()

    @staticmethod
    def _begin_session(ws: Workspace) -> str:
        from app.services import drafts

        try:
            return drafts.begin_session(ws)
        except KooperacjaError:  # a read-only file, a full disk: only the wording
            log.warning("the session mark could not be written", exc_info=True)
            return drafts.UNKNOWN

    # -- the one draft recovery question after unlock -------------------------------------
    def hold_draft_offers(self) -> None:
        """The session will ask about every draft: forms wait for ``release_draft_offers``."""
        self._held_offers = []

    def held_draft_offer(self, offer: Callable[[], None]) -> bool:
        """Keep a form's offer until the answer is known; False when nothing is pending."""
        if self._held_offers is None:
            return False
        self._held_offers.append(offer)
        return True

    def release_draft_offers(self, answers: dict[str, bool]) -> None:
        self.draft_answers.update(answers)
        held, self._held_offers = self._held_offers or [], None
        for offer in held:
            offer()

    def lock(self) -> None:
        """Tell every panel to save drafts and clear itself, then dispose of the engine."""
        if self._ws is None:
            return
        self.events.locking.emit()
        ws, self._ws = self._ws, None
        self.runner.run(_end_session, ws)  # after the drafts' flush: a clean end
        self.runner.wait_idle()
        ws.lock()
        self.events.locked.emit()
