"""The README's exit-code table, walked: every code it lists is produced by a real failure.

Commands run in-process (``app.cli.main``) on real databases and files; each case checks the
code, that stderr is one Polish line starting "Błąd:" (for errors) and never a traceback.  The
table is read from README.md, so a code added there without a case here fails this test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app import cli
from app.config import log_dir
from app.models import Institution
from app.services import integrity
from app.store import restore as restoring
from tests.conftest import PASSPHRASE
from tests.sync.helpers import edit, exchange, introduce, make_device

ROOT = Path(__file__).resolve().parents[2]


def readme_codes() -> set[int]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("### Exit codes", 1)[1].split("\n## ", 1)[0]
    return {int(m) for m in re.findall(r"^\| (\d+) \|", table, flags=re.M)}


@pytest.fixture
def run(capsys, monkeypatch):
    monkeypatch.setenv("KOOPERACJA_PASSPHRASE", PASSPHRASE)

    def go(*args: str, code: int, fragment: str = "") -> str:
        assert cli.main([str(a) for a in args]) == code
        out = capsys.readouterr()
        if code not in (0, 8, 130):  # 8: conflicts wait (a result); 130: "Przerwano."
            lines = out.err.strip().splitlines()
            assert lines and lines[-1].startswith("Błąd: "), out.err
            assert "Traceback" not in out.err and fragment in lines[-1], out.err
        return out.err

    return go


@pytest.fixture
def world(tmp_path):
    ops = make_device(tmp_path / "ops.db", "ops", "2005092", "GOPS Narewka", "Anna Kowalczyk")
    coord = make_device(tmp_path / "co.db", "coordinator", "2005", "PCPR", "Ewa Zawadzka")
    introduce(ops, coord)
    yield ops, coord
    ops.lock()
    coord.lock()


def test_every_code_of_the_readme_table(world, run, tmp_path, monkeypatch):
    ops, coord = world
    db = str(ops.path)
    seen: set[int] = set()

    def case(code: int, *args: str, fragment: str = "") -> str:
        seen.add(code)
        return run(*args, code=code, fragment=fragment)

    case(0, "--db", db, "check")
    # 1: an unexpected error (injected) names the log folder
    monkeypatch.setattr(integrity, "full_check", lambda ws: 1 / 0)
    err = case(1, "--db", db, "check", fragment=str(log_dir()))
    assert "nieoczekiwany" in err
    monkeypatch.undo()
    monkeypatch.setenv("KOOPERACJA_PASSPHRASE", PASSPHRASE)
    case(2, "--db", db, "families", "--limit", "-1", fragment="0 lub większą")
    case(2, "--db", db, "families", "--status", "zgubiona", fragment="nowa")
    case(2, "--db", db, "print", fragment="wymagane są argumenty")
    monkeypatch.setenv("KOOPERACJA_PASSPHRASE", PASSPHRASE + "x")
    case(3, "--db", db, "check", fragment="hasło")
    monkeypatch.setenv("KOOPERACJA_PASSPHRASE", PASSPHRASE)
    case(
        4,
        "--db",
        str(tmp_path / "new.db"),
        "init",
        "--role",
        "ops",
        "--unit",
        "2005",
        "--name",
        "X",
        fragment="to powiat",
    )
    text = tmp_path / "terc.txt"
    text.write_text("not a TERC file\n", encoding="utf-8")
    case(4, "--db", db, "terc", "import", str(text), fragment="TERC")
    case(
        5,
        "--db",
        db,
        "print",
        "diagnosis",
        "--family",
        "no-such-case",
        "-o",
        str(tmp_path / "x.pdf"),
        fragment="numerze sprawy",
    )
    case(6, "--db", str(tmp_path / "none.db"), "check", fragment="nie ma bazy")
    # 6: the database is open elsewhere (here: in this process) while a restore is asked for
    case(0, "--db", db, "backup", str(tmp_path / "k.kbak"))
    case(6, "--db", db, "restore", str(tmp_path / "k.kbak"), fragment="otwarta")
    junk = tmp_path / "junk.kbundle"
    junk.write_bytes(b"not a bundle at all" * 10)
    case(7, "--db", str(coord.path), "sync", "import", str(junk))
    # 8: both sides changed the same field
    exchange(ops, coord)
    exchange(coord, ops)
    home = _ops_home(coord)
    edit(ops, Institution, home, phone="85 111 11 11")
    edit(coord, Institution, home, phone="85 222 22 22")
    case(0, "--db", db, "sync", "export", "--to", coord.device_id, "-o", str(tmp_path / "3.kb"))
    case(8, "--db", str(coord.path), "sync", "import", str(tmp_path / "3.kb"))
    case(9, "--db", db, "restore", str(tmp_path / "nope.kbak"), fragment="nie istnieje")
    case(9, "--db", db, "sync", "import", str(tmp_path / "missing.kbundle"))
    case(9, "--db", db, "sync", "import", str(tmp_path), fragment="nie ma pliku paczki")
    case(9, "--db", "/proc/x.db", "init", "--role", "ops", "--unit", "2005092", "--name", "X")
    # 130: Ctrl+C
    monkeypatch.setattr(integrity, "full_check", _interrupt)
    assert "Przerwano" in case(130, "--db", db, "check")
    assert seen == readme_codes()


def _interrupt(ws):
    raise KeyboardInterrupt


def _ops_home(ws) -> str:
    from sqlalchemy import select

    with ws.transaction() as s:
        return s.scalars(
            select(Institution.id).where(
                Institution.level == "gmina", Institution.sector_code == "social_assistance"
            )
        ).first()


def test_resolving_a_resolved_conflict_is_invalid_not_a_conflict(world, run, tmp_path):
    ops, coord = world
    exchange(ops, coord)
    exchange(coord, ops)
    home = _ops_home(coord)
    edit(ops, Institution, home, phone="85 111 11 11")
    edit(coord, Institution, home, phone="85 222 22 22")
    assert exchange(ops, coord).conflicts
    from app.sync import conflicts

    [c] = conflicts.list_conflicts(coord)
    run("--db", coord.path, "sync", "resolve", c.id, "--take", "mine", code=0)
    run(
        "--db",
        coord.path,
        "sync",
        "resolve",
        c.id,
        "--take",
        "mine",
        code=4,
        fragment="rozstrzygnięty",
    )


def test_restore_step_names_are_documented():
    assert restoring.STEPS[0] == "copied" and restoring.STEPS[-1] == "done"
