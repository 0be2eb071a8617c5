"""Colours come from the theme: no widget module writes a colour of its own."""

from __future__ import annotations

import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "app" / "ui"
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


def test_only_the_theme_names_colours():
    found = [
        f"{path.relative_to(UI)}:{n}"
        for path in UI.rglob("*.py")
        if path.name != "theme.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if HEX.search(line)
    ]
    assert found == []
