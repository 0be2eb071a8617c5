"""The first-run wizard, then quit: the real program in a subprocess, driven by key events only
(``tests/ui/_wizard_quit.py``), 20 times, must exit with 0 every time.

The 20 starts are forked from one process that imported the program's modules and made one
database of its own (most of a start's time); each child still creates its QApplication, runs
the whole program and ends through the interpreter's and Qt's own shutdown, where the crash was.

Before the fix ``_dispose`` deleted every top-level widget, including the type-ahead list of the
wizard's gmina field, which its ``QCompleter`` deletes again: a segmentation fault at exit
whenever that list happened to be deleted first (most runs).
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = [pytest.mark.ui, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
# Finished (database created, main window, Program ▸ Zakończ), cancelled on the first page,
# cancelled on the passphrase page after the gmina's type-ahead list was used.
MODES = ["finish", "cancel-later", "finish", "cancel", "finish"] * 4


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str


class Starter:
    """The fork server of ``_wizard_quit``: one start of the program per ``run``."""

    def __init__(self, tmp_path: Path) -> None:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KOOPERACJA_DATA_DIR=str(tmp_path))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.ui._wizard_quit", "--serve"],
            cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            start_new_session=True,  # its own process group: the server and its children
        )  # fmt: skip
        assert self._line() == "READY"

    def _line(self) -> str:
        ready, _, _ = select.select([self.proc.stdout], [], [], 150)
        assert ready, "the program neither ended nor timed out by itself"
        return self.proc.stdout.readline().strip()  # type: ignore[union-attr]

    def run(self, folder: Path, mode: str) -> Run:
        db = folder / "kooperacja.db"
        self.proc.stdin.write(f"{db}\t{mode}\t{folder}\n")  # type: ignore[union-attr]
        self.proc.stdin.flush()  # type: ignore[union-attr]
        line = self._line()
        assert line.startswith("EXIT "), line
        read = lambda name: (folder / name).read_text(errors="replace")  # noqa: E731
        return Run(int(line.split()[1]), read("stdout.txt"), read("stderr.txt"))

    def close(self) -> None:
        self.proc.stdin.close()  # type: ignore[union-attr]
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a child that never ended: nothing is left running
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=30)


def test_wizard_then_quit_exits_cleanly_twenty_times(tmp_path):
    assert len(MODES) == 20
    failures = []
    starter = Starter(tmp_path)
    try:
        for index, mode in enumerate(MODES):
            folder = tmp_path / f"run-{index}"
            folder.mkdir()
            done = starter.run(folder, mode)
            if done.returncode != 0:
                failures.append(
                    (index, mode, done.returncode, done.stdout[-1500:], done.stderr[-600:])
                )
                continue
            created = (folder / "kooperacja.db").exists()
            assert created == (mode == "finish"), (mode, done.stdout)
    finally:
        starter.close()
    assert not failures, failures
