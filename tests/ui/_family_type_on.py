"""Run in a subprocess by ``test_drafts_throttle``: open a family file and type into the
diagnosis without a pause (one letter every 100 ms), printing how many letters were typed after
each one (``<count> <time>``), until killed with SIGKILL.  When the form's autosave takes the
text to save it (its draft stops being dirty) the program prints ``SAVING <count> <time>``, so
the test can kill it at the worst moment: the save just asked for, the last one seconds old.
The passphrase comes from the environment.

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
    autosaver = tab.guard.autosaver
    print("KEY", tab.guard.key, flush=True)
    typed = 0
    while True:
        type_text(causes, "x")
        typed += 1
        print(typed, time.monotonic(), flush=True)
        unsaved = autosaver.dirty
        end = time.monotonic() + STEP
        while time.monotonic() < end:
            app.processEvents()
            if unsaved and not autosaver.dirty:  # the text was taken to be saved
                unsaved = False
                print("SAVING", typed, time.monotonic(), flush=True)
            time.sleep(0.01)


if __name__ == "__main__":
    main(*sys.argv[1:3])
