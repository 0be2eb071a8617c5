"""Shared fixtures: real SQLCipher databases in temporary folders (no mocks of the store).

Databases made here use the cheap test KDF (``keys.TEST_KDF``) so hundreds of them stay fast;
the production cost is exercised by ``tests/unit/test_vault.py`` and the benchmarks.
"""

from __future__ import annotations

import copy
import os
import stat
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.i18n import set_language
from app.services import setup
from app.services.rodo import erasure_file
from app.services.workspace import Workspace
from app.store import keys
from app.store.keys import TEST_KDF
from app.store.vault import Vault
from tests.factories import Case, make_full_case

pytest_plugins = ["tests.scheduling"]  # the order files are handed to the workers in

SUBPROCESS_SITE = str(Path(__file__).resolve().parent / "subprocess_site")

PASSPHRASE = "zielony-most-nad-Narwią-42"
OPS_GMINA = "2005092"  # Narewka, gmina wiejska, powiat hajnowski
COORD_POWIAT = "2005"  # powiat hajnowski


@pytest.fixture(scope="session", autouse=True)
def _subprocesses_get_the_cheap_kdf():
    """Programs the tests start get the cheap KDF too (tests/subprocess_site/sitecustomize.py).

    Set in a fixture, not when this file is imported: pytest-xdist's controlling process imports
    it and then starts the workers, which would inherit the variable and so lose the shipped
    default that ``production_kdf`` tests check.
    """
    patch = pytest.MonkeyPatch()
    patch.setenv(
        "PYTHONPATH",
        os.pathsep.join(p for p in (SUBPROCESS_SITE, os.environ.get("PYTHONPATH", "")) if p),
    )
    yield
    patch.undo()


@pytest.fixture(autouse=True)
def _cheap_kdf(request, monkeypatch):
    """A database a test creates without naming a KDF gets the cheap one (not calibrated).

    A test marked ``production_kdf`` checks the shipped default itself and keeps it.
    """
    if request.node.get_closest_marker("production_kdf") is None:
        monkeypatch.setattr(keys, "default_kdf", lambda: TEST_KDF)


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory, monkeypatch):
    base = tmp_path_factory.mktemp("appdata")
    monkeypatch.setenv("KOOPERACJA_DATA_DIR", str(base))
    set_language("pl")
    yield


@pytest.fixture
def warsaw(monkeypatch):
    """Local time is Poland's (dates and times printed for a worker are local, not UTC)."""
    monkeypatch.setenv("TZ", "Europe/Warsaw")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kooperacja.db"


def make_ops(path: Path):
    """The OPS installation of the ``ws`` fixture (GOPS Narewka, Anna Kowalczyk) at ``path``."""
    return setup.initialize(
        path,
        PASSPHRASE,
        role="ops",
        unit_code=OPS_GMINA,
        name="Gminny Ośrodek Pomocy Społecznej w Narewce",
        worker_name="Anna Kowalczyk",
        kdf=TEST_KDF,
    )


def make_coordinator(path: Path):
    """The coordinator's installation of ``coordinator_ws`` (PCPR Hajnówka, Ewa Zawadzka)."""
    return setup.initialize(
        path,
        PASSPHRASE,
        role="coordinator",
        unit_code=COORD_POWIAT,
        name="Powiatowe Centrum Pomocy Rodzinie w Hajnówce",
        worker_name="Ewa Zawadzka",
        kdf=TEST_KDF,
    )


class Installation:
    """One installation made once per worker and written out again for each test that asks.

    ``setup.initialize`` (and ``make_full_case`` on top of it) costs a tenth of a second or more,
    and hundreds of tests start from the same installation.  The first test of a worker to ask
    builds it in a folder of its own; every test then gets the files a fresh one would have: the
    locked database, its erasure list beside it and the list's copy in ``erasures/`` of the
    test's own data folder, each with the permissions the program gave it.  They are opened as
    ``Vault.unlock`` opens them, not by ``open_workspace``, which would log an unlock a fresh
    installation does not have.  Made again when the date changes, so dates relative to today
    stay today's.  Every installation one worker gives out has the same device id: tests that
    need two of one kind call ``make_ops``/``make_coordinator`` themselves.
    """

    def __init__(self, root: Path, build: Callable[[Path], tuple[Workspace, Any]]) -> None:
        self._root = root
        self._build = build
        self._made_on: date | None = None
        self._beside: dict[
            str, tuple[bytes, int]
        ] = {}  # the database folder: name -> (bytes, mode)
        self._store: dict[str, tuple[bytes, int]] = {}  # erasures/ of the data folder
        self.made: Any = None  # what ``build`` made in the workspace (a ``Case``)

    def _make(self) -> None:
        folder = self._root / date.today().isoformat()
        db = folder / "db" / DB_NAME
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("KOOPERACJA_DATA_DIR", str(folder / "data"))
            workspace, self.made = self._build(db)
            workspace.lock()
            store = erasure_file.store_dir()
        self._beside = _read_files(db.parent)
        self._store = _read_files(store)
        # The locked database is whole in its main file (no -wal), its list beside it.
        assert set(self._beside) == {DB_NAME, erasure_file.beside(db).name}, set(self._beside)
        assert len(self._store) == 1, set(self._store)
        self._made_on = date.today()

    def write(self, path: Path) -> Path:
        """The installation's files, locked, at ``path``; at most one of a kind per test (its
        erasure list in the data folder is named by the device id: a second one is refused)."""
        if self._made_on != date.today():
            self._make()
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        for name, (data, mode) in self._beside.items():
            _write_new(path.with_name(path.name + name.removeprefix(DB_NAME)), data, mode)
        store = erasure_file.store_dir()  # the test's data folder, set by ``_isolated_dirs``
        store.mkdir(parents=True, exist_ok=True, mode=0o700)
        for name, (data, mode) in self._store.items():
            _write_new(store / name, data, mode)
        return path

    def open(self, path: Path) -> Workspace:
        return Workspace(Vault.unlock(self.write(path), PASSPHRASE))


DB_NAME = "kooperacja.db"


def _read_files(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in ``folder`` but the lock file (``Vault.unlock`` makes its own)."""
    return {
        p.name: (p.read_bytes(), stat.S_IMODE(p.stat().st_mode))
        for p in folder.iterdir()
        if p.is_file() and p.suffix != ".lock"
    }


def _write_new(path: Path, data: bytes, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)  # mode from the first byte
    with os.fdopen(fd, "wb") as f:
        f.write(data)


# Fixtures made by ``ops_installation_with``: (module, fixture name) -> what makes their content.
_CONTENTS: dict[tuple[str, str], Callable[[Workspace], Any]] = {}


def ops_installation_with(build: Callable[[Workspace], Any]) -> Any:
    """A fixture for what ``build(ws)`` makes in ``ws``, made once per worker, not per test.

    For a fixture that would run ``build`` on ``ws`` for every test and depends on nothing else:
    a test asking for it gets, as ``ws``, the OPS installation with ``build``'s rows already in
    it (``Installation``), and as the fixture's value a copy of what ``build`` returned (ids).
    """
    _CONTENTS[(build.__module__, build.__name__)] = build

    def content(ws, request, _installations):
        return copy.deepcopy(_installations[_content_of(request)].made)

    content.__doc__ = build.__doc__
    return pytest.fixture(name=build.__name__)(content)


def _content_of(request: pytest.FixtureRequest) -> str:
    """The installation the test's ``ws`` is: "ops", or the one with its content fixture's rows."""
    module = request.module.__name__ if request.module is not None else ""
    wanted = [
        key
        for name in request.fixturenames
        for key in ((module, name), (__name__, name))
        if key in _CONTENTS
    ]
    if len(wanted) > 1:  # each would have run on the same ``ws``: not one installation
        raise pytest.UsageError(f"{request.node.nodeid}: more than one of {wanted}")
    return "{}:{}".format(*wanted[0]) if wanted else "ops"


class _Installations(dict[str, Installation]):
    """The worker's installations, each made when a test first asks for it."""

    def __init__(self, root: Path) -> None:
        super().__init__(
            ops=Installation(root / "ops", lambda p: (make_ops(p), None)),
            coordinator=Installation(root / "coordinator", lambda p: (make_coordinator(p), None)),
        )
        self._root = root

    def __missing__(self, key: str) -> Installation:
        build = _CONTENTS[tuple(key.split(":", 1))]  # type: ignore[index]

        def with_content(path: Path) -> tuple[Workspace, Any]:
            workspace = make_ops(path)
            return workspace, build(workspace)

        made = self[key] = Installation(self._root / key.replace(":", "-"), with_content)
        return made


@pytest.fixture(scope="session")
def _installations(tmp_path_factory) -> _Installations:
    return _Installations(tmp_path_factory.mktemp("installations"))


def _given(workspace: Workspace) -> Iterator[Workspace]:
    yield workspace
    if not workspace.locked:
        workspace.lock()


@pytest.fixture
def ws(request, db_path, _isolated_dirs, _installations) -> Iterator[Workspace]:
    """An OPS installation (GOPS Narewka) with reference data and nothing else.

    A test that asks for ``family_case`` (or another ``ops_installation_with`` fixture) too gets
    it with that content already in it, made once per worker.
    """
    yield from _given(_installations[_content_of(request)].open(db_path))


@pytest.fixture
def coordinator_ws(tmp_path, _isolated_dirs, _installations) -> Iterator[Workspace]:
    """The coordinator's installation (PCPR Hajnówka) with reference data and nothing else."""
    yield from _given(_installations["coordinator"].open(tmp_path / "koordynator.db"))


@ops_installation_with
def family_case(ws: Workspace) -> Case:
    """A complete case in ``ws``: see ``tests/factories.py``."""
    return make_full_case(ws)
