"""Fixtures of the sync tests: ``cli`` runs the commands in-process, one database per name."""

from __future__ import annotations

import pytest

from tests.cli_runner import CliResult, run_cli
from tests.conftest import PASSPHRASE


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
