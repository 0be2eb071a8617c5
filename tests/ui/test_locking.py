"""Locking: idle and Ctrl+L, everything with case data cleared, unlock returns to the same place,
drafts flushed on lock and offered after unlock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app.services import drafts, families, setup
from app.ui import family_launcher
from app.ui.drafts import DraftAutosaver
from app.ui.drafts_dialog import DraftRecoveryDialog
from tests.conftest import PASSPHRASE
from tests.ui.conftest import settle, unlock


class StandInFamilyWindow(QWidget):
    """Stands in for the family package's window: the launcher contract only."""

    def __init__(self, ctx, family_id: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.family_id = family_id


@pytest.fixture
def family_windows(monkeypatch):
    monkeypatch.setattr(family_launcher, "family_window_class", lambda: StandInFamilyWindow)


def register(ctx) -> str:
    return families.register_family(
        ctx.ws, families.FamilyInput(gmina_code="2005092", locality="Narewka")
    ).id


def test_idle_lock_clears_everything_and_unlock_returns(main_window, qtbot):
    session, ctx = main_window.session, main_window.ctx
    family_id = register(ctx)
    main_window.show_screen("families")
    settle(ctx, qtbot)
    ctx.events.family_opened.emit(family_id)
    opened = session.launcher._windows[family_id]
    assert type(opened).__name__ == "FamilyWindow" and opened.isVisible()
    settle(ctx, qtbot)
    qtbot.waitUntil(lambda: opened.tabs.isEnabled(), timeout=10_000)
    opened.tabs.setCurrentIndex(4)  # Wizyty
    stray = QDialog(main_window)
    stray.show()

    session.idle.set_timeout_ms(150)
    qtbot.waitUntil(lambda: not ctx.is_unlocked, timeout=5_000)
    assert not main_window.isVisible()
    assert main_window.screen_widget("families") is None  # destroyed with its data
    assert main_window.stack.count() == 0
    assert not stray.isVisible()
    assert session.launcher.open_ids() == []
    assert session.unlock_window.isVisible()
    assert "zablokowany" in session.unlock_window.intro.text()

    session.idle.set_minutes(5)
    unlock(session, qtbot)
    assert main_window.isVisible() and main_window.current_key() == "families"
    assert main_window.nav.currentItem().data(Qt.ItemDataRole.UserRole) == "families"
    assert session.launcher.open_ids() == [family_id]
    reopened = session.launcher._windows[family_id]
    assert reopened is not opened
    settle(ctx, qtbot)
    qtbot.waitUntil(lambda: reopened.tabs.currentIndex() == 4, timeout=10_000)
    assert session.idle.running


def test_stand_in_window_contract(main_window, qtbot, family_windows):
    """Any window class with (ctx, family_id) works with the launcher; a second request for
    the same family raises the open window instead of opening another."""
    session, ctx = main_window.session, main_window.ctx
    family_id = register(ctx)
    ctx.events.family_opened.emit(family_id)
    ctx.events.family_opened.emit(family_id)
    assert list(session.launcher._windows) == [family_id]
    assert session.launcher.open_states() == [{"family_id": family_id}]


def test_ctrl_l_locks(main_window, qtbot):
    session, ctx = main_window.session, main_window.ctx
    actions = [a for a in main_window.findChildren(type(main_window.menuBar().actions()[0]))]
    lock_actions = [a for a in actions if a.shortcut() == QKeySequence("Ctrl+L")]
    assert len(lock_actions) == 1
    main_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window, timeout=3_000)
    qtbot.keyClick(main_window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not ctx.is_unlocked, timeout=5_000)
    assert session.unlock_window.isVisible()


def test_lock_waits_for_a_running_job(main_window, qtbot):
    session, ctx = main_window.session, main_window.ctx
    import threading

    release = threading.Event()
    ctx.runner.run(lambda: release.wait(10))
    qtbot.waitUntil(lambda: session._busy, timeout=3_000)
    session.lock()
    assert ctx.is_unlocked  # not while the job runs
    assert "zablokuje" in main_window.statusBar().currentMessage()
    release.set()
    qtbot.waitUntil(lambda: not ctx.is_unlocked, timeout=5_000)


def test_drafts_are_flushed_on_lock_and_offered_after_unlock(
    main_window, qtbot, monkeypatch, family_windows, ops_db
):
    session, ctx = main_window.session, main_window.ctx
    family_id = register(ctx)
    key = f"visit:{family_id}:new"
    autosaver = DraftAutosaver(ctx, key, "Wizyta — Narewka", lambda: {"notes": "Rozmowa z matką"})
    autosaver.changed()  # typed; the 2-second autosave has not fired yet
    session.lock()
    ws = setup.open_workspace(ops_db, PASSPHRASE)
    try:
        assert drafts.load_draft(ws, key) == {"notes": "Rozmowa z matką"}
    finally:
        ws.lock()

    offered: list[list[str]] = []

    def ask(parent, found):
        offered.append([d.form_key for d in found])
        return [key]

    monkeypatch.setattr(DraftRecoveryDialog, "ask", classmethod(lambda cls, p, f, *_: ask(p, f)))
    requested: list[str] = []
    ctx.events.draft_restore_requested.connect(requested.append)
    unlock(session, qtbot)
    qtbot.waitUntil(lambda: bool(requested), timeout=5_000)
    assert offered == [[key]]
    assert requested == [key]
    assert family_id in session.launcher.open_ids()


def test_no_draft_question_without_drafts(main_window, qtbot, monkeypatch):
    session = main_window.session
    monkeypatch.setattr(
        DraftRecoveryDialog, "ask", classmethod(lambda *a: pytest.fail("nothing to offer"))
    )
    session.lock()
    unlock(session, qtbot)


def test_recovery_dialog_lists_and_returns_checked_keys(main_window, qtbot):
    ctx = main_window.ctx
    drafts.save_draft(ctx.ws, "a:1", "Pierwszy", {})
    drafts.save_draft(ctx.ws, "b:2", "Drugi", {})
    dialog = DraftRecoveryDialog(drafts.list_drafts(ctx.ws))
    qtbot.addWidget(dialog)
    items = {dialog.list.item(i).text().split(" — ")[0]: dialog.list.item(i) for i in range(2)}
    assert set(items) == {"Pierwszy", "Drugi"}
    assert sorted(dialog.checked_keys()) == ["a:1", "b:2"]  # all checked at first
    items["Drugi"].setCheckState(Qt.CheckState.Unchecked)
    assert dialog.checked_keys() == ["a:1"]


def test_quit_locks_and_saves(main_window, qtbot, monkeypatch):
    session, ctx = main_window.session, main_window.ctx
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda *_a: quits.append(True))
    main_window.close()
    assert quits == [True]
    assert not ctx.is_unlocked
    assert not session.unlock_window.isVisible()


def test_sleep_of_the_computer_locks(main_window, qtbot, monkeypatch):
    """A jump of the wall clock past the monotonic clock means the laptop slept."""
    import time as real_time

    from app.ui import screen_lock

    session, ctx = main_window.session, main_window.ctx
    watcher = session.screen_watch
    start_wall, start_mono = real_time.time(), real_time.monotonic()
    monkeypatch.setattr(screen_lock.time, "time", lambda: start_wall + 3600)
    monkeypatch.setattr(screen_lock.time, "monotonic", lambda: start_mono + 1)
    watcher._tick()
    assert not ctx.is_unlocked and session.unlock_window.isVisible()


def test_screen_lock_signal_locks(main_window, qtbot):
    session, ctx = main_window.session, main_window.ctx
    session.screen_watch._active_changed(False)
    assert ctx.is_unlocked
    session.screen_watch._active_changed(True)
    assert not ctx.is_unlocked


def test_logind_session_paths():
    from app.ui.screen_lock import logind_session_path

    assert logind_session_path("2") == "/org/freedesktop/login1/session/_32"
    assert logind_session_path("c1") == "/org/freedesktop/login1/session/c1"
    assert logind_session_path("12") == "/org/freedesktop/login1/session/_312"


def test_quit_waits_for_a_running_job(main_window, qtbot, monkeypatch):
    import threading

    session, ctx = main_window.session, main_window.ctx
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda *_a: quits.append(True))
    release = threading.Event()
    ctx.runner.run(lambda: release.wait(10))
    qtbot.waitUntil(lambda: session._busy, timeout=3_000)
    main_window.close()
    assert quits == [] and ctx.is_unlocked
    assert "zamknie" in main_window.statusBar().currentMessage()
    release.set()
    # Leaving writes the session's clean-end mark and checkpoints the database first: on a
    # loaded machine (CI, two cores) that alone has taken more than 5 s.
    qtbot.waitUntil(lambda: quits == [True], timeout=30_000)
    assert not ctx.is_unlocked


@pytest.mark.parametrize("key", ["rodo", "sync"])
def test_a_tabbed_screen_comes_back_on_its_tab_after_the_idle_lock(main_window, qtbot, key):
    """The walk of session 9: after an idle lock Ochrona danych came back on its first tab."""
    session, ctx = main_window.session, main_window.ctx
    screen = main_window.show_screen(key)
    settle(ctx, qtbot)
    screen.tabs.setFocus()
    for _ in range(2):  # Ctrl+Tab, as a worker moves between tabs
        qtbot.keyClick(screen.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert screen.tabs.currentIndex() == 2

    session.idle.set_timeout_ms(150)
    qtbot.waitUntil(lambda: not ctx.is_unlocked, timeout=5_000)
    session.idle.set_minutes(5)
    unlock(session, qtbot)

    again = main_window.screen_widget(key)
    assert again is not screen and main_window.current_key() == key
    assert again.tabs.currentIndex() == 2


def test_a_quit_waiting_for_a_job_ends_with_the_session(tmp_path, qtbot, monkeypatch):
    """Esc on the wizard's first page while the start-up job (the core's import) still runs:
    the quit waits for the job, and the wizard, the last window, closing ends the event loop
    meanwhile; ``run_gui`` then deletes the session (``_dispose``) and handles what was left.
    The waiting quit must end with the session: it ran on the deleted one ("Internal C++
    object (QTimer) already deleted"), an error box came up after every window had gone, and
    the program never ended (seen in ``test_wizard_quit`` when the job ended just first)."""
    import threading

    from PySide6.QtCore import QEvent
    from PySide6.QtTest import QTest

    from app.services.setup_flow import SetupFlow
    from app.ui.context import AppContext
    from app.ui.session import SessionController

    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda *_a: quits.append(True))
    ctx = AppContext()
    path = tmp_path / "nowa" / "kooperacja.db"
    session = SessionController(ctx, path)
    wizard = session.show_wizard(SetupFlow(path))
    qtbot.waitExposed(wizard)
    release = threading.Event()
    ctx.runner.run(lambda: release.wait(10))
    qtbot.waitUntil(lambda: session._busy, timeout=3_000)
    QTest.keyClick(wizard, Qt.Key.Key_Escape)
    assert not wizard.isVisible() and quits == []  # left for after the job
    release.set()
    ctx.runner.wait_idle()
    # the job's end reaches the GUI thread (the runner's queued delivery), nothing else yet
    QApplication.sendPostedEvents(ctx.runner)
    assert not session._busy
    ctx.runner.shutdown()
    with qtbot.captureExceptions() as errors:
        for obj in (wizard, session, ctx.events, ctx.runner):  # as _dispose, after the loop
            obj.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        qtbot.wait(100)
    assert [str(e[1]) for e in errors] == []
    assert not path.exists()
