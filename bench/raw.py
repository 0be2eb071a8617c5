"""Raw-SQL baselines: the same work as the services, hand-written on a plain sqlcipher3 connection.

Each function here answers the same question as one service call (and is checked against it in
``bench.foundation``), but with hand-written SQL, no ORM and no SQLAlchemy, on a connection
configured like the application's (``app.store.connection.connect``: raw key, WAL,
``synchronous=FULL`` …).  The ratio service/raw is the price of the layers above SQLCipher.
"""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import UTC, datetime
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from app.models import SYNCED_MODELS, new_id
from app.services.text import fold, prefix_upper_bound


def bare_unlock(path: str, key: bytes | bytearray) -> None:
    """Open with the already-derived raw key and run one query: the floor of any unlock."""
    conn = sqlcipher.connect(path)
    try:
        conn.execute(f"PRAGMA key = \"x'{bytes(key).hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


def _range(value: str) -> list[str]:
    return [value, prefix_upper_bound(value)]


def _where(text: str) -> tuple[str, list[str]]:
    """The WHERE clause of ``search._search`` for ``text``: one union of index ranges per word."""
    conditions, params = ["f.deleted = 0"], []
    for token in text.replace(",", " ").split()[:5]:
        parts = []
        if token.isdigit():
            parts.append(
                "SELECT family_id FROM person WHERE pesel >= ? AND pesel < ? AND deleted = 0"
            )
            params += _range(token)
        else:
            key = fold(token)
            parts.append(
                "SELECT family_id FROM person"
                " WHERE last_name_folded >= ? AND last_name_folded < ? AND deleted = 0"
            )
            parts.append("SELECT id FROM family WHERE locality_folded >= ? AND locality_folded < ?")
            params += _range(key) + _range(key)
        parts.append("SELECT id FROM family WHERE case_number >= ? AND case_number < ?")
        params += _range(token)
        conditions.append(f"f.id IN ({' UNION '.join(parts)})")
    return " AND ".join(conditions), params


def search_plan(conn: sqlcipher.Connection, text: str) -> list[str]:
    """EXPLAIN QUERY PLAN of the search's count query (the union the service runs too)."""
    where, params = _where(text)
    sql = f"EXPLAIN QUERY PLAN SELECT count(f.id) FROM family f WHERE {where}"
    return [str(row[3]) for row in conn.execute(sql, params)]


def search(conn: sqlcipher.Connection, text: str, limit: int = 50) -> tuple[int, list[str]]:
    """``search.search_families(ws, text)``: total, one page, its members, reviews, gminas."""
    where, params = _where(text)
    total = conn.execute(f"SELECT count(f.id) FROM family f WHERE {where}", params).fetchone()[0]
    page = conn.execute(
        "SELECT f.id, f.case_number, f.gmina_code, f.locality, f.street, f.house_number,"
        " f.flat_number, f.status, f.lead_worker, f.head_name, f.opened_on"
        f" FROM family f WHERE {where} ORDER BY f.case_number, f.id LIMIT ?",
        [*params, limit],
    ).fetchall()
    ids = [row[0] for row in page]
    if ids:
        marks = ",".join("?" * len(ids))
        conn.execute(
            "SELECT id, family_id, first_name, last_name, pesel, relation FROM person"
            f" WHERE family_id IN ({marks}) AND deleted = 0"
            " ORDER BY family_id, sort_order, birth_date",
            ids,
        ).fetchall()
        conn.execute(
            "SELECT family_id, max(next_review_on) FROM review"
            f" WHERE family_id IN ({marks}) AND deleted = 0 GROUP BY family_id",
            ids,
        ).fetchall()
        codes = sorted({row[2] for row in page})
        conn.execute(
            f"SELECT code, name FROM ref_terc WHERE code IN ({','.join('?' * len(codes))})", codes
        ).fetchall()
    return total, ids


def _children(conn: sqlcipher.Connection, table: str, column: str, ids: list[str]) -> list:
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return conn.execute(
        f"SELECT * FROM {table} WHERE {column} IN ({marks}) AND deleted = 0", ids
    ).fetchall()


def _by_ids(conn: sqlcipher.Connection, table: str, ids: set[str | None]) -> list:
    wanted = sorted(i for i in ids if i)
    if not wanted:
        return []
    marks = ",".join("?" * len(wanted))
    return conn.execute(f"SELECT * FROM {table} WHERE id IN ({marks})", wanted).fetchall()


ATTACHMENT_COLUMNS = (
    "id, version, origin_device, deleted, family_id, title, kind, filename, mime_type, size,"
    " sha256, added_on"
)


def open_family(conn: sqlcipher.Connection, family_id: str) -> int:
    """The rows ``casefile.open_family`` loads; returns how many (needs ``row_factory=Row``)."""
    one = conn.execute("SELECT * FROM family WHERE id = ? AND deleted = 0", (family_id,))
    family = one.fetchone()
    rows: list = [family]

    def of_family(table: str, order: str = "") -> list:
        found = conn.execute(
            f"SELECT * FROM {table} WHERE family_id = ? AND deleted = 0 {order}", (family_id,)
        ).fetchall()
        rows.extend(found)
        return found

    of_family("person", "ORDER BY sort_order, birth_date")
    of_family("family_reason")
    team = of_family("case_team_member", "ORDER BY name")
    consents = of_family("consent", "ORDER BY signed_on DESC")
    recipients = _children(conn, "consent_recipient", "consent_id", [c["id"] for c in consents])
    diagnoses = of_family("diagnosis", "ORDER BY made_on DESC")
    diagnosis_ids = [d["id"] for d in diagnoses]
    ratings = _children(conn, "domain_rating", "diagnosis_id", diagnosis_ids)
    participants = _children(conn, "diagnosis_participant", "diagnosis_id", diagnosis_ids)
    plans = of_family("support_plan", "ORDER BY period_from DESC")
    plan_ids = [p["id"] for p in plans]
    goals = _children(conn, "goal", "plan_id", plan_ids)
    actions = _children(conn, "action", "plan_id", plan_ids)
    commitments = _children(conn, "commitment", "plan_id", plan_ids)
    reviews = of_family("review", "ORDER BY held_on DESC")
    review_ids = [r["id"] for r in reviews]
    for table in ("goal_score", "review_domain_rating", "action_status_entry"):
        rows += _children(conn, table, "review_id", review_ids)
    of_family("visit", "ORDER BY visit_on DESC")
    rows += conn.execute(
        f"SELECT {ATTACHMENT_COLUMNS} FROM attachment WHERE family_id = ? AND deleted = 0"
        " ORDER BY added_on DESC",
        (family_id,),
    ).fetchall()
    institutions = {r["institution_id"] for r in [*team, *recipients, *participants, *actions]}
    rows += recipients + ratings + participants + goals + actions + commitments
    rows += _by_ids(conn, "institution", institutions)
    rows += _by_ids(conn, "service", {a["service_id"] for a in actions})
    gmina = conn.execute("SELECT * FROM ref_terc WHERE code = ?", (family["gmina_code"],))
    rows += gmina.fetchall()
    return len(rows)


def _digest(fields: dict[str, object]) -> str:
    payload = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def save_diagnosis(
    conn: sqlcipher.Connection,
    *,
    diagnosis_id: str,
    family_id: str,
    conclusions: str,
    version: str,
    device_id: str,
    actor: str,
) -> None:
    """One UPDATE and the chained audit row in one transaction (``isolation_level=None``)."""
    conn.execute("BEGIN")
    try:
        conn.execute(
            "UPDATE diagnosis SET conclusions = ?, version = ?, origin_device = ? WHERE id = ?",
            (conclusions, version, device_id, diagnosis_id),
        )
        last = conn.execute(
            "SELECT seq, hash FROM audit_event WHERE device_id = ? ORDER BY seq DESC LIMIT 1",
            (device_id,),
        ).fetchone()
        fields = {
            "id": new_id(),
            "device_id": device_id,
            "seq": (last[0] + 1) if last else 1,
            "at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "actor": actor,
            "action": "update",
            "entity": "diagnosis",
            "record_id": diagnosis_id,
            "family_id": family_id,
            "detail": "",
            "prev_hash": last[1] if last else "",
        }
        conn.execute(
            "INSERT INTO audit_event (id, device_id, seq, at, actor, action, entity, record_id,"
            " family_id, detail, prev_hash, hash)"
            " VALUES (:id, :device_id, :seq, :at, :actor, :action, :entity, :record_id,"
            " :family_id, :detail, :prev_hash, :hash)",
            {**fields, "hash": _digest(fields)},
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def dump(conn: sqlcipher.Connection) -> str:
    """``SELECT *`` of every synced table, ordered by id, as JSON (blobs in base64)."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for model in SYNCED_MODELS:
        cursor = conn.execute(f"SELECT * FROM {model.__tablename__} ORDER BY id")
        names = [d[0] for d in cursor.description]
        tables[model.__tablename__] = [
            {
                n: base64.b64encode(v).decode("ascii") if isinstance(v, bytes) else v
                for n, v in zip(names, row, strict=True)
            }
            for row in cursor
        ]
    return json.dumps({"tables": tables}, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
