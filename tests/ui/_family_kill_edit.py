"""Run in a subprocess by ``test_family_kill_recovery``: open a family file, type into the
diagnosis like a user, wait until the autosave has written the draft, print READY, and wait to
be killed with SIGKILL.  The passphrase comes from the environment, never the command line.

    python -m tests.ui._family_kill_edit <database> <family id> <text>
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


def wait_for(app: QApplication, condition, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise SystemExit("timed out")
        app.processEvents()
        time.sleep(0.02)


def type_text(widget, text: str) -> None:
    """Key by key, as a user types (QTest.keyClicks cannot type Polish letters)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def main(db: str, family_id: str, text: str) -> None:
    app = QApplication([])
    from app.i18n import set_language
    from app.services import drafts, setup
    from app.ui.context import AppContext
    from app.ui.family.diagnosis_tab import DiagnosisTab
    from app.ui.family.family_window import FamilyWindow

    set_language("pl")
    ctx = AppContext()
    ctx.attach(setup.open_workspace(db, os.environ["KOOPERACJA_TEST_PASSPHRASE"]))
    window = FamilyWindow(ctx, family_id)
    window.show()
    wait_for(app, lambda: window.file is not None)
    window.tabs.setCurrentIndex(1)
    tab = next(t for t in window.tab_pages if isinstance(t, DiagnosisTab))
    causes = tab.view.texts["causes"]
    causes.selectAll()
    type_text(causes, text)
    key = tab.guard.key

    def saved() -> bool:
        # Read from this thread: the autosave itself runs on the DB worker.
        data = drafts.load_draft(ctx.ws, key)
        return bool(data) and data.get("causes") == text

    wait_for(app, saved)
    print("READY", key, flush=True)
    while True:  # still editing when the power goes
        app.processEvents()
        time.sleep(0.05)


if __name__ == "__main__":
    main(*sys.argv[1:4])
