"""Callbacks from the DB worker that arrive after their widget was closed are dropped.

A window closes (or the database locks) while a service call is still running; its ``success``
callback then refers to a deleted widget.  ``guarded(widget, fn)`` checks that the widget still
exists before calling ``fn``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject


def alive(obj: QObject | None) -> bool:
    return obj is not None and shiboken6.isValid(obj)


def guarded(obj: QObject, fn: Callable[..., Any]) -> Callable[..., Any]:
    def call(*args: Any) -> Any:
        if alive(obj):
            return fn(*args)
        return None

    return call


def no_result(fn: Callable[..., Any]) -> Callable[..., None]:
    """A slot that returns nothing.  PySide6 6.12 mishandles a ``bool`` returned by a Python
    slot (``emit()`` and ``close()`` return one), which can crash the interpreter later."""

    def call(*_args: Any) -> None:
        fn()

    return call
