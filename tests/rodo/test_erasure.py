"""Erasure that reaches every copy (issue 14 §3), through the services with real files.

An OPS erases a case it had sent to the coordinator: the rows themselves go (with attachment,
draft, sync shadows and the ids in the audit log), a signed notice travels to the coordinator,
which erases its copy and confirms by receipt; the OPS sees which devices have not confirmed.
A page-decrypting canary scan of both database files after ``VACUUM`` finds nothing; the audit
chains still verify; a backup restored later re-applies the erasure.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.errors import NotFound, ValidationError
from app.models import AuditEvent, ErasureNotice, Family, Person
from app.models.sync_state import SyncRow
from app.services import attachments, audit, drafts, setup
from app.services.rodo import erasure, erasure_file, status
from app.sync import export, importer
from tests.conftest import PASSPHRASE
from tests.factories import PESEL_CHILD, PESEL_MOTHER, make_full_case
from tests.rodo.pages import hits
from tests.sync.helpers import exchange, narewka_and_hajnowka

CANARY_NOTE = "Kanarek-Ćwierć-7Q3X: choroba alkoholowa ojca"
ATTACHMENT = b"%PDF-1.4 skan Kanarek-Skan-9ZZ"


def _key(ws) -> bytes:
    return bytes(ws.vault._key_for_connection())


def _canaries(case) -> list[str]:
    return [
        "Źdźbło-Łęcka",
        "Grażyna",
        PESEL_MOTHER,
        PESEL_CHILD,
        CANARY_NOTE,
        "Kanarek-Skan-9ZZ",
        "Kanarek-Szkic-4K",
        case.family_id,
        case.mother_id,
    ]


def _prepare(ws):
    case = make_full_case(ws)
    from app.services import persons

    with ws.transaction() as s:
        person = s.get(Person, case.mother_id)
        assert person is not None
    data = persons.PersonInput(
        first_name=person.first_name,
        last_name=person.last_name,
        pesel=person.pesel,
        sex=person.sex,
        relation=person.relation,
        birth_date=person.birth_date,
        notes=CANARY_NOTE,
    )
    persons.update_person(ws, case.mother_id, data)
    attachments.add_attachment(
        ws, case.family_id, title="Skan zgody", content=ATTACHMENT, filename="zgoda.pdf"
    )
    drafts.save_draft(ws, f"visit:{case.family_id}:new", "Wizyta", {"notes": "Kanarek-Szkic-4K"})
    return case


@pytest.fixture
def pair(tmp_path):
    with narewka_and_hajnowka(tmp_path) as devices:
        yield devices


def test_scanner_sees_the_canaries_before_erasure(pair):
    ops, _coord = pair
    case = _prepare(ops)
    erasure.vacuum_now(ops)
    found = hits(ops.path, _key(ops), _canaries(case))
    assert "Źdźbło-Łęcka" in found and CANARY_NOTE in found and case.family_id in found


def test_erasure_reaches_the_coordinator_and_back_and_leaves_no_trace(pair):
    ops, coord = pair
    case = _prepare(ops)
    exchange(ops, coord)
    with coord.transaction() as s:
        assert s.get(Family, case.family_id) is not None

    result = erasure.erase_family(ops, case.family_id, "request")
    assert result.rows > 10 and result.audit_redacted > 0
    assert result.holders == (coord.device_id,)
    with ops.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Family)) == 0
        assert (
            s.scalar(
                select(func.count()).select_from(SyncRow).where(SyncRow.family_id == case.family_id)
            )
            == 0
        )
    [pending] = status.list_erasures(ops)
    assert [d.device_id for d in pending.pending] == [coord.device_id]

    got = exchange(ops, coord)
    assert any("usunięto tutaj 1 sprawę" in w.lower() for w in got.warnings)
    with coord.transaction() as s:
        assert s.get(Family, case.family_id) is None
    exchange(coord, ops)
    [done] = status.list_erasures(ops)
    assert done.pending == ()
    assert done.devices[0].confirmed_at is not None

    for w in (ops, coord):
        with w.transaction() as s:
            assert audit.verify_chain(s) == []
            assert (
                s.scalar(
                    select(func.count())
                    .select_from(AuditEvent)
                    .where(AuditEvent.family_id == case.family_id)
                )
                == 0
            )
        assert hits(w.path, _key(w), _canaries(case)) == [], w.identity.role


def test_a_stale_bundle_does_not_bring_the_case_back(pair):
    ops, coord = pair
    case = _prepare(ops)
    exchange(ops, coord)
    stale = export.export_bundle(coord, ops.device_id, full=True)  # made before the erasure
    erasure.erase_family(ops, case.family_id, "request")
    result = importer.import_bundle(ops, stale.data)
    assert any(
        "not imported" in w or "nie został" in w or "nie zostało" in w or "nie zostały" in w
        for w in result.warnings
    )
    with ops.transaction() as s:
        assert s.get(Family, case.family_id) is None
        assert s.scalar(select(func.count()).select_from(Person)) == 0


def test_a_restored_backup_reapplies_the_erasure(pair, tmp_path):
    ops, _coord = pair
    case = _prepare(ops)
    backup = tmp_path / "kopia.db"
    ops.vault.backup(backup)
    erasure.erase_family(ops, case.family_id, "retention")
    path = ops.path
    ops.lock()
    from app.store.vault import restore

    restore(backup, path, PASSPHRASE)
    again = setup.open_workspace(path, PASSPHRASE)
    try:
        with again.transaction() as s:
            assert s.get(Family, case.family_id) is None
            assert s.scalar(select(func.count()).select_from(ErasureNotice)) == 1
            assert audit.verify_chain(s) == []
        assert hits(path, _key(again), _canaries(case)) == []
    finally:
        again.lock()


def test_the_erasure_list_is_encrypted_and_private(pair):
    ops, _coord = pair
    case = _prepare(ops)
    erasure.erase_family(ops, case.family_id, "law")
    path = erasure_file.list_path(ops)
    raw = path.read_bytes()
    assert raw.startswith(b"age-encryption.org/v1")
    assert erasure.digest(case.family_id).encode() not in raw
    assert (path.stat().st_mode & 0o777) == 0o600
    [entry] = erasure_file.load(ops)
    assert entry["family_digest"] == erasure.digest(case.family_id)
    assert case.family_id not in json.dumps(entry)


def test_bad_reason_or_unknown_family_changes_nothing(pair):
    ops, _coord = pair
    case = _prepare(ops)
    with pytest.raises(ValidationError):
        erasure.erase_family(ops, case.family_id, "whim")
    with pytest.raises(NotFound):
        erasure.erase_family(ops, "00000000-0000-0000-0000-000000000000", "request")
    with ops.transaction() as s:
        assert s.get(Family, case.family_id) is not None
    assert erasure_file.load(ops) == []  # the list exists from the start, still empty


def test_coordinator_erases_first_and_a_stale_ops_bundle_leaves_no_trace(pair):
    from app.services import casefile

    ops, coord = pair
    case = _prepare(ops)
    exchange(ops, coord)
    done = erasure.erase_family(coord, case.family_id, "law")
    assert done.holders == (ops.device_id,)
    casefile.open_family(ops, case.family_id)  # a view: an audit entry naming the family
    exchange(ops, coord)  # made before the OPS learnt of the erasure
    with coord.transaction() as s:
        assert s.get(Family, case.family_id) is None
        assert audit.verify_chain(s) == []
    exchange(coord, ops)  # the notice
    exchange(ops, coord)  # the receipt
    [row] = status.list_erasures(coord)
    assert row.pending == ()
    for w in (ops, coord):
        erasure.vacuum_now(w)
        with w.transaction() as s:
            assert audit.verify_chain(s) == []
        assert hits(w.path, _key(w), _canaries(case)) == [], w.identity.role
