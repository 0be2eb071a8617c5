"""Export → import → ``dump --json`` identical; receipts, gaps, replays, scope and merges."""

from __future__ import annotations

from datetime import date

import pyrage
import pytest
from sqlalchemy import select

from app.models import AuditEvent, Family, Institution, Person, Visit
from app.models.sync_state import SyncConflict, SyncSent
from app.services import audit, families, visits
from app.services.common import tombstone
from app.sync import conflicts, export, identity, importer, status
from app.sync.errors import BundleRefused
from app.sync.stamps import valid_stamp
from tests.factories import make_full_case
from tests.sync.forge import keys_of, open_parts
from tests.sync.helpers import db_hash, dump_text, edit, exchange, introduce, make_device


@pytest.fixture
def pair(ws, coordinator_ws):
    introduce(ws, coordinator_ws)
    return ws, coordinator_ws


def test_round_trip_gives_identical_dumps(pair):
    ops, coord = pair
    case = make_full_case(ops)
    first = exchange(ops, coord)
    assert first.status == "imported" and first.records > 30 and first.conflicts == 0
    exchange(coord, ops)
    assert dump_text(ops) == dump_text(coord)
    with coord.transaction() as s:
        person = s.get(Person, case.mother_id)
        assert (person.first_name, person.last_name) == ("Grażyna", "Źdźbło-Łęcka")
        # the sender's audit chain travelled and still verifies
        assert s.scalar(select(AuditEvent).where(AuditEvent.device_id == ops.device_id))
        assert audit.verify_chain(s) == []
    # nothing new: the next bundles carry no records, only receipts
    assert exchange(ops, coord).records == 0
    assert exchange(coord, ops).records == 0
    assert export.export_bundle(ops, coord.device_id).records == 0


def test_standard_age_tool_format_opens_with_exported_identity(pair):
    """``age -d -i identity.txt`` works: the identity file pyrage parses opens the bundle."""
    ops, coord = pair
    make_full_case(ops)
    data = export.export_bundle(ops, coord.device_id).data
    assert data.startswith(b"age-encryption.org/v1\n-> X25519 ")
    text = identity.export_identity(coord, "zielony-most-nad-Narwią-42")
    key_line = next(line for line in text.splitlines() if line.startswith("AGE-SECRET-KEY-"))
    plain = pyrage.decrypt(data, [pyrage.x25519.Identity.from_str(key_line)])
    assert plain.startswith(b"KOOPERACJA-BUNDLE/1 ")
    assert b"manifest.json" in plain and b"records.jsonl" in plain
    with coord.transaction() as s:
        assert s.scalar(
            select(AuditEvent).where(
                AuditEvent.action == "key_export", AuditEvent.detail == "age_identity"
            )
        )


def test_export_identity_needs_the_passphrase(pair):
    from app.errors import WrongPassphrase

    _ops, coord = pair
    with pytest.raises(WrongPassphrase):
        identity.export_identity(coord, "wrong-passphrase")


def test_same_bundle_again_is_a_noop_that_says_so(pair):
    ops, coord = pair
    make_full_case(ops)
    data = export.export_bundle(ops, coord.device_id).data
    importer.import_bundle(coord, data)
    before = db_hash(coord)
    again = importer.import_bundle(coord, data)
    assert again.status == "duplicate"
    assert "już zaimportowana" in again.message or "already imported" in again.message
    assert db_hash(coord) == before


def test_gap_is_reported_and_older_bundle_refused(pair):
    ops, coord = pair
    make_full_case(ops)
    lost = export.export_bundle(ops, coord.device_id)
    families.register_family(ops, families.FamilyInput(gmina_code="2005092", locality="Olchówka"))
    later = export.export_bundle(ops, coord.device_id)
    assert later.seq == lost.seq + 1
    result = importer.import_bundle(coord, later.data)
    assert result.missing == [lost.seq]
    assert any(str(lost.seq) in m for m in result.gap_messages())
    # the later bundle carried everything the lost one had
    with coord.transaction() as s:
        assert len(s.scalars(select(Family)).all()) == 2
    before = db_hash(coord)
    with pytest.raises(BundleRefused) as info:
        importer.import_bundle(coord, lost.data)
    assert info.value.code == "older_seq"
    assert db_hash(coord) == before
    assert status.peer_statuses(coord)[0].missing == [lost.seq]


def test_receipts_show_which_bundles_arrived(pair):
    ops, coord = pair
    make_full_case(ops)
    exchange(ops, coord)
    st = status.peer_statuses(ops)[0]
    assert st.last_sent_seq == 1 and st.unacknowledged == [1]
    exchange(coord, ops)  # carries the receipt for bundle 1
    st = status.peer_statuses(ops)[0]
    assert st.acked_seq == 1 and st.unacknowledged == []
    with ops.transaction() as s:
        sent = s.get(SyncSent, (coord.device_id, 1))
        assert sent.acked_at is not None and sent.ack_records == sent.records


def test_coordinator_sends_only_the_gmina_of_the_device(tmp_path, coordinator_ws):
    coord = coordinator_ws
    narewka = make_device(tmp_path / "n.db", "ops", "2005092", "GOPS Narewka", "Anna Kowalczyk")
    hajnowka = make_device(tmp_path / "h.db", "ops", "2005011", "MOPS Hajnówka", "Jan Kos")
    introduce(narewka, coord)
    introduce(hajnowka, coord)
    make_full_case(narewka)
    families.register_family(
        hajnowka, families.FamilyInput(gmina_code="2005011", locality="Hajnówka")
    )
    exchange(narewka, coord)
    exchange(hajnowka, coord)
    exchange(coord, narewka)
    exchange(coord, hajnowka)
    with hajnowka.transaction() as s:
        gminas = {f.gmina_code for f in s.scalars(select(Family))}
        assert gminas == {"2005011"}
        # the shared registry did travel: the partner institutions entered in Narewka
        assert s.scalar(select(Institution).where(Institution.short_name == "PUP Hajnówka"))
        assert not s.scalars(select(Person)).all()
    with narewka.transaction() as s:
        assert {f.gmina_code for f in s.scalars(select(Family))} == {"2005092"}
    narewka.lock()
    hajnowka.lock()


def test_disjoint_edits_merge_silently(pair):
    ops, coord = pair
    case = make_full_case(ops)
    exchange(ops, coord)
    exchange(coord, ops)
    edit(ops, Family, case.family_id, phone="111 222 333")
    edit(coord, Family, case.family_id, notes="Notatka koordynatora")
    exchange(ops, coord)
    exchange(coord, ops)
    for ws in pair:
        with ws.transaction() as s:
            f = s.get(Family, case.family_id)
            assert (f.phone, f.notes) == ("111 222 333", "Notatka koordynatora")
        assert conflicts.list_conflicts(ws) == []
    assert dump_text(ops) == dump_text(coord)


def test_same_field_becomes_a_conflict_keeping_both_values(pair):
    ops, coord = pair
    case = make_full_case(ops)
    exchange(ops, coord)
    exchange(coord, ops)
    edit(ops, Person, case.mother_id, phone="500 000 001")
    edit(coord, Person, case.mother_id, phone="500 000 002")
    result = exchange(ops, coord)
    assert result.conflicts == 1
    [c] = conflicts.list_conflicts(coord)
    assert (c.table, c.field) == ("person", "phone")
    assert c.mine.value == "500 000 002" and c.theirs.value == "500 000 001"
    assert c.theirs.device_id == ops.device_id and c.theirs.worker == "Anna Kowalczyk"
    assert c.mine.device_id == coord.device_id and c.mine.worker == "Ewa Zawadzka"
    assert c.case_number and c.current in ("500 000 001", "500 000 002")
    # the other side learns of it too when its own edit meets the coordinator's
    exchange(coord, ops)
    assert dump_text(ops) == dump_text(coord)
    conflicts.resolve(coord, c.id, "theirs")
    exchange(coord, ops)
    for ws in pair:
        with ws.transaction() as s:
            assert s.get(Person, case.mother_id).phone == "500 000 001"
    assert conflicts.list_conflicts(coord) == []
    with coord.transaction() as s:
        closed = s.get(SyncConflict, c.id)
        assert (closed.status, closed.resolution) == ("resolved", "theirs")


def test_deletion_against_later_edit_is_a_conflict(pair):
    ops, coord = pair
    case = make_full_case(ops)
    exchange(ops, coord)
    exchange(coord, ops)
    with coord.transaction() as s:
        tombstone(s.get(Person, case.father_id))
    edit(ops, Person, case.father_id, employment="employed")
    result = exchange(ops, coord)
    assert result.conflicts == 1
    [c] = conflicts.list_conflicts(coord)
    assert (c.kind, c.field, c.mine.value, c.theirs.value) == ("delete", "deleted", True, False)
    assert "employment" in c.detail
    conflicts.resolve(coord, c.id, "theirs")  # keep the person: undo the deletion
    exchange(coord, ops)
    for ws in pair:
        with ws.transaction() as s:
            p = s.get(Person, case.father_id)
            assert (p.deleted, p.employment) == (False, "employed")


def test_append_only_visits_never_conflict(pair):
    ops, coord = pair
    case = make_full_case(ops)
    exchange(ops, coord)
    exchange(coord, ops)
    for ws, purpose in ((ops, "Wizyta GOPS"), (coord, "Wizyta PCPR")):
        visits.save_visit(
            ws, case.family_id, visits.VisitInput(visit_on=date.today(), purpose=purpose)
        )
    assert exchange(ops, coord).conflicts == 0
    assert exchange(coord, ops).conflicts == 0
    with ops.transaction() as s:
        purposes = {v.purpose for v in s.scalars(select(Visit))}
    assert {"Wizyta GOPS", "Wizyta PCPR"} <= purposes
    assert dump_text(ops) == dump_text(coord)


def test_full_bundle_restores_a_new_laptop(tmp_path, pair):
    ops, coord = pair
    make_full_case(ops)
    exchange(ops, coord)
    exchange(coord, ops)
    laptop = make_device(tmp_path / "new.db", "ops", "2005092", ops.identity.name, "Anna Kowalczyk")
    identity.revoke(coord, ops.device_id)  # the old laptop was lost
    introduce(laptop, coord)
    result = exchange(coord, laptop, full=True)
    assert result.conflicts == 0
    with laptop.transaction() as s:
        assert len(s.scalars(select(Person)).all()) == 3
    exchange(laptop, coord)  # the new laptop's own starter records (same ids) meet their copies
    assert dump_text(laptop) == dump_text(coord)
    with pytest.raises(BundleRefused) as info:
        exchange(ops, coord)
    assert info.value.code == "revoked_sender"
    laptop.lock()


def test_key_rotation_is_announced_by_the_old_key(pair):
    ops, coord = pair
    make_full_case(ops)
    exchange(ops, coord)
    exchange(coord, ops)
    old_fp = identity.show(ops).fingerprint
    new = identity.rotate(ops)
    assert new.fingerprint != old_fp
    # bundle signed with the old key carries the new one
    exchange(ops, coord)
    assert identity.peers(coord)[0].fingerprint == new.fingerprint
    # a bundle sealed to the old key still opens on the rotated device
    exchange(coord, ops)
    # after the receipt the new key signs, and the old one is no longer accepted
    edit(ops, Family, ops_family(ops), notes="po rotacji")
    assert exchange(ops, coord).records >= 1
    with coord.transaction() as s:
        assert s.get(Family, ops_family(ops)).notes == "po rotacji"
    assert dump_text(ops) == dump_text(coord)


def ops_family(ws) -> str:
    with ws.transaction() as s:
        return s.scalars(select(Family.id)).first()


def test_rollback_of_the_sender_database_is_noticed(pair, tmp_path):
    """A database restored from an old copy: the coordinator's receipts reveal it and the
    sequence jumps past the bundles it forgot (a reported gap, not a refusal)."""
    ops, coord = pair
    make_full_case(ops)
    backup = tmp_path / "old.db"
    ops.vault.backup(backup)
    exchange(ops, coord)
    exchange(ops, coord)
    exchange(coord, ops)
    ops.lock()
    from tests.sync.helpers import copy_db, unlock

    copy_db(backup, ops.path)
    for suffix in ("-wal", "-shm"):
        (ops.path.parent / (ops.path.name + suffix)).unlink(missing_ok=True)
    restored = unlock(ops.path)
    try:
        # its next bundle would reuse number 1: refused as a replay
        with pytest.raises(BundleRefused) as info:
            exchange(restored, coord)
        assert info.value.code == "older_seq"
        result = exchange(coord, restored)
        assert result.warnings  # the receipts name bundles this database never made
        follow = exchange(restored, coord)
        assert follow.status == "imported" and follow.missing
        # its audit chain forked: the data came in, the device is flagged at the coordinator
        assert follow.warnings
        assert status.peer_statuses(coord)[0].warning
        assert dump_text(restored) != ""
    finally:
        restored.lock()


def test_stamps_are_valid_and_clock_observes_remote(pair):
    ops, coord = pair
    make_full_case(ops)
    exchange(ops, coord)
    with coord.transaction() as s:
        newest = max(f.version for f in s.scalars(select(Family)))
    assert valid_stamp(newest)
    assert coord.clock.last()[:19] >= newest[:19]
    assert keys_of(coord).device_id == coord.device_id
    assert open_parts(export.export_bundle(coord, ops.device_id).data, ops)


def test_ten_thousand_records_round_trip_byte_identical(pair):
    """RELIABILITY §6.17: generated records through export → import, diacritics and emoji
    included; the canonical dumps of both sides are byte-identical, nothing lost."""
    from app import demo

    ops, coord = pair
    demo.generate(ops, families=230, seed=17)
    case = make_full_case(ops)
    edit(ops, Person, case.child_id, notes="Zażółć gęślą jaźń 😀👨‍👩‍👧 — ẞ")
    first = exchange(ops, coord)
    assert first.records >= 10_000
    exchange(coord, ops)
    text = dump_text(ops)
    assert text == dump_text(coord)
    assert "😀👨‍👩‍👧" in text
    assert exchange(ops, coord).records == 0
