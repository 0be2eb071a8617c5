"""Authentic but hostile bundles: a registered device writes what it may not write.

Each attack is a bundle signed with the attacker's own, registered key (an OPS laptop of gmina
Narewka, 2005092), built from a genuine bundle: records of another gmina (Białowieża,
2005022), an overwrite and a deletion of that gmina's family, a family moved between gminas,
a record pulled out of another family, the coordinator's reference data, a forged stamp of
another device and another device's audit log.  Every one is refused as a whole, with its own
message naming the kind of record, and the coordinator's database stays byte-identical.
"""

from __future__ import annotations

import time
import uuid
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from app.models import AuditEvent, CooperationTeam, Family, Institution, Person, Service
from app.models.hlc import format_stamp
from app.services import families, persons, registry
from app.services.records import to_record
from app.services.setup import home_institution_id
from app.sync import export
from app.sync.errors import BundleRefused
from app.sync.importer import import_bundle
from tests.sync.forge import dump_lines, open_parts, reseal, resign
from tests.sync.helpers import db_hash, edit, exchange, introduce, make_device

NAREWKA, BIALOWIEZA = "2005092", "2005022"


def _family(ws, gmina: str, locality: str, first: str) -> tuple[str, str]:
    fam = families.register_family(
        ws, families.FamilyInput(gmina_code=gmina, locality=locality, phone="600 000 001")
    )
    p = persons.add_person(
        ws,
        fam.id,
        persons.PersonInput(
            first_name=first, last_name="Łęcka", document_type="id_card", document_number="X1"
        ),
    )
    return fam.id, p.id


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    folder = tmp_path_factory.mktemp("authorize")
    a = make_device(folder / "a.db", "ops", NAREWKA, "GOPS Narewka", "Anna Kowalczyk")
    a2 = make_device(folder / "a2.db", "ops", NAREWKA, "GOPS Narewka", "Piotr Nowak")
    b = make_device(folder / "b.db", "ops", BIALOWIEZA, "GOPS Białowieża", "Olga Sawicka")
    c = make_device(folder / "c.db", "coordinator", "2005", "PCPR Hajnówka", "Ewa Zawadzka")
    for ops in (a, a2, b):
        introduce(ops, c)
    team = registry.save_team(c, registry.TeamInput(name="PZK powiatu", teryt_code="2005"))
    a_family, a_person = _family(a, NAREWKA, "Narewka", "Ala")
    b_family, b_person = _family(b, BIALOWIEZA, "Białowieża", "Ola")
    for ops in (a, b, a2):
        exchange(ops, c)
    for ops in (a, b, a2):
        exchange(c, ops)
    edit(a2, Family, a_family, notes="wizyta A2")  # A2 writes on the family both hold
    exchange(a2, c)
    exchange(c, a)
    w = SimpleNamespace(
        a=a,
        a2=a2,
        b=b,
        c=c,
        team_id=team.id,
        a_family=a_family,
        a_person=a_person,
        b_family=b_family,
        b_person=b_person,
    )
    yield w
    for ws in (a, a2, b, c):
        ws.lock()


def _record(ws, model, row_id) -> dict:
    with ws.transaction() as s:
        return to_record(s.get(model, row_id))


def _stamp(device: str, ahead_ms: int = 0) -> str:
    return format_stamp(int(time.time() * 1000) + ahead_ms, 0, device)


def _line(tbl: str, record: dict, vv: list[str], stamps: dict | None = None) -> dict:
    return {"t": tbl, "r": record, "s": stamps or {}, "v": sorted(vv)}


def _written_by(record: dict, device: str, *, keep_vv: list[str] = ()) -> tuple[dict, list[str]]:
    """The record as a new write of ``device`` (newest version), keeping ``keep_vv``."""
    version = _stamp(device)
    record = dict(record, version=version, origin_device=device)
    vv = [s for s in keep_vv if not s.endswith("." + device)] + [version]
    return record, vv


def _vv(ws, tbl: str, row_id: str) -> list[str]:
    import json

    from app.models.sync_state import SyncRow

    with ws.transaction() as s:
        return json.loads(
            s.scalar(select(SyncRow.vv).where(SyncRow.tbl == tbl, SyncRow.row_id == row_id))
        )


def attack(w, lines: list[dict], *, signer=None, sender=None, recipient=None, audit=None):
    """A bundle from ``sender`` (default A) to ``recipient`` (default C) carrying ``lines``."""
    sender = sender or w.a
    recipient = recipient or w.c
    genuine = export.export_bundle(sender, recipient.device_id).data
    parts = open_parts(genuine, recipient)
    counts: dict[str, int] = {}
    for line in lines:
        counts[line["t"]] = counts.get(line["t"], 0) + 1
    parts = resign(
        parts,
        signer or sender,
        records=dump_lines(lines),
        audit=audit,
        counts=counts,
    )
    return reseal(parts, recipient)


def refuse(ws, data, code: str) -> str:
    before = db_hash(ws)
    with pytest.raises(BundleRefused) as info:
        import_bundle(ws, data)
    assert info.value.code == code, info.value.message
    assert db_hash(ws) == before
    return info.value.message


def test_new_family_in_another_gmina_is_refused(world):
    w = world
    fam = dict(_record(w.a, Family, w.a_family), id=str(uuid.uuid4()), gmina_code=BIALOWIEZA)
    fam, vv = _written_by(fam, w.a.device_id)
    message = refuse(w.c, attack(w, [_line("family", fam, vv)]), "not_in_area")
    assert BIALOWIEZA in message and "(sprawa)" in message and "Nic nie zaimportowano" in message


def test_overwrite_and_deletion_of_another_gminas_family_are_refused(world):
    w = world
    theirs = _record(w.c, Family, w.b_family)
    for change in ({"phone": "700 700 700"}, {"deleted": True}):
        fam, vv = _written_by(
            dict(theirs, **change), w.a.device_id, keep_vv=_vv(w.c, "family", w.b_family)
        )
        refuse(w.c, attack(w, [_line("family", fam, vv)]), "not_in_area")


def test_member_added_to_another_gminas_family_is_refused(world):
    w = world
    person = dict(_record(w.a, Person, w.a_person), id=str(uuid.uuid4()), family_id=w.b_family)
    person, vv = _written_by(person, w.a.device_id)
    message = refuse(w.c, attack(w, [_line("person", person, vv)]), "not_in_area")
    assert "członek rodziny" in message


def test_record_pulled_out_of_another_family_is_refused(world):
    """B's family member re-parented into A's own family: the family it leaves is not A's."""
    w = world
    person = dict(_record(w.c, Person, w.b_person), family_id=w.a_family)
    person, vv = _written_by(person, w.a.device_id, keep_vv=_vv(w.c, "person", w.b_person))
    refuse(w.c, attack(w, [_line("person", person, vv)]), "not_in_area")


def test_gmina_change_of_own_family_is_refused_as_a_field_edit(world):
    w = world
    fam = dict(_record(w.a, Family, w.a_family), gmina_code=BIALOWIEZA)
    fam, vv = _written_by(fam, w.a.device_id, keep_vv=_vv(w.a, "family", w.a_family))
    message = refuse(w.c, attack(w, [_line("family", fam, vv)]), "gmina_change")
    assert NAREWKA in message and BIALOWIEZA in message


def test_coordinators_reference_data_cannot_be_changed_by_an_ops(world):
    w = world
    home = home_institution_id("coordinator", "2005")
    inst = dict(_record(w.c, Institution, home), phone="000 000 000")
    inst, vv = _written_by(inst, w.a.device_id, keep_vv=_vv(w.c, "institution", home))
    message = refuse(w.c, attack(w, [_line("institution", inst, vv)]), "not_owner")
    assert "instytucja" in message
    with w.c.transaction() as s:
        seeded = s.scalars(select(Service).order_by(Service.code)).first()
    service = dict(_record(w.c, Service, seeded.id), name="Usługa podmieniona")
    service, vv = _written_by(service, w.a.device_id, keep_vv=_vv(w.c, "service", seeded.id))
    refuse(w.c, attack(w, [_line("service", service, vv)]), "not_owner")


def test_no_rows_hung_under_the_coordinators_team(world):
    w = world
    with w.c.transaction() as s:
        team = to_record(s.get(CooperationTeam, w.team_id))
        membership = {
            "id": str(uuid.uuid4()),
            "team_id": team["id"],
            "institution_id": home_institution_id("ops", NAREWKA),
            "representative": "",
            "role": "",
            "joined_on": None,
            "left_on": None,
            "deleted": False,
        }
    membership, vv = _written_by(membership, w.a.device_id)
    refuse(w.c, attack(w, [_line("team_membership", membership, vv)]), "not_owner")


def test_an_ops_own_reference_data_still_travels(world):
    """What an OPS created itself it may change later (the rule is ownership, not role)."""
    w = world
    inst = registry.save_institution(
        w.a, registry.InstitutionInput(name="Szkoła w Narewce", sector_code="education")
    )
    exchange(w.a, w.c)
    registry.save_institution(
        w.a,
        registry.InstitutionInput(name="Szkoła Podstawowa w Narewce", sector_code="education"),
        inst.id,
    )
    assert exchange(w.a, w.c).changed == 1
    with w.c.transaction() as s:
        assert s.get(Institution, inst.id).name == "Szkoła Podstawowa w Narewce"


def test_forged_stamp_of_another_device_is_refused(world):
    """A forges a write of A2, ten minutes ahead, on the family both hold."""
    w = world
    fam = dict(_record(w.a, Family, w.a_family), phone="999 999 999")
    forged = _stamp(w.a2.device_id, ahead_ms=10 * 60 * 1000)
    vv = [s for s in _vv(w.a, "family", w.a_family) if not s.endswith(w.a2.device_id)]
    fam = dict(fam, version=forged, origin_device=w.a2.device_id)
    message = refuse(w.c, attack(w, [_line("family", fam, [*vv, forged])]), "foreign_stamp")
    assert w.a2.device_id in message and w.a.device_id in message


def test_known_stamp_of_another_device_reused_on_another_field_is_refused(world):
    """A pins its own value on A2's genuine, already known write: the field stamp is new."""
    w = world
    record = _record(w.a, Family, w.a_family)
    vv = _vv(w.a, "family", w.a_family)
    a2_stamp = next(s for s in vv if s.endswith(w.a2.device_id))
    ours, vv = _written_by(record, w.a.device_id, keep_vv=vv)
    line = _line("family", dict(ours, phone="111 111 111"), vv, stamps={"phone": a2_stamp})
    refuse(w.c, attack(w, [line]), "foreign_stamp")


def test_another_devices_audit_log_is_refused(world):
    w = world
    with w.c.transaction() as s:
        theirs = s.scalars(
            select(AuditEvent).where(AuditEvent.device_id == w.b.device_id).limit(1)
        ).all()
    audit = dump_lines([to_record(e) for e in theirs])
    genuine = export.export_bundle(w.a, w.c.device_id).data
    parts = open_parts(genuine, w.c)
    import json

    from app.sync import container

    m = json.loads(parts[container.MANIFEST])
    head = dict(m["audit_head"], events=len(theirs))
    data = reseal(resign(parts, w.a, audit=audit, audit_head=head), w.c)
    refuse(w.c, data, "audit")


def test_coordinator_writes_only_its_powiat(world):
    """The coordinator of powiat hajnowski may not send a family of another powiat."""
    w = world
    fam = dict(_record(w.a, Family, w.a_family), id=str(uuid.uuid4()), gmina_code="2006011")
    fam, vv = _written_by(fam, w.c.device_id)
    data = attack(w, [_line("family", fam, vv)], sender=w.c, recipient=w.a)
    refuse(w.a, data, "not_in_area")


def test_genuine_bundles_still_flow_after_the_attacks(world):
    """Unchanged echoes are fine: the genuine bundles keep flowing after all the attacks."""
    w = world
    edit(w.a, Family, w.a_family, phone="600 123 456")
    assert exchange(w.a, w.c).changed == 1
    assert exchange(w.c, w.a2).changed >= 1


def test_every_synchronised_table_has_a_kind_name():
    from app.models import SYNCED_MODELS
    from app.sync.kinds import RECORD_KINDS

    assert {m.__tablename__ for m in SYNCED_MODELS} == set(RECORD_KINDS)
