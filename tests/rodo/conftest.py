"""The RODO tests' own set-up: archive packages sealed at a low age scrypt work factor.

``tests/age_passphrase.py`` writes the genuine age v1 file; the shipped path still opens it.  A
test that uses ``production_archive_cost`` keeps the shipped sealing (rage's own work factor).
"""

from __future__ import annotations

import pytest

from app.services.rodo import archive
from tests.age_passphrase import SHIPPED_SEAL, seal_cheaply


@pytest.fixture(autouse=True)
def _cheap_archive_packages(monkeypatch):
    seal_cheaply(monkeypatch)


@pytest.fixture
def production_archive_cost(monkeypatch):
    """The production-cost test's mark: packages sealed as shipped, about a second each way."""
    monkeypatch.setattr(archive, "seal", SHIPPED_SEAL)
