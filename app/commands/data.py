"""Commands about case data: families (list/search), dump, load, demo, TERC import."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from types import ModuleType

from app.commands import (
    db_path,
    print_json,
    progress_printer,
    read_passphrase,
    unlocked,
)
from app.config import atomic_write_bytes
from app.errors import FileProblem, UsageError, ValidationError
from app.i18n import _, ngettext
from app.models.enums import FamilyStatus
from app.services import dump, handover_file, reference, search, setup
from app.services.text import fold


def cmd_families(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        rows: list[search.FamilyRow] = []
        offset = 0
        while True:
            page = search.search_families(
                ws, args.search or "", status=args.status, offset=offset, limit=500
            )
            rows += page.rows
            offset += len(page.rows)
            if not page.rows or offset >= page.total or (args.limit and offset >= args.limit):
                break
        if args.limit:
            rows = rows[: args.limit]
    if args.json:
        print_json([_family_json(r) for r in rows])
        return 0
    if not rows:
        print(_("No families found."))
        return 0
    for r in rows:
        print(f"{r.case_number:<22} {r.head_name:<32} {r.locality:<20} {r.status_label}")
    print(ngettext("{n} family", "{n} families", len(rows)).format(n=len(rows)))
    return 0


def _family_json(r: search.FamilyRow) -> dict:
    return {
        "id": r.id,
        "case_number": r.case_number,
        "gmina": r.gmina,
        "gmina_code": r.gmina_code,
        "locality": r.locality,
        "address": r.address,
        "status": r.status,
        "lead_worker": r.lead_worker,
        "opened_on": r.opened_on.isoformat(),
        "next_review_on": r.next_review_on.isoformat() if r.next_review_on else None,
        "members": [
            {
                "id": m.person_id,
                "first_name": m.first_name,
                "last_name": m.last_name,
                "name": f"{m.first_name} {m.last_name}",
                "pesel": m.pesel,
                "relation": m.relation,
            }
            for m in r.members
        ],
    }


def cmd_dump(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        text = dump.dump_json(ws, with_audit=args.with_audit)
    if args.output:
        atomic_write_bytes(Path(args.output), text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    try:
        data = json.loads(Path(args.json_file).read_text(encoding="utf-8"))
    except OSError as exc:
        raise FileProblem(_("The file cannot be read.")) from exc
    except ValueError as exc:
        raise ValidationError(_("The file is not valid JSON."), "file") from exc
    with unlocked(args) as ws:
        if isinstance(data, dict) and data.get("format") == handover_file.FORMAT:
            count = handover_file.load_family_file(ws, data)  # a family moving in
        else:
            count = dump.load_data(ws, data)
    print(ngettext("{n} record loaded.", "{n} records loaded.", count).format(n=count))
    return 0


def _demo_module() -> ModuleType:
    """The demo generator, an optional extra (Faker) that a worker's installation lacks."""
    try:
        from app import demo
    except ImportError as exc:
        raise UsageError(
            _("Demo data need the optional “demo” extra (Faker), which is not installed.")
        ) from exc
    return demo


def cmd_demo(args: argparse.Namespace) -> int:
    demo = _demo_module()
    unit = args.unit or demo.DEFAULT_GMINA
    path = db_path(args)
    passphrase = read_passphrase(args)
    if not path.exists():
        ws = setup.initialize(
            path,
            passphrase,
            role=args.role,
            unit_code=unit,
            name=args.name or demo.default_name(args.role, unit),
            worker_name=args.worker,
        )
        print(_("Database created: {path}").format(path=path), file=sys.stderr)
    else:
        ws = setup.open_workspace(path, passphrase)
    try:
        summary = demo.generate(
            ws, families=args.families, seed=args.seed, progress=progress_printer(_("Families"))
        )
    finally:
        ws.lock()
    print(
        ngettext("{n} demo family added.", "{n} demo families added.", summary.families).format(
            n=summary.families
        ),
        file=sys.stderr,
    )
    return 0


def cmd_terc_import(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        n = reference.import_terc(ws, args.file)
    print(ngettext("{n} TERYT unit imported.", "{n} TERYT units imported.", n).format(n=n))
    return 0


def family_status(text: str) -> str:
    """A family status as the output shows it ("nowa", "diagnoza"…) or as its code."""
    wanted = fold(text)
    for status in FamilyStatus:
        if wanted in (status.value, fold(status.label)):
            return status.value
    raise argparse.ArgumentTypeError(
        _("unknown status {value!r} (choose from: {choices})").format(
            value=text, choices=", ".join(s.label for s in FamilyStatus)
        )
    )


def count_arg(text: str) -> int:
    """A whole number ≥ 0 (a negative limit must not silently drop a family)."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(
            _("{value!r} is not a whole number of 0 or more").format(value=text)
        )
    return value


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("families", help=_("list or search families"))
    p.add_argument("--search", help=_("surname, PESEL, locality or case number"))
    p.add_argument(
        "--status",
        type=family_status,
        metavar="|".join(s.label for s in FamilyStatus),
        help=_("only families with this status"),
    )
    p.add_argument("--limit", type=count_arg, default=0, help=_("at most this many (0: all)"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_families)

    p = sub.add_parser("dump", help=_("export every record as canonical JSON"))
    p.add_argument("--json", action="store_true", default=True)
    p.add_argument("--with-audit", action="store_true", help=_("include the audit log"))
    p.add_argument("-o", "--output", help=_("write to a file instead of the screen"))
    p.set_defaults(func=cmd_dump)

    p = sub.add_parser("load", help=_("load a JSON export into a new database"))
    p.add_argument("--json", dest="json_file", required=True, metavar="FILE")
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("demo", help=_("add realistic synthetic families (creates the database)"))
    p.add_argument("--families", type=int, default=50)
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--role", choices=["ops", "coordinator"], default="ops")
    p.add_argument("--unit", default="")  # empty: the demo's own gmina
    p.add_argument("--name", default="")
    p.add_argument("--worker", default="Anna Kowalczyk")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("terc", help=_("TERYT register"))
    tsub = p.add_subparsers(dest="terc_command", required=True)
    t = tsub.add_parser("import", help=_("import a newer TERC file from GUS"))
    t.add_argument("file")
    t.set_defaults(func=cmd_terc_import)
