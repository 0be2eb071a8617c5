"""Identifier validation (python-stdnum) and person rules: PESEL facts, duplicates, documents."""

from __future__ import annotations

from datetime import date

import pytest
from faker import Faker
from hypothesis import given, settings
from hypothesis import strategies as st

from app.errors import ValidationError
from app.services import families, persons, registry
from app.services.validation import (
    check_nip,
    check_pesel,
    check_postal_code,
    check_regon,
    pesel_facts,
)
from tests.factories import PESEL_CHILD, PESEL_MOTHER


def test_pesel_facts_and_consistency():
    assert pesel_facts(PESEL_MOTHER) == (date(1985, 3, 4), "F")
    assert check_pesel(" 8503 0484 082 ") == PESEL_MOTHER
    with pytest.raises(ValidationError) as err:
        check_pesel(PESEL_MOTHER, birth_date=date(1985, 3, 5))
    assert err.value.field == "birth_date" and "04.03.1985" in err.value.message
    with pytest.raises(ValidationError) as err:
        check_pesel(PESEL_MOTHER, sex="M")
    assert err.value.field == "sex"
    for bad in ("85030484083", "8503048408", "abcdefghijk", "85133184082"):
        with pytest.raises(ValidationError) as err:
            check_pesel(bad)
        assert err.value.field == "pesel"
        assert "PESEL" in err.value.message


@settings(max_examples=200, deadline=None)
@given(
    born=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    sex=st.sampled_from(["F", "M"]),
    seed=st.integers(0, 2**31),
)
def test_every_generated_pesel_roundtrips(born, sex, seed):
    fake = Faker("pl_PL")
    fake.seed_instance(seed)
    pesel = fake.pesel(date_of_birth=born, sex=sex)
    assert pesel_facts(pesel) == (born, sex)


def test_nip_regon_postal_code():
    assert check_nip("526-104-08-28") == "5261040828"
    with pytest.raises(ValidationError):
        check_nip("5261040829")
    assert check_regon("123456785") == "123456785"
    with pytest.raises(ValidationError):
        check_regon("123456786")
    assert check_postal_code("17-220") == "17-220"
    with pytest.raises(ValidationError):
        check_postal_code("17220")


def test_person_gets_birth_date_and_sex_from_pesel(ws):
    fam = families.register_family(ws, families.FamilyInput("2005092", "Narewka"))
    p = persons.add_person(ws, fam.id, persons.PersonInput("Zuzanna", "Łęcka", pesel=PESEL_CHILD))
    assert (p.birth_date, p.sex) == (date(2012, 7, 23), "F")
    assert p.last_name_folded == "lecka"


def test_person_needs_pesel_or_document(ws):
    fam = families.register_family(ws, families.FamilyInput("2005092", "Narewka"))
    with pytest.raises(ValidationError) as err:
        persons.add_person(ws, fam.id, persons.PersonInput("Olena", "Kovalenko"))
    assert "numer dokumentu" in err.value.message
    p = persons.add_person(
        ws,
        fam.id,
        persons.PersonInput(
            "Olena",
            "Kovalenko",
            document_type="passport",
            document_number="FE123456",
            birth_date=date(1990, 2, 1),
            sex="F",
        ),
    )
    assert p.pesel == "" and p.document_number == "FE123456"


def test_duplicates_are_found_and_same_pesel_in_one_family_refused(ws):
    a = families.register_family(ws, families.FamilyInput("2005092", "Narewka"))
    b = families.register_family(ws, families.FamilyInput("2005092", "Zalesie"))
    first = persons.add_person(
        ws, a.id, persons.PersonInput("Grażyna", "Źdźbło", pesel=PESEL_MOTHER)
    )
    with pytest.raises(ValidationError):
        persons.add_person(ws, a.id, persons.PersonInput("Grażyna", "Źdźbło", pesel=PESEL_MOTHER))
    hits = persons.find_duplicates(ws, pesel=PESEL_MOTHER)
    assert [(h.person_id, h.reason) for h in hits] == [(first.id, "pesel")]
    hits = persons.find_duplicates(ws, last_name="ZDZBLO", birth_date=date(1985, 3, 4))
    assert [h.reason for h in hits] == ["name_birth"]
    assert persons.find_duplicates(ws, pesel=PESEL_MOTHER, exclude_person_id=first.id) == []
    # another family may hold the same person (a warning, not an error)
    persons.add_person(ws, b.id, persons.PersonInput("Grażyna", "Źdźbło", pesel=PESEL_MOTHER))


def test_family_requires_known_gmina_and_locality(ws):
    with pytest.raises(ValidationError) as err:
        families.register_family(ws, families.FamilyInput("9999999", "Narewka"))
    assert err.value.field == "gmina_code"
    with pytest.raises(ValidationError) as err:
        families.register_family(ws, families.FamilyInput("2005092", "  "))
    assert err.value.field == "locality"


def test_institution_validation(ws):
    with pytest.raises(ValidationError) as err:
        registry.save_institution(
            ws, registry.InstitutionInput("PUP", "labour_market", nip="1234567890")
        )
    assert err.value.field == "nip"
    inst = registry.save_institution(
        ws, registry.InstitutionInput("PUP", "labour_market", nip="5261040828")
    )
    assert inst.nip == "5261040828"
