"""Shipped code reads no test switch: the tests put the cheap KDF in place themselves."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.store import keys

APP = Path(__file__).resolve().parents[2] / "app"
SHIPPED_DEFAULT = keys.default_kdf  # as imported, before any test fixture replaces it


def test_no_shipped_module_reads_a_test_switch():
    readers = [
        str(path.relative_to(APP))
        for path in APP.rglob("*.py")
        if "KOOPERACJA_TEST" in path.read_text(encoding="utf-8")
    ]
    assert readers == []


def test_tests_and_the_programs_they_start_use_the_cheap_kdf():
    assert keys.default_kdf() == keys.TEST_KDF
    code = "from app.store import keys; print(keys.default_kdf() == keys.TEST_KDF)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "True", out.stderr


def test_without_the_tests_a_new_database_is_calibrated(monkeypatch):
    calls = []
    monkeypatch.setattr(keys, "calibrate", lambda: calls.append(1) or keys.TEST_KDF)
    assert SHIPPED_DEFAULT() == keys.TEST_KDF and calls == [1]
