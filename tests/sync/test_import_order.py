"""Several bundles are imported in one order by every front end: by file name (oldest first)."""

from __future__ import annotations

from sqlalchemy import select

from app.errors import FileProblem
from app.models import Family
from app.services import families
from app.sync import transport
from app.sync.errors import BundleRefused
from app.sync.importer import import_bundles
from tests.sync.helpers import introduce, make_device


def _two_bundles(tmp_path):
    ops = make_device(tmp_path / "ops.db", "ops", "2005092", "GOPS Narewka", "Anna Kowalczyk")
    coord = make_device(tmp_path / "co.db", "coordinator", "2005", "PCPR Hajnówka", "Jan Kos")
    introduce(ops, coord)
    out = tmp_path / "out"
    out.mkdir()
    files = []
    for place in ("Lipiny", "Narewka"):
        families.register_family(ops, families.FamilyInput(gmina_code="2005092", locality=place))
        result, _report = transport.export_to_file(ops, coord.device_id, out)
        files.append(out / result.file_name)
    return ops, coord, files


def test_bundles_given_newest_first_are_imported_oldest_first(tmp_path):
    ops, coord, (first, second) = _two_bundles(tmp_path)
    outcomes = list(import_bundles(coord, [str(second), first]))
    assert [o.path.name for o in outcomes] == [first.name, second.name]
    assert all(o.result is not None and o.error is None for o in outcomes)
    with coord.transaction() as s:
        assert len(s.scalars(select(Family)).all()) == 2


def test_a_refused_file_stops_nothing(tmp_path):
    ops, coord, (first, second) = _two_bundles(tmp_path)
    missing = tmp_path / "out" / "kooperacja-0-0-000000.kbundle"
    outcomes = {o.path.name: o for o in import_bundles(coord, [second, missing, first])}
    assert isinstance(outcomes[missing.name].error, BundleRefused | FileProblem)
    assert outcomes[first.name].result is not None and outcomes[second.name].result is not None
