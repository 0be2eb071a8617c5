"""Fixtures of the sync tests: ``cli`` runs the commands in-process, one database per name;
``known_pair`` is an OPS laptop and its coordinator that have exchanged one family."""

from __future__ import annotations

import pytest

from app.services import families
from tests.cli_runner import CliResult, run_cli
from tests.conftest import PASSPHRASE
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


@pytest.fixture
def known_pair(ws, coordinator_ws):
    """(OPS workspace, coordinator workspace, family id): the two know each other's keys and
    one family went to the coordinator and its receipt came back."""
    introduce(ws, coordinator_ws)
    fam = families.register_family(
        ws, families.FamilyInput(gmina_code="2005092", locality="Narewka", phone="600 000 001")
    )
    exchange(ws, coordinator_ws)
    exchange(coordinator_ws, ws)
    return ws, coordinator_ws, fam.id
