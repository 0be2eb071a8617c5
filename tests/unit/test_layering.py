"""The core never imports Qt: checked in a fresh interpreter (pytest-qt has loaded Qt here)."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys

import app
from app.errors import EXIT_USAGE

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


def test_a_worker_installation_runs_without_faker(tmp_path):
    """Faker is the demo extra only: with it missing, every shipped module imports, and
    ``kooperacja demo`` says what is missing instead of failing with a traceback."""
    modules = [*core_modules(), "app.ui.main", "app.ui.session", "app.ui.main_window"]
    code = (
        "import importlib, sys\n"
        "sys.modules['faker'] = None  # as in the installer's build: no Faker at all\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "from app import cli\n"
        f"code = cli.main(['--db', {str(tmp_path / 'demo.db')!r}, '--lang', 'en', 'demo'])\n"
        "print(code)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KOOPERACJA_DATA_DIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == str(EXIT_USAGE)
    assert "optional “demo” extra (Faker)" in out.stderr
    assert "Traceback" not in out.stderr
    assert not (tmp_path / "demo.db").exists()
