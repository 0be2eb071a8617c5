"""Names of the kinds of synchronised records and of their fields, for messages about a
bundle or a conflict (Qt-free).

Table and column names are codes; people read "członek rodziny", not ``person``.  Kept here
so the sync refusals, the import's notices and the screens name a record the same way.
"""

from __future__ import annotations

from app.i18n import _
from app.models import SYNCED_MODELS
from app.services.audit_words import ENTITY_LABELS, FIELD_LABELS, field_label  # noqa: F401 (re-exported: sync messages name fields)

# A record kind is called what the audit log calls it: one word for each, wherever it is read.
RECORD_KINDS: dict[str, str] = {
    tbl: ENTITY_LABELS[tbl] for tbl in (model.__tablename__ for model in SYNCED_MODELS)
}


def kind_label(table: str) -> str:
    """The translated name of a record kind (the code itself for an unknown table)."""
    label = RECORD_KINDS.get(table)
    return _(label) if label else table
