"""An Alt+letter that reaches no control types nothing.

Qt inserts the letter of an Alt+key that no mnemonic or shortcut took into the focused text field:
a tired worker's Alt+Z for a button that is not in this window became a "z" at the end of the
passphrase (seen in the 1366×768 walk), or of a surname.  Only Alt alone is swallowed: AltGr (Polish
ą, ę, ł …) arrives as Ctrl+Alt on Windows and without Alt on X11; on macOS Option is how letters are
typed, so nothing is filtered there.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit, QTextEdit

_TEXT_INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)
_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def is_stray(event: QKeyEvent) -> bool:
    """Alt (and nothing else that makes letters) with a printable letter."""
    mods = event.modifiers() & _MODIFIERS
    text = event.text()
    return mods == Qt.KeyboardModifier.AltModifier and bool(text) and text.isprintable()


class _StrayAltFilter(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # Shortcuts (mnemonics included) were tried before the key press is delivered: what
        # arrives here with Alt found no control.
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(obj, _TEXT_INPUTS)
            and isinstance(event, QKeyEvent)
            and is_stray(event)
        ):
            QApplication.beep()
            return True
        return False


def install(app: QApplication) -> None:
    """Once per application; not on macOS (Option types letters there)."""
    if sys.platform == "darwin" or app.property("kooperacja_stray_alt"):
        return
    app.setProperty("kooperacja_stray_alt", True)
    app.installEventFilter(_StrayAltFilter(app))
