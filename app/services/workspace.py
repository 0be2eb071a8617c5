"""The unlocked workspace: database, device identity, clock and transactions.

Every service call opens one short transaction with ``ws.transaction()``.  A ``before_flush``
hook checks each new or changed synchronised row against the domain rules
(``app.services.record_rules``, the same ones ``load`` and sync apply) and stamps it with a fresh
hybrid-logical-clock version and this device's id, so services never have to remember to do it;
sync imports switch the stamping off (``session.info["applying_sync"]``) because they write
other devices' versions.

The same hook (and ``do_orm_execute`` for bulk statements) records which tables and families a
transaction wrote; once it commits, that goes to the current ``changes.recording()`` (the op
runner records each job's ``Changes`` that way).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select, union_all
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from app.errors import StorageError
from app.i18n import _
from app.models import CASE_MODELS, SYNCED_MODELS, Device, Family, SyncMixin
from app.models.hlc import HybridClock
from app.services import changes
from app.services.handover_rule import check_writable
from app.services.record_rules import check_object
from app.store.vault import Vault

log = logging.getLogger(__name__)

CASE_TABLES = frozenset(m.__tablename__ for m in CASE_MODELS)


@dataclass(frozen=True)
class Identity:
    device_id: str
    role: str
    unit_code: str
    name: str
    worker_name: str


class Workspace:
    """One unlocked database and who is working in it."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self._sessions = sessionmaker(bind=vault.engine, expire_on_commit=False)
        event.listen(self._sessions, "before_flush", self._stamp)
        event.listen(self._sessions, "do_orm_execute", self._note_bulk)
        with self._sessions() as s:
            device = s.scalar(select(Device).where(Device.is_self.is_(True)))
            if device is None:
                raise StorageError(_("This database has not been set up yet."))
            self.identity = Identity(
                device.device_id, device.role, device.unit_code, device.name, device.worker_name
            )
            self.clock = HybridClock(device.device_id, last=self._latest_version(s))

    @staticmethod
    def _latest_version(s: Session) -> str:
        # One statement over every synced table (one per table cost ~40 round trips per unlock).
        per_table = union_all(*(select(func.max(m.version).label("v")) for m in SYNCED_MODELS))
        latest = s.scalar(select(func.max(per_table.subquery().c.v)))
        return latest or ""

    @property
    def device_id(self) -> str:
        return self.identity.device_id

    @property
    def actor(self) -> str:
        return self.identity.worker_name

    @property
    def path(self) -> Path:
        return self.vault.path

    @property
    def is_coordinator(self) -> bool:
        return self.identity.role == "coordinator"

    def refresh_identity(self) -> None:
        with self._sessions() as s:
            d = s.get(Device, self.device_id)
            assert d is not None
            self.identity = Identity(d.device_id, d.role, d.unit_code, d.name, d.worker_name)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on any error."""
        if self.vault.locked:
            raise StorageError(_("The database is locked."))
        with self._sessions() as session:
            written = changes.ChangeLog()
            with session.begin():
                session.info["workspace"] = self
                session.info["changes"] = written
                yield session
            for table in written.tables:  # committed: now it has happened
                changes.note(table, written.families if table in CASE_TABLES else ())

    def _stamp(self, session: Session, _ctx: object, _instances: object) -> None:
        written = session.info.get("changes")
        if written is not None:
            for obj in [*session.new, *session.dirty, *session.deleted]:
                table = getattr(obj, "__tablename__", "")
                if table:
                    written.add(table, _families_of(obj) if table in CASE_TABLES else ())
        if session.info.get("applying_sync"):
            return
        for obj in list(session.new) + list(session.dirty):
            if not isinstance(obj, SyncMixin):
                continue
            if obj in session.dirty and not session.is_modified(obj, include_collections=False):
                continue
            check_object(obj)
            if self.identity.role == "ops":
                check_writable(session, obj, self.identity.unit_code)
            obj.version = self.clock.tick()
            obj.origin_device = self.device_id

    @staticmethod
    def _note_bulk(state: ORMExecuteState) -> None:
        """Bulk ``insert``/``update``/``delete`` statements do not pass ``before_flush``."""
        written = state.session.info.get("changes")
        if written is None or not (state.is_insert or state.is_update or state.is_delete):
            return
        table = getattr(state.statement, "table", None)
        name = getattr(table, "name", "")
        if not name:
            return
        if name not in CASE_TABLES:
            written.add(name, ())
            return
        params = state.parameters
        rows: list[Any] = params if isinstance(params, list) else [params] if params else []
        key = "id" if name == Family.__tablename__ else "family_id"
        known = state.is_insert and rows and all(key in row for row in rows)
        written.add(name, [row[key] for row in rows] if known else None)

    def lock(self) -> None:
        # SQLAlchemy keeps class-level listeners in a registry whose values would keep this
        # workspace (and its engine's caches) alive after the lock: remove ours.
        if event.contains(self._sessions, "before_flush", self._stamp):
            event.remove(self._sessions, "before_flush", self._stamp)
        if event.contains(self._sessions, "do_orm_execute", self._note_bulk):
            event.remove(self._sessions, "do_orm_execute", self._note_bulk)
        self.vault.lock()

    @property
    def locked(self) -> bool:
        return self.vault.locked


def _families_of(obj: object) -> list[str] | None:
    """The family a case row belongs to, or None where the row does not say (a goal, a score)."""
    family = obj.id if isinstance(obj, Family) else getattr(obj, "family_id", None)
    return [family] if family else None
