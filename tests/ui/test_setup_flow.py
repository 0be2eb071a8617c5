"""The first-run wizard's flow without any widget (Electrum-style headless wizard tests)."""

from __future__ import annotations

import pytest

from app.errors import DatabaseExists, ValidationError
from app.services import reference
from app.services.setup_flow import (
    IDENTITY_STEP,
    PASSPHRASE_STEP,
    ROLE_STEP,
    SUMMARY_STEP,
    UNIT_STEP,
    SetupData,
    SetupFlow,
    TercIndex,
)
from tests.conftest import PASSPHRASE


@pytest.fixture(scope="module")
def terc() -> TercIndex:
    return TercIndex.load()


@pytest.fixture
def flow(tmp_path, terc) -> SetupFlow:
    return SetupFlow(tmp_path / "nowa.db", terc)


def fill_ops(flow: SetupFlow, data: SetupData) -> None:
    flow.set_role(data, "ops")
    assert flow.next_step(ROLE_STEP, data) == UNIT_STEP
    assert flow.choose_unit(data, "2005092")
    assert flow.next_step(UNIT_STEP, data) == IDENTITY_STEP
    data.worker_name = "Anna Kowalczyk"
    assert flow.next_step(IDENTITY_STEP, data) == PASSPHRASE_STEP
    data.passphrase = data.repeat = PASSPHRASE
    data.understood = True
    assert flow.next_step(PASSPHRASE_STEP, data) == SUMMARY_STEP


def test_steps_follow_the_navmap(flow):
    assert flow.start() == ROLE_STEP
    assert flow.steps() == [ROLE_STEP, UNIT_STEP, IDENTITY_STEP, PASSPHRASE_STEP, SUMMARY_STEP]
    assert flow.previous_step(ROLE_STEP) is None
    assert flow.previous_step(SUMMARY_STEP) == PASSPHRASE_STEP
    assert flow.is_last(SUMMARY_STEP) and not flow.is_last(PASSPHRASE_STEP)


def test_every_step_refuses_to_go_on_while_incomplete(flow):
    data = SetupData()
    assert [p.field for p in flow.problems(ROLE_STEP, data)] == ["role"]
    with pytest.raises(ValueError):
        flow.next_step(ROLE_STEP, data)
    flow.set_role(data, "ops")
    assert "gminę" in flow.problems(UNIT_STEP, data)[0].message
    flow.choose_unit(data, "2005092")
    flow.on_enter(IDENTITY_STEP, data)
    data.institution = "  "
    assert {p.field for p in flow.problems(IDENTITY_STEP, data)} == {"institution", "worker_name"}


def test_type_ahead_finds_gminas_and_powiats_ignoring_diacritics(flow):
    data = SetupData()
    flow.set_role(data, "ops")
    names = [u.name for u in flow.search_units(data, "narew")]
    assert names[:2] == ["Narew", "Narewka"]
    # Diacritics do not matter; a later word of the name matches too.
    assert any(u.name == "Łomża" for u in flow.search_units(data, "lomza"))
    assert any(u.name == "Wysokie Mazowieckie" for u in flow.search_units(data, "mazowieckie"))
    # Codes typed as digits.
    assert {u.code for u in flow.search_units(data, "200509")} == {"2005092"}
    flow.set_role(data, "coordinator")
    powiats = flow.search_units(data, "hajn")
    assert [u.code for u in powiats] == ["2005"]
    assert "woj. podlaskie" in powiats[0].label
    assert flow.search_units(data, "") == []


def test_changing_role_forgets_a_unit_of_the_wrong_level(flow):
    data = SetupData()
    flow.set_role(data, "ops")
    assert flow.choose_unit(data, "2005092")
    flow.set_role(data, "coordinator")
    assert data.unit_code == ""
    assert not flow.choose_unit(data, "2005092")  # a gmina is not a powiat
    assert flow.choose_unit(data, "2005")


def test_typed_name_is_accepted_when_it_names_one_unit(flow):
    data = SetupData()
    flow.set_role(data, "ops")
    assert flow.match_typed_unit(data, "narewka")
    assert data.unit_code == "2005092"
    # "Rawa Mazowiecka" is both a town and a rural gmina: ambiguous, so nothing is chosen.
    assert not flow.match_typed_unit(data, "Rawa Mazowiecka")
    assert data.unit_code == ""
    label = flow.terc.get("1013042").label
    assert flow.match_typed_unit(data, label) and data.unit_code == "1013042"


def test_institution_name_is_suggested_until_the_user_edits_it(flow):
    data = SetupData()
    flow.set_role(data, "ops")
    flow.choose_unit(data, "2005092")
    flow.on_enter(IDENTITY_STEP, data)
    assert data.institution == "Ośrodek Pomocy Społecznej w gminie Narewka"
    flow.choose_unit(data, "2005082")
    flow.on_enter(IDENTITY_STEP, data)
    assert data.institution.endswith("Narew")
    data.institution = "GOPS Narew"
    flow.on_enter(IDENTITY_STEP, data)
    assert data.institution == "GOPS Narew"


def test_passphrase_rules(flow):
    data = SetupData()
    flow.set_role(data, "ops")
    flow.choose_unit(data, "2005092")
    flow.on_enter(IDENTITY_STEP, data)
    data.worker_name = "Anna Kowalczyk"
    data.passphrase = "krótkie"
    assert flow.problems(PASSPHRASE_STEP, data)[0].field == "passphrase"
    data.passphrase = "kowalczyknarewka"  # long, but made of the user's own names
    assert not flow.strength(data).acceptable
    assert "kowalczyk" in {h.lower() for h in flow.hints(data)}
    data.passphrase, data.repeat = PASSPHRASE, PASSPHRASE + "x"
    assert [p.field for p in flow.problems(PASSPHRASE_STEP, data)] == ["repeat", "understood"]
    data.repeat, data.understood = PASSPHRASE, True
    assert flow.problems(PASSPHRASE_STEP, data) == []


def test_finish_creates_an_encrypted_database_of_the_chosen_unit(flow):
    data = SetupData()
    fill_ops(flow, data)
    summary = dict(flow.summary(data))
    assert summary["Gmina"].startswith("Narewka")
    ws = flow.finish(data)
    try:
        assert ws.identity.role == "ops" and ws.identity.unit_code == "2005092"
        assert ws.identity.worker_name == "Anna Kowalczyk"
        assert reference.terc_unit(ws, "2005092").name == "Narewka"
    finally:
        ws.lock()
    assert flow.path.read_bytes()[:16] != b"SQLite format 3\x00"
    with pytest.raises(DatabaseExists):
        flow.finish(data)


def test_finish_refuses_incomplete_data(flow):
    data = SetupData()
    flow.set_role(data, "ops")
    with pytest.raises(ValidationError):
        flow.finish(data)
    assert not flow.path.exists()


def test_coordinator_flow(tmp_path, terc):
    flow = SetupFlow(tmp_path / "pcpr.db", terc)
    data = SetupData()
    flow.set_role(data, "coordinator")
    flow.next_step(ROLE_STEP, data)
    flow.choose_unit(data, "2005")
    flow.next_step(UNIT_STEP, data)
    assert data.institution == "Powiatowe Centrum Pomocy Rodzinie, powiat hajnowski"
    data.worker_name = "Ewa Zawadzka"
    flow.next_step(IDENTITY_STEP, data)
    data.passphrase = data.repeat = PASSPHRASE
    data.understood = True
    flow.next_step(PASSPHRASE_STEP, data)
    ws = flow.finish(data)
    try:
        assert ws.is_coordinator and ws.identity.unit_code == "2005"
    finally:
        ws.lock()


def test_the_type_ahead_index_is_the_register_as_parsed_without_orm_objects(monkeypatch):
    """The wizard builds its index when the first letter of a gmina is typed, on the GUI
    thread: from the shipped register's rows, not 4,000 ORM objects (a second's freeze on a
    slow laptop), with the same labels and levels as the register parsed into them."""
    from app.config import resources_dir
    from app.services.setup_flow import TercIndex

    parsed = reference.parse_terc((resources_dir() / "reference" / "TERC.csv").read_bytes())
    by_code = {u.code: u for u in parsed}
    expected = {}
    for u in parsed:
        if u.level == "gmina":
            expected[u.code] = (reference.describe_unit(u, by_code.get(u.code[:4])), u.level)
        elif u.level == "powiat":
            woj = by_code.get(u.code[:2])
            label = f"{u.name} ({u.kind}, woj. {woj.name.lower() if woj else u.woj})"
            expected[u.code] = (label, u.level)

    def no_orm(data):
        raise AssertionError("the index was built from ORM objects")

    monkeypatch.setattr(reference, "parse_terc", no_orm)
    index = TercIndex.load()
    got = {u.code: (u.label, index.levels[u.code]) for u in index.units}
    assert got == expected
    assert len(got) > 2800  # every gmina and powiat of the register
