"""Local bookkeeping of synchronisation (never synchronised itself, never in ``dump``).

* ``SyncPeer``: per registered peer, the sequence counters both ways, the hash chain of bundles,
  acknowledgements, gaps, key-rotation state.
* ``SyncReceived`` / ``SyncSent``: every bundle imported / exported (bundle ids make a re-import a
  no-op; the sent log turns receipts into "which bundles arrived").
* ``SyncRow``: this device's sync state of every synchronised row: a digest of each field's value
  as last seen by the sync layer (to find which fields a local edit changed), each field's
  hybrid-logical-clock stamp and the row's version vector (what writes it incorporates).
* ``SyncBase``: per peer and row, the version vector the peer is known to hold (the base of the
  three-way merge and of "what does this peer still need").
* ``SyncSentRow``: what each unacknowledged bundle carried, moved into ``SyncBase`` on receipt.
* ``SyncConflict``: the conflict inbox: both values of a field edited on two devices.
* ``SyncKey``: this device's retired keys, kept to sign key-rotation announcements and to open
  bundles still encrypted to the old key.

See ``docs/bundle-format.md`` and ``app/sync``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class SyncPeer(Base):
    __tablename__ = "sync_peer"

    device_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    out_seq: Mapped[int] = mapped_column(Integer, default=0)  # last sequence number sent
    out_hash: Mapped[str] = mapped_column(String(64), default="")  # its manifest hash
    out_at: Mapped[datetime | None]
    acked_seq: Mapped[int] = mapped_column(Integer, default=0)  # highest of ours acknowledged
    acked_at: Mapped[datetime | None]
    audit_acked: Mapped[int] = mapped_column(Integer, default=0)  # our audit seq the peer holds
    in_seq: Mapped[int] = mapped_column(Integer, default=0)  # last sequence number imported
    in_hash: Mapped[str] = mapped_column(String(64), default="")
    in_at: Mapped[datetime | None]
    missing: Mapped[str] = mapped_column(Text, default="")  # JSON list of seqs never received
    announce_key_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    prev_signing_public: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    prev_age_recipient: Mapped[str] = mapped_column(String(100), default="")
    # the newest ``SyncConflict.rev`` the peer holds (from its receipts): conflicts changed
    # after it travel in the next bundle
    conflicts_acked: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_offer: Mapped[str] = mapped_column(String(64), default="")
    warning: Mapped[str] = mapped_column(String(200), default="")


class SyncReceived(Base):
    __tablename__ = "sync_received"

    bundle_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sender: Mapped[str] = mapped_column(String(32), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    manifest_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    records: Mapped[int] = mapped_column(Integer, default=0)
    conflicts: Mapped[int] = mapped_column(Integer, default=0)
    full: Mapped[bool] = mapped_column(Boolean, default=False)


class SyncSent(Base):
    __tablename__ = "sync_sent"

    peer: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    bundle_id: Mapped[str] = mapped_column(String(36))
    manifest_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    records: Mapped[int] = mapped_column(Integer, default=0)
    full: Mapped[bool] = mapped_column(Boolean, default=False)
    audit_seq: Mapped[int] = mapped_column(Integer, default=0)
    acks_through: Mapped[int] = mapped_column(Integer, default=0)  # newest receipt it carried
    announces_key: Mapped[bool] = mapped_column(Boolean, default=False)
    conflict_rev: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    acked_at: Mapped[datetime | None]
    ack_records: Mapped[int | None] = mapped_column(Integer, nullable=True)
    ack_conflicts: Mapped[int | None] = mapped_column(Integer, nullable=True)


class SyncSentRow(Base):
    __tablename__ = "sync_sent_row"

    peer: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    tbl: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    vv: Mapped[str] = mapped_column(Text)


class SyncRow(Base):
    __tablename__ = "sync_row"
    __table_args__ = (Index("ix_sync_row_family_id", "family_id"),)

    tbl: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[str] = mapped_column(String(48))
    family_id: Mapped[str] = mapped_column(String(36), default="")
    shadow: Mapped[str] = mapped_column(Text)  # JSON {field: value or digest}
    stamps: Mapped[str] = mapped_column(Text)  # JSON {field: stamp} where it differs from version
    vv: Mapped[str] = mapped_column(Text)  # JSON list of stamps, one per device


class SyncBase(Base):
    __tablename__ = "sync_base"

    peer: Mapped[str] = mapped_column(String(32), primary_key=True)
    tbl: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    vv: Mapped[str] = mapped_column(Text)


class SyncConflict(Base):
    __tablename__ = "sync_conflict"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    tbl: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    family_id: Mapped[str] = mapped_column(String(36), default="")
    field: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(12), default="field")  # field | delete
    detail: Mapped[str] = mapped_column(String(500), default="")  # e.g. fields edited
    mine: Mapped[str] = mapped_column(Text)  # JSON value
    mine_stamp: Mapped[str] = mapped_column(String(48))
    theirs: Mapped[str] = mapped_column(Text)
    theirs_stamp: Mapped[str] = mapped_column(String(48))
    peer: Mapped[str] = mapped_column(String(32), default="")
    bundle_id: Mapped[str] = mapped_column(String(36), default="")
    detected_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    resolution: Mapped[str] = mapped_column(String(10), default="")  # mine | theirs
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[str] = mapped_column(String(200), default="")
    # Conflicts replicate (``app.sync.conflict_sync``): the stamp of the side taken, the stamp
    # of the write that took it (the resolution's own stamp, whoever made it), a local change
    # counter that sends the entry again to every peer, and the notice that a resolution made
    # on another device replaced this device's own value.
    chosen_stamp: Mapped[str] = mapped_column(String(48), default="", server_default="")
    resolved_stamp: Mapped[str] = mapped_column(String(48), default="", server_default="")
    rev: Mapped[int] = mapped_column(Integer, default=0, server_default="0", index=True)
    replaced: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    replaced_seen: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")


class SyncKey(Base):
    __tablename__ = "sync_key"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    signing_private: Mapped[bytes] = mapped_column(LargeBinary)
    signing_public: Mapped[bytes] = mapped_column(LargeBinary)
    age_identity: Mapped[str] = mapped_column(String(120))
    age_recipient: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    retired_at: Mapped[datetime] = mapped_column(default=utcnow)
