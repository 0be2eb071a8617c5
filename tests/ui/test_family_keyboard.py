"""Usable from the keyboard: tab order as laid out, mnemonics on every label, names for screen
readers, Alt+digit for the tabs and Ctrl+W to close the family file."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.ui.family.member_dialog import MemberDialog
from app.ui.registry.team_screen import TeamScreen
from tests.ui._family_support import open_window, unsaved_answers_fixture  # noqa: F401
from tests.ui.conftest import settle


def focus_order(start: QWidget, count: int) -> list[QWidget]:
    out, w = [start], start
    while len(out) < count:
        w = w.nextInFocusChain()
        if w is start:
            break
        visible = w.isVisibleTo(start.window())
        inner = isinstance(w.parent(), (QComboBox, QAbstractSpinBox))  # part of a date box
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isEnabled() and visible and not inner:
            out.append(w)
    return out


def inputs(root: QWidget) -> list[QWidget]:
    """The fields a user fills (not the line edit inside a date or combo box)."""
    kinds = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox)
    return [
        w for w in root.findChildren(QWidget)
        if isinstance(w, kinds) and w.isVisibleTo(root)
        and not isinstance(w.parent(), (QComboBox, QAbstractSpinBox))
    ]  # fmt: skip


def test_member_dialog_tab_order_names_and_mnemonics(ctx, qtbot, family_case):
    dialog = MemberDialog(ctx, family_case.family_id, "x")
    qtbot.addWidget(dialog)
    dialog.show()
    settle(ctx, qtbot)
    v = dialog.view
    order = focus_order(v.first_name, 8)
    assert order == [v.first_name, v.last_name, v.relation, v.phone, v.pesel,
                     v.birth_date, v.sex, v.document_type]  # fmt: skip
    fields = inputs(dialog)
    assert len(fields) == 16
    assert [type(w).__name__ for w in fields if not w.accessibleName()] == []
    assert v.pesel.accessibleName() == "PESEL" and v.birth_date.accessibleName() == "Data urodzenia"
    labels = [lb for lb in dialog.findChildren(QLabel) if "&" in lb.text()]
    assert len(labels) >= 14 and all(lb.buddy() is not None for lb in labels)


def test_alt_digits_switch_tabs_and_ctrl_w_closes(ctx, qtbot, family_case):
    w = open_window(ctx, qtbot, family_case.family_id)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3_000)
    qtbot.keyClick(w, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert w.tabs.currentIndex() == 2
    qtbot.keyClick(w, Qt.Key.Key_8, Qt.KeyboardModifier.AltModifier)
    assert w.tabs.currentIndex() == 7
    closed = []
    w.destroyed.connect(lambda *_a: closed.append(True))
    qtbot.keyClick(w, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(closed) or not w.isVisible(), timeout=3_000)


def test_every_button_of_the_screens_has_a_mnemonic(ctx, qtbot, family_case):
    w = open_window(ctx, qtbot, family_case.family_id)
    team = TeamScreen(ctx)
    qtbot.addWidget(team)
    settle(ctx, qtbot)
    for root in (w, team):
        buttons = [b for b in root.findChildren(QAbstractButton)
                   if b.text() and not b.inherits("QCheckBox") and b.parent() is not None
                   and not b.inherits("QTabBar")]  # fmt: skip
        missing = [b.text() for b in buttons if "&" not in b.text() and b.text() not in ("", "…")]
        assert missing == [], missing
