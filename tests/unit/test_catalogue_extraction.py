"""Every user-facing string reaches the Polish catalogue.

Babel's extractor (Python 3.11) reads an f-string as one token: a ``_("…")`` inside one is never
extracted, so it is never translated and the worker reads English ("no number: 01.12.2026 – …"
in the programme chooser, seen in the 1366×768 walk).  Found by this test before the fix:
plan_tab, monitoring_tab ("no number"), dashboard_screen ("revoked").
"""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
MARKERS = {"_", "N_", "ngettext", "pgettext", "npgettext", "NP_", "NG_", "gendered"}


def calls_inside_fstrings(source: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.JoinedStr):
            continue
        for sub in ast.walk(node):
            if (
                isinstance(sub, ast.Call)
                and isinstance(sub.func, ast.Name)
                and sub.func.id in MARKERS
                and sub.args
                and isinstance(sub.args[0], ast.Constant)
            ):
                found.append((node.lineno, sub.args[0].value))
    return found


def test_the_scan_sees_a_call_in_an_fstring():
    assert calls_inside_fstrings("x = f\"{n or _('no number')}: {d}\"") == [(1, "no number")]
    assert calls_inside_fstrings('n = _("no number")\nx = f"{n}: {d}"') == []


def test_no_translatable_string_hides_in_an_fstring():
    hidden = [
        f"{path.relative_to(APP.parent)}:{line} {text!r}"
        for path in sorted(APP.rglob("*.py"))
        for line, text in calls_inside_fstrings(path.read_text(encoding="utf-8"))
    ]
    assert hidden == []
