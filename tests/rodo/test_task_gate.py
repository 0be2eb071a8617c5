"""An institution's task list withholds what it has no basis to see, and the worker is told how
much and why (issue 14 §1): on the printed list's warnings and in the CLI, never on the list."""

from __future__ import annotations

import io
from datetime import timedelta

import pypdf

from app import cli
from app.printing import pilot_docs
from app.printing.service import prepare_document
from app.services import consents
from app.services.rodo import gating
from tests.conftest import PASSPHRASE
from tests.pilot.helpers import make_pilot
from tests.pilot.test_meetings import TODAY, _second_family


def test_the_task_list_counts_what_it_withholds(ws, monkeypatch, capsys):
    p = make_pilot(ws)
    pup = p.pzk["PUP Hajnówka"]
    fam, _plan, action = _second_family(ws, p, [p.pzk["PPP Hajnówka"]])  # names another one
    assert gating.withheld_tasks(ws, pup, TODAY) == {"no_consent": 1}
    doc = prepare_document(ws, "tasks", pilot=pilot_docs.Ids(institution_id=pup))
    [warning] = doc.warnings
    assert "1 zadanie" in warning and "żadna zgoda nie wskazuje odbiorcy" in warning
    text = "".join(pg.extract_text() for pg in pypdf.PdfReader(io.BytesIO(doc.pdf)).pages)
    assert action.description not in text and "Wstrzymano" not in text  # not on the list

    consent = consents.save_consent(
        ws,
        fam.id,
        consents.ConsentInput(
            signed_on=TODAY - timedelta(days=1), scope="dane do IPW", institution_ids=[pup]
        ),
    )
    assert gating.withheld_tasks(ws, pup, TODAY) == {}
    assert prepare_document(ws, "tasks", pilot=pilot_docs.Ids(institution_id=pup)).warnings == ()

    consents.withdraw_consent(ws, consent.id, TODAY, "Rodzina wycofała zgodę.")
    assert gating.withheld_tasks(ws, pup, TODAY) == {"withdrawn": 1}

    monkeypatch.setenv("KOOPERACJA_PASSPHRASE", PASSPHRASE)
    path = str(ws.path)
    ws.lock()
    assert cli.main(["--db", path, "tasks", "--institution", pup]) == 0
    captured = capsys.readouterr()
    assert "0 otwartych zadań" in captured.out
    assert "zgoda została wycofana: 1" in captured.err
