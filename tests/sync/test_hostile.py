"""Hostile bundles: each is refused with its own message and the database stays byte-identical.

One valid bundle (GOPS → coordinator) is made once; every attack derives from it: flipped bytes,
truncation, another recipient, a forwarded bundle, unknown and revoked senders, a tampered
manifest, part hash and size mismatches, oversized fields, 100,000 records, deep nesting,
path-like part names, a newer schema… and 1,000 random mutations.
"""

from __future__ import annotations

import json
import random
from types import SimpleNamespace

import pytest

from app.sync import container, export, identity
from app.sync.errors import BundleRefused, _messages
from app.sync.importer import import_bundle
from app.sync.limits import MAX_BUNDLE_BYTES
from tests.factories import make_full_case
from tests.sync.forge import (
    dump_lines,
    open_parts,
    raw_container,
    record_lines,
    reseal,
    resign,
    seal_for,
)
from tests.sync.helpers import db_hash, introduce, make_device


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    ops = make_device(folder / "ops.db", "ops", "2005092", "GOPS Narewka", "Anna Kowalczyk")
    coord = make_device(folder / "co.db", "coordinator", "2005", "PCPR Hajnówka", "Ewa Zawadzka")
    other = make_device(folder / "x.db", "coordinator", "2005", "PCPR (drugi)", "Jan Nowak")
    stranger = make_device(folder / "s.db", "ops", "2005092", "GOPS Obcy", "Olga Obca")
    make_full_case(ops)
    introduce(ops, coord)
    introduce(ops, other)
    identity.register_card(stranger, identity.read_card(identity.export_card(coord)))
    valid = export.export_bundle(ops, coord.device_id).data
    for_other = export.export_bundle(ops, other.device_id).data
    from_stranger = export.export_bundle(stranger, coord.device_id).data
    identity.revoke(other, ops.device_id)
    second_for_other = export.export_bundle(ops, other.device_id).data
    w = SimpleNamespace(
        ops=ops,
        coord=coord,
        other=other,
        valid=valid,
        parts=open_parts(valid, coord),
        for_other=for_other,
        from_stranger=from_stranger,
        second_for_other=second_for_other,
        folder=folder,
    )
    yield w
    for ws in (ops, coord, other, stranger):
        ws.lock()


def refuse(ws, data, code: str) -> BundleRefused:
    before = db_hash(ws)
    with pytest.raises(BundleRefused) as info:
        import_bundle(ws, data)
    assert info.value.code == code, info.value.message
    assert db_hash(ws) == before
    return info.value


def test_every_refusal_kind_has_its_own_message():
    texts = list(_messages().values())
    assert len(texts) == len(set(texts))


def test_flipped_bytes(world):
    data = bytearray(world.valid)
    data[len(data) // 2] ^= 0x40
    err = refuse(world.coord, bytes(data), "tampered")
    assert "Nic nie zaimportowano" in err.message


def test_truncation(world):
    refuse(world.coord, world.valid[: len(world.valid) * 2 // 3], "truncated")
    refuse(world.coord, world.valid[:-1], "truncated")
    refuse(world.coord, world.valid[:120], "truncated")


def test_another_recipient(world):
    refuse(world.coord, world.for_other, "not_for_us")


def test_forwarded_bundle_is_refused(world):
    """Signed for another device, re-encrypted to us (Davis's attack): the manifest says so."""
    parts = open_parts(world.for_other, world.other)
    refuse(world.coord, reseal(parts, world.coord), "wrong_recipient")


def test_unknown_sender(world):
    refuse(world.coord, world.from_stranger, "unknown_sender")


def test_revoked_sender(world):
    refuse(world.other, world.second_for_other, "revoked_sender")


def test_tampered_manifest(world):
    m = json.loads(world.parts[container.MANIFEST])
    m["full"] = True
    parts = dict(world.parts)
    parts[container.MANIFEST] = json.dumps(
        m, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    ).encode()
    refuse(world.coord, reseal(parts, world.coord), "bad_signature")


def test_wrong_recipient_key(world):
    m = json.loads(world.parts[container.MANIFEST])
    parts = resign(
        world.parts,
        world.ops,
        recipient={"device_id": m["recipient"]["device_id"], "key": "AAAA-BBBB-CCCC-DDDD"},
    )
    refuse(world.coord, reseal(parts, world.coord), "wrong_recipient_key")


def test_member_hash_and_size_mismatch(world):
    records = bytearray(world.parts[container.RECORDS])
    i = records.index(b'"case_number":"') + 15
    records[i] = ord("9") if records[i] != ord("9") else ord("8")
    parts = dict(world.parts, **{container.RECORDS: bytes(records)})
    refuse(world.coord, reseal(parts, world.coord), "member_hash")
    parts = dict(world.parts, **{container.RECORDS: world.parts[container.RECORDS] + b"{}\n"})
    refuse(world.coord, reseal(parts, world.coord), "member_size")


def _with_family(world, **fields):
    items = record_lines(world.parts)
    for item in items:
        if item["t"] == "family":
            item["r"].update(fields)
    return resign(world.parts, world.ops, records=dump_lines(items))


def test_oversized_fields(world):
    err = refuse(
        world.coord,
        reseal(_with_family(world, case_number="9" * 41), world.coord),
        "field_too_long",
    )
    assert "family.case_number" in err.message
    big = reseal(_with_family(world, notes="ą" * 100_001), world.coord)
    refuse(world.coord, big, "field_too_long")


def test_hundred_thousand_records(world):
    lines = b'{"t":"family"}\n' * 100_000
    parts = resign(world.parts, world.ops, records=lines, counts={"family": 100_000})
    refuse(world.coord, reseal(parts, world.coord), "too_many_records")


def test_deep_nesting(world):
    deep = b'{"t":"family","r":' + b"[" * 10_000 + b"]" * 10_000 + b',"s":{},"v":[]}\n'
    parts = resign(world.parts, world.ops, records=deep, counts={"family": 1})
    refuse(world.coord, reseal(parts, world.coord), "nesting")
    nested = _with_family(world, notes={"a": {"b": ["c"]}})
    refuse(world.coord, reseal(nested, world.coord), "nesting")


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/cron.d/x", "C:\\Windows\\x", "a/b"])
def test_path_like_member_names(world, name):
    p = world.parts
    data = raw_container(
        [
            (container.MANIFEST, p[container.MANIFEST]),
            (container.SIGNATURE, p[container.SIGNATURE]),
            (name, b"#!/bin/sh\n"),
        ]
    )
    refuse(world.coord, seal_for(data + b" " * 70_000, world.coord), "container")
    data = raw_container(
        [
            (container.MANIFEST, p[container.MANIFEST]),
            (container.SIGNATURE, p[container.SIGNATURE]),
            (name, b"#!/bin/sh\n"),
        ]
    )
    refuse(world.coord, seal_for(data, world.coord), "member_path")


def test_unknown_duplicate_and_too_many_members(world):
    p = world.parts
    head = [
        (container.MANIFEST, p[container.MANIFEST]),
        (container.SIGNATURE, p[container.SIGNATURE]),
    ]
    refuse(
        world.coord,
        seal_for(raw_container([*head, ("extra.bin", b"x")]), world.coord),
        "member_unknown",
    )
    twice = [*head, (container.RECORDS, b""), (container.RECORDS, b"")]
    refuse(world.coord, seal_for(raw_container(twice), world.coord), "member_duplicate")
    flood = [*head, *((f"m{i}", b"") for i in range(100_000))]
    refuse(world.coord, seal_for(raw_container(flood), world.coord), "too_many_members")


def test_newer_schema_and_format(world):
    refuse(
        world.coord,
        reseal(resign(world.parts, world.ops, schema="0099"), world.coord),
        "schema_newer",
    )
    m = json.loads(world.parts[container.MANIFEST])
    m["format_version"] = 2
    parts = dict(world.parts)
    parts[container.MANIFEST] = json.dumps(m, sort_keys=True, separators=(",", ":")).encode()
    refuse(world.coord, reseal(parts, world.coord), "format")


def test_invalid_records(world):
    items = record_lines(world.parts)
    items[0]["t"] = "device"
    parts = resign(world.parts, world.ops, records=dump_lines(items))
    refuse(world.coord, reseal(parts, world.coord), "table")
    items = record_lines(world.parts)
    items[0]["r"]["version"] = "yesterday"
    parts = resign(world.parts, world.ops, records=dump_lines(items))
    refuse(world.coord, reseal(parts, world.coord), "stamp")
    items = record_lines(world.parts)
    items[1] = items[0]
    parts = resign(world.parts, world.ops, records=dump_lines(items))
    refuse(world.coord, reseal(parts, world.coord), "duplicate_record")
    items = record_lines(world.parts)
    del items[0]["r"]["deleted"]
    parts = resign(world.parts, world.ops, records=dump_lines(items))
    refuse(world.coord, reseal(parts, world.coord), "record")


def test_altered_audit_events(world):
    lines = world.parts[container.AUDIT].splitlines()
    event = json.loads(lines[0])
    event["action"] = "view"
    lines[0] = json.dumps(event, sort_keys=True, separators=(",", ":")).encode()
    parts = resign(world.parts, world.ops, audit=b"\n".join(lines) + b"\n")
    refuse(world.coord, reseal(parts, world.coord), "audit")


def test_not_a_bundle_and_too_large(world, tmp_path):
    refuse(world.coord, b"PK\x03\x04 not a bundle", "not_a_bundle")
    huge = tmp_path / "huge.kbundle"
    with open(huge, "wb") as f:
        f.truncate(MAX_BUNDLE_BYTES + 1)  # sparse: costs no disk
    refuse(world.coord, huge, "too_large")


def test_thousand_random_mutations(world):
    """Flips, truncations, insertions, chunk swaps on the file, and flips inside the container
    re-encrypted to the recipient: every one refused, the database untouched."""
    rnd = random.Random(20261123)
    coord = world.coord
    before = db_hash(coord)
    plain = container.build(world.parts)
    valid = world.valid
    codes: dict[str, int] = {}
    for n in range(1000):
        kind = n % 6
        if kind == 0:
            data = bytearray(valid)
            for _ in range(rnd.randint(1, 8)):
                data[rnd.randrange(len(data))] ^= rnd.randint(1, 255)
        elif kind == 1:
            data = bytearray(valid[: rnd.randrange(len(valid))])
        elif kind == 2:
            i = rnd.randrange(len(valid))
            data = bytearray(valid[:i] + rnd.randbytes(rnd.randint(1, 64)) + valid[i:])
        elif kind == 3:
            size = rnd.choice((16, 4096, 65_552))
            a, b = sorted(rnd.sample(range(0, len(valid) - size), 2))
            if b - a < size:
                b = a + size
            data = bytearray(valid)
            data[a : a + size], data[b : b + size] = valid[b : b + size], valid[a : a + size]
        else:
            inner = bytearray(plain)
            for _ in range(rnd.randint(1, 3)):
                inner[rnd.randrange(len(inner))] ^= rnd.randint(1, 255)
            data = bytearray(seal_for(bytes(inner), coord))
        if bytes(data) == valid:
            continue
        with pytest.raises(BundleRefused) as info:
            import_bundle(coord, bytes(data))
        codes[info.value.code] = codes.get(info.value.code, 0) + 1
        if n % 100 == 99:
            assert db_hash(coord) == before
    assert db_hash(coord) == before
    assert sum(codes.values()) >= 990
    assert {"tampered", "truncated"} <= set(codes)


def test_replay_older_sequence_and_broken_chain(ws, coordinator_ws):
    introduce(ws, coordinator_ws)
    make_full_case(ws)
    first = export.export_bundle(ws, coordinator_ws.device_id).data
    second = export.export_bundle(ws, coordinator_ws.device_id).data
    third = export.export_bundle(ws, coordinator_ws.device_id).data
    assert import_bundle(coordinator_ws, first).status == "imported"
    before = db_hash(coordinator_ws)
    assert import_bundle(coordinator_ws, first).status == "duplicate"  # replay: a no-op
    assert db_hash(coordinator_ws) == before
    # the next number, but not chained to the bundle imported before it
    forged = resign(open_parts(second, coordinator_ws), ws, prev_bundle_hash="0" * 64)
    refuse(coordinator_ws, reseal(forged, coordinator_ws), "chain")
    assert import_bundle(coordinator_ws, third).missing == [2]
    refuse(coordinator_ws, second, "older_seq")
    assert import_bundle(coordinator_ws, first).status == "duplicate"
