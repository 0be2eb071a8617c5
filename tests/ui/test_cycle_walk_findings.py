"""What walking the whole RODO cycle in a real 1366×768 window (Xvfb + openbox, xdotool keys)
showed, each with the test that keeps it fixed: real key events through QTest, offscreen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit, QTabWidget, QVBoxLayout, QWidget

from app.ui.kit import mnemonics
from tests.ui._surface import mnemonic

pytestmark = pytest.mark.ui


def show_active(window: QWidget, qtbot) -> None:
    """Show ``window`` as the active one (what a window manager does; offscreen has none)."""
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())


def alt(window: QWidget, letter: str) -> None:
    """Alt+``letter`` as the keyboard sends it (the key of the capital letter)."""
    QTest.keyClick(window, Qt.Key(ord(letter.upper())), Qt.KeyboardModifier.AltModifier)


def test_a_letter_alt_cannot_type_gives_way_to_one_it_can(qtbot):
    """The tab "Ście&żka sprawy" and the button "Importuj kart&ę klucza…" were underlined on ż
    and ę: Alt+ż is no key on a Polish keyboard (ż is AltGr+Z), so they had no Alt way at all."""
    window = QWidget()
    qtbot.addWidget(window)
    tabs = QTabWidget()
    tabs.addTab(QWidget(), "&Rodzina")
    tabs.addTab(QWidget(), "Ście&żka sprawy")
    field = QLineEdit()
    caption = QLabel("P&łeć:")
    caption.setBuddy(field)
    layout = QVBoxLayout(window)
    layout.addWidget(tabs)
    layout.addWidget(caption)
    layout.addWidget(field)
    show_active(window, qtbot)
    mnemonics.deconflict(window)
    path_key = mnemonic(tabs.tabText(1))
    field_key = mnemonic(caption.text())
    assert path_key and path_key.isascii(), tabs.tabText(1)
    assert field_key and field_key.isascii(), caption.text()
    alt(window, path_key)
    assert tabs.currentIndex() == 1
    alt(window, field_key)
    assert field.hasFocus()
