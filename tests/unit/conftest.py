"""Fixtures shared by the unit tests of the case rules."""

from __future__ import annotations

from datetime import date

import pytest

from app.services import families, persons
from tests.conftest import OPS_GMINA


@pytest.fixture
def stranger(ws) -> str:
    """The id of an adult member of another family of the same gmina."""
    other = families.register_family(
        ws, families.FamilyInput(gmina_code=OPS_GMINA, locality="Lipiny")
    )
    person = persons.PersonInput(
        "Jan",
        "Obcy",
        document_type="passport",
        document_number="FE123456",
        birth_date=date(1990, 2, 1),
        sex="M",
    )
    return persons.add_person(ws, other.id, person).id
