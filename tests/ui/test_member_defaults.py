"""A new member of a family that has its applicant is not proposed as a second applicant: the
relation waits for the worker's choice (and saving without one says so)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from app.ui.family.household_tab import HouseholdTab
from app.ui.family.member_dialog import MemberDialog
from tests.ui._family_support import open_window, unsaved_answers_fixture  # noqa: F401
from tests.ui.conftest import settle


def test_the_second_member_has_no_relation_until_chosen(ctx, qtbot, family_case, monkeypatch):
    opened: list[MemberDialog] = []

    def probe(dialog):
        opened.append(dialog)
        dialog.show()
        settle(ctx, qtbot)
        assert dialog.view.relation.code() == ""
        QTest.keyClicks(dialog.view.first_name, "Ala")
        QTest.keyClick(dialog.view.first_name, Qt.Key.Key_Tab)
        QTest.keyClicks(dialog.view.last_name, "Nowak")
        QTest.keyClick(dialog.view.first_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        settle(ctx, qtbot)
        assert dialog.isVisible() and "Stopień pokrewieństwa" in dialog.error.text()
        assert dialog.view.relation.hasFocus()
        dialog.hide()
        return 0

    monkeypatch.setattr(MemberDialog, "exec", probe)
    window = open_window(ctx, qtbot, family_case.family_id)
    tab = next(t for t in window.tab_pages if isinstance(t, HouseholdTab))
    add = next(
        b
        for b in tab.findChildren(QPushButton)
        if b.text().replace("&", "").startswith("Dodaj członka")
    )
    add.click()
    assert opened


def test_a_new_family_proposes_the_applicant(ctx, qtbot, family_case):
    dialog = MemberDialog(ctx, family_case.family_id, "1/2026")
    qtbot.addWidget(dialog)
    assert dialog.view.relation.code() == "applicant"


def test_the_no_pesel_hint_goes_once_the_pesel_is_valid(ctx, qtbot, family_case):
    dialog = MemberDialog(ctx, family_case.family_id, "1/2026")
    qtbot.addWidget(dialog)
    dialog.show()
    settle(ctx, qtbot)
    hint = dialog.view.no_pesel_hint
    assert hint.isVisible()
    dialog.view.pesel.setFocus()
    QTest.keyClicks(dialog.view.pesel, "85030484082")
    qtbot.waitUntil(lambda: not hint.isVisible(), timeout=3_000)
    QTest.keyClick(dialog.view.pesel, Qt.Key.Key_Backspace)
    qtbot.waitUntil(hint.isVisible, timeout=3_000)
