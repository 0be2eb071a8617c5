"""What a job changed in the database: the tables and the families its writes touched.

Modelled on Anki's ``OpChanges``: screens do not guess what an operation may have changed from
its name; the workspace records every row written while a job runs (``Workspace`` calls
``note`` from its ``before_flush`` hook and for bulk statements), the desktop's op runner
hands the resulting ``Changes`` to the screens once per job, and each screen asks
``changes.touches(Family, Person)`` or ``changes.touches(Visit, family=family_id)``.

Recording is per thread of control (a ``ContextVar``): ``recording()`` collects what the code
inside it writes, in any number of transactions, and nothing else.  A write whose family is not
known (a bulk insert, a goal whose plan is not loaded) counts as touching every family, so a
screen may refresh once too often but never misses a change.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Protocol


class _Model(Protocol):  # the part of a mapped class this module needs (no ORM import here)
    __tablename__: Any


@dataclass(frozen=True)
class Changes:
    """The tables written and the families touched; ``families is None``: possibly any."""

    tables: frozenset[str] = frozenset()
    families: frozenset[str] | None = frozenset()

    def __bool__(self) -> bool:
        return bool(self.tables)

    def touches(self, *models: type[_Model], family: str | None = None) -> bool:
        """Whether a row of one of ``models`` was written (for ``family``, when it is given)."""
        if not any(m.__tablename__ in self.tables for m in models):
            return False
        return family is None or self.families is None or family in self.families

    def touches_family(self, family: str) -> bool:
        """Whether any row of ``family`` may have been written."""
        return bool(self.tables) and (self.families is None or family in self.families)

    def __or__(self, other: Changes) -> Changes:
        families = (
            None
            if self.families is None or other.families is None
            else self.families | other.families
        )
        return Changes(self.tables | other.tables, families)


@dataclass
class ChangeLog:
    """Mutable collector behind ``recording()``."""

    tables: set[str] = field(default_factory=set)
    families: set[str] | None = field(default_factory=set)

    def add(self, table: str, families: Iterable[str] | None) -> None:
        self.tables.add(table)
        if families is None:
            self.families = None
        elif self.families is not None:
            self.families.update(f for f in families if f)

    @property
    def changes(self) -> Changes:
        return Changes(
            frozenset(self.tables), None if self.families is None else frozenset(self.families)
        )


_current: ContextVar[ChangeLog | None] = ContextVar("kooperacja_changes", default=None)


@contextmanager
def recording() -> Iterator[ChangeLog]:
    """Collect what is written inside the block; ``log.changes`` is the result."""
    log = ChangeLog()
    token = _current.set(log)
    try:
        yield log
    finally:
        _current.reset(token)


def note(table: str, families: Iterable[str] | None) -> None:
    """Record a write to ``table`` (``families`` None: not known) in the current recording."""
    log = _current.get()
    if log is not None:
        log.add(table, families)
