"""Fixtures of the sync tests: ``cli`` runs the commands in-process, one database per name;
``known_pair`` is an OPS laptop and its coordinator that have exchanged one family."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.services import families
from app.services.rodo import erasure_file
from app.services.workspace import Workspace
from app.store.vault import Vault
from tests.cli_runner import CliResult, run_cli
from tests.conftest import (
    DB_NAME,
    PASSPHRASE,
    _read_files,
    _write_new,
    make_coordinator,
    make_ops,
)
from tests.sync.helpers import exchange, introduce


@pytest.fixture
def cli(tmp_path):
    env: dict[str, str | None] = {
        "KOOPERACJA_PASSPHRASE": PASSPHRASE,
        "KOOPERACJA_DATA_DIR": str(tmp_path / "data"),
    }

    def run(db: str, *args: str, ok: int | None = 0) -> CliResult:
        result = run_cli(["--db", str(tmp_path / db), *args], env)
        if ok is not None:
            assert result.returncode == ok, result.stdout + result.stderr
        return result

    return run


def exchange_one_family(ops: Workspace, coord: Workspace) -> str:
    """The two learn each other's keys, one family goes to the coordinator and its receipt
    comes back; returns the family's id."""
    introduce(ops, coord)
    fam = families.register_family(
        ops, families.FamilyInput(gmina_code="2005092", locality="Narewka", phone="600 000 001")
    )
    exchange(ops, coord)
    exchange(coord, ops)
    return fam.id


class KnownPairs:
    """``known_pair``'s two installations, made once per worker like tests/conftest.py's
    ``Installation`` (and again when the date changes): each test gets the files written out
    (both locked databases, their erasure lists beside them and in the test's data folder,
    with their modes), opened as ``Vault.unlock`` opens them (no extra 'unlock' entry)."""

    NAMES = ("ops", "coordinator")

    def __init__(self, root: Path) -> None:
        self._root = root
        self._made_on: date | None = None
        self._beside: dict[str, dict[str, tuple[bytes, int]]] = {}
        self._store: dict[str, tuple[bytes, int]] = {}
        self.family_id = ""

    def _make(self) -> None:
        folder = self._root / date.today().isoformat()
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("KOOPERACJA_DATA_DIR", str(folder / "data"))
            ops = make_ops(folder / "ops" / DB_NAME)
            coord = make_coordinator(folder / "coordinator" / DB_NAME)
            try:
                self.family_id = exchange_one_family(ops, coord)
            finally:
                ops.lock()
                coord.lock()
            store = erasure_file.store_dir()
        self._beside = {name: _read_files(folder / name) for name in self.NAMES}
        for files in self._beside.values():  # whole in the main file (no -wal), the list beside
            assert set(files) == {DB_NAME, erasure_file.beside(Path(DB_NAME)).name}, set(files)
        self._store = _read_files(store)
        assert len(self._store) == 2, set(self._store)
        self._made_on = date.today()

    def open(self, ops_path: Path, coord_path: Path) -> tuple[Workspace, Workspace, str]:
        if self._made_on != date.today():
            self._make()
        for name, path in zip(self.NAMES, (ops_path, coord_path), strict=True):
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            for file, (data, mode) in self._beside[name].items():
                _write_new(path.with_name(path.name + file.removeprefix(DB_NAME)), data, mode)
        store = erasure_file.store_dir()  # the test's data folder (``_isolated_dirs``)
        store.mkdir(parents=True, exist_ok=True, mode=0o700)
        for file, (data, mode) in self._store.items():
            _write_new(store / file, data, mode)
        ops = Workspace(Vault.unlock(ops_path, PASSPHRASE))
        coord = Workspace(Vault.unlock(coord_path, PASSPHRASE))
        return ops, coord, self.family_id


@pytest.fixture(scope="session")
def _known_pairs(tmp_path_factory) -> KnownPairs:
    return KnownPairs(tmp_path_factory.mktemp("known_pair"))


@pytest.fixture
def known_pair(tmp_path, _isolated_dirs, _known_pairs):
    """(OPS workspace, coordinator workspace, family id): the two know each other's keys and
    one family went to the coordinator and its receipt came back (made once per worker)."""
    ops, coord, family_id = _known_pairs.open(tmp_path / DB_NAME, tmp_path / "koordynator.db")
    yield ops, coord, family_id
    for ws in (ops, coord):
        if not ws.locked:
            ws.lock()
