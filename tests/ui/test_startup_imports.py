"""What the unlock window needs is all that start-up imports (issue 12 §6).

A fresh interpreter starts the real entry point offscreen on an existing database and, when the
unlock window is shown, lists the modules loaded so far: none of the core's heavy parts (the
ORM, Alembic, ReportLab, the sync stack, the demo generator, Babel's .po reader) may be among
them.  The time itself is measured in ``bench/startup.py``, not here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from app.services import setup
from app.store.keys import TEST_KDF
from tests.conftest import OPS_GMINA, PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
CHILD = """
import json, os, sys
from app.ui.unlock_window import UnlockWindow
def shown(self, event):
    print(json.dumps(sorted(sys.modules)), flush=True)
    os._exit(0)
UnlockWindow.showEvent = shown
from app.cli import main
main(["--db", sys.argv[1]])
"""
NOT_AT_START = (
    "sqlalchemy",
    "alembic",
    "reportlab",
    "pypdfium2",
    "faker",
    "holidays",
    "babel.messages",
    "app.models",
    "app.services.setup",
    "app.store.migrate",
    "app.sync",
    "app.printing",
    "app.demo",
    "app.commands",
)


def loaded_from(modules: list[str], packages: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == p or m.startswith(p + ".") for p in packages)]


def test_the_unlock_window_comes_before_the_core(tmp_path):
    db = tmp_path / "start.db"
    setup.initialize(
        db, PASSPHRASE, role="ops", unit_code=OPS_GMINA, name="GOPS", kdf=TEST_KDF
    ).lock()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # The compiled catalogue is cached by the first start; the second shows what a user sees.
    for _start in range(2):
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, str(db)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    loaded = json.loads(proc.stdout)
    assert "app.ui.unlock_window" in loaded
    assert loaded_from(loaded, NOT_AT_START) == []
