"""A person's own data (art. 15): JSON and PDF list every recipient found in the audit log."""

from __future__ import annotations

import io
import json

import pypdf
import pytest
from sqlalchemy import select

from app import cli
from app.errors import NotFound
from app.models import AuditEvent
from app.printing.access import subject_access_pdf
from app.printing.service import render_document
from app.services import dump
from app.services.rodo import access
from tests.conftest import PASSPHRASE
from tests.factories import PESEL_FATHER, PESEL_MOTHER, make_full_case
from tests.sync.helpers import exchange, introduce, make_device


@pytest.fixture
def shared_case(tmp_path):
    ops = make_device(tmp_path / "ops.db", "ops", "2005092", "GOPS Narewka", "Anna Kowalczyk")
    coord = make_device(
        tmp_path / "pcpr.db", "coordinator", "2005", "PCPR Hajnówka", "Ewa Zawadzka"
    )
    introduce(ops, coord)
    case = make_full_case(ops)
    render_document(ops, "plan", family_id=case.family_id)
    dump.dump_json(ops)
    exchange(ops, coord)
    exchange(coord, ops)
    coord.lock()
    yield ops, case
    if not ops.locked:
        ops.lock()


def test_json_lists_every_recipient_and_only_this_persons_data(shared_case):
    ops, case = shared_case
    data = access.subject_access(ops, case.mother_id)
    kinds = {(r.kind, r.recipient, r.detail) for r in data.recipients}
    assert any(k == "print" and d == "plan" for k, _r, d in kinds)
    assert any(k == "export" and "dump" in d for k, _r, d in kinds)
    assert any(k == "share" and r == "PCPR Hajnówka" for k, r, _d in kinds)
    assert any(k == "copy" and r == "PCPR Hajnówka" for k, r, _d in kinds)
    payload = access.to_json(data)
    parsed = json.loads(payload)
    assert parsed["person"]["pesel"] == PESEL_MOTHER
    assert PESEL_FATHER not in payload.decode()
    assert parsed["consents"] and parsed["consents"][0]["history"]
    assert "visit" in parsed["records"] and "support_plan" in parsed["records"]


def test_pdf_names_the_recipients(shared_case):
    ops, case = shared_case
    data = access.subject_access(ops, case.mother_id)
    reader = pypdf.PdfReader(io.BytesIO(subject_access_pdf(data)))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "PCPR Hajnówka" in text and "Grażyna" in text and PESEL_MOTHER in text
    assert "Grażyna" not in (reader.metadata.title or "")
    assert "art. 15" in text


def test_cli_writes_the_copy_and_audits_the_handover(shared_case, tmp_path, monkeypatch, capsys):
    ops, case = shared_case
    path = str(ops.path)
    ops.lock()
    monkeypatch.setenv("KOOPERACJA_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "dane.json"
    args = ["--db", path, "rodo", "access", "--person", case.mother_id]
    assert cli.main([*args, "--format", "json", "-o", str(out)]) == 0
    assert json.loads(out.read_bytes())["person"]["pesel"] == PESEL_MOTHER
    assert cli.main([*args, "--format", "pdf", "-o", str(tmp_path / "dane.pdf")]) == 0
    assert (tmp_path / "dane.pdf").read_bytes().startswith(b"%PDF")
    assert cli.main([*args, "--format", "pdf", "-o", str(out / "x.pdf")]) == 9
    from app.services import setup

    again = setup.open_workspace(path, PASSPHRASE)
    try:
        with again.transaction() as s:
            events = s.scalars(
                select(AuditEvent.detail).where(AuditEvent.entity == "subject_access")
            ).all()
        assert sorted(events) == ["json", "pdf"]
        with pytest.raises(NotFound):
            access.subject_access(again, "nope")
    finally:
        again.lock()


def test_the_copy_carries_the_documents_themselves(shared_case):
    """Attachments are part of the copy: in the JSON (base64) and embedded in the PDF."""
    import base64

    from app.services import attachments

    ops, case = shared_case
    scan = b"%PDF-1.4 skan zgody Kanarek-Dok-5"
    attachments.add_attachment(
        ops, case.family_id, title="Skan zgody", content=scan, filename="zgoda.pdf"
    )
    data = access.subject_access(ops, case.mother_id)
    parsed = json.loads(access.to_json(data))
    [doc] = parsed["documents"]
    assert doc["filename"] == "zgoda.pdf" and base64.b64decode(doc["content_base64"]) == scan
    reader = pypdf.PdfReader(io.BytesIO(subject_access_pdf(data)))
    assert reader.attachments["zgoda.pdf"] == [scan]
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Skan zgody" in text


def test_every_recipient_in_the_audit_log_is_in_the_pdf(shared_case):
    """Done means: the subject-access PDF lists every recipient the audit log holds (found here
    independently of the service: every print, export and bundle of the family, and dumps)."""
    from sqlalchemy import or_

    ops, case = shared_case
    render_document(ops, "contract", family_id=case.family_id)
    data = access.subject_access(ops, case.mother_id)
    with ops.transaction() as s:
        events = s.scalars(
            select(AuditEvent).where(
                or_(
                    (AuditEvent.family_id == case.family_id)
                    & AuditEvent.action.in_(("print", "export", "share")),
                    (AuditEvent.action == "export") & (AuditEvent.entity == "dump"),
                )
            )
        ).all()
    assert len(events) >= 4
    assert len(data.recipients) >= len(events)  # plus the devices holding a copy
    reader = pypdf.PdfReader(io.BytesIO(subject_access_pdf(data)))
    text = " ".join("".join(page.extract_text() for page in reader.pages).split())
    for e in events:
        stamp = e.at.astimezone().strftime("%d.%m.%Y %H:%M")  # local time, as printed
        assert stamp in text, (e.action, e.detail)
    for r in data.recipients:  # (a kind label may be hyphenated across lines)
        assert " ".join(r.recipient.split()) in text, r
