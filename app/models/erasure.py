"""Erasure (art. 17 RODO) that reaches every copy: notices, receipts and the erased-row list.

* ``ErasureNotice``: one erasure of one case, signed by the device that erased it first.  It
  holds no identifier of the case, only a digest of the family's id (``app.services.erasure``
  ``digest``), so it can travel to every device and outlive the data.
* ``ErasureReceipt``: a device's signed confirmation that it applied a notice, and the further
  devices it knew held the case (which the originating worker then also waits for).
* ``ErasedRow`` (local, never synchronised): digests of every erased row's id, so a stale bundle
  or an old backup cannot bring a row back.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, SyncMixin, utcnow


class ErasureNotice(SyncMixin, Base):
    __tablename__ = "erasure_notice"

    family_digest: Mapped[str] = mapped_column(String(64), index=True)
    # Set when one member of the family is erased, not the whole case (migration 0006).
    person_digest: Mapped[str] = mapped_column(String(64), default="", server_default="")
    origin: Mapped[str] = mapped_column(String(32))  # device that erased the case first
    erased_at: Mapped[datetime] = mapped_column(default=utcnow)
    reason: Mapped[str] = mapped_column(String(32), default="")  # ErasureReason code
    holders: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of device ids
    signature: Mapped[str] = mapped_column(String(128), default="")  # Ed25519, hex


class ErasureReceipt(SyncMixin, Base):
    __tablename__ = "erasure_receipt"

    erasure_id: Mapped[str] = mapped_column(String(36), index=True)
    device_id: Mapped[str] = mapped_column(String(32))
    confirmed_at: Mapped[datetime] = mapped_column(default=utcnow)
    forwarded_to: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of device ids
    signature: Mapped[str] = mapped_column(String(128), default="")


class ErasedRow(Base):
    __tablename__ = "erased_row"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    erasure_id: Mapped[str] = mapped_column(String(36), index=True)
