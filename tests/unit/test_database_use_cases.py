"""Passphrase change, backup and restore: one function each, with its audit event."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.errors import WrongPassphrase
from app.models import AuditEvent, Family
from app.services import database, families, setup
from tests.conftest import PASSPHRASE

NEW_PASSPHRASE = "czerwony-dach-nad-Biebrzą-77"


def _actions(ws) -> list[str]:
    with ws.transaction() as s:
        return list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)))


def test_changing_the_passphrase_is_audited_and_the_new_one_opens(ws):
    path = ws.path
    database.change_passphrase(ws, PASSPHRASE, NEW_PASSPHRASE)
    assert _actions(ws)[-1] == "passwd"
    ws.lock()
    with pytest.raises(WrongPassphrase):
        setup.open_workspace(path, PASSPHRASE)
    setup.open_workspace(path, NEW_PASSPHRASE).lock()


def test_a_backup_restores_what_it_held_and_both_are_audited(ws, tmp_path):
    kept_family = families.register_family(
        ws, families.FamilyInput(gmina_code="2005092", locality="Lipiny")
    )
    copy = database.write_backup(ws, tmp_path / "kopia.db")
    assert _actions(ws)[-1] == "backup"
    families.register_family(ws, families.FamilyInput(gmina_code="2005092", locality="Narewka"))
    target = ws.path
    ws.lock()
    steps: list[tuple[int, int]] = []
    restored, previous = database.restore_backup(
        copy, target, PASSPHRASE, progress=lambda d, t: steps.append((d, t))
    )
    try:
        with restored.transaction() as s:
            assert [f.id for f in s.scalars(select(Family))] == [kept_family.id]
        assert _actions(restored)[-1] == "restore"
    finally:
        restored.lock()
    assert steps[-1] == (2, 2)
    assert previous is not None and previous.exists()  # the replaced database is kept


def test_a_restore_with_the_wrong_passphrase_changes_nothing(ws, tmp_path):
    copy = database.write_backup(ws, tmp_path / "kopia.db")
    target = ws.path
    ws.lock()
    before = target.read_bytes()
    with pytest.raises(WrongPassphrase):
        database.restore_backup(copy, target, "to-nie-jest-dobre-haslo")
    assert target.read_bytes() == before
