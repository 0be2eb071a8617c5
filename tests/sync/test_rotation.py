"""Key rotation that cannot break sync: any number of rotations between exchanges, both ways.

The first test is the attack of issue 8 §4 as it happened: ``keys rotate``, export, ``keys
rotate`` again, then the peer imports and answers; every later bundle used to be refused as
"altered or forged", and so was the new key card.
"""

from __future__ import annotations

import pytest

from app.models import Family
from app.sync import export, identity, importer
from app.sync.errors import BundleRefused
from tests.sync.helpers import dump_text, edit, exchange


def test_two_rotations_around_one_export(known_pair):
    ops, coord, family_id = known_pair
    identity.rotate(coord)
    first = export.export_bundle(coord, ops.device_id)
    newest = identity.rotate(coord)
    importer.import_bundle(ops, first.data)
    exchange(ops, coord)  # the answer acknowledges the bundle that announced the older key
    for n in range(3):
        edit(coord, Family, family_id, notes=f"koordynator {n}")
        assert exchange(coord, ops).changed == 1
        exchange(ops, coord)
    assert identity.peers(ops)[0].fingerprint == newest.fingerprint
    card = identity.read_card(identity.export_card(coord))
    assert identity.register_card(ops, card) == "unchanged"
    assert dump_text(ops) == dump_text(coord)


def test_many_rotations_on_both_sides_between_exchanges(known_pair):
    ops, coord, family_id = known_pair
    for n in range(4):
        for _ in range(n + 1):
            identity.rotate(ops)
            identity.rotate(coord)
        edit(ops, Family, family_id, phone=f"600 000 10{n}")
        pending = export.export_bundle(ops, coord.device_id)  # rotate again before it arrives
        identity.rotate(ops)
        importer.import_bundle(coord, pending.data)
        edit(coord, Family, family_id, notes=f"runda {n}")
        exchange(coord, ops)
        exchange(ops, coord)
        exchange(coord, ops)
    assert dump_text(ops) == dump_text(coord)
    assert identity.peers(coord)[0].fingerprint == identity.show(ops).fingerprint
    assert identity.peers(ops)[0].fingerprint == identity.show(coord).fingerprint


def test_older_genuine_bundle_after_a_rotation_is_reported_as_older(known_pair):
    ops, coord, family_id = known_pair
    identity.rotate(coord)
    older = export.export_bundle(coord, ops.device_id)
    edit(coord, Family, family_id, notes="nowsza")
    importer.import_bundle(ops, export.export_bundle(coord, ops.device_id).data)
    exchange(ops, coord)
    exchange(coord, ops)  # signed with the new key: the old one is no longer accepted
    with pytest.raises(BundleRefused) as info:
        importer.import_bundle(ops, older.data)
    assert info.value.code == "older_seq", info.value.message
