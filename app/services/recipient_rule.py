"""The rule that the centre keeping a family's case is never a recipient of that family's data.

A consent names the institutions the OPS may share the family's data with.  The OPS that keeps
the case is the controller of those data (art. 4 pt 7 RODO), and a recipient is someone the
controller discloses data to (art. 4 pt 9), so a consent cannot name it.  Which centre keeps a
case follows from the family's gmina alone: the OPS of that gmina, whose institution has the
same id on every device (``home_institution_id``).  So the rule needs no installation: the
consent form (``app.services.consents``), ``load`` and a handover file (``app.services.dump``,
``app.services.handover_file``) and a sync bundle (``app.sync.validate``), the last three through
``app.services.record_rules.RecordChecker``, all ask ``may_receive``.

No database and no other service is imported here: the workspace's flush hook imports the
record rules, which import this.
"""

from __future__ import annotations

import uuid

from app.errors import ValidationError
from app.i18n import _

HOME_NAMESPACE = uuid.UUID("0c7f8a4e-3b1d-4e55-b0a9-2f6a7d18e3c4")


def home_institution_id(role: str, unit_code: str) -> str:
    """The OPS (or PCPR) running an installation; the same id on every device of that unit."""
    return str(uuid.uuid5(HOME_NAMESPACE, f"{role}:{unit_code}"))


def case_keeper_id(gmina_code: str) -> str:
    """The institution that keeps the case of a family of ``gmina_code``: that gmina's OPS."""
    return home_institution_id("ops", gmina_code)


def may_receive(institution_id: str, gmina_code: str) -> bool:
    """Whether a consent of a family of ``gmina_code`` may name ``institution_id``: any
    institution but the centre that keeps the case."""
    return institution_id != case_keeper_id(gmina_code)


def check_recipient(institution_id: str, gmina_code: str, field: str = "institution_id") -> None:
    """Refuse a consent recipient that is the centre keeping the case (a stored record's rule:
    the form words its own refusal, ``app.services.controller.check_recipients``)."""
    if not may_receive(institution_id, gmina_code):
        raise ValidationError(
            _(
                "A consent names the centre that keeps the case among the institutions the "
                "data may be shared with: that centre is the controller of the data, not a "
                "recipient."
            ),
            field,
        )
