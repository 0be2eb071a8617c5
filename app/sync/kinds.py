"""Names of the kinds of synchronised records and of their fields, for messages about a
bundle or a conflict (Qt-free).

Table and column names are codes; people read "członek rodziny", not ``person``.  Kept here
so the sync refusals, the import's notices and the screens name a record the same way.
"""

from __future__ import annotations

from app.i18n import N_, _
from app.models import SYNCED_MODELS
from app.services.audit_words import ENTITY_LABELS, FIELD_LABELS, field_label  # noqa: F401 (re-exported: sync messages name fields)

# A record kind is called what the audit log calls it (``app.services.audit_words``), except
# where a sync message has always said it its own way (changing these would change messages
# people know).
_SYNC_WORDS: dict[str, str] = {
    "service": N_("service"),
    "family": N_("family"),
    "domain_rating": N_("domain rating"),
    "support_plan": N_("support plan (IPW)"),
    "commitment": N_("family's commitment"),
    "review_domain_rating": N_("review domain rating"),
    "plan_closure": N_("closure of a support plan"),
    "meeting_decision": N_("team meeting decision"),
    "family_transfer": N_("family transfer"),
}
RECORD_KINDS: dict[str, str] = {
    tbl: _SYNC_WORDS.get(tbl) or ENTITY_LABELS[tbl]
    for tbl in (model.__tablename__ for model in SYNCED_MODELS)
}


def kind_label(table: str) -> str:
    """The translated name of a record kind (the code itself for an unknown table)."""
    label = RECORD_KINDS.get(table)
    return _(label) if label else table
