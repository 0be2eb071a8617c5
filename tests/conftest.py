"""Shared fixtures: real SQLCipher databases in temporary folders (no mocks of the store).

Databases made here use the cheap test KDF (``keys.TEST_KDF``) so hundreds of them stay fast;
the production cost is exercised by ``tests/unit/test_vault.py`` and the benchmarks.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from app.i18n import set_language
from app.services import setup
from app.store import keys
from app.store.keys import TEST_KDF

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


@pytest.fixture
def ws(db_path):
    """An OPS installation (GOPS Narewka) with reference data and nothing else."""
    workspace = make_ops(db_path)
    yield workspace
    if not workspace.locked:
        workspace.lock()


@pytest.fixture
def coordinator_ws(tmp_path):
    workspace = make_coordinator(tmp_path / "koordynator.db")
    yield workspace
    if not workspace.locked:
        workspace.lock()


@pytest.fixture
def family_case(ws):
    """A complete case in ``ws``: see ``tests/factories.py``."""
    from tests.factories import make_full_case

    return make_full_case(ws)
