"""Everything the program writes is readable by its user only (0600 files, 0700 folders), and a
huge draft is kept as valid JSON (cut field by field, never in the middle of the text).

Real files from real commands: the database and its side files, a backup, a restored database,
the file kept aside, the log and crash log with their folder, a dump, statistics, a PDF, a key
card.  (Windows: see README, "Security notes".)
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from app import cli
from app.config import log_dir
from app.services import drafts
from tests.conftest import PASSPHRASE
from tests.factories import make_full_case

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_file_written_is_private(ws, tmp_path, capsys, monkeypatch):
    os.umask(0o022)  # a typical desktop umask: the program must not rely on a strict one
    case = make_full_case(ws)
    db = ws.path
    ws.lock()
    monkeypatch.setenv("KOOPERACJA_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "out"
    commands = [
        ["backup", out / "k.kbak"],
        ["dump", "--json", "-o", out / "d.json"],
        ["stats", "--format", "csv", "-o", out / "s.csv"],
        ["stats", "--format", "pdf", "-o", out / "s.pdf"],
        ["print", "diagnosis", "--family", case.family_id, "-o", out / "p.pdf"],
        ["keys", "export-card", "-o", out / "k.card"],
        ["restore", out / "k.kbak"],
    ]
    for args in commands:
        assert cli.main(["--db", str(db), *map(str, args)]) == 0, capsys.readouterr().err
    written = [p for p in [*out.iterdir(), *db.parent.iterdir()] if p.is_file()]
    logs = log_dir()
    written += [p for p in logs.iterdir() if p.is_file()]
    loose = {str(p): oct(_mode(p)) for p in written if _mode(p) & 0o077}
    assert loose == {}
    assert any(".before-restore-" in p.name for p in written)
    for folder in (out, logs):
        assert _mode(folder) & 0o077 == 0, (folder, oct(_mode(folder)))


def test_a_huge_draft_stays_valid_json(ws):
    text = "Zdanie rodziny o sytuacji. " * 150_000  # about 4 MB
    fields = {"summary": text, "notes": "krótko", "items": [{"name": "a" * 10}]}
    drafts.save_draft(ws, "diagnosis:x:new", "Diagnoza", fields)
    back = drafts.load_draft(ws, "diagnosis:x:new")
    assert back is not None and set(back) == set(fields)
    assert back["notes"] == "krótko" and back["items"] == fields["items"]
    assert text.startswith(back["summary"]) and len(back["summary"]) > 100_000
    size = len(json.dumps(back, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    assert size <= drafts.MAX_DRAFT_BYTES
