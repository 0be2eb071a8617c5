"""Commands about the database itself: init, check, passwd, backup, restore."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from app.commands import db_path, read_passphrase, unlocked
from app.errors import UsageError
from app.i18n import _
from app.services import database, integrity, setup


def cmd_init(args: argparse.Namespace) -> int:
    passphrase = read_passphrase(args, confirm=True)
    ws = setup.initialize(
        db_path(args),
        passphrase,
        role=args.role,
        unit_code=args.unit,
        name=args.name,
        worker_name=args.worker or "",
    )
    print(_("Database created: {path}").format(path=ws.path))
    print(_("Device: {device}").format(device=ws.device_id))
    ws.lock()
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        report = integrity.full_check(ws)
    for line in report.lines():
        print(line)
    return 0 if report.ok else 6


def cmd_passwd(args: argparse.Namespace) -> int:
    old = read_passphrase(args)
    ws = setup.open_workspace(db_path(args), old)
    try:
        if getattr(args, "new_passphrase_file", None):
            new = read_passphrase(argparse.Namespace(passphrase_file=args.new_passphrase_file))
        elif os.environ.get("KOOPERACJA_NEW_PASSPHRASE"):
            new = os.environ["KOOPERACJA_NEW_PASSPHRASE"]
        elif sys.stdin.isatty():
            new = prompt_new_passphrase()
        else:
            raise UsageError(_("Give the new passphrase with --new-passphrase-file."))
        database.change_passphrase(ws, old, new)
    finally:
        ws.lock()
    print(_("Passphrase changed."))
    return 0


def prompt_new_passphrase() -> str:
    first = getpass.getpass(_("New passphrase: "))
    if getpass.getpass(_("Repeat the passphrase: ")) != first:
        raise UsageError(_("The two passphrases differ."))
    return first


def cmd_backup(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        out = database.write_backup(ws, args.out)
    print(_("Encrypted backup written: {path}").format(path=out))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    passphrase = read_passphrase(args)
    ws, kept = database.restore_backup(
        args.backup, db_path(args), passphrase, without_erasure_list=args.without_erasure_list
    )
    ws.lock()
    print(_("Database restored from the backup."))
    if kept:
        print(_("The previous database was kept as: {path}").format(path=kept))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help=_("create the encrypted database of this installation"))
    p.add_argument("--role", choices=["ops", "coordinator"], required=True)
    p.add_argument("--unit", required=True, help=_("TERYT code: gmina (OPS) or powiat"))
    p.add_argument("--name", required=True, help=_("name of your institution"))
    p.add_argument("--worker", help=_("your name (shown in the audit log and on forms)"))
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("check", help=_("check the database's integrity and audit log"))
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("passwd", help=_("change the passphrase"))
    p.add_argument("--new-passphrase-file", help=_("file holding the new passphrase"))
    p.set_defaults(func=cmd_passwd)

    p = sub.add_parser("backup", help=_("write an encrypted backup copy"))
    p.add_argument("out")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help=_("replace the database with a backup copy"))
    p.add_argument("backup")
    p.add_argument(
        "--without-erasure-list",
        action="store_true",
        help=_("the erasure list (.erasures) is lost: restore anyway (audited)"),
    )
    p.set_defaults(func=cmd_restore)
