"""Ctrl+Tab / Ctrl+Shift+Tab move the tabs nearest the focus: a programme's sub-tabs when the focus
is inside them, the family file's tabs otherwise."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.ui.family.plan_tab import PlanTab
from tests.ui._family_support import open_window, unsaved_answers_fixture  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def press(qtbot, keys: Qt.KeyboardModifier, key: Qt.Key = Qt.Key.Key_Tab) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, keys)


def focusable_in(page: QWidget) -> QWidget:
    return next(
        w for w in page.findChildren(QWidget)
        if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    )  # fmt: skip


def test_ctrl_tab_moves_the_programme_sub_tabs_when_the_focus_is_in_them(ctx, qtbot, family_case):
    w = open_window(ctx, qtbot, family_case.family_id)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3_000)
    plan = next(i for i, t in enumerate(w.tab_pages) if isinstance(t, PlanTab))
    w.tabs.setCurrentIndex(plan)
    lists = w.tab_pages[plan].view.lists
    lists.setCurrentIndex(0)
    focusable_in(lists.currentWidget()).setFocus()
    qtbot.waitUntil(lambda: lists.currentWidget().isAncestorOf(QApplication.focusWidget()))
    press(qtbot, CTRL)
    assert (w.tabs.currentIndex(), lists.currentIndex()) == (plan, 1)
    press(qtbot, CTRL)
    assert (w.tabs.currentIndex(), lists.currentIndex()) == (plan, 2)
    press(qtbot, CTRL)  # round again
    assert (w.tabs.currentIndex(), lists.currentIndex()) == (plan, 0)
    press(qtbot, CTRL | SHIFT, Qt.Key.Key_Backtab)
    assert (w.tabs.currentIndex(), lists.currentIndex()) == (plan, 2)
    assert lists.currentWidget().isAncestorOf(QApplication.focusWidget())  # focus follows

    # Outside the sub-tabs (the programme's own fields) Ctrl+Tab moves the family file's tabs.
    w.tab_pages[plan].view.number.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.tab_pages[plan].view.number)
    press(qtbot, CTRL)
    assert w.tabs.currentIndex() == plan + 1
    press(qtbot, CTRL | SHIFT, Qt.Key.Key_Backtab)
    assert w.tabs.currentIndex() == plan


def letter(text: str) -> str:
    i = text.replace("&&", "").find("&")
    return text.replace("&&", "")[i + 1].upper() if i >= 0 else ""


def test_each_programme_sub_tab_is_reached_by_its_own_alt_letter(ctx, qtbot, family_case):
    w = open_window(ctx, qtbot, family_case.family_id)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3_000)
    plan = next(i for i, t in enumerate(w.tab_pages) if isinstance(t, PlanTab))
    w.tabs.setCurrentIndex(plan)
    lists = w.tab_pages[plan].view.lists
    qtbot.wait(50)  # the window's mnemonics are settled when a page is shown
    letters = [letter(lists.tabText(i)) for i in range(lists.count())]
    assert all(letters) and len(set(letters)) == len(letters), letters
    for i in (2, 0, 1):
        w.tab_pages[plan].view.number.setFocus()
        press(qtbot, Qt.KeyboardModifier.AltModifier, getattr(Qt.Key, f"Key_{letters[i]}"))
        assert (w.tabs.currentIndex(), lists.currentIndex()) == (plan, i)


def test_ctrl_tab_moves_the_sync_screens_tabs_from_inside_them(main_window, qtbot):
    screen = main_window.show_screen("sync")
    main_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window, timeout=3_000)
    tabs = screen.tabs
    tabs.setCurrentIndex(0)
    focusable_in(tabs.currentWidget()).setFocus()
    qtbot.waitUntil(lambda: tabs.currentWidget().isAncestorOf(QApplication.focusWidget()))
    for wanted in (1, 2, 0):
        press(qtbot, CTRL)
        assert tabs.currentIndex() == wanted
    press(qtbot, CTRL | SHIFT, Qt.Key.Key_Backtab)
    assert tabs.currentIndex() == 2
    assert all(letter(tabs.tabText(i)) for i in range(tabs.count()))
