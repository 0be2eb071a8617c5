"""Helpers for the Współpraca tests: dialogs filled by keys, the focus given back as
``exec()`` would, a field's label, a tab by its Alt+letter."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QLabel, QWidget

from app.ui.kit.record_dialog import RecordDialog
from app.ui.registry.team_screen import TeamScreen
from tests.ui._keys import alt, focused
from tests.ui.conftest import settle


def by_keys(monkeypatch, qtbot, fillers: dict[type, Callable[[RecordDialog], None]], seen: list):
    """Each dialog opened by ``ask()`` is shown and filled by keys; the filler saves it."""

    def run(_cls, dialog: RecordDialog):
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        settle(dialog.ctx, qtbot)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5_000)
        assert focused().window() is dialog
        seen.append(type(dialog).__name__)
        fillers[type(dialog)](dialog)
        qtbot.waitUntil(
            lambda: dialog.result_value is not None or dialog.error.isVisible(), timeout=20_000
        )
        assert not dialog.error.isVisible(), dialog.error.text()
        settle(dialog.ctx, qtbot)
        back_to(qtbot, dialog.parentWidget().window())  # as exec() gives the focus back
        return dialog.result_value

    monkeypatch.setattr(RecordDialog, "run", classmethod(run))


def back_to(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3_000)
    if QApplication.focusWidget() is None:
        window.setFocus()


def label_of(dialog: QWidget, field: QWidget) -> QLabel:
    return next(lb for lb in dialog.findChildren(QLabel) if lb.buddy() is field)


def tab_to(screen, index: int) -> None:
    alt(screen.tabs.tabText(index))
    assert screen.tabs.currentIndex() == index


def shown_team_screen(ctx, qtbot) -> TeamScreen:
    """The Współpraca screen shown and active at laptop size, the focus on its tabs."""
    screen = TeamScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1366, 700)
    screen.show()
    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen, timeout=3_000)
    settle(ctx, qtbot)
    screen.tabs.setFocus()
    return screen
