"""Autosaved form drafts: what a user typed but has not saved yet, kept encrypted in the database.

A form saves its fields as JSON under a stable key (e.g. ``diagnosis:<family id>:new``) a few
seconds after each change; saving the form for real discards the draft.  After a crash or a kill
the next unlock lists the drafts and offers to restore them.

The next unlock also says *why* drafts are there: a window working on the database marks it
``open`` (``begin_session``) and a clean lock or quit marks it ``closed`` (``end_session``), so a
mark still ``open`` at the next unlock means the program was stopped (a kill, a crash, a power
cut) rather than locked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from app.errors import StorageError
from app.models import Draft, Setting, utcnow
from app.services.workspace import Workspace
from app.store.fileops import io_problem

MAX_DRAFT_BYTES = 2_000_000
SESSION_KEY = "gui_session"  # "open" while a window works on the database, "closed" after a lock

# How the previous session on this database ended.
STOPPED = "stopped"  # never locked: killed, crashed, the computer switched off
LOCKED = "locked"  # locked or closed normally
UNKNOWN = "unknown"  # no mark yet (a database older than the mark, or first use)


@dataclass(frozen=True)
class DraftInfo:
    form_key: str
    title: str
    saved_at: datetime


def _dumps(fields: Any) -> str:
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, default=str)


def _strings(value: Any, out: list[tuple[Any, Any]]) -> None:
    """Every (container, key) holding a string, anywhere in ``value``."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        if isinstance(item, str):
            out.append((value, key))
        elif isinstance(item, dict | list):
            _strings(item, out)


def fit(fields: dict[str, Any], limit: int = MAX_DRAFT_BYTES) -> str:
    """The fields as JSON of at most ``limit`` bytes: the longest texts are shortened (from
    their end), never the JSON itself, so what was typed first is kept and the draft stays
    readable.  Never refuses to keep a draft."""
    payload = _dumps(fields)
    if len(payload.encode("utf-8")) <= limit:
        return payload
    fields = json.loads(payload)  # a private copy with plain JSON values
    while True:
        excess = len(payload.encode("utf-8")) - limit
        if excess <= 0:
            return payload
        places: list[tuple[Any, Any]] = []
        _strings(fields, places)
        if not places:
            return _dumps({})
        container, key = max(places, key=lambda p: len(p[0][p[1]]))
        text = container[key]
        # A character takes 1-4 bytes (more once escaped): cut at least the excess in characters.
        container[key] = text[: max(0, len(text) - excess - 16)]
        payload = _dumps(fields)


def save_draft(ws: Workspace, form_key: str, title: str, fields: dict[str, Any]) -> None:
    payload = fit(fields)
    with ws.transaction() as s:
        draft = s.get(Draft, form_key) or Draft(form_key=form_key, revision=0)
        draft.title = title[:200]
        draft.payload = payload
        draft.saved_at = utcnow()
        draft.revision = (draft.revision or 0) + 1
        s.add(draft)


def load_draft(ws: Workspace, form_key: str) -> dict[str, Any] | None:
    with ws.transaction() as s:
        draft = s.get(Draft, form_key)
        if draft is None:
            return None
        try:
            return json.loads(draft.payload)
        except ValueError:
            return None


def discard_draft(ws: Workspace, form_key: str) -> None:
    with ws.transaction() as s:
        draft = s.get(Draft, form_key)
        if draft is not None:
            s.delete(draft)


def list_drafts(ws: Workspace) -> list[DraftInfo]:
    with ws.transaction() as s:
        rows = s.scalars(select(Draft).order_by(Draft.saved_at.desc()))
        return [DraftInfo(d.form_key, d.title, d.saved_at) for d in rows]


def _mark(ws: Workspace, value: str) -> str:
    """Set the session mark; returns the value it had."""
    try:
        with ws.transaction() as s:
            row = s.get(Setting, SESSION_KEY)
            previous = row.value if row is not None else ""
            if row is None:
                s.add(Setting(key=SESSION_KEY, value=value))
            else:
                row.value = value
    except SQLAlchemyError as exc:  # a full disk, a read-only file: said as what it is
        raise io_problem(exc) or StorageError(str(exc)) from exc
    return previous


def begin_session(ws: Workspace) -> str:
    """Mark the database as in use; returns how the previous session ended (``STOPPED``,
    ``LOCKED`` or ``UNKNOWN``)."""
    previous = _mark(ws, "open")
    return {"open": STOPPED, "closed": LOCKED}.get(previous, UNKNOWN)


def end_session(ws: Workspace) -> None:
    """A clean lock or quit: the drafts left now were kept on purpose, not rescued."""
    _mark(ws, "closed")
