"""The ``kooperacja`` sub-commands (one module per group), built on ``app.services``.

Each module has ``register(subparsers)`` adding its commands; a command function takes the
parsed arguments and returns an exit code.  Helpers here resolve the database path and the
passphrase (``--passphrase-file``, then ``KOOPERACJA_PASSPHRASE``, then a prompt; never an
argument) and open the workspace.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.config import default_db_path
from app.errors import FileProblem, UsageError
from app.i18n import _
from app.services.unlock_policy import open_throttled
from app.services.workspace import Workspace
from app.sync.clocks import clock_behind

PASSPHRASE_ENV = "KOOPERACJA_PASSPHRASE"


def db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if getattr(args, "db", None) else default_db_path()


def read_passphrase(args: argparse.Namespace, *, confirm: bool = False, prompt: str = "") -> str:
    """The passphrase from a file, the environment, or an interactive prompt."""
    file = getattr(args, "passphrase_file", None)
    if file:
        try:
            text = Path(file).read_text(encoding="utf-8")
        except OSError as exc:
            raise FileProblem(_("The passphrase file cannot be read.")) from exc
        return text.splitlines()[0] if text else ""
    env = os.environ.get(PASSPHRASE_ENV)
    if env:
        return env
    if not sys.stdin.isatty():
        raise UsageError(_("No passphrase: use --passphrase-file or set KOOPERACJA_PASSPHRASE."))
    first = getpass.getpass(prompt or _("Passphrase: "))
    if confirm and getpass.getpass(_("Repeat the passphrase: ")) != first:
        raise UsageError(_("The two passphrases differ."))
    return first


def open_from_args(args: argparse.Namespace) -> Workspace:
    """Open the database under the growing wait after wrong passphrases (as the window does)."""
    ws = open_throttled(db_path(args), read_passphrase(args))
    behind = clock_behind(ws)
    if behind is not None:
        sys.stderr.write(_("Warning: {message}").format(message=behind.message) + "\n")
    return ws


@contextmanager
def unlocked(args: argparse.Namespace) -> Iterator[Workspace]:
    """The database opened for one command (``open_from_args``) and locked again when the
    command is done, whatever happens in between."""
    ws = open_from_args(args)
    try:
        yield ws
    finally:
        ws.lock()


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def progress_printer(label: str):
    """A callback ``(done, total)`` drawing a one-line progress bar on stderr."""
    width = 30
    interactive = sys.stderr.isatty()

    def report(done: int, total: int) -> None:
        total = max(total, 1)
        filled = int(width * done / total)
        line = f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        if interactive or done >= total:
            sys.stderr.write(line + ("\n" if done >= total else ""))
            sys.stderr.flush()

    return report
