"""What the keyboard walk in a real 1366×768 window (Xvfb + openbox, xdotool) showed, each with
the test that keeps it fixed (notes: /work/wt/notes/walk.md is not part of the repo)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.services.date_text import fmt_moment

pytestmark = pytest.mark.ui
APP_UI = Path(__file__).resolve().parents[2] / "app" / "ui"


def test_titles_leave_the_program_name_to_qt(first_run, main_window, qtbot):
    """X11 and Windows show ``title — Kooperacja`` (the application's display name): a title
    starting with "Kooperacja — " read "Kooperacja — pierwsze uruchomienie — Kooperacja"."""
    from app.ui.main import make_application

    app = make_application()
    assert app.applicationDisplayName() == "Kooperacja"
    session = main_window.session
    session.lock()
    qtbot.waitUntil(lambda: session.unlock_window is not None and session.unlock_window.isVisible())
    titles = [first_run.wizard.windowTitle(), session.unlock_window.windowTitle()]
    assert titles == ["Pierwsze uruchomienie", "Zablokowano"]
    assert main_window.windowTitle() == "Gminny Ośrodek Pomocy Społecznej w Narewce"


def test_moments_show_in_local_time_and_polish_order(warsaw):
    """The sync screens showed bundle and conflict times as stored: UTC, ``2026-12-01 12:40``."""
    assert fmt_moment(datetime(2026, 12, 1, 12, 40, tzinfo=UTC)) == "01.12.2026 13:40"
    assert fmt_moment(datetime(2026, 7, 1, 12, 40, tzinfo=UTC)) == "01.07.2026 14:40"
    assert fmt_moment(None, "—") == "—"


def test_no_screen_formats_a_date_the_iso_way():
    iso = [
        f"{path.relative_to(APP_UI)}"
        for path in sorted(APP_UI.rglob("*.py"))
        if '"%Y-%m-%d' in path.read_text(encoding="utf-8")
    ]
    assert iso == []


def test_an_empty_recipient_list_says_what_is_missing(ctx, ws, coordinator_ws, qtbot):
    """Synchronizacja on a new laptop: an empty "Do:" and a greyed "Zapisz paczkę…" only."""
    from app.ui.sync.sync_screen import SyncScreen
    from tests.sync.helpers import introduce
    from tests.ui.conftest import settle

    screen = SyncScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    settle(ctx, qtbot)
    assert not screen.export_button.isEnabled()
    assert screen.no_peer_hint.isVisible()
    assert "kartę klucza" in screen.no_peer_hint.text()
    introduce(ws, coordinator_ws)
    screen.refresh()
    settle(ctx, qtbot)
    assert screen.export_button.isEnabled() and not screen.no_peer_hint.isVisible()


def test_a_weak_passphrase_is_said_once_and_names_fit_one_line(first_run, qtbot):
    """Enter on a short passphrase showed "Hasło musi mieć co najmniej 12 znaków." twice: under the
    meter and again in red at the bottom of the page."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QLabel

    from tests.ui._keyboard import KeyUser

    wizard, user = first_run.wizard, KeyUser(qtbot)
    pages = wizard.pages

    def steps():
        yield user.focus_in(wizard)
        user.enter()
        yield lambda: wizard.current_step() == "unit" and user.focus_in(pages["unit"].edit)()
        user.type("Narewka")
        yield lambda: QApplication.activePopupWidget() is not None
        user.key(Qt.Key.Key_Down)
        user.enter()
        yield lambda: "2005092" in pages["unit"].chosen.text()
        user.enter()
        yield lambda: wizard.current_step() == "identity"
        user.alt_to(pages["identity"].worker)
        user.type("Anna Kowalczyk")
        user.enter()
        yield lambda: wizard.current_step() == "passphrase"
        user.type("krótkie")
        user.enter()
        yield lambda: not user._queue

    user.play(steps())
    page = pages["passphrase"]
    said = [lb for lb in page.findChildren(QLabel) if lb.isVisible() and "12 znaków" in lb.text()]
    assert len(said) == 1 and said[0].property("role") == "error"
    assert wizard.current_step() == "passphrase"
    labels = [lb for lb in pages["identity"].findChildren(QLabel) if lb.buddy() is not None]
    assert labels and not any(lb.wordWrap() for lb in labels)


def test_field_captions_stay_on_one_line(qtbot):
    """The restore dialog's "Plik kopii:" wrapped in two and its first line was cut off."""
    from PySide6.QtWidgets import QLabel

    from app.ui.passphrase_dialogs import ChangePassphraseDialog, RestoreDialog

    for dialog in (RestoreDialog(), ChangePassphraseDialog(("Narewka",))):
        qtbot.addWidget(dialog)
        dialog.show()
        captions = [lb for lb in dialog.findChildren(QLabel) if lb.buddy() is not None]
        assert len(captions) >= 2
        assert [lb.text() for lb in captions if lb.wordWrap()] == []
        for lb in captions:  # the whole caption is drawn (not cut at the top or bottom)
            assert lb.height() >= lb.fontMetrics().height()


def test_an_alt_letter_no_control_takes_types_nothing(qtbot):
    """In the unlock window a stray Alt+Z put a "z" at the end of the passphrase; in a form it
    would land in a surname.  Real key events; AltGr letters (Ctrl+Alt on Windows) still type."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

    window = QWidget()
    qtbot.addWidget(window)
    edit, other = QLineEdit(), QLineEdit()
    layout = QVBoxLayout(window)
    caption = QLabel("&Nazwisko:")
    caption.setBuddy(other)
    for widget in (edit, caption, other, QPushButton("&Zapisz")):
        layout.addWidget(widget)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    edit.setFocus()
    qtbot.keyClicks(edit, "Kowal")
    qtbot.keyClick(edit, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)  # no control has Q
    assert edit.text() == "Kowal"
    alt_gr = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(edit, QKeyEvent(kind, 0, alt_gr, "ą"))
    assert edit.text() == "Kowalą"
    qtbot.keyClick(edit, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # a mnemonic still works
    assert QApplication.focusWidget() is other


def test_the_coordinators_empty_recipient_list_asks_for_an_ops_card(coordinator_ws, qtbot):
    """The regenerated screenshot of the coordinator's Synchronizacja asked the coordinator for
    "the coordinator's" key card."""
    from PySide6.QtWidgets import QApplication

    from app.ui.context import AppContext
    from app.ui.sync.sync_screen import SyncScreen
    from tests.ui.conftest import dispose, settle

    ctx = AppContext()
    ctx.attach(coordinator_ws)
    screen = SyncScreen(ctx)
    screen.show()
    settle(ctx, qtbot)
    text = screen.no_peer_hint.text()
    screen.hide()
    ctx.runner.shutdown()
    dispose(screen, *QApplication.topLevelWidgets(), ctx.events, ctx.runner)
    assert "urządzenia pracownika OPS" in text and "koordynatora" not in text
