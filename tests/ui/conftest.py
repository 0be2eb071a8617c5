"""Fixtures for the desktop application's tests: real databases, real widgets, offscreen.

* ``ctx`` — an ``AppContext`` attached to the ``ws`` database of ``tests/conftest.py``;
* ``ops_db`` — the path of a locked OPS database (passphrase ``PASSPHRASE``);
* ``session`` — a ``SessionController`` on ``ops_db`` showing the unlock window;
* ``main_window`` — the main window fully unlocked on a fresh database (``main_window.ctx``,
  ``main_window.session``); ``demo_window`` — the same with 40 demo families (made once per
  worker, like ``tests/conftest.py``'s installations);
* ``first_run`` — a ``SessionController`` showing the first-run wizard for a new database;
  ``complete_wizard(controller, qtbot)`` fills it in through its widgets and waits for the
  main window;
* ``settle(ctx)`` — wait until every background job ran and its callback was delivered;
* ``dialogs`` — every ``QMessageBox`` static call is recorded here instead of blocking
  (``question`` answers with its default button; tests may monkeypatch it differently).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from app.services import setup
from app.store.keys import TEST_KDF
from app.ui.context import AppContext
from app.ui.kit import mnemonics, stray_keys
from app.ui.session import SessionController
from app.ui.theme import apply_theme
from tests.conftest import OPS_GMINA, PASSPHRASE, Installation, make_ops


@pytest.fixture(autouse=True)
def _themed(qapp):
    """The real font and style, so layouts (and screenshots) match the shipped program."""
    if not qapp.property("kooperacja_themed"):
        apply_theme(qapp)
        mnemonics.install(qapp)  # as make_application does
        stray_keys.install(qapp)
        qapp.setProperty("kooperacja_themed", True)
    yield
    for widget in QApplication.topLevelWidgets():
        widget.hide()


@pytest.fixture(autouse=True)
def dialogs(monkeypatch):
    """Record message boxes instead of blocking the test on a modal dialog."""
    calls: list[tuple[str, str]] = []

    def recorder(kind: str):
        def show(parent, title, text, *args, **kwargs):
            calls.append((kind, text))
            if kind == "question":
                default = args[1] if len(args) > 1 else kwargs.get("defaultButton")
                return default or QMessageBox.StandardButton.No
            return QMessageBox.StandardButton.Ok

        return show

    for kind in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(recorder(kind)))
    monkeypatch.setattr(
        QMessageBox,
        "about",
        staticmethod(lambda parent, title, text: calls.append(("about", text))),
    )
    return calls


def settle(ctx: AppContext, qtbot, timeout: int = 20_000) -> None:
    """Wait until the DB worker is idle and every success/failure callback has run."""
    ctx.runner.wait_idle()
    qtbot.waitUntil(lambda: ctx.runner.pending == 0, timeout=timeout)


def _context(ws):
    context = AppContext()
    context.attach(ws)
    yield context
    if context.is_unlocked:
        context.lock()
    context.runner.shutdown()
    for widget in QApplication.topLevelWidgets():
        widget.hide()
    dispose(*QApplication.topLevelWidgets(), context.events, context.runner)


@pytest.fixture
def ctx(ws, qtbot):
    """The application's context on the OPS database ``ws`` (GOPS Narewka)."""
    yield from _context(ws)


@pytest.fixture
def coordinator_ctx(coordinator_ws, qtbot):
    """The application's context on the coordinator's database (PCPR Hajnówka, the powiat)."""
    yield from _context(coordinator_ws)


def make_db(path: Path, role: str = "ops", unit: str = OPS_GMINA) -> Path:
    ws = setup.initialize(
        path,
        PASSPHRASE,
        role=role,
        unit_code=unit,
        name="Gminny Ośrodek Pomocy Społecznej w Narewce"
        if role == "ops"
        else "Powiatowe Centrum Pomocy Rodzinie w Hajnówce",
        worker_name="Anna Kowalczyk" if role == "ops" else "Ewa Zawadzka",
        kdf=TEST_KDF,
    )
    ws.lock()
    return path


@pytest.fixture
def ops_db(tmp_path, _isolated_dirs, _installations) -> Path:
    """``make_db``'s OPS database (the ``ws`` installation), locked; made once per worker."""
    return _installations["ops"].write(tmp_path / "kooperacja.db")


def _session(db: Path, qtbot, **kwargs) -> SessionController:
    context = AppContext()
    controller = SessionController(context, db, **kwargs)
    return controller


def dispose(*objects) -> None:
    """Delete Qt objects now, on the GUI thread.

    Left to Python's garbage collector, a QObject (with its timers) may be destroyed on the DB
    worker thread when a collection happens to run there, which crashes Qt.
    """
    for obj in objects:
        if obj is not None:
            obj.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def _close(controller: SessionController) -> None:
    controller.idle.stop()
    controller.screen_watch.stop()
    controller._quitting = True
    if controller.ctx.is_unlocked:
        controller.ctx.lock()
    for window in (controller.main_window, controller.unlock_window, controller.wizard):
        if window is not None:
            window.hide()
    controller.launcher.discard_all()
    controller.ctx.runner.shutdown()
    dispose(
        controller.main_window,
        controller.unlock_window,
        controller.wizard,
        controller,
        controller.ctx.events,
        controller.ctx.runner,
    )


@pytest.fixture
def session(ops_db, qtbot):
    controller = _session(ops_db, qtbot)
    controller.start()
    yield controller
    _close(controller)


def unlock(controller: SessionController, qtbot, passphrase: str = PASSPHRASE) -> None:
    """Type the passphrase into the unlock window and wait for the main window."""
    window = controller.unlock_window
    assert window is not None and window.isVisible()
    window.passphrase.setText(passphrase)
    with qtbot.waitSignal(controller.entered, timeout=20_000):
        window.unlock_button.click()
    settle(controller.ctx, qtbot)


@pytest.fixture
def main_window(ops_db, qtbot):
    """The main window on a fresh, unlocked OPS database."""
    controller = _session(ops_db, qtbot)
    controller.start()
    unlock(controller, qtbot)
    window = controller.main_window
    window.session = controller
    yield window
    _close(controller)


@pytest.fixture(scope="session")
def _demo_installation(tmp_path_factory) -> Installation:
    """The OPS installation with 40 demo families (seed 7), made once per worker: generating
    them took about a second for each test that asked."""
    from app import demo

    def build(path: Path):
        workspace = make_ops(path)
        demo.generate(workspace, families=40, seed=7)
        return workspace, None

    return Installation(tmp_path_factory.mktemp("demo"), build)


@pytest.fixture
def demo_window(tmp_path, _isolated_dirs, _demo_installation, qtbot):
    """The main window on an OPS database filled with 40 demo families (seed 7)."""
    controller = _session(_demo_installation.write(tmp_path / "kooperacja.db"), qtbot)
    controller.start()
    unlock(controller, qtbot)
    window = controller.main_window
    window.session = controller
    yield window
    _close(controller)


@pytest.fixture
def first_run(tmp_path, qtbot):
    """The first start on a computer without a database: the wizard is showing."""
    from app.services.setup_flow import SetupFlow

    path = tmp_path / "nowa" / "kooperacja.db"
    controller = _session(path, qtbot)
    controller.show_wizard(SetupFlow(path))
    yield controller
    _close(controller)


def complete_wizard(
    controller: SessionController,
    qtbot,
    *,
    coordinator: bool = False,
    unit: str = "Narewka",
    worker: str = "Anna Kowalczyk",
    passphrase: str = PASSPHRASE,
) -> None:
    """Go through the first-run wizard as a user would and wait for the main window."""
    from PySide6.QtWidgets import QWizard

    wizard = controller.wizard
    pages = wizard.pages
    (pages["role"].coordinator if coordinator else pages["role"].ops).setChecked(True)
    wizard.button(QWizard.WizardButton.NextButton).click()
    pages["unit"].edit.setText(unit)
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.current_step() == "identity", pages["unit"].error.text()
    pages["identity"].worker.setText(worker)
    wizard.button(QWizard.WizardButton.NextButton).click()
    pages["passphrase"].first.setText(passphrase)
    pages["passphrase"].second.setText(passphrase)
    pages["passphrase"].understood.setChecked(True)
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.current_step() == "summary", pages["passphrase"].error.text()
    with qtbot.waitSignal(controller.entered, timeout=30_000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    settle(controller.ctx, qtbot)
