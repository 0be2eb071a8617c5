"""Conflicts replicate (issue 8 §6): an open conflict is shown on every device holding the row
until one person decides; the decision travels back, closes it everywhere, and the worker whose
value was replaced is told.  Hostile conflict records are refused like hostile rows.
"""

from __future__ import annotations

import json
import shutil
import time

import pytest
from sqlalchemy import select

from app.errors import ValidationError
from app.models import Action, AuditEvent, Family, Institution
from app.models.hlc import format_stamp
from app.models.sync_state import SyncConflict
from app.services import families, registry
from app.services.rodo.erasure_file import beside, store_dir
from app.services.setup import open_workspace
from app.sync import conflicts, export, importer
from app.sync.container import CONFLICTS
from app.sync.errors import BundleRefused
from tests.conftest import PASSPHRASE, make_coordinator, make_ops
from tests.factories import make_full_case
from tests.sync.forge import open_parts, reseal, resign
from tests.sync.helpers import (
    copy_db,
    db_hash,
    edit,
    exchange,
    introduce,
    make_device,
    unlock,
)
from tests.sync.test_cli import init_both


@pytest.fixture(scope="module")
def crossed_files(tmp_path_factory):
    """The issue's scenario up to the coordinator's inbox, made once for the module: the OPS
    sets an action's frequency and exports; the coordinator sets the same field otherwise, then
    imports.  Returns the folder holding both databases and their erasure lists, and the
    action's id."""
    folder = tmp_path_factory.mktemp("crossed")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KOOPERACJA_DATA_DIR", str(folder / "data"))
        ops, coord = make_ops(folder / "ops.db"), make_coordinator(folder / "coord.db")
        try:
            introduce(ops, coord)
            case = make_full_case(ops)
            exchange(ops, coord)
            exchange(coord, ops)
            action_id = case.action_ids[0]
            edit(ops, Action, action_id, frequency="co tydzień")
            bundle = export.export_bundle(ops, coord.device_id).data
            edit(coord, Action, action_id, frequency="raz w miesiącu")
            assert importer.import_bundle(coord, bundle).conflicts == 1
        finally:
            ops.lock()
            coord.lock()
    return folder, action_id


@pytest.fixture
def crossed(crossed_files, tmp_path):
    """Each test gets its own copies of the two databases of ``crossed_files`` (and of their
    erasure lists), unlocked as after a restart of both programs, with the open conflict."""
    folder, action_id = crossed_files
    for name in ("ops", "coord"):
        copy_db(folder / f"{name}.db", tmp_path / f"{name}.db")
        shutil.copy(beside(folder / f"{name}.db"), beside(tmp_path / f"{name}.db"))
    shutil.copytree(folder / "data" / "erasures", store_dir(), dirs_exist_ok=True)
    ops, coord = (unlock(tmp_path / f"{name}.db") for name in ("ops", "coord"))
    try:
        [c] = conflicts.list_conflicts(coord)
        assert (c.table, c.field) == ("action", "frequency")
        yield ops, coord, action_id, c
    finally:
        for ws in (ops, coord):
            if not ws.locked:
                ws.lock()


def _frequency(ws, action_id: str) -> str:
    with ws.transaction() as s:
        return s.get(Action, action_id).frequency


def test_a_decision_on_the_other_side_closes_the_conflict_and_tells_the_worker(crossed):
    ops, coord, action_id, c = crossed
    conflicts.resolve(coord, c.id, "mine")  # the coordinator keeps its own value
    result = exchange(coord, ops)
    assert _frequency(ops, action_id) == "raz w miesiącu"
    # the worker is told, in the import's result (CLI output) and in the inbox
    assert result.replaced == 1
    assert "co tydzień" in result.message and "raz w miesiącu" in result.message
    [closed] = conflicts.list_conflicts(ops, include_resolved=True)
    assert closed.status == "resolved" and closed.replaced
    assert closed.resolution == "theirs"  # seen from the OPS: the coordinator's value won
    assert closed.mine.value == "co tydzień" and closed.mine.device_id == ops.device_id
    assert [n.id for n in conflicts.replaced_notices(ops)] == [closed.id]
    conflicts.mark_seen(ops, closed.id)
    assert conflicts.replaced_notices(ops) == []
    # the same conflict has the same id on both devices, and both audit logs say who decided
    assert closed.id == c.id
    with ops.transaction() as s:
        actions = set(s.scalars(select(AuditEvent.action).where(AuditEvent.record_id == action_id)))
    assert "conflict_closed" in actions
    # nothing more travels, nothing reopens
    assert exchange(ops, coord).conflicts == 0
    assert exchange(coord, ops).replaced == 0
    assert conflicts.list_conflicts(coord) == conflicts.list_conflicts(ops) == []


def test_an_open_conflict_is_shown_on_both_sides_until_one_person_decides(crossed):
    ops, coord, action_id, c = crossed
    result = exchange(coord, ops)  # the coordinator has not decided yet
    assert result.conflicts == 1  # a conflict the OPS learns of (exit code 8 in the CLI)
    [seen] = conflicts.list_conflicts(ops)
    assert seen.id == c.id and {seen.mine.value, seen.theirs.value} == {
        "co tydzień",
        "raz w miesiącu",
    }
    assert seen.mine.device_id == ops.device_id  # "mine" is this device's own value
    # more exchanges neither duplicate nor close it
    exchange(ops, coord)
    exchange(coord, ops)
    assert len(conflicts.list_conflicts(ops)) == len(conflicts.list_conflicts(coord)) == 1
    # the worker decides for her own value; the coordinator's inbox closes, its value replaced
    conflicts.resolve(ops, seen.id, "mine")
    back = exchange(ops, coord)
    assert back.replaced == 1 and back.conflicts == 0
    assert conflicts.list_conflicts(coord) == []
    [closed] = conflicts.list_conflicts(coord, include_resolved=True)
    assert closed.resolution == "theirs" and closed.replaced
    assert _frequency(coord, action_id) == _frequency(ops, action_id) == "co tydzień"
    exchange(coord, ops)
    assert conflicts.list_conflicts(ops) == []
    assert _frequency(ops, action_id) == "co tydzień"


def test_both_decide_the_same_conflict_differently_and_still_agree(crossed):
    ops, coord, action_id, c = crossed
    exchange(coord, ops)
    conflicts.resolve(coord, c.id, "mine")
    conflicts.resolve(ops, c.id, "mine")
    exchange(ops, coord)
    exchange(coord, ops)
    exchange(ops, coord)
    assert _frequency(ops, action_id) == _frequency(coord, action_id)
    views = [
        {
            (x.id, x.status, x.chosen_value)
            for x in conflicts.list_conflicts(ws, include_resolved=True)
        }
        for ws in (ops, coord)
    ]
    assert views[0] == views[1]


def _line_bytes(line: dict) -> bytes:
    return (
        json.dumps(line, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
    )


def _with_conflicts(parts, signer, recipient, lines: list[dict]) -> bytes:
    body = b"".join(_line_bytes(x) for x in lines)
    return reseal(resign(parts, signer, conflicts=body), recipient)


def _conflict_lines(parts) -> list[dict]:
    return [json.loads(line) for line in parts.get(CONFLICTS, b"").splitlines()]


def test_a_forged_resolution_in_another_devices_name_is_refused(crossed):
    ops, coord, action_id, c = crossed
    exchange(coord, ops)  # the OPS now holds the open conflict
    parts = open_parts(export.export_bundle(ops, coord.device_id).data, coord)
    [line] = _conflict_lines(parts)
    # the OPS closes it as if the coordinator had decided, stamped with the coordinator's write
    with coord.transaction() as s:
        stamp = s.get(Action, action_id).version
    line["x"] = {"c": line["a"][0], "s": stamp, "by": "Ewa Zawadzka", "at": "2026-12-01T10:00:00Z"}
    before = db_hash(coord)
    with pytest.raises(BundleRefused) as info:
        importer.import_bundle(coord, _with_conflicts(parts, ops, coord, [line]))
    assert info.value.code == "foreign_stamp"
    assert db_hash(coord) == before


def test_a_resolution_without_its_write_is_refused(crossed):
    ops, coord, action_id, c = crossed
    exchange(coord, ops)
    parts = open_parts(export.export_bundle(ops, coord.device_id).data, coord)
    [line] = _conflict_lines(parts)
    line["x"] = {
        "c": line["a"][0],
        "s": line["b"][0].split(".")[0] + ".00009." + ops.device_id,
        "by": "Anna Kowalczyk",
        "at": "2026-12-01T10:00:00Z",
    }
    with pytest.raises(BundleRefused) as info:
        importer.import_bundle(coord, _with_conflicts(parts, ops, coord, [line]))
    assert info.value.code == "conflict"


def _nested(depth: int) -> object:
    value: object = "co tydzień"
    for _ in range(depth):
        value = [value]
    return value


def test_a_conflict_line_nested_deeply_is_refused_as_too_deep(crossed):
    """A registered peer signs a bundle whose conflict entry nests JSON 50 deep (in a side's
    value, the detail or the resolution) or 10,000 deep: each is refused as nesting, as a record
    line would be, and nothing changes.  Before, 50 deep was refused as an invalid conflict
    entry, a message that names neither what was wrong nor that it was hostile."""
    ops, coord, action_id, c = crossed
    exchange(coord, ops)
    parts = open_parts(export.export_bundle(ops, coord.device_id).data, coord)
    [line] = _conflict_lines(parts)
    resolution = {"c": line["a"][0], "s": line["b"][0], "by": "A", "at": "2026-12-01T10:00:00Z"}
    hostile = [
        _line_bytes(dict(line, a=[line["a"][0], _nested(50)])),
        _line_bytes(dict(line, d=_nested(50))),
        _line_bytes(dict(line, x=dict(resolution, by=_nested(50)))),
        # too deep for json.dumps itself: written out by hand
        _line_bytes(dict(line, b=[line["b"][0], "DEEP"])).replace(
            b'"DEEP"', b"[" * 10_000 + b"]" * 10_000
        ),
    ]
    before = db_hash(coord)
    for bad in hostile:
        with pytest.raises(BundleRefused) as info:
            importer.import_bundle(coord, reseal(resign(parts, ops, conflicts=bad), coord))
        assert info.value.code == "nesting", info.value.message
        assert "zagnieżdżone zbyt głęboko" in info.value.message
        assert "Nic nie zaimportowano" in info.value.message
        assert db_hash(coord) == before
    [still] = conflicts.list_conflicts(coord)
    assert (still.id, still.status) == (c.id, "open")


def test_another_gmina_cannot_open_or_close_conflicts_on_a_family_it_may_not_write(
    tmp_path, crossed
):
    ops, coord, action_id, c = crossed
    h = make_device(tmp_path / "h.db", "ops", "2005022", "GOPS Białowieża", "Hanna Hostile")
    introduce(h, coord)
    families.register_family(
        h, families.FamilyInput(gmina_code="2005022", locality="Białowieża", phone="600")
    )
    exchange(coord, ops)
    genuine = _conflict_lines(open_parts(export.export_bundle(ops, coord.device_id).data, coord))
    parts = open_parts(export.export_bundle(h, coord.device_id).data, coord)
    before = db_hash(coord)
    [line] = genuine
    own = format_stamp(int(time.time() * 1000), 0, h.device_id)
    closing = dict(line, x={"c": line["a"][0], "s": own, "by": "H", "at": "2026-12-01T10:00:00Z"})
    opening = dict(line, f="responsible_person")  # a new entry on another field
    for line in (closing, opening):
        with pytest.raises(BundleRefused) as info:
            importer.import_bundle(coord, _with_conflicts(parts, h, coord, [line]))
        assert info.value.code == "not_in_area", info.value.message
        assert db_hash(coord) == before
    with coord.transaction() as s:
        assert s.get(SyncConflict, c.id).status == "open"
        assert s.scalars(select(Family.gmina_code)).all()


def test_the_coordinator_sends_a_gmina_only_its_own_conflicts(tmp_path, crossed):
    ops, coord, action_id, c = crossed
    other = make_device(tmp_path / "o.db", "ops", "2005022", "GOPS Białowieża", "Olga Inna")
    introduce(other, coord)
    exchange(other, coord)
    parts = open_parts(export.export_bundle(coord, other.device_id).data, other)
    assert _conflict_lines(parts) == []
    assert _conflict_lines(open_parts(export.export_bundle(coord, ops.device_id).data, ops))


def test_the_crossing_conflict_from_the_command_line(cli, tmp_path):
    """The issue's steps with the real commands: the worker is told, in Polish, exit 0."""
    init_both(cli)
    for a, b in (("ops", "co"), ("co", "ops")):
        cli(f"{a}.db", "keys", "export-card", "-o", str(tmp_path / f"{a}.card"))
        cli(f"{b}.db", "keys", "import-card", str(tmp_path / f"{a}.card"), "--yes")
    co_id = json.loads(cli("co.db", "keys", "show", "--json").stdout)["device_id"]
    ops_id = json.loads(cli("ops.db", "keys", "show", "--json").stdout)["device_id"]
    cli("ops.db", "demo", "--families", "1", "--seed", "3")
    stick = tmp_path / "stick"
    stick.mkdir()

    def carry(src: str, dst: str, dst_id: str, n: int, ok: int = 0):
        path = stick / f"{n}.kbundle"
        cli(f"{src}.db", "sync", "export", "--to", dst_id, "-o", str(path))
        return cli(f"{dst}.db", "sync", "import", str(path), ok=ok)

    carry("ops", "co", co_id, 1)
    carry("co", "ops", ops_id, 2)

    def set_frequency(db: str, value: str) -> str:
        ws = open_workspace(tmp_path / db, PASSPHRASE)
        try:
            with ws.transaction() as s:
                action = s.scalars(select(Action).order_by(Action.id)).first()
                action.frequency = value
                return action.id
        finally:
            ws.lock()

    set_frequency("ops.db", "co trzy dni (OPS)")
    path = stick / "3.kbundle"
    cli("ops.db", "sync", "export", "--to", co_id, "-o", str(path))
    set_frequency("co.db", "raz w miesiącu (PCPR)")
    cli("co.db", "sync", "import", str(path), ok=8)
    [c] = json.loads(cli("co.db", "sync", "conflicts", "--json").stdout)
    cli("co.db", "sync", "resolve", c["id"], "--take", "mine")
    told = carry("co", "ops", ops_id, 4)
    assert "Konflikt rozstrzygnięto" in told.stdout, told.stdout
    assert "„raz w miesiącu (PCPR)” zamiast „co trzy dni (OPS)”" in told.stdout
    assert "działanie, pole częstotliwość" in told.stdout  # kinds and fields in Polish
    status = cli("ops.db", "sync", "status").stdout
    assert "zastąpione decyzją na innym urządzeniu: 1" in status
    listing = cli("ops.db", "sync", "conflicts", "--all").stdout
    assert c["id"] in listing and "wartość z tego urządzenia została zastąpiona" in listing
    assert json.loads(cli("ops.db", "sync", "status", "--json").stdout)["replaced_unseen"] == 0
    assert cli("ops.db", "dump", "--json").stdout == cli("co.db", "dump", "--json").stdout


def test_an_ops_does_not_decide_reference_data_it_did_not_create(tmp_path, crossed):
    """A conflict on B's institution reaches A too; A's decision would be refused by the
    coordinator for good (``not_owner``), so A may not make it; B, who created it, may."""
    a, coord, _action_id, _c = crossed
    b = make_device(tmp_path / "b.db", "ops", "2005092", "GOPS Narewka", "Piotr Nowak")
    introduce(b, coord)
    inst = registry.save_institution(
        b, registry.InstitutionInput(name="Szkoła Podstawowa w Narewce", sector_code="education")
    )
    exchange(b, coord)
    exchange(coord, a)
    exchange(coord, b)
    edit(b, Institution, inst.id, phone="85 111 11 11")
    edit(coord, Institution, inst.id, phone="85 222 22 22")
    assert exchange(b, coord).conflicts == 1
    exchange(coord, a)
    [x] = [v for v in conflicts.list_conflicts(a) if v.row_id == inst.id]
    with pytest.raises(ValidationError) as info:
        conflicts.resolve(a, x.id, "theirs")
    assert "koordynator" in info.value.message
    assert [v.id for v in conflicts.list_conflicts(a) if v.row_id == inst.id] == [x.id]
    exchange(coord, b)
    conflicts.resolve(b, x.id, "mine")
    exchange(b, coord)  # accepted: B created the institution
    exchange(coord, a)
    assert not [v for v in conflicts.list_conflicts(a) if v.row_id == inst.id]
    b.lock()
