"""A refused bundle's message is Polish to its last word, the detail in brackets included.

The session 10 review saw English inside the Polish refusals: "(line 1)", "(line end)",
"(header)", "(support_plan.version)".  Real signed bundles from a registered peer, altered and
re-signed; plus a guard that every detail a refusal names in ``app/sync`` is one of the
translated ones.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from app.sync.errors import DETAILS, BundleRefused
from app.sync.importer import import_bundle
from tests.sync.forge import dump_lines, record_lines, reseal, resign
from tests.sync.helpers import db_hash, signed_case_bundle

SYNC = Path(__file__).resolve().parents[2] / "app" / "sync"
# Technical English a Polish message must not carry (the words the old details used)
ENGLISH = ("line", "version", "deleted", "header", "twice", "head", "json", "size", ".id")


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    with signed_case_bundle(tmp_path_factory.mktemp("words")) as w:
        yield w.ops, w.coord, w.parts


def _refused(pair, change) -> str:
    ops, coord, parts = pair
    items = record_lines(parts)
    change(items)
    data = reseal(resign(parts, ops, records=dump_lines(items)), coord)
    before = db_hash(coord)
    with pytest.raises(BundleRefused) as info:
        import_bundle(coord, data)
    assert db_hash(coord) == before
    return info.value.message


def _no_english(message: str) -> None:
    detail = message[message.index("(") : message.index(")") + 1]
    assert not any(word in detail.lower() for word in ENGLISH), message


def test_a_record_without_a_field_names_its_line_in_polish(pair):
    def drop(items):
        del items[0]["r"]["deleted"]

    message = _refused(pair, drop)
    assert "wiersz 1)" in message, message
    _no_english(message)


def test_a_bad_version_stamp_names_the_kind_and_field_in_polish(pair):
    def stamp(items):
        items[0]["r"]["version"] = "yesterday"

    message = _refused(pair, stamp)
    _no_english(message)
    assert "pole" in message, message


def test_a_line_that_is_not_a_record_is_named_in_polish(pair):
    def shape(items):
        items[0] = {"t": items[0]["t"], "r": items[0]["r"]}  # no stamps, no vector

    message = _refused(pair, shape)
    assert "wiersz 1" in message, message
    _no_english(message)


def _details_passed() -> list[tuple[str, int, ast.expr]]:
    found = []
    for path in sorted(SYNC.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            # (the manifest's ``_fail`` names a field of the format: "pole expires_at")
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "refused":
                values = [k.value for k in node.keywords if k.arg == "detail"]
                found += [(path.name, node.lineno, v) for v in values]
    return found


def test_every_detail_a_refusal_names_is_translated():
    """A detail is a code of ``DETAILS`` (translated when the message is made) or text made
    by a translated template; never an f-string or a bare English word."""
    found = _details_passed()
    assert len(found) > 25  # the scan sees the refusals
    wrong = []
    for where, line, value in found:
        if isinstance(value, ast.Constant):
            if value.value not in DETAILS:
                wrong.append((where, line, value.value))
        elif isinstance(value, ast.JoinedStr):
            wrong.append((where, line, ast.unparse(value)))
    assert wrong == []


def test_the_details_are_polish():
    from app.i18n import _

    for code, text in DETAILS.items():
        assert _(text) != text, (code, text)  # the catalogue has each one


def test_json_is_the_records_own_message(pair):
    # a record line cut in half: its own message ("nie jest poprawnym JSON"), with the line
    ops, coord, parts = pair
    lines = parts["records.jsonl"].splitlines()
    lines[0] = lines[0][: len(lines[0]) // 2]
    data = reseal(resign(parts, ops, records=b"\n".join(lines) + b"\n"), coord)
    with pytest.raises(BundleRefused) as info:
        import_bundle(coord, data)
    assert info.value.code == "json"
    assert "(wiersz 1)" in info.value.message
