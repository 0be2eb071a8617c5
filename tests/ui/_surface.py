"""Looking at what a window offers the keyboard: its mnemonics (Alt+letter) reachable at once,
where focus starts, and whether it fits a 1366×768 screen with its taskbar."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QTextEdit,
    QWidget,
)

SCREEN_W, SCREEN_H = 1366, 728  # 1366×768 less a taskbar
FIELDS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox, QCheckBox)


def mnemonic(text: str) -> str | None:
    """The letter after a single ``&`` (``&&`` is a literal ampersand)."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] == "&":
                i += 2
                continue
            return text[i + 1].lower()
        i += 1
    return None


def mnemonics(window: QWidget) -> dict[str, list[str]]:
    """Every Alt+letter the window answers right now, with the texts that claim it."""
    found: dict[str, list[str]] = defaultdict(list)

    def add(text: str, where: str) -> None:
        key = mnemonic(text)
        if key:
            found[key].append(f"{where} {text!r}")

    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window) or w.window() is not window:
            continue
        if isinstance(w, QLabel):
            buddy = w.buddy()
            if buddy is not None and buddy.isVisibleTo(window):
                add(w.text(), "label")
        elif isinstance(w, QAbstractButton):
            if w.parent() is not None and isinstance(w.parent(), QTabBar):
                continue
            add(w.text(), type(w).__name__)
        elif isinstance(w, QGroupBox):
            add(w.title(), "group")
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                if w.isTabEnabled(i) and w.isTabVisible(i):
                    add(w.tabText(i), "tab")
    if isinstance(window, QMainWindow) and window.menuBar().isVisibleTo(window):
        for action in window.menuBar().actions():
            if action.isVisible():
                add(action.text(), "menu")
    return dict(found)


def duplicates(window: QWidget) -> dict[str, list[str]]:
    return {k: v for k, v in mnemonics(window).items() if len(v) > 1}


def is_field(w: QWidget | None) -> bool:
    """A place to type or choose (a table or list of records counts: a list dialog starts there)."""
    if w is None:
        return False
    while w is not None and not isinstance(w, (*FIELDS, QAbstractItemView)):
        if isinstance(w.parent(), (QComboBox, QAbstractSpinBox)):
            w = w.parent()
            continue
        return False
    return True


TITLE_BAR = 38  # a window manager's title bar (offscreen windows have none)


def fits(window: QWidget) -> bool:
    frame = window.frameGeometry()
    return frame.width() <= SCREEN_W and window.height() + TITLE_BAR <= SCREEN_H


def on_a_laptop_screen() -> bool:
    """The (offscreen) screen is a 1366-pixel laptop (``tests/ui/laptop-screen.json``), not Qt's
    default 800×800 offscreen screen, on which dialogs are narrower than on any real computer."""
    screen = QApplication.primaryScreen()
    return screen is not None and screen.geometry().width() >= SCREEN_W


def cut_combos(root: QWidget) -> list[str]:
    """Combo boxes whose current text does not fit their text field (unless at their cap)."""
    out = []
    for combo in root.findChildren(QComboBox):
        if not combo.isVisibleTo(root.window()) or not combo.currentText():
            continue
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        field = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
        )
        need = combo.fontMetrics().horizontalAdvance(combo.currentText())
        if need > field.width() and combo.width() < combo.maximumWidth():
            out.append(f"{combo.accessibleName()}: {combo.currentText()!r} in {field.width()} px")
    return out
