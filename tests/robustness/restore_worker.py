"""The process ``test_restore_atomic.py`` kills: a restore that dies right after one named step.

Usage: ``python -m tests.robustness.restore_worker BACKUP TARGET STEP`` (passphrase in
``KOOPERACJA_PASSPHRASE``).  The kill is a real SIGKILL from the process to itself, so nothing
(no ``finally``, no atexit) runs after the step, as when the power goes.
"""

from __future__ import annotations

import os
import signal
import sys

from app.store import restore as restoring


def main() -> None:
    backup, target, step = sys.argv[1:4]

    def kill_after(name: str) -> None:
        if name == step:
            os.kill(os.getpid(), signal.SIGKILL)

    restoring.step_hook = kill_after
    restoring.restore(backup, target, os.environ["KOOPERACJA_PASSPHRASE"])
    sys.exit(3)  # the kill point was never reached


if __name__ == "__main__":
    main()
