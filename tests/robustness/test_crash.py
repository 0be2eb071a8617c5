"""Crash safety: ``kill -9`` in the middle of a stream of saves.

A child process unlocks the database and saves through the real services (visits and family
members, each with its audit event in the same transaction), printing an acknowledgement after
every call that returned.  The parent kills it at a random moment -- mostly 0-150 ms after the
first acknowledged save, sometimes while it is still unlocking -- 200 times
(``KOOPERACJA_CRASH_KILLS`` overrides).  After every kill a byte-exact copy of the files at
rest (``.db``, ``-wal``, ``-shm``) is unlocked and must pass both integrity checks, hold every
acknowledged save, and hold no partial save: each visit or person has exactly one audit event
and every such audit event has its record.  The original files are left as the kill left them,
so the next child has to recover the previous crash itself (and WAL checkpoints happen, and get
killed, inside the children).

Children are forked from a pre-imported server (``crash_worker.py``) so that 200 runs cost
seconds, not minutes, of interpreter start-up.  The server also reports where each kill landed
(the child's phase: unlock or saves; open, in a transaction, COMMIT, a WAL checkpoint inside a
COMMIT...) and the children's CPU; the summary line counts them, so a change to the timing can
show that the kills still land in every phase.
"""

from __future__ import annotations

import dataclasses
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
from collections import Counter
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
KILLS = int(os.environ.get("KOOPERACJA_CRASH_KILLS", "200"))
FAMILIES = 8
OPEN_KILL_SHARE = 0.1  # runs killed while the child is still unlocking
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
    acks: list[tuple[str, str]] = field(default_factory=list)
    unlock: tuple[float, ...] = ()  # the child's UNLOCKED figures (ms), if it got that far
    cpu_seconds: float = 0.0
    phase: int = 0  # crash_worker.PHASES: where the kill landed
    checkpoint: str = ""  # a kill in a COMMIT that had started a WAL checkpoint


@dataclass
class Tally:
    kills: int = 0
    kills_during_unlock: int = 0
    kills_before_first_save: int = 0  # of those, the child had acknowledged nothing yet
    acked: dict[str, set[str]] = field(default_factory=lambda: {"visit": set(), "person": set()})
    committed_unacked: int = 0  # committed, killed before the acknowledgement was written
    phases: Counter[tuple[int, str]] = field(default_factory=Counter)  # where the kills landed
    child_cpu: float = 0.0
    unlocks: list[tuple[float, ...]] = field(default_factory=list)  # Run.unlock of each run

    def add(self, run: Run, in_unlock: bool) -> None:
        self.kills += 1
        self.kills_during_unlock += in_unlock
        self.kills_before_first_save += in_unlock and not run.acks
        for kind, marker in run.acks:
            self.acked[kind].add(marker)
        self.phases[run.phase, run.checkpoint] += 1
        self.child_cpu += run.cpu_seconds
        if run.unlock:
            self.unlocks.append(run.unlock)

    def unlock_medians(self) -> str:
        if not self.unlocks:
            return "no unlock finished"
        opened, unlocked, cpu = (statistics.median(f) for f in zip(*self.unlocks, strict=True))
        return f"median unlock {unlocked:.0f} ms ({opened:.0f} ms to open), {cpu:.0f} ms CPU"

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
        self.phase_path = stderr_path.with_name("phase")
        self.phase_path.write_bytes(bytes(crash_worker.PHASE_BYTES))
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

    def run(self, run: int, family_id: str, kill_in_unlock: bool, rnd: random.Random) -> Run:
        """One run, killed at a random moment: what it acknowledged and where the kill landed."""
        self.proc.stdin.write(f"RUN {run} {family_id}\n".encode())  # type: ignore[union-attr]
        self.proc.stdin.flush()  # type: ignore[union-attr]
        line = self.next_line(STALL_SECONDS)
        assert line and line.startswith("START "), (line, self.diagnostics())
        started = time.monotonic()
        result = Run(pid=int(line.split()[1]))
        if kill_in_unlock:
            deadline = started + rnd.uniform(0.0, 0.04)
        else:
            while not result.acks:
                self._take(self.next_line(STALL_SECONDS), result)
            deadline = time.monotonic() + rnd.uniform(0.0, 0.15)
        while (left := deadline - time.monotonic()) > 0:
            line = self.next_line(left)
            if line is None:
                break
            self._take(line, result)
        os.kill(result.pid, signal.SIGKILL)
        # Everything the child wrote before it died is in the pipe ahead of the EXIT line.
        while True:
            line = self.next_line(STALL_SECONDS)
            assert line is not None, "crash worker did not reap its child"
            if line.startswith("EXIT "):
                break
            self._take(line, result)
        _, reaped, status, cpu_ms = line.split()
        assert int(reaped) == result.pid
        status = int(status)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
            "the child stopped on its own before the kill:\n" + self.diagnostics()
        )
        result.cpu_seconds = int(cpu_ms) / 1000
        result.phase, result.checkpoint = self._where_killed()
        return result

    def _take(self, line: str | None, result: Run) -> None:
        assert line is not None, "the child made no progress:\n" + self.diagnostics()
        if line.startswith("UNLOCKED "):
            result.unlock = tuple(float(f) for f in line.split()[1:])
            return
        assert line.startswith("ACK "), (line, self.diagnostics())
        kind, marker = line.split()[1:3]
        result.acks.append((kind, marker))

    def _where_killed(self) -> tuple[int, str]:
        """The phase the child was in, and for a kill in a COMMIT whether a WAL checkpoint had
        started in it ("interrupted", or "done" if the checkpoint had finished)."""
        phase, (_, attempted_before) = crash_worker.read_phase(self.phase_path.read_bytes())
        if phase not in COMMIT_PHASES:
            return phase, ""
        backfilled, attempted = crash_worker.checkpoint_counters(
            Path(f"{self.db}-shm").read_bytes()
        )
        if attempted == attempted_before or attempted == 0:
            return phase, ""
        return phase, "interrupted" if backfilled < attempted else "done"

    def close(self) -> None:
        try:
            self.proc.stdin.write(b"QUIT\n")  # type: ignore[union-attr]
            self.proc.stdin.close()  # type: ignore[union-attr]
            self.proc.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        self._stderr.close()


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


def _where(phase: int, checkpoint: str) -> str:
    where = crash_worker.PHASES.get(phase, f"phase {phase}")
    return f"{where} (WAL checkpoint {checkpoint})" if checkpoint else where


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
                in_unlock = rnd.random() < OPEN_KILL_SHARE
                tally.add(worker.run(run, family_ids[run % FAMILIES], in_unlock, rnd), in_unlock)
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
        f"{tally.unlock_medians()}\n"
        "the kills landed in: "
        + "; ".join(f"{_where(*key)} {n}" for key, n in sorted(tally.phases.items()))
    )
