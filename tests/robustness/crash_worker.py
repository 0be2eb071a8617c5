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
writes ``START <pid>``, then ``UNLOCKED <CPU ms>`` once ``open_workspace`` returned, then its
ACK lines; each line ends with the time it was written and the phases the child entered since
the last one (``<phase>:<time>``: ``PHASES``, ``time.monotonic()``).  After the parent has
killed the child this process reaps it and writes ``EXIT <pid> <wait status> <child CPU ms>``.
``QUIT`` (or end of input) ends it.  Output is written with ``os.write`` on the raw descriptor
so nothing sits in a buffer a kill would lose or a fork would duplicate.

Where the kill landed: the child also keeps its current phase in the first byte of a small
shared file (``argv[2]``, mapped before the fork: a store, no system call); at the start of each
COMMIT it stores there the WAL-index checkpoint counters of the ``-shm`` file (``nBackfill``,
``nBackfillAttempted``), so the parent can tell a kill that interrupted a WAL checkpoint
(SQLite runs them inside a COMMIT) from one that interrupted only the commit's own WAL write.
"""

from __future__ import annotations

import gc
import mmap
import os
import random
import shutil
import sys
import tempfile
import time
import traceback
from datetime import date

from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session, configure_mappers

from app.models import Family
from app.services import persons, setup, visits
from app.services.workspace import Workspace
from app.store import vault
from app.store.migrate import head_revision

PASSPHRASE_ENV = "KOOPERACJA_PASSPHRASE"
PHASE_BYTES = 16
# The two stages: the unlock (open_workspace) and the saves; the phase is stage + step.
UNLOCK, SAVES = 10, 20
OPENING, IN_TRANSACTION, COMMITTING, COMMITTED = 0, 1, 2, 3
CONNECTING, SCHEMA, CLOSING, ENGINE = 4, 5, 6, 7  # the unlock's first connection (Vault.unlock)
PHASES = {
    1: "forked",
    UNLOCK + OPENING: "unlock: lock file, salt, key",
    UNLOCK + CONNECTING: "unlock: first connection (WAL recovery)",
    UNLOCK + SCHEMA: "unlock: schema check",
    UNLOCK + CLOSING: "unlock: closing the first connection (checkpoint, WAL removed)",
    UNLOCK + ENGINE: "unlock: engine, second connection",
    UNLOCK + IN_TRANSACTION: "unlock: in a transaction",
    UNLOCK + COMMITTING: "unlock: COMMIT",
    UNLOCK + COMMITTED: "unlock: between transactions",
    SAVES + OPENING: "saves: between saves",
    SAVES + IN_TRANSACTION: "saves: in a transaction",
    SAVES + COMMITTING: "saves: COMMIT",
    SAVES + COMMITTED: "saves: committed, not yet acknowledged",
}
# The -shm file (SQLite's WAL index, native byte order): WalCkptInfo follows the two 48-byte
# copies of its header: nBackfill at 96, five read marks, eight lock bytes, then
# nBackfillAttempted at 128 (set when a checkpoint starts, nBackfill when it has copied and
# synced the frames).
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
    """The child's side of the phase file, and its trail of phases for the parent.

    SQLAlchemy's transaction events and wrappers around three steps of ``Vault.unlock`` (the
    real functions run) set the current phase; each is also kept with its ``time.monotonic()``
    (the same clock in every process) and sent with the next line, so the parent learns how
    long each phase takes and where it starts.
    """

    def __init__(self, marks: mmap.mmap, db: str) -> None:
        self.marks = marks
        self.stage = UNLOCK
        self.trail: list[tuple[int, float]] = []
        self._shm_path = db + "-shm"
        self._shm: int | None = None
        event.listen(Session, "after_begin", self._began)
        event.listen(Engine, "commit", self._committing)
        event.listen(Session, "after_commit", self._committed)
        self._wrap("connect", before=UNLOCK + CONNECTING, after=UNLOCK + SCHEMA)
        self._wrap("upgrade_to_head", after=UNLOCK + CLOSING)
        self._wrap("make_engine", before=UNLOCK + ENGINE)

    def _wrap(self, name: str, before: int | None = None, after: int | None = None) -> None:
        real = getattr(vault, name)

        def marked(*args, **kwargs):  # the real function, between two marks
            if before is not None:
                self.set(before)
            result = real(*args, **kwargs)
            if after is not None:
                self.set(after)
            return result

        setattr(vault, name, marked)

    def set(self, phase: int) -> None:
        self.marks[0] = phase
        self.trail.append((phase, time.monotonic()))

    def say(self, line: str) -> None:
        """Write ``line``, its time and the phases entered since the last line."""
        trail = " ".join(f"{phase}:{t:.6f}" for phase, t in self.trail)
        self.trail.clear()
        _say(f"{line} {time.monotonic():.6f} {trail}".rstrip())

    def saves(self) -> None:
        self.stage = SAVES
        self.set(SAVES + OPENING)

    def _began(self, *_args: object) -> None:
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
    phase.say(f"START {os.getpid()}")
    rnd = random.Random(run)
    phase.set(UNLOCK + OPENING)
    ws = setup.open_workspace(db, os.environ[PASSPHRASE_ENV])
    phase.saves()
    phase.say(f"UNLOCKED {1000 * time.process_time():.1f}")
    i = 0
    while True:
        kind, marker = save(ws, family_id, run, i, rnd)
        phase.say(f"ACK {kind} {marker}")
        phase.set(SAVES + OPENING)
        i += 1


def save(ws: Workspace, family_id: str, run: int, i: int, rnd: random.Random) -> tuple[str, str]:
    """Save number ``i`` of a run: every fourth a family member, the others visits (which of
    the first four is the member changes from run to run: most runs are killed early)."""
    marker = f"r{run}s{i}"
    if (i + run) % 4 == 3:
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
        return "person", marker
    visits.save_visit(
        ws,
        family_id,
        visits.VisitInput(visit_on=date.today(), purpose=marker, notes=_note(run, rnd)),
    )
    return "visit", marker


def warm_up(db: str, passphrase: str) -> None:
    """Unlock a copy of the database and save on it once of each kind, then lock it.

    The children inherit what this leaves in the process: SQLAlchemy's compiled statements
    (``app.store.connection.COMPILED``) and the ORM's caches, the lazily imported modules and
    the per-process caches of the unlock, so each child's unlock and saves do their own work
    (the same reads and writes, in the same order) without compiling them first.  Nothing of
    the real database is opened; the copy's folder is also the data folder meanwhile, so even
    the erasure list's second copy is written there.
    """
    scratch = tempfile.mkdtemp(prefix="crash-warm-")
    data_dir = os.environ.get("KOOPERACJA_DATA_DIR")
    os.environ["KOOPERACJA_DATA_DIR"] = scratch
    try:
        copy = os.path.join(scratch, os.path.basename(db))
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                shutil.copyfile(db + suffix, copy + suffix)
        ws = setup.open_workspace(copy, passphrase)
        try:
            with ws.transaction() as s:
                family_id = s.scalars(select(Family.id).limit(1)).one()
            rnd = random.Random(0)
            for i in (0, 3):
                save(ws, family_id, -1, i, rnd)
        finally:
            ws.lock()
    finally:
        if data_dir is None:
            del os.environ["KOOPERACJA_DATA_DIR"]
        else:
            os.environ["KOOPERACJA_DATA_DIR"] = data_dir
        shutil.rmtree(scratch, ignore_errors=True)


def main() -> int:
    db, phase_file = sys.argv[1], sys.argv[2]
    with open(phase_file, "r+b") as f:
        marks = mmap.mmap(f.fileno(), PHASE_BYTES)  # shared with every child
    configure_mappers()  # once here rather than in every child (no database is touched)
    # The unlock reads the schema revision with Alembic, imported on first use: importing it
    # and reading the migration scripts here (no database either) spares every child about a
    # second, so a kill "during the unlock" lands in the unlock itself, not in an import.
    head_revision()
    warm_up(db, os.environ[PASSPHRASE_ENV])
    _say("READY")
    for line in sys.stdin:
        parts = line.split()
        if not parts or parts[0] == "QUIT":
            break
        run, family_id = int(parts[1]), parts[2]
        marks[:] = bytes([1]) + bytes(PHASE_BYTES - 1)
        # Everything this process made so far stays out of the children's garbage collections:
        # walking it would touch, and so copy, every inherited page of the heap.
        gc.freeze()
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
