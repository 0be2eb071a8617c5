"""The offscreen screen made a laptop's (1366×768) for a while, inside the running process.

Qt's default offscreen screen is 800×800, narrower than any real computer, and dialogs size
themselves against their screen.  The offscreen platform reads its screens from
``tests/ui/laptop-screen.json`` when started as ``offscreen:configfile=…``, and applies such a
configuration to a running application as well: its native interface hands out
``setConfiguration(const QJsonObject &, QOffscreenPlatformNativeInterface *)`` and
``configuration(QOffscreenPlatformNativeInterface *)``, which Qt's own high-DPI tests use.  So a
test gets the laptop's screen without a second pytest process (one cost 17 s, most of it start-up
and set-up the suite's process had done already).

PySide6 binds neither that private interface nor ``QJsonObject`` (it converts one to a dict), so
they are reached with ctypes through Qt's exported symbols.  A ``QJsonObject`` returned by value
is written to a hidden first argument, as the x86-64 System V convention has it: on another
machine or platform plugin ``LaptopScreen.available()`` is False.  The screen keeps its name, so
it only changes its geometry (no window moves to another screen); the frame margins setting
applies to windows created afterwards.
"""

from __future__ import annotations

import ctypes
import json
import platform
from collections.abc import Callable
from pathlib import Path

import PySide6
import shiboken6
from PySide6.QtCore import QByteArray, QJsonDocument
from PySide6.QtWidgets import QApplication

CONFIG = Path(__file__).with_name("laptop-screen.json")
_LIB = Path(PySide6.__file__).parent / "Qt" / "lib"
_SLOTS = 64  # more than QPlatformNativeInterface's vtable has before its own functions end
_JSON_OBJECT = 64  # bytes for one QJsonObject (it is one pointer)

_Pointer = ctypes.c_void_p


def _native_interface() -> tuple[int, Callable[[bytes], int | None]] | None:
    """The platform's native interface, and its ``nativeResourceForIntegration``."""
    gui = ctypes.CDLL(str(_LIB / "libQt6Gui.so.6"))
    interface_of = gui._ZN15QGuiApplication23platformNativeInterfaceEv
    interface_of.restype = _Pointer
    interface = interface_of()
    if not interface:
        return None
    # The function is virtual: its slot is where the base class's vtable holds the base's own
    # implementation (a vtable symbol is two words before its first slot).
    base = ctypes.cast(
        gui._ZN24QPlatformNativeInterface28nativeResourceForIntegrationERK10QByteArray, _Pointer
    ).value
    table = ctypes.addressof(_Pointer.in_dll(gui, "_ZTV24QPlatformNativeInterface"))
    slots = (_Pointer * _SLOTS).from_address(table + 2 * ctypes.sizeof(_Pointer))
    slot = next(i for i in range(_SLOTS) if slots[i] == base)
    own = (_Pointer * _SLOTS).from_address(_Pointer.from_address(interface).value)
    resource = ctypes.CFUNCTYPE(_Pointer, _Pointer, _Pointer)(own[slot])

    def lookup(name: bytes) -> int | None:
        key = QByteArray(name)
        return resource(interface, shiboken6.getCppPointer(key)[0])

    return interface, lookup


class LaptopScreen:
    """``with LaptopScreen():`` the offscreen screen is the laptop's, then as it was before."""

    @staticmethod
    def available() -> bool:
        if not (
            platform.system() == "Linux"
            and platform.machine() == "x86_64"
            and QApplication.platformName() == "offscreen"
        ):
            return False
        found = _native_interface()
        return found is not None and found[1](b"setConfiguration") is not None

    def __enter__(self) -> LaptopScreen:
        found = _native_interface()
        assert found is not None
        self._interface, lookup = found
        self._set = ctypes.CFUNCTYPE(None, _Pointer, _Pointer)(lookup(b"setConfiguration"))
        get = ctypes.CFUNCTYPE(_Pointer, _Pointer, _Pointer)(lookup(b"configuration"))
        core = ctypes.CDLL(str(_LIB / "libQt6Core.so.6"))
        self._destroy = core._ZN11QJsonObjectD1Ev
        self._destroy.argtypes = [_Pointer]
        self._to_object = core._ZNK13QJsonDocument6objectEv
        self._to_object.argtypes = [_Pointer, _Pointer]
        # The configuration now, kept as Qt's own object to be put back on leaving.
        self._saved = ctypes.create_string_buffer(_JSON_OBJECT)
        get(ctypes.addressof(self._saved), self._interface)
        laptop = json.loads(CONFIG.read_text(encoding="utf-8"))
        (screen,) = laptop["screens"]
        screen["name"] = QApplication.primaryScreen().name()  # the same screen, resized
        self._apply(json.dumps(laptop).encode())
        return self

    def _apply(self, text: bytes) -> None:
        document = QJsonDocument.fromJson(QByteArray(text))
        assert document.isObject(), text
        made = ctypes.create_string_buffer(_JSON_OBJECT)
        self._to_object(ctypes.addressof(made), shiboken6.getCppPointer(document)[0])
        try:
            self._set(ctypes.addressof(made), self._interface)
        finally:
            self._destroy(ctypes.addressof(made))
        QApplication.processEvents()  # the screen's change is a queued window system event

    def __exit__(self, *exc: object) -> None:
        try:
            self._set(ctypes.addressof(self._saved), self._interface)
        finally:
            self._destroy(ctypes.addressof(self._saved))
        QApplication.processEvents()
