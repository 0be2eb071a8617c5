"""What a coordinator scripts about the cooperation teams: ``teams``, ``agreements``,
``meetings``, ``referrals``, ``agenda`` and ``tasks`` (each with ``--json``).

The documents themselves print with ``kooperacja print`` (referral, workshop, closing,
agenda, minutes, tasks, agreement); the powiat evaluation with ``kooperacja evaluation``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from app.commands import print_json, unlocked
from app.i18n import _, ngettext
from app.models.enums import AgreementKind, PartySide, ReferralDecision, TeamKind
from app.services import meetings, referrals, registry
from app.services.date_text import fmt_date
from app.services.rodo import gating


def day_arg(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("dates are written YYYY-MM-DD")) from None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def cmd_teams(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        teams = registry.list_teams(ws, kind=args.kind)
    rows = [
        {
            "id": t.id,
            "name": t.name,
            "kind": t.kind,
            "teryt_code": t.teryt_code,
            "gmina_animator": t.gmina_animator,
            "powiat_animator": t.powiat_animator,
            "members": [
                {
                    "institution_id": m.institution_id,
                    "institution": m.institution.name if m.institution else "",
                    "representative": m.representative,
                }
                for m in t.members
            ],
        }
        for t in teams
    ]
    if args.json:
        print_json(rows)
        return 0
    for t in teams:
        print(f"{t.id}  {TeamKind(t.kind).label}: {t.name} ({t.teryt_code or '—'})")
        if t.gmina_animator or t.powiat_animator:
            print(
                "    "
                + _("animators: gmina {gmina}; powiat {powiat}").format(
                    gmina=t.gmina_animator or "—", powiat=t.powiat_animator or "—"
                )
            )
        for m in t.members:
            name = m.institution.name if m.institution else m.institution_id
            print(f"    - {name}" + (f" ({m.representative})" if m.representative else ""))
    n = len(teams)
    print(ngettext("{n} team", "{n} teams", n).format(n=n))
    return 0


def cmd_agreements(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        rows = registry.list_agreements(ws, args.team)
    if args.json:
        print_json(
            [
                {
                    "id": a.id,
                    "team_id": a.team_id,
                    "kind": a.kind,
                    "number": a.number,
                    "title": a.title,
                    "signed_on": _iso(a.signed_on),
                    "parties": [
                        {
                            "institution_id": p.institution_id,
                            "side": p.side,
                            "representative": p.representative,
                            "function": p.function,
                        }
                        for p in a.parties
                    ],
                }
                for a in rows
            ]
        )
        return 0
    for a in rows:
        print(f"{a.id}  {AgreementKind(a.kind).label}: {a.number or '—'} {a.title}")
        for p in a.parties:
            name = p.institution.name if p.institution else p.institution_id
            side = PartySide(p.side).label
            print(f"    - {name}: {p.representative or '—'} ({side})")
    n = len(rows)
    print(ngettext("{n} agreement", "{n} agreements", n).format(n=n))
    return 0


def cmd_meetings(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        rows = registry.list_meetings(ws, args.team)
    if args.json:
        print_json(
            [
                {
                    "id": m.id,
                    "team_id": m.team_id,
                    "held_on": _iso(m.held_on),
                    "place": m.place,
                    "chair": m.chair,
                    "attendance": [
                        {"institution_id": a.institution_id, "person": a.person_name}
                        for a in m.attendance
                    ],
                }
                for m in rows
            ]
        )
        return 0
    for m in rows:
        n = len(m.attendance)
        present = ngettext("{n} institution present", "{n} institutions present", n).format(n=n)
        print(f"{m.id}  {fmt_date(m.held_on)}  {m.place or '—'}  {present}")
    n = len(rows)
    print(ngettext("{n} meeting", "{n} meetings", n).format(n=n))
    return 0


def cmd_referrals(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        rows = referrals.list_referrals(
            ws, family_id=args.family, decision=args.decision, team_id=args.team
        )
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "family_id": r.family_id,
                    "referred_on": _iso(r.referred_on),
                    "institution_id": r.institution_id,
                    "consent_given": r.consent_given,
                    "decision": r.decision,
                    "decided_on": _iso(r.decided_on),
                }
                for r in rows
            ]
        )
        return 0
    for r in rows:
        who = r.institution.display_name if r.institution else r.institution_id
        consent = _("consent given") if r.consent_given else _("no consent")
        decision = ReferralDecision(r.decision).label
        print(f"{r.id}  {fmt_date(r.referred_on)}  {who}  {consent}  {decision}")
    n = len(rows)
    print(ngettext("{n} referral", "{n} referrals", n).format(n=n))
    return 0


def cmd_agenda(args: argparse.Namespace) -> int:
    with unlocked(args) as ws:
        due = meetings.agenda(ws, args.team, args.on or date.today())
    items = due.items
    if due.withheld_text:  # for the worker: on stderr, so a --json agenda stays the agenda
        print(due.withheld_text, file=sys.stderr)
    if args.json:
        print_json(
            [
                {
                    "kind": i.kind,
                    "due_on": _iso(i.due_on),
                    "family_id": i.family_id,
                    "case_number": i.case_number,
                    "record_id": i.record_id,
                    "detail": i.detail,
                    "count": i.count,
                }
                for i in items
            ]
        )
        return 0
    if items:
        print(meetings.agenda_text(items))
    n = len(items)
    print(ngettext("{n} matter on the agenda", "{n} matters on the agenda", n).format(n=n))
    return 0


def cmd_tasks(args: argparse.Namespace) -> int:
    on = args.on or date.today()
    with unlocked(args) as ws:
        tasks = meetings.task_list(ws, args.institution, on)
        withheld = gating.withheld_tasks_text(gating.withheld_tasks(ws, args.institution, on))
    if withheld:  # for the worker: on stderr, so a --json list stays the list
        print(withheld, file=sys.stderr)
    if args.json:
        print_json(
            [
                {
                    "action_id": t.action_id,
                    "family_id": t.family_id,
                    "case_number": t.case_number,
                    "description": t.description,
                    "end_on": _iso(t.end_on),
                    "status": t.status,
                    "late": t.late(on),
                }
                for t in tasks
            ]
        )
        return 0
    for t in tasks:
        late = "  " + _("late") if t.late(on) else ""
        print(f"{t.case_number:<22} {_iso(t.end_on) or '—':<10} {t.description}{late}")
    n = len(tasks)
    print(ngettext("{n} open task", "{n} open tasks", n).format(n=n))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("teams", help=_("list the cooperation teams (PZK, WZK) and members"))
    p.add_argument("--kind", choices=[k.value for k in TeamKind])
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_teams)
    p = sub.add_parser("agreements", help=_("list the agreements of the cooperation teams"))
    p.add_argument("--team", metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_agreements)
    p = sub.add_parser("meetings", help=_("list the meetings of the cooperation teams"))
    p.add_argument("--team", metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_meetings)
    p = sub.add_parser("referrals", help=_("list referrals and the team's decisions"))
    p.add_argument("--family", metavar="ID")
    p.add_argument("--team", metavar="ID")
    p.add_argument("--decision", choices=[d.value for d in ReferralDecision])
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_referrals)
    p = sub.add_parser("agenda", help=_("what is due for the team's next meeting"))
    p.add_argument("--team", metavar="ID", required=True)
    p.add_argument("--on", type=day_arg, metavar="YYYY-MM-DD", help=_("the meeting day"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_agenda)
    p = sub.add_parser("tasks", help=_("an institution's open tasks (families with consent)"))
    p.add_argument("--institution", metavar="ID", required=True)
    p.add_argument("--on", type=day_arg, metavar="YYYY-MM-DD", help=_("the day (default today)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_tasks)
