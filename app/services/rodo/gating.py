"""What an institution's task list withholds for want of a legal basis (issue 14 §1).

The list itself keeps only families whose consent in force names the institution
(``meetings.task_list``, with the rule in ``basis.consenting_families``); this module counts
what was left out, by reason (no consent names it, the consent was withdrawn, it expired: the
reasons of ``sharing``), so the worker who prints or reads the list sees how much was withheld and
why.  The count is for the worker, never printed on the list the institution receives.
"""

from __future__ import annotations

from datetime import date

from app.i18n import ngettext
from app.services import meetings
from app.services.rodo.basis import consenting_families, reason_for, reasons_text
from app.services.workspace import Workspace


def withheld_tasks(ws: Workspace, institution_id: str, on: date) -> dict[str, int]:
    """Open tasks of the institution left off its list on ``on``, by reason code."""
    with ws.transaction() as s:
        allowed = consenting_families(s, institution_id, on)
        out: dict[str, int] = {}
        reasons: dict[str, str] = {}
        for _action, family_id, _number in s.execute(meetings.open_actions_of(institution_id)):
            if family_id in allowed:
                continue
            if family_id not in reasons:
                reasons[family_id] = reason_for(s, family_id, institution_id, on)
            out[reasons[family_id]] = out.get(reasons[family_id], 0) + 1
        return out


def withheld_tasks_text(counts: dict[str, int]) -> str:
    """ "Withheld from this list (no legal basis): N tasks (reason: n)", or ""."""
    total = sum(counts.values())
    if not total:
        return ""
    parts = reasons_text(counts)
    return ngettext(
        "Withheld from this list (no legal basis to share): {n} task ({parts}).",
        "Withheld from this list (no legal basis to share): {n} tasks ({parts}).",
        total,
    ).format(n=total, parts=parts)
