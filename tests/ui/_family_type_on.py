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

from tests.ui._family_process import open_diagnosis, type_text

STEP = 0.1  # seconds between two letters: a steady typist


def main(db: str, family_id: str) -> None:
    app = QApplication([])
    _ctx, _window, tab = open_diagnosis(app, db, family_id)
    causes = tab.view.texts["causes"]
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
