"""The values handed along an import: what the read-only checks learnt (``Checked``, the input
of the write transaction in ``app.sync.apply``) and what the import reports (``ImportResult``),
with the user-facing texts of its warnings and of values replaced by another device's decision.

Kept apart from the write transaction so that the importer, ``sync status`` and the front ends
can use the result and its wording without the merge machinery.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.i18n import _, ngettext
from app.sync import conflict_sync
from app.sync.kinds import field_label, kind_label
from app.sync.validate import Incoming

WARNING_ROLLBACK = "rollback"
WARNING_AUDIT_FORK = "audit_fork"
WARNING_PEER_BACK = "peer_back"


def replaced_text(r: conflict_sync.Replaced) -> str:
    """What a worker is told when another device's decision replaced her value."""
    return _(
        "A conflict was decided on device {device}: {kind}, field {field} now has the value "
        "“{chosen}” instead of this device's “{mine}” (kooperacja sync conflicts --all)."
    ).format(
        device=r.device,
        kind=kind_label(r.tbl),
        field=field_label(r.field),
        chosen=_shown(r.chosen),
        mine=_shown(r.mine),
    )


def _shown(value: Any) -> str:
    if value is True:
        return _("deleted")
    if value is False:
        return _("not deleted")
    return "" if value is None else str(value)


def warning_text(code: str) -> str:
    """The user-facing text of a peer's warning flag (kept as a code in ``SyncPeer.warning``)."""
    if code == WARNING_ROLLBACK:
        return _(
            "The other device has bundles from this device that this database does not "
            "remember: it was restored from an older copy. Sync continues."
        )
    if code == WARNING_PEER_BACK:
        return _(
            "The other device's database went back to an older copy: it lacks changes and "
            "audit entries it had received from this device. They are sent to it again with "
            "the next bundle."
        )
    if code == WARNING_AUDIT_FORK:
        return _(
            "The sender's audit log differs from the copy received earlier: its database was "
            "restored from an old copy. The data were imported; check that device."
        )
    return code


@dataclass
class ImportResult:
    status: str  # "imported" | "duplicate"
    sender: str
    sender_name: str
    seq: int
    bundle_id: str
    records: int = 0
    changed: int = 0
    conflicts: int = 0
    audit_events: int = 0
    missing: list[int] = field(default_factory=list)
    acknowledged: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    replaced_values: list[conflict_sync.Replaced] = field(default_factory=list)

    @property
    def replaced(self) -> int:
        """Values of this device replaced by a decision made on another device."""
        return len(self.replaced_values)

    @property
    def sender_label(self) -> str:
        return f"{self.sender_name} [{self.sender}]" if self.sender_name else self.sender

    @property
    def message(self) -> str:
        if self.status == "duplicate":
            return _("Bundle {seq} from {sender} was already imported; nothing to do.").format(
                seq=self.seq, sender=self.sender_label
            )
        # Three counts, each with its own plural form, in one sentence.
        text = _("Bundle {seq} from {sender} imported: {records}, {changed}, {conflicts}.").format(
            seq=self.seq,
            sender=self.sender_label,
            records=ngettext("{n} record", "{n} records", self.records).format(n=self.records),
            changed=ngettext("{n} changed here", "{n} changed here", self.changed).format(
                n=self.changed
            ),
            conflicts=ngettext("{n} new conflict", "{n} new conflicts", self.conflicts).format(
                n=self.conflicts
            ),
        )
        return "\n".join([text, *self.gap_messages(), *self.replaced_messages(), *self.warnings])

    def replaced_messages(self) -> list[str]:
        return [replaced_text(r) for r in self.replaced_values]

    def gap_messages(self) -> list[str]:
        return [
            _("Bundle {seq} from {sender} has not arrived.").format(seq=n, sender=self.sender_label)
            for n in self.missing
        ]


@dataclass
class Checked:
    """Everything learnt by the read-only checks, handed to the write transaction."""

    manifest: dict[str, Any]
    manifest_hash: str
    sender: str
    sender_name: str
    signed_with_previous: bool
    records: list[Incoming]
    audit_events: list[dict[str, Any]]
    missing: list[int]
    rotation: tuple[bytes, str] | None  # the sender's newest key, from its rotation chain
    audit_forked: bool = False
    signer: tuple[bytes, str] | None = None  # the key that signed the manifest
    conflicts: list[conflict_sync.IncomingConflict] = field(default_factory=list)
    sender_restored: bool = False  # its audit events carry a restore of its database
