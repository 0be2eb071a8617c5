"""Retention, archiving, the art. 30 register and the audit export (issue 14 §2, §5)."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import date

import pypdf
import pytest
from sqlalchemy import select

from app import cli
from app.errors import FileProblem, ValidationError
from app.models import Family
from app.printing.service import render_document
from app.services import families, setup
from app.services.rodo import archive, retention
from tests.age_passphrase import WORK_FACTOR, work_factor_of
from tests.age_passphrase import encrypt as seal_cheaply
from tests.conftest import PASSPHRASE
from tests.factories import PESEL_MOTHER

ARCHIVE_PASSPHRASE = "archiwum-zakładowe-w-Narewce-2026!"
CLOSED = date.today()
DUE = date(CLOSED.year + 3, 1, 1)


def _text(path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return "".join(p.extract_text() for p in reader.pages)


def test_jrwa_categories_and_dates():
    assert retention.retention_years("B10") == 10
    assert retention.retention_years("BE5") == 5
    assert retention.retention_years("A") is None
    assert retention.retention_years("Bc") == 0
    with pytest.raises(ValidationError):
        retention.retention_years("B-10; DROP")
    closed = date(2020, 5, 1)
    assert retention.retention_ends(closed, "B10") == date(2031, 1, 1)
    assert retention.leaves_active_use(closed, 2) == date(2023, 1, 1)


@pytest.fixture
def closed_case(ws, family_case, monkeypatch, tmp_path):
    families.close_family(ws, family_case.family_id, CLOSED, "usamodzielnienie")
    render_document(ws, "plan", family_id=family_case.family_id)
    monkeypatch.setenv("KOOPERACJA_PASSPHRASE", PASSPHRASE)
    path = str(ws.path)
    ws.lock()
    return path, family_case


@pytest.mark.usefixtures("production_archive_cost")
def test_a_package_sealed_at_the_shipped_cost_is_read_back_before_the_case_goes(
    ws, family_case, tmp_path
):
    """The production-cost test: the package is sealed as shipped (rage's own scrypt work factor,
    about a second per encryption and again per decryption) and the shipped path opens it again
    before the case is removed.  The other tests seal at ``age_passphrase.WORK_FACTOR``."""
    from app.printing import rodo_files

    families.close_family(ws, family_case.family_id, CLOSED, "usamodzielnienie")
    done = rodo_files.archive_case(ws, family_case.family_id, ARCHIVE_PASSPHRASE, tmp_path / "a")
    assert work_factor_of(done.package.read_bytes()) > WORK_FACTOR  # rage's own, not the tests'
    assert done.rows > 0
    with ws.transaction() as s:
        assert s.get(Family, family_case.family_id) is None


def test_due_list_then_archive_hands_over_and_removes(closed_case, tmp_path, capsys):
    path, case = closed_case
    base = ["--db", path, "rodo"]
    day_before = date(DUE.year - 1, 12, 31).isoformat()
    assert cli.main([*base, "due", "--on", day_before, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert cli.main([*base, "due", "--on", DUE.isoformat(), "--json"]) == 0
    [due] = json.loads(capsys.readouterr().out)
    assert due["family_id"] == case.family_id and due["leaves_active_use"] == DUE.isoformat()
    assert due["retention_until"] == date(CLOSED.year + 11, 1, 1).isoformat()

    secret = tmp_path / "archiwum.pass"
    secret.write_text(ARCHIVE_PASSPHRASE + "\n", encoding="utf-8")
    out = tmp_path / "do-archiwum"
    args = [*base, "archive", "--family", case.family_id]
    assert cli.main([*args, "--package-passphrase-file", str(secret), "-o", str(out)]) == 0
    assert "zarchiwizowana" in capsys.readouterr().out
    package = out / f"archiwum-{case.family_id}{archive.SUFFIX}"
    content = archive.open_package(package, ARCHIVE_PASSPHRASE)
    assert any(p["pesel"] == PESEL_MOTHER for p in content["tables"]["person"])
    assert content["audit_events"]
    with pytest.raises(FileProblem):
        archive.open_package(package, "nie-to-hasło-archiwum-2026")
    assert PESEL_MOTHER.encode() not in package.read_bytes()
    protocol = _text(out / f"protokol-{case.family_id}.pdf")
    assert "przekazania" in protocol.lower() and hashlib.sha256(package.read_bytes()).hexdigest()[
        :20
    ] in protocol.replace("\n", "")

    ws = setup.open_workspace(path, PASSPHRASE)
    try:
        with ws.transaction() as s:
            assert s.scalar(select(Family.id)) is None
    finally:
        ws.lock()
    assert cli.main([*base, "erasures", "--json"]) == 0
    [erased] = json.loads(capsys.readouterr().out)
    assert erased["reason"] == "archived"


def test_archive_refuses_an_open_case_and_a_weak_passphrase(ws, family_case):
    with pytest.raises(ValidationError):
        archive.prepare_archive(ws, family_case.family_id, ARCHIVE_PASSPHRASE)
    families.close_family(ws, family_case.family_id, CLOSED, "")
    from app.errors import WeakPassphrase

    with pytest.raises(WeakPassphrase):
        archive.prepare_archive(ws, family_case.family_id, "1234")
    with ws.transaction() as s:
        assert s.get(Family, family_case.family_id) is not None


def test_register_prints_from_the_settings_and_the_database(closed_case, tmp_path, capsys):
    path, _case = closed_case
    out = tmp_path / "rejestr.pdf"
    code = cli.main(["--db", path, "rodo", "register", "--iod", "iod@narewka.pl", "-o", str(out)])
    assert code == 0
    text = _text(out)
    for fragment in ("iod@narewka.pl", "SQLCipher 4", "Argon2id", "B10", "Powiatowy Urząd Pracy"):
        assert fragment in text.replace("\n", " "), fragment


def test_audit_export_per_case_and_kind_with_a_verifiable_chain(closed_case, tmp_path):
    path, case = closed_case
    out = tmp_path / "dziennik.json"
    args = ["--db", path, "rodo", "audit", "--family", case.family_id, "--kind", "print"]
    assert cli.main([*args, "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["chain"]["verified"] is True
    assert {e["hashed"]["action"] for e in data["events"]} == {"print"}
    for e in data["events"]:
        body = json.dumps(e["hashed"], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        assert hashlib.sha256(body.encode()).hexdigest() == e["hash"]
        assert e["family_id"] == case.family_id
    assert cli.main(["--db", path, "rodo", "audit", "--person", "x", "-o", str(out)]) == 5


def test_the_archive_reads_the_package_back_whole(closed_case, tmp_path, capsys):
    """What the archive receives opens, every record, document and audit entry checks out, and
    the counts are the handover protocol's; a changed package is refused."""
    from app.printing import rodo_files
    from app.services import attachments

    path, case = closed_case
    ws = setup.open_workspace(path, PASSPHRASE)
    try:
        scan = b"%PDF-1.4 skan decyzji"
        attachments.add_attachment(ws, case.family_id, title="Decyzja", content=scan)
        done = rodo_files.archive_case(ws, case.family_id, ARCHIVE_PASSPHRASE, tmp_path / "a")
    finally:
        ws.lock()
    assert work_factor_of(done.package.read_bytes()) == WORK_FACTOR  # a genuine age file
    contents = archive.read_package(done.package, ARCHIVE_PASSPHRASE)
    assert contents.problems == ()
    assert contents.case_number and contents.documents == 1 and contents.audit_entries > 3
    protocol = _text(done.protocol)
    assert contents.case_number in protocol
    assert sum(contents.counts.values()) == done.rows

    secret = tmp_path / "archiwum.pass"
    secret.write_text(ARCHIVE_PASSPHRASE + "\n", encoding="utf-8")
    args = ["rodo", "open-package", str(done.package), "--package-passphrase-file", str(secret)]
    assert cli.main(args) == 0
    out = capsys.readouterr().out
    assert "kompletna" in out and contents.case_number in out

    # A package whose content was changed (re-encrypted with the same passphrase) is reported.
    import pyrage

    raw = json.loads(pyrage.passphrase.decrypt(done.package.read_bytes(), ARCHIVE_PASSPHRASE))
    raw["tables"]["attachment"][0]["title"] = "Podmieniona"
    raw["audit_events"][0]["actor"] = "Ktoś inny"
    forged = tmp_path / "podmieniona.karchive"
    forged.write_bytes(seal_cheaply(json.dumps(raw).encode(), ARCHIVE_PASSPHRASE))
    bad = archive.read_package(forged, ARCHIVE_PASSPHRASE)
    assert len(bad.problems) == 1  # the audit entry; the document's content still matches
    assert (
        cli.main(["rodo", "open-package", str(forged), "--package-passphrase-file", str(secret)])
        == 1
    )
