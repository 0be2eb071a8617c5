"""Logging that can never leak case data.

Log lines hold ids and action names only.  Exceptions are logged by type and stack frames
(file, line, function) without their messages, because a message can quote a value (a database
error may echo a parameter).  The log goes to the platform's log folder, rotating at 1 MB.
"""

from __future__ import annotations

import faulthandler
import io
import logging
import logging.handlers
import os
import traceback
from pathlib import Path

from app.config import log_dir

_fault_file = None


class ScrubbingFormatter(logging.Formatter):
    """Formats exceptions as type + frames only (no message text, no local values)."""

    def format(self, record: logging.LogRecord) -> str:
        # Another handler may already have cached the full traceback (with the message) in
        # ``exc_text``; never reuse it.
        cached, record.exc_text = record.exc_text, None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei) -> str:
        etype, _value, tb = ei
        frames = traceback.extract_tb(tb)
        lines = [f"{etype.__module__}.{etype.__qualname__} (message withheld)"]
        lines += [f'  File "{Path(f.filename).name}", line {f.lineno}, in {f.name}' for f in frames]
        return "\n".join(lines)


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file (the current one and each new one after a rotation) is
    readable by its user only, whatever the process's umask."""

    def _open(self) -> io.TextIOWrapper:
        stream = super()._open()
        if os.name == "posix":
            os.chmod(self.baseFilename, 0o600)
        return stream


def setup_logging(level: int = logging.INFO, folder: Path | None = None) -> Path:
    folder = folder or log_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(folder, 0o700)  # our own folder: also when an older version made it 0755
    path = folder / "kooperacja.log"
    handler = PrivateRotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(ScrubbingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_kooperacja", False)]:
        root.removeHandler(old)
    handler._kooperacja = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    _enable_faulthandler(folder)
    return path


def _enable_faulthandler(folder: Path) -> None:
    # faulthandler prints only frames (no values): safe to keep for hard crashes.
    global _fault_file
    if _fault_file is None:
        fd = os.open(folder / "crash.log", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        if os.name == "posix":
            os.fchmod(fd, 0o600)
        _fault_file = open(fd, "a", encoding="utf-8")  # noqa: SIM115
        faulthandler.enable(_fault_file)
