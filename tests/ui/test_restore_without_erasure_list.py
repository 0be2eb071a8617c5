"""A restore from the GUI when the erasure list is lost (issue 14 §3), by keys: the refusal
explains what the list is for and offers what ``restore --without-erasure-list`` does -- the same
core function, audited -- or leaves everything as it was."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from sqlalchemy import select

from app.models import AuditEvent, Family
from app.services import database
from app.services.rodo import erasure, erasure_file
from app.ui.passphrase_dialogs import ErasureListLostBox, RestoreDialog
from tests.conftest import PASSPHRASE
from tests.factories import make_full_case
from tests.ui._keys import alt, type_text
from tests.ui.conftest import settle, unlock


def when_shown(qtbot, cls, act) -> None:
    """Call ``act(widget)`` once a modal window of ``cls`` is up and has the keyboard focus (it
    runs in its own loop; offscreen, a new window is not activated by itself)."""

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if not (isinstance(widget, cls) and widget.isVisible()):
            QTimer.singleShot(20, poll)
            return
        widget.activateWindow()
        qtbot.waitUntil(
            lambda: (
                QApplication.focusWidget() is not None
                and QApplication.focusWidget().window() is widget
            ),
            timeout=5_000,
        )
        act(widget)

    QTimer.singleShot(0, poll)


def _lost_list_after_an_erasure(window, tmp_path):
    ws = window.ctx.ws
    case = make_full_case(ws)
    backup = database.write_backup(ws, tmp_path / "kopie" / "kopia.db")
    erasure.erase_family(ws, case.family_id, "request")
    erasure_file.list_path(ws).unlink()  # the disk was replaced: neither copy of the list is left
    shutil.rmtree(erasure_file.store_dir())
    return case, backup


def _restore_by_keys(qtbot, window, backup, answer: str, seen: dict) -> None:
    screen = window.show_screen("settings")

    def fill(d: RestoreDialog) -> None:
        alt(next(lb for lb in d.findChildren(QLabel) if lb.buddy() is d.path))
        type_text(str(backup))
        alt(next(lb for lb in d.findChildren(QLabel) if lb.buddy() is d.passphrase))
        type_text(PASSPHRASE)
        when_shown(qtbot, ErasureListLostBox, decide)
        QTest.keyClick(d.passphrase, Qt.Key.Key_Return)

    def decide(box: ErasureListLostBox) -> None:
        seen["text"] = " ".join((box.text(), box.informativeText()))
        seen["default"] = box.defaultButton().text()
        if answer == "cancel":
            QTest.keyClick(box, Qt.Key.Key_Escape)
        else:  # the button's own Alt+letter
            alt(box.without_list)

    when_shown(qtbot, RestoreDialog, fill)
    alt(screen.restore_button)


def test_the_lost_list_is_explained_and_the_restore_goes_ahead_audited(
    main_window, qtbot, tmp_path
):
    window = main_window
    ctx, session = window.ctx, window.session
    case, backup = _lost_list_after_an_erasure(window, tmp_path)
    seen: dict = {}
    with qtbot.waitSignal(session.entered, timeout=30_000):
        _restore_by_keys(qtbot, window, backup, "without", seen)
    settle(ctx, qtbot)
    for said in ("listy usunięć", "mogą wtedy wrócić", "usuń je ponownie", "dzienniku zdarzeń"):
        assert said in seen["text"], said
    assert seen["default"] == "Anuluj"  # Enter alone never restores without the list
    with ctx.ws.transaction() as s:
        assert s.get(Family, case.family_id) is not None  # as the box said: it came back
        [event] = s.scalars(select(AuditEvent).where(AuditEvent.action == "restore")).all()
        assert event.detail == "without-erasure-list"
    assert "przywrócona" in window.statusBar().currentMessage()


def test_cancelling_leaves_the_database_as_it_was(main_window, qtbot, tmp_path):
    window = main_window
    ctx, session = window.ctx, window.session
    case, backup = _lost_list_after_an_erasure(window, tmp_path)
    seen: dict = {}
    _restore_by_keys(qtbot, window, backup, "cancel", seen)
    qtbot.waitUntil(lambda: "bez zmian" in session.unlock_window.intro.text(), timeout=30_000)
    assert "listy usunięć" in seen["text"]
    assert not ctx.is_unlocked and not list(ctx_db(session).parent.glob("*.before-restore-*"))
    unlock(session, qtbot)
    with ctx.ws.transaction() as s:
        assert s.get(Family, case.family_id) is None  # still erased
        assert s.scalars(select(AuditEvent).where(AuditEvent.action == "restore")).all() == []


def ctx_db(session):
    return session.db_path
