"""The ``ws``, ``coordinator_ws`` and ``family_case`` fixtures give what a fresh installation is.

They write out an installation made once per worker (tests/conftest.py, ``Installation``); these
tests make a fresh one beside it with ``make_ops``/``make_coordinator`` (and ``make_full_case``)
and compare the two: the files and their permissions, every table's rows, the audit chain, the
erasure list and the settings.  Only what is random in every installation may differ (the device
id and keys, the ids of new rows).
"""

from __future__ import annotations

import stat
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from app.models import AuditEvent, Device, Diagnosis, Setting
from app.services import audit, families
from app.services.rodo import erasure_file
from app.services.workspace import Workspace
from tests.conftest import make_coordinator, make_ops, ops_installation_with
from tests.factories import make_full_case


def _files(folder: Path, device_id: str) -> dict[str, int]:
    """Every file under ``folder`` (the device id in a name written as ``DEVICE``) -> its mode."""
    return {
        str(p.relative_to(folder)).replace(device_id, "DEVICE"): stat.S_IMODE(p.stat().st_mode)
        for p in sorted(folder.rglob("*"))
        if "cache" not in p.relative_to(folder).parts  # the compiled catalogue, not the database
    }


def _contents(ws: Workspace) -> dict[str, object]:
    with ws.transaction() as s:
        tables = s.scalars(
            text("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ).all()
        return {
            "rows": {t: s.scalar(text(f'SELECT count(*) FROM "{t}"')) for t in tables},
            "audit": s.execute(
                select(AuditEvent.action, AuditEvent.seq).order_by(AuditEvent.seq)
            ).all(),
            "chain": audit.verify_chain(s),
            "settings": sorted(s.scalars(select(Setting.key))),
            "devices": s.scalar(select(func.count()).select_from(Device)),
            "identity": ws.identity.__dict__ | {"device_id": None},
        }


def _fresh(tmp_path: Path, monkeypatch, make, name: str) -> tuple[Workspace, Path]:
    data = tmp_path / "fresh-data"
    monkeypatch.setenv("KOOPERACJA_DATA_DIR", str(data))
    folder = tmp_path / "fresh"
    folder.mkdir(mode=0o700)
    return make(folder / name), data


def _compare(given: Workspace, fresh: Workspace, given_data: Path, fresh_data: Path) -> None:
    assert given.device_id != fresh.device_id
    assert _contents(given) == _contents(fresh)
    assert erasure_file.load(given) == erasure_file.load(fresh) == []
    given_folder, fresh_folder = given.path.parent, fresh.path.parent
    given_id, fresh_id = given.device_id, fresh.device_id
    given.lock()
    fresh.lock()
    name = given.path.name
    beside = {n: m for n, m in _files(given_folder, given_id).items() if n.startswith(name)}
    assert beside == _files(fresh_folder, fresh_id)
    assert set(beside) == {name, f"{name}.erasures", f"{name}.lock"}
    assert _files(given_data, given_id) == _files(fresh_data, fresh_id)
    assert "erasures/DEVICE.erasures" in _files(given_data, given_id)


def test_the_ops_installation_is_a_fresh_one(ws, tmp_path, monkeypatch):
    given_data = erasure_file.store_dir().parent
    fresh, fresh_data = _fresh(tmp_path, monkeypatch, make_ops, "kooperacja.db")
    _compare(ws, fresh, given_data, fresh_data)


def test_the_coordinator_installation_is_a_fresh_one(coordinator_ws, tmp_path, monkeypatch):
    given_data = erasure_file.store_dir().parent
    fresh, fresh_data = _fresh(tmp_path, monkeypatch, make_coordinator, "koordynator.db")
    _compare(coordinator_ws, fresh, given_data, fresh_data)


def test_the_full_case_is_the_one_make_full_case_makes_today(
    ws, family_case, tmp_path, monkeypatch
):
    given_data = erasure_file.store_dir().parent
    fresh, fresh_data = _fresh(tmp_path, monkeypatch, make_ops, "kooperacja.db")
    make_full_case(fresh)
    with ws.transaction() as s:
        diagnosis = s.get(Diagnosis, family_case.diagnosis_id)
        assert diagnosis is not None and diagnosis.family_id == family_case.family_id
        assert diagnosis.made_on == date.today() - timedelta(days=60)
    _compare(ws, fresh, given_data, fresh_data)


@pytest.mark.parametrize("round_", [1, 2])
def test_each_test_gets_its_own_copy(ws, round_):
    """Whatever one test writes, the next starts from the installation as it was made."""
    with ws.transaction() as s:
        assert s.scalar(text("SELECT count(*) FROM family")) == 0
    families.register_family(ws, families.FamilyInput(gmina_code="2005092", locality="Narewka"))


def test_the_locked_files_are_a_fresh_locked_installations(_installations, tmp_path, monkeypatch):
    """``ops_db`` (tests/ui/conftest.py): the installation's files, locked, never opened."""
    given_data = erasure_file.store_dir().parent
    given = _installations["ops"].write(tmp_path / "given" / "kooperacja.db")
    fresh, fresh_data = _fresh(tmp_path, monkeypatch, make_ops, "kooperacja.db")
    fresh_id = fresh.device_id
    fresh.lock()
    [listed] = (given_data / "erasures").iterdir()
    given_id = listed.name.removesuffix(".erasures")
    assert given_id != fresh_id
    assert _files(given.parent, given_id) == {
        n: m for n, m in _files(fresh.path.parent, fresh_id).items() if not n.endswith(".lock")
    }
    assert _files(given_data, given_id) == _files(fresh_data, fresh_id)


@ops_installation_with
def one_family(ws):
    """A family registered in ``ws``, and a list no test should see filled."""
    family = families.register_family(
        ws, families.FamilyInput(gmina_code="2005092", locality="Narewka")
    )
    return {"family_id": family.id, "touched": []}


_FAMILY_IDS: set[str] = set()


@pytest.mark.parametrize("round_", [1, 2])
def test_content_is_made_once_and_each_test_gets_a_copy(ws, one_family, round_):
    with ws.transaction() as s:
        assert s.scalars(text("SELECT id FROM family")).all() == [one_family["family_id"]]
    _FAMILY_IDS.add(one_family["family_id"])
    assert len(_FAMILY_IDS) == 1  # the same installation both times
    assert one_family["touched"] == []
    one_family["touched"].append(round_)
