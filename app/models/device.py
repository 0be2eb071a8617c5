"""Local-only tables: this installation's device identity, settings, drafts and peers.

Nothing here is synchronised as data.  The private keys live only in this table, inside the
encrypted database; they are never dumped or exported except through the guarded key commands.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class Device(Base):
    """This installation (exactly one row with ``is_self``) and the peers it knows."""

    __tablename__ = "device"
    device_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    is_self: Mapped[bool] = mapped_column(Boolean, default=False)
    role: Mapped[str] = mapped_column(String(16))  # Role
    unit_code: Mapped[str] = mapped_column(String(7))  # TERC gmina (OPS) or powiat (coordinator)
    name: Mapped[str] = mapped_column(String(200))  # institution / installation name
    worker_name: Mapped[str] = mapped_column(String(200), default="")
    signing_public: Mapped[bytes] = mapped_column(LargeBinary, default=b"")
    signing_private: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    age_recipient: Mapped[str] = mapped_column(String(100), default="")
    age_identity: Mapped[str | None] = mapped_column(String(120), nullable=True)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    registered_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_clock: Mapped[str] = mapped_column(String(48), default="")


class Setting(Base):
    """Preferences that belong to the database (not to the OS user): OPS address, retention…"""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class Draft(Base):
    """An autosaved, unsaved form (JSON of the form's fields), kept encrypted in the database."""

    __tablename__ = "draft"
    form_key: Mapped[str] = mapped_column(String(120), primary_key=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    payload: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)
    revision: Mapped[int] = mapped_column(Integer, default=0)
