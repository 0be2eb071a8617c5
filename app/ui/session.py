"""The life of one run: first-run wizard or unlock, the main window, locking, quitting.

``SessionController`` owns the windows that outlive a lock (unlock window, main window, the
family launcher) and the idle watcher.  Locking (idle, Ctrl+L, before a restore) goes:

1. remember where the user is (screen, open family files);
2. ``ctx.lock()`` — ``locking``: forms flush their drafts; the engine is disposed and the key
   wiped; ``locked``: every screen and window with case data is destroyed, the clipboard is
   cleared if it still holds case data, the unlock window is shown;
3. after unlock the main window comes back on the same screen, the family files are reopened,
   and autosaved drafts are offered.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app.config import Settings
from app.i18n import _, set_language
from app.ui import clipboard
from app.ui.context import AppContext
from app.ui.family_launcher import FamilyLauncher
from app.ui.idle import IdleWatcher
from app.ui.main_window import MainWindow
from app.ui.ops import show_error
from app.ui.passphrase_dialogs import ErasureListLostBox
from app.ui.screen_lock import ScreenLockWatcher
from app.ui.sync import folder_sync
from app.ui.theme import install_qt_translations
from app.ui.unlock_window import UnlockWindow

if TYPE_CHECKING:
    # The core and the first-run wizard are imported where they are used: the unlock window
    # appears before SQLAlchemy, the models or the wizard's TERYT register are loaded.
    from app.services import drafts
    from app.services.setup_flow import SetupFlow
    from app.services.workspace import Workspace
    from app.ui.setup_wizard import SetupWizard

log = logging.getLogger(__name__)


# Drafts that belong to a screen rather than a family: show that screen before asking for them.
DRAFT_SCREENS = {
    "institution": "team",
    "team": "team",
    "membership": "team",
    "agreement": "team",
    "meeting": "team",
    "decision": "team",
    "service": "catalog",
}


def _registry_kind(form_key: str) -> str:
    from app.services.form_keys import FormKey

    key = FormKey.parse(form_key)
    return key.registry_kind if key is not None else ""


@dataclass
class Place:
    """Where the user was when the program locked (ids only, no case data)."""

    screen: str = "today"
    tab: int = 0  # the screen's tab, for a screen with tabs
    families: list[dict[str, Any]] = field(default_factory=list)  # family windows' states


class SessionController(QObject):
    entered = Signal()  # the main window is up on an unlocked database

    def __init__(
        self,
        ctx: AppContext,
        db_path: Path,
        settings: Settings | None = None,
        *,
        demo_families: int = 0,
        demo_seed: int | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.db_path = Path(db_path)
        self.settings = settings or Settings.load()
        self.demo_families = demo_families
        self.demo_seed = demo_seed
        self.place = Place()
        self.wizard: SetupWizard | None = None
        self.unlock_window: UnlockWindow | None = None
        self.main_window: MainWindow | None = None
        self.launcher = FamilyLauncher(ctx, self)
        self.idle = IdleWatcher(self.settings.idle_lock_minutes * 60_000, self)
        self.idle.idle.connect(self.lock)
        self.screen_watch = ScreenLockWatcher(self)
        self.screen_watch.screen_locked.connect(self.lock)
        self._lock_pending = False
        self._busy = False
        self._restoring = False
        self._quitting = False
        self._quit_pending = False
        ev = ctx.events
        ev.locking.connect(self._on_locking)
        ev.locked.connect(self._on_locked)
        ev.lock_requested.connect(self.lock)
        ev.settings_changed.connect(self.apply_settings)
        ev.language_changed.connect(self._language_changed)
        ev.restore_requested.connect(self.restore_backup)
        ctx.runner.busy_changed.connect(self._busy_changed)
        # Shared inbox/outbox folders (if set in the settings) are scanned from every unlock on,
        # not only once the Synchronizacja screen has been opened.
        folder_sync.install(ctx)

    # -- starting --------------------------------------------------------------------------
    def start(self) -> QWidget:
        """Show the first window: the wizard on a first run, otherwise the unlock window."""
        if self.db_path.exists():
            return self.show_unlock()
        return self.show_wizard()

    def show_wizard(self, flow: SetupFlow | None = None) -> SetupWizard:
        from app.services.setup_flow import SetupFlow
        from app.ui.setup_wizard import SetupWizard

        self.wizard = SetupWizard(self.ctx, flow or SetupFlow(self.db_path))
        self.wizard.created.connect(self.enter)
        self.wizard.rejected.connect(self.quit)
        self.wizard.show()
        return self.wizard

    def show_unlock(self, intro: str = "") -> UnlockWindow:
        if self.unlock_window is None:
            self.unlock_window = UnlockWindow(self.ctx, self.db_path)
            self.unlock_window.unlocked.connect(self.enter)
            self.unlock_window.quit_requested.connect(self.quit)
        self.unlock_window.prepare(intro)
        if self.main_window is not None and self.main_window.isMaximized():
            self.unlock_window.showMaximized()
        else:
            self.unlock_window.show()
        self.unlock_window.raise_()
        self.unlock_window.activateWindow()
        return self.unlock_window

    def enter(self, ws: Workspace) -> None:
        """An unlocked workspace: attach it, show the main window where the user was."""
        self.ctx.attach(ws)
        if self.main_window is None:
            self.main_window = MainWindow(self.ctx)
            self.main_window.lock_requested.connect(self.lock)
            self.main_window.quit_requested.connect(self.quit)
            self._first_show(self.main_window)
        else:
            self.main_window.rebuild()
            self.main_window.show()
        if self.unlock_window is not None:
            self.unlock_window.hide()
        self.main_window.show_screen(self.place.screen, self.place.tab)
        self._warn_clock()
        self.ctx.hold_draft_offers()  # one question about every draft, asked below
        self.launcher.reopen(self.place.families)
        self.place = Place(screen=self.place.screen)
        self.idle.start()
        self.entered.emit()
        if self.demo_families:
            self.ctx.release_draft_offers({})
            self._fill_demo()
        else:
            self.offer_drafts()

    def _warn_clock(self) -> None:
        """Say at every unlock when this computer's clock is behind the newest change held."""
        from app.sync.clocks import clock_behind

        assert self.main_window is not None
        behind = clock_behind(self.ctx.ws)
        self.main_window.show_clock_warning(behind.message if behind else "")

    @staticmethod
    def _first_show(window: QWidget) -> None:
        # A typical municipal laptop has 1366×768: use the whole screen there.
        screen = window.screen().availableGeometry() if window.screen() else None
        if screen is not None and (screen.width() <= 1440 or screen.height() <= 900):
            window.showMaximized()
        else:
            window.show()

    # -- drafts ----------------------------------------------------------------------------
    def offer_drafts(self) -> None:
        from app.services import drafts

        if self.ctx.is_unlocked:
            self.ctx.runner.run(
                drafts.list_drafts,
                self.ctx.ws,
                success=self._drafts_listed,
                failure=lambda _exc: self.ctx.release_draft_offers({}),
            )
        else:
            self.ctx.release_draft_offers({})

    def _drafts_listed(self, found: list[drafts.DraftInfo]) -> None:
        from app.ui.drafts import family_id_of
        from app.ui.drafts_dialog import DraftRecoveryDialog

        if not found or not self.ctx.is_unlocked or self.main_window is None:
            self.ctx.release_draft_offers({})
            return
        chosen = DraftRecoveryDialog.ask(self.main_window, found, self.ctx.previous_end)
        # The one answer: the forms opened now take their draft without asking again, the
        # others do not ask now (they are offered again at the next unlock).
        self.ctx.release_draft_offers({d.form_key: d.form_key in chosen for d in found})
        for key in chosen:
            family_id = family_id_of(key)
            if family_id:
                self.ctx.events.family_opened.emit(family_id)
            elif (screen := DRAFT_SCREENS.get(_registry_kind(key))) is not None:
                self.main_window.show_screen(screen)
            self.ctx.events.draft_restore_requested.emit(key)

    # -- demo data -------------------------------------------------------------------------
    def _fill_demo(self) -> None:
        from app import demo  # the optional demo extra (Faker): only a demo launch gets here

        count, self.demo_families = self.demo_families, 0

        def fill(ws: Workspace, progress) -> int:
            from app.services import search

            if search.search_families(ws, limit=1).total:
                return 0  # an existing demo database keeps its data
            return demo.generate(
                ws, families=count, seed=self.demo_seed, progress=progress
            ).families

        self.ctx.runner.run_with_progress(
            self.main_window,
            _("Creating demo families…"),
            fill,
            self.ctx.ws,
        )

    # -- locking ---------------------------------------------------------------------------
    def lock(self) -> None:
        """Lock now, or as soon as the running background job ends."""
        if not self.ctx.is_unlocked:
            return
        if self._busy:
            self._lock_pending = True
            if self.main_window is not None:
                self.main_window.statusBar().showMessage(
                    _("The program will lock when the current task ends.")
                )
            return
        self.ctx.lock()

    def _busy_changed(self, busy: bool) -> None:
        self._busy = busy
        # The session is the timers' context: Qt drops them if it is deleted first (the event
        # loop can end while a quit waits, e.g. when the wizard, the last window, closes; the
        # program then deletes the session and handles what was left).
        if not busy and self._quit_pending:
            QTimer.singleShot(0, self, self.quit)
        elif not busy and self._lock_pending:
            self._lock_pending = False
            QTimer.singleShot(0, self, self.lock)

    def _on_locking(self) -> None:
        self.idle.stop()
        if self.main_window is not None:
            window = self.main_window
            self.place = Place(
                window.current_key(), window.current_tab(), self.launcher.open_states()
            )

    def _on_locked(self) -> None:
        clipboard.clear_now()
        self.launcher.discard_all()
        for widget in QApplication.topLevelWidgets():
            if widget in (self.main_window, self.unlock_window) or not widget.isVisible():
                continue
            if isinstance(widget, QDialog):
                widget.reject()
            widget.hide()
        if self.main_window is not None:
            self.main_window.clear()
            self.main_window.hide()
        if self._quitting:
            return
        self.show_unlock(
            _("Restoring the backup…")
            if self._restoring
            else _("The program was locked to protect the case files. Enter the passphrase.")
        )

    # -- settings --------------------------------------------------------------------------
    def apply_settings(self) -> None:
        self.settings = Settings.load()
        self.idle.set_minutes(self.settings.idle_lock_minutes)

    def _language_changed(self) -> None:
        self.settings = Settings.load()
        set_language(self.settings.language)
        app = QApplication.instance()
        if app is not None:
            install_qt_translations(app, self.settings.language)
        if self.unlock_window is not None and not self.unlock_window.isVisible():
            self.unlock_window.deleteLater()  # rebuilt in the new language when needed
            self.unlock_window = None
        if self.main_window is not None and self.ctx.is_unlocked:
            key, tab = self.main_window.current_key(), self.main_window.current_tab()
            self.main_window.rebuild()
            self.main_window.show_screen(key, tab)

    # -- restore ---------------------------------------------------------------------------
    def restore_backup(self, backup: str, passphrase: str) -> None:
        """Lock, replace the database with the backup, and open the restored database."""
        if not self.ctx.is_unlocked or self._busy:
            return
        target = self.ctx.ws.path
        self._restoring = True
        self.place = Place()
        self.ctx.lock()
        self._run_restore(backup, target, passphrase, without_erasure_list=False)

    def _run_restore(
        self, backup: str, target: Path, passphrase: str, without_erasure_list: bool
    ) -> None:
        from app.services import database
        from app.services.rodo.erasure_file import ErasureListMissing

        def done(result: tuple[Workspace, Path | None]) -> None:
            ws, kept = result
            self._restoring = False
            self.enter(ws)
            message = _("The database was restored from the backup.")
            if kept:
                message += " " + _("The previous database was kept as: {path}").format(path=kept)
            if self.main_window is not None:
                self.main_window.statusBar().showMessage(message, 20_000)

        def failed(exc: BaseException) -> None:
            # the same choice as `restore --without-erasure-list`, explained first
            if (
                isinstance(exc, ErasureListMissing)
                and not without_erasure_list
                and ErasureListLostBox.ask(self.unlock_window, exc.message)
            ):
                self._run_restore(backup, target, passphrase, without_erasure_list=True)
                return
            self._restoring = False
            if self.unlock_window is not None:
                self.unlock_window.prepare(
                    _("The backup was not restored; the database is unchanged. Unlock it again.")
                )
            show_error(self.unlock_window, exc)

        self.ctx.runner.run_with_progress(
            self.unlock_window,
            _("Restoring the backup…"),
            database.restore_backup,
            backup,
            target,
            passphrase,
            without_erasure_list=without_erasure_list,
            success=done,
            failure=failed,
        )

    # -- quitting --------------------------------------------------------------------------
    def quit(self) -> None:
        """Save drafts, lock, clear the clipboard, leave (after the running job, if any)."""
        if self._quitting:
            return  # already leaving (a window's close or reject may ask again on its way out)
        if self._busy:
            self._quit_pending = True
            if self.main_window is not None:
                self.main_window.statusBar().showMessage(
                    _("The program will close when the current task ends.")
                )
            return
        self.idle.stop()
        self.screen_watch.stop()
        self._quitting = True
        if self.ctx.is_unlocked:
            self.ctx.lock()
        clipboard.clear_now()
        for window in (self.unlock_window, self.wizard):
            if window is not None:
                window.hide()
        app = QApplication.instance()
        if app is not None:
            app.quit()
