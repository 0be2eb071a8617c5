"""The RODO benchmark (issue 14): what consent gating and erasure cost, at a gmina's scale.

On one demo database of a gmina (500 families by default, their PZK and its members, consents
naming the institutions; a tenth of the consents withdrawn so the gates have something to
withhold), each operation is timed beside a raw baseline in the same run, alternating which goes
first, and the two answers are compared:

* **erasure list write** (``erasure_file.save``, once per erasure: the list read back, the
  database's notices, one age encryption, two atomic files) against ``pyrage.encrypt`` of the
  same notices and two hand-written atomic writes; the whole erasure (``erase_family``, its
  ``VACUUM`` apart) is timed for the share the list takes;
* **unlock's erasure-list step** (``erasure_file.reapply``: two small files decrypted and compared
  with the database) against reading and decrypting the two files; the whole unlock for its
  share;
* **an institution's task list** with its consent query and the withheld count (what
  ``print tasks`` and ``kooperacja tasks`` call) against one SQL query with the consent test in SQL;
* **the team's agenda** (``meetings.agenda``: late actions, referrals, IPW reviews, the gate)
  against SQL for the late actions and referrals with the gate in SQL (no reviews: the deadline
  engine has no SQL twin), and **the gate alone** (``team_gate.team_basis``) against one query.

    python -m bench.rodo_bench [--families 500] [--seed 2024] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pyrage
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import select

from app.models import CooperationTeam, Institution, Setting
from app.services import consents, meetings, setup
from app.services.rodo import erasure, erasure_file, gating, team_gate
from app.store import connection, keys
from app.store.vault import read_salt
from bench import foundation
from bench.foundation import PASSPHRASE, Figure, _pair, _timed
from bench.results import machine, ms, own_data_dir, percentile, ratio, replace_section

RESULTS = Path(__file__).with_name("RESULTS.md")
ERASURES = 10
REPEATS = 20
OPEN = "('planned','in_progress')"
IN_FORCE = (
    "c.deleted = 0 AND r.deleted = 0 AND c.signed_on <= :on "
    "AND (c.withdrawn_on IS NULL OR c.withdrawn_on > :on) "
    "AND (c.valid_until IS NULL OR c.valid_until >= :on)"
)


def _raw_atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def _raw_list_write(conn, recipients, paths: list[Path]) -> int:
    cols = [d[1] for d in conn.execute("PRAGMA table_info(erasure_notice)")]
    notices = [dict(zip(cols, row, strict=True)) for row in conn.execute(
        "SELECT * FROM erasure_notice ORDER BY id")]  # fmt: skip
    payload = json.dumps({"notices": notices}, sort_keys=True, default=str).encode()
    data = pyrage.encrypt(payload, recipients)
    for path in paths:
        _raw_atomic_write(path.with_name(path.name + ".raw"), data)
    return len(notices)


def _raw_list_read(identities, paths: list[Path]) -> int:
    ids: set[str] = set()
    for path in paths:
        ids |= {
            n["id"] for n in json.loads(pyrage.decrypt(path.read_bytes(), identities))["notices"]
        }
    return len(ids)


def _raw_tasks(conn, institution: str, on: date) -> tuple[set[str], int]:
    q = (
        "SELECT a.id, EXISTS (SELECT 1 FROM consent c JOIN consent_recipient r "
        "ON r.consent_id = c.id WHERE c.family_id = f.id AND r.institution_id = :inst AND "
        + IN_FORCE
        + ") FROM action a JOIN support_plan p ON p.id = a.plan_id "
        "JOIN family f ON f.id = p.family_id "
        f"WHERE a.deleted = 0 AND a.institution_id = :inst AND a.status IN {OPEN} "
        "AND p.deleted = 0 AND p.status = 'active' AND f.deleted = 0"
    )
    rows = conn.execute(q, {"inst": institution, "on": on.isoformat()}).fetchall()
    return {r[0] for r in rows if r[1]}, sum(1 for r in rows if not r[1])


def _members_sql() -> str:
    return (
        "SELECT institution_id FROM team_membership WHERE team_id = :team AND deleted = 0 "
        "AND (joined_on IS NULL OR joined_on <= :on) AND (left_on IS NULL OR left_on >= :on) "
        "AND institution_id != :home"
    )


def _raw_basis(conn, team: str, home: str, on: date) -> set[str]:
    q = (
        "SELECT DISTINCT c.family_id FROM consent c JOIN consent_recipient r "
        f"ON r.consent_id = c.id WHERE r.institution_id IN ({_members_sql()}) AND {IN_FORCE}"
    )
    return {r[0] for r in conn.execute(q, {"team": team, "home": home, "on": on.isoformat()})}


def _raw_agenda(conn, team: str, area: str, home: str, on: date) -> set[str]:
    consenting = (
        "EXISTS (SELECT 1 FROM consent c JOIN consent_recipient r ON r.consent_id = c.id "
        f"WHERE c.family_id = f.id AND r.institution_id IN ({_members_sql()}) AND {IN_FORCE})"
    )
    open_in_area = "f.deleted = 0 AND f.status != 'closed' AND f.gmina_code LIKE :area"
    # One matter per case: its longest overdue action (the earliest end, then the lowest id).
    late = (
        "SELECT id FROM (SELECT a.id, ROW_NUMBER() OVER (PARTITION BY p.family_id "
        "ORDER BY a.end_on, a.id) AS n FROM action a JOIN support_plan p ON p.id = a.plan_id "
        "JOIN family f ON f.id = p.family_id WHERE a.deleted = 0 AND p.deleted = 0 "
        f"AND p.status = 'active' AND a.status IN {OPEN} AND a.end_on < :on "
        f"AND {open_in_area} AND {consenting}) WHERE n = 1"
    )
    referrals = (
        "SELECT x.id FROM referral x JOIN family f ON f.id = x.family_id WHERE x.deleted = 0 "
        "AND x.decision = 'pending' AND (x.team_id IS NULL OR x.team_id = :team) "
        f"AND {open_in_area} AND ((x.consent_given = 1 AND (x.consent_on IS NULL OR "
        f"x.consent_on <= :on)) OR {consenting})"
    )
    params = {"team": team, "home": home, "on": on.isoformat(), "area": area + "%"}
    return {r[0] for q in (late, referrals) for r in conn.execute(q, params)}


def _summary(f: Figure) -> tuple[float, float, float, float]:
    return (
        percentile(f.service, 50),
        percentile(f.service, 95),
        percentile(f.raw, 50),
        percentile(f.raw, 95),
    )


def run(families: int, seed: int, folder: Path) -> dict:
    path = folder / "rodo.db"
    build_s = foundation.build(path, families, kdf=None, role="ops", seed=seed)
    rnd = random.Random(seed)
    ws = setup.open_workspace(path, PASSPHRASE)
    key = keys.derive_key(keys.passphrase_bytes(PASSPHRASE), read_salt(path))
    conn = connection.connect(path, key)
    conn.isolation_level = None
    conn.row_factory = sqlcipher.Row
    today = date.today()
    figures: dict[str, Figure] = {}
    out: dict = {"build_s": build_s}
    try:
        with ws.transaction() as s:
            team = s.scalars(select(CooperationTeam)).first()
            assert team is not None, "the demo has a PZK"
            home = s.get(Setting, "home_institution_id").value
            team_id, area = team.id, team.teryt_code
            insts = [i for i in s.scalars(select(Institution.id)) if i != home]
        ids = [r[0] for r in conn.execute("SELECT id FROM consent WHERE deleted = 0")]
        withdrawn = rnd.sample(ids, len(ids) // 10)
        for cid in withdrawn:
            consents.withdraw_consent(ws, cid, today - timedelta(days=1), "wycofana")
        out["consents"], out["withdrawn"] = len(ids), len(withdrawn)
        out["families"] = conn.execute("SELECT count(*) FROM family").fetchone()[0]

        # the erasures: each timed whole (without its VACUUM), then the list write and VACUUM
        fam_ids = rnd.sample([r[0] for r in conn.execute("SELECT id FROM family")], ERASURES)
        whole = figures["erase"] = Figure("erase_family (rows, notice, list; no VACUUM)")
        vacuum = figures["vacuum"] = Figure("VACUUM after an erasure")
        for fid in fam_ids:
            t, _r = _timed(lambda fid=fid: erasure.erase_family(ws, fid, "request", vacuum=False))
            whole.service.append(t)
            t, _r = _timed(lambda: erasure.vacuum_now(ws))
            vacuum.service.append(t)
        with ws.transaction() as s:
            recipients, identities = erasure_file._keys(s)
        copies = erasure_file._copies(ws)
        write = figures["write"] = Figure(
            "erasure list write", baseline="pyrage.encrypt + two atomic writes"
        )
        read = figures["read"] = Figure(
            "unlock's erasure-list step (reapply)", baseline="read + decrypt the two files"
        )
        for i in range(REPEATS):
            n, raw_n = _pair(
                write,
                i,
                lambda: erasure_file.save(ws),
                lambda: _raw_list_write(conn, recipients, copies),
            )
            assert n == raw_n == ERASURES, (n, raw_n)
            applied, raw_n = _pair(
                read,
                i,
                lambda: erasure_file.reapply(ws),
                lambda: _raw_list_read(identities, copies),
            )
            assert applied == 0 and raw_n == ERASURES
        for p in copies:
            p.with_name(p.name + ".raw").unlink(missing_ok=True)
        out["list_bytes"] = copies[0].stat().st_size

        tasks = figures["tasks"] = Figure(
            "task list + withheld count", baseline="one SQL query, consent test in SQL"
        )
        for i in range(REPEATS):
            inst = insts[i % len(insts)]

            def service(inst=inst):
                kept = meetings.task_list(ws, inst, today)
                return {t.action_id for t in kept}, sum(
                    gating.withheld_tasks(ws, inst, today).values()
                )

            got, raw_got = _pair(tasks, i, service, lambda inst=inst: _raw_tasks(conn, inst, today))
            assert got == raw_got, inst

        agenda = figures["agenda"] = Figure(
            "team agenda (incl. IPW reviews and the gate)",
            baseline="SQL: late actions + referrals, gate in SQL (no reviews)",
        )
        gate = figures["gate"] = Figure("the gate alone (team_basis)", baseline="one SQL query")
        kept_items = withheld = 0
        for i in range(REPEATS):
            due, raw_due = _pair(
                agenda,
                i,
                lambda: meetings.agenda(ws, team_id, today),
                lambda: _raw_agenda(conn, team_id, area, home, today),
            )
            assert {x.record_id for x in due.items if x.kind != "review"} == raw_due
            kept_items, withheld = len(due.items), sum(due.withheld.values())

            def basis():
                with ws.transaction() as s:
                    team_row = s.get(CooperationTeam, team_id)
                    return set(team_gate.team_basis(s, team_row, today).consenting)

            got, raw_got = _pair(gate, i, basis, lambda: _raw_basis(conn, team_id, home, today))
            assert got == raw_got
        out["agenda_items"], out["agenda_withheld"] = kept_items, withheld
    finally:
        conn.close()
        ws.lock()
        keys.wipe(key)
    unlock = figures["unlock"] = Figure("unlock (setup.open_workspace, Argon2id)")
    for _i in range(5):
        t, opened = _timed(lambda: setup.open_workspace(path, PASSPHRASE))
        unlock.service.append(t)
        opened.lock()  # type: ignore[attr-defined]
    out["figures"] = figures
    out["db_mb"] = path.stat().st_size / 1e6
    return out


def section(r: dict, info: dict[str, str], command: str, load: tuple) -> str:
    f = r["figures"]
    lines = [
        f"`{command}` — {r['families']} families ({r['db_mb']:.1f} MB), {r['consents']} consents "
        f"of which {r['withdrawn']} withdrawn; {ERASURES} erasures; {REPEATS} paired runs each.",
        f"Machine: {info['cpu']}, {info['os']}, Python {info['python']}, "
        f"{info['sqlcipher']}; load average before/after "
        f"{load[0][0]:.1f}/{load[0][1]:.1f}/{load[0][2]:.1f} → "
        f"{load[1][0]:.1f}/{load[1][1]:.1f}/{load[1][2]:.1f} (2 cores shared with other work).",
        "",
        "| operation | p50 ms | p95 ms | raw p50 ms | raw p95 ms | ratio p50 | raw baseline |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for k in ("write", "read", "tasks", "agenda", "gate"):
        s50, s95, r50, r95 = _summary(f[k])
        lines.append(
            f"| {f[k].label} | {ms(s50)} | {ms(s95)} | {ms(r50)} | {ms(r95)} "
            f"| {ratio(s50, r50)} | {f[k].baseline} |"
        )
    lines += ["", "| whole operation (no baseline) | p50 ms | p95 ms |", "|---|---:|---:|"]
    for k in ("erase", "vacuum", "unlock"):
        lines.append(
            f"| {f[k].label} | {ms(percentile(f[k].service, 50))} | "
            f"{ms(percentile(f[k].service, 95))} |"
        )
    w50, e50 = percentile(f["write"].service, 50), percentile(f["erase"].service, 50)
    rd50, u50 = percentile(f["read"].service, 50), percentile(f["unlock"].service, 50)
    g50, a50 = percentile(f["gate"].service, 50), percentile(f["agenda"].service, 50)
    lines += [
        "",
        f"The list write is {w50 / e50:.0%} of an erasure (VACUUM apart; the list file is "
        f"{r['list_bytes']} bytes with {ERASURES} notices); the list step is {rd50 / u50:.0%} of "
        f"an unlock; the gate is {g50 / a50:.0%} of the agenda ({r['agenda_items']} matters "
        f"kept, {r['agenda_withheld']} withheld).",
    ]
    lines += ["", NOTES]
    return "\n".join(lines)


NOTES = (
    "What the ratios hold. *Task list*: the service is two transactions (the list, then the "
    "withheld count) and the list's `view` audit event, committed with `synchronous=FULL` (an "
    "fsync); the baseline is one read-only query. *Agenda*: the service also runs the deadline "
    "engine for the IPW reviews due (working days, Polish holidays), which the baseline leaves "
    "out, so its ratio overstates the gate; the gate's own cost is the next row (member "
    "institutions, consented referrals, consenting families: three queries in one "
    "transaction). *List write*: the service reads the list back and queries the notices "
    "before sealing, the baseline only seals and writes; both fsync two files, which is most of "
    "the time. *Unlock's list step*: a few short transactions around two decryptions; the "
    "baseline decrypts only. None of these is on a path a worker waits on often: an erasure "
    "and a meeting's agenda are rare, the list step is a small part of an unlock. On this "
    "shared machine the milliseconds vary several-fold from run to run with the load (the "
    "fsyncs above all): compare the ratios within one run, not milliseconds across runs."
)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.rodo_bench")
    p.add_argument("--families", type=int, default=500)
    p.add_argument("--seed", type=int, default=2024)
    p.add_argument("--results", type=Path, default=RESULTS)
    p.add_argument("--no-write", action="store_true")
    args = p.parse_args(argv)
    before = os.getloadavg()
    folder = Path(tempfile.mkdtemp(prefix="kooperacja-rodo-bench-"))
    try:
        with own_data_dir():
            r = run(args.families, args.seed, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    command = "python -m bench.rodo_bench " + " ".join(argv if argv is not None else sys.argv[1:])
    body = section(r, machine(), command.strip(), (before, os.getloadavg()))
    print(body)
    if not args.no_write:
        replace_section(args.results, "RODO", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
