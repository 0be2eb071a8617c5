"""Run in a subprocess by ``test_drafts_throttle``: open a family file and type into the
diagnosis without a pause (one letter every 100 ms), printing how many letters were typed after
each one, until killed with SIGKILL.  The passphrase comes from the environment.

    python -m tests.ui._family_type_on <database> <family id>
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from tests.ui._family_kill_edit import type_text, wait_for

STEP = 0.1  # seconds between two letters: a steady typist


def main(db: str, family_id: str) -> None:
    app = QApplication([])
    from app.i18n import set_language
    from app.services import setup
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
    print("KEY", tab.guard.key, flush=True)
    typed = 0
    while True:
        type_text(causes, "x")
        typed += 1
        print(typed, time.monotonic(), flush=True)
        end = time.monotonic() + STEP
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)


if __name__ == "__main__":
    main(*sys.argv[1:3])
