"""A person's own data (art. 15 RODO): every record about them, consents, and the recipients.

``subject_access`` gathers, for one person: their own record; the family file's records that
concern them (the family's own records, and person-linked records only when they are linked to
this person: another member's data are not theirs to receive, art. 15(4)); the consents with
their history from the audit log; and the recipients their data went to, found in the audit log
(prints, exports, bundles) and in the sync state (devices that hold a copy).  The documents
(attachments) that concern the person are part of the copy: listed with the records, and their
content carried whole (``documents``: base64 in the JSON, embedded files in the PDF).

The result becomes a machine-readable JSON (``to_json``) or a PDF (``app.printing.access``);
either way the hand-over is itself an audit event (``record_handover``).
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.i18n import N_, _
from app.models import (
    Attachment,
    AuditEvent,
    Consent,
    ConsentRecipient,
    Device,
    Family,
    Institution,
    Person,
)
from app.models.base import SyncMixin
from app.models.sync_state import SyncBase
from app.services import audit
from app.services.records import to_record
from app.services.rodo.erasure import family_rows
from app.services.workspace import Workspace

FORMAT = "kooperacja-subject-access"
_META = frozenset({"version", "origin_device", "deleted"})
# Fields of the family row that are another person's data or search helpers.
_FAMILY_HIDDEN = frozenset({"head_name", "head_name_folded", "locality_folded"})
_PERSON_HIDDEN = frozenset({"last_name_folded"})
RECIPIENT_KINDS: dict[str, str] = {
    "print": N_("printed document"),
    "export": N_("export"),
    "share": N_("sync bundle"),
    "copy": N_("holds a copy"),
}


@dataclass(frozen=True)
class Recipient:
    at: datetime | None
    kind: str
    recipient: str
    detail: str

    @property
    def kind_label(self) -> str:
        return _(RECIPIENT_KINDS.get(self.kind, self.kind))


@dataclass(frozen=True)
class ConsentEntry:
    record: dict[str, Any]
    institutions: list[str]
    history: list[tuple[datetime, str, str]]  # (when, action label, who)


@dataclass(frozen=True)
class Document:
    title: str
    filename: str
    mime_type: str
    sha256: str
    content: bytes


@dataclass
class SubjectAccess:
    generated_on: date
    controller: str
    person: dict[str, Any]
    family: dict[str, Any]
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    consents: list[ConsentEntry] = field(default_factory=list)
    recipients: list[Recipient] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    # Labels of reference codes (field -> code -> label) for the printed copy.
    code_labels: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def full_name(self) -> str:
        return f"{self.person.get('first_name', '')} {self.person.get('last_name', '')}".strip()


def _clean(record: dict[str, Any], hidden: frozenset[str] = frozenset()) -> dict[str, Any]:
    out = {k: v for k, v in record.items() if k not in _META and k not in hidden}
    if "content" in out:  # a document's content travels in ``documents``, not in the record
        out.pop("content")
    return out


def _concerns(record: dict[str, Any], person_id: str) -> bool:
    """A record linked to a person concerns only that person."""
    linked = record.get("person_id")
    return linked in (None, "", person_id)


def _recipients(s: Session, family_id: str, names: dict[str, str]) -> list[Recipient]:
    out: list[Recipient] = []
    q = (
        select(AuditEvent)
        .where(
            or_(
                (AuditEvent.family_id == family_id)
                & AuditEvent.action.in_(("print", "export", "share")),
                (AuditEvent.action == "export") & (AuditEvent.entity == "dump"),
            )
        )
        .order_by(AuditEvent.at, AuditEvent.seq)
    )
    for e in s.scalars(q):
        if e.action == "share":
            out.append(Recipient(e.at, "share", names.get(e.detail, e.detail), e.record_id))
        elif e.action == "print":
            out.append(Recipient(e.at, "print", e.actor, e.detail))
        else:
            out.append(Recipient(e.at, "export", e.actor, f"{e.entity} {e.detail}".strip()))
    for peer in sorted(
        set(
            s.scalars(
                select(SyncBase.peer).where(SyncBase.tbl == "family", SyncBase.row_id == family_id)
            )
        )
    ):
        out.append(Recipient(None, "copy", names.get(peer, peer), peer))
    return out


def _consents(
    s: Session, family_id: str, person_id: str, institutions: dict[str, str]
) -> list[ConsentEntry]:
    out: list[ConsentEntry] = []
    rows = s.scalars(
        select(Consent)
        .where(Consent.family_id == family_id, Consent.deleted.is_(False))
        .order_by(Consent.signed_on)
    )
    for c in rows:
        if c.person_id not in (None, "", person_id):
            continue
        names = [
            institutions.get(r.institution_id, r.institution_id)
            for r in s.scalars(
                select(ConsentRecipient).where(
                    ConsentRecipient.consent_id == c.id, ConsentRecipient.deleted.is_(False)
                )
            )
        ]
        history = [
            (
                e.at,
                _(audit.ACTIONS.get(e.action, e.action)) + (f" ({e.detail})" if e.detail else ""),
                e.actor,
            )
            for e in s.scalars(
                select(AuditEvent)
                .where(AuditEvent.entity == "consent", AuditEvent.record_id == c.id)
                .order_by(AuditEvent.at, AuditEvent.seq)
            )
        ]
        out.append(ConsentEntry(_clean(to_record(c)), sorted(names), history))
    return out


def subject_access(ws: Workspace, person_id: str) -> SubjectAccess:
    """Everything about one person (read-only; the hand-over is audited separately)."""
    with ws.transaction() as s:
        person = s.get(Person, person_id)
        if person is None or person.deleted:
            raise NotFound(_("There is no such person."))
        family = s.get(Family, person.family_id)
        assert family is not None
        home = s.scalar(select(Institution).where(Institution.id == _home_id(s)))
        names = {d.device_id: d.name for d in s.scalars(select(Device))}
        institutions = {i.id: i.name for i in s.scalars(select(Institution))}
        result = SubjectAccess(
            date.today(),
            home.name if home else ws.identity.name,
            _clean(to_record(person), _PERSON_HIDDEN),
            _clean(to_record(family), _FAMILY_HIDDEN),
        )
        by_name = {t.__tablename__: t for t in _models()}
        for tbl, ids in sorted(family_rows(s, family.id).items()):
            if tbl in ("family", "person", "consent", "consent_recipient") or tbl not in by_name:
                continue
            model = by_name[tbl]
            found = [
                r
                for r in s.scalars(select(model).where(model.id.in_(sorted(ids))))
                if not r.deleted and _concerns(to_record(r), person_id)
            ]
            rows = [_clean(to_record(r)) for r in found]
            if model is Attachment:
                result.documents += [
                    Document(a.title, a.filename, a.mime_type, a.sha256, a.content)
                    for a in sorted(found, key=lambda a: a.id)
                    if isinstance(a, Attachment)
                ]
            if rows:
                result.records[tbl] = sorted(rows, key=lambda r: r["id"])
        result.consents = _consents(s, family.id, person_id, institutions)
        result.code_labels = _code_labels(s)
        result.recipients = _recipients(s, family.id, names)
        return result


def _code_labels(s: Session) -> dict[str, dict[str, str]]:
    from app.i18n import current_language
    from app.models import HelpReason, LifeDomain, Sector

    english = current_language() == "en"
    out: dict[str, dict[str, str]] = {}
    models: tuple[tuple[str, type[LifeDomain | HelpReason | Sector]], ...] = (
        ("domain_code", LifeDomain),
        ("reason_code", HelpReason),
        ("sector_code", Sector),
    )
    for name, model in models:
        rows: list[Any] = list(s.scalars(select(model)))
        out[name] = {r.code: (r.label_en if english else r.label_pl) for r in rows}
    return out


def _home_id(s: Session) -> str:
    from app.services.controller import home_id

    return home_id(s) or ""


def _models() -> list[type[SyncMixin]]:
    from app.models import SYNCED_MODELS

    return list(SYNCED_MODELS)


def to_json(data: SubjectAccess) -> bytes:
    """The machine-readable copy (art. 15(3), art. 20): stable, sorted, UTF-8."""

    def when(value: datetime | None) -> str | None:
        return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else None

    payload = {
        "format": FORMAT,
        "version": 1,
        "generated_on": data.generated_on.isoformat(),
        "controller": data.controller,
        "person": data.person,
        "family": data.family,
        "records": data.records,
        "consents": [
            {
                "consent": c.record,
                "recipients": c.institutions,
                "history": [{"at": when(a), "event": ev, "by": who} for a, ev, who in c.history],
            }
            for c in data.consents
        ],
        "recipients": [
            {"at": when(r.at), "kind": r.kind, "recipient": r.recipient, "detail": r.detail}
            for r in data.recipients
        ],
        "documents": [
            {
                "title": d.title,
                "filename": d.filename,
                "mime_type": d.mime_type,
                "sha256": d.sha256,
                "content_base64": base64.b64encode(d.content).decode("ascii"),
            }
            for d in data.documents
        ],
    }
    return (json.dumps(payload, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode()


def record_handover(ws: Workspace, person_id: str, fmt: str) -> None:
    """The hand-over of a person's data is itself in the audit log."""
    with ws.transaction() as s:
        person = s.get(Person, person_id)
        if person is None:
            raise NotFound(_("There is no such person."))
        audit.record(s, "export", "subject_access", person_id, person.family_id, detail=fmt)
