"""Dead-code check run by ``make test``: functions, methods, classes, imports nobody uses.

It runs vulture over the application, the tests, the tools and the benchmarks together, so a
helper only a test calls counts as used.  Names that Qt, ReportLab, SQLAlchemy or pytest call
by themselves (``headerData``, ``paintEvent``, ``process_bind_param``, fixtures, slots) are
listed in ``[tool.vulture]`` of ``pyproject.toml``.

The enumerations of ``app/models/enums.py`` and ``pilot_enums.py`` are not reported either:
they are the vocabulary of the data (a column holds one of their values), and a value set may
land before the code that offers it.

Unused *variables and attributes* are not reported: in this code base they are mostly ORM
columns, enum members and dataclass fields that the sync, dump and printing code reads by name
(``getattr``, ``dataclasses.asdict``), which vulture cannot see.  Run ``vulture`` itself
(``.venv/bin/vulture``, same configuration) to look at them by hand.

Exit status 1 when anything is found, with one ``path:line: message`` per finding.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import vulture

ROOT = Path(__file__).resolve().parent.parent
REPORTED = {"function", "method", "class", "property", "import", "unreachable_code"}
VOCABULARY = {str(ROOT / "app" / "models" / name) for name in ("enums.py", "pilot_enums.py")}


def main() -> int:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["vulture"]
    # Vulture matches every definition against every ignored name with fnmatch (a fifth of its
    # time): it gets the patterns only, and the plain names are left out of its report after.
    names = config.get("ignore_names", [])
    patterns = [n for n in names if any(c in n for c in "*?[")]
    plain = set(names) - set(patterns)
    scanner = vulture.Vulture(
        ignore_names=patterns, ignore_decorators=config.get("ignore_decorators", [])
    )
    scanner.scavenge([str(ROOT / p) for p in config["paths"]], exclude=config.get("exclude", []))
    found = [
        item
        for item in scanner.get_unused_code(min_confidence=config.get("min_confidence", 60))
        if item.typ in REPORTED
        and item.name not in plain
        and not (item.typ == "class" and str(item.filename) in VOCABULARY)
    ]
    for item in found:
        print(item.get_report(add_size=False))
    if found:
        print(f"dead code: {len(found)} finding(s); delete them, or list a name Qt or a library")
        print("calls by itself in [tool.vulture] ignore_names of pyproject.toml")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
