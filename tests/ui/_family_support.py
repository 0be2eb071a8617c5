"""Helpers for the family file and registry tests: open a window, drive a dialog, wait.

Dialogs are driven for real: ``drive_dialogs`` replaces only the modal ``RecordDialog.run``
(the ``exec()`` behind every ``ask()``) with "show, fill in like a user, click Save, wait".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from app.ui.context import AppContext
from app.ui.family.family_window import FamilyWindow
from app.ui.kit.draft_guard import CloseChoice, UnsavedChangesDialog
from app.ui.kit.record_dialog import RecordDialog
from tests.ui.conftest import settle

Filler = Callable[[Any], None]


def open_window(ctx: AppContext, qtbot, family_id: str) -> FamilyWindow:
    # Not registered with qtbot: the window deletes itself on close, and the ``ctx`` fixture's
    # lock at teardown closes any window still open.
    window = FamilyWindow(ctx, family_id)
    with qtbot.waitSignal(window.loaded, timeout=20_000):
        window.show()
    settle(ctx, qtbot)
    return window


def save_dialog(qtbot, dialog: RecordDialog, expect_error: bool = False) -> Any:
    """Click Save and wait for the dialog to close (or show its error)."""
    dialog.save()
    qtbot.waitUntil(
        lambda: dialog.result_value is not None or dialog.error.isVisible(), timeout=20_000
    )
    if expect_error:
        assert dialog.error.isVisible()
        return None
    assert not dialog.error.isVisible(), dialog.error.text()
    return dialog.result_value


def drive_dialogs(monkeypatch, qtbot, fillers: dict[type, Filler], seen: list | None = None):
    """Every record dialog opened through ``ask()`` is filled by ``fillers[type]`` and saved."""

    def run(_cls: type, dialog: RecordDialog) -> Any:
        qtbot.addWidget(dialog)
        dialog.show()
        settle(dialog.ctx, qtbot)
        if seen is not None:
            seen.append(dialog)
        fill = fillers.get(type(dialog))
        if fill is None:
            dialog.close_for_lock()  # not expected in this test: leave without saving
            return None
        fill(dialog)
        result = save_dialog(qtbot, dialog)
        settle(dialog.ctx, qtbot)
        return result

    monkeypatch.setattr(RecordDialog, "run", classmethod(run))


@pytest.fixture(autouse=True, name="unsaved_answers")
def unsaved_answers_fixture(monkeypatch) -> list:
    """The unsaved-changes question never blocks a test: it records the question and keeps a
    draft (tests that check the other answers set ``unsaved_answers.append(choice)`` first)."""
    asked: list = []

    def ask(_cls, _parent, what: str) -> CloseChoice:
        choice = next((a for a in asked if isinstance(a, CloseChoice)), CloseChoice.KEEP_DRAFT)
        if choice in asked:
            asked.remove(choice)
        asked.append(what)
        return choice

    monkeypatch.setattr(UnsavedChangesDialog, "ask", classmethod(ask))
    return asked
