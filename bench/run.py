"""``python -m bench.run [--sizes 500,20000] [--quick]``: the Foundation benchmark (issue 2 §7).

Builds demo databases of each size (production Argon2id cost unless ``--kdf test``), measures
every operation beside its raw-SQL baseline (see ``bench.foundation``) and writes the
"Foundation" section of ``bench/RESULTS.md``, leaving the other sections as they are.
Goals at the largest size: search p95 ≤ 50 ms and ≤ 3× raw; unlock ≤ 1 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from app.store import keys
from bench import foundation, notes
from bench.results import machine, ms, percentile, ratio, replace_section

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
SEARCH_P95_GOAL = 0.050
SEARCH_RATIO_GOAL = 3.0
UNLOCK_GOAL = 1.0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="500,20000", help="family counts, comma-separated")
    p.add_argument("--quick", action="store_true", help="few repetitions (a smoke run)")
    p.add_argument(
        "--kdf",
        choices=["production", "test"],
        default="production",
        help="Argon2id cost of the databases (test: the cheap test profile)",
    )
    p.add_argument("--role", choices=["ops", "coordinator"], default="ops")
    p.add_argument("--seed", type=int, default=2024)
    p.add_argument("--results", type=Path, default=RESULTS, help="the RESULTS.md to update")
    p.add_argument("--no-write", action="store_true", help="print the section only")
    p.add_argument("--workdir", type=Path, help="where the databases go (default: a temp dir)")
    p.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    return p.parse_args(argv)


def _row(label: str, n: int, service: list[float], base: list[float], baseline: str) -> str:
    s50, s95 = percentile(service, 50), percentile(service, 95)
    r50, r95 = percentile(base, 50), percentile(base, 95)
    return (
        f"| {label} | {n} | {ms(s50)} / {ms(s95)} | {ms(r50)} / {ms(r95)} "
        f"| {ratio(s50, r50)} / {ratio(s95, r95)} | {baseline} |"
    )


def size_table(r: foundation.SizeResult) -> str:
    kdf = r.kdf or keys.KdfParams()
    u = r.unlock
    kdf50 = percentile(r.kdf_s, 50)
    rest = [max(a - b, 0.0) for a, b in zip(u.service, r.kdf_s, strict=True)]
    lines = [
        f"**{r.families:,} families** ({r.persons:,} persons; database "
        f"{r.db_mb:.1f} MB; built by `demo.generate` in {r.build_s:.0f} s; dump "
        f"{r.dump_mb:.1f} MB of JSON).".replace(",", " "),
        "",
        "| Operation | n | Kooperacja p50 / p95 (ms) | Raw SQL p50 / p95 (ms) "
        "| Ratio p50 / p95 | Raw baseline |",
        "|---|---:|---:|---:|---:|---|",
        _row(
            "Unlock (`setup.open_workspace`, Argon2id "
            f"t={kdf.time_cost}, {1 << (kdf.memory_log2 - 10)} MiB, p={kdf.parallelism})",
            len(u.service),
            u.service,
            u.raw,
            u.baseline,
        ),
        f"| … of which the Argon2id KDF | {len(r.kdf_s)} | {ms(kdf50)} / "
        f"{ms(percentile(r.kdf_s, 95))} | – | – | `keys.derive_key` alone |",
        _row("… unlock minus the KDF", len(rest), rest, u.raw, u.baseline),
    ]
    for f in r.figures:
        lines.append(_row(f.label, len(f.service), f.service, f.raw, f.baseline))
    return "\n".join(lines)


def goals(r: foundation.SizeResult) -> tuple[str, list[tuple[str, str]]]:
    """The goal table for the largest size and the list of goals missed."""
    rows, missed = [], []
    for f in r.figures:
        if not f.label.startswith("Search"):
            continue
        p95, raw95 = percentile(f.service, 95), percentile(f.raw, 95)
        ok_abs, ok_ratio = p95 <= SEARCH_P95_GOAL, p95 <= SEARCH_RATIO_GOAL * raw95
        rows.append(f"| {f.label}: p95 ≤ 50 ms | {ms(p95)} ms | {_mark(ok_abs)} |")
        rows.append(f"| {f.label}: p95 ≤ 3× raw | {ratio(p95, raw95)} | {_mark(ok_ratio)} |")
        missed += [("search_abs", f"{f.label} p95 {ms(p95)} ms")] * (not ok_abs)
        missed += [("search_ratio", f"{f.label} p95 {ratio(p95, raw95)} raw")] * (not ok_ratio)
    worst = max(r.unlock.service)
    rows.append(
        f"| Unlock ≤ 1 s | p50 {ms(percentile(r.unlock.service, 50))} ms, "
        f"max {ms(worst)} ms | {_mark(worst <= UNLOCK_GOAL)} |"
    )
    missed += [("unlock", f"unlock max {ms(worst)} ms")] * (worst > UNLOCK_GOAL)
    table = "\n".join(
        [f"Goals at {r.families:,} families:".replace(",", " "), "", "| Goal | Measured | Met |"]
        + ["|---|---:|---|"]
        + rows
    )
    return table, missed


def _mark(ok: bool) -> str:
    return "yes" if ok else "**no**"


METHOD = """\
How it is measured (`bench/foundation.py`, `bench/raw.py`): every operation runs through the
services on an unlocked workspace and, alternating which goes first, the same work as
hand-written SQL on a plain `sqlcipher3` connection to the same file (raw key, same pragmas:
WAL, `synchronous=FULL`); the two answers are compared, so a baseline cannot skip work. Search
queries are drawn at random from the data (seeded): surname prefixes of 3–5 letters as typed
(diacritics and case kept), PESEL prefixes of 6–11 digits, the first word of a locality; each
returns the total and the first page of 50 with members, gmina names and next review dates.
Opening a case file writes a "view" audit event (a committed, fsynced transaction); the row
below it times the reads alone. The save changes one text field of an existing diagnosis and
appends the chained audit event; its baseline does the same UPDATE and chained INSERT. Times
are wall-clock on a shared machine: treat differences under ~20 % as noise."""


def kdf_line(results: list[foundation.SizeResult]) -> str:
    costs = [
        f"{r.families:,} families t={(r.kdf or keys.KdfParams()).time_cost} "
        f"(KDF p50 {ms(percentile(r.kdf_s, 50))} ms)".replace(",", " ")
        for r in results
    ]
    return "Argon2id cost chosen by `keys.calibrate()` when each database was created: " + (
        ", ".join(costs) + "."
    )


def _load() -> str:
    try:
        return "/".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def section(results: list[foundation.SizeResult], args: argparse.Namespace, load: str) -> str:
    m = machine()
    parts = [
        f"Machine: {m['cpu']}; {m['os']}; Python {m['python']}; {m['sqlcipher']}; "
        f"{m['sqlalchemy']}. Load average (1/5/15 min) at start {load}, at the end "
        f"{_load()} (other work shares these CPUs). "
        f"Date: {datetime.now():%Y-%m-%d %H:%M}. Command: "
        f"`python -m bench.run --sizes {args.sizes}"
        + (" --quick" if args.quick else "")
        + (f" --kdf {args.kdf}" if args.kdf != "production" else "")
        + f"` (role {args.role}, seed {args.seed}).",
    ]
    if args.kdf == "test" or args.quick:
        parts.append("**Smoke run** (test KDF or few repetitions): not figures to quote.")
    for r in results:
        parts.append(size_table(r))
    for r in results:
        scans = sorted(set(r.table_scans))
        parts.append(
            f"Search query plans at {r.families} families (EXPLAIN QUERY PLAN of 30 sampled "
            "queries): "
            + (
                "index range searches only, no table scan."
                if not scans
                else "**table scans**: " + "; ".join(scans[:5])
            )
        )
    parts.append(kdf_line(results))
    table, missed = goals(results[-1])
    parts.append(table)
    if missed:
        parts.append("Goals missed: " + "; ".join(m for _kind, m in missed) + ".")
    else:
        parts.append("Every goal is met at this size.")
    parts.append(notes.comments({kind for kind, _m in missed}))
    parts.append(METHOD)
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    kdf = keys.TEST_KDF if args.kdf == "test" else None
    load = _load()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="kooperacja-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    # Settings, logs and the erasure list's second copy stay with the bench's databases, never in
    # the user's own data folder.
    own_data = "KOOPERACJA_DATA_DIR" not in os.environ
    if own_data:
        os.environ["KOOPERACJA_DATA_DIR"] = str(workdir / "data")
    results = []
    try:
        for size in sizes:
            path = workdir / f"bench-{size}.db"
            print(f"{size} families: building {path}", file=sys.stderr, flush=True)
            built = foundation.build(path, size, kdf=kdf, role=args.role, seed=args.seed)
            results.append(
                foundation.measure(path, size, quick=args.quick, seed=args.seed, build_s=built)
            )
    finally:
        if not args.keep:
            for size in sizes:
                for suffix in foundation.DB_FILES:
                    Path(f"{workdir / f'bench-{size}.db'}{suffix}").unlink(missing_ok=True)
            if own_data:
                shutil.rmtree(workdir / "data", ignore_errors=True)
            if args.workdir is None:
                shutil.rmtree(workdir, ignore_errors=True)
    body = section(results, args, load)
    print(body)
    if not args.no_write:
        replace_section(args.results, "Foundation", body, first=True)
        print(f"\nwritten: {args.results}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
