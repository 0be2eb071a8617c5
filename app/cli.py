"""The ``kooperacja`` command line (also ``python -m app``); the GUI is the default command.

Errors reach the user as one Polish line on stderr and a non-zero exit code (see README,
"Exit codes"); tracebacks go only to the log file, without their messages.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import NoReturn

from app import __version__
from app.config import Settings, log_dir
from app.errors import KooperacjaError
from app.i18n import _, set_language

log = logging.getLogger("app.cli")
EXIT_UNEXPECTED = 1
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl+C


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own usage errors: exit code 2
        self.print_usage(sys.stderr)
        sys.stderr.write(_("Error: {message}").format(message=message) + "\n")
        raise SystemExit(2)


def _global_parser(*, add_help: bool = True) -> argparse.ArgumentParser:
    """The options that come before any command (and the whole command line of ``gui``)."""
    parser = _Parser(
        prog="kooperacja",
        description=_(
            "Kooperacja: case files of the Model Kooperacji, encrypted on this computer."
        ),
        add_help=add_help,
    )
    if add_help:
        parser.add_argument("--version", action="version", version=f"kooperacja {__version__}")
    parser.add_argument("--db", help=_("path of the database file"))
    parser.add_argument("--passphrase-file", help=_("read the passphrase from this file"))
    parser.add_argument("--lang", choices=["pl", "en"], help=_("language of messages"))
    parser.set_defaults(command=None, func=None)
    return parser


def build_parser() -> argparse.ArgumentParser:
    from app.commands import data, store

    parser = _global_parser()
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    store.register(sub)
    data.register(sub)
    for name in (
        "app.commands.printing",
        "app.commands.sync",
        "app.commands.keys",
        "app.commands.stats",
        "app.commands.rodo",
        "app.commands.team",
        "app.commands.evaluation",
        "app.commands.today",
        "app.commands.handover",
    ):
        module = _optional(name)
        if module is not None:
            module.register(sub)
    p = sub.add_parser("gui", help=_("start the desktop application (default)"))
    p.set_defaults(func=_gui)
    return parser


def _optional(name: str):
    import importlib

    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return None
        raise


def _gui(args: argparse.Namespace) -> int:
    from app.ui.main import run_gui

    return run_gui(db=args.db)


def _language(argv: list[str]) -> str:
    """``--lang`` if given (before parsing, so argparse's own errors are translated too)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return Settings.load().language


def main(argv: list[str] | None = None) -> int:
    from app import argparse_pl
    from app.logs import setup_logging

    setup_logging()
    argv = sys.argv[1:] if argv is None else list(argv)
    set_language(_language(argv))
    argparse_pl.install()
    # Without a command the GUI starts: the command modules (and the printing and sync stacks
    # they import) are loaded only for a command, so the unlock window appears sooner.
    try:
        args, rest = _global_parser(add_help=False).parse_known_args(argv)
        if rest:
            args = build_parser().parse_args(argv)
    except SystemExit as exc:  # usage errors (2), --help and --version (0)
        return exc.code if isinstance(exc.code, int) else 0
    if not getattr(args, "func", None):
        args.func = _gui
    try:
        return int(args.func(args) or 0)
    except KooperacjaError as exc:
        log.info("command %s failed: %s", args.command, type(exc).__name__)
        sys.stderr.write(_("Error: {message}").format(message=exc.message) + "\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write(_("Interrupted.") + "\n")
        return EXIT_INTERRUPTED
    except Exception as exc:
        from app.store.fileops import explain_failure

        problem = explain_failure(exc)
        if problem is not None:  # a full disk, a read-only medium…: said as such
            log.info("command %s failed: %s", args.command, type(exc).__name__)
            sys.stderr.write(_("Error: {message}").format(message=problem.message) + "\n")
            return problem.exit_code
        log.exception("unexpected error in command %s", args.command)
        sys.stderr.write(
            _(
                "Error: something unexpected went wrong; nothing was saved half-way. "
                "Details (without personal data) are in the log file in {folder}"
            ).format(folder=log_dir())
            + "\n"
        )
        return EXIT_UNEXPECTED
