"""Create ``tests/fixtures/rev0001.db``: a database made by the first schema revision.

The migration test opens it with the current code (which upgrades it to head) and checks that
no data was lost.  Rows are written with plain SQL so this script keeps working when the models
change.  Regenerate only if the fixture is lost; never after later revisions exist.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.store import keys
from app.store.connection import connect
from app.store.migrate import upgrade_to_head

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "rev0001.db"
PASSPHRASE = "fixture-rev0001-passphrase"
DEVICE = "f1x7e00000000001"
V = "1700000000000.00000." + DEVICE

ROWS = [
    (
        "INSERT INTO device (device_id, is_self, role, unit_code, name, worker_name, "
        "signing_public, age_recipient, revoked, registered_at, last_clock) "
        "VALUES (?, 1, 'ops', '2005092', 'GOPS Narewka', 'Anna Kowalczyk', X'00', '', 0, "
        "'2023-11-14T22:13:20Z', '')",
        (DEVICE,),
    ),
    (
        "INSERT INTO family (id, version, origin_device, deleted, case_number, gmina_code, "
        "locality, locality_folded, street, house_number, flat_number, postal_code, phone, "
        "status, lead_worker, head_name, head_name_folded, opened_on, closure_note, "
        "retention_class, notes) VALUES ('fam-1', ?, ?, 0, '2005092/2023/0001', '2005092', "
        "'Narewka', 'narewka', 'Leśna', '4', '', '17-220', '', 'plan', 'Anna Kowalczyk', "
        "'Źdźbło Grażyna', 'zdzblo grazyna', '2023-05-02', '', 'B10', 'Notatka ąęółśżźćń')",
        (V, DEVICE),
    ),
    (
        "INSERT INTO person (id, version, origin_device, deleted, family_id, first_name, "
        "last_name, last_name_folded, pesel, document_type, document_number, birth_date, sex, "
        "relation, sort_order, disability, education, employment, school, phone, health_notes, "
        "notes) VALUES ('per-1', ?, ?, 0, 'fam-1', 'Grażyna', 'Źdźbło', 'zdzblo', "
        "'85030484082', '', '', '1985-03-04', 'F', 'applicant', 0, 'none', 'vocational', "
        "'unemployed_registered', '', '', '', '')",
        (V, DEVICE),
    ),
    (
        "INSERT INTO support_plan (id, version, origin_device, deleted, family_id, number, "
        "period_from, period_to, main_goal, status, review_every_days, notes) VALUES "
        "('plan-1', ?, ?, 0, 'fam-1', 'IPW/1/2023', '2023-06-01', '2024-05-31', "
        "'Usamodzielnienie', 'active', 90, '')",
        (V, DEVICE),
    ),
    (
        "INSERT INTO goal (id, version, origin_device, deleted, plan_id, position, title, "
        "description, domain_code, weight, baseline, level_m2, level_m1, level_0, level_p1, "
        "level_p2) VALUES ('goal-1', ?, ?, 0, 'plan-1', 1, 'Zatrudnienie', '', 'income_work', "
        "1, -1, 'a', 'b', 'c', 'd', 'e')",
        (V, DEVICE),
    ),
]


def main() -> None:
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.unlink(missing_ok=True)
    salt = keys.new_salt(keys.TEST_KDF)
    key = keys.derive_key(PASSPHRASE.encode(), salt)
    conn = connect(FIXTURE, key, salt=salt)
    upgrade_to_head(conn, target="0001")
    for sql, params in ROWS:
        conn.execute(sql, params)
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    print(f"written {FIXTURE}")


if __name__ == "__main__":
    main()
