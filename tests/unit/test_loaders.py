"""The screens' loaders live in the core: each reads what its screen shows, without Qt."""

from __future__ import annotations

from app.services.lookups import load_lookups
from app.services.registry_views import load_catalog, load_registry
from app.sync.overview import load_keys, load_snapshot


def test_the_loaders_read_the_registry_lookups_and_sync_state(ws, family_case):
    registry = load_registry(ws)
    assert {i.id for i in registry.institutions} >= set(family_case.institution_ids.values())
    assert registry.sectors and registry.teams is not None
    catalog = load_catalog(ws)
    assert catalog.areas and catalog.institutions
    lookups = load_lookups(ws)
    assert lookups.reasons and lookups.domains
    assert [code for code, _name in lookups.gminas] == ["2005092"]
    snapshot, keys = load_snapshot(ws), load_keys(ws)
    assert snapshot.me.device_id == keys.me.device_id == ws.device_id
    assert snapshot.unit_names["2005092"] == keys.unit_names["2005092"] == "Narewka"
    assert snapshot.peers == [] and keys.peers == [] and snapshot.conflicts == []
