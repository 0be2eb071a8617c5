"""Every record the audit log names is shown in Polish.

The RODO screen's Dziennik zdarzeń showed "setting", "subject_access", "bundle", "erasure",
"archive" and "device" in its Rekord column (seen in the GUI walk): the labels covered only
the case tables.  The codes come from ``audit.record`` calls (read here from the source),
from the synchronised tables (a conflict's resolution names its table) and from the printed
documents' audited records.
"""

from __future__ import annotations

import ast
from pathlib import Path

from app.models import SYNCED_MODELS
from app.printing.service import ALL_KINDS
from app.services.audit_words import ENTITY_LABELS, entity_label

APP = Path(__file__).resolve().parents[2] / "app"


def recorded_entities() -> set[str]:
    found: set[str] = set()
    for path in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "record"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "audit"
            ):
                continue
            entity = node.args[2] if len(node.args) > 2 else None
            entity = next((k.value for k in node.keywords if k.arg == "entity"), entity)
            if isinstance(entity, ast.Constant) and entity.value:
                found.add(entity.value)
    return found


def test_the_scan_finds_the_records_the_log_names():
    assert {"family", "setting", "bundle", "subject_access", "erasure"} <= recorded_entities()


def test_every_audited_record_has_a_polish_word():
    codes = (
        recorded_entities()
        | {m.__tablename__ for m in SYNCED_MODELS}
        | {entity for _title, entity in ALL_KINDS.values()}
    )
    assert sorted(codes - set(ENTITY_LABELS)) == []
    assert entity_label("setting") == "ustawienie"  # the tests run in Polish
    assert entity_label("subject_access") == "dane osoby (art. 15 RODO)"
