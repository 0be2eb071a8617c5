"""The launcher imports the family package directly: a renamed class fails loudly, at once."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.ui import family_launcher
from app.ui.family.family_window import FamilyWindow


def test_the_launcher_opens_the_real_family_window_class():
    assert family_launcher.family_window_class() is FamilyWindow


def test_no_class_is_looked_up_by_a_name_string():
    source = Path(family_launcher.__file__).read_text(encoding="utf-8")
    assert "importlib" not in source and "getattr(mod" not in source
