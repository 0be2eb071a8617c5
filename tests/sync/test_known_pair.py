"""``known_pair`` (made once per worker, tests/sync/conftest.py) gives what building the pair
fresh gives: two installations that exchanged one family, compared beside a fresh pair made
in the test the way the fixture once did for every test — every table's rows, the audit
chains, settings, identities but the device ids, the erasure lists, the files and their modes
beside each database and in the data folder.  Each test gets its own copy."""

from __future__ import annotations

from app.models import Family
from app.services import families
from app.services.rodo import erasure_file
from tests.conftest import make_coordinator, make_ops
from tests.sync.conftest import exchange_one_family
from tests.unit.test_installations import _contents, _files


def _settled(ws, pair) -> dict[str, object]:
    """``_contents`` with the devices' ids in setting keys written as their roles."""
    contents = _contents(ws)
    for device, role in zip(pair, ("OPS", "COORD"), strict=True):
        contents["settings"] = [k.replace(device.device_id, role) for k in contents["settings"]]
    return contents


def test_the_known_pair_is_a_freshly_built_one(known_pair, tmp_path, monkeypatch):
    ops, coord, family_id = known_pair
    given_data = erasure_file.store_dir().parent
    fresh_data = tmp_path / "fresh-data"
    monkeypatch.setenv("KOOPERACJA_DATA_DIR", str(fresh_data))
    folder = tmp_path / "fresh"
    folder.mkdir(mode=0o700)
    f_ops, f_coord = make_ops(folder / "kooperacja.db"), make_coordinator(folder / "k.db")
    f_family = exchange_one_family(f_ops, f_coord)
    for given, fresh in ((ops, f_ops), (coord, f_coord)):
        assert given.device_id != fresh.device_id
        assert _settled(given, (ops, coord)) == _settled(fresh, (f_ops, f_coord))
        assert erasure_file.load(given) == erasure_file.load(fresh) == []
    with ops.transaction() as s, f_ops.transaction() as f:
        assert s.get(Family, family_id).phone == f.get(Family, f_family).phone == "600 000 001"
    with coord.transaction() as s:
        assert s.get(Family, family_id) is not None  # the family went over
    given_ids = (ops.device_id, coord.device_id)
    fresh_ids = (f_ops.device_id, f_coord.device_id)
    for ws in (ops, coord, f_ops, f_coord):
        ws.lock()

    def files(folder, ids, db_names=None):
        """Files and modes, the device ids and the coordinator's file name made the same;
        with ``db_names``, only the pair's files in a folder holding others too."""
        found = _files(folder, ids[0])
        return {
            n.replace(ids[1], "COORD").replace("DEVICE", "OPS"): m
            for n, m in found.items()
            if db_names is None or n.startswith(db_names)
        }

    given = files(given_data, given_ids)
    assert given == files(fresh_data, fresh_ids)
    assert set(given) == {"erasures", "erasures/OPS.erasures", "erasures/COORD.erasures"}
    ours = files(ops.path.parent, given_ids, ("kooperacja.db", "koordynator.db"))
    fresh = files(folder, fresh_ids)
    assert ours == {n.replace("k.db", "koordynator.db"): m for n, m in fresh.items()}
    assert set(ours) == {
        f"{db}{suffix}"
        for db in ("kooperacja.db", "koordynator.db")
        for suffix in ("", ".erasures", ".lock")
    }


def test_each_test_gets_its_own_copy_first(known_pair):
    ops, _coord, family_id = known_pair
    families.update_family(
        ops,
        family_id,
        families.FamilyInput(gmina_code="2005092", locality="Narewka", phone="700 000 007"),
    )


def test_each_test_gets_its_own_copy_then(known_pair):
    ops, coord, family_id = known_pair
    for ws in (ops, coord):
        with ws.transaction() as s:
            assert s.get(Family, family_id).phone == "600 000 001"
