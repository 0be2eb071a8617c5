"""The core never imports Qt: checked in a fresh interpreter (pytest-qt has loaded Qt here)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import app

CORE = ("app.models", "app.store", "app.services", "app.sync", "app.printing", "app.commands")


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(app.__path__, "app."):
        if info.name.startswith(CORE) or info.name in ("app.cli", "app.i18n", "app.errors"):
            names.append(info.name)
    return names


def test_core_modules_import_without_qt():
    modules = core_modules()
    assert "app.services.families" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""
