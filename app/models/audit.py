"""The audit log: who did what to which record, hash-chained per device.

Entries hold ids and action names only, never the values viewed or changed.  Each device keeps its
own chain (``seq`` 1, 2, 3 … with ``prev_hash``); editing or removing an entry breaks the chain and
``app.services.audit.verify_chain`` reports where.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, new_id, utcnow


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

    def chain_fields(self) -> dict[str, object]:
        """The fields the hash covers, in a fixed shape (see ``app.services.audit``)."""
        return {
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
