"""``kooperacja sync …``: export and import bundles, status per peer, the conflict inbox.

Exit codes: 0 done (including "already imported"), 7 a bundle was refused (the database is
unchanged), 8 the import worked but left new conflicts in the inbox (``sync conflicts``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.commands import print_json, progress_printer, unlocked
from app.config import Settings
from app.errors import EXIT_CONFLICT, EXIT_SYNC, FileProblem, UsageError
from app.i18n import _
from app.models.enums import Role
from app.services.date_text import fmt_moment
from app.sync import conflicts, status, transport
from app.sync.clock_repair import repair_future_stamps
from app.sync.importer import import_bundles


def cmd_export(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        result, report = transport.export_to_file(
            ws,
            args.to,
            Path(args.output),
            full=args.full,
            progress=progress_printer(_("Bundle")),
        )
    print(result.message)
    print(_("Written and verified: {path}").format(path=report.path))
    for warning in report.warnings:
        print(_("Warning: {text}").format(text=warning))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    code = 0
    with unlocked(args) as ws:
        for name in args.files:  # a typo or a folder: a file problem, not a refusal
            if not Path(name).is_file():
                raise FileProblem(
                    _("There is no bundle file at this path: {path}").format(path=name)
                )
        for outcome in import_bundles(ws, args.files):  # in the one order (by file name)
            result, error = outcome.result, outcome.error
            if result is None:
                message = error.message if error else ""
                print(_("Error: {message}").format(message=message), file=sys.stderr)
                code = error.exit_code if error else EXIT_SYNC
                continue
            print(result.message)
            if result.conflicts and code == 0:
                code = EXIT_CONFLICT
        if code == EXIT_CONFLICT:
            print(_("Conflicts are waiting for a decision: kooperacja sync conflicts"))
    return code


def cmd_status(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        rows = status.peer_statuses(ws)
        waiting = conflicts.count_open(ws)
        replaced = len(conflicts.replaced_notices(ws))
    if args.json:
        print_json(
            {
                "peers": [r.as_json() for r in rows],
                "open_conflicts": waiting,
                "replaced_unseen": replaced,
            }
        )
        return 0
    if not rows:
        print(_("No devices registered yet: exchange key cards first (kooperacja keys)."))
    for r in rows:
        role = Role(r.role).label if r.role in set(Role) else r.role
        revoked = " (" + _("revoked") + ")" if r.revoked else ""
        print(f"{r.name} [{r.device_id}] {r.unit_code} {role}{revoked}")
        sent = fmt_moment(r.last_sent_at, "—")
        got = fmt_moment(r.last_received_at, "—")
        print("  " + _("last sent: bundle {seq} ({at})").format(seq=r.last_sent_seq, at=sent))
        print("  " + _("acknowledged up to: bundle {seq}").format(seq=r.acked_seq))
        print(
            "  " + _("last received: bundle {seq} ({at})").format(seq=r.last_received_seq, at=got)
        )
        if r.unacknowledged:
            print("  " + _("without receipt yet: {seqs}").format(seqs=_seqs(r.unacknowledged)))
        if r.missing:
            print("  " + _("never arrived: {seqs}").format(seqs=_seqs(r.missing)))
        if r.open_conflicts:
            print("  " + _("open conflicts: {n}").format(n=r.open_conflicts))
    print(_("Conflicts waiting: {n}").format(n=waiting))
    if replaced:
        print(
            _(
                "Values of this device replaced by a decision on another device: {n} "
                "(kooperacja sync conflicts --all)"
            ).format(n=replaced)
        )
    return 0


def _seqs(values: list[int]) -> str:
    return ", ".join(str(v) for v in values)


def cmd_conflicts(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        rows = conflicts.list_conflicts(ws, include_resolved=args.all)
        if args.all and not args.json:
            conflicts.mark_seen(ws)  # the worker now sees the decisions made elsewhere
    if args.json:
        print_json([r.as_json() for r in rows])
        return 0
    if not rows:
        print(_("No conflicts waiting."))
    for r in rows:
        state = _("waiting for a decision") if r.status == "open" else _("decided")
        print(f"{r.id}  {r.table}.{r.field}  {r.case_number}  [{state}]")
        for label, side in ((_("mine"), r.mine), (_("theirs"), r.theirs)):
            who = side.worker or side.device_name or side.device_id
            value = json.dumps(side.value, ensure_ascii=False)
            print(f"  {label:<7} {value[:60]:<60} {who} ({side.device_id}) {fmt_moment(side.at)}")
        if r.status != "open":
            print(
                "  "
                + _("decided: {side}, by {who}").format(
                    side=_("mine") if r.resolution == "mine" else _("theirs"),
                    who=r.resolved_by or "—",
                )
            )
        if r.replaced:
            print("  " + _("decided on another device: this device's value was replaced"))
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        view = conflicts.resolve(ws, args.conflict_id, args.take)
    print(
        _("Conflict resolved: {field} takes the value of {side}.").format(
            field=f"{view.table}.{view.field}",
            side=_("mine") if args.take == "mine" else _("theirs"),
        )
    )
    return 0


def cmd_repair_clock(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        report = repair_future_stamps(ws)
    print(report.message)
    return 0


def cmd_scan(args: argparse.Namespace) -> int:
    settings = Settings.load()
    inbox = args.inbox or settings.sync_inbox
    outbox = args.outbox or settings.sync_outbox
    if not inbox and not outbox:
        raise UsageError(_("Give --inbox and/or --outbox (or set them in the settings)."))
    code = 0
    with unlocked(args) as ws:
        items = transport.scan_inbox(ws, inbox) if inbox else []
        items += transport.fill_outbox(ws, outbox) if outbox else []
    for item in items:
        print(f"{item.name}: {item.message}")
        if item.status == "refused":
            code = EXIT_SYNC
    if not items:
        print(_("Nothing to do."))
    return code


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sync", help=_("exchange signed, encrypted bundles with other devices"))
    ssub = p.add_subparsers(dest="sync_command", required=True)

    s = ssub.add_parser("export", help=_("write the next bundle for a device"))
    s.add_argument("--to", required=True, help=_("device id or unique name of the recipient"))
    s.add_argument("-o", "--output", required=True, help=_("bundle file or folder"))
    s.add_argument("--full", action="store_true", help=_("everything, not only the changes"))
    s.set_defaults(func=cmd_export)

    s = ssub.add_parser("import", help=_("check and import bundles"))
    s.add_argument("files", nargs="+", metavar="FILE")
    s.set_defaults(func=cmd_import)

    s = ssub.add_parser("status", help=_("bundles sent and received, per device"))
    s.add_argument("--json", action="store_true", help=_("print JSON"))
    s.set_defaults(func=cmd_status)

    s = ssub.add_parser("conflicts", help=_("the conflict inbox"))
    s.add_argument("--json", action="store_true", help=_("print JSON"))
    s.add_argument("--all", action="store_true", help=_("include resolved conflicts"))
    s.set_defaults(func=cmd_conflicts)

    s = ssub.add_parser("resolve", help=_("resolve a conflict"))
    s.add_argument("conflict_id")
    s.add_argument("--take", choices=["mine", "theirs"], required=True)
    s.set_defaults(func=cmd_resolve)

    s = ssub.add_parser(
        "repair-clock", help=_("re-date changes stamped in the future (from a wrong clock)")
    )
    s.set_defaults(func=cmd_repair_clock)

    s = ssub.add_parser("scan", help=_("import from the inbox folder, export to the outbox"))
    s.add_argument("--inbox")
    s.add_argument("--outbox")
    s.set_defaults(func=cmd_scan)
