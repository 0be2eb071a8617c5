"""The audit log: who did what to which record, hash-chained per device.

Entries hold ids and action names only, never the values viewed or changed.  Each device keeps its
own chain (``seq`` 1, 2, 3 … with ``prev_hash``); editing or removing an entry breaks the chain and
``app.services.audit.verify_chain`` reports where.  An erasure redacts the ids of its case's
entries without breaking the chain (see ``chain_fields`` and ``app.services.audit.redact``).
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, new_id, utcnow


def commit(value: str, nonce: str) -> str:
    """A hiding commitment to an id: without the nonce it reveals nothing and links nothing."""
    return hashlib.sha256(f"{nonce}:{value}".encode()).hexdigest()


class AuditEvent(Base):
    __tablename__ = "audit_event"
    __synced__ = True
    __table_args__ = (UniqueConstraint("device_id", "seq"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    device_id: Mapped[str] = mapped_column(String(32), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(32), index=True)
    entity: Mapped[str] = mapped_column(String(40), default="")
    record_id: Mapped[str] = mapped_column(String(64), default="")
    family_id: Mapped[str] = mapped_column(String(36), default="", index=True)
    detail: Mapped[str] = mapped_column(String(200), default="")
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64), default="")
    # Chain v2 (migration 0004): the hash covers commitments to the ids, not the ids, so an
    # erasure can blank ``family_id``/``record_id`` and the nonce and the chain still verifies.
    nonce: Mapped[str] = mapped_column(String(32), default="", server_default="")
    family_c: Mapped[str] = mapped_column(String(64), default="", server_default="")
    record_c: Mapped[str] = mapped_column(String(64), default="", server_default="")

    def chain_fields(self) -> dict[str, object]:
        """The fields the hash covers, in a fixed shape (see ``app.services.audit``).

        Version 1 entries (written before migration 0004) cover the ids themselves; version 2
        entries cover ``family_c``/``record_c``, salted digests of the ids (see ``commit``).
        """
        fields: dict[str, object] = {
            "id": self.id,
            "device_id": self.device_id,
            "seq": self.seq,
            "at": self.at.strftime("%Y-%m-%dT%H:%M:%SZ") if self.at else "",
            "actor": self.actor,
            "action": self.action,
            "entity": self.entity,
            "record_id": self.record_id,
            "family_id": self.family_id,
            "detail": self.detail,
            "prev_hash": self.prev_hash,
        }
        if self.family_c:
            del fields["family_id"], fields["record_id"]
            fields["family_c"], fields["record_c"] = self.family_c, self.record_c
        return fields
