"""An error escaping a slot (a key shortcut, a button, a timer) is said to the worker.

PySide prints such an exception to the terminal and carries on, so a worker who pressed a
key saw nothing happen and was told nothing (seen in session 8's walk: a shortcut's slot that
failed left a traceback in the terminal only).  ``install()`` routes it to the one place that
says errors: ``ops.show_error`` (Polish, the log folder named, logged without its message).
"""

from __future__ import annotations

import sys
from types import TracebackType

from PySide6.QtWidgets import QApplication

from app.ui.ops import show_error

_showing = False


def _hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    global _showing
    if not isinstance(exc, Exception) or _showing:  # Ctrl+C, or a failure while saying one
        sys.__excepthook__(kind, exc, tb)
        return
    _showing = True
    try:
        show_error(QApplication.activeWindow(), exc.with_traceback(tb))
    finally:
        _showing = False


def install() -> None:
    """Say every escaped error in a message box (once per process)."""
    sys.excepthook = _hook
