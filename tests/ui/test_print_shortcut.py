"""Ctrl+P in the family file opens the print menu at the focused control, with the current
tab's documents first, the first one selected and every entry with its own Alt+letter."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from app.ui.family.diagnosis_tab import DiagnosisTab
from tests.ui._family_support import open_window, unsaved_answers_fixture  # noqa: F401
from tests.ui._surface import mnemonic


def test_ctrl_p_opens_the_tabs_documents_at_the_focus(ctx, qtbot, family_case):
    window = open_window(ctx, qtbot, family_case.family_id)
    index = next(i for i, t in enumerate(window.tab_pages) if isinstance(t, DiagnosisTab))
    window.tabs.setCurrentIndex(index)
    window.activateWindow()
    field = window.tab_pages[index].view.texts["causes"]
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=3_000)
    menu = QApplication.activePopupWidget()
    entries = [a for a in menu.actions() if not a.isSeparator()]
    assert menu.activeAction() is entries[0]
    assert "iagnoz" in entries[0].text()  # the tab's own document first
    keys = [mnemonic(a.text()) for a in entries]
    assert None not in keys and len(set(keys)) == len(keys)
    below = field.mapToGlobal(field.rect().bottomLeft())
    assert abs(menu.pos().y() - below.y()) < 40
    menu.close()
