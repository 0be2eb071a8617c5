"""The first-run wizard, then quit: the real program in a subprocess, driven by key events only
(``tests/ui/_wizard_quit.py``), 20 times, must exit with 0 every time.

Before the fix ``_dispose`` deleted every top-level widget, including the type-ahead list of the
wizard's gmina field, which its ``QCompleter`` deletes again: a segmentation fault at exit
whenever that list happened to be deleted first (most runs).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.ui, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
# Finished (database created, main window, Program ▸ Zakończ), cancelled on the first page,
# cancelled on the passphrase page after the gmina's type-ahead list was used.
MODES = ["finish", "cancel-later", "finish", "cancel", "finish"] * 4


def run_once(tmp_path: Path, index: int, mode: str) -> subprocess.CompletedProcess:
    folder = tmp_path / f"run-{index}"
    folder.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KOOPERACJA_DATA_DIR=str(folder))
    return subprocess.run(
        [sys.executable, "-m", "tests.ui._wizard_quit", str(folder / "kooperacja.db"), mode],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_wizard_then_quit_exits_cleanly_twenty_times(tmp_path):
    assert len(MODES) == 20
    failures = []
    for index, mode in enumerate(MODES):
        done = run_once(tmp_path, index, mode)
        if done.returncode != 0:
            failures.append((index, mode, done.returncode, done.stderr[-600:]))
            continue
        created = (tmp_path / f"run-{index}" / "kooperacja.db").exists()
        assert created == (mode == "finish"), (mode, done.stdout)
    assert not failures, failures
