"""``kooperacja handover``: a family moving away.

``handover move --family ID --to GMINA`` (the coordinator: to another gmina of the powiat; the
next bundles carry the whole file to the new OPS); ``handover export --family ID [--to GMINA]
-o FILE.json`` (out of the powiat: the case closes and its whole file is written for the new
OPS); ``handover list --family ID``.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from app.commands import print_json, unlocked
from app.commands.team import day_arg
from app.i18n import _
from app.models.enums import TransferKind
from app.services import handover
from app.services.date_text import fmt_date


def cmd_move(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        t = handover.transfer_family(
            ws, args.family, handover.TransferInput(args.to, args.on or date.today(), args.note)
        )
    print(_("The family was handed over to gmina {code}.").format(code=t.to_gmina_code))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        handover.export_out_of_powiat(
            ws, args.family, args.on or date.today(), args.to or "", args.note, Path(args.output)
        )
    print(_("The family's file was written for the new OPS: {path}").format(path=args.output))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        rows = handover.transfers(ws, args.family)
    if args.json:
        print_json(
            [
                {
                    "id": t.id,
                    "kind": t.kind,
                    "from_gmina_code": t.from_gmina_code,
                    "to_gmina_code": t.to_gmina_code,
                    "transferred_on": t.transferred_on.isoformat(),
                    "from_case_number": t.from_case_number,
                }
                for t in rows
            ]
        )
        return 0
    for t in rows:
        kind = TransferKind(t.kind).label
        print(
            f"{fmt_date(t.transferred_on)}  {t.from_gmina_code} → {t.to_gmina_code or '—'}  {kind}"
        )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("handover", help=_("a family moving to another gmina"))
    verbs = p.add_subparsers(dest="verb", required=True)
    m = verbs.add_parser("move", help=_("hand a family over to another gmina of the powiat"))
    e = verbs.add_parser("export", help=_("a family moving out of the powiat: export its file"))
    for q in (m, e):
        q.add_argument("--family", metavar="ID", required=True)
        q.add_argument("--on", type=day_arg, metavar="YYYY-MM-DD")
        q.add_argument("--note", default="")
    m.add_argument("--to", metavar="TERC", required=True, help=_("the new gmina"))
    m.set_defaults(func=cmd_move)
    e.add_argument("--to", metavar="TERC", help=_("the new gmina, if known"))
    e.add_argument("-o", "--output", required=True, metavar="FILE.json")
    e.set_defaults(func=cmd_export)
    lst = verbs.add_parser("list", help=_("the family's transfers"))
    lst.add_argument("--family", metavar="ID", required=True)
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_list)
