"""A full disk and a read-only medium are said as such on every write path (never "Błędne hasło").

Real small file systems: a 6 MB tmpfs mounted for the test (needs root, as in CI containers; the
test is skipped where mounting is impossible), filled up with a plain file, or remounted
read-only.  Each command runs in-process (``app.cli.main``) and must end with the README's code
for a full disk (6) or a file problem (9), one Polish line, and the database still sound.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from app import cli
from app.errors import DiskFull, FileProblem, WrongPassphrase
from app.services import setup, visits
from app.store.fileops import explain_failure
from app.store.keys import TEST_KDF
from tests.conftest import OPS_GMINA, PASSPHRASE
from tests.factories import make_full_case


def _mount(folder: Path, size: str = "6m") -> None:
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    folder.mkdir()
    r = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)],
        capture_output=True,
    )
    if r.returncode != 0:
        pytest.skip("tmpfs cannot be mounted here")


@pytest.fixture
def small_fs(tmp_path):
    folder = tmp_path / "fs"
    _mount(folder)
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path, leave: int = 0) -> Path:
    """Fill ``folder``'s file system, then give back ``leave`` bytes."""
    filler = folder / "filler.bin"
    with open(filler, "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\1" * 65536)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    if leave:
        os.truncate(filler, max(filler.stat().st_size - leave, 0))
    return filler


@pytest.fixture
def run(capsys, monkeypatch):
    monkeypatch.setenv("KOOPERACJA_PASSPHRASE", PASSPHRASE)

    def go(*args: object) -> tuple[int, str]:
        code = cli.main([str(a) for a in args])
        err = capsys.readouterr().err.strip().splitlines()
        assert err and err[-1].startswith("Błąd: ") and "Traceback" not in "\n".join(err)
        return code, err[-1]

    return go


def test_every_output_on_a_full_disk_says_so(ws, tmp_path, small_fs, run):
    case = make_full_case(ws)
    db = str(ws.path)
    ws.lock()
    fill(small_fs)
    out = small_fs / "out"
    commands = {
        "backup": ["backup", out / "k.kbak"],
        "dump -o": ["dump", "--json", "-o", out / "d.json"],
        "stats csv": ["stats", "--format", "csv", "-o", out / "s.csv"],
        "stats pdf": ["stats", "--format", "pdf", "-o", out / "s.pdf"],
        "print": ["print", "diagnosis", "--family", case.family_id, "-o", out / "p.pdf"],
        "keys export-card": ["keys", "export-card", "-o", out / "k.card"],
    }
    said = {}
    for name, args in commands.items():
        code, line = run("--db", db, *args)
        said[name] = (code, "Dysk jest pełny" in line)
    assert said == {name: (6, True) for name in commands}
    check = setup.open_workspace(db, PASSPHRASE)
    assert check.vault.check() == []
    check.lock()


def test_a_service_save_on_a_full_disk_says_so_and_loses_nothing(tmp_path, small_fs):
    from app.ui.ops import error_text

    path = small_fs / "k.db"
    ws = setup.initialize(
        path, PASSPHRASE, role="ops", unit_code=OPS_GMINA, name="GOPS", kdf=TEST_KDF
    )
    case = make_full_case(ws)
    filler = fill(small_fs)
    saved = 0
    with pytest.raises(Exception) as info:
        for n in range(2000):  # the WAL grows until the disk refuses
            visits.save_visit(
                ws, case.family_id, visits.VisitInput(visit_on=date.today(), notes="x" * 4000)
            )
            saved = n + 1
    assert isinstance(explain_failure(info.value), DiskFull), type(info.value)
    assert "Dysk jest pełny" in error_text(info.value)  # what the GUI shows
    filler.unlink()
    assert ws.vault.check() == []
    ws.lock()
    again = setup.open_workspace(path, PASSPHRASE)
    again.lock()
    assert saved < 2000


def test_demo_on_a_full_disk_says_so(tmp_path, small_fs, run):
    path = small_fs / "k.db"
    setup.initialize(
        path, PASSPHRASE, role="ops", unit_code=OPS_GMINA, name="GOPS", kdf=TEST_KDF
    ).lock()
    fill(small_fs, leave=96 * 1024)  # room for the unlock, not for 40 families
    code, line = run("--db", path, "demo", "--families", "40")
    assert code == 6 and "Dysk jest pełny" in line


def test_a_read_only_medium_is_not_a_wrong_passphrase(tmp_path, small_fs, run):
    path = small_fs / "k.db"
    ws = setup.initialize(
        path, PASSPHRASE, role="ops", unit_code=OPS_GMINA, name="GOPS", kdf=TEST_KDF
    )
    backup = ws.vault.backup(small_fs / "kopia.kbak")
    ws.lock()
    subprocess.run(["mount", "-o", "remount,ro", str(small_fs)], check=True)
    with pytest.raises(FileProblem) as info:
        setup.open_workspace(path, PASSPHRASE)
    assert not isinstance(info.value, WrongPassphrase)
    assert "tylko do odczytu" in info.value.message
    code, line = run("--db", path, "check")
    assert code == 9 and "tylko do odczytu" in line
    # restoring from a write-protected stick works: the backup is only read
    target = tmp_path / "live" / "k.db"
    run_ok = cli.main(["--db", str(target), "restore", str(backup)])
    assert run_ok == 0
    subprocess.run(["mount", "-o", "remount,rw", str(small_fs)], check=True)
    with pytest.raises(WrongPassphrase):  # on a writable medium a wrong passphrase is one
        setup.open_workspace(path, PASSPHRASE + "x")


def test_passwd_on_a_full_disk_says_so_and_keeps_the_old_passphrase(tmp_path, small_fs, run):
    path = small_fs / "k.db"
    ws = setup.initialize(
        path, PASSPHRASE, role="ops", unit_code=OPS_GMINA, name="GOPS", kdf=TEST_KDF
    )
    make_full_case(ws)
    ws.lock()
    new = tmp_path / "new-passphrase.txt"
    new.write_text("inne-bardzo-dlugie-haslo-do-bazy-77", encoding="utf-8")
    filler = fill(small_fs, leave=96 * 1024)  # room to unlock, not to rewrite the file
    assert path.stat().st_size > 4 * 96 * 1024
    code, line = run("--db", path, "passwd", "--new-passphrase-file", new)
    assert code == 6 and "Dysk jest pełny" in line
    filler.unlink()
    again = setup.open_workspace(path, PASSPHRASE)  # the old passphrase still opens it
    assert again.vault.check() == []
    again.lock()
