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

from PySide6.QtWidgets import QApplication

from tests.ui._family_process import open_diagnosis, type_text, wait_for


def main(db: str, family_id: str, text: str) -> None:
    app = QApplication([])
    from app.services import drafts

    ctx, _window, tab = open_diagnosis(app, db, family_id)
    causes = tab.view.texts["causes"]
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
