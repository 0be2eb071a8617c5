"""After unlock, ONE question about the drafts, worded for what happened.

A worker types into two forms of a family file and the program is locked: at the next unlock a
single recovery dialog (nothing else) says the forms were not saved before the lock, she leaves
one draft for later with the keyboard and restores the other; the restored form takes its draft
without a second question.  After a kill the wording says the program was stopped
(``test_family_kill_recovery``); the marks behind the wording are tested here too.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.services import drafts, families, setup
from app.ui.drafts_dialog import DraftRecoveryDialog
from app.ui.family.diagnosis_tab import DiagnosisTab
from app.ui.family.household_tab import HouseholdTab
from tests.conftest import PASSPHRASE
from tests.ui.conftest import settle, unlock

CONCLUSIONS = "Rodzina wspolpracuje; kontynuowac IPW."  # QTest types ASCII only
NOTES = "Telefon do PUP w piatek."


def register(ctx) -> str:
    return families.register_family(
        ctx.ws, families.FamilyInput(gmina_code="2005092", locality="Narewka")
    ).id


def open_family(session, qtbot, family_id):
    session.ctx.events.family_opened.emit(family_id)
    window = session.launcher._windows[family_id]
    qtbot.waitUntil(lambda: window.file is not None and window.tabs.isEnabled(), timeout=20_000)
    settle(session.ctx, qtbot)
    return window


def tab_of(window, kind):
    return next(t for t in window.tab_pages if isinstance(t, kind))


def type_into(qtbot, window, tab, widget, text: str) -> None:
    window.tabs.setCurrentIndex(window.tab_pages.index(tab))
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def test_one_question_after_a_lock_worded_for_the_lock(main_window, qtbot, dialogs, ops_db):
    session, ctx = main_window.session, main_window.ctx
    family_id = register(ctx)
    window = open_family(session, qtbot, family_id)
    diagnosis, household = tab_of(window, DiagnosisTab), tab_of(window, HouseholdTab)
    type_into(qtbot, window, diagnosis, diagnosis.view.texts["conclusions"], CONCLUSIONS)
    type_into(qtbot, window, household, household.view.form.notes, NOTES)
    session.lock()  # Ctrl+L, or the idle lock: the drafts are flushed
    ws = setup.open_workspace(ops_db, PASSPHRASE)
    try:
        kept = {d.form_key: d.title for d in drafts.list_drafts(ws)}
    finally:
        ws.lock()
    assert len(kept) == 2
    household_key = next(k for k in kept if k.startswith("family:"))

    seen: list[DraftRecoveryDialog] = []
    texts: list[str] = []

    def answer() -> None:  # runs inside the dialog's own event loop
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, DraftRecoveryDialog):
            QTimer.singleShot(50, answer)
            return
        seen.append(dialog)
        texts.append(dialog.explanation.text())
        rows = [dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(2)]
        dialog.list.setFocus()
        if rows.index(household_key) == 1:
            qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.list, Qt.Key.Key_Space)  # unchecked: later
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)  # "Restore the checked ones"

    QTimer.singleShot(50, answer)
    unlock(session, qtbot)
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    reopened = session.launcher._windows[family_id]
    diagnosis2 = tab_of(reopened, DiagnosisTab)
    qtbot.waitUntil(
        lambda: diagnosis2.view.texts["conclusions"].toPlainText() == CONCLUSIONS, timeout=20_000
    )
    settle(ctx, qtbot)
    assert len(seen) == 1  # one recovery dialog …
    assert [kind for kind, _text in dialogs] == []  # … and no question per draft after it
    assert "zablokowaniem" in texts[0] and "wyłączony" not in texts[0]
    household2 = tab_of(reopened, HouseholdTab)
    assert household2.view.form.notes.toPlainText() != NOTES  # left for later …
    assert household_key in [d.form_key for d in drafts.list_drafts(ctx.ws)]  # … and kept


def test_the_session_marks_say_how_the_last_session_ended(ws):
    assert drafts.begin_session(ws) == drafts.UNKNOWN  # a database without the mark yet
    assert drafts.begin_session(ws) == drafts.STOPPED  # never locked in between: a kill
    drafts.end_session(ws)
    assert drafts.begin_session(ws) == drafts.LOCKED


@pytest.mark.parametrize(
    "how,says,not_said",
    [
        (drafts.LOCKED, "przed zablokowaniem lub zamknięciem programu", "wyłączony"),
        (drafts.STOPPED, "nie został normalnie zamknięty", "zablokowaniem"),
        (drafts.UNKNOWN, "nie zostały zapisane", "wyłączony"),
    ],
)
def test_the_dialog_says_what_happened(qtbot, how, says, not_said):
    info = drafts.DraftInfo("diagnosis:f:new", "Diagnoza", drafts.utcnow())
    dialog = DraftRecoveryDialog([info], None, how)
    qtbot.addWidget(dialog)
    assert says in dialog.explanation.text() and not_said not in dialog.explanation.text()
