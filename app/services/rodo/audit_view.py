"""The audit log for an IOD (issue 14 §5): per case or per person, filtered by kind, exported
with its hash chain verified.

Kinds group the action codes of ``app.services.audit.ACTIONS``: ``view``, ``change``, ``print``,
``export``, ``bundle``, ``access`` (unlock and key events).  A person's log is their family's
(the family file is about every member) plus entries naming the person's own record.  The export
carries every entry's hash, previous hash and commitments, so the IOD can recompute the chain;
the verification this device made is in the file too, and the export is itself audited.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select

from app.errors import NotFound, ValidationError
from app.i18n import N_, _
from app.models import AuditEvent, Person
from app.services import audit
from app.services.audit_words import detail_label
from app.services.workspace import Workspace

KINDS: dict[str, tuple[str, frozenset[str]]] = {
    "view": (N_("views"), frozenset({"view"})),
    "change": (
        N_("changes"),
        frozenset(
            {
                "create",
                "update",
                "delete",
                "resolve",
                "conflict_closed",
                "clock_repair",
                "correct",
                "erase",
                "erase_confirm",
            }
        ),
    ),
    "print": (N_("prints"), frozenset({"print"})),
    "export": (N_("exports"), frozenset({"export", "import", "backup", "restore"})),
    "bundle": (N_("sync bundles"), frozenset({"sync_export", "sync_import", "share"})),
    "access": (
        N_("unlocks and keys"),
        frozenset(
            {
                "unlock",
                "unlock_failed",
                "passwd",
                "key_export",
                "key_import",
                "key_rotate",
                "key_revoke",
            }
        ),
    ),
}
FORMAT = "kooperacja-audit-export"


@dataclass(frozen=True)
class AuditSelection:
    family_id: str = ""
    person_id: str = ""
    kinds: tuple[str, ...] = ()


def _actions(kinds: tuple[str, ...]) -> set[str]:
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ValidationError(
            _("Unknown kind of event: {kind} (known: {known}).").format(
                kind=unknown[0], known=", ".join(KINDS)
            ),
            "kind",
        )
    return set().union(*(KINDS[k][1] for k in kinds)) if kinds else set()


def select_events(ws: Workspace, sel: AuditSelection) -> list[AuditEvent]:
    actions = _actions(sel.kinds)
    with ws.transaction() as s:
        q = select(AuditEvent)
        if sel.person_id:
            person = s.get(Person, sel.person_id)
            if person is None:
                raise NotFound(_("There is no such person."))
            q = q.where(
                or_(
                    AuditEvent.family_id == person.family_id,
                    AuditEvent.record_id == sel.person_id,
                )
            )
        elif sel.family_id:
            q = q.where(AuditEvent.family_id == sel.family_id)
        if actions:
            q = q.where(AuditEvent.action.in_(sorted(actions)))
        q = q.order_by(AuditEvent.at, AuditEvent.device_id, AuditEvent.seq)
        return list(s.scalars(q))


@dataclass(frozen=True)
class AuditView:
    rows: list[audit.AuditRow]  # newest first, at most ``limit``
    total: int  # entries matching the selection
    chain_problems: int  # 0: every chain on this device verifies


def view(ws: Workspace, sel: AuditSelection, limit: int = 500) -> AuditView:
    """The selected entries for the screen, newest first, and whether the chains verify."""
    events = select_events(ws, sel)
    with ws.transaction() as s:
        problems = audit.verify_chain(s)
    rows = [
        audit.AuditRow(
            e.at,
            e.actor,
            e.action,
            _(audit.ACTIONS.get(e.action, e.action)),
            e.entity,
            e.record_id,
            e.family_id,
            e.detail,
            e.device_id,
        )
        for e in reversed(events[-limit:])
    ]
    return AuditView(rows, len(events), len(problems))


def export_for_iod(ws: Workspace, sel: AuditSelection) -> bytes:
    """The selected entries and the verification of every chain, as JSON; audited."""
    events = select_events(ws, sel)
    with ws.transaction() as s:
        problems = audit.verify_chain(s)
        payload = {
            "format": FORMAT,
            "version": 1,
            "generated_on": date.today().isoformat(),
            "device_id": ws.device_id,
            "selection": {
                "family_id": sel.family_id,
                "person_id": sel.person_id,
                "kinds": list(sel.kinds),
            },
            "chain": {
                "verified": not problems,
                "problems": [
                    {"device_id": p.device_id, "seq": p.seq, "problem": p.problem} for p in problems
                ],
                "method": (
                    "hash = SHA-256 (hex) of the UTF-8 JSON of 'hashed' with sorted keys and "
                    "separators ',' ':'; 'prev_hash' is the previous entry's hash of the same "
                    "device; family_c/record_c = SHA-256 of '<nonce>:<id>' (blank nonce: the "
                    "ids were erased)"
                ),
            },
            "events": [
                {
                    "hashed": e.chain_fields(),
                    "action_label": _(audit.ACTIONS.get(e.action, e.action)),
                    "detail_label": detail_label(e.action, e.detail or ""),
                    "hash": e.hash,
                    "family_id": e.family_id,
                    "record_id": e.record_id,
                    "nonce": e.nonce,
                }
                for e in events
            ],
        }
        audit.record(
            s,
            "export",
            "audit_log",
            sel.person_id or sel.family_id,
            sel.family_id,
            detail=",".join(sel.kinds)[:200],
        )
    return (json.dumps(payload, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode()
