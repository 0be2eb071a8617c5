"""Erasure notices sent again to a peer that went back to an older copy (issue 14 §3).

An OPS erases a case, the coordinator erases its copy and confirms.  Then the OPS restores a
backup made before the erasure on a new computer, where neither copy of the erasure list exists
(``restore --without-erasure-list``): the case is back on that copy.  The coordinator's base said
the OPS held the notice, and its own list drops the OPS's copies of the erased rows, so nothing
used to bring the erasure back.  Now the coordinator, seeing that the OPS went back (its audit
chain forked), sends it every row again, notices and receipts included; the OPS erases the case
again and sees the coordinator's confirmation, and nothing of the case is left in either file.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.models import AuditEvent, ErasureNotice, Family, Person
from app.services import audit, casefile, database
from app.services.rodo import erasure, erasure_file, status
from app.sync.apply import WARNING_AUDIT_FORK, WARNING_PEER_BACK, warning_text
from app.sync.errors import BundleRefused
from tests.conftest import PASSPHRASE
from tests.rodo.pages import hits
from tests.rodo.test_erasure import _canaries, _key, _prepare
from tests.sync.helpers import exchange, narewka_and_hajnowka


@pytest.fixture
def pair(tmp_path):
    with narewka_and_hajnowka(tmp_path) as devices:
        yield devices


def _erased_then_restored_elsewhere(pair, tmp_path, monkeypatch):
    """The case erased on both devices, then the OPS back on a pre-erasure backup elsewhere."""
    ops, coord = pair
    case = _prepare(ops)
    exchange(ops, coord)
    exchange(coord, ops)
    backup = database.write_backup(ops, tmp_path / "pendrive" / "kopia.db")
    erasure.erase_family(ops, case.family_id, "request")
    exchange(ops, coord)  # the notice: the coordinator erases and signs its receipt
    exchange(coord, ops)  # the receipt
    [done] = status.list_erasures(ops)
    assert done.pending == ()
    ops.lock()
    monkeypatch.setenv("KOOPERACJA_DATA_DIR", str(tmp_path / "nowy-komputer" / "dane"))
    target = tmp_path / "nowy-komputer" / "kooperacja.db"
    target.parent.mkdir(parents=True)
    restored, _kept = database.restore_backup(backup, target, PASSPHRASE, without_erasure_list=True)
    with restored.transaction() as s:
        assert s.get(Family, case.family_id) is not None  # honestly: it is back on this copy
        assert s.scalar(select(func.count()).select_from(ErasureNotice)) == 0
    return case, restored


def test_a_peer_that_went_back_gets_the_erasure_again(pair, tmp_path, monkeypatch):
    _ops, coord = pair
    case, ops = _erased_then_restored_elsewhere(pair, tmp_path, monkeypatch)
    try:
        casefile.open_family(ops, case.family_id)  # a worker looks at the case that came back
        # the restored laptop's next bundle reuses a number the coordinator has seen
        with pytest.raises(BundleRefused) as replay:
            exchange(ops, coord)
        assert replay.value.code == "older_seq"
        exchange(coord, ops)  # its receipts name bundles this copy never made
        back = exchange(ops, coord)
        assert warning_text(WARNING_AUDIT_FORK) in back.warnings
        assert warning_text(WARNING_PEER_BACK) in back.warnings
        with coord.transaction() as s:
            assert s.get(Family, case.family_id) is None  # the OPS's copy did not spread back
        again = exchange(coord, ops)
        # the OPS's own erasure, on a copy from before it: not "as the sender asked"
        said = again.warnings
        assert any("1 sprawę usuniętą wcześniej na tym komputerze" in w for w in said), said
        with ops.transaction() as s:
            assert s.get(Family, case.family_id) is None
            assert s.scalar(select(func.count()).select_from(Person)) == 0
            assert s.scalar(select(func.count()).select_from(ErasureNotice)) == 1
        [row] = status.list_erasures(ops)
        assert [d.device_id for d in row.devices] == [coord.device_id]
        assert row.pending == ()  # the coordinator's receipt came back with it
        assert [e["id"] for e in erasure_file.load(ops)] == [row.erasure_id]
        exchange(ops, coord)
        assert exchange(coord, ops).warnings == []  # settled: nothing said twice
        for w in (ops, coord):
            erasure.vacuum_now(w)
            with w.transaction() as s:
                assert audit.verify_chain(s) == []
                named = select(func.count()).select_from(AuditEvent)
                assert s.scalar(named.where(AuditEvent.family_id == case.family_id)) == 0
            assert hits(w.path, _key(w), _canaries(case)) == [], w.identity.role
    finally:
        ops.lock()


def test_the_same_steps_through_the_command_line(cli, tmp_path):
    """As the workers type it: stick folders, a backup on a pendrive, a new computer."""
    from tests.cli_runner import run_cli
    from tests.sync.test_cli import init_both

    init_both(cli)
    stick = tmp_path / "stick"
    stick.mkdir()
    cli("ops.db", "keys", "export-card", "-o", str(stick / "gops.card"))
    cli("co.db", "keys", "export-card", "-o", str(stick / "pcpr.card"))
    cli("co.db", "keys", "import-card", str(stick / "gops.card"), "--yes")
    cli("ops.db", "keys", "import-card", str(stick / "pcpr.card"), "--yes")
    cli("ops.db", "demo", "--families", "2", "--seed", "3")
    ops_id = json.loads(cli("ops.db", "keys", "show", "--json").stdout)["device_id"]
    families = json.loads(cli("ops.db", "dump", "--json").stdout)["tables"]["family"]
    gone, kept = families[0], families[1]

    def send(src: str, dst: str, *, ok: int | None = 0):
        folder = tmp_path / f"x{len(list(tmp_path.glob('x*')))}"
        folder.mkdir()
        to = "PCPR Hajnówka" if dst == "co.db" else ops_id
        cli(src, "sync", "export", "--to", to, "-o", str(folder))
        [bundle] = folder.glob("*.kbundle")
        return cli(dst, "sync", "import", str(bundle), ok=ok)

    send("ops.db", "co.db")
    send("co.db", "ops.db")
    cli("ops.db", "backup", str(tmp_path / "pendrive" / "kopia.db"))
    cli("ops.db", "rodo", "erase", "--family", gone["id"], "--reason", "request", "--yes")
    send("ops.db", "co.db")
    send("co.db", "ops.db")

    new = tmp_path / "nowy"
    new.mkdir()
    env = {"KOOPERACJA_PASSPHRASE": PASSPHRASE, "KOOPERACJA_DATA_DIR": str(new / "dane")}

    def laptop(*args: str, ok: int | None = 0):
        result = run_cli(["--db", str(new / "ops.db"), *args], env)
        if ok is not None:
            assert result.returncode == ok, result.stdout + result.stderr
        return result

    refused = laptop("restore", str(tmp_path / "pendrive" / "kopia.db"), ok=None)
    assert refused.returncode != 0 and ".erasures" in refused.stderr
    laptop("restore", str(tmp_path / "pendrive" / "kopia.db"), "--without-erasure-list")
    assert gone["id"] in laptop("dump", "--json").stdout  # back on the restored copy

    def with_laptop(src: str, dst: str, *, ok: int | None = 0):
        folder = tmp_path / f"x{len(list(tmp_path.glob('x*')))}"
        folder.mkdir()
        if src == "ops":
            laptop("sync", "export", "--to", "PCPR Hajnówka", "-o", str(folder))
            [bundle] = folder.glob("*.kbundle")
            return cli("co.db", "sync", "import", str(bundle), ok=ok)
        cli("co.db", "sync", "export", "--to", ops_id, "-o", str(folder))
        [bundle] = folder.glob("*.kbundle")
        return laptop("sync", "import", str(bundle), ok=ok)

    assert with_laptop("ops", "co", ok=None).returncode != 0  # a number the coordinator has
    with_laptop("co", "ops")
    back = with_laptop("ops", "co")
    assert "wróciła do starszej kopii" in back.stdout + back.stderr
    again = with_laptop("co", "ops")
    assert "1 sprawę usuniętą wcześniej na tym komputerze usunięto ponownie" in again.stdout
    dump = laptop("dump", "--json").stdout
    assert gone["id"] not in dump and kept["id"] in dump
    [row] = json.loads(laptop("rodo", "erasures", "--json").stdout)
    assert row["devices"] and all(d["confirmed_at"] for d in row["devices"])
    assert gone["id"] not in cli("co.db", "dump", "--json").stdout
