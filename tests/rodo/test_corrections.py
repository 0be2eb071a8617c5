"""Corrections (art. 16): who corrected which field is audited, and the correction reaches
the coordinator with the next bundle."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app import cli
from app.errors import ValidationError
from app.models import AuditEvent, Person
from app.services.rodo import corrections
from tests.conftest import PASSPHRASE
from tests.factories import make_full_case
from tests.sync.helpers import exchange, introduce, make_device


def test_a_correction_is_audited_and_reaches_the_coordinator(tmp_path):
    ops = make_device(tmp_path / "ops.db", "ops", "2005092", "GOPS Narewka", "Anna Kowalczyk")
    coord = make_device(tmp_path / "c.db", "coordinator", "2005", "PCPR Hajnówka", "Ewa Zawadzka")
    try:
        introduce(ops, coord)
        case = make_full_case(ops)
        exchange(ops, coord)
        changed = corrections.correct_person(
            ops, case.mother_id, {"last_name": "Łęcka-Źdźbło", "phone": "600 100 300"}
        )
        assert changed == ["last_name", "phone"]
        assert corrections.correct_person(ops, case.mother_id, {"phone": "600 100 300"}) == []
        with pytest.raises(ValidationError):
            corrections.correct_person(ops, case.mother_id, {"pesel": "12345678901"})
        with pytest.raises(ValidationError):
            corrections.correct_person(ops, case.mother_id, {"family_id": "x"})
        exchange(ops, coord)
        with coord.transaction() as s:
            person = s.get(Person, case.mother_id)
            assert person is not None and person.last_name == "Łęcka-Źdźbło"
            [event] = s.scalars(select(AuditEvent).where(AuditEvent.action == "correct")).all()
            assert event.actor == "Anna Kowalczyk" and event.detail == "last_name,phone"
            assert event.device_id == ops.device_id
            assert "Łęcka" not in event.detail
    finally:
        ops.lock()
        coord.lock()


def test_cli_correct(ws, family_case, monkeypatch, capsys):
    monkeypatch.setenv("KOOPERACJA_PASSPHRASE", PASSPHRASE)
    path = str(ws.path)
    ws.lock()
    base = ["--db", path, "rodo", "correct", "--person", family_case.mother_id]
    assert cli.main([*base, "--set", "school=Szkoła Podstawowa w Narewce"]) == 0
    assert "school" in capsys.readouterr().out
    assert cli.main([*base, "--set", "school"]) == 2
    assert cli.main([*base, "--set", "birth_date=1985-13-40"]) == 4
