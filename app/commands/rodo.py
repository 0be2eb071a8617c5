"""``kooperacja rodo …``: a person's data and the life of a case under RODO.

``rodo erase`` erases one case everywhere (here now, on other devices through sync) and
``rodo erasures`` shows every erasure with the devices that have not confirmed it yet;
``rodo basis`` shows or sets the coordinator's basis for receiving case data.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from datetime import date
from pathlib import Path

from app.commands import print_json, unlocked
from app.errors import FileProblem, UsageError
from app.i18n import _, ngettext
from app.printing import rodo_files
from app.printing.archive import table_label
from app.services.date_text import fmt_date, fmt_moment
from app.services.rodo import (
    archive,
    audit_view,
    corrections,
    erasure,
    member,
    retention,
    sharing,
    status,
)


def cmd_erase(args: argparse.Namespace) -> int:
    if not args.yes:
        raise UsageError(
            _("Erasure cannot be undone. Repeat the command with --yes to erase the case.")
        )
    if bool(args.family) == bool(args.person):
        raise UsageError(_("Give either --family (the whole case) or --person (one member)."))
    with unlocked(args) as ws:
        if args.person:
            result = member.erase_member(ws, args.person, args.reason)
        else:
            result = erasure.erase_family(ws, args.family, args.reason)
    if args.person:
        done = ngettext(
            "Person erased: {rows} record removed, erasure id {id}.",
            "Person erased: {rows} records removed, erasure id {id}.",
            result.rows,
        )
    else:
        done = ngettext(
            "Case erased: {rows} record removed, erasure id {id}.",
            "Case erased: {rows} records removed, erasure id {id}.",
            result.rows,
        )
    print(done.format(rows=result.rows, id=result.erasure_id))
    if result.holders:
        print(
            _("Devices that must still confirm it (through sync): {devices}").format(
                devices=", ".join(result.holders)
            )
        )
    return 0


def cmd_erasures(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        rows = status.list_erasures(ws)
    if args.json:
        print_json(
            [
                {
                    "erasure_id": r.erasure_id,
                    "erased_at": r.erased_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "reason": r.reason,
                    "origin": r.origin,
                    "devices": [
                        {
                            "device_id": d.device_id,
                            "name": d.name,
                            "confirmed_at": d.confirmed_at.strftime("%Y-%m-%dT%H:%M:%SZ")
                            if d.confirmed_at
                            else None,
                        }
                        for d in r.devices
                    ],
                }
                for r in rows
            ]
        )
        return 0
    if not rows:
        print(_("No erasures."))
    for r in rows:
        print(
            _("{at}  {id}  {reason}  (by {origin})").format(
                at=fmt_moment(r.erased_at),
                id=r.erasure_id,
                reason=r.reason_label,
                origin=r.origin_name or r.origin,
            )
        )
        for d in r.devices:
            state = (
                _("confirmed {at}").format(at=fmt_moment(d.confirmed_at))
                if d.confirmed_at
                else _("not confirmed yet")
            )
            print(f"    {d.name or d.device_id} [{d.device_id}]: {state}")
    return 0


def cmd_basis(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        if args.set:
            sharing.set_basis(ws, args.set)
        basis = sharing.get_basis(ws)
    print(_("The coordinator receives: {basis}.").format(basis=_(sharing.BASES[basis])))
    return 0


def cmd_access(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        n = rodo_files.write_access(ws, args.person, args.format, args.output)
    print(
        ngettext(
            "The person's data written: {path} ({n} recipient found in the audit log).",
            "The person's data written: {path} ({n} recipients found in the audit log).",
            n,
        ).format(path=args.output, n=n)
    )
    return 0


def cmd_correct(args: argparse.Namespace) -> int:
    changes: dict[str, str] = {}
    for item in args.set or []:
        name, sep, value = item.partition("=")
        if not sep:
            raise UsageError(_("Give each correction as FIELD=VALUE."))
        changes[name.strip()] = value
    with unlocked(args) as ws:
        changed = corrections.correct_person(ws, args.person, changes)
    if changed:
        print(_("Corrected: {fields}.").format(fields=", ".join(changed)))
    else:
        print(_("Nothing to correct: the values are already recorded."))
    return 0


def cmd_due(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        rows = retention.due_for_archive(ws, args.on)
    if args.json:
        print_json(
            [
                {
                    "family_id": r.family_id,
                    "case_number": r.case_number,
                    "closed_on": r.closed_on.isoformat(),
                    "retention_class": r.retention_class,
                    "leaves_active_use": r.leaves_on.isoformat(),
                    "retention_until": r.retention_until.isoformat() if r.retention_until else None,
                }
                for r in rows
            ]
        )
        return 0
    if not rows:
        print(_("No case is due for the archive."))
    for r in rows:
        print(
            _("{number}  closed {closed}  {cls}  due {due}  [{id}]").format(
                number=r.case_number,
                closed=fmt_date(r.closed_on),
                cls=r.retention_class,
                due=fmt_date(r.leaves_on),
                id=r.family_id,
            )
        )
    return 0


def cmd_archive(args: argparse.Namespace) -> int:
    package_passphrase = _package_passphrase(args)
    with unlocked(args) as ws:
        done = rodo_files.archive_case(ws, args.family, package_passphrase, args.output)
    print(
        ngettext(
            "Case {number} archived: {path}; handover protocol printed; {rows} record removed.",
            "Case {number} archived: {path}; handover protocol printed; {rows} records removed.",
            done.rows,
        ).format(number=done.case_number, path=done.package, rows=done.rows)
    )
    return 0


def _package_passphrase(args: argparse.Namespace) -> str:
    try:
        text = Path(args.package_passphrase_file).read_text(encoding="utf-8")
    except OSError as exc:
        raise FileProblem(_("The passphrase file cannot be read.")) from exc
    return text.splitlines()[0] if text else ""


def cmd_open_package(args: argparse.Namespace) -> int:
    contents = archive.read_package(args.package, _package_passphrase(args))
    if args.json:
        print_json(dataclasses.asdict(contents))
        return 1 if contents.problems else 0
    print(
        _(
            "Archive package of case {number}, handed over on {day} by {who} ({institution})."
        ).format(
            number=contents.case_number,
            day=contents.handed_on,
            who=contents.handed_by,
            institution=contents.institution,
        )
    )
    for tbl, n in contents.counts.items():
        print(f"    {table_label(tbl)}: {n}")
    print(
        ngettext(
            "{n} document matches its checksum.",
            "{n} documents match their checksums.",
            contents.documents,
        ).format(n=contents.documents)
    )
    print(
        ngettext(
            "{n} audit entry matches its hash.",
            "{n} audit entries match their hashes.",
            contents.audit_entries,
        ).format(n=contents.audit_entries)
    )
    for problem in contents.problems:
        print(problem, file=sys.stderr)
    if contents.problems:
        return 1
    print(_("The package is complete: everything in it checks out."))
    return 0


def cmd_register(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        rodo_files.write_register(ws, args.output, args.iod)
    print(_("Register entry written: {path}").format(path=args.output))
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        sel = audit_view.AuditSelection(
            family_id=args.family or "", person_id=args.person or "", kinds=tuple(args.kind or ())
        )
        rodo_files.write_audit_export(ws, sel, args.output)
    print(_("Audit log written: {path}").format(path=args.output))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rodo", help=_("RODO: erasure, a person's data, archiving, the register"))
    rsub = p.add_subparsers(dest="rodo_command", required=True)
    e = rsub.add_parser("erase", help=_("erase a case here and on every device that holds it"))
    e.add_argument("--family", help=_("the whole case"))
    e.add_argument("--person", help=_("one member of the family, not the whole case"))
    e.add_argument("--reason", required=True, choices=sorted(erasure.REASONS))
    e.add_argument("--yes", action="store_true", help=_("confirm: erasure cannot be undone"))
    e.set_defaults(func=cmd_erase)
    s = rsub.add_parser("erasures", help=_("erasures and the devices yet to confirm them"))
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_erasures)
    a = rsub.add_parser("access", help=_("a person's own data (art. 15 RODO) as PDF or JSON"))
    a.add_argument("--person", required=True)
    a.add_argument("--format", choices=["pdf", "json"], required=True)
    a.add_argument("-o", "--output", required=True)
    a.set_defaults(func=cmd_access)
    c = rsub.add_parser("correct", help=_("correct a person's data (art. 16 RODO)"))
    c.add_argument("--person", required=True)
    c.add_argument("--set", action="append", metavar="FIELD=VALUE", required=True)
    c.set_defaults(func=cmd_correct)
    d = rsub.add_parser("due", help=_("closed cases due for the archive (do archiwizacji)"))
    d.add_argument("--on", type=date.fromisoformat, default=None)
    d.add_argument("--json", action="store_true")
    d.set_defaults(func=cmd_due)
    ar = rsub.add_parser("archive", help=_("hand a case over to the archive and remove it"))
    ar.add_argument("--family", required=True)
    ar.add_argument("--package-passphrase-file", required=True)
    ar.add_argument("-o", "--output", required=True, help=_("folder for the package and protocol"))
    ar.set_defaults(func=cmd_archive)
    op = rsub.add_parser("open-package", help=_("open an archive package and check it whole"))
    op.add_argument("package")
    op.add_argument("--package-passphrase-file", required=True)
    op.add_argument("--json", action="store_true")
    op.set_defaults(func=cmd_open_package)
    rg = rsub.add_parser("register", help=_("the processing register entry (art. 30) as PDF"))
    rg.add_argument("--iod", help=_("record the IOD's contact first"))
    rg.add_argument("-o", "--output", required=True)
    rg.set_defaults(func=cmd_register)
    au = rsub.add_parser("audit", help=_("the audit log for an IOD, chain verified (JSON)"))
    au.add_argument("--family")
    au.add_argument("--person")
    au.add_argument("--kind", action="append", choices=sorted(audit_view.KINDS))
    au.add_argument("-o", "--output", required=True)
    au.set_defaults(func=cmd_audit)
    b = rsub.add_parser("basis", help=_("what case data the coordinator may receive"))
    b.add_argument("--set", choices=sorted(sharing.BASES))
    b.set_defaults(func=cmd_basis)
