"""The pilot model's tables: every case record reaches its family (so sync scopes it to the
family's gmina), and the registry tables carry no family column."""

from __future__ import annotations

from app.models import CASE_MODELS, REGISTRY_MODELS, Referral, WorkshopParticipant
from app.services.records import table_of
from app.sync.rowstate import family_source


def test_every_case_record_reaches_its_family():
    for model in CASE_MODELS:
        _source, family = family_source(model)
        assert "family_id" in str(family) or model.__tablename__ == "family", model


def test_new_case_records_are_case_data_not_registry():
    assert Referral in CASE_MODELS and WorkshopParticipant in CASE_MODELS
    for model in REGISTRY_MODELS:
        assert "family_id" not in table_of(model).c, model
