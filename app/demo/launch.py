"""``make demo``: a fresh demo database, its passphrase printed here, then the application on it.

The database lives in a new temporary folder (removed when the program ends, unless ``--keep``)
so a demonstration never touches the real case files.  The demo families are generated inside
the application after the first unlock, in the background with a progress bar.

    python -m app.demo.launch [--families 60] [--seed 2024] [--role ops|coordinator] [--keep]
"""

from __future__ import annotations

import argparse
import secrets
import shutil
import sys
import tempfile
from pathlib import Path

from app import demo
from app.config import Settings
from app.i18n import _, ngettext, set_language
from app.logs import setup_logging
from app.services import setup
from app.services.rodo import erasure_file
from app.store import keys

# Easy to type on any keyboard (no diacritics), random enough with three words and a number.
WORDS = (
    "bocian", "brzoza", "dolina", "grusza", "jezioro", "kamien", "kos", "lipa", "most",
    "olcha", "puszcza", "rzeka", "sosna", "strumyk", "wierzba", "wrzos", "zubr", "zurawiec",
    "jaskolka", "borsuk", "kruk", "modrzew", "sarna", "wydra",
)  # fmt: skip
DEMO_UNITS = {"ops": demo.DEFAULT_GMINA, "coordinator": demo.DEFAULT_GMINA[:4]}
DEMO_WORKERS = {"ops": "Anna Kowalczyk", "coordinator": "Ewa Zawadzka"}


def make_passphrase() -> str:
    while True:
        words = [secrets.choice(WORDS) for _ in range(3)]
        candidate = "-".join(words) + f"-{secrets.randbelow(90) + 10}"
        if len(set(words)) == 3 and keys.assess_passphrase(candidate).acceptable:
            return candidate


def create_demo_database(folder: Path, role: str) -> tuple[Path, str]:
    """A new, empty installation of ``role`` in ``folder``; returns its path and passphrase."""
    path = folder / "kooperacja-demo.db"
    passphrase = make_passphrase()
    unit = DEMO_UNITS[role]
    ws = setup.initialize(
        path,
        passphrase,
        role=role,
        unit_code=unit,
        name=demo.default_name(role, unit),
        worker_name=DEMO_WORKERS[role],
    )
    try:  # thrown away with its folder: no erasure list of it in the user's data folder
        erasure_file.mark_scratch(ws)
    finally:
        ws.lock()
    return path, passphrase


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.demo.launch")
    parser.add_argument("--families", type=int, default=60)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--role", choices=sorted(DEMO_UNITS), default="ops")
    parser.add_argument("--keep", action="store_true", help="keep the demo folder afterwards")
    args = parser.parse_args(argv)
    setup_logging()
    set_language(Settings.load().language)
    folder = Path(tempfile.mkdtemp(prefix="kooperacja-demo-"))
    try:
        print(_("Creating the demo database…"), flush=True)
        path, passphrase = create_demo_database(folder, args.role)
        print()
        print("=" * 64)
        print(_("Demo database: {path}").format(path=path))
        print(
            _("Passphrase (type it in the unlock window): {passphrase}").format(
                passphrase=passphrase
            )
        )
        print(
            ngettext(
                "{n} demo family is created after the first unlock.",
                "{n} demo families are created after the first unlock.",
                args.families,
            ).format(n=args.families)
        )
        print("=" * 64, flush=True)
        from app.ui.main import run_gui  # Qt only now, after the terminal part

        return run_gui(str(path), demo_families=args.families, demo_seed=args.seed)
    finally:
        if args.keep:
            print(_("The demo folder was kept: {path}").format(path=folder))
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
