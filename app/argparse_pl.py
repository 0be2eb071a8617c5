"""argparse's own messages ("the following arguments are required", "usage:") in our catalogue.

argparse translates through the standard ``gettext`` domain ``argparse``, for which Python ships
no Polish; it looks its ``_``/``ngettext`` up as module globals at call time, so pointing them at
``app.i18n`` makes usage errors and ``--help`` Polish like every other message.  The strings are
listed here so that ``tools/i18n.py`` extracts them (argparse of Python 3.11–3.13).
"""

from __future__ import annotations

import argparse

from app.i18n import N_, _, ngettext

MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("can't open '%(filename)s': %(error)s"),
    N_('argument "-" with mode %r'),
)


def _plural(singular: str, plural: str, n: int) -> str:
    return ngettext(singular, plural, n)


def install() -> None:
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = _plural  # type: ignore[attr-defined]
