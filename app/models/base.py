"""Declarative base and the columns every synchronised table carries.

Synced rows never disappear: ``deleted`` is a tombstone, so a deletion can travel in a bundle and
be merged like any edit.  ``version`` is a hybrid-logical-clock stamp (see ``app.models.hlc``)
and ``origin_device`` the device that wrote that version; both are filled in by the session layer
(``app.services.workspace``) at flush time, never by hand.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Dialect,
    ForeignKey,
    MetaData,
    String,
    TypeDecorator,
    and_,
    false,
)
from sqlalchemy.orm import DeclarativeBase, InstrumentedAttribute, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC datetime stored as ISO-8601 text (sorts correctly as text)."""

    impl = String(25)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime()}


if TYPE_CHECKING:
    # Every synced model is also a ``Base`` subclass; telling the type checker so lets code
    # that walks ``SYNCED_MODELS`` use ``__tablename__``/``__table__`` without casts.
    _MixinBase = Base
else:
    _MixinBase = object


class SyncMixin(_MixinBase):
    """UUID key, HLC version, writing device and tombstone: the sync columns."""

    __synced__ = True
    # Fields holding personal or sensitive data; used by the no-plaintext tests, the RODO export
    # and the log scrubber.  Subclasses extend it.
    __sensitive__: tuple[str, ...] = ()

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    version: Mapped[str] = mapped_column(String(48), default="", index=True)
    origin_device: Mapped[str] = mapped_column(String(32), default="")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


def fk(target: str) -> ForeignKey:
    """A foreign key checked at commit time, so one transaction may insert in any order."""
    return ForeignKey(target, deferrable=True, initially="DEFERRED")


def live_join(child_fk: InstrumentedAttribute, parent_pk: InstrumentedAttribute) -> ColumnElement:
    """Join condition for a parent's collection that hides tombstoned children."""
    return and_(child_fk == parent_pk, child_fk.class_.deleted == false())
