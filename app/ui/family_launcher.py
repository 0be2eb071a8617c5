"""Opening family files (one window per family) and the "new family" dialog.

``ctx.events.family_opened(id)`` from any screen ends here: the family file window of the
``app.ui.family`` package is imported when first needed (a plain import: a typo fails loudly,
not as "not available"), one window per family (a second
request raises the open one).  Windows are tracked so the shell can reopen them after unlock,
on the same tab (``state()``/``restore_state()`` of the window, when it has them).  A draft of
the registration dialog (``registration:…``) reopens that dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.services.form_keys import FormKey
from app.ui.context import AppContext

log = logging.getLogger(__name__)


def family_window_class() -> Callable[[AppContext, str], QWidget]:
    """The family file's window (imported on first use: the shell starts without it)."""
    from app.ui.family.family_window import FamilyWindow

    return FamilyWindow


class FamilyLauncher(QObject):
    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._windows: dict[str, QWidget] = {}
        ctx.events.family_opened.connect(self.open)
        ctx.events.new_family_requested.connect(
            lambda: self.new_family(QApplication.activeWindow())
        )
        ctx.events.draft_restore_requested.connect(self._draft_requested)

    def open(self, family_id: str) -> QWidget | None:
        if not self.ctx.is_unlocked:
            return None
        window = self._windows.get(family_id)
        if window is not None:
            window.show()
            window.raise_()
            window.activateWindow()
            return window
        window = family_window_class()(self.ctx, family_id)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self._windows[family_id] = window
        window.destroyed.connect(lambda *_a, fid=family_id: self._forget(fid))
        window.show()
        return window

    def _forget(self, family_id: str) -> None:
        self._windows.pop(family_id, None)

    def open_ids(self) -> list[str]:
        """Families whose windows are open now, in the order they were opened."""
        return [fid for fid, w in self._windows.items() if w.isVisible()]

    def open_states(self) -> list[dict[str, Any]]:
        """What to reopen after unlock: each open window's ``state()`` (ids, tab; no data)."""
        out = []
        for fid, window in self._windows.items():
            if not window.isVisible():
                continue
            state = getattr(window, "state", None)
            out.append(dict(state()) if callable(state) else {})
            out[-1]["family_id"] = fid
        return out

    def reopen(self, states: list[dict[str, Any]]) -> None:
        for state in states:
            window = self.open(state["family_id"])
            restore = getattr(window, "restore_state", None)
            if callable(restore):
                restore(state)

    def _draft_requested(self, form_key: str) -> None:
        key = FormKey.parse(form_key)
        if key is not None and key.kind == "registration":
            self.new_family(QApplication.activeWindow())

    def discard_all(self) -> None:
        """Hide and destroy every family window (after lock: drafts are already saved)."""
        for window in list(self._windows.values()):
            window.hide()
            window.deleteLater()
        self._windows.clear()

    def new_family(self, parent: QWidget | None) -> None:
        if not self.ctx.is_unlocked:
            return
        from app.ui.family.registration_dialog import RegistrationDialog

        family_id = RegistrationDialog.ask(parent, self.ctx)
        if family_id:
            self.ctx.events.family_opened.emit(family_id)
