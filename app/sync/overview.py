"""What the sync screen and its keys panel show, read in one go on the DB worker.

``load_snapshot``: this device, each peer's sync state and the open conflicts;
``load_keys``: this device's key and the registered devices' keys.  Both name the units.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.services import reference
from app.services.workspace import Workspace
from app.sync import conflicts, identity, status
from app.sync.conflicts import ConflictView
from app.sync.identity import KeyInfo
from app.sync.status import PeerStatus


def _unit_names(ws: Workspace, me: KeyInfo, units: list[str]) -> dict[str, str]:
    return reference.gmina_names(ws, {me.unit_code, *units})


@dataclass
class Snapshot:
    me: KeyInfo
    peers: list[PeerStatus]
    conflicts: list[ConflictView]
    unit_names: dict[str, str]
    replaced: list[ConflictView] = field(default_factory=list)  # decided elsewhere, not seen


def load_snapshot(ws: Workspace) -> Snapshot:
    me, peers = identity.show(ws), status.peer_statuses(ws)
    names = _unit_names(ws, me, [p.unit_code for p in peers])
    return Snapshot(me, peers, conflicts.list_conflicts(ws), names, conflicts.replaced_notices(ws))


@dataclass
class KeysView:
    me: KeyInfo
    peers: list[KeyInfo]
    unit_names: dict[str, str]


def load_keys(ws: Workspace) -> KeysView:
    me, peers = identity.show(ws), identity.peers(ws)
    names = _unit_names(ws, me, [p.unit_code for p in peers])
    return KeysView(me, peers, names)
