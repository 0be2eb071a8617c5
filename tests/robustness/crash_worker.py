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
writes ``START <pid>``, then ``UNLOCKED <open ms> <unlock ms> <CPU ms>`` once ``open_workspace``
returned (the open stage is ``Vault.unlock``, up to the first transaction), then its ACK lines;
after the parent has killed the child this process reaps it and writes ``EXIT <pid> <wait
status> <child CPU ms>``.  ``QUIT`` (or end of input) ends it.  Output is written with
``os.write`` on the raw descriptor so nothing sits in a buffer a kill would lose or a fork would
duplicate.

Where the kill landed: the child keeps its current phase (``PHASES``) in the first byte of a
small shared file (``argv[2]``, mapped before the fork: a store, no system call), set from
SQLAlchemy's transaction events; at the start of each COMMIT it also stores the WAL-index
checkpoint counters of the ``-shm`` file (``nBackfill``, ``nBackfillAttempted``), so the parent
can tell a kill that interrupted a WAL checkpoint (SQLite runs them inside a COMMIT) from one
that interrupted only the commit's own WAL write.
"""

from __future__ import annotations

import mmap
import os
import random
import sys
import time
import traceback
from datetime import date

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, configure_mappers

from app.services import persons, setup, visits
from app.store.migrate import head_revision

PASSPHRASE_ENV = "KOOPERACJA_PASSPHRASE"
PHASE_BYTES = 16
# The two stages: the unlock (open_workspace) and the saves; the phase is stage + step.
UNLOCK, SAVES = 10, 20
OPENING, IN_TRANSACTION, COMMITTING, COMMITTED = 0, 1, 2, 3
PHASES = {
    1: "forked",
    UNLOCK + OPENING: "unlock: open, WAL recovery, schema check",
    UNLOCK + IN_TRANSACTION: "unlock: in a transaction",
    UNLOCK + COMMITTING: "unlock: COMMIT",
    UNLOCK + COMMITTED: "unlock: between transactions",
    SAVES + OPENING: "saves: between saves",
    SAVES + IN_TRANSACTION: "saves: in a transaction",
    SAVES + COMMITTING: "saves: COMMIT",
    SAVES + COMMITTED: "saves: committed, not yet acknowledged",
}
# WalCkptInfo follows the two 48-byte copies of the WAL-index header in the -shm file:
# nBackfill at 96, five read marks, eight lock bytes, then nBackfillAttempted at 128.
SHM_BACKFILL, SHM_BACKFILL_ATTEMPTED = 96, 128


def checkpoint_counters(shm: bytes) -> tuple[int, int]:
    """(nBackfill, nBackfillAttempted) of a -shm file's first 132 bytes (native byte order)."""
    words = memoryview(shm[: SHM_BACKFILL_ATTEMPTED + 4]).cast("I")
    return words[SHM_BACKFILL // 4], words[SHM_BACKFILL_ATTEMPTED // 4]


def read_phase(marks: bytes) -> tuple[int, tuple[int, int]]:
    """The phase file: (the phase, the checkpoint counters stored at the last COMMIT's start)."""
    before = memoryview(marks[4:12]).cast("I")
    return marks[0], (before[0], before[1])


class PhaseMarks:
    """The child's side of the phase file: SQLAlchemy events write the current phase."""

    def __init__(self, marks: mmap.mmap, db: str) -> None:
        self.marks = marks
        self.stage = UNLOCK
        self.started = time.monotonic()
        self.opened: float | None = None  # the unlock's first transaction began
        self._shm_path = db + "-shm"
        self._shm: int | None = None
        event.listen(Session, "after_begin", self._began)
        event.listen(Engine, "commit", self._committing)
        event.listen(Session, "after_commit", self._committed)

    def set(self, phase: int) -> None:
        self.marks[0] = phase

    def saves(self) -> str:
        """Enter the saves; returns the unlock's figures for the UNLOCKED line (ms: the open
        stage, the whole unlock, this process's CPU so far)."""
        unlocked = time.monotonic()
        self.stage = SAVES
        self.set(SAVES + OPENING)
        opened = self.opened or unlocked
        return " ".join(
            f"{1000 * t:.1f}"
            for t in (opened - self.started, unlocked - self.started, time.process_time())
        )

    def _began(self, *_args: object) -> None:
        if self.opened is None:
            self.opened = time.monotonic()
        self.set(self.stage + IN_TRANSACTION)

    def _committing(self, *_args: object) -> None:
        if self._shm is None:
            self._shm = os.open(self._shm_path, os.O_RDONLY)
        shm = os.pread(self._shm, SHM_BACKFILL_ATTEMPTED + 4, 0)
        self.marks[4:12] = shm[SHM_BACKFILL : SHM_BACKFILL + 4] + shm[SHM_BACKFILL_ATTEMPTED:]
        self.set(self.stage + COMMITTING)

    def _committed(self, *_args: object) -> None:
        self.set(self.stage + COMMITTED)


def _say(line: str) -> None:
    os.write(1, (line + "\n").encode("utf-8"))


def _note(run: int, rnd: random.Random) -> str:
    # Mostly a few lines; one save in ten spans several pages (overflow pages in the record).
    words = ("wizyta", "rodzina", "szkoła", "praca", "zadłużenie", "terapia", "źródło", "łąka")
    count = rnd.randint(600, 1200) if rnd.random() < 0.1 else rnd.randint(5, 150)
    return " ".join(rnd.choice(words) for _ in range(count)) + f" #{run}"


def child(db: str, run: int, family_id: str, marks: mmap.mmap) -> None:
    """Unlock, then save until killed (never returns normally)."""
    phase = PhaseMarks(marks, db)
    _say(f"START {os.getpid()}")
    rnd = random.Random(run)
    phase.set(UNLOCK + OPENING)
    ws = setup.open_workspace(db, os.environ[PASSPHRASE_ENV])
    _say(f"UNLOCKED {phase.saves()}")
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
            phase.set(SAVES + OPENING)
        else:
            visits.save_visit(
                ws,
                family_id,
                visits.VisitInput(visit_on=today, purpose=marker, notes=_note(run, rnd)),
            )
            _say(f"ACK visit {marker}")
            phase.set(SAVES + OPENING)
        i += 1


def main() -> int:
    db, phase_file = sys.argv[1], sys.argv[2]
    with open(phase_file, "r+b") as f:
        marks = mmap.mmap(f.fileno(), PHASE_BYTES)  # shared with every child
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
        marks[:] = bytes([1]) + bytes(PHASE_BYTES - 1)
        pid = os.fork()
        if pid == 0:
            try:
                child(db, run, family_id, marks)
            except BaseException:
                traceback.print_exc()
                sys.stderr.flush()
                os._exit(3)
            os._exit(4)
        _pid, status, usage = os.wait4(pid, 0)
        _say(f"EXIT {pid} {status} {round(1000 * (usage.ru_utime + usage.ru_stime))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
