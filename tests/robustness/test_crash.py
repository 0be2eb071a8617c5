"""Crash safety: ``kill -9`` in the middle of a stream of saves.

A child process unlocks the database and saves through the real services (visits and family
members, each with its audit event in the same transaction), printing an acknowledgement after
every call that returned.  The parent kills it at a random moment of one phase of its work,
260 times (``KOOPERACJA_CRASH_KILLS`` overrides): each step of the unlock (the first
connection's WAL recovery, the schema check, the checkpoint when that connection closes, the
unlock's transactions and COMMITs) and of its first saves (in a transaction, in the COMMIT,
committed but not yet acknowledged, between two saves), each as often as ``AIMS`` says, or
anywhere in those saves.  The moment follows the phases as the previous children's trails
measured them (``Timings``), so a cheaper or slower child is still hit in each phase.  After
every kill a byte-exact copy of the files at rest (``.db``, ``-wal``, ``-shm``) is unlocked and
must pass both integrity checks, hold every acknowledged save, and hold no partial save: each
visit or person has exactly one audit event and every such audit event has its record.  The
original files are left as the kill left them, so the next child has to recover the previous
crash itself.

Children are forked from a pre-imported, warmed-up server (``crash_worker.py``) so that each
run costs its own unlock and saves, not an interpreter start-up.  The summary line says where
each kill landed (the child's phase when it died, and whether a COMMIT had started a WAL
checkpoint), how many were aimed there, the children's CPU and each phase's median duration.
"""

from __future__ import annotations

import dataclasses
import itertools
import mmap
import os
import random
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import select as sql_select
from sqlalchemy.orm import Session

from app.models import AuditEvent, Family, Person, Visit
from app.services import audit, families
from app.store.vault import Vault
from tests.conftest import OPS_GMINA, PASSPHRASE
from tests.robustness import crash_worker

REPO = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("KOOPERACJA_CRASH_KILLS", "260"))
ANYWHERE = 0  # an aim: a random moment of the saves
FAMILIES = 8
U, S = crash_worker.UNLOCK, crash_worker.SAVES
# Each run's kill is aimed at one phase of the child (``crash_worker.PHASES``), at a random
# moment of it as the previous children's trails measured it (``Timings``): a child made cheaper
# by the fork server's warm-up, or slower by the machine's load, is still killed in each phase
# as often.  The weights: how many kills of a hundred aim at each (the unlock's phases are
# hit in any of their occurrences, the saves' in any of the first SAVE_CYCLES saves), and the
# "anywhere" ones at a random moment of those saves, whatever phase it falls in.
AIMS = {
    U + crash_worker.OPENING: 3,
    U + crash_worker.CONNECTING: 7,
    U + crash_worker.SCHEMA: 3,
    U + crash_worker.CLOSING: 3,
    U + crash_worker.ENGINE: 1,
    U + crash_worker.IN_TRANSACTION: 2,
    U + crash_worker.COMMITTING: 2,
    U + crash_worker.COMMITTED: 1,
    S + crash_worker.OPENING: 6,
    S + crash_worker.IN_TRANSACTION: 12,
    S + crash_worker.COMMITTING: 14,
    S + crash_worker.COMMITTED: 3,
    # Half the kills know nothing of the phases: a moment of the saves, as the kills of
    # session 10 were.  They catch what the phases do not name (a deliberate mutant whose
    # acknowledgement runs ahead of its COMMIT is caught by these, not by the aimed ones).
    ANYWHERE: 50,
}
SAVE_CYCLES = 4
# The unlock's steps up to its first transaction, in their order: aimed at by watching the
# child's phase (every POLL_SECONDS) rather than by time.
UNLOCK_STEPS = tuple(
    U + step
    for step in (
        crash_worker.OPENING,
        crash_worker.CONNECTING,
        crash_worker.SCHEMA,
        crash_worker.CLOSING,
        crash_worker.ENGINE,
    )
)
# A save's transaction and COMMIT (a few milliseconds each) are aimed at the same way.
WATCHED_SAVE_PHASES = (S + crash_worker.IN_TRANSACTION, S + crash_worker.COMMITTING)
POLL_SECONDS = 0.0005
CHAIN_EVERY = 25  # full audit-chain verification every N snapshots (and at the end)
STALL_SECONDS = 60  # a child that makes no progress this long is a hang, not a slow machine
COMMIT_PHASES = (
    crash_worker.UNLOCK + crash_worker.COMMITTING,
    crash_worker.SAVES + crash_worker.COMMITTING,
)


@dataclass
class Run:
    """One child's run as the parent saw it."""

    pid: int
    aim: int  # AIMS
    started: float = 0.0  # the child's clock when it wrote START
    lines: list[tuple[float, list[tuple[int, float]]]] = field(default_factory=list)
    acks: list[tuple[str, str]] = field(default_factory=list)
    unlock_cpu: float | None = None  # ms, if it got to UNLOCKED
    cpu_seconds: float = 0.0
    phase: int = 0  # crash_worker.PHASES: where the kill landed
    checkpoint: str = ""  # a kill in a COMMIT that had started a WAL checkpoint


class Timings:
    """Where each phase of the child starts and how long it lasts: (offset, duration) seconds
    from the run's START (the unlock's phases, by occurrence) or from the line before (the
    saves': from UNLOCKED or the previous ACK), the last SAMPLES of each."""

    SAMPLES = 60

    def __init__(self) -> None:
        self.spans: dict[tuple[int, int], deque[tuple[float, float]]] = {}

    def learn(self, run: Run) -> None:
        for (start, _), (written, trail) in itertools.pairwise(run.lines):
            seen: Counter[int] = Counter()
            ends = [t for _phase, t in trail[1:]] + [written]
            for (phase, entered), left in zip(trail, ends, strict=True):
                key = (phase, seen[phase] if phase < S else 0)
                seen[phase] += 1
                self.spans.setdefault(key, deque(maxlen=self.SAMPLES)).append(
                    (entered - start, left - entered)
                )

    def occurrences(self, phase: int) -> list[tuple[float, float]]:
        return [span for (p, _n), spans in self.spans.items() if p == phase for span in spans]

    def kill_time(self, aim: int, reference: float, rnd: random.Random) -> float | None:
        """A random moment of phase ``aim`` after ``reference``, in one of its measured
        occurrences chosen in proportion to its duration (so a random moment of all the time
        spent in that phase); None before any was measured."""
        spans = [span for span in self.occurrences(aim) if span[1] > 0]
        if not spans:
            return None
        offset, duration = rnd.choices(spans, weights=[d for _o, d in spans])[0]
        return reference + offset + rnd.uniform(0.0, duration)

    def medians(self) -> str:
        """Each phase's median duration (ms) and number of occurrences measured."""
        out = []
        for phase in sorted({p for p, _n in self.spans}):
            durations = [d for _o, d in self.occurrences(phase)]
            out.append(f"{phase}: {1000 * statistics.median(durations):.1f} ms ×{len(durations)}")
        return ", ".join(out)

    def save_cycle(self) -> float:
        """The median time from one line to the next ACK."""
        ends = sorted(o + d for o, d in self.occurrences(S + crash_worker.COMMITTED))
        return ends[len(ends) // 2] if ends else 0.01


@dataclass
class Tally:
    kills: int = 0
    kills_during_unlock: int = 0
    kills_before_first_save: int = 0  # of those, the child had acknowledged nothing yet
    acked: dict[str, set[str]] = field(default_factory=lambda: {"visit": set(), "person": set()})
    committed_unacked: int = 0  # committed, killed before the acknowledgement was written
    aims: Counter[int] = field(default_factory=Counter)  # the phase each kill aimed at
    phases: Counter[tuple[int, str]] = field(default_factory=Counter)  # where the kills landed
    child_cpu: float = 0.0
    unlocks: list[tuple[float, float]] = field(default_factory=list)  # (ms, CPU ms) per run

    def add(self, run: Run) -> None:
        in_unlock = run.aim < S and run.aim != ANYWHERE
        self.kills += 1
        self.aims[run.aim] += 1
        self.kills_during_unlock += in_unlock
        self.kills_before_first_save += in_unlock and not run.acks
        for kind, marker in run.acks:
            self.acked[kind].add(marker)
        self.phases[run.phase, run.checkpoint] += 1
        self.child_cpu += run.cpu_seconds
        if run.unlock_cpu is not None:
            self.unlocks.append((1000 * (run.lines[1][0] - run.started), run.unlock_cpu))

    def unlock_medians(self) -> str:
        if not self.unlocks:
            return "no unlock finished"
        wall, cpu = (statistics.median(f) for f in zip(*self.unlocks, strict=True))
        return f"median unlock {wall:.0f} ms, {cpu:.0f} ms CPU"

    def where(self) -> str:
        """Each phase: the kills that landed in it (and how many aimed at it)."""
        landed = []
        for (phase, checkpoint), n in sorted(self.phases.items()):
            name = crash_worker.PHASES.get(phase, f"phase {phase}")
            if checkpoint:
                landed.append(f"{name} in a WAL checkpoint ({checkpoint}) {n}")
            else:
                landed.append(f"{name} {n} (aimed {self.aims[phase]})")
        return "; ".join(landed) + f"; aimed anywhere in the saves {self.aims[ANYWHERE]}"

    @property
    def acked_total(self) -> int:
        return sum(len(v) for v in self.acked.values())


@dataclass(frozen=True)
class Verdict:
    kill: int
    corrupt: list[str]
    lost: int
    partial: int
    head_mismatch: int
    chain: list
    committed: int
    cpu_seconds: float = 0.0  # the checking thread's CPU time for this snapshot

    @property
    def ok(self) -> bool:
        return not (self.corrupt or self.lost or self.partial or self.head_mismatch or self.chain)


class Worker:
    """The fork server: start a run, read its lines, kill it, wait for its reaping."""

    def __init__(self, db: Path, stderr_path: Path) -> None:
        env = dict(os.environ, KOOPERACJA_PASSPHRASE=PASSPHRASE, PYTHONUNBUFFERED="1")
        self._stderr = open(stderr_path, "wb")  # noqa: SIM115 - closed in close()
        self.stderr_path = stderr_path
        self.db = db
        self.timings = Timings()
        self.late: deque[float] = deque(maxlen=40)  # how long after its deadline a kill came
        self.phase_path = stderr_path.with_name("phase")
        self.phase_path.write_bytes(bytes(crash_worker.PHASE_BYTES))
        with open(self.phase_path, "rb") as f:
            self.marks = mmap.mmap(f.fileno(), crash_worker.PHASE_BYTES, access=mmap.ACCESS_READ)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.robustness.crash_worker",
                str(db),
                str(self.phase_path),
            ],
            cwd=REPO,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
        )
        self._fd = self.proc.stdout.fileno()  # type: ignore[union-attr]
        self._buffer = b""
        assert self.next_line(STALL_SECONDS) == "READY", self.diagnostics()

    def diagnostics(self) -> str:
        self._stderr.flush()
        return self.stderr_path.read_text(errors="replace")[-4000:]

    def next_line(self, timeout: float) -> str | None:
        """The next line, or None if none arrived within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self._fd], [], [], left)
            if ready:
                chunk = os.read(self._fd, 65536)
                if not chunk:
                    raise AssertionError("crash worker ended:\n" + self.diagnostics())
                self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode("utf-8")

    def run(self, run: int, family_id: str, aim: int, rnd: random.Random) -> Run:
        """One run, killed at a random moment of the phase it aims at: what it acknowledged
        and where the kill landed."""
        self.proc.stdin.write(f"RUN {run} {family_id}\n".encode())  # type: ignore[union-attr]
        self.proc.stdin.flush()  # type: ignore[union-attr]
        result = Run(pid=0, aim=aim)
        line = self.next_line(STALL_SECONDS)
        assert line and line.startswith("START "), (line, self.diagnostics())
        self._take(line, result)
        deadline = None
        if aim >= S:  # in one of the first saves: wait for the line it starts after
            reference = 1 if aim == ANYWHERE else 1 + rnd.randrange(SAVE_CYCLES)
            while len(result.lines) <= reference:
                self._take(self.next_line(STALL_SECONDS), result)
            if aim in WATCHED_SAVE_PHASES:
                deadline = self._when_entered_in_save(aim, result, rnd)
            else:
                deadline = self.timings.kill_time(aim, result.lines[reference][0], rnd)
        elif aim in UNLOCK_STEPS:
            deadline = self._when_entered(aim, result, rnd)
        elif aim != ANYWHERE:
            deadline = self.timings.kill_time(aim, result.started, rnd)
        if deadline is None:  # anywhere, or nothing measured yet
            while len(result.lines) < 2:
                self._take(self.next_line(STALL_SECONDS), result)
            window = SAVE_CYCLES * self.timings.save_cycle()
            deadline = result.lines[1][0] + rnd.uniform(0.0, window)
        # This process wakes up late by a few milliseconds under load: aim that much earlier.
        deadline -= statistics.median(self.late) if self.late else 0.0
        waited = deadline > time.monotonic()
        while (left := deadline - time.monotonic()) > 0:
            line = self.next_line(left)
            if line is None:
                break
            self._take(line, result)
        os.kill(result.pid, signal.SIGKILL)
        if waited:
            self.late.append(time.monotonic() - deadline)
        # Everything the child wrote before it died is in the pipe ahead of the EXIT line.
        while True:
            line = self.next_line(STALL_SECONDS)
            assert line is not None, "crash worker did not reap its child"
            if line.startswith("EXIT "):
                break
            self._take(line, result)
        _, reaped, status, cpu_ms = line.split()
        assert int(reaped) == result.pid
        assert os.WIFSIGNALED(int(status)) and os.WTERMSIG(int(status)) == signal.SIGKILL, (
            "the child stopped on its own before the kill:\n" + self.diagnostics()
        )
        result.cpu_seconds = int(cpu_ms) / 1000
        result.phase, result.checkpoint = self._where_killed()
        self.timings.learn(result)
        return result

    def _when_entered(self, aim: int, result: Run, rnd: random.Random) -> float | None:
        """A kill time for one of the unlock's steps (each comes once, and how long the steps
        before it take varies much more from child to child than the step itself): watch the
        child's phase byte until it enters ``aim``, then a random moment of a measured
        duration of it.  A child already past it is killed at once."""
        durations = [d for _o, d in self.timings.occurrences(aim)]
        if not durations:
            return None
        order = UNLOCK_STEPS[: UNLOCK_STEPS.index(aim)]
        while (phase := self.marks[0]) != aim:
            if phase not in order and phase != 1:
                return time.monotonic()
            line = self.next_line(POLL_SECONDS)
            if line is not None:
                self._take(line, result)
        return time.monotonic() + rnd.uniform(0.0, rnd.choice(durations))

    def _when_entered_in_save(self, aim: int, result: Run, rnd: random.Random) -> float | None:
        """The same for a save's transaction or COMMIT (how long the transaction takes varies
        with the note's length, so a time from the last line would often miss the COMMIT):
        watch for the phase in this save, or in the next one if this one passed it unseen."""
        durations = [d for _o, d in self.timings.occurrences(aim)]
        if not durations:
            return None
        while self.marks[0] != aim:
            line = self.next_line(POLL_SECONDS)
            if line is not None:
                self._take(line, result)
        return time.monotonic() + rnd.uniform(0.0, rnd.choice(durations))

    def _take(self, line: str | None, result: Run) -> None:
        assert line is not None, "the child made no progress:\n" + self.diagnostics()
        kind, *fields = line.split()
        fixed = {"START": 1, "UNLOCKED": 1, "ACK": 2}.get(kind)
        assert fixed is not None and len(fields) > fixed, (line, self.diagnostics())
        trail = [(int(p), float(t)) for p, t in (f.split(":") for f in fields[fixed + 1 :])]
        result.lines.append((float(fields[fixed]), trail))
        if kind == "START":
            result.pid, result.started = int(fields[0]), float(fields[1])
        elif kind == "UNLOCKED":
            result.unlock_cpu = float(fields[0])
        else:
            result.acks.append((fields[0], fields[1]))

    def _where_killed(self) -> tuple[int, str]:
        """The phase the child was in, and for a kill in a COMMIT whether a WAL checkpoint had
        started in it ("interrupted", or "done" if it had copied and synced the frames)."""
        phase, (_, attempted_before) = crash_worker.read_phase(self.marks[:])
        if phase not in COMMIT_PHASES:
            return phase, ""
        backfilled, attempted = crash_worker.checkpoint_counters(
            Path(f"{self.db}-shm").read_bytes()
        )
        if attempted in (attempted_before, 0):
            return phase, ""
        return phase, "done" if backfilled >= attempted else "interrupted"

    def close(self) -> None:
        try:
            self.proc.stdin.write(b"QUIT\n")  # type: ignore[union-attr]
            self.proc.stdin.close()  # type: ignore[union-attr]
            self.proc.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        self._stderr.close()
        self.marks.close()


def _snapshot(db: Path, into: Path) -> Path:
    """A byte-exact copy of the files at rest (nothing has them open after the kill)."""
    target = into / db.name
    for suffix in ("", "-wal", "-shm"):
        src = Path(f"{db}{suffix}")
        if src.exists():
            shutil.copyfile(src, Path(f"{target}{suffix}"))
    return target


def _verify(path: Path, kill: int, acked: dict[str, set[str]], *, chain: bool) -> Verdict:
    """Open, check and count one post-crash state (``acked``: what was acknowledged by then)."""
    vault = Vault.unlock(path, PASSPHRASE)  # "the database always opens"
    try:
        problems = vault.check()  # cipher_integrity_check + integrity_check + foreign keys
        with Session(vault.engine) as s:
            visit_ids = dict(s.execute(sql_select(Visit.purpose, Visit.id)).all())
            person_rows = s.execute(
                sql_select(Person.document_number, Person.id, Person.family_id)
            ).all()
            creates = Counter(
                s.execute(
                    sql_select(AuditEvent.entity, AuditEvent.record_id).where(
                        AuditEvent.action == "create", AuditEvent.entity.in_(("visit", "person"))
                    )
                )
            )
            heads = dict(s.execute(sql_select(Family.id, Family.head_name)).all())
            chain_problems = audit.verify_chain(s) if chain else []
    finally:
        vault.lock()
    person_ids = {marker: pid for marker, pid, _fid in person_rows}
    # Partial saves: a record without its audit event, an event without its record, or twice.
    expected = Counter({("visit", i): 1 for i in visit_ids.values()})
    expected.update({("person", i): 1 for i in person_ids.values()})
    partial = sum(((creates - expected) + (expected - creates)).values())
    # The family's head name (the third row add_person writes) follows its first member.
    first_member: dict[str, str] = {}
    for marker, _pid, fid in sorted(person_rows, key=lambda r: _order(r[0])):
        first_member.setdefault(fid, f"Zapisu-{marker} Próba")
    mismatch = sum(heads[fid] != head for fid, head in first_member.items())
    lost = len(acked["visit"] - visit_ids.keys()) + len(acked["person"] - person_ids.keys())
    return Verdict(
        kill, problems, lost, partial, mismatch, chain_problems, len(visit_ids) + len(person_ids)
    )


def _verify_snapshot(
    snapshot: Path, kill: int, acked: dict[str, set[str]], *, chain: bool
) -> Verdict:
    started = time.thread_time()
    try:
        verdict = _verify(snapshot, kill, acked, chain=chain)
    except Exception as exc:  # "the database always opens" failed: report it
        verdict = Verdict(kill, [f"{type(exc).__name__}: {exc}"], 0, 0, 0, [], 0)
    finally:
        shutil.rmtree(snapshot.parent, ignore_errors=True)
    return dataclasses.replace(verdict, cpu_seconds=time.thread_time() - started)


def _aim(rnd: random.Random) -> int:
    """The phase the next run's kill aims at (AIMS)."""
    return rnd.choices(list(AIMS), weights=list(AIMS.values()))[0]


def _order(marker: str) -> tuple[int, int]:
    run, step = marker[1:].split("s")
    return int(run), int(step)


@pytest.mark.slow
def test_kill_nine_during_saves_loses_nothing_acknowledged(ws, db_path, tmp_path):
    family_ids = [
        families.register_family(
            ws, families.FamilyInput(gmina_code=OPS_GMINA, locality="Narewka")
        ).id
        for _ in range(FAMILIES)
    ]
    ws.lock()
    seed = int(os.environ.get("KOOPERACJA_CRASH_SEED", random.randrange(1 << 30)))
    rnd = random.Random(seed)
    tally = Tally()
    scratch_root = "/dev/shm" if os.access("/dev/shm", os.W_OK) else str(tmp_path)
    worker = Worker(db_path, tmp_path / "worker-stderr.txt")
    started = time.monotonic()
    verdicts: list[Future[Verdict]] = []
    # Each snapshot is checked in a thread while the next child runs (SQLCipher releases the
    # GIL), so the kill rate stays high; a failed check stops the loop at the next kill.
    with ThreadPoolExecutor(max_workers=1) as checker:
        try:
            for run in range(KILLS):
                if any(f.done() and not f.result().ok for f in verdicts[-3:]):
                    break
                tally.add(worker.run(run, family_ids[run % FAMILIES], _aim(rnd), rnd))
                scratch = Path(tempfile.mkdtemp(prefix="crash-", dir=scratch_root))
                acked = {k: set(v) for k, v in tally.acked.items()}
                verdicts.append(
                    checker.submit(
                        _verify_snapshot,
                        _snapshot(db_path, scratch),
                        tally.kills,
                        acked,
                        chain=tally.kills % CHAIN_EVERY == 0,
                    )
                )
        finally:
            worker.close()
    results = [f.result() for f in verdicts]
    # Finally the original itself, in place, as the next start of the application sees it.
    final = _verify(db_path, tally.kills, tally.acked, chain=True)
    results.append(final)
    tally.committed_unacked = final.committed - tally.acked_total
    bad = [r for r in results if not r.ok]
    assert bad == [], f"seed {seed}: first failures {bad[:3]}"
    assert tally.kills == KILLS
    print(
        f"\ncrash safety (seed {seed}): {tally.kills} kills "
        f"({tally.kills_during_unlock} during unlock, {tally.kills_before_first_save} of them "
        f"before the first save), {tally.acked_total} acknowledged saves "
        f"({len(tally.acked['visit'])} visits, {len(tally.acked['person'])} members), "
        f"{tally.committed_unacked} committed but killed before acknowledging, "
        f"lost {sum(r.lost for r in results)}, corrupt {sum(bool(r.corrupt) for r in results)}, "
        f"partial {sum(r.partial for r in results)}, {time.monotonic() - started:.1f} s "
        f"({tally.child_cpu:.1f} s CPU in the children, "
        f"{sum(r.cpu_seconds for r in results):.1f} s checking the snapshots); "
        f"{tally.unlock_medians()}\nthe kills landed in: {tally.where()}\n"
        f"phases (last {Timings.SAMPLES} of each): {worker.timings.medians()}"
    )
