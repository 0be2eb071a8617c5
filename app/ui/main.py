"""Starting the desktop application: ``run_gui`` (the CLI's default command).

Sets up the ``QApplication`` (bundled font, icon, Qt's Polish strings), then hands over to the
``SessionController``: the first-run wizard if there is no database yet, otherwise the unlock
window.  ``KOOPERACJA_SMOKE_TEST=1`` makes it print the class of the first window and exit —
the packaging smoke check uses it to prove the built program starts.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import Shiboken

from app import __version__
from app.config import Settings, default_db_path
from app.ui.context import AppContext
from app.ui.kit import mnemonics, slot_errors, stray_keys
from app.ui.session import SessionController
from app.ui.theme import apply_theme, install_qt_translations, qt_translated

log = logging.getLogger(__name__)
SMOKE_ENV = "KOOPERACJA_SMOKE_TEST"
CORE_MODULES = (
    "app.services.setup",
    "alembic.command",
    "alembic.script",
    "alembic.runtime.migration",
)


def database_path(db: str | None, settings: Settings) -> Path:
    if db:
        return Path(db).expanduser()
    if settings.last_db_path:
        return Path(settings.last_db_path)
    return default_db_path()


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication(argv if argv is not None else sys.argv[:1])
    )
    app.setApplicationName("Kooperacja")
    app.setApplicationDisplayName("Kooperacja")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Kooperacja")
    app.setDesktopFileName("kooperacja")
    apply_theme(app)
    install_qt_translations(app)
    mnemonics.install(app)  # no two controls shown at once share an Alt+letter
    stray_keys.install(app)  # an Alt+letter no control took types nothing
    slot_errors.install()  # a shortcut whose action failed says so, not only the terminal
    return app


def run_gui(db: str | None = None, *, demo_families: int = 0, demo_seed: int | None = None) -> int:
    """Run the application until the user quits; returns the exit code."""
    settings = Settings.load()
    app = make_application()
    ctx = AppContext()
    session = SessionController(
        ctx,
        database_path(db, settings),
        settings,
        demo_families=demo_families,
        demo_seed=demo_seed,
    )
    first = session.start()
    # The first window is up: the core (SQLAlchemy, the models, Alembic) is imported on the DB
    # worker while the user types the passphrase, so neither waits for the other.
    QTimer.singleShot(0, lambda: ctx.runner.run(_import_core))
    if os.environ.get(SMOKE_ENV) == "1":

        def report() -> None:
            visible = [type(w).__name__ for w in app.topLevelWidgets() if w.isVisible()]
            print(
                f"window: {type(first).__name__}; visible: {', '.join(visible)}; "
                f"font: {app.font().family()}; qt-translations: {qt_translated()}",
                flush=True,
            )
            session.quit()

        QTimer.singleShot(300, report)
    log.info("GUI started (version %s)", __version__)
    try:
        code = app.exec()
    finally:
        if ctx.is_unlocked:
            ctx.lock()
        ctx.runner.shutdown()
        _dispose(app, session)
    return int(code)


def _import_core() -> None:
    """What unlocking needs, imported once on the DB worker (``app.store.migrate`` and the
    unlock window import these only when used)."""
    for name in CORE_MODULES:
        importlib.import_module(name)


def _dispose(app: QApplication, session: SessionController) -> None:
    """Destroy the windows Python owns while the application still exists (a widget outliving
    ``QApplication`` crashes the interpreter at exit).

    Only parentless windows created and owned by Python: the others belong to a Qt object that
    deletes them itself — a ``QCompleter``'s type-ahead list (the wizard's gmina field) is a
    parentless top-level its completer deletes, so deleting it here too was a double delete and
    a segmentation fault at exit whenever the list came first.
    """
    for widget in app.topLevelWidgets():
        if widget.parent() is None and owned_by_python(widget):
            widget.hide()
            widget.deleteLater()
    session.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    app.processEvents()


def owned_by_python(widget: QWidget) -> bool:
    return Shiboken.createdByPython(widget) and Shiboken.ownedByPython(widget)
