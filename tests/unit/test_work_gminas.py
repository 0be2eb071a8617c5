"""Which gminas a role may work in: one rule in the core (the forms offer exactly these)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.errors import EXIT_VALIDATION, ValidationError
from app.models import AuditEvent, Family, Person
from app.services import dump, families, persons, reference
from app.services.families import FamilyInput
from app.services.record_rules import InvalidRecord
from app.services.reference import may_work_in
from tests.conftest import OPS_GMINA, PASSPHRASE


def test_an_ops_works_in_its_own_gmina_only():
    assert may_work_in("ops", "2005092", "2005092")
    assert not may_work_in("ops", "2005092", "2005082")  # Narew, the same powiat


def test_a_coordinator_works_in_every_gmina_of_its_powiat():
    assert may_work_in("coordinator", "2005", "2005082")
    assert may_work_in("coordinator", "2005", "2005011")
    assert not may_work_in("coordinator", "2005", "2006011")  # the next powiat
    assert not may_work_in("coordinator", "2005", "2005")  # the powiat is not a gmina


def test_the_installations_gminas(ws, coordinator_ws):
    assert [u.code for u in reference.work_gminas(ws)] == ["2005092"]
    powiat = [u.code for u in reference.work_gminas(coordinator_ws)]
    assert len(powiat) > 5 and "2005092" in powiat and "2005011" in powiat
    assert all(code.startswith("2005") and len(code) == 7 for code in powiat)


# -- the rule where families are written: the services, `load` and the CLI ----------------------

NAREW = "2005082"  # the same powiat as Narewka, another gmina


def _family_count(ws) -> int:
    with ws.transaction() as s:
        return s.scalar(select(func.count()).select_from(Family))


def _audit_count(ws) -> int:
    with ws.transaction() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent))


def test_an_ops_registers_no_family_in_another_gmina(ws):
    families_before, audit_before = _family_count(ws), _audit_count(ws)
    with pytest.raises(ValidationError) as info:
        families.register_family(ws, FamilyInput(gmina_code=NAREW, locality="Narew"))
    assert info.value.field == "gmina_code"
    assert "Narew" in info.value.message and NAREW in info.value.message
    with pytest.raises(ValidationError):  # the registration form's use case, member and all
        persons.register_family_with_member(
            ws,
            FamilyInput(gmina_code=NAREW, locality="Narew"),
            persons.PersonInput(first_name="Jan", last_name="Nowak", relation="applicant"),
        )
    assert (_family_count(ws), _audit_count(ws)) == (families_before, audit_before)
    with ws.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 0


def test_an_ops_moves_no_family_into_another_gmina(ws):
    family = families.register_family(ws, FamilyInput(gmina_code=OPS_GMINA, locality="Lipiny"))
    audit_before = _audit_count(ws)
    with pytest.raises(ValidationError) as info:
        families.update_family(ws, family.id, FamilyInput(gmina_code=NAREW, locality="Narew"))
    assert info.value.field == "gmina_code"
    with ws.transaction() as s:
        kept = s.get(Family, family.id)
        assert (kept.gmina_code, kept.locality) == (OPS_GMINA, "Lipiny")
    assert _audit_count(ws) == audit_before


def test_a_coordinator_registers_in_its_powiat_only(coordinator_ws):
    family = families.register_family(
        coordinator_ws, FamilyInput(gmina_code=NAREW, locality="Narew")
    )
    families.update_family(
        coordinator_ws, family.id, FamilyInput(gmina_code=OPS_GMINA, locality="Narewka")
    )
    with pytest.raises(ValidationError) as info:
        families.register_family(
            coordinator_ws, FamilyInput(gmina_code="1465011", locality="Warszawa")
        )
    assert info.value.field == "gmina_code"
    assert _family_count(coordinator_ws) == 1


def test_load_refuses_a_family_outside_the_area(coordinator_ws, ws, tmp_path, capsys, monkeypatch):
    from app.cli import main

    families.register_family(coordinator_ws, FamilyInput(gmina_code=NAREW, locality="Narew"))
    data = json.loads(dump.dump_json(coordinator_ws))
    before = dump.dump_json(ws)
    with pytest.raises(InvalidRecord) as info:
        dump.load_data(ws, data)
    assert info.value.exit_code == EXIT_VALIDATION and "(sprawa " in info.value.message
    assert dump.dump_json(ws) == before  # nothing written

    bad = tmp_path / "powiat.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    path = ws.path
    ws.lock()
    monkeypatch.setenv("KOOPERACJA_PASSPHRASE", PASSPHRASE)
    assert main(["--db", str(path), "load", "--json", str(bad)]) == EXIT_VALIDATION
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Błąd: Nieprawidłowy rekord (sprawa ")
    assert "Narew" in err[0]


def test_sync_uses_the_same_rule():
    """The bundle check (``authorize.in_area``) is ``may_work_in`` for the sending device."""
    from app.models import Device
    from app.sync.authorize import in_area

    for role, unit in (("ops", OPS_GMINA), ("coordinator", "2005")):
        device = Device(device_id="d", role=role, unit_code=unit)
        for gmina in (OPS_GMINA, NAREW, "1465011", "2005"):
            assert in_area(device, gmina) == may_work_in(role, unit, gmina)
