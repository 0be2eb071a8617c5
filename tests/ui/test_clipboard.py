"""Case data copied to the clipboard is wiped after its time, on lock and on quit — but never
something the user copied afterwards."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication

from app.ui import clipboard
from app.ui.clipboard import ClipboardGuard
from tests.ui.conftest import unlock


@pytest.fixture
def board(qapp):
    cb = QGuiApplication.clipboard()
    cb.clear()
    yield cb
    cb.clear()


def test_cleared_after_the_time_if_still_ours(board, qtbot):
    guard = ClipboardGuard(clear_after_ms=100)
    guard.copy("85030484082")
    assert board.text() == "85030484082"
    assert board.mimeData().data("x-kde-passwordManagerHint").data() == b"secret"
    assert guard.holds_ours()
    qtbot.waitUntil(lambda: board.text() == "", timeout=3_000)
    assert not guard.holds_ours()


def test_never_clears_what_the_user_copied_later(board, qtbot):
    guard = ClipboardGuard(clear_after_ms=100)
    guard.copy("85030484082")
    board.setText("notatka użytkownika")
    with qtbot.waitSignal(guard._timer.timeout, timeout=3_000):  # the guard's time is up
        pass
    assert board.text() == "notatka użytkownika"


def test_default_is_thirty_seconds(qapp):
    assert clipboard.guard().clear_after_ms == 30_000


def test_lock_and_quit_clear_the_clipboard(main_window, board, qtbot, monkeypatch):
    session = main_window.session
    clipboard.copy_sensitive("ul. Leśna 4/2, Narewka")
    assert board.text() == "ul. Leśna 4/2, Narewka"
    session.lock()
    assert board.text() == ""
    unlock(session, qtbot)
    clipboard.copy_sensitive("600 100 200")
    monkeypatch.setattr(type(QGuiApplication.instance()), "quit", lambda *_a: None)
    session.quit()
    assert board.text() == ""
