"""The Foundation benchmark: one demo database, each service beside its raw-SQL baseline.

``measure()`` builds a database with ``demo.generate`` and times unlock, search (surname prefix,
PESEL prefix, locality), opening a whole case file, saving a diagnosis and the JSON dump.  Each
service call is paired with the same work hand-written in ``bench.raw`` on the same file in the
same run, alternating which goes first; the two answers are compared, so a baseline that does
less work than the service would be caught rather than flatter the ratio.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import demo
from app.models import Diagnosis
from app.services import audit, casefile, diagnosis, dump, search, setup
from app.store import connection, keys
from app.store.vault import read_salt
from bench import raw

PASSPHRASE = "benchmark-zielony-most-nad-Narwią-42"
UNIT = {"ops": "2005092", "coordinator": "2005"}


@dataclass
class Figure:
    """Timings (seconds) of one operation and of its raw baseline."""

    label: str
    service: list[float] = field(default_factory=list)
    raw: list[float] = field(default_factory=list)
    baseline: str = ""


@dataclass
class SizeResult:
    families: int
    persons: int = 0
    db_mb: float = 0.0
    build_s: float = 0.0
    kdf: keys.KdfParams | None = None
    unlock: Figure = field(default_factory=lambda: Figure("unlock"))
    kdf_s: list[float] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    dump_mb: float = 0.0
    table_scans: list[str] = field(default_factory=list)  # search plan steps that scan a table


def _timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def _pair(figure: Figure, i: int, service: Callable[[], object], baseline: Callable[[], object]):
    """Run both (alternating which goes first) and record their times; returns both answers."""
    if i % 2:
        t_raw, raw_answer = _timed(baseline)
        t_service, answer = _timed(service)
    else:
        t_service, answer = _timed(service)
        t_raw, raw_answer = _timed(baseline)
    figure.service.append(t_service)
    figure.raw.append(t_raw)
    return answer, raw_answer


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# The database and the files that live beside it (the erasure list since RODO erasure, issue 14).
DB_FILES = ("", "-wal", "-shm", ".lock", ".erasures")


def build(path: Path, families: int, *, kdf: keys.KdfParams | None, role: str, seed: int) -> float:
    for suffix in DB_FILES:
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    start = time.perf_counter()
    ws = setup.initialize(
        path,
        PASSPHRASE,
        role=role,
        unit_code=UNIT[role],
        name=demo.default_name(role, UNIT[role]),
        worker_name="Anna Kowalczyk",
        kdf=kdf,
    )
    try:
        step = max(1, families // 10)

        def progress(done: int, total: int) -> None:
            if done % step < demo.BATCH or done == total:
                _log(f"  built {done}/{total} families")

        demo.generate(ws, families=families, seed=seed, progress=progress)
    finally:
        ws.lock()
    return time.perf_counter() - start


def measure(
    path: Path, families: int, *, quick: bool, seed: int, build_s: float = 0.0
) -> SizeResult:
    rnd = random.Random(seed)
    result = SizeResult(families, build_s=build_s)
    result.kdf = keys.params_from_salt(read_salt(path))
    _measure_unlock(path, result, repeats=3 if quick else 7)
    key = keys.derive_key(keys.passphrase_bytes(PASSPHRASE), read_salt(path))
    ws = setup.open_workspace(path, PASSPHRASE)
    conn = connection.connect(path, key)
    conn.isolation_level = None  # explicit BEGIN/COMMIT, like the engine
    conn.row_factory = sqlcipher.Row
    try:
        result.persons = conn.execute("SELECT count(*) FROM person").fetchone()[0]
        n = 10 if quick else 100
        _measure_search(ws, conn, result, rnd, n)
        _measure_open(ws, conn, result, rnd, 5 if quick else 50)
        _measure_save(ws, conn, result, rnd, 5 if quick else 50)
        _measure_dump(ws, conn, result, 1 if quick else (3 if families <= 5000 else 2))
        with ws.transaction() as s:  # the raw audit rows kept the chain valid: same work
            assert audit.verify_chain(s) == [], "raw baseline broke the audit chain"
    finally:
        conn.close()
        ws.lock()
        keys.wipe(key)
    result.db_mb = path.stat().st_size / 1e6
    return result


def _measure_unlock(path: Path, result: SizeResult, repeats: int) -> None:
    _log(f"  unlock ×{repeats}")
    figure = result.unlock
    figure.baseline = "sqlcipher3.connect + PRAGMA key (derived raw key) + one SELECT"
    for _ in range(repeats):
        t, ws = _timed(lambda: setup.open_workspace(path, PASSPHRASE))
        figure.service.append(t)
        ws.lock()  # type: ignore[attr-defined]
        t, key = _timed(lambda: keys.derive_key(keys.passphrase_bytes(PASSPHRASE), read_salt(path)))
        result.kdf_s.append(t)
        t, _ = _timed(lambda: raw.bare_unlock(str(path), key))  # noqa: B023
        figure.raw.append(t)
        keys.wipe(key)  # type: ignore[arg-type]


def _measure_search(ws, conn, result: SizeResult, rnd: random.Random, n: int) -> None:
    names = [r[0] for r in conn.execute("SELECT last_name FROM person WHERE deleted = 0")]
    pesels = [r[0] for r in conn.execute("SELECT pesel FROM person WHERE pesel != ''")]
    places = [r[0] for r in conn.execute("SELECT DISTINCT locality FROM family")]
    kinds = {
        "Search: surname prefix (3–5 letters)": [
            rnd.choice(names)[: rnd.randint(3, 5)] for _ in range(n)
        ],
        "Search: PESEL prefix (6–11 digits)": [
            rnd.choice(pesels)[: rnd.randint(6, 11)] for _ in range(n)
        ],
        "Search: locality": [rnd.choice(places).split()[0] for _ in range(n)],
    }
    for label, queries in kinds.items():
        _log(f"  {label} ×{n}")
        figure = Figure(label, baseline="hand-written SQL: same union of index ranges, page")
        search.search_families(ws, queries[0])  # warm-up, not counted
        raw.search(conn, queries[0])
        for q in queries[:10]:
            steps = raw.search_plan(conn, q)
            result.table_scans += [f"{q!r}: {s}" for s in steps if s.startswith("SCAN ")]
        for i, q in enumerate(queries):
            page, (total, ids) = _pair(
                figure,
                i,
                lambda q=q: search.search_families(ws, q),
                lambda q=q: raw.search(conn, q),
            )
            assert (page.total, [r.id for r in page.rows]) == (total, ids), q
        result.figures.append(figure)


def _measure_open(ws, conn, result: SizeResult, rnd: random.Random, n: int) -> None:
    _log(f"  open family ×{n}")
    ids = [r[0] for r in conn.execute("SELECT id FROM family WHERE deleted = 0")]
    chosen = rnd.sample(ids, min(n, len(ids)))
    full = Figure(
        "Open one family with everything (open_family, incl. its audit event)",
        baseline="raw SELECTs of the same rows",
    )
    reads = Figure(
        "… the reads alone (casefile.load_family_file)", baseline="raw SELECTs of the same rows"
    )

    def load(fid: str):
        with ws.transaction() as s:
            return casefile.load_family_file(s, fid)

    for i, fid in enumerate(chosen):
        opened, count = _pair(
            full,
            i,
            lambda f=fid: casefile.open_family(ws, f),
            lambda f=fid: raw.open_family(conn, f),
        )
        assert count > len(opened.persons)  # type: ignore[attr-defined]
        _pair(reads, i, lambda f=fid: load(f), lambda f=fid: raw.open_family(conn, f))
    result.figures += [full, reads]


def _diagnosis_input(ws, diagnosis_id: str) -> tuple[str, diagnosis.DiagnosisInput]:
    """The stored diagnosis as its form would send it back (nothing changed yet)."""
    with ws.transaction() as s:
        d = s.scalars(
            select(Diagnosis)
            .where(Diagnosis.id == diagnosis_id)
            .options(selectinload(Diagnosis.ratings), selectinload(Diagnosis.participants))
        ).one()
        data = diagnosis.DiagnosisInput(
            made_on=d.made_on,
            finalized=d.finalized,
            ratings=[diagnosis.RatingInput(r.domain_code, r.rating, r.note) for r in d.ratings],
            participants=[
                diagnosis.ParticipantInput(p.kind, p.institution_id, p.person_id, p.name, p.role)
                for p in d.participants
            ],
            **{f: getattr(d, f) for f in diagnosis.TEXT_FIELDS},
        )
        return d.family_id, data


def _measure_save(ws, conn, result: SizeResult, rnd: random.Random, n: int) -> None:
    _log(f"  save diagnosis ×{n}")
    ids = [r[0] for r in conn.execute("SELECT id FROM diagnosis WHERE deleted = 0")]
    figure = Figure(
        "Save a diagnosis (save_diagnosis, one field changed)",
        baseline="raw UPDATE + chained audit INSERT in one transaction",
    )
    for i, did in enumerate(rnd.sample(ids, min(n, len(ids)))):
        family_id, data = _diagnosis_input(ws, did)
        data.conclusions = f"{data.conclusions} [przegląd {i}]"
        _pair(
            figure,
            i,
            lambda d=did, f=family_id, x=data: diagnosis.save_diagnosis(ws, f, x, d),
            lambda d=did, f=family_id, x=data: raw.save_diagnosis(
                conn,
                diagnosis_id=d,
                family_id=f,
                conclusions=x.conclusions + " (raw)",
                version=ws.clock.tick(),
                device_id=ws.device_id,
                actor=ws.actor,
            ),
        )
    result.figures.append(figure)


def _measure_dump(ws, conn, result: SizeResult, repeats: int) -> None:
    _log(f"  dump ×{repeats}")
    figure = Figure(
        "Dump: canonical JSON of every record (dump_json)",
        baseline="SELECT * of every synced table + json.dumps",
    )
    for i in range(repeats):
        text, raw_text = _pair(figure, i, lambda: dump.dump_json(ws), lambda: raw.dump(conn))
        result.dump_mb = len(text.encode("utf-8")) / 1e6  # type: ignore[attr-defined]
        assert len(raw_text) > 0.5 * len(text)  # type: ignore[arg-type]
    result.figures.append(figure)
