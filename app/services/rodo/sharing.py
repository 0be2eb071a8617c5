"""Consent gates sharing (issue 14 §1): what a bundle to the coordinator may carry.

Case data leave the OPS only for a recipient with a legal basis.  The OPS's settings say what the
coordinator's basis is (``BASIS_SETTING``):

* ``statute`` (what an OPS that has not chosen gets, as before this setting existed): every case
  of the gmina, the coordinator's basis being the law and the powiat's cooperation agreement;
* ``consent``: only families whose consent in force names the coordinator's institution
  (``basis.consenting_families``, the rule once) -- for an OPS whose agreement does not give
  the coordinator a basis of its own.

Everything else is withheld, and the worker sees how many families were withheld and why.  A
family the coordinator already holds whose consent was withdrawn or has expired still sends its
consent records (nothing else), so the coordinator learns of the withdrawal and stops sharing.

``stage`` puts the withheld families in a temporary table of the export's transaction (in
memory: SQLCipher keeps temporary storage in memory), which ``row_filter`` turns into a
condition on the sync layer's per-row family id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, column, insert, select, table, text
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import N_, _, ngettext
from app.models import (
    AuditEvent,
    Consent,
    ConsentRecipient,
    Device,
    Family,
    Setting,
    utcnow,
)
from app.models.sync_state import SyncBase, SyncSentRow
from app.services import audit
from app.services.rodo.basis import consenting_families, reason_for, reasons_text
from app.services.setup import home_institution_id
from app.services.workspace import Workspace

BASIS_SETTING = "rodo.coordinator_basis"
BASES: dict[str, str] = {
    "consent": N_("only families whose consent in force names the coordinator"),
    "statute": N_("every case of the gmina (a statutory basis recorded by the OPS)"),
}
DEFAULT_BASIS = "statute"
NOTIFY_TABLES = frozenset({Consent.__tablename__, ConsentRecipient.__tablename__})
_WITHHELD = table("rodo_withheld", column("family_id"), column("notify"))


@dataclass
class SharingGate:
    """The families withheld from one bundle, by reason, and which may still send consents."""

    reasons: dict[str, str] = field(default_factory=dict)  # family id -> reason code
    notify: set[str] = field(default_factory=set)

    @property
    def active(self) -> bool:
        return bool(self.reasons)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for reason in self.reasons.values():
            out[reason] = out.get(reason, 0) + 1
        return out


def coordinator_basis(s: Session) -> str:
    row = s.get(Setting, BASIS_SETTING)
    return row.value if row is not None and row.value in BASES else DEFAULT_BASIS


def set_coordinator_basis(s: Session, basis: str) -> None:
    if basis not in BASES:
        raise ValidationError(
            _("The coordinator's basis must be one of: {choices}.").format(
                choices=", ".join(BASES)
            ),
            "basis",
        )
    s.merge(Setting(key=BASIS_SETTING, value=basis))


def withheld_for(s: Session, me: Device, peer: Device, on: date | None = None) -> SharingGate:
    """What a bundle from this device to ``peer`` must not carry."""
    gate = SharingGate()
    if me.role != "ops" or peer.role != "coordinator" or coordinator_basis(s) == "statute":
        return gate
    on = on or date.today()
    institution = home_institution_id("coordinator", peer.unit_code)
    allowed = consenting_families(s, institution, on)
    held = set(
        s.scalars(
            select(SyncBase.row_id).where(
                SyncBase.peer == peer.device_id, SyncBase.tbl == Family.__tablename__
            )
        )
    ) | set(
        s.scalars(
            select(SyncSentRow.row_id).where(
                SyncSentRow.peer == peer.device_id, SyncSentRow.tbl == Family.__tablename__
            )
        )
    )
    for family_id in s.scalars(select(Family.id)):
        if family_id in allowed:
            continue
        gate.reasons[family_id] = reason_for(s, family_id, institution, on)
        if family_id in held:
            gate.notify.add(family_id)
    return gate


def stage(s: Session, gate: SharingGate) -> None:
    """Put the gate's families into the transaction's temporary table."""
    s.execute(
        text(
            "CREATE TEMP TABLE IF NOT EXISTS rodo_withheld "
            "(family_id TEXT PRIMARY KEY, notify INTEGER NOT NULL)"
        )
    )
    s.execute(text("DELETE FROM rodo_withheld"))
    rows = [{"family_id": f, "notify": int(f in gate.notify)} for f in gate.reasons]
    for i in range(0, len(rows), 5000):
        s.execute(insert(_WITHHELD), rows[i : i + 5000])


def row_filter(tbl: str, family_id: ColumnElement) -> ColumnElement:
    """The condition a case row of ``tbl`` (its family id given) must meet to be sent."""
    if tbl in NOTIFY_TABLES:
        blocked = select(_WITHHELD.c.family_id).where(_WITHHELD.c.notify == 0)
    else:
        blocked = select(_WITHHELD.c.family_id)
    return family_id.not_in(blocked)


def withheld_message(counts: dict[str, int]) -> str:
    """ "Withheld: N families (reason: n, …)" for the worker, or "" when nothing was withheld."""
    total = sum(counts.values())
    if not total:
        return ""
    parts = reasons_text(counts)
    return ngettext(
        "Withheld from this bundle (no legal basis to share): {n} family ({parts}).",
        "Withheld from this bundle (no legal basis to share): {n} families ({parts}).",
        total,
    ).format(n=total, parts=parts)


def get_basis(ws: Workspace) -> str:
    with ws.transaction() as s:
        return coordinator_basis(s)


def basis_state(ws: Workspace) -> tuple[str, bool]:
    """The basis bundles go by, and whether the OPS chose it (else it is ``DEFAULT_BASIS``)."""
    with ws.transaction() as s:
        row = s.get(Setting, BASIS_SETTING)
        return coordinator_basis(s), row is not None and row.value in BASES


def set_basis(ws: Workspace, basis: str) -> None:
    """Record the coordinator's basis (a decision of the OPS; audited)."""
    with ws.transaction() as s:
        set_coordinator_basis(s, basis)
        audit.record(s, "update", "setting", BASIS_SETTING, detail=basis)


def withdrawals_in(s: Session, records: list[Any]) -> int:
    """How many incoming consents are withdrawn that were not withdrawn here (receiver side)."""
    count = 0
    for item in records:
        if item.tbl != Consent.__tablename__:
            continue
        record = item.state.record
        if not record.get("withdrawn_on"):
            continue
        local = s.get(Consent, record["id"])
        if local is None or local.withdrawn_on is None:
            count += 1
    return count


def record_shared(s: Session, bundle_id: str, peer_id: str, families: set[str]) -> int:
    """A "share" audit event for each family a bundle carried (the recipients of art. 15),
    once per family, recipient and calendar month (UTC): the first bundle of the month that
    carries the family.  One per bundle wrote 26,000 entries a year for a gmina of 500 families
    sending weekly (``bench/audit_growth.py``), each one travelling to the coordinator too; the
    subject-access report lists recipients, and finds every one of them either way.

    ``families``: the family ids of the case rows the bundle carried (the export has them from
    each row's sync state)."""
    families = families - {""}
    if not families:
        return 0
    now = utcnow()
    month = datetime(now.year, now.month, 1, tzinfo=UTC)
    already = set(
        s.scalars(
            select(AuditEvent.family_id).where(
                AuditEvent.device_id == s.info["workspace"].device_id,
                AuditEvent.action == "share",
                AuditEvent.detail == peer_id,
                AuditEvent.at >= month,
                AuditEvent.at < _next_month(month),
            )
        )
    )
    fresh = sorted(families - already)
    audit.record_many(s, "share", "bundle", bundle_id, fresh, detail=peer_id)
    return len(fresh)


def _next_month(month: datetime) -> datetime:
    return month.replace(year=month.year + month.month // 12, month=month.month % 12 + 1)
