"""``kooperacja evaluation``: the powiat's anonymised evaluation of the pilot, CSV or PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands import unlocked
from app.i18n import _
from app.printing.evaluation import write_evaluation


def cmd_evaluation(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        write_evaluation(ws, args.format, Path(args.output))
    print(_("Evaluation written: {path}").format(path=args.output))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "evaluation", help=_("anonymised evaluation of the pilot for the ROPS (CSV or PDF)")
    )
    p.add_argument("--format", choices=["csv", "pdf"], required=True)
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(func=cmd_evaluation)
