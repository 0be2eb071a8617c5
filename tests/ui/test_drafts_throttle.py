"""A kill while typing without a pause loses at most 3 seconds of typing: drafts are saved at
least every few seconds while the worker types (a throttle, not a wait for a pause)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import signal

import pytest

from app.services import drafts, setup
from tests.conftest import PASSPHRASE
from tests.ui._family_process import read_line, start_program

TYPING_SECONDS = 9.0  # several autosave periods of continuous typing
MAX_LOST_SECONDS = 3.0


@pytest.mark.slow
def test_a_kill_during_continuous_typing_loses_at_most_three_seconds(ws, family_case, db_path):
    family_id = family_case.family_id
    ws.lock()
    proc = start_program("tests.ui._family_type_on", str(db_path), family_id, passphrase=PASSPHRASE)
    typed: list[tuple[int, float]] = []
    try:
        line = read_line(proc, 90)
        assert line.startswith("KEY"), proc.stderr.read() if proc.poll() is not None else line
        key = line.split()[1]
        first = None
        while True:
            line = read_line(proc, 30)
            assert line, "the typist stopped"
            count, at = line.split()
            typed.append((int(count), float(at)))
            first = first or float(at)
            if float(at) - first >= TYPING_SECONDS:
                break
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    # Letters the child printed after our last read were typed too: drain them.
    for rest in proc.stdout.read().split("\n"):
        if rest.strip():
            count, at = rest.split()
            typed.append((int(count), float(at)))
    killed_at = typed[-1][1]

    again = setup.open_workspace(db_path, PASSPHRASE)
    try:
        draft = drafts.load_draft(again, key)
    finally:
        again.lock()
    assert draft, "nothing was saved in nine seconds of typing"
    kept = len(draft["causes"])
    typed_at = dict(typed)
    assert kept in typed_at, (kept, typed[-1])
    lost = killed_at - typed_at[kept]
    assert lost <= MAX_LOST_SECONDS, f"{lost:.1f} s of typing lost"
