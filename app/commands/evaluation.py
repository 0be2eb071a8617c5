"""``kooperacja evaluation``: the powiat's anonymised evaluation of the pilot, CSV or PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands import open_from_args
from app.config import atomic_write_bytes
from app.errors import FileProblem
from app.i18n import _
from app.printing.stats import statistics_pdf
from app.services import audit, evaluation
from app.services.stats import to_csv


def cmd_evaluation(args: argparse.Namespace) -> int:
    ws = open_from_args(args)
    try:
        data = evaluation.collect(ws)
        audit.log_event(ws, "export", entity="evaluation", detail=args.format)
        name = ws.identity.name
    finally:
        ws.lock()
    if args.format == "csv":
        payload = ("\ufeff" + to_csv(data)).encode("utf-8")
    else:
        payload = statistics_pdf(
            data,
            name,
            title=_("Evaluation of the pilot"),
            heading_text=_("Evaluation of the Model Kooperacji pilot"),
        )
    try:
        atomic_write_bytes(Path(args.output), payload)
    except OSError as exc:
        raise FileProblem(_("The file cannot be written.")) from exc
    print(_("Evaluation written: {path}").format(path=args.output))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "evaluation", help=_("anonymised evaluation of the pilot for the ROPS (CSV or PDF)")
    )
    p.add_argument("--format", choices=["csv", "pdf"], required=True)
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(func=cmd_evaluation)
