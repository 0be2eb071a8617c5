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


def _forged(world, table: str, **fields) -> bytes:
    items = record_lines(world.parts)
    item = next(i for i in items if i["t"] == table and (table != "person" or i["r"]["pesel"]))
    item["r"].update(fields)
    return reseal(resign(world.parts, world.ops, records=dump_lines(items)), world.coord)


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
    before = db_hash(world.coord)
    with pytest.raises(BundleRefused) as info:
        import_bundle(world.coord, _forged(world, table, **fields))
    assert info.value.code == "record"
    message = info.value.message
    assert entity_label(table) in message and "wiersz" in message
    assert fragment.lower() in message.lower()
    assert "Nic nie zaimportowano" in message
    assert db_hash(world.coord) == before


OPS_HOME = "ops:2005092"  # GOPS Narewka, the sender, keeps the case


def _naming_the_centre(world, *, new_row: bool) -> bytes:
    """The OPS's bundle with a consent recipient naming the OPS itself (the family's controller):
    a changed recipient, or one more recipient added to the consent."""
    from app.services.setup import home_institution_id

    own = home_institution_id(*OPS_HOME.split(":"))
    items = record_lines(world.parts)
    line = next(i for i in items if i["t"] == "consent_recipient")
    counts = None
    if new_row:
        line = json.loads(json.dumps(line))
        line["r"]["id"] = "6d2c6f0e-54b8-4c1a-9d37-0a7f1f9a2b11"
        items.append(line)
        counts = json.loads(world.parts["manifest.json"])["counts"]
        counts["consent_recipient"] += 1
    line["r"]["institution_id"] = own
    records = dump_lines(items)
    return reseal(resign(world.parts, world.ops, records=records, counts=counts), world.coord)


@pytest.mark.parametrize("new_row", [False, True])
def test_a_signed_bundle_naming_the_ops_as_a_consent_recipient_is_refused(world, new_row):
    """The form and the service refuse the centre that keeps the case as a recipient of its own
    data; a bundle signed by that very centre is held to the same rule."""
    before = db_hash(world.coord)
    with pytest.raises(BundleRefused) as info:
        import_bundle(world.coord, _naming_the_centre(world, new_row=new_row))
    assert info.value.code == "record"
    message = info.value.message
    assert "wiersz" in message and "administratorem" in message, message
    assert "Nic nie zaimportowano" in message
    assert db_hash(world.coord) == before


def test_a_signed_bundle_naming_another_familys_member_as_the_signer_is_refused(world):
    """The consent form offers only the family's own adults; a bundle that makes a member of
    another family (of the same gmina, so the sender may write both) sign is refused."""
    items = record_lines(world.parts)
    family = json.loads(json.dumps(next(i for i in items if i["t"] == "family")))
    family["r"]["id"] = "5b7f2f4e-0c1d-4c55-9a0e-3f1d2a6b7c01"
    family["r"]["case_number"] = "2005092/2026/999"
    stranger = json.loads(json.dumps(next(i for i in items if i["t"] == "person")))
    stranger["r"]["id"] = "5b7f2f4e-0c1d-4c55-9a0e-3f1d2a6b7c02"
    stranger["r"]["family_id"] = family["r"]["id"]
    next(i for i in items if i["t"] == "consent")["r"]["person_id"] = stranger["r"]["id"]
    counts = json.loads(world.parts["manifest.json"])["counts"]
    counts["family"] += 1
    counts["person"] += 1
    records = dump_lines([family, stranger, *items])
    data = reseal(resign(world.parts, world.ops, records=records, counts=counts), world.coord)
    before = db_hash(world.coord)
    with pytest.raises(BundleRefused) as info:
        import_bundle(world.coord, data)
    assert info.value.code == "record"
    assert "(zgoda " in info.value.message and "członkiem rodziny" in info.value.message
    assert db_hash(world.coord) == before


def test_a_signed_bundle_with_a_consent_signed_by_a_child_is_refused(world):
    items = record_lines(world.parts)
    child = next(i for i in items if i["t"] == "person" and i["r"]["relation"] == "child")
    next(i for i in items if i["t"] == "consent")["r"]["person_id"] = child["r"]["id"]
    data = reseal(resign(world.parts, world.ops, records=dump_lines(items)), world.coord)
    before = db_hash(world.coord)
    with pytest.raises(BundleRefused) as info:
        import_bundle(world.coord, data)
    assert info.value.code == "record" and "pełnoletnia" in info.value.message
    assert db_hash(world.coord) == before


def test_a_signed_bundle_scoring_another_plans_goal_is_refused(world):
    """A review scores the goals of its own programme only (``reviews.save_review``)."""
    items = record_lines(world.parts)
    plan = json.loads(json.dumps(next(i for i in items if i["t"] == "support_plan")))
    plan["r"]["id"] = "5b7f2f4e-0c1d-4c55-9a0e-3f1d2a6b7c11"
    goal = json.loads(json.dumps(next(i for i in items if i["t"] == "goal")))
    goal["r"].update(id="5b7f2f4e-0c1d-4c55-9a0e-3f1d2a6b7c12", plan_id=plan["r"]["id"])
    next(i for i in items if i["t"] == "goal_score")["r"]["goal_id"] = goal["r"]["id"]
    counts = json.loads(world.parts["manifest.json"])["counts"]
    counts["support_plan"] += 1
    counts["goal"] += 1
    records = dump_lines([plan, goal, *items])
    data = reseal(resign(world.parts, world.ops, records=records, counts=counts), world.coord)
    before = db_hash(world.coord)
    with pytest.raises(BundleRefused) as info:
        import_bundle(world.coord, data)
    assert info.value.code == "record" and "innego programu" in info.value.message
    assert db_hash(world.coord) == before


def test_a_signed_bundle_with_a_diagnosis_made_next_month_is_refused(world):
    from datetime import date, timedelta

    later = (date.today() + timedelta(days=30)).isoformat()
    before = db_hash(world.coord)
    with pytest.raises(BundleRefused) as info:
        import_bundle(world.coord, _forged(world, "diagnosis", made_on=later))
    assert info.value.code == "record" and "w przyszłości" in info.value.message
    assert db_hash(world.coord) == before


def test_the_honest_bundle_still_imports(world):
    """Last in the file: once imported, the forged bundles (same sequence number) are replays."""
    result = import_bundle(world.coord, world.valid)
    assert result.status != "duplicate"
