"""A keyboard-only user for pytest-qt tests: key events as the window system delivers them.

The user's steps are a generator run from the event loop (``KeyUser.play``): it yields a
condition to wait for (the dialog is open, the focus is in that field, the row was saved) and
queues keys with ``key``/``type``/``alt``/``tab_to``.  Keys are delivered one per timer tick from
the event loop, so a key that opens a modal dialog (``exec()``) does not block the user: the next
ticks run inside the dialog's own loop, as a real user's next keys would.  Nothing calls a
widget's method to do the user's work; reading widgets (to find a field's Alt+letter, to check
where the focus is) is fine.

A key goes where Qt would send it: an open popup (a type-ahead list, a menu) first, else the focus
widget; ``QTest.keyClick`` passes it through the shortcut map (Alt+letter mnemonics, Ctrl+S).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QTabWidget,
    QWidget,
)

from app.ui.kit.mnemonics import mnemonic_at

Condition = Callable[[], Any]
Script = Generator[Condition, None, None]
NO_MOD = Qt.KeyboardModifier.NoModifier
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def receiver() -> QWidget | None:
    popup = QApplication.activePopupWidget()
    if popup is not None:
        return popup.focusWidget() or popup
    # With no focus widget, the window system's key goes to the active window itself.
    return QApplication.focusWidget() or QApplication.activeWindow()


def describe(widget: QWidget | None) -> str:
    if widget is None:
        return "nothing"
    text = ""
    for attr in ("text", "windowTitle"):
        value = getattr(widget, attr, None)
        if callable(value):
            try:
                text = value()
            except TypeError:
                continue
            if text:
                break
    window = widget.window()
    return (
        f"{type(widget).__name__}({widget.accessibleName() or text!r}) in "
        f"{type(window).__name__}({window.windowTitle()!r})"
    )


def letter_of(widget: QWidget) -> str:
    """The Alt+letter that reaches ``widget``: its own text, or the label it is the buddy of."""
    texts = []
    if isinstance(widget, (QAbstractButton, QGroupBox)):
        texts.append(widget.text() if isinstance(widget, QAbstractButton) else widget.title())
    for lb in widget.window().findChildren(QLabel):
        if lb.buddy() is widget and lb.isVisible():
            texts.append(lb.text())
    for text in texts:
        at = mnemonic_at(text)
        if at >= 0:
            return text[at].lower()
    raise AssertionError(f"no Alt+letter reaches {describe(widget)}: {texts}")


class KeyUser:
    """Types for the test; ``play(script)`` runs the steps until the end (or a failure)."""

    def __init__(self, qtbot, step_timeout: float = 30.0) -> None:
        self.qtbot = qtbot
        self.step_timeout = step_timeout
        self._queue: list[Callable[[], None]] = []
        self._log: list[str] = []
        self._active: list[QWidget] = []
        self.tabbed_to: list[str] = []
        self._idle_since = 0.0

    # -- keys (queued, delivered from the event loop) ----------------------------------------
    def key(self, key: Qt.Key, modifier=NO_MOD, times: int = 1) -> None:
        for _ in range(times):
            self._queue.append(lambda: self._click(key, modifier))

    def _click(self, key: Qt.Key, modifier) -> None:
        target = receiver()
        assert target is not None, (
            f"{QKeyEventName(key, modifier)} pressed with the focus nowhere; windows: "
            f"{[describe(w) for w in QApplication.topLevelWidgets() if w.isVisible()]}; "
            f"last keys: {self._log[-4:]}"
        )
        self._log.append(f"{QKeyEventName(key, modifier)} → {describe(target)}")
        QTest.keyClick(target, key, modifier)

    def type(self, text: str) -> None:
        """Letter by letter (``QTest.keyClicks`` cannot type Polish letters)."""
        for ch in text:
            self._queue.append(lambda ch=ch: self._char(ch))

    def _char(self, ch: str) -> None:
        target = receiver()
        assert target is not None, f"typed {ch!r} with the focus nowhere"
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, 0, NO_MOD, ch))

    def alt(self, letter: str) -> None:
        self.key(Qt.Key(ord(letter.upper())), ALT)

    def alt_to(self, widget: QWidget) -> None:
        """Alt+the letter shown for ``widget`` (read when the key is pressed: the letters of a
        window are settled when it is shown)."""
        self._queue.append(lambda: self._click(Qt.Key(ord(letter_of(widget).upper())), ALT))

    def reach(self, widget: QWidget) -> Script:
        """Alt+its letter if it has one, else Tab until there (``yield from user.reach(w)``);
        the fields reached only by Tab are listed in ``tabbed_to``."""
        yield lambda: not self._queue
        try:
            letter_of(widget)
        except AssertionError:
            self.tabbed_to.append(describe(widget))
            yield from self.tab_to(widget)
            return
        self.alt_to(widget)
        yield self.focus_in(widget)

    def alt_to_tab(self, tabs: QTabWidget, page: QWidget) -> None:
        """Alt+the letter shown on ``page``'s tab."""

        def press() -> None:
            text = tabs.tabText(tabs.indexOf(page))
            at = mnemonic_at(text)
            assert at >= 0, f"the tab {text!r} has no Alt+letter"
            self._click(Qt.Key(ord(text[at].upper())), ALT)

        self._queue.append(press)

    def enter(self) -> None:
        self.key(Qt.Key.Key_Return)

    # -- conditions ----------------------------------------------------------------------------
    @staticmethod
    def focus_in(widget: QWidget) -> Condition:
        def check() -> bool:
            focus = QApplication.focusWidget()
            return focus is not None and (focus is widget or widget.isAncestorOf(focus))

        return check

    def tab_to(self, widget: QWidget, limit: int = 60, backwards: bool = False) -> Script:
        """Tab (or Shift+Tab) until the focus is in ``widget``; failing means Tab never gets
        there.  Use as ``yield from user.tab_to(w)``."""
        for _ in range(limit):
            yield lambda: not self._queue
            if self.focus_in(widget)():
                return
            self.key(Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reached {describe(widget)}; last: {self._log[-5:]}")

    # -- the window manager's part --------------------------------------------------------------
    def _window_manager(self) -> bool:
        """Offscreen there is no window manager: when a dialog closes nothing is active.  Do what
        one does — activate the window that was active before — and say whether keys may go."""
        current = QApplication.activeWindow()
        if current is not None:
            self._idle_since = 0.0
            if not self._active or self._active[-1] is not current:
                self._active = [w for w in self._active if w is not current] + [current]
            return True
        if not self._idle_since:
            self._idle_since = time.monotonic()
        if time.monotonic() - self._idle_since < 0.2:
            return False  # the program may be about to show or activate a window itself
        self._active = [w for w in self._active if shiboken6.isValid(w) and w.isVisible()]
        # A window shown meanwhile (a family file opened) gets the focus, as a new window does.
        new = [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible()
            and w.windowType() != Qt.WindowType.Popup
            and not any(w is seen for seen in self._active)
        ]
        target = new[-1] if new else (self._active[-1] if self._active else None)
        if target is not None:
            target.activateWindow()
            return False
        return True

    # -- running -------------------------------------------------------------------------------
    def play(self, script: Script, timeout: float = 240.0) -> None:
        state: dict[str, Any] = {"wait": None, "done": False, "error": None, "since": 0.0}
        busy = [False]
        posted = [False]

        def fail(exc: BaseException) -> None:
            state["error"], state["done"] = exc, True
            timer.stop()
            # The user stopped with a modal dialog open: close it (and any under it), or the
            # test would wait inside its loop for ever.  Clean-up, not the user's work.
            QTimer.singleShot(0, close_modals)

        def close_modals() -> None:
            widget = QApplication.activeModalWidget()
            if widget is not None:
                widget.done(0) if hasattr(widget, "done") else widget.close()
                QTimer.singleShot(0, close_modals)

        def deliver(action: Callable[[], None]) -> None:
            posted[0] = False
            if state["done"]:
                return
            try:
                action()  # may open a modal dialog: the next ticks run inside it
            except BaseException as exc:
                fail(exc)

        def tick() -> None:
            if state["done"] or busy[0] or posted[0]:
                return
            if not self._window_manager():
                return
            if self._queue:
                # From a timer of its own: Qt never re-enters a timer whose slot is still
                # running, and this key may open a modal dialog inside which ticks must go on.
                posted[0] = True
                action = self._queue.pop(0)
                QTimer.singleShot(0, lambda: deliver(action))
                return
            wait = state["wait"]
            if wait is not None:
                try:
                    ready = wait()
                except BaseException as exc:
                    fail(exc)
                    return
                if not ready:
                    if time.monotonic() - state["since"] > self.step_timeout:
                        fail(
                            AssertionError(
                                f"waited {self.step_timeout:.0f} s; focus: "
                                f"{describe(QApplication.focusWidget())}; modal: "
                                f"{describe(QApplication.activeModalWidget())}; "
                                f"last keys: {self._log[-6:]}"
                            )
                        )
                    return
            busy[0] = True
            try:
                state["wait"] = next(script)
                state["since"] = time.monotonic()
            except StopIteration:
                state["done"] = True
                timer.stop()
            except BaseException as exc:
                fail(exc)
            finally:
                busy[0] = False

        timer = QTimer()
        timer.timeout.connect(tick)
        timer.start(5)
        try:
            self.qtbot.waitUntil(lambda: state["done"], timeout=int(timeout * 1000))
        finally:
            timer.stop()
            timer.deleteLater()
        if state["error"] is not None:
            raise state["error"]


def QKeyEventName(key: Qt.Key, modifier) -> str:
    prefix = "".join(
        name
        for flag, name in ((CTRL, "Ctrl+"), (ALT, "Alt+"), (SHIFT, "Shift+"))
        if modifier & flag
    )
    return prefix + (key.name.removeprefix("Key_") if hasattr(key, "name") else str(key))
