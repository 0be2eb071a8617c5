"""Erasing one member of a family, not the whole case (issue 14 §3), through the services.

The father's record and everything that is his alone go, on the OPS and, through the signed
notice, on the coordinator; the family and the other members stay; the father's PESEL and name
are in neither database file after VACUUM (the mother's still are: a positive control); a stale
bundle does not bring him back; a restored backup loses him again and keeps the rest.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.errors import NotFound, ValidationError
from app.models import Consent, DiagnosisParticipant, Family, Person
from app.services import audit, database
from app.services.rodo import erasure, member, status
from app.sync import export, importer
from tests.conftest import PASSPHRASE
from tests.factories import PESEL_FATHER, PESEL_MOTHER, make_full_case
from tests.rodo.pages import hits
from tests.rodo.test_erasure import _key, pair  # noqa: F401  (the fixture)
from tests.sync.helpers import exchange


def _father_canaries(case, ws) -> list[str]:
    with ws.transaction() as s:
        father = s.get(Person, case.father_id)
        assert father is not None
        return [PESEL_FATHER, case.father_id, father.first_name + " " + father.last_name]


def test_one_member_goes_everywhere_the_family_stays(pair, tmp_path):  # noqa: F811
    ops, coord = pair
    case = make_full_case(ops)
    canaries = _father_canaries(case, ops)
    exchange(ops, coord)
    stale = export.export_bundle(coord, ops.device_id, full=True)
    backup = database.write_backup(ops, tmp_path / "kopia.db")

    result = member.erase_member(ops, case.father_id, "request")
    assert result.rows >= 1 and result.holders == (coord.device_id,)
    with ops.transaction() as s:
        assert s.get(Person, case.father_id) is None
        assert s.get(Family, case.family_id) is not None
        assert s.get(Person, case.mother_id) is not None
        assert (
            s.scalar(
                select(func.count())
                .select_from(DiagnosisParticipant)
                .where(DiagnosisParticipant.person_id == case.father_id)
            )
            == 0
        )
        assert not s.scalars(select(Consent).where(Consent.person_id == case.father_id)).all()
    [row] = status.list_erasures(ops)
    assert [d.device_id for d in row.pending] == [coord.device_id]
    importer.import_bundle(ops, stale.data)  # made before the erasure: he stays erased
    with ops.transaction() as s:
        assert s.get(Person, case.father_id) is None
        assert s.get(Person, case.mother_id) is not None

    exchange(ops, coord)
    with coord.transaction() as s:
        assert s.get(Person, case.father_id) is None
        assert s.get(Person, case.mother_id) is not None
        assert s.get(Family, case.family_id) is not None
    exchange(coord, ops)
    [row] = status.list_erasures(ops)
    assert row.pending == ()

    for w in (ops, coord):
        erasure.vacuum_now(w)
        with w.transaction() as s:
            assert audit.verify_chain(s) == []
        assert hits(w.path, _key(w), canaries) == [], w.identity.role
        assert PESEL_MOTHER in hits(w.path, _key(w), [PESEL_MOTHER])  # the rest is still there

    target = ops.path
    ops.lock()
    restored, _kept = database.restore_backup(backup, target, PASSPHRASE)
    try:
        with restored.transaction() as s:
            assert s.get(Person, case.father_id) is None
            assert s.get(Person, case.mother_id) is not None
            assert s.get(Family, case.family_id) is not None
    finally:
        restored.lock()


def test_an_unknown_person_or_reason_changes_nothing(pair):  # noqa: F811
    ops, _coord = pair
    case = make_full_case(ops)
    with pytest.raises(NotFound):
        member.erase_member(ops, "00000000-0000-0000-0000-000000000000", "request")
    with pytest.raises(ValidationError):
        member.erase_member(ops, case.father_id, "whim")
    with ops.transaction() as s:
        assert s.get(Person, case.father_id) is not None
