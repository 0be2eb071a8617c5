"""A kill in the middle of an edit loses nothing: the autosaved draft is restored on next open.

A separate process opens the family file, types into the diagnosis, waits for the autosave and
is killed with SIGKILL; this process then unlocks the database and opens the same case.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import signal

import pytest

from app.services import casefile, drafts, setup
from app.ui.context import AppContext
from app.ui.family.diagnosis_tab import DiagnosisTab
from tests.conftest import PASSPHRASE
from tests.ui._family_process import read_line, start_program
from tests.ui._family_support import open_window, unsaved_answers_fixture  # noqa: F401
from tests.ui.conftest import settle

TYPED = "Matka straciła pracę w marcu; rodzina ma zaległości w czynszu za 4 miesiące."


@pytest.mark.slow
def test_kill_in_the_middle_of_an_edit_then_recover(ws, family_case, db_path, qtbot, dialogs):
    family_id = family_case.family_id
    ws.lock()
    proc = start_program(
        "tests.ui._family_kill_edit", str(db_path), family_id, TYPED, passphrase=PASSPHRASE
    )
    try:
        line = read_line(proc, 90)
        assert line.startswith("READY"), proc.stderr.read() if proc.poll() is not None else line
        key = line.split()[1]
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    assert key == f"diagnosis:{family_id}:{family_case.diagnosis_id}"

    ctx = AppContext()
    ctx.attach(setup.open_workspace(db_path, PASSPHRASE))
    try:
        assert ctx.previous_end == drafts.STOPPED  # the recovery dialog says it was stopped
        assert key in [d.form_key for d in drafts.list_drafts(ctx.ws)]
        saved = casefile.reload_family(ctx.ws, family_id).latest_diagnosis
        assert saved.causes != TYPED  # never saved for real: only the draft has it
        window = open_window(ctx, qtbot, family_id)
        settle(ctx, qtbot)
        asked = [text for kind, text in dialogs if kind == "question"]
        assert any("szkic" in text for text in asked)  # the user was asked, and said yes
        tab = next(t for t in window.tab_pages if isinstance(t, DiagnosisTab))
        assert tab.view.texts["causes"].toPlainText() == TYPED
        assert tab.view.texts["strengths"].toPlainText() == saved.strengths  # the rest intact
        with qtbot.waitSignal(window.loaded, timeout=20_000):
            window.tabs.setCurrentIndex(1)
            window.save_action.trigger()
        assert casefile.reload_family(ctx.ws, family_id).latest_diagnosis.causes == TYPED
        settle(ctx, qtbot)
        assert drafts.load_draft(ctx.ws, key) is None
    finally:
        ctx.lock()
        ctx.runner.shutdown()
