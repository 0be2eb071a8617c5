"""The sync layer's fast record encoder equals ``records.to_record``: dumps and bundles agree."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.models import SYNCED_MODELS, Attachment
from app.services.records import row_to_record, table_of
from app.sync.rowstate import ENCODERS
from app.sync.stamps import device_of


def test_fast_encoder_matches_records(family_case, ws):
    with ws.transaction() as s:  # binary content travels as base64
        s.add(
            Attachment(
                family_id=family_case.family_id,
                title="Skan",
                content=b"\x00\xffPDF",
                size=5,
                added_on=date(2026, 1, 2),
            )
        )
    seen = 0
    with ws.transaction() as s:
        for model in SYNCED_MODELS:
            table = table_of(model)
            for row in s.execute(select(table)):
                assert ENCODERS[model.__tablename__](row) == row_to_record(table, row)
                seen += 1
    assert seen > 30


def test_device_of_fast_path():
    assert device_of("1795439035744.00003.13a568cb640df6f6") == "13a568cb640df6f6"
    assert device_of("0000000000001.00000.x") == "x"
