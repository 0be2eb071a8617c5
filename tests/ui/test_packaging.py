"""Packaging files agree with the project: desktop entry, icons, installer, spec, smoke check."""

from __future__ import annotations

import configparser
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def project_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]


def test_desktop_entry_is_complete():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(PACKAGING / "kooperacja.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Exec"].startswith("kooperacja")
    assert section["Terminal"] == "false"
    assert section["Categories"].endswith(";")
    assert section["Name"] == "Kooperacja"
    assert section.get("Name[pl]", "Kooperacja") == "Kooperacja"  # a proper name: not translated
    assert "GenericName[pl]" in section and "Comment[pl]" in section
    icon = section["Icon"]
    assert (ROOT / "resources" / "icons" / f"{icon}.svg").exists()
    assert (ROOT / "resources" / "icons" / f"{icon}-256.png").exists()


def test_windows_icon_holds_several_sizes():
    data = (ROOT / "resources" / "icons" / "kooperacja.ico").read_bytes()
    assert data[:4] == b"\x00\x00\x01\x00"
    assert int.from_bytes(data[4:6], "little") >= 4


def test_installer_and_spec_use_the_built_folder_and_the_project_version():
    iss = (PACKAGING / "kooperacja.iss").read_text(encoding="utf-8")
    assert r"..\dist\kooperacja\*" in iss
    assert "Polish.isl" in iss and "PrivilegesRequired=lowest" in iss
    spec = (PACKAGING / "kooperacja.spec").read_text(encoding="utf-8")
    assert 'tomllib.loads((ROOT / "pyproject.toml")' in spec
    assert '"resources"' in spec and "migrations" in spec
    assert '"qtbase_pl.qm"' in spec and '"PySide6/Qt/translations"' in spec  # Qt's own Polish
    done = subprocess.run(
        [sys.executable, str(PACKAGING / "smoke_check.py"), "--print-version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == project_version()


def test_smoke_check_fails_on_a_folder_without_the_program(tmp_path):
    done = subprocess.run(
        [sys.executable, str(PACKAGING / "smoke_check.py"), str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0 and "not found" in (done.stdout + done.stderr)
