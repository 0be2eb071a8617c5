"""Shared by the helper programs that ``test_family_kill_recovery`` and ``test_drafts_throttle``
start in a subprocess (open a family file on its diagnosis tab, type like a user, wait) and by
those two tests (start a program, read its lines).

The application's modules are imported only after the ``QApplication`` exists, as in the
program itself.  The passphrase comes from the environment, never the command line.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]


def start_program(module: str, *args: str, passphrase: str) -> subprocess.Popen:
    """``python -m module args`` from the repository, offscreen, the passphrase in its
    environment (never on the command line), its output readable line by line."""
    env = dict(
        os.environ,
        KOOPERACJA_TEST_PASSPHRASE=passphrase,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
    )
    return subprocess.Popen(
        [sys.executable, "-m", module, *args],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def read_line(proc: subprocess.Popen, timeout: float) -> str:
    """The program's next line, or "" when none came within ``timeout`` seconds."""
    line: list[str] = []
    reader = threading.Thread(target=lambda: line.append(proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    return line[0] if line else ""


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


def open_diagnosis(app: QApplication, db: str, family_id: str) -> tuple[Any, Any, Any]:
    """Unlock ``db``, open the family's file on the diagnosis tab and select all of its
    "causes" field; returns the application context, the window and the diagnosis tab (the
    caller keeps the window: a parentless widget lives only as long as its Python reference)."""
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
    tab.view.texts["causes"].selectAll()
    return ctx, window, tab
