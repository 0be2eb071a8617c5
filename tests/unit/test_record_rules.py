"""One validation for every way in: ``load`` refuses records that break the domain's rules.

Each attack edits a real dump of a real case and loads it into a new real database: the load is
refused with a message naming the record (kind, id, position), and nothing is written.
"""

from __future__ import annotations

import copy
import json

import pytest
from sqlalchemy import select
from stdnum.pl import pesel as stdnum_pesel

from app.errors import EXIT_VALIDATION, ValidationError
from app.i18n import set_language
from app.services import dump, setup
from app.services.audit_words import entity_label
from app.services.record_rules import InvalidRecord, check_values
from app.store.keys import TEST_KDF
from tests.conftest import OPS_GMINA, PASSPHRASE, make_ops
from tests.factories import make_full_case


@pytest.fixture(scope="module")
def exported_text(tmp_path_factory) -> str:
    """A real dump of a real case (``tests/factories.py``), made once for the module: the tests
    only read it, each from its own copy (``exported``)."""
    folder = tmp_path_factory.mktemp("exported")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KOOPERACJA_DATA_DIR", str(folder / "data"))
        set_language("pl")
        source = make_ops(folder / "source.db")
        try:
            make_full_case(source)
            return dump.dump_json(source)
        finally:
            source.lock()


@pytest.fixture
def exported(exported_text):
    return json.loads(exported_text)


@pytest.fixture
def target(tmp_path):
    other = setup.initialize(
        tmp_path / "target.db",
        PASSPHRASE,
        role="ops",
        unit_code=OPS_GMINA,
        name="GOPS",
        kdf=TEST_KDF,
    )
    yield other
    other.lock()


def _refused(target, data) -> InvalidRecord:
    before = dump.dump_json(target)
    with pytest.raises(InvalidRecord) as info:
        dump.load_data(target, data)
    assert dump.dump_json(target) == before  # nothing written
    assert info.value.exit_code == EXIT_VALIDATION
    return info.value


def _with_pesel(value: str) -> str:
    return value[:10] + str((int(value[10]) + 1) % 10)


def test_every_changed_pesel_digit_is_refused(exported, target):
    people = [p for p in exported["tables"]["person"] if p["pesel"]]
    assert people
    tried = 0
    for position in range(11):
        data = copy.deepcopy(exported)
        person = next(p for p in data["tables"]["person"] if p["id"] == people[0]["id"])
        digits = list(person["pesel"])
        digits[position] = str((int(digits[position]) + 3) % 10)
        person["pesel"] = "".join(digits)
        if stdnum_pesel.is_valid(person["pesel"]):
            continue  # a change that happens to keep the check digit right
        err = _refused(target, data)
        assert "członek rodziny" in err.message and person["id"] in err.message
        assert "pozycja" in err.message and person["pesel"] not in err.message
        tried += 1
    assert tried >= 9


def test_pesel_against_birth_date_and_sex(exported, target):
    data = copy.deepcopy(exported)
    person = next(p for p in data["tables"]["person"] if p["pesel"])
    person["birth_date"] = "1950-01-01"
    assert "data urodzenia" in _refused(target, data).message.lower()
    data = copy.deepcopy(exported)
    person = next(p for p in data["tables"]["person"] if p["pesel"])
    person["sex"] = "M" if person["sex"] == "F" else "F"
    assert "płeć" in _refused(target, data).message.lower()


def test_a_reference_to_no_record_is_refused_not_an_integrity_error(exported, target):
    data = copy.deepcopy(exported)
    data["tables"]["person"][0]["family_id"] = "00000000-0000-4000-8000-000000000000"
    err = _refused(target, data)
    assert "family_id" in err.message and "członek rodziny" in err.message


@pytest.mark.parametrize(
    ("table", "field", "value", "fragment"),
    [
        ("family", "gmina_code", "9999999", "TERYT"),
        ("family", "status", "lost", "status"),
        ("family", "postal_code", "17100", "kod pocztowy"),
        ("institution", "nip", "1234567890", "NIP"),
        ("institution", "regon", "123456789", "REGON"),
        ("support_plan", "period_to", "1999-01-01", "period_to"),
        ("person", "relation", "cousin-ish", "relation"),
        ("person", "birth_date", "2999-01-01", "przyszłości"),
        # the forms' plausible dates (``date_rules``): a slip of the keyboard, or a forgery
        ("person", "birth_date", "1850-01-01", "niewiarygodna data urodzenia"),
        ("visit", "visit_on", "3103-01-01", "niewiarygodna data"),
        ("consent", "signed_on", "1926-05-01", "niewiarygodna data"),
        ("review", "next_review_on", "2207-01-01", "niewiarygodna data"),
        ("commitment", "due_on", "1989-12-31", "niewiarygodna data"),
        ("action", "status", "half-done", "status"),
    ],
)
def test_domain_rules_apply_to_load(exported, target, table, field, value, fragment):
    data = copy.deepcopy(exported)
    rows = data["tables"][table]
    if table == "institution":
        row = next(r for r in rows if r["nip"] or r["regon"]) if field != "nip" else rows[0]
    elif table == "person" and field == "birth_date":
        row = next(r for r in rows if not r["pesel"]) if any(not r["pesel"] for r in rows) else None
        if row is None:
            row = rows[0]
            row["pesel"] = ""
            row["document_number"] = "ABC123"
    else:
        row = rows[0]
    row[field] = value
    err = _refused(target, data)
    assert fragment.lower() in err.message.lower() and entity_label(table) in err.message


def test_valid_dump_still_loads(exported, target):
    assert dump.load_data(target, exported) > 0


# Every column of a synchronised record that holds a code of a closed value list.
VALUE_COLUMNS = [
    ("family", "status"),
    ("family", "subject_kind"),
    ("person", "sex"),
    ("person", "relation"),
    ("person", "disability"),
    ("person", "education"),
    ("person", "employment"),
    ("person", "document_type"),
    ("institution", "level"),
    ("support_plan", "status"),
    ("action", "status"),
    ("action_status_entry", "status"),
    ("commitment", "status"),
    ("visit", "status"),
    ("diagnosis_participant", "kind"),
    ("workshop_participant", "kind"),
    ("attachment", "kind"),
    ("cooperation_team", "kind"),
    ("agreement", "kind"),
    ("agreement_party", "side"),
    ("referral", "decision"),
    ("plan_closure", "outcome"),
    ("family_transfer", "kind"),
]


@pytest.mark.parametrize(("table", "column"), VALUE_COLUMNS)
def test_a_code_outside_its_value_list_is_refused(table, column):
    """A bundle or a ``load`` file cannot store a value the form could not have chosen."""
    with pytest.raises(ValidationError) as info:
        check_values(table, {column: "not-a-code"})
    assert info.value.field == column


def test_stateless_rules_name_the_field():
    with pytest.raises(ValidationError) as info:
        check_values("goal_score", {"level": 7})
    assert info.value.field == "level"


def test_cli_load_exits_4_naming_the_record(exported, target, tmp_path, capsys, monkeypatch):
    from app.cli import main

    data = copy.deepcopy(exported)
    person = next(p for p in data["tables"]["person"] if p["pesel"])
    person["pesel"] = _with_pesel(person["pesel"])
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    path = target.path
    target.lock()
    monkeypatch.setenv("KOOPERACJA_PASSPHRASE", PASSPHRASE)
    assert main(["--db", str(path), "load", "--json", str(bad)]) == EXIT_VALIDATION
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Błąd: Nieprawidłowy rekord (członek rodziny ")
    assert person["id"] in err[0] and "PESEL" in err[0]


def test_a_write_that_skips_the_form_rules_is_refused_at_flush(ws, family_case):
    from app.models import Person

    with ws.transaction() as s:
        person = s.scalars(select(Person).where(Person.pesel != "")).first()
        person_id, pesel = person.id, person.pesel
    with pytest.raises(InvalidRecord) as info, ws.transaction() as s:
        s.get(Person, person_id).pesel = _with_pesel(pesel)
    assert person_id in info.value.message
    with ws.transaction() as s:
        assert s.get(Person, person_id).pesel == pesel


def _naming_the_centre(exported, *, new_row: bool) -> dict:
    """The export with a consent recipient naming the family's own OPS (the controller): the
    existing recipient changed, or one more recipient added."""
    data = copy.deepcopy(exported)
    own = setup.home_institution_id("ops", OPS_GMINA)
    assert own in {i["id"] for i in data["tables"]["institution"]}
    rows = data["tables"]["consent_recipient"]
    if new_row:
        rows.append({**rows[0], "id": "6d2c6f0e-54b8-4c1a-9d37-0a7f1f9a2b11"})
        rows[-1]["institution_id"] = own
    else:
        rows[0]["institution_id"] = own
    return data


@pytest.mark.parametrize("new_row", [False, True])
def test_load_refuses_a_consent_naming_the_familys_own_ops(exported, target, new_row):
    """The consent form refuses the centre that keeps the case as a recipient of its data; a
    ``load`` file is held to the same rule (session 11: it went in unchecked)."""
    err = _refused(target, _naming_the_centre(exported, new_row=new_row))
    assert "(odbiorca zgody " in err.message and "administrator" in err.message
    assert err.field == "institution_id"


def test_cli_load_of_a_consent_naming_the_ops_exits_4(
    exported, target, tmp_path, capsys, monkeypatch
):
    from app.cli import main

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_naming_the_centre(exported, new_row=False)), encoding="utf-8")
    path = target.path
    target.lock()
    monkeypatch.setenv("KOOPERACJA_PASSPHRASE", PASSPHRASE)
    assert main(["--db", str(path), "load", "--json", str(bad)]) == EXIT_VALIDATION
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Błąd: Nieprawidłowy rekord (odbiorca zgody ")
    assert "administratorem" in err[0]


def _with_a_stranger(exported) -> tuple[dict, str]:
    """The export plus a second family of the gmina with one member (a copy of this family's
    first person): the stranger, whom the forms never let a record of this family name."""
    data = copy.deepcopy(exported)
    family = dict(data["tables"]["family"][0], id="5b7f2f4e-0c1d-4c55-9a0e-3f1d2a6b7c01")
    family["case_number"] = "2005092/2026/999"
    data["tables"]["family"].append(family)
    stranger = dict(data["tables"]["person"][0], id="5b7f2f4e-0c1d-4c55-9a0e-3f1d2a6b7c02")
    stranger["family_id"] = family["id"]
    data["tables"]["person"].append(stranger)
    return data, stranger["id"]


@pytest.mark.parametrize("table", ["consent", "commitment", "diagnosis_participant"])
def test_load_refuses_a_record_naming_a_member_of_another_family(exported, target, table):
    """``family_member`` / ``check_participant``: the signer of a consent, the person a
    commitment binds, a diagnosis participant are members of the record's own family."""
    data, stranger = _with_a_stranger(exported)
    row = next(r for r in data["tables"][table] if r["person_id"])
    row["person_id"] = stranger
    err = _refused(target, data)
    assert entity_label(table) in err.message and "nie jest członkiem rodziny" in err.message
    assert err.field == "person_id"


def test_a_second_family_with_its_own_member_still_loads(exported, target):
    data, _stranger = _with_a_stranger(exported)
    assert dump.load_data(target, data) > 0


def test_load_refuses_a_consent_signed_by_a_child(exported, target):
    """``consents.may_sign``: the form offers only adults as signers, the service refuses others."""
    data = copy.deepcopy(exported)
    child = next(p for p in data["tables"]["person"] if p["relation"] == "child")
    data["tables"]["consent"][0]["person_id"] = child["id"]
    err = _refused(target, data)
    assert "(zgoda " in err.message and "pełnoletnia" in err.message
    assert err.field == "person_id"


def _with_a_second_plan(exported) -> dict:
    """The export plus a second programme of the same family with one goal and one action
    (copies): records of the first programme must not name them."""
    data = copy.deepcopy(exported)
    t = data["tables"]
    plan = dict(t["support_plan"][0], id="5b7f2f4e-0c1d-4c55-9a0e-3f1d2a6b7c11")
    goal = dict(t["goal"][0], id="5b7f2f4e-0c1d-4c55-9a0e-3f1d2a6b7c12", plan_id=plan["id"])
    action = dict(t["action"][0], id="5b7f2f4e-0c1d-4c55-9a0e-3f1d2a6b7c13", plan_id=plan["id"])
    action["goal_id"] = goal["id"]
    t["support_plan"].append(plan)
    t["goal"].append(goal)
    t["action"].append(action)
    return data


@pytest.mark.parametrize(
    ("table", "column", "target_kind", "fragment"),
    [
        ("action", "goal_id", "goal", "cel należy do innego programu"),
        ("goal_score", "goal_id", "goal", "cel należy do innego programu"),
        ("action_status_entry", "action_id", "action", "działanie należy do innego programu"),
    ],
)
def test_load_refuses_a_record_naming_another_plans_goal_or_action(
    exported, target, table, column, target_kind, fragment
):
    """The services' "The goal / action belongs to another plan" (``plans.save_action``,
    ``reviews.save_review``)."""
    data = _with_a_second_plan(exported)
    data["tables"][table][0][column] = data["tables"][target_kind][-1]["id"]
    err = _refused(target, data)
    assert entity_label(table) in err.message and err.field == column, err.message
    assert fragment in err.message


def test_a_second_plan_with_its_own_goal_and_action_still_loads(exported, target):
    assert dump.load_data(target, _with_a_second_plan(exported)) > 0


@pytest.mark.parametrize(
    ("table", "changes", "fragment"),
    [
        ("consent", {"signed_on": 30}, "data podpisu jest w przyszłości"),
        ("review", {"held_on": 30, "next_review_on": 120}, "w przyszłości"),
        ("diagnosis", {"made_on": 30}, "w przyszłości"),
        ("visit", {"visit_on": 30, "next_visit_on": None}, "można tylko zaplanować"),
    ],
)
def test_load_refuses_what_has_not_happened_yet(exported, target, table, changes, fragment):
    """The forms refuse a consent signed, a review held, a diagnosis made or a visit done on
    a day still to come (``consents``, ``reviews``, ``diagnosis``, ``visits``)."""
    from datetime import date, timedelta

    data = copy.deepcopy(exported)
    row = data["tables"][table][0]
    for column, days in changes.items():
        row[column] = None if days is None else (date.today() + timedelta(days)).isoformat()
    err = _refused(target, data)
    assert entity_label(table) in err.message and fragment in err.message.lower(), err.message


def test_tomorrow_is_not_yet_the_future_of_a_record_from_elsewhere(exported, target):
    """A device whose clock is up to a day ahead (``sync.clocks``: accepted) may have written
    "today" for our tomorrow."""
    from datetime import date, timedelta

    data = copy.deepcopy(exported)
    data["tables"]["visit"][0]["visit_on"] = (date.today() + timedelta(1)).isoformat()
    data["tables"]["visit"][0]["next_visit_on"] = None
    assert dump.load_data(target, data) > 0


@pytest.mark.parametrize(
    ("table", "first", "then", "fragment"),
    [
        ("visit", "visit_on", "next_visit_on", "następna wizyta"),
        ("review", "held_on", "next_review_on", "następna ocena"),
    ],
)
def test_load_refuses_a_next_date_not_after_this_one(
    exported, target, table, first, then, fragment
):
    """``visits.save_visit`` and ``reviews.save_review``: the next one comes after this one."""
    data = copy.deepcopy(exported)
    row = data["tables"][table][0]
    row[then] = row[first]
    err = _refused(target, data)
    assert err.field == then and fragment in err.message.lower(), err.message
