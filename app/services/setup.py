"""Creating a new installation (``init``) and opening an existing one (unlock).

``initialize`` is all-or-nothing: if any step fails the new file is removed, so a half-made
database never blocks the next attempt.
"""

from __future__ import annotations

import logging
import secrets
from pathlib import Path

import pyrage
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import update
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import _
from app.models import Device, Institution, Setting
from app.models.enums import Role
from app.models.hlc import setup_stamp
from app.services import audit, reference
from app.services.recipient_rule import home_institution_id
from app.services.rodo import erasure_file
from app.services.text import clean
from app.services.workspace import Workspace
from app.store.keys import KdfParams
from app.store.vault import Vault

log = logging.getLogger(__name__)


def new_device_id() -> str:
    return secrets.token_hex(8)


def _validate_unit(session: Session, role: str, unit_code: str) -> None:
    if role == Role.OPS:
        reference.require_terc(session, unit_code, ("gmina",), "unit")
    elif role == Role.COORDINATOR:
        reference.require_terc(session, unit_code, ("powiat",), "unit")
    else:
        raise ValidationError(_("The role must be 'ops' or 'coordinator'."), "role")


def initialize(
    path: Path | str,
    passphrase: str,
    *,
    role: str,
    unit_code: str,
    name: str,
    worker_name: str = "",
    kdf: KdfParams | None = None,
) -> Workspace:
    """Create the encrypted database, load reference data and this device's identity."""
    name = clean(name)
    if not name:
        raise ValidationError(_("Give the name of your institution."), "name")
    if role not in (Role.OPS, Role.COORDINATOR):
        raise ValidationError(_("The role must be 'ops' or 'coordinator'."), "role")
    vault = Vault.create(path, passphrase, kdf=kdf, hints=(name, worker_name))
    ws: Workspace | None = None
    try:
        with Session(vault.engine) as s, s.begin():
            reference.ensure_loaded(s)
            _validate_unit(s, role, unit_code)
            signing = Ed25519PrivateKey.generate()
            identity = pyrage.x25519.Identity.generate()
            s.add(
                Device(
                    device_id=new_device_id(),
                    is_self=True,
                    role=str(role),
                    unit_code=unit_code,
                    name=name,
                    worker_name=clean(worker_name),
                    signing_private=signing.private_bytes(
                        serialization.Encoding.Raw,
                        serialization.PrivateFormat.Raw,
                        serialization.NoEncryption(),
                    ),
                    signing_public=signing.public_key().public_bytes(
                        serialization.Encoding.Raw, serialization.PublicFormat.Raw
                    ),
                    age_identity=str(identity),
                    age_recipient=str(identity.to_public()),
                )
            )
        ws = Workspace(vault)
        with ws.transaction() as s:
            reference.seed_catalog(s)
            home_id = home_institution_id(role, unit_code)
            unit = reference.require_terc(s, unit_code, ("gmina", "powiat"), "unit")
            s.add(
                Institution(
                    id=home_id,
                    name=name,
                    sector_code="social_assistance",
                    level="gmina" if role == Role.OPS else "powiat",
                    teryt_code=unit_code,
                    city=unit.name if role == Role.OPS else "",
                )
            )
            s.add(Setting(key="home_institution_id", value=home_id))
            s.flush()
            # Every laptop of the unit writes this row, with the same id: its set-up values are
            # defaults (time zero), so two laptops' set-up is no conflict, a real edit is newer.
            # A bulk UPDATE is not re-stamped by the workspace.
            s.execute(
                update(Institution)
                .where(Institution.id == home_id)
                .values(version=setup_stamp(ws.device_id), origin_device=ws.device_id)
            )
        erasure_file.save(ws)  # the list exists from the start: a restore can tell it is lost
    except BaseException:
        device_id = ws.device_id if ws is not None else ""
        vault.lock()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        if device_id:  # no list outlives the database it was written for
            erasure_file.discard(path, device_id)
        raise
    log.info("installation initialised (device %s, role %s)", ws.device_id, role)
    return ws


def open_workspace(path: Path | str, passphrase: str | bytes | bytearray) -> Workspace:
    """Unlock an existing database and log the unlock in the audit chain."""
    vault = Vault.unlock(path, passphrase)
    try:
        with Session(vault.engine) as s, s.begin():
            reference.ensure_loaded(s)
        ws = Workspace(vault)
        audit.log_event(ws, "unlock")
        erasure_file.reapply(ws)  # a restored backup gets the erasures made since it was taken
    except BaseException:
        vault.lock()
        raise
    return ws
