"""Where things live on disk (platformdirs) and the small non-sensitive settings file.

Case data never goes here: settings hold only preferences (language, idle-lock minutes, the last
database path).  Every write is atomic (temporary file, fsync, rename).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "Kooperacja"
_dirs = PlatformDirs(APP_NAME, appauthor=False, ensure_exists=False)


def resources_dir() -> Path:
    """The ``resources/`` folder: next to the package in a checkout, or inside a frozen build."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    override = os.environ.get("KOOPERACJA_DATA_DIR")
    return Path(override) if override else Path(_dirs.user_data_dir)


def log_dir() -> Path:
    override = os.environ.get("KOOPERACJA_DATA_DIR")
    return Path(override) / "logs" if override else Path(_dirs.user_log_dir)


def config_dir() -> Path:
    override = os.environ.get("KOOPERACJA_DATA_DIR")
    return Path(override) / "config" if override else Path(_dirs.user_config_dir)


def cache_dir() -> Path:
    """Files the program can always make again (the compiled translation catalogue)."""
    override = os.environ.get("KOOPERACJA_DATA_DIR")
    return Path(override) / "cache" if override else Path(_dirs.user_cache_dir)


def default_db_path() -> Path:
    return data_dir() / "kooperacja.db"


def atomic_write_bytes(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` so that the file is either the old or the new version.

    Restrictive permissions are set before any byte is written; the folder is fsynced after the
    rename so the new name survives a power cut (the Electrum/KeePassXC pattern).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


@dataclass
class Settings:
    """User preferences; nothing in here is personal data."""

    language: str = "pl"
    idle_lock_minutes: int = 5
    last_db_path: str = ""
    sync_inbox: str = ""
    sync_outbox: str = ""
    extra: dict = field(default_factory=dict)

    @classmethod
    def load(cls) -> Settings:
        path = config_dir() / "settings.json"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__}
        settings = cls(**known)
        settings.idle_lock_minutes = min(15, max(1, int(settings.idle_lock_minutes or 5)))
        return settings

    def save(self) -> None:
        data = json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True)
        atomic_write_bytes(config_dir() / "settings.json", data.encode("utf-8"))
