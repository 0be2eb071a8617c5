"""The main window: screens by key from the sidebar and the keyboard, roles, missing modules."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QWidget

from app.ui import screens
from app.ui.screens import ScreenSpec, UnavailableScreen
from tests.ui.conftest import _close, _session, make_db, settle, unlock


def keys_in_sidebar(window) -> list[str]:
    return [window.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.nav.count())]


def test_ops_worker_sees_every_screen_but_the_dashboard(main_window):
    assert keys_in_sidebar(main_window) == [
        "today",
        "families",
        "team",
        "catalog",
        "history",
        "sync",
        "rodo",
        "settings",
    ]
    assert main_window.current_key() == "today"
    assert "Narewce" in main_window.windowTitle()
    assert "Anna Kowalczyk" in main_window.who.text()


def test_coordinator_also_sees_the_dashboard(tmp_path, qtbot):
    db = make_db(tmp_path / "pcpr.db", role="coordinator", unit="2005")
    controller = _session(db, qtbot)
    controller.start()
    try:
        unlock(controller, qtbot)
        assert "dashboard" in keys_in_sidebar(controller.main_window)
    finally:
        _close(controller)


def test_sidebar_and_shortcuts_switch_screens(main_window, qtbot):
    main_window.nav.setCurrentRow(1)
    assert main_window.current_key() == "families"
    assert main_window.stack.currentWidget() is main_window.screen_widget("families")
    main_window.activateWindow()
    qtbot.waitUntil(lambda: main_window.isActiveWindow(), timeout=3_000)
    qtbot.keyClick(main_window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_key() == "settings"
    qtbot.keyClick(main_window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_key() == "today"
    assert main_window.nav.currentRow() == 0
    qtbot.keyClick(main_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_key() == "families"
    families = main_window.screen_widget("families")
    qtbot.waitUntil(lambda: families.search.hasFocus(), timeout=3_000)


def test_a_missing_screen_module_says_so_plainly(main_window, monkeypatch):
    spec = ScreenSpec("ghost", "History", "app.ui.no_such_module", "NoScreen")
    monkeypatch.setattr(screens, "SCREENS", [*screens.SCREENS[:-1], spec, screens.SCREENS[-1]])
    main_window.rebuild()
    widget = main_window.show_screen("ghost")
    assert isinstance(widget, UnavailableScreen)
    assert "nie jest dostępna" in widget.findChildren(QWidget)[1].text()


def test_a_broken_screen_module_is_not_hidden(monkeypatch):
    spec = ScreenSpec("bad", "History", "app.ui.screens", "Nope")
    assert screens.screen_class(spec) is None
    # An import error inside an existing module is a real bug and must surface.
    with pytest.raises(ModuleNotFoundError):
        screens.screen_class(ScreenSpec("x", "X", "tests.ui.broken_screen_module", "X"))


def test_every_control_has_an_accessible_name_or_a_label(main_window, qtbot):
    for key in ("today", "families", "settings"):
        screen = main_window.show_screen(key)
        settle(main_window.ctx, qtbot)
        for widget in screen.findChildren(QWidget):
            if widget.objectName().startswith("qt_"):  # Qt's own parts (spin box editor)
                continue
            if isinstance(widget, QLineEdit | QComboBox) and widget.isVisibleTo(screen):
                assert widget.accessibleName(), (key, widget)
            if isinstance(widget, QAbstractButton) and widget.isVisibleTo(screen):
                assert widget.text() or widget.accessibleName(), (key, widget)


def test_main_window_stays_small():
    lines = Path("app/ui/main_window.py").read_text(encoding="utf-8").count("\n")
    assert lines < 500


def test_new_family_opens_the_registration_dialog_then_the_file(main_window, qtbot, monkeypatch):
    from app.services import families
    from app.ui.family.registration_dialog import RegistrationDialog

    ctx = main_window.ctx
    asked: list[object] = []

    def ask(cls, *args):  # the dialog's own ask(), answered
        asked.append(args)
        return families.register_family(
            ctx.ws, families.FamilyInput(gmina_code="2005092", locality="Narewka")
        ).id

    monkeypatch.setattr(RegistrationDialog, "ask", classmethod(ask))
    main_window.activateWindow()
    qtbot.waitUntil(lambda: main_window.isActiveWindow(), timeout=3_000)
    with qtbot.waitSignal(ctx.events.family_opened, timeout=5_000) as opened:
        qtbot.keyClick(main_window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 1
    window = main_window.session.launcher._windows[opened.args[0]]
    assert type(window).__name__ == "FamilyWindow"
    settle(ctx, qtbot)
