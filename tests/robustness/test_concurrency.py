"""A case opened while another save commits must not fail with "database is locked".

Most use cases read and then write (opening a case file appends a "view" audit event).  The engine
starts transactions with a plain (deferred) ``BEGIN``: the transaction reads from a WAL snapshot,
and if another connection -- a second thread, the sync, the command line -- commits in between,
SQLite refuses the upgrade to a write with ``SQLITE_BUSY_SNAPSHOT`` at once, without waiting for
``busy_timeout``.  ``BEGIN IMMEDIATE`` takes the write lock first and makes the other writer wait
instead (measured: 3 threads × 20 ``open_family`` calls, 29 failures with ``BEGIN``, none with
``BEGIN IMMEDIATE``, which the engine now uses).
"""

from __future__ import annotations

import threading
import time
from datetime import date

from app.services import audit, casefile, visits

# How long the reader waits for the other save, in multiples of an unhindered save measured
# first: with a plain BEGIN that save commits at once (and the reader then fails); with BEGIN
# IMMEDIATE it waits for the reader's lock, so the reader's wait always runs out.  Measured,
# not fixed, so a loaded machine still gives the other save ample time.
WAIT_SAVES, MIN_WAIT = 20, 0.5


def test_open_case_while_another_save_commits(ws, family_case, monkeypatch):
    started = time.monotonic()
    visits.save_visit(ws, family_case.family_id, visits.VisitInput(visit_on=date.today()))
    wait = max(MIN_WAIT, WAIT_SAVES * (time.monotonic() - started))
    real_record = audit.record
    reader_has_read, other_saved = threading.Event(), threading.Event()
    reader = threading.current_thread()

    def record_after_other_save(session, *args, **kwargs):
        if threading.current_thread() is reader:
            reader_has_read.set()  # open_family has loaded the case file ...
            other_saved.wait(wait)  # ... and another connection commits a visit meanwhile
        return real_record(session, *args, **kwargs)

    monkeypatch.setattr(audit, "record", record_after_other_save)
    errors: list[BaseException] = []

    def other_save() -> None:
        reader_has_read.wait(wait)
        try:
            visits.save_visit(ws, family_case.family_id, visits.VisitInput(visit_on=date.today()))
        except BaseException as exc:  # asserted below
            errors.append(exc)
        finally:
            other_saved.set()

    thread = threading.Thread(target=other_save)
    thread.start()
    try:
        opened = casefile.open_family(ws, family_case.family_id)
    finally:
        reader_has_read.set()
        thread.join()
    assert errors == []
    assert opened.family.id == family_case.family_id
