"""The ``kooperacja`` command line as a user runs it: real arguments, real files.

Errors must be one Polish line on stderr with the documented exit code, never a traceback.
The commands run in-process (``tests.cli_runner``); ``test_the_entry_point_is_a_real_command``
starts the real ``python -m app`` once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_runner import OPS_INIT, CliResult, run_cli
from tests.conftest import PASSPHRASE
from tests.factories import PESEL_MOTHER


def run(*args: str, env: dict | None = None, passphrase: str | None = PASSPHRASE) -> CliResult:
    changes: dict[str, str | None] = {
        "KOOPERACJA_PASSPHRASE": passphrase,
    }
    changes.update(env or {})
    return run_cli(list(args), changes)


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "cli.db"
    r = run("--db", str(path), *OPS_INIT)
    assert r.returncode == 0, r.stderr
    assert "Utworzono bazę danych" in r.stdout
    return path


def assert_clean_error(r, code: int, fragment: str) -> None:
    assert r.returncode == code, (r.returncode, r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Błąd: "), r.stderr
    assert fragment in lines[0]
    assert "Traceback" not in r.stderr


def test_demo_families_json_and_search(db):
    r = run("--db", str(db), "demo", "--families", "12", "--seed", "5")
    assert r.returncode == 0, r.stderr
    r = run("--db", str(db), "families", "--json")
    rows = json.loads(r.stdout)
    assert len(rows) == 12
    row = rows[0]
    assert {"id", "case_number", "gmina", "status", "members"} <= set(row)
    assert row["gmina"] == "Narewka"
    member = row["members"][0]
    assert member["first_name"] and member["last_name"] and len(member["pesel"]) == 11
    surname = member["last_name"][:4]
    found = json.loads(run("--db", str(db), "families", "--search", surname, "--json").stdout)
    assert any(f["id"] == row["id"] for f in found)


def test_wrong_passphrase_and_missing_database(db, tmp_path):
    before = db.read_bytes()
    r = run("--db", str(db), "families", passphrase="całkiem-złe-hasło-987")
    assert_clean_error(r, 3, "Błędne hasło")
    assert db.read_bytes() == before
    r = run("--db", str(tmp_path / "brak.db"), "families")
    assert_clean_error(r, 6, "nie ma bazy danych")
    r = run("--db", str(db), "families", passphrase=None)
    assert_clean_error(r, 2, "Brak hasła")


def test_passphrase_file_and_weak_passphrase(tmp_path):
    pf = tmp_path / "haslo.txt"
    pf.write_text(PASSPHRASE + "\n", encoding="utf-8")
    path = tmp_path / "pf.db"
    r = run(
        "--db",
        str(path),
        "--passphrase-file",
        str(pf),
        "init",
        "--role",
        "coordinator",
        "--unit",
        "2005",
        "--name",
        "PCPR Hajnówka",
        passphrase=None,
    )
    assert r.returncode == 0, r.stderr
    r = run("--db", str(path), "--passphrase-file", str(pf), "check", passphrase=None)
    assert r.returncode == 0 and "OK" in r.stdout
    r = run(
        "--db",
        str(tmp_path / "weak.db"),
        "init",
        "--role",
        "ops",
        "--unit",
        "2005092",
        "--name",
        "GOPS",
        passphrase="krótkie",
    )
    assert_clean_error(r, 3, "co najmniej 12")
    assert not (tmp_path / "weak.db").exists()
    r = run(
        "--db",
        str(tmp_path / "x.db"),
        "init",
        "--role",
        "ops",
        "--unit",
        "9999999",
        "--name",
        "GOPS",
    )
    assert_clean_error(r, 4, "Nieznany kod TERYT")
    assert not (tmp_path / "x.db").exists()


def test_dump_load_roundtrip_via_cli(db, tmp_path):
    assert run("--db", str(db), "demo", "--families", "6", "--seed", "9").returncode == 0
    out1 = tmp_path / "dump1.json"
    assert run("--db", str(db), "dump", "--json", "-o", str(out1)).returncode == 0
    other = tmp_path / "other.db"
    assert run("--db", str(other), *OPS_INIT).returncode == 0
    r = run("--db", str(other), "load", "--json", str(out1))
    assert r.returncode == 0, r.stderr
    r2 = run("--db", str(other), "dump", "--json")
    assert r2.stdout == out1.read_text(encoding="utf-8")
    r = run("--db", str(other), "load", "--json", str(out1))
    assert_clean_error(r, 4, "zawiera już dane")


def test_backup_restore_passwd_check(db, tmp_path):
    assert run("--db", str(db), "demo", "--families", "3", "--seed", "1").returncode == 0
    backup = tmp_path / "kopia.kbackup"
    r = run("--db", str(db), "backup", str(backup))
    assert r.returncode == 0 and backup.exists(), r.stderr
    new = tmp_path / "new.txt"
    new.write_text("inne-dobre-hasło-na-zimę-77", encoding="utf-8")
    r = run("--db", str(db), "passwd", "--new-passphrase-file", str(new))
    assert r.returncode == 0, r.stderr
    assert_clean_error(run("--db", str(db), "check"), 3, "Błędne hasło")
    r = run("--db", str(db), "check", passphrase="inne-dobre-hasło-na-zimę-77")
    assert r.returncode == 0 and "łańcuch nienaruszony" in r.stdout
    r = run("--db", str(db), "restore", str(backup))  # the backup keeps the old passphrase
    assert r.returncode == 0, r.stderr
    assert "zachowana" in r.stdout
    assert run("--db", str(db), "check").returncode == 0


def test_no_passphrase_in_arguments():
    r = run("--help")
    assert r.returncode == 0
    assert "--passphrase-file" in r.stdout
    assert "--passphrase " not in r.stdout and "--password" not in r.stdout


def test_the_entry_point_is_a_real_command(tmp_path):
    """``python -m app`` (what the installed ``kooperacja`` runs): exit code, Polish stderr."""
    env = {k: v for k, v in os.environ.items() if k != "KOOPERACJA_PASSPHRASE"}
    proc = subprocess.run(
        [sys.executable, "-m", "app", "--db", str(tmp_path / "brak.db"), "families"],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert_clean_error(proc, 2, "Brak hasła")


def test_pesel_search_is_exact_and_private_in_errors(db):
    r = run("--db", str(db), "families", "--search", PESEL_MOTHER, "--json")
    assert r.returncode == 0 and json.loads(r.stdout) == []
