"""Autosaving a form's draft while it is edited (nothing typed is ever lost).

A form creates ``DraftAutosaver(ctx, form_key, title, collect)`` and calls ``changed()`` from
its widgets' change signals; two seconds after the first unsaved change the fields returned by
``collect()`` are saved encrypted through the DB worker.  It is a throttle, not a wait for a
pause: while the worker types on, a draft is still saved every two seconds, so a kill or a
power cut loses at most those last seconds.  ``flush()`` saves immediately (used
on lock and close); ``discard()`` drops the draft after a real save.

Form keys follow ``kind:<family id>:<rest>`` for anything belonging to a family (e.g.
``diagnosis:<family id>:new``), so after an unlock the shell can open the family file and ask,
through ``ctx.events.draft_restore_requested(form_key)``, for the form to be reopened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from app.services import drafts
from app.services.form_keys import FormKey
from app.ui.context import AppContext

AUTOSAVE_DELAY_MS = 2000


class DraftAutosaver(QObject):
    def __init__(
        self,
        ctx: AppContext,
        form_key: str,
        title: str,
        collect: Callable[[], dict[str, Any]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.form_key = form_key
        self.title = title
        self._collect = collect
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        ctx.events.locking.connect(self.flush)

    @property
    def dirty(self) -> bool:
        return self._dirty

    def changed(self, *_args: object) -> None:
        self._dirty = True
        if not self._timer.isActive():  # a throttle: further changes do not push it back
            self._timer.start()

    def flush(self) -> None:
        """Save now if anything changed since the last save (runs the save on the DB worker)."""
        self._timer.stop()
        if not self._dirty or not self.ctx.is_unlocked:
            return
        self._dirty = False
        self.ctx.runner.run(
            drafts.save_draft, self.ctx.ws, self.form_key, self.title, self._collect()
        )

    def discard(self) -> None:
        self._timer.stop()
        self._dirty = False
        if self.ctx.is_unlocked:
            self.ctx.runner.run(drafts.discard_draft, self.ctx.ws, self.form_key)

    def load(self, apply: Callable[[dict[str, Any]], None]) -> None:
        """Look for a saved draft and hand it to ``apply`` (on the GUI thread) if there is one."""
        if not self.ctx.is_unlocked:
            return
        self.ctx.runner.run(
            drafts.load_draft,
            self.ctx.ws,
            self.form_key,
            success=lambda data: apply(data) if data else None,
        )


def family_id_of(form_key: str) -> str | None:
    """The family a draft belongs to (``FormKey.family_id``), None for other forms."""
    key = FormKey.parse(form_key)
    return key.family_id if key is not None and key.family_id else None
