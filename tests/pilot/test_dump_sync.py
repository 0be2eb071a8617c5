"""The pilot's records in ``dump``/``load`` (identical round trip, same rules as the forms) and in
sync bundles (registry to every device, case records only with their family)."""

from __future__ import annotations

import json

import pytest

from app.errors import ValidationError
from app.services import dump
from tests.pilot.helpers import make_pilot_case
from tests.unit.test_dump import fresh

NEW_TABLES = (
    "referral",
    "diagnostic_workshop",
    "workshop_participant",
    "plan_closure",
    "meeting_decision",
)


def test_dump_load_dump_keeps_the_whole_pilot(ws, tmp_path):
    make_pilot_case(ws)
    first = dump.dump_json(ws)
    data = json.loads(first)
    for table in NEW_TABLES:
        assert data["tables"][table], table
    assert {a["kind"] for a in data["tables"]["agreement"]} == {"wzk", "tripartite", "pzk"}
    other = fresh(tmp_path)
    try:
        dump.load_data(other, data)
        assert dump.dump_json(other) == first
    finally:
        other.lock()


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("referral", "decision", "approved"),
        ("plan_closure", "outcome", "success"),
        ("agreement", "kind", "bilateral"),
        ("agreement_party", "side", "king"),
        ("family", "subject_kind", "cat"),
        ("workshop_participant", "kind", "ghost"),
        ("diagnosis", "workshop_id", "no-such-workshop"),
    ],
)
def test_load_refuses_a_tampered_pilot_record(ws, tmp_path, table, column, value):
    make_pilot_case(ws)
    data = json.loads(dump.dump_json(ws))
    rows = [r for r in data["tables"][table] if column in r]
    rows[0][column] = value
    other = fresh(tmp_path)
    try:
        with pytest.raises(ValidationError):
            dump.load_data(other, data)
    finally:
        other.lock()
