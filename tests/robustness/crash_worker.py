"""The process that ``test_crash.py`` kills: a fork server whose children save until killed.

Starting Python and importing the application costs about half a second, far more than one run of
saves between two kills; so this process imports everything once (without opening any database
connection, which must never cross a ``fork()``) and then forks a fresh child for each run.  Each
child unlocks the database exactly as the application does (``setup.open_workspace``), then saves
through the real services in a loop and writes one acknowledgement line to stdout after each call
returned, i.e. after its transaction committed:

    ACK visit <marker>       visits.save_visit: the visit row and its audit event
    ACK person <marker>      persons.add_person: the person, the family's head name, an audit event

Protocol (one line each way): the parent writes ``RUN <run> <family_id>`` on stdin; the child
writes ``START <pid>`` and its ACK lines; after the parent has killed the child this process
reaps it and writes ``EXIT <pid> <wait status>``.  ``QUIT`` (or end of input) ends it.  Output is
written with ``os.write`` on the raw descriptor so nothing sits in a buffer a kill would lose or a
fork would duplicate.
"""

from __future__ import annotations

import os
import random
import sys
import traceback
from datetime import date

from sqlalchemy.orm import configure_mappers

from app.services import persons, setup, visits
from app.store.migrate import head_revision

PASSPHRASE_ENV = "KOOPERACJA_PASSPHRASE"


def _say(line: str) -> None:
    os.write(1, (line + "\n").encode("utf-8"))


def _note(run: int, rnd: random.Random) -> str:
    # Mostly a few lines; one save in ten spans several pages (overflow pages in the record).
    words = ("wizyta", "rodzina", "szkoła", "praca", "zadłużenie", "terapia", "źródło", "łąka")
    count = rnd.randint(600, 1200) if rnd.random() < 0.1 else rnd.randint(5, 150)
    return " ".join(rnd.choice(words) for _ in range(count)) + f" #{run}"


def child(db: str, run: int, family_id: str) -> None:
    """Unlock, then save until killed (never returns normally)."""
    _say(f"START {os.getpid()}")
    rnd = random.Random(run)
    ws = setup.open_workspace(db, os.environ[PASSPHRASE_ENV])
    today = date.today()
    i = 0
    while True:
        marker = f"r{run}s{i}"
        if i % 4 == 3:
            persons.add_person(
                ws,
                family_id,
                persons.PersonInput(
                    first_name="Próba",
                    last_name=f"Zapisu-{marker}",
                    document_type="other",
                    document_number=marker,
                    relation="other_relative",
                    notes=_note(run, rnd),
                ),
            )
            _say(f"ACK person {marker}")
        else:
            visits.save_visit(
                ws,
                family_id,
                visits.VisitInput(visit_on=today, purpose=marker, notes=_note(run, rnd)),
            )
            _say(f"ACK visit {marker}")
        i += 1


def main() -> int:
    db = sys.argv[1]
    configure_mappers()  # once here rather than in every child (no database is touched)
    # The unlock reads the schema revision with Alembic, imported on first use: importing it
    # and reading the migration scripts here (no database either) spares every child about a
    # second, so a kill "during the unlock" lands in the unlock itself, not in an import.
    head_revision()
    _say("READY")
    for line in sys.stdin:
        parts = line.split()
        if not parts or parts[0] == "QUIT":
            break
        run, family_id = int(parts[1]), parts[2]
        pid = os.fork()
        if pid == 0:
            try:
                child(db, run, family_id)
            except BaseException:
                traceback.print_exc()
                sys.stderr.flush()
                os._exit(3)
            os._exit(4)
        _pid, status = os.waitpid(pid, 0)
        _say(f"EXIT {pid} {status}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
