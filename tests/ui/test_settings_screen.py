"""Settings: idle-lock minutes, passphrase change, backup and restore, language."""

from __future__ import annotations

import pytest

from app.config import Settings
from app.i18n import current_language, set_language
from app.services import families, search, setup
from app.ui import settings_screen
from app.ui.passphrase_dialogs import ChangePassphraseDialog, RestoreDialog
from tests.conftest import PASSPHRASE
from tests.ui.conftest import settle, unlock

NEW_PASSPHRASE = "czerwony-rower-pod-Białowieżą-77"


@pytest.fixture
def settings_window(main_window, qtbot):
    screen = main_window.show_screen("settings")
    assert isinstance(screen, settings_screen.SettingsScreen)
    return main_window, screen


def test_idle_minutes_are_saved_and_applied(settings_window):
    window, screen = settings_window
    assert screen.idle_minutes.minimum() == 1 and screen.idle_minutes.maximum() == 15
    assert screen.idle_minutes.value() == 5
    screen.idle_minutes.setValue(2)
    assert Settings.load().idle_lock_minutes == 2
    assert window.session.idle.timeout_ms == 120_000


def test_passphrase_change(settings_window, qtbot, monkeypatch, ops_db, dialogs):
    window, screen = settings_window
    monkeypatch.setattr(
        ChangePassphraseDialog, "ask", classmethod(lambda cls, p, h: (PASSPHRASE, NEW_PASSPHRASE))
    )
    screen.passphrase_button.click()
    settle(window.ctx, qtbot)
    assert dialogs[-1][0] == "information"
    session = window.session
    session.lock()
    unlock(session, qtbot, NEW_PASSPHRASE)
    assert window.ctx.is_unlocked


def test_passphrase_dialog_checks_its_fields(qtbot):
    dialog = ChangePassphraseDialog(("Narewka",))
    qtbot.addWidget(dialog)
    assert dialog.problem() == "Wpisz obecne hasło."
    dialog.old.setText(PASSPHRASE)
    dialog.new.setText("krótkie")
    assert "12" in dialog.problem()
    dialog.new.setText(NEW_PASSPHRASE)
    dialog.repeat.setText(NEW_PASSPHRASE + "!")
    assert dialog.problem() == "Podane hasła różnią się."
    dialog.repeat.setText(NEW_PASSPHRASE)
    assert dialog.problem() == ""
    assert dialog.meter.bar.value() >= 3


def test_backup_then_restore(settings_window, qtbot, monkeypatch, tmp_path, ops_db, dialogs):
    window, screen = settings_window
    ctx, session = window.ctx, window.session
    families.register_family(ctx.ws, families.FamilyInput(gmina_code="2005092", locality="Narewka"))
    backup = tmp_path / "kopie" / "kopia.db"
    monkeypatch.setattr(settings_screen, "choose_backup_destination", lambda parent: str(backup))
    screen.backup_button.click()
    settle(ctx, qtbot)
    assert backup.exists()
    assert "Ostatnia kopia" in screen.last_backup.text()
    ws = setup.open_workspace(backup, PASSPHRASE)  # the copy opens with the same passphrase
    try:
        assert search.search_families(ws).total == 1
    finally:
        ws.lock()

    families.register_family(ctx.ws, families.FamilyInput(gmina_code="2005092", locality="Lipiny"))
    assert search.search_families(ctx.ws).total == 2
    monkeypatch.setattr(RestoreDialog, "ask", classmethod(lambda cls, p: (str(backup), PASSPHRASE)))
    with qtbot.waitSignal(session.entered, timeout=30_000):
        screen.restore_button.click()
    settle(ctx, qtbot)
    assert ctx.is_unlocked
    assert search.search_families(ctx.ws).total == 1
    assert list(ops_db.parent.glob("kooperacja.db.before-restore-*"))
    assert "przywrócona" in window.statusBar().currentMessage()


def test_restore_with_a_wrong_passphrase_changes_nothing(
    settings_window, qtbot, monkeypatch, tmp_path, dialogs
):
    window, screen = settings_window
    ctx, session = window.ctx, window.session
    backup = tmp_path / "kopia.db"
    ctx.ws.vault.backup(backup)
    monkeypatch.setattr(
        RestoreDialog, "ask", classmethod(lambda cls, p: (str(backup), "zle-haslo-do-kopii-123"))
    )
    screen.restore_button.click()
    settle(ctx, qtbot)
    assert not ctx.is_unlocked
    assert dialogs and dialogs[-1][0] == "warning"
    assert "bez zmian" in session.unlock_window.intro.text()
    unlock(session, qtbot)


def test_language_switch_rebuilds_the_window(settings_window, qtbot):
    window, screen = settings_window
    try:
        screen.language.setCurrentIndex(screen.language.findData("en"))
        settle(window.ctx, qtbot)
        assert current_language() == "en" and Settings.load().language == "en"
        assert window.nav.item(0).text() == "Today"
        assert window.menuBar().actions()[0].text() == "&Program"
        assert window.current_key() == "settings"
        english = window.screen_widget("settings")
        assert english is not screen
        english.language.setCurrentIndex(english.language.findData("pl"))
        assert window.nav.item(0).text() == "Dziś"
    finally:
        set_language("pl")


def test_iod_contact_is_typed_and_saved_for_the_consent(settings_window, qtbot):
    """The consent's RODO clause names the IOD: typed in Ustawienia, saved when leaving it."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from app.services import controller

    window, screen = settings_window
    settle(window.ctx, qtbot)
    screen.iod_contact.setFocus()
    QTest.keyClicks(screen.iod_contact, "iod@narewka.example.pl")
    QTest.keyClick(screen.iod_contact, Qt.Key.Key_Tab)
    settle(window.ctx, qtbot)
    assert controller.get_controller(window.ctx.ws).iod_contact == "iod@narewka.example.pl"
