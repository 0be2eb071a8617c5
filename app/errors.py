"""Typed errors with a user-facing message (translated, Polish by default).

Every error a user can meet is a ``KooperacjaError``: the CLI prints ``message`` on one line and
exits with ``exit_code``; the GUI shows ``message`` in a dialog.  Messages never contain personal
data (names, PESELs): they describe what went wrong, not whose record it was.
"""

from __future__ import annotations

from app.i18n import _

# Exit codes, documented in README.md ("Exit codes").
EXIT_USAGE = 2
EXIT_AUTH = 3
EXIT_VALIDATION = 4
EXIT_NOT_FOUND = 5
EXIT_STORAGE = 6
EXIT_SYNC = 7
EXIT_CONFLICT = 8
EXIT_IO = 9


class KooperacjaError(Exception):
    """Base class; ``message`` is ready to show to a user."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(KooperacjaError):
    exit_code = EXIT_USAGE


class WrongPassphrase(KooperacjaError):
    exit_code = EXIT_AUTH

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("Wrong passphrase. The database was not changed."))


class WeakPassphrase(KooperacjaError):
    exit_code = EXIT_AUTH


class ValidationError(KooperacjaError):
    """Bad input for one field (``field`` names it, for the form to highlight)."""

    exit_code = EXIT_VALIDATION

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFound(KooperacjaError):
    exit_code = EXIT_NOT_FOUND


class StorageError(KooperacjaError):
    """The database is missing, corrupt, of another kind, or cannot be written."""

    exit_code = EXIT_STORAGE


class DatabaseExists(StorageError):
    pass


class DatabaseMissing(StorageError):
    pass


class CorruptDatabase(StorageError):
    pass


class DiskFull(StorageError):
    pass


class FileProblem(KooperacjaError):
    exit_code = EXIT_IO


class SyncError(KooperacjaError):
    exit_code = EXIT_SYNC


class ConflictError(KooperacjaError):
    exit_code = EXIT_CONFLICT
