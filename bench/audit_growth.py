"""``python -m bench.audit_growth [--families 500 --weeks 52 --changed 500]``: the audit log a
year of weekly bundles leaves behind.

Every bundle from an OPS writes one ``share`` audit entry per family it carried
(``rodo.sharing.record_shared``: the recipients a subject-access report lists).  This simulates
a gmina of ``--families`` demo families that changes ``--changed`` of them each week and sends
one bundle a week to the coordinator (which answers with its receipt), for ``--weeks`` weeks,
(the date the audit entries and the month rule of ``record_shared`` read moves one week per
bundle), then reports
the entries and the bytes of their values on both devices, the database files
after ``VACUUM`` before and after, the time ``record_shared`` took per bundle,
and the cost of verifying the chain and of one subject-access report at the end.  Prints
Markdown; it does not write ``bench/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select, text

from app import demo
from app.models import AuditEvent, Family, Person
from app.services import audit
from app.services.common import apply
from app.services.rodo import access, erasure, sharing
from app.sync import export, identity, importer
from bench.results import own_data_dir
from bench.sync_bench import bench_device


def _audit_bytes(ws) -> int:
    """The bytes the audit entries' values take (the table's payload, before page overhead)."""
    columns = [c.name for c in AuditEvent.__table__.columns]
    total = " + ".join(f"COALESCE(LENGTH({c}), 0)" for c in columns)
    with ws.transaction() as s:
        return int(s.execute(text(f"SELECT SUM({total}) FROM audit_event")).scalar() or 0)


def _vacuumed_size(ws) -> int:
    erasure.vacuum_now(ws)
    return os.path.getsize(ws.path)


def _counts(ws) -> tuple[int, int]:
    with ws.transaction() as s:
        total = s.scalar(select(func.count()).select_from(AuditEvent)) or 0
        shares = (
            s.scalar(
                select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "share")
            )
            or 0
        )
    return int(total), int(shares)


def run(families: int, weeks: int, changed: int, folder: Path) -> dict:
    ops = bench_device(folder / "ops.db", "ops", "2005092", "GOPS Narewka", "Anna Kowalczyk")
    coord = bench_device(folder / "co.db", "coordinator", "2005", "PCPR Hajnówka", "Ewa Zawadzka")
    identity.register_card(coord, identity.read_card(identity.export_card(ops)))
    identity.register_card(ops, identity.read_card(identity.export_card(coord)))
    demo.generate(ops, families=families, seed=7)
    importer.import_bundle(coord, export.export_bundle(ops, coord.device_id).data)
    importer.import_bundle(ops, export.export_bundle(coord, ops.device_id).data)
    start = (_counts(ops), _counts(coord), _audit_bytes(ops), _audit_bytes(coord))
    files0 = [_vacuumed_size(w) for w in (ops, coord)]
    shared_s: list[float] = []
    original = sharing.record_shared

    def timed(*args, **kwargs):
        t = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            shared_s.append(time.perf_counter() - t)

    export.sharing.record_shared = timed  # type: ignore[assignment]
    real_now = sharing.utcnow
    first = real_now()
    try:
        for week in range(weeks):
            # the month rule reads the date: let the year pass, one week per bundle
            now = lambda w=week: first + timedelta(weeks=w)  # noqa: E731
            sharing.utcnow = audit.utcnow = now  # type: ignore[assignment]
            with ops.transaction() as s:
                ids = list(s.scalars(select(Family).order_by(Family.id).limit(changed)))
                for fam in ids:
                    apply(fam, notes=f"tydzień {week}")
            importer.import_bundle(coord, export.export_bundle(ops, coord.device_id).data)
            importer.import_bundle(ops, export.export_bundle(coord, ops.device_id).data)
    finally:
        export.sharing.record_shared = original  # type: ignore[assignment]
        sharing.utcnow = audit.utcnow = real_now  # type: ignore[assignment]
    end = (_counts(ops), _counts(coord), _audit_bytes(ops), _audit_bytes(coord))
    t = time.perf_counter()
    with coord.transaction() as s:
        problems = audit.verify_chain(s)
    verify_s = time.perf_counter() - t
    with ops.transaction() as s:
        person = s.scalars(select(Person.id).order_by(Person.id)).first()
    t = time.perf_counter()
    report = access.subject_access(ops, person)
    access_s = time.perf_counter() - t
    shares_listed = sum(1 for r in report.recipients if r.kind == "share")
    sizes = [_vacuumed_size(w) for w in (ops, coord)]
    ops.lock()
    coord.lock()
    return {
        "start": start,
        "end": end,
        "shared_s": shared_s,
        "verify_s": verify_s,
        "verify_ok": not problems,
        "access_s": access_s,
        "shares_listed": shares_listed,
        "sizes": sizes,
        "files0": files0,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.audit_growth")
    p.add_argument("--families", type=int, default=500)
    p.add_argument("--weeks", type=int, default=52)
    p.add_argument("--changed", type=int, default=500, help="families changed each week")
    args = p.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="kooperacja-audit-bench-"))
    try:
        with own_data_dir():
            r = run(args.families, args.weeks, args.changed, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    (o0, o0s), (c0, c0s), ob0, cb0 = r["start"]
    (o1, o1s), (c1, c1s), ob1, cb1 = r["end"]
    per = sorted(r["shared_s"])
    load = os.getloadavg()
    print(
        f"{args.families} families, {args.changed} changed a week, {args.weeks} weekly bundles; "
        f"load average {load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f}\n"
    )
    f0, f1 = r["files0"], r["sizes"]
    print("| device | audit entries added | of them `share` | their values | file after VACUUM |")
    print("|---|---:|---:|---:|---:|")
    print(
        f"| OPS | {o1 - o0} | {o1s - o0s} | {(ob1 - ob0) / 1e6:.1f} MB "
        f"| {f0[0] / 1e6:.1f} → {f1[0] / 1e6:.1f} MB |"
    )
    print(
        f"| coordinator | {c1 - c0} | {c1s - c0s} | {(cb1 - cb0) / 1e6:.1f} MB "
        f"| {f0[1] / 1e6:.1f} → {f1[1] / 1e6:.1f} MB |"
    )
    print(
        f"\nrecord_shared per bundle: median {per[len(per) // 2] * 1000:.0f} ms, "
        f"max {per[-1] * 1000:.0f} ms; verify_chain on the coordinator "
        f"{r['verify_s']:.1f} s ({'ok' if r['verify_ok'] else 'PROBLEMS'}); one subject-access "
        f"report {r['access_s']:.2f} s, listing {r['shares_listed']} bundle recipients."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
