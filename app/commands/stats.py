"""``kooperacja stats``: anonymised statistics for the ROPS, as CSV or PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands import unlocked
from app.config import atomic_write_bytes
from app.i18n import _
from app.printing.stats import statistics_pdf
from app.services import audit
from app.services import stats as stats_service


def cmd_stats(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        data = stats_service.collect(ws)
        audit.log_event(ws, "export", entity="statistics", detail=args.format)
        name = ws.identity.name
    if args.format == "csv":
        payload = ("\ufeff" + stats_service.to_csv(data)).encode("utf-8")
    else:
        payload = statistics_pdf(data, name)
    atomic_write_bytes(Path(args.output), payload)
    print(_("Statistics written: {path}").format(path=args.output))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stats", help=_("anonymised statistics for the ROPS (CSV or PDF)"))
    p.add_argument("--format", choices=["csv", "pdf"], required=True)
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(func=cmd_stats)
