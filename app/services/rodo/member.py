"""Erasing one member of a family, not the whole case (issue 14 §3).

``member_rows`` finds the person's record and every row that points at it (their consents,
commitments, participation in a diagnosis or workshop, referrals they consented to), then every
row pointing at one of those, through the schema like ``erasure.family_rows``.  The family's
other records stay.  ``erase_member`` removes them like a case erasure (sync state, drafts, the
ids in the audit log, the erased-row digests against stale bundles, ``VACUUM``) and signs a
notice naming the family *and* the person (digests only), which ``apply_member_notice`` carries
out on every other device and ``erasure_file.reapply`` after a restore.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.i18n import _
from app.models import Person, new_id
from app.services import audit
from app.services.rodo.erasure import (
    ErasureResult,
    Removed,
    add_notice,
    check_reason,
    digest,
    holders_of,
    remove_found,
    vacuum_now,
    with_dependents,
)
from app.services.workspace import Workspace


def member_rows(s: Session, person_id: str) -> dict[str, set[str]]:
    """The person's row and every row that depends on it, by table."""
    return with_dependents(s, {Person.__tablename__: {person_id}})


def erase_member_rows(s: Session, person_id: str, erasure_id: str) -> Removed:
    return remove_found(s, member_rows(s, person_id), erasure_id)


def person_by_digest(s: Session, family_id: str, person_digest: str) -> str | None:
    for pid in s.scalars(select(Person.id).where(Person.family_id == family_id)):
        if digest(pid) == person_digest:
            return pid
    return None


def erase_member(ws: Workspace, person_id: str, reason: str) -> ErasureResult:
    """Erase one person of a family here and sign a notice for every device holding the case."""
    check_reason(reason)
    with ws.transaction() as s:
        person = s.get(Person, person_id)
        if person is None:
            raise NotFound(_("There is no such person."))
        family_id = person.family_id
        holders = tuple(sorted(holders_of(s, family_id)))
        erasure_id = new_id()
        s.expunge(person)
        removed = erase_member_rows(s, person_id, erasure_id)
        add_notice(s, ws, erasure_id, family_id, reason, holders, person_id)
        audit.record(s, "erase", "erasure", erasure_id, detail=f"{reason}:member")
    from app.services.rodo import erasure_file

    erasure_file.save(ws)
    vacuum_now(ws)
    return ErasureResult(erasure_id, removed.rows, removed.audit_redacted, holders)
