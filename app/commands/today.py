"""``today``: what the Dziś screen shows, from the deadline engine (moved dates included)."""

from __future__ import annotations

import argparse
from datetime import date

from app.commands import print_json, unlocked
from app.commands.data import count_arg
from app.i18n import _, ngettext
from app.services import deadlines
from app.services.date_text import fmt_date


def _day(text: str) -> date:
    for parse in (date.fromisoformat, lambda t: date(*map(int, reversed(t.split("."))))):
        try:
            return parse(text)
        except (ValueError, TypeError):
            continue
    raise argparse.ArgumentTypeError(
        _("{value!r} is not a date (dd.mm.rrrr or rrrr-mm-dd)").format(value=text)
    )


def cmd_today(args: argparse.Namespace) -> int:
    today = args.date or date.today()
    with unlocked(args) as ws:
        rows = deadlines.collect(ws, today, args.days)
    if args.json:
        print_json(
            [
                {
                    "kind": d.kind.value,
                    "label": d.kind.label,
                    "due_on": d.due_on.isoformat(),
                    "overdue": d.overdue(today),
                    "working_days_left": d.working_days_left(today),
                    "family_id": d.family_id,
                    "case_number": d.case_number,
                    "head_name": d.head_name,
                    "record_id": d.record_id,
                    "detail": d.detail,
                }
                for d in rows
            ]
        )
        return 0
    if not rows:
        print(
            ngettext(
                "Nothing due in the next {n} day.", "Nothing due in the next {n} days.", args.days
            ).format(n=args.days)
        )
        return 0
    for d in rows:
        when = _("overdue") if d.overdue(today) else ""
        print(
            f"{fmt_date(d.due_on)}  {d.kind.label:<36} {d.case_number:<22} "
            f"{d.head_name:<32} {when}".rstrip()
        )
    overdue = sum(d.overdue(today) for d in rows)
    print(
        ngettext("{n} deadline", "{n} deadlines", len(rows)).format(n=len(rows))
        + ", "
        + ngettext("{n} overdue", "{n} overdue", overdue).format(n=overdue)
    )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("today", help=_("deadlines due and overdue, as the Dziś screen shows"))
    p.add_argument("--date", type=_day, help=_("as on this day (dd.mm.rrrr), default today"))
    p.add_argument("--days", type=count_arg, default=30, help=_("how many days ahead"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_today)
