"""A bundle signed by a registered peer still goes through the domain rules of a form.

The sender's own key signs each forged bundle (a stolen or buggy device): the records are well
formed, so only the domain rules (``app.services.record_rules``) can catch them.
"""

from __future__ import annotations

import json

import pytest

from app.services.audit_words import entity_label
from app.sync.errors import BundleRefused
from app.sync.importer import import_bundle
from tests.sync.forge import dump_lines, record_lines, reseal, resign
from tests.sync.helpers import db_hash, signed_case_bundle


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    with signed_case_bundle(tmp_path_factory.mktemp("bundle-rules")) as w:
        yield w


def _signed(world, items: list[dict], *, added: tuple[dict, ...] = ()) -> bytes:
    """The OPS's bundle with ``items`` as its records, signed with its key again; the manifest
    counts ``added`` (rows among ``items`` the original did not have)."""
    counts = None
    if added:
        counts = json.loads(world.parts["manifest.json"])["counts"]
        for item in added:
            counts[item["t"]] += 1
    records = dump_lines(items)
    return reseal(resign(world.parts, world.ops, records=records, counts=counts), world.coord)


def _copy(item: dict, **fields) -> dict:
    """Another row like ``item`` (give it a new ``id``) with ``fields`` changed."""
    row = json.loads(json.dumps(item))
    row["r"].update(fields)
    return row


def _refused(world, data: bytes) -> str:
    """The coordinator refuses ``data`` as a record breaking a rule and changes nothing; the
    refusal's message."""
    before = db_hash(world.coord)
    with pytest.raises(BundleRefused) as info:
        import_bundle(world.coord, data)
    assert info.value.code == "record"
    assert db_hash(world.coord) == before
    return info.value.message


def _forged(world, table: str, **fields) -> bytes:
    items = record_lines(world.parts)
    item = next(i for i in items if i["t"] == table and (table != "person" or i["r"]["pesel"]))
    item["r"].update(fields)
    return _signed(world, items)


def _pesel_off_by_one(world) -> str:
    person = next(i for i in record_lines(world.parts) if i["t"] == "person" and i["r"]["pesel"])
    pesel = person["r"]["pesel"]
    return pesel[:10] + str((int(pesel[10]) + 1) % 10)


@pytest.mark.parametrize(
    ("table", "fields", "fragment"),
    [
        ("person", "bad_pesel", "PESEL"),
        ("person", {"birth_date": "1931-02-03"}, "data urodzenia"),
        ("family", {"postal_code": "17100"}, "kod pocztowy"),
        ("family", {"status": "lost"}, "status"),
        ("support_plan", {"period_to": "1990-01-01"}, "period_to"),
        ("visit", {"visit_on": "3103-05-01"}, "niewiarygodna data"),
        ("consent", {"valid_until": "2199-01-01"}, "niewiarygodna data"),
    ],
)
def test_a_signed_bundle_breaking_a_rule_is_refused(world, table, fields, fragment):
    if fields == "bad_pesel":
        fields = {"pesel": _pesel_off_by_one(world)}
    message = _refused(world, _forged(world, table, **fields))
    assert entity_label(table) in message and "wiersz" in message
    assert fragment.lower() in message.lower()
    assert "Nic nie zaimportowano" in message


OPS_HOME = "ops:2005092"  # GOPS Narewka, the sender, keeps the case


def _naming_the_centre(world, *, new_row: bool) -> bytes:
    """The OPS's bundle with a consent recipient naming the OPS itself (the family's controller):
    a changed recipient, or one more recipient added to the consent."""
    from app.services.setup import home_institution_id

    own = home_institution_id(*OPS_HOME.split(":"))
    items = record_lines(world.parts)
    line = next(i for i in items if i["t"] == "consent_recipient")
    if not new_row:
        line["r"]["institution_id"] = own
        return _signed(world, items)
    added = _copy(line, id="6d2c6f0e-54b8-4c1a-9d37-0a7f1f9a2b11", institution_id=own)
    return _signed(world, [*items, added], added=(added,))


@pytest.mark.parametrize("new_row", [False, True])
def test_a_signed_bundle_naming_the_ops_as_a_consent_recipient_is_refused(world, new_row):
    """The form and the service refuse the centre that keeps the case as a recipient of its own
    data; a bundle signed by that very centre is held to the same rule."""
    message = _refused(world, _naming_the_centre(world, new_row=new_row))
    assert "wiersz" in message and "administratorem" in message, message
    assert "Nic nie zaimportowano" in message


def test_a_signed_bundle_naming_another_familys_member_as_the_signer_is_refused(world):
    """The consent form offers only the family's own adults; a bundle that makes a member of
    another family (of the same gmina, so the sender may write both) sign is refused."""
    items = record_lines(world.parts)
    family = _copy(
        next(i for i in items if i["t"] == "family"),
        id="5b7f2f4e-0c1d-4c55-9a0e-3f1d2a6b7c01",
        case_number="2005092/2026/999",
    )
    stranger = _copy(
        next(i for i in items if i["t"] == "person"),
        id="5b7f2f4e-0c1d-4c55-9a0e-3f1d2a6b7c02",
        family_id=family["r"]["id"],
    )
    next(i for i in items if i["t"] == "consent")["r"]["person_id"] = stranger["r"]["id"]
    message = _refused(world, _signed(world, [family, stranger, *items], added=(family, stranger)))
    assert "(zgoda " in message and "członkiem rodziny" in message


def test_a_signed_bundle_with_a_consent_signed_by_a_child_is_refused(world):
    items = record_lines(world.parts)
    child = next(i for i in items if i["t"] == "person" and i["r"]["relation"] == "child")
    next(i for i in items if i["t"] == "consent")["r"]["person_id"] = child["r"]["id"]
    assert "pełnoletnia" in _refused(world, _signed(world, items))


def test_a_signed_bundle_scoring_another_plans_goal_is_refused(world):
    """A review scores the goals of its own programme only (``reviews.save_review``)."""
    items = record_lines(world.parts)
    plan = _copy(
        next(i for i in items if i["t"] == "support_plan"),
        id="5b7f2f4e-0c1d-4c55-9a0e-3f1d2a6b7c11",
    )
    goal = _copy(
        next(i for i in items if i["t"] == "goal"),
        id="5b7f2f4e-0c1d-4c55-9a0e-3f1d2a6b7c12",
        plan_id=plan["r"]["id"],
    )
    next(i for i in items if i["t"] == "goal_score")["r"]["goal_id"] = goal["r"]["id"]
    message = _refused(world, _signed(world, [plan, goal, *items], added=(plan, goal)))
    assert "innego programu" in message


def test_a_signed_bundle_with_a_diagnosis_made_next_month_is_refused(world):
    from datetime import date, timedelta

    later = (date.today() + timedelta(days=30)).isoformat()
    assert "w przyszłości" in _refused(world, _forged(world, "diagnosis", made_on=later))


def test_the_honest_bundle_still_imports(world):
    """Last in the file: once imported, the forged bundles (same sequence number) are replays."""
    result = import_bundle(world.coord, world.valid)
    assert result.status != "duplicate"
