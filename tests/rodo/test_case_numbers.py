"""A case number is never given twice, even after the case that had it was erased.

Seen in the GUI walk: a case handed over to the archive (its protocol and package name
``2005092/2026/0001``) was erased, and the next family registered got ``2005092/2026/0001``
again — two cases with one sign in the archive's and the coordinator's papers.
"""

from __future__ import annotations

from datetime import date

from app.services import families
from app.services.rodo import erasure


def _register(ws) -> str:
    family = families.register_family(
        ws, families.FamilyInput(gmina_code="2005092", locality="Narewka")
    )
    return family.case_number


def test_an_erased_case_keeps_its_number(ws):
    first = families.register_family(
        ws, families.FamilyInput(gmina_code="2005092", locality="Narewka")
    )
    second = _register(ws)
    erasure.erase_family(ws, first.id, "request", vacuum=False)
    third = _register(ws)
    assert len({first.case_number, second, third}) == 3
    assert third.endswith("/0003")


def test_the_last_case_erased_does_not_free_its_number(ws):
    only = families.register_family(
        ws, families.FamilyInput(gmina_code="2005092", locality="Narewka")
    )
    erasure.erase_family(ws, only.id, "request", vacuum=False)
    assert _register(ws) != only.case_number


def test_a_number_typed_by_the_worker_is_not_given_again_after_its_erasure(ws):
    typed = families.register_family(
        ws,
        families.FamilyInput(
            gmina_code="2005092",
            locality="Narewka",
            case_number=f"2005092/{date.today().year}/0040",
        ),
    )
    erasure.erase_family(ws, typed.id, "request", vacuum=False)
    numbers = {_register(ws) for _ in range(2)}
    assert typed.case_number not in numbers
