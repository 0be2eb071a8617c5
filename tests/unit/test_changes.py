"""``Changes``: what a job wrote, recorded by the workspace for every flushed or bulk row."""

from __future__ import annotations

import pytest

from app import demo
from app.errors import ValidationError
from app.models import AuditEvent, Family, Person, Review, Service, Visit
from app.services import changes, families, persons, search
from app.services.changes import Changes
from app.services.families import FamilyInput
from app.services.persons import PersonInput


def _register(ws) -> Family:
    return families.register_family(ws, FamilyInput(gmina_code="2005092", locality="Lipiny"))


def test_a_write_records_its_tables_and_family(ws):
    family = _register(ws)
    with changes.recording() as log:
        persons.add_person(
            ws, family.id, PersonInput(first_name="Anna", last_name="Nowak", pesel="44051401359")
        )
    got = log.changes
    assert got.touches(Person)
    assert got.touches(Person, family=family.id)
    assert not got.touches(Person, family="another-family")
    assert got.touches_family(family.id)
    assert not got.touches(Review, Visit, Service)
    assert got.touches(AuditEvent)  # the audit trail is a table like any other


def test_a_new_family_counts_as_touching_any_family(ws):
    """Its id is given at flush time: the record does not guess, it says "any family"."""
    with changes.recording() as log:
        family = _register(ws)
    assert log.changes.touches(Family, family=family.id)
    assert log.changes.touches(Family, family="another-family")


def test_reading_records_nothing(ws, family_case):
    with changes.recording() as log:
        search.search_families(ws)
    assert not log.changes
    assert not log.changes.touches(Family)


def test_a_refused_write_records_nothing(ws):
    family = _register(ws)
    with changes.recording() as log, pytest.raises(ValidationError):
        persons.add_person(ws, family.id, PersonInput(first_name="", last_name=""))
    assert not log.changes


def test_a_rolled_back_transaction_records_nothing(ws):
    family = _register(ws)
    with changes.recording() as log, pytest.raises(RuntimeError), ws.transaction() as s:
        s.get(Family, family.id).locality = "Narewka"
        s.flush()
        raise RuntimeError("after the flush, before the commit")
    assert not log.changes


def test_bulk_inserts_are_recorded(ws):
    """The demo generator writes with bulk ``insert``s, which never pass ``before_flush``."""
    with changes.recording() as log:
        demo.generate(ws, families=2, seed=3)
    assert log.changes.touches(Family, Person, Visit)
    some_family = search.search_families(ws).rows[0].id
    assert log.changes.touches(Person, family=some_family)


def test_writes_outside_a_recording_go_nowhere(ws):
    with changes.recording() as log:
        pass
    _register(ws)
    assert not log.changes


def test_changes_combine():
    a = Changes(frozenset({"person"}), frozenset({"f1"}))
    b = Changes(frozenset({"visit"}), frozenset({"f2"}))
    both = a | b
    assert both.touches(Person, family="f1") and both.touches(Visit, family="f2")
    assert (a | Changes(frozenset({"family"}), None)).families is None
    assert not Changes()
