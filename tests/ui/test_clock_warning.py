"""A computer whose clock runs behind the newest change it holds is told so at every unlock.

A dead BIOS battery sets the clock years back; the hybrid clock keeps this device's stamps
above what it holds, but its edits then lose every merge against other devices.  The warning
stays in the main window's status bar until an unlock finds the clock right again.
"""

from __future__ import annotations

from app.sync import clocks
from tests.ui.conftest import _close, _session, unlock

YEAR_MS = 365 * 24 * 3600 * 1000


def test_a_clock_a_year_behind_is_said_at_unlock_and_cleared_when_right(ops_db, qtbot, monkeypatch):
    real_now = clocks.now_ms
    controller = _session(ops_db, qtbot)
    controller.start()
    try:
        monkeypatch.setattr(clocks, "now_ms", lambda: real_now() - YEAR_MS)
        unlock(controller, qtbot)
        window = controller.main_window
        warning = window.clock_warning
        assert warning.isVisibleTo(window)
        assert warning.text().startswith("Zegar tego komputera wskazuje")

        controller.lock()
        qtbot.waitUntil(lambda: not controller.ctx.is_unlocked, timeout=10_000)
        monkeypatch.setattr(clocks, "now_ms", real_now)  # the date was set right
        unlock(controller, qtbot)
        assert not controller.main_window.clock_warning.isVisibleTo(controller.main_window)
    finally:
        _close(controller)


def test_a_right_clock_shows_no_warning(main_window):
    assert not main_window.clock_warning.isVisibleTo(main_window)
    assert main_window.clock_warning.text() == ""
