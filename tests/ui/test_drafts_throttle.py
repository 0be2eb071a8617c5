"""A kill while typing without a pause loses at most 3 seconds of typing: drafts are saved at
least every few seconds while the worker types (a throttle, not a wait for a pause).

The kill comes when the autosave takes the text for its third save (the last save made is then
a whole period old: the worst moment), or after nine seconds of typing if no third save comes
by then: a wait for a pause saves nothing, and a period longer than three seconds or saving that
stops after a save or two leaves more than three seconds unsaved at that point."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import signal

import pytest

from app.services import drafts, setup
from tests.conftest import PASSPHRASE
from tests.ui._family_process import read_line, start_program

TYPING_SECONDS = 9.0  # several autosave periods of continuous typing, at most
SAVES_BEFORE_THE_KILL = 3  # within nine seconds only when saving every three or less
MAX_LOST_SECONDS = 3.0


def letter(line: str) -> tuple[int, float] | None:
    """``<count> <time>`` of a letter typed (None for a ``SAVING`` line)."""
    if line.startswith("SAVING"):
        return None
    count, at = line.split()
    return int(count), float(at)


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
        saves = 0
        while True:
            line = read_line(proc, 30)
            assert line, "the typist stopped"
            typed_now = letter(line)
            if typed_now is None:
                saves += 1
                if saves == SAVES_BEFORE_THE_KILL:
                    break
                continue
            typed.append(typed_now)
            first = first or typed_now[1]
            if typed_now[1] - first >= TYPING_SECONDS:
                break
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    # Letters the child printed after our last read were typed too: drain them.
    for rest in proc.stdout.read().split("\n"):
        if rest.strip() and (typed_now := letter(rest)) is not None:
            typed.append(typed_now)
    killed_at = typed[-1][1]

    again = setup.open_workspace(db_path, PASSPHRASE)
    try:
        draft = drafts.load_draft(again, key)
    finally:
        again.lock()
    assert draft, f"nothing was saved in {killed_at - typed[0][1]:.1f} s of typing"
    kept = len(draft["causes"])
    typed_at = dict(typed)
    assert kept in typed_at, (kept, typed[-1])
    lost = killed_at - typed_at[kept]
    assert lost <= MAX_LOST_SECONDS, f"{lost:.1f} s of typing lost"
