"""Running the ``kooperacja`` command in the test's own process, as a shell would run it.

``run_cli`` calls ``app.cli.main`` with the arguments, an environment, a stdin that is not a
terminal, and captured stdout/stderr; it returns what a finished process would: the exit code
and both streams.  A process start costs more than a second of imports, so only the tests of the
real entry point (``python -m app``) spawn one.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass

import pytest

from app import cli

# ``init`` of the OPS laptop (GOPS Narewka) most CLI tests start from.
OPS_INIT = (
    "init",
    "--role",
    "ops",
    "--unit",
    "2005092",
    "--name",
    "GOPS Narewka",
    "--worker",
    "Anna Kowalczyk",
)


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: str
    stderr: str


def run_cli(args: list[str], env: dict[str, str | None], stdin: str = "") -> CliResult:
    """``kooperacja *args`` with ``env`` changes (``None`` removes a variable)."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        for name, value in env.items():
            if value is None:
                mp.delenv(name, raising=False)
            else:
                mp.setenv(name, value)
        mp.setattr(sys, "stdin", io.StringIO(stdin))
        mp.setattr(sys, "stdout", out)
        mp.setattr(sys, "stderr", err)
        try:
            code = cli.main(list(args))
        except SystemExit as exc:  # argparse's --help, --version and usage errors
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return CliResult(code, out.getvalue(), err.getvalue())
