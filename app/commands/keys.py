"""``kooperacja keys …``: this device's keys, key cards, the peer registry, rotation, revocation."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from app.commands import print_json, read_passphrase, unlocked
from app.config import atomic_write_bytes
from app.errors import UsageError
from app.i18n import _
from app.models.enums import Role
from app.printing.keycard import save_card
from app.services import reference
from app.sync import identity


def _role_label(value: str) -> str:
    """The role as the user reads it ("OPS", "koordynator"), the code only if unknown."""
    try:
        return Role(value).label
    except ValueError:
        return value


def _confirm(question: str, assume_yes: bool) -> None:
    if assume_yes:
        return
    if not sys.stdin.isatty():
        raise UsageError(_("Confirmation needed: run the command in a terminal or add --yes."))
    answer = input(question + " [t/N] ").strip().casefold()
    if answer not in ("t", "tak", "y", "yes"):
        raise UsageError(_("Cancelled; nothing was changed."))


def cmd_show(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        info = identity.show(ws)
    if args.json:
        print_json(info.as_json())
        return 0
    print(_("Device: {device}").format(device=info.device_id))
    print(_("Role: {role}").format(role=_role_label(info.role)))
    print(_("Unit: {unit}").format(unit=info.unit_code))
    print(_("Institution: {name}").format(name=info.name))
    print(_("Fingerprint: {fp}").format(fp=info.fingerprint))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        peers = identity.peers(ws)
        names = reference.gmina_names(ws, {p.unit_code for p in peers})
    if args.json:
        print_json([p.as_json() | {"unit_name": names.get(p.unit_code, "")} for p in peers])
        return 0
    if not peers:
        print(_("No devices registered yet."))
    for p in peers:
        state = _("revoked") if p.revoked else ""
        unit = f"{names.get(p.unit_code, '')} ({p.unit_code})".strip()
        print(f"{unit:<28} {p.device_id:<18} {p.fingerprint}  {p.name} {state}".rstrip())
    return 0


def cmd_export_card(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        out = save_card(ws, args.output)
        printable = save_card(ws, args.pdf, pdf=True) if args.pdf else None
        fingerprint = identity.show(ws).fingerprint
    print(_("Key card written: {path}").format(path=out))
    if printable is not None:
        print(_("Printable key card written: {path}").format(path=printable))
    print(_("Fingerprint: {fp}").format(fp=fingerprint))
    return 0


def cmd_import_card(args: argparse.Namespace) -> int:
    card = identity.read_card_file(args.file)
    with unlocked(args) as ws:
        print(_("Device: {device}").format(device=card.device_id))
        print(_("Role: {role}").format(role=_role_label(card.role)))
        print(_("Unit: {unit}").format(unit=card.unit_code))
        print(_("Institution: {name}").format(name=card.name))
        print(_("Worker: {name}").format(name=card.worker_name))
        print(_("Fingerprint: {fp}").format(fp=card.fingerprint))
        _confirm(_("Does this fingerprint match the one its owner gave you?"), args.yes)
        outcome = identity.register_card(ws, card)
    if outcome == "unchanged":
        print(_("This device was already registered with this key."))
    else:
        print(_("Device registered."))
    return 0


def cmd_export_identity(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        if sys.stdin.isatty() and not args.passphrase_file:
            again = getpass.getpass(_("Type the passphrase again to export the secret key: "))
        else:
            again = read_passphrase(args)
        text = identity.export_identity(ws, again)
    atomic_write_bytes(Path(args.output), text.encode("ascii"), mode=0o600)
    print(_("Secret age identity written: {path}").format(path=args.output))
    print(
        _(
            "Keep it like the passphrase: whoever has it can open bundles sent to this device. "
            "Open a bundle with: age -d -i {path} FILE.kbundle"
        ).format(path=args.output)
    )
    return 0


def cmd_rotate(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        _confirm(_("Replace this device's keys?"), args.yes)
        info = identity.rotate(ws)
    print(_("New keys made; peers learn them from the next bundles."))
    print(_("Fingerprint: {fp}").format(fp=info.fingerprint))
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        _confirm(_("Revoke this device? Its bundles will be refused."), args.yes)
        info = identity.revoke(ws, args.device)
    print(_("Device {device} revoked.").format(device=info.device_id))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("keys", help=_("device keys and the registry of other devices"))
    ksub = p.add_subparsers(dest="keys_command", required=True)

    k = ksub.add_parser("show", help=_("this device's id, role, unit and key fingerprint"))
    k.add_argument("--json", action="store_true", help=_("print JSON"))
    k.set_defaults(func=cmd_show)

    k = ksub.add_parser("list", help=_("registered devices, by unit"))
    k.add_argument("--json", action="store_true", help=_("print JSON"))
    k.set_defaults(func=cmd_list)

    k = ksub.add_parser("export-card", help=_("write this device's public key card"))
    k.add_argument("-o", "--output", required=True, help=_("file (.json card, or .pdf)"))
    k.add_argument("--pdf", help=_("also write the printable card to this PDF file"))
    k.set_defaults(func=cmd_export_card)

    k = ksub.add_parser("import-card", help=_("register another device from its key card"))
    k.add_argument("file")
    k.add_argument("--yes", action="store_true", help=_("the fingerprint was confirmed"))
    k.set_defaults(func=cmd_import_card)

    k = ksub.add_parser(
        "export-identity", help=_("write the secret age identity (for the age tool)")
    )
    k.add_argument("-o", "--output", required=True)
    k.set_defaults(func=cmd_export_identity)

    k = ksub.add_parser("rotate", help=_("replace this device's keys"))
    k.add_argument("--yes", action="store_true")
    k.set_defaults(func=cmd_rotate)

    k = ksub.add_parser("revoke", help=_("revoke a lost or stolen device"))
    k.add_argument("device", help=_("device id or unique name"))
    k.add_argument("--yes", action="store_true")
    k.set_defaults(func=cmd_revoke)
