"""Driving widgets as a user does: real key events to whatever has the focus.

``alt(widget)`` presses the Alt+letter its text shows *now* (after the application moved
letters to avoid a clash), ``press(qtbot, button)`` does so and waits for the click,
``type_text`` types key by key (Polish letters too), ``key`` sends
one key to the focused widget.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMenu, QWidget

from tests.ui._surface import mnemonic


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def key(k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), k, modifier)


def type_text(text: str) -> None:
    """Key by key into the focused widget (QTest.keyClicks cannot type Polish letters)."""
    for ch in text:
        target = focused()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def text_of(widget: QWidget) -> str:
    if isinstance(widget, QLabel):
        return widget.text()
    getter = getattr(widget, "text", None) or getattr(widget, "title", None)
    return getter() if callable(getter) else ""


def alt(widget: QWidget | str) -> None:
    """Press the mnemonic of ``widget`` (a label, a button) or of a tab's text."""
    text = widget if isinstance(widget, str) else text_of(widget)
    letter = mnemonic(text)
    assert letter, f"no mnemonic in {text!r}"
    code = getattr(Qt.Key, f"Key_{letter.upper()}")
    QTest.keyClick(focused(), code, Qt.KeyboardModifier.AltModifier)


def press(qtbot, button: QAbstractButton, timeout: int = 60_000) -> None:
    """Alt+letter of a button, and wait for its click (a mnemonic clicks after a short
    animation), including whatever the click opens."""
    with qtbot.waitSignal(button.clicked, timeout=timeout):
        alt(button)


def pick_from_menu(qtbot, button: QAbstractButton, index: int, done) -> None:
    """Open ``button``'s menu by its Alt+letter, walk down to entry ``index`` and press Enter;
    wait until ``done()`` (what the entry does) holds."""

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, pick)
            return
        wanted = menu.actions()[index]
        for _i in range(len(menu.actions()) + 1):
            if menu.activeAction() is wanted:
                break
            QTest.keyClick(menu, Qt.Key.Key_Down)
        QTest.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, pick)
    alt(button)
    qtbot.waitUntil(done, timeout=20_000)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None, timeout=5_000)
    window = button.window()
    if QApplication.activeWindow() is not window:  # offscreen, a closed popup gives no focus back
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3_000)
    if QApplication.focusWidget() is None:
        button.setFocus()


def save() -> None:
    key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
