"""Moving away: a family handed over to another gmina of the powiat, or out of the powiat.

* **Within the powiat**, through the coordinator (``transfer_family`` on the coordinator's
  device): a ``FamilyTransfer`` record, then the family's gmina and case number change in the
  same transaction; a consent that named the new gmina's OPS names it no more (it keeps the
  case now, ``app.services.recipient_rule``).  It is an explicit operation: a bundle that
  changes ``gmina_code`` as a field edit is refused (``app.sync.authorize``).  The next bundle
  to the new OPS carries the whole file (every record of the family, none dropped for lack of
  access); the old OPS gets only the transfer record (``app.sync.export``) and keeps its own
  records as a closed trace.
* **Out of the powiat** (``export_out_of_powiat``, on either device): the transfer record, the
  case closed, and the family's whole file as canonical JSON for the new OPS, which loads it
  with ``kooperacja load --json`` (``app.services.handover_file``).
* **The trace is read-only** (``check_writable``, called for every row a service writes on an
  OPS device): once a family has been handed over from this device's gmina, nothing of it
  changes here any more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import atomic_write_bytes
from app.errors import FileProblem, ValidationError
from app.i18n import _
from app.models import Consent, ConsentRecipient, Family, FamilyTransfer
from app.models.enums import FamilyStatus, TransferKind
from app.services import audit, reference
from app.services.common import apply, get_live, tombstone
from app.services.families import next_case_number
from app.services.handover_file import file_data
from app.services.recipient_rule import case_keeper_id
from app.services.records import canonical_json
from app.services.validation import check_length
from app.services.workspace import Workspace


@dataclass
class TransferInput:
    to_gmina_code: str
    transferred_on: date
    note: str = ""


def _check_handover_day(family: Family, day: date) -> None:
    """A handover (within the powiat or out of it) happens between the case's opening and
    today."""
    if day > date.today() or day < family.opened_on:
        raise ValidationError(
            _("The handover date must fall between the opening of the case and today."),
            "transferred_on",
        )


def transfer_family(ws: Workspace, family_id: str, data: TransferInput) -> FamilyTransfer:
    """Hand a family over to another gmina of the powiat (the coordinator's operation)."""
    if not ws.is_coordinator:
        raise ValidationError(
            _("A family moves to another gmina through the powiat coordinator."), "role"
        )
    with ws.transaction() as s:
        family = get_live(s, Family, family_id)
        reference.require_terc(s, data.to_gmina_code, ("gmina",), "to_gmina_code")
        target = data.to_gmina_code.strip()
        if not reference.may_work_in("coordinator", ws.identity.unit_code, target):
            raise ValidationError(
                _("The new gmina is outside the powiat: export the file for the new OPS."),
                "to_gmina_code",
            )
        if target == family.gmina_code:
            raise ValidationError(_("The family already belongs to this gmina."), "to_gmina_code")
        _check_handover_day(family, data.transferred_on)
        transfer = FamilyTransfer(
            family_id=family.id,
            kind=TransferKind.WITHIN_POWIAT,
            from_gmina_code=family.gmina_code,
            to_gmina_code=target,
            transferred_on=data.transferred_on,
            from_case_number=family.case_number,
            note=check_length(data.note, "note", _("Notes"), 20_000),
        )
        s.add(transfer)
        s.flush()
        number = next_case_number(s, target, data.transferred_on.year)
        apply(family, gmina_code=target, case_number=number)
        _drop_the_new_keeper(s, family.id, target)
        audit.record(s, "create", "family_transfer", transfer.id, family.id, detail=target)
        audit.record(s, "update", "family", family.id, family.id, detail="handed over")
        return transfer


def _drop_the_new_keeper(s: Session, family_id: str, gmina_code: str) -> None:
    """The new gmina's OPS keeps the case now, so it is no longer a recipient of the data a
    consent may name (``recipient_rule``): a consent signed before the move that named it no
    longer does, here and, through the bundle that carries the family, on every device."""
    keeper = case_keeper_id(gmina_code)
    named = s.scalars(
        select(ConsentRecipient)
        .join(Consent, Consent.id == ConsentRecipient.consent_id)
        .where(
            Consent.family_id == family_id,
            ConsentRecipient.institution_id == keeper,
            ConsentRecipient.deleted.is_(False),
        )
    )
    for recipient in named:
        tombstone(recipient)


def export_out_of_powiat(
    ws: Workspace,
    family_id: str,
    transferred_on: date,
    to_gmina_code: str = "",
    note: str = "",
    path: Path | None = None,
) -> str:
    """Close the case as moved out of the powiat and return its whole file as JSON.

    With ``path`` the file is written there (readable by its user only) before the
    transaction commits: a file that cannot be written leaves the case as it was."""
    with ws.transaction() as s:
        family = get_live(s, Family, family_id)
        if to_gmina_code:
            reference.require_terc(s, to_gmina_code, ("gmina",), "to_gmina_code")
            if reference.may_work_in("coordinator", family.gmina_code[:4], to_gmina_code):
                raise ValidationError(
                    _("The new gmina is in the same powiat: hand the family over instead."),
                    "to_gmina_code",
                )
        _check_handover_day(family, transferred_on)
        transfer = FamilyTransfer(
            family_id=family.id,
            kind=TransferKind.OUT_OF_POWIAT,
            from_gmina_code=family.gmina_code,
            to_gmina_code=to_gmina_code.strip(),
            transferred_on=transferred_on,
            from_case_number=family.case_number,
            note=check_length(note, "note", _("Notes"), 20_000),
        )
        s.add(transfer)
        if family.status != FamilyStatus.CLOSED:
            apply(family, status=FamilyStatus.CLOSED, closed_on=transferred_on)
        s.flush()
        data = file_data(s, family.id)
        audit.record(s, "create", "family_transfer", transfer.id, family.id, detail="out")
        audit.record(s, "export", "family", family.id, family.id, detail="handover")
        text = canonical_json(data) + "\n"
        if path is not None:
            try:
                atomic_write_bytes(path, text.encode("utf-8"))
            except OSError as exc:
                raise FileProblem(_("The file cannot be written.")) from exc
        return text


def transfers(ws: Workspace, family_id: str) -> list[FamilyTransfer]:
    with ws.transaction() as s:
        return list(
            s.scalars(
                select(FamilyTransfer)
                .where(FamilyTransfer.family_id == family_id, FamilyTransfer.deleted.is_(False))
                .order_by(FamilyTransfer.transferred_on)
            )
        )
