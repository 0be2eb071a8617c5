"""The unlocked workspace: database, device identity, clock and transactions.

Every service call opens one short transaction with ``ws.transaction()``.  A ``before_flush``
hook stamps each new or changed synchronised row with a fresh hybrid-logical-clock version and
this device's id, so services never have to remember to do it; sync imports switch the stamping
off (``session.info["applying_sync"]``) because they write other devices' versions.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, sessionmaker

from app.errors import StorageError
from app.i18n import _
from app.models import SYNCED_MODELS, Device, SyncMixin
from app.models.hlc import HybridClock
from app.store.vault import Vault

log = logging.getLogger(__name__)


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
        latest = ""
        for model in SYNCED_MODELS:
            v = s.scalar(select(func.max(model.version)))
            if v and v > latest:
                latest = v
        return latest

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
        with self._sessions() as session, session.begin():
            session.info["workspace"] = self
            yield session

    def _stamp(self, session: Session, _ctx: object, _instances: object) -> None:
        if session.info.get("applying_sync"):
            return
        for obj in list(session.new) + list(session.dirty):
            if not isinstance(obj, SyncMixin):
                continue
            if obj in session.dirty and not session.is_modified(obj, include_collections=False):
                continue
            obj.version = self.clock.tick()
            obj.origin_device = self.device_id

    def lock(self) -> None:
        # SQLAlchemy keeps class-level listeners in a registry whose values would keep this
        # workspace (and its engine's caches) alive after the lock: remove ours.
        if event.contains(self._sessions, "before_flush", self._stamp):
            event.remove(self._sessions, "before_flush", self._stamp)
        self.vault.lock()

    @property
    def locked(self) -> bool:
        return self.vault.locked
