"""Check that a built one-folder program starts (``smoke_check.py dist/kooperacja``).

Runs the frozen executables offscreen in a throw-away data folder:

1. ``kooperacja-cli --version`` prints the version of pyproject.toml;
2. ``kooperacja-cli init`` creates an encrypted database (bundled migrations, TERYT, fonts);
3. ``kooperacja`` on that database shows the unlock window (``KOOPERACJA_SMOKE_TEST=1`` makes the
   program print its first window's class and quit);
4. ``kooperacja`` without a database shows the first-run wizard;
5. the bundled font and Qt's Polish strings are loaded.

Exit code 0 when all pass; the first failure is printed.  ``--print-version`` only prints the
version (for the Windows installer build).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "smoke-test-brzoza-wydra-73"


def version() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return project["version"]


def executable(folder: Path, name: str) -> Path:
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.exists():
            return candidate
    raise SystemExit(f"smoke check: {name} not found in {folder}")


def run(cmd: list[str], env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    print(f"$ {' '.join(Path(c).name if i == 0 else c for i, c in enumerate(cmd))}")
    print(f"  exit {done.returncode}: {done.stdout.strip()[:300]}")
    return done


def check(folder: Path) -> list[str]:
    gui, cli = executable(folder, "kooperacja"), executable(folder, "kooperacja-cli")
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kooperacja-smoke-") as tmp:
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            KOOPERACJA_DATA_DIR=tmp,
            KOOPERACJA_PASSPHRASE=PASSPHRASE,
            KOOPERACJA_SMOKE_TEST="1",
        )
        db = str(Path(tmp) / "smoke.db")
        done = run([str(cli), "--version"], env)
        if done.returncode != 0 or version() not in done.stdout:
            problems.append(f"--version did not print {version()}")
        done = run(
            [str(cli), "--db", db, "--lang", "en", "init", "--role", "ops", "--unit", "2005092",
             "--name", "GOPS Narewka", "--worker", "Anna Kowalczyk"],
            env,
        )  # fmt: skip
        if done.returncode != 0 or not Path(db).exists():
            problems.append(f"init failed: {done.stderr.strip()[-500:]}")
        done = run([str(gui), "--db", db], env)
        if done.returncode != 0 or "window: UnlockWindow" not in done.stdout:
            problems.append(f"the unlock window did not appear: {done.stderr.strip()[-500:]}")
        if "font: DejaVu Sans" not in done.stdout:
            problems.append("the bundled DejaVu Sans font was not loaded")
        if "qt-translations: True" not in done.stdout:
            problems.append("Qt's Polish translations were not loaded")
        done = run([str(gui), "--db", str(Path(tmp) / "new.db")], env)
        if done.returncode != 0 or "window: SetupWizard" not in done.stdout:
            problems.append(f"the first-run wizard did not appear: {done.stderr.strip()[-500:]}")
    return problems


def main(argv: list[str]) -> int:
    if argv[1:2] == ["--print-version"]:
        print(version())
        return 0
    folder = Path(argv[1]) if len(argv) > 1 else ROOT / "dist" / "kooperacja"
    problems = check(folder)
    for problem in problems:
        print(f"SMOKE CHECK FAILED: {problem}", file=sys.stderr)
    if not problems:
        print(f"smoke check passed: {folder} (version {version()})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
