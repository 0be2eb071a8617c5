"""Run in a subprocess by ``test_wizard_quit``: the real program (``run_gui``) on a new database,
the first-run wizard finished or cancelled with key events only, then quit from the menu
(Alt+P, Zakończ).

    python -m tests.ui._wizard_quit <database> finish|cancel|cancel-later

``finish`` goes through every page and creates the database, then quits the main window;
``cancel`` presses Esc on the first page; ``cancel-later`` presses Esc on the passphrase page and
confirms.  The exit code is the program's own (a crash at exit shows as a signal).

    python -m tests.ui._wizard_quit --serve

is the same as a fork server: it imports the program's modules (PySide6, the desktop modules,
the core) and makes one database in a folder it then removes (``_warm_up``), once, with no
QApplication, no thread and nothing left open; then for each
line ``<database>\t<mode>\t<folder>`` on stdin forks a child that runs the program as above,
with ``folder`` as its data folder and ``folder/stdout.txt``, ``folder/stderr.txt`` as its
output, and ends as any process does (``sys.exit``: interpreter shutdown, Qt's destructors).
The server answers ``EXIT <code>`` (negative: killed by that signal, as ``subprocess`` says).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QWidget

PASSPHRASE = "zielony-most-nad-Narwią-42"
TIMEOUT = 60.0

Step = Callable[[], bool]


def focused() -> QWidget:
    """Where the window system delivers a key: an open popup (a type-ahead list) first."""
    popup = QApplication.activePopupWidget()
    widget = (popup.focusWidget() or popup) if popup is not None else QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


_queued = [0]  # keys posted but not yet delivered
_SESSIONS: list = []  # the program's session, for the message when it does not quit


def _later(action: Callable[[], None]) -> None:
    """Deliver a key from the event loop, as the window system does: a key that opens a modal
    dialog returns only when it closes, so the driver must not be inside it."""
    _queued[0] += 1

    def run() -> None:
        _queued[0] -= 1
        action()

    QTimer.singleShot(0, run)


def type_text(text: str) -> None:
    """Key by key into the focused widget (QTest.keyClicks cannot type Polish letters)."""

    def one(ch: str) -> None:
        widget = focused()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))

    for ch in text:
        _later(lambda ch=ch: one(ch))


def key(k: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    _later(lambda: QTest.keyClick(focused(), k, modifier))


def visible(cls_name: str) -> QWidget | None:
    for widget in QApplication.topLevelWidgets():
        if type(widget).__name__ == cls_name and widget.isVisible():
            return widget
    return None


def in_window(cls_name: str) -> bool:
    """The keyboard focus is in a visible window of that class."""
    widget = QApplication.focusWidget()
    window = widget.window() if widget is not None else None
    return window is not None and type(window).__name__ == cls_name and window.isVisible()


def _question_has_focus() -> bool:
    box = QApplication.activeModalWidget()
    widget = QApplication.focusWidget()
    return isinstance(box, QMessageBox) and widget is not None and widget.window() is box


def wizard_step() -> str:
    wizard = visible("SetupWizard")
    return wizard.current_step() if wizard is not None else ""


def script(mode: str) -> Iterator[Step]:
    """Yield conditions to wait for; the code between two yields is what the user types."""
    yield lambda: wizard_step() == "role" and in_window("SetupWizard")
    if mode == "cancel":
        key(Qt.Key.Key_Escape)
        return
    key(Qt.Key.Key_Return)  # Dalej (the role proposed: OPS)
    yield lambda: wizard_step() == "unit" and QApplication.focusWidget() is not None
    type_text("Narewka")
    yield lambda: QApplication.focusWidget() is not None
    key(Qt.Key.Key_Down)  # into the type-ahead list
    key(Qt.Key.Key_Return)  # choose
    yield lambda: "2005092" in visible("SetupWizard").pages["unit"].chosen.text()
    key(Qt.Key.Key_Return)  # Dalej
    yield lambda: wizard_step() == "identity"
    key(Qt.Key.Key_Tab)  # the institution's name is proposed; on to the worker's name
    type_text("Anna Kowalczyk")
    key(Qt.Key.Key_Return)
    yield lambda: wizard_step() == "passphrase"
    if mode == "cancel-later":
        key(Qt.Key.Key_Escape)
        # the question shown *and* holding the keyboard: offscreen, its activation can come a
        # moment after it is shown, and a Tab before then went to the wizard (the box then
        # waited for an answer for ever)
        yield lambda: _question_has_focus()
        key(Qt.Key.Key_Tab)  # from "Nie" (the default) to "Tak"
        key(Qt.Key.Key_Space)
        return
    type_text(PASSPHRASE)
    key(Qt.Key.Key_Tab)
    type_text(PASSPHRASE)
    key(Qt.Key.Key_Tab)  # "Pokaż hasło"
    key(Qt.Key.Key_Tab)  # "Rozumiem…"
    key(Qt.Key.Key_Space)
    key(Qt.Key.Key_Return)
    yield lambda: wizard_step() == "summary"
    key(Qt.Key.Key_Return)  # Utwórz bazę danych
    yield lambda: in_window("MainWindow")
    # Program ▸ Zakończ (the last entry): QKeySequence.Quit is no key at all on Windows.
    key(Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    yield lambda: isinstance(QApplication.activePopupWidget(), QMenu)
    key(Qt.Key.Key_Up)
    key(Qt.Key.Key_Return)


def drive(mode: str) -> None:
    steps = script(mode)
    started = time.monotonic()
    state: dict[str, Step | None] = {"wait": next(steps)}
    timer = QTimer(QApplication.instance())

    def tick() -> None:
        wait = state["wait"]
        if time.monotonic() - started > TIMEOUT:
            wizard = visible("SetupWizard")
            page = wizard.currentPage() if wizard is not None else None
            print(
                "TIMEOUT waiting in",
                mode,
                wizard_step(),
                repr(QApplication.focusWidget()),
                page.error.text() if page is not None else "",
                flush=True,
            )
            for widget in QApplication.topLevelWidgets():
                if widget.isVisible():
                    text = widget.text() if isinstance(widget, QMessageBox) else ""
                    detail = widget.detailedText() if isinstance(widget, QMessageBox) else ""
                    print("visible:", type(widget).__name__, text, detail, flush=True)
            session = _SESSIONS[0] if _SESSIONS else None
            if session is not None:
                print(
                    "session: busy",
                    session._busy,
                    "quit pending",
                    session._quit_pending,
                    "quitting",
                    session._quitting,
                    flush=True,
                )
            os._exit(70)
        # after the last key the timer keeps running: a program that does not quit then ends
        # here with a message (exit 70), not in the test's own subprocess timeout
        if wait is None or _queued[0] or not wait():
            return
        state["wait"] = next(steps, None)

    timer.timeout.connect(tick)
    timer.start(20)


def main(db: str, mode: str) -> int:
    from app.ui.main import make_application, run_gui
    from app.ui.session import SessionController

    original = SessionController.__init__

    def remember(self, *args, **kwargs):
        original(self, *args, **kwargs)
        _SESSIONS.append(self)

    SessionController.__init__ = remember
    make_application()
    QTimer.singleShot(0, lambda: drive(mode))
    return run_gui(db)


def _warm_up() -> None:
    """One database made and locked here, in a folder then removed, as a long-running process
    would have: the register's parse (kept for the process) and SQLAlchemy's compiled statements
    are then the children's from the start, a third of a second of each child that creates its
    database.  Nothing of it stays open: no connection, no file, no thread."""
    import shutil
    import tempfile
    import threading

    from app.services import setup

    folder = tempfile.mkdtemp(prefix="warm-up-")
    data = os.environ.get("KOOPERACJA_DATA_DIR")
    os.environ["KOOPERACJA_DATA_DIR"] = os.path.join(folder, "data")
    try:
        setup.initialize(
            os.path.join(folder, "kooperacja.db"), PASSPHRASE, role="ops", unit_code="2005092",
            name="Gminny Ośrodek Pomocy Społecznej w Narewce", worker_name="Anna Kowalczyk",
        ).lock()  # fmt: skip
    finally:
        if data is None:
            del os.environ["KOOPERACJA_DATA_DIR"]
        else:
            os.environ["KOOPERACJA_DATA_DIR"] = data
        shutil.rmtree(folder)
    assert threading.active_count() == 1, threading.enumerate()  # fork copies only this one


def serve() -> int:
    import gc
    import importlib

    from app.ui.main import CORE_MODULES

    # Imported once here instead of in every start: the desktop modules, the wizard and its
    # rules, the main window's first screen and what its first unlock reads, the passphrase
    # rating, and the core the program imports on its DB worker (no thread, no database, no Qt
    # object: each child makes its own QApplication).
    for name in (
        "app.services.setup_flow",
        "app.ui.setup_wizard",
        "app.ui.today_screen",
        "app.ui.drafts_dialog",
        "app.sync.clocks",
        "zxcvbn",
        *CORE_MODULES,
    ):
        importlib.import_module(name)
    from sqlalchemy.orm import configure_mappers

    configure_mappers()  # the models' one-time class set-up, done by the first query otherwise
    _warm_up()
    # What was imported here is left out of the children's garbage collections (Python's advice
    # for a fork without exec): a child's collections, above all the one at its exit, walked
    # all of it and copied every page it touched (~3 s of a child's 3.5 s at load 8).
    gc.freeze()
    print("READY", flush=True)
    for line in sys.stdin:
        db, mode, folder = line.rstrip("\n").split("\t")
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:  # the child: one start of the program, then the end of this process
            os.environ["KOOPERACJA_DATA_DIR"] = folder
            for fd, name in ((1, "stdout.txt"), (2, "stderr.txt")):
                out = os.open(os.path.join(folder, name), os.O_WRONLY | os.O_CREAT, 0o600)
                os.dup2(out, fd)
                os.close(out)
            devnull = os.open(os.devnull, os.O_RDONLY)
            os.dup2(devnull, 0)
            sys.exit(main(db, mode))
        _pid, status = os.waitpid(pid, 0)
        print(f"EXIT {os.waitstatus_to_exitcode(status)}", flush=True)
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "--serve":
        sys.exit(serve())
    sys.exit(main(sys.argv[1], sys.argv[2]))
