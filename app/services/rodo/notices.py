"""Erasure notices and receipts arriving in a sync bundle (the hook of ``app.sync.apply``).

Before the bundle's records are merged, ``gate``:

1. checks every erasure notice the bundle carries: signed by its origin device (or relayed by
   the coordinator when this device does not know the origin), and issued by a device that may
   erase the case (the coordinator, or the OPS of the family's gmina).  A notice that fails is
   dropped and counted, never applied;
2. applies each valid notice not applied here yet: the case is erased (``erase_rows``) and this
   device signs an ``ErasureReceipt`` naming the further devices it knew held the case;
3. drops every incoming record of an erased row or family (a stale bundle made before the other
   device learnt of the erasure must not bring the case back), and receipts with a bad signature.

It runs inside the import's transaction, so a refused bundle applies nothing.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import ngettext
from app.models import Device, ErasedRow, ErasureNotice, ErasureReceipt, Family, utcnow
from app.services import audit
from app.services.rodo import member, sharing
from app.services.rodo.erasure import (
    digest,
    erase_rows,
    holders_of,
    notice_message,
    receipt_message,
    sign,
    verify,
)
from app.services.workspace import Workspace

RECEIPT_NAMESPACE = uuid.UUID("4b1f0e8a-6c2d-4f0e-9a51-7d3c2b9e8f10")
_CHUNK = 500


class _Incoming(Protocol):
    tbl: str

    @property
    def state(self) -> Any: ...


_R = TypeVar("_R", bound=_Incoming)


@dataclass
class GateResult:
    applied: list[str] = field(default_factory=list)  # erasure ids applied here
    # what the applied notices did here (the worker is told only what really happened)
    erased_cases: int = 0
    erased_members: int = 0
    erased_again: int = 0  # this device's own erasures, on a copy that came back from a backup
    not_held: int = 0  # recorded and confirmed: this device held none of that data
    refused_notices: int = 0
    dropped_records: int = 0
    withdrawn_consents: int = 0


def receipt_id(erasure_id: str, device_id: str) -> str:
    return str(uuid.uuid5(RECEIPT_NAMESPACE, f"{erasure_id}:{device_id}"))


def _applied_here(s: Session, ws: Workspace, notice_id: str, origin: str) -> bool:
    if origin == ws.device_id:
        # This device's own erasure: applied unless its database went back to a copy made
        # before it (a backup restored without the erasure list), which lacks the notice.
        return s.get(ErasureNotice, notice_id) is not None
    return s.get(ErasureReceipt, receipt_id(notice_id, ws.device_id)) is not None


def _signed_ok(
    s: Session, record: dict[str, Any], device_field: str, message: bytes, sender_role: str
) -> bool:
    device = s.get(Device, record[device_field])
    if device is None or not device.signing_public:
        return sender_role == "coordinator"  # relayed by the coordinator we trust
    if device.revoked:
        return False
    return verify(device.signing_public, record.get("signature") or "", message)


def _may_erase(s: Session, origin: str, family: Family) -> bool:
    device = s.get(Device, origin)
    if device is None:
        return True  # unknown here: only accepted when relayed by the coordinator
    return device.role == "coordinator" or (
        device.role == "ops" and device.unit_code == family.gmina_code
    )


def gate(
    s: Session,
    ws: Workspace,
    sender: str,
    sender_role: str,
    records: list[_R],
    events: list[dict[str, Any]] | None = None,
) -> tuple[list[_R], GateResult]:
    result = GateResult()
    kept: list[_R] = []
    notices = [r for r in records if r.tbl == "erasure_notice"]
    families: dict[str, str] | None = None
    refused: set[int] = set()
    for item in notices:
        record = item.state.record
        try:
            message = notice_message(record)
        except (KeyError, TypeError):
            refused.add(id(item))
            continue
        if not _signed_ok(s, record, "origin", message, sender_role):
            refused.add(id(item))
            continue
        if _applied_here(s, ws, record["id"], record["origin"]):
            continue
        if families is None:
            families = {digest(f): f for f in s.scalars(select(Family.id))}
        family_id = families.get(record["family_digest"])
        forwarded: set[str] = set()
        held = False
        if family_id is not None:
            family = s.get(Family, family_id)
            assert family is not None
            if not _may_erase(s, record["origin"], family):
                refused.add(id(item))
                continue
            forwarded = holders_of(s, family_id) - {sender, record["origin"], ws.device_id}
            s.expunge(family)
            if record.get("person_digest"):  # one member, not the case
                person_id = member.person_by_digest(s, family_id, record["person_digest"])
                if person_id is not None:
                    member.erase_member_rows(s, person_id, record["id"])
                    held = True
            else:
                erase_rows(s, family_id, record["id"])
                held = True
        own = record["origin"] == ws.device_id
        if not own:  # the origin confirms nothing to itself
            _write_receipt(s, ws, record["id"], sorted(forwarded))
        _count(result, held=held, own=own, member=bool(record.get("person_digest")))
        audit.record(s, "erase_confirm", "erasure", record["id"], detail=record.get("reason", ""))
        result.applied.append(record["id"])
    result.refused_notices = len(refused)
    result.withdrawn_consents = sharing.withdrawals_in(s, records)
    refs, erased = _erased_digests(s, records)
    for n, item in enumerate(records):
        if id(item) in refused:
            continue
        record = item.state.record
        if item.tbl == "erasure_receipt":
            if not _signed_ok(s, record, "device_id", receipt_message(record), sender_role):
                continue
        elif item.tbl != "erasure_notice" and erased and refs[n] & erased:
            result.dropped_records += 1
            continue
        kept.append(item)
    _redact_events(s, events or [])
    return kept, result


def _count(result: GateResult, *, held: bool, own: bool, member: bool) -> None:
    if not held:
        result.not_held += not own  # an own notice not held: nothing to tell
    elif own:
        result.erased_again += 1
    elif member:
        result.erased_members += 1
    else:
        result.erased_cases += 1


def _redact_events(s: Session, events: list[dict[str, Any]]) -> None:
    """The sender's audit entries about a case erased here arrive with their ids blanked.

    The sender may not have learnt of the erasure yet; blanking here is exactly what it will do
    on its own copy (``audit.redact``), so the hashes stay the same on both devices.
    """
    wanted = sorted({digest(e[k]) for e in events for k in ("family_id", "record_id") if e.get(k)})
    erased: set[str] = set()
    for i in range(0, len(wanted), _CHUNK):
        chunk = wanted[i : i + _CHUNK]
        erased |= set(s.scalars(select(ErasedRow.digest).where(ErasedRow.digest.in_(chunk))))
    if not erased:
        return
    for e in events:
        ids = [e.get("family_id") or "", e.get("record_id") or ""]
        if any(i and digest(i) in erased for i in ids):
            e["family_id"] = e["record_id"] = ""
            e["nonce"] = "" if e.get("family_c") else audit.REDACTED_V1


def _refers_to(record: dict[str, Any], cache: dict[str, str]) -> set[str]:
    """Digests of the ids a record holds or points at (``cache``: id -> digest, since many
    records share a family's or a parent's id)."""
    out: set[str] = set()
    for k, v in record.items():
        if (k == "id" or k.endswith("_id")) and isinstance(v, str) and v:
            d = cache.get(v)
            if d is None:
                d = cache[v] = digest(v)
            out.add(d)
    return out


def _erased_digests(s: Session, records: Sequence[_Incoming]) -> tuple[list[set[str]], set[str]]:
    """Each record's id digests (in order) and those of them on the erased-row list.

    With nothing ever erased here there is nothing to match: the digests are not computed."""
    if s.scalar(select(ErasedRow.digest).limit(1)) is None:
        return [set() for _ in records], set()
    cache: dict[str, str] = {}
    refs = [_refers_to(item.state.record, cache) for item in records]
    wanted = sorted(set(cache.values()))
    found: set[str] = set()
    for i in range(0, len(wanted), _CHUNK):
        chunk = wanted[i : i + _CHUNK]
        found |= set(s.scalars(select(ErasedRow.digest).where(ErasedRow.digest.in_(chunk))))
    return refs, found


def _write_receipt(s: Session, ws: Workspace, erasure_id: str, forwarded: list[str]) -> None:
    """This device's signed confirmation (stamped here: the import switches stamping off)."""
    rid = receipt_id(erasure_id, ws.device_id)
    at = utcnow()
    record = {
        "id": rid,
        "erasure_id": erasure_id,
        "device_id": ws.device_id,
        "confirmed_at": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "forwarded_to": json.dumps(forwarded),
    }
    receipt = ErasureReceipt(
        id=rid,
        erasure_id=erasure_id,
        device_id=ws.device_id,
        confirmed_at=at,
        forwarded_to=record["forwarded_to"],
        signature=sign(s, receipt_message(record)),
        version=ws.clock.tick(),
        origin_device=ws.device_id,
    )
    s.add(receipt)


def messages(result: GateResult) -> list[str]:
    """What the worker is told about the erasures a bundle carried."""
    out: list[str] = []
    if n := result.erased_cases:
        out.append(
            ngettext(
                "{n} case was erased here as the sender asked; a receipt goes back with the "
                "next bundle.",
                "{n} cases were erased here as the sender asked; receipts go back with the "
                "next bundle.",
                n,
            ).format(n=n)
        )
    if n := result.erased_members:
        out.append(
            ngettext(
                "The data of {n} person were erased here as the sender asked; a receipt goes "
                "back with the next bundle.",
                "The data of {n} persons were erased here as the sender asked; receipts go "
                "back with the next bundle.",
                n,
            ).format(n=n)
        )
    if n := result.not_held:
        out.append(
            ngettext(
                "{n} erasure notice was recorded about data this computer did not hold; a "
                "receipt goes back with the next bundle.",
                "{n} erasure notices were recorded about data this computer did not hold; "
                "receipts go back with the next bundle.",
                n,
            ).format(n=n)
        )
    if n := result.erased_again:
        out.append(
            ngettext(
                "{n} case erased on this computer earlier was erased again: this copy came "
                "from a backup made before the erasure.",
                "{n} cases erased on this computer earlier were erased again: this copy came "
                "from a backup made before the erasures.",
                n,
            ).format(n=n)
        )
    if result.refused_notices:
        n = result.refused_notices
        out.append(
            ngettext(
                "{n} erasure notice was refused: its signature or its issuer is not valid.",
                "{n} erasure notices were refused: their signature or issuer is not valid.",
                n,
            ).format(n=n)
        )
    if result.withdrawn_consents:
        n = result.withdrawn_consents
        out.append(
            ngettext(
                "{n} consent was withdrawn: do not share that family's data any further.",
                "{n} consents were withdrawn: do not share those families' data any further.",
                n,
            ).format(n=n)
        )
    if result.dropped_records:
        n = result.dropped_records
        out.append(
            ngettext(
                "{n} record of an erased case was not imported.",
                "{n} records of erased cases were not imported.",
                n,
            ).format(n=n)
        )
    return out
