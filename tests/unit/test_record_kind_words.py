"""A record kind has one Polish name: the Historia view, the sync refusals and notices, and the
conflict inbox say the same word.

Nine kinds were worded one way in the change history and another in sync messages (a case was
"sprawa" in Historia and "rodzina" in a refusal; a meeting decision "ustalenie posiedzenia" and
"decyzja spotkania zespołu"), and the conflict inbox kept a third list of fifteen kinds that
showed any other table by its code ("visit", "review").
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.models import SYNCED_MODELS
from app.services.audit_words import entity_label
from app.sync.conflicts import ConflictView, Side
from app.sync.kinds import kind_label

SYNCED = sorted(m.__tablename__ for m in SYNCED_MODELS)


@pytest.mark.parametrize("table", SYNCED)
def test_history_and_sync_messages_name_a_kind_alike(table):
    assert kind_label(table) == entity_label(table) != table


@pytest.mark.parametrize(
    ("table", "word"),
    [
        ("family", "sprawa"),
        ("service", "usługa (koszyk usług)"),
        ("support_plan", "program (IPW)"),
        ("domain_rating", "ocena obszaru w diagnozie"),
        ("review_domain_rating", "ocena obszaru w monitoringu"),
        ("commitment", "zobowiązanie"),  # of a family, a person or an older person
        ("plan_closure", "zamknięcie programu (IPW)"),
        ("meeting_decision", "ustalenie posiedzenia"),
        ("family_transfer", "przekazanie do innej gminy"),
    ],
)
def test_the_words_are_those_of_the_screens(table, word):
    """The words the forms use: "Zamknij program", "Ustalenia" of a "Posiedzenie", "Przekazanie
    do innej gminy", "Diagnoza: oceny obszarów życia"."""
    assert kind_label(table) == word


def _conflict(table: str) -> ConflictView:
    at = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    side = Side("a", "1", "dev", "Laptop", "Anna Kowalczyk", at)
    return ConflictView(
        id="c1",
        table=table,
        row_id="r1",
        family_id="f1",
        case_number="NAR/1/2026",
        field="notes",
        kind="field",
        detail="",
        mine=side,
        theirs=side,
        current="a",
        status="resolved",
        resolution="theirs",
        detected_at=at,
        resolved_by="Jan Nowak",
        replaced=True,
        chosen_value="b",
    )


@pytest.mark.parametrize("table", ["visit", "review", "family", "meeting_decision"])
def test_the_conflict_inbox_names_a_kind_alike(table):
    from app.ui.sync.conflict_inbox import notice_text

    assert notice_text(_conflict(table)).startswith(f"{kind_label(table)} NAR/1/2026, ")
