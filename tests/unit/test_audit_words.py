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


def recorded_details() -> set[str]:
    """The constant details ``audit.record`` calls write (the codes a worker would see)."""
    found: set[str] = set()
    for path in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in (
                "record",
                "log_event",
            ):
                for k in node.keywords:
                    if k.arg == "detail" and isinstance(k.value, ast.Constant) and k.value.value:
                        found.add(k.value.value)
                    if k.arg == "detail" and isinstance(k.value, ast.IfExp):
                        found |= {
                            b.value
                            for b in (k.value.body, k.value.orelse)
                            if isinstance(b, ast.Constant) and b.value
                        }
    return found


def test_every_detail_code_a_service_writes_is_shown_in_words():
    """The RODO screen's log showed "closed", "withdrawn", "statute" and "last_name" (GUI walk)."""
    from app.services.audit_words import detail_label

    codes = recorded_details() - {"json"}  # a file format is its own name
    assert {"closed", "withdrawn", "without-erasure-list"} <= codes
    assert [c for c in sorted(codes) if detail_label("update", c) == c] == []
    assert detail_label("update", "closed") == "zamknięcie sprawy"
    assert detail_label("update", "statute").startswith("wszystkie sprawy gminy")
    assert detail_label("correct", "last_name,pesel") == "nazwisko, PESEL"
    assert detail_label("erase", "request:member").endswith("— jeden członek rodziny")
    assert detail_label("sync_export", "a1b2 #7") == "a1b2 #7"  # not a code: as it is
    assert detail_label("import", "12") == "12"


def test_a_print_is_named_by_the_title_on_its_page():
    from app.printing.service import ALL_KINDS, document_title
    from app.services.audit_words import detail_label

    assert {kind: detail_label("print", kind) for kind in ALL_KINDS} == {
        kind: document_title(kind) for kind in ALL_KINDS
    }
    assert detail_label("print", "plan") == "Indywidualny Program Współpracy"
