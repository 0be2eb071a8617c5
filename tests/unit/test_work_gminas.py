"""Which gminas a role may work in: one rule in the core (the forms offer exactly these)."""

from __future__ import annotations

from app.services import reference
from app.services.reference import may_work_in


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
