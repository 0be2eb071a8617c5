"""The written comment under the Foundation table: causes of the ratios and of missed goals.

These are findings of the investigation (EXPLAIN QUERY PLAN, cProfile) behind the figures; the
comment for a missed goal is printed only when the run misses it, so RESULTS.md never explains
a miss that did not happen.  Update the text when the code it describes changes.
"""

from __future__ import annotations

SEARCH_RATIO = """\
*Search vs raw SQL (missed: ≤ 3× raw).* The SQL is not the cause: EXPLAIN QUERY PLAN shows
every branch of the search as an index range scan (`ix_person_name_birth`/`ix_person_pesel`,
`ix_family_locality_folded`, `ix_family_case_number`, then `ix_person_family_id`,
`ix_review_family_id`), no table scan, and the baseline runs the same statements. The gap is a
fixed cost per call of about 1.5 ms: five SQL expressions built and cache-keyed on every call,
ORM result set-up, the session with its BEGIN/COMMIT (cProfile of 500 one-match PESEL searches:
~60 % of the time in SQLAlchemy expression building and execution, ~25 % in SQLite). A
selective query (a full PESEL, a rare surname) costs SQLite 0.1–0.6 ms, so its ratio is 5–15×
although it returns in 2–4 ms; a broad one (a locality matching thousands of families) is
dominated by SQLite and stays near 1.5–2×. Loading the page's members as column tuples instead
of `Person` objects (`search._members_of`, changed with this benchmark) took 20–25 % off full
pages. Getting one-match searches under 3× would need a Core rewrite of `search._search`
(the total via `count(*) OVER ()` in the page query instead of a second evaluation of the
union; members, next reviews and gmina names in one statement; `lambda_stmt` caching) for a
saving of about 1 ms that no user can see. Proposal: keep the absolute goal and state the
ratio goal for queries whose raw cost exceeds a floor (e.g. "≤ 3× raw or ≤ 5 ms")."""

SEARCH_ABSOLUTE = """\
*Search p95 (missed: ≤ 50 ms).* Look first at the locality row: a locality shared by many
families makes the count and the sort of the union run over thousands of rows (the raw column
shows how much of it is SQLite itself); then at the machine load during the run, since the
p95 of 100 queries on a shared machine is sensitive to a few stalls."""

UNLOCK = """\
*Unlock (missed: ≤ 1 s).* The Argon2id KDF is calibrated by `keys.calibrate()` to about 0.5 s
when the database is created; a slower or busier machine at unlock time stretches it. The
rest of the unlock is in the row "unlock minus the KDF"."""

KDF = """\
*Argon2id cost.* `keys.calibrate()` runs one untimed warm-up derivation (the first 64 MiB run
of a process pays for page faults: measured 340 ms cold against 140 ms warm for the same
probe), then times the faster of two 2-pass probes and picks the passes for about 0.5 s
(never fewer than 3). Calibration happens once, when a database is created; a machine busier
at unlock time than at creation stretches the KDF accordingly (the "of which the Argon2id KDF"
row), which is why the unlock figures of a loaded run vary."""

STANDING = """\
Other ratios, for the record. *Unlock*: besides the KDF, about 30 ms (p50; 70 ms on a loaded
machine) go to Alembic loading and compiling the migration scripts on every unlock to compare
the schema revision, `Workspace` reading `max(version)` of every synced table, and the
committed, fsynced "unlock" audit event; the bare baseline does none of that. *Case file*:
`load_family_file` issues ~26 statements (one per `selectinload` level), each with ~0.5 ms of
SQLAlchemy overhead, against 1–2 ms of raw SELECTs; 13–20 ms per case is fine for a screen, and
a Core loader would be the fix if it ever matters. *Save*: `save_diagnosis` re-reads the domain
list, ratings and participants to apply only what changed, which the one-UPDATE baseline skips.
*Dump*: about as fast as `SELECT *` + `json.dumps`; both spend their time serialising the JSON
(~400 MB at 20 000 families), and the canonical form adds little."""


def comments(missed_kinds: set[str]) -> str:
    parts = []
    if "search_ratio" in missed_kinds:
        parts.append(SEARCH_RATIO)
    if "search_abs" in missed_kinds:
        parts.append(SEARCH_ABSOLUTE)
    if "unlock" in missed_kinds:
        parts.append(UNLOCK)
    parts.append(KDF)
    parts.append(STANDING)
    return "\n\n".join(parts)
