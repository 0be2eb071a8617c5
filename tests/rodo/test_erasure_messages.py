"""What a worker is told about the erasure notices a bundle carried: only what happened here.

The session 9 walk saw the coordinator's import say "1 case was erased here" for a case it had
never held (the OPS erased it before it was ever shared).  A notice for data this computer does
not hold is recorded and confirmed, and the message says so; a person's erasure is not called a
case's.  Real databases, real bundles, Polish messages.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.models import ErasureNotice
from app.services.rodo import erasure, member
from tests.factories import make_full_case
from tests.sync.helpers import exchange, narewka_and_hajnowka


@pytest.fixture
def pair(tmp_path):
    with narewka_and_hajnowka(tmp_path) as devices:
        yield devices


def _about_erasure(warnings: list[str]) -> list[str]:
    return [w for w in warnings if "usun" in w.lower() or "żądani" in w.lower()]


def test_a_case_never_held_here_is_not_said_to_be_erased_here(pair):
    ops, coord = pair
    case = make_full_case(ops)
    erasure.erase_family(ops, case.family_id, "request", vacuum=False)

    result = exchange(ops, coord)

    with coord.transaction() as s:  # the notice itself is kept: a later copy is refused by it
        assert s.scalar(select(func.count()).select_from(ErasureNotice)) == 1
    said = _about_erasure(result.warnings)
    assert not any("Usunięto tutaj" in w for w in said), said
    assert said == [
        "Zapisano 1 zawiadomienie o usunięciu danych, których ten komputer nie miał; "
        "potwierdzenie wróci z następną paczką."
    ]


def test_a_case_held_here_is_said_to_be_erased_here(pair):
    ops, coord = pair
    case = make_full_case(ops)
    exchange(ops, coord)
    erasure.erase_family(ops, case.family_id, "request", vacuum=False)

    said = _about_erasure(exchange(ops, coord).warnings)

    assert said == [
        "Usunięto tutaj 1 sprawę na żądanie nadawcy; potwierdzenie wróci z następną paczką."
    ]


def test_a_persons_erasure_is_not_called_a_case(pair):
    ops, coord = pair
    case = make_full_case(ops)
    exchange(ops, coord)
    member.erase_member(ops, case.child_id, "request")

    said = _about_erasure(exchange(ops, coord).warnings)

    assert said == [
        "Usunięto tutaj dane 1 osoby na żądanie nadawcy; potwierdzenie wróci z następną paczką."
    ]
