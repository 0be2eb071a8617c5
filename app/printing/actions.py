"""Every action of a programme prints the same way in every document (IPW, kontrakt, reviews,
blank review): its number, the goal it serves, the service of the koszyk usług, what exactly is
done, who does it (institution and person) and when.  The number is the action's place in the
programme ordered by goal, so "działanie 5" is the same action in each document.

The programme's koszyk summary and its planned review dates are here too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from reportlab.platypus import Flowable, Table

from app.i18n import _
from app.models import Action, SupportPlan
from app.printing.casedata import CaseData
from app.printing.layout import EMPTY, data_table, fmt_date, para
from app.services.deadlines import next_working_day

# Column widths in mm (the table scales them to the page); wide enough that no real word
# needs cutting: the longest institution word ("Psychologiczno-") and a date fit.
IDENTITY_WIDTHS = (8.0, 9.0, 70.0, 50.0, 35.0)
COMPACT_WIDTHS = (8.0, 9.0, 47.0, 34.0, 25.0)  # with two more columns beside them


def when_text(start: date | None, end: date | None) -> str:
    if start and end:
        return f"{fmt_date(start)} – {fmt_date(end)}"
    if start:
        return _("from {date}").format(date=fmt_date(start))
    if end:
        return _("by {date}").format(date=fmt_date(end))
    return EMPTY


def goal_numbers(plan: SupportPlan) -> dict[str, int]:
    return {g.id: i for i, g in enumerate(plan.goals, 1)}


def ordered(plan: SupportPlan) -> list[Action]:
    """The programme's actions by goal (goal-less ones last), then by start date."""
    goals = goal_numbers(plan)
    far = date.max
    return sorted(
        plan.actions,
        key=lambda a: (goals.get(a.goal_id or "", 10_000), a.start_on or far, a.position),
    )


def action_numbers(plan: SupportPlan) -> dict[str, int]:
    return {a.id: i for i, a in enumerate(ordered(plan), 1)}


def service_text(action: Action) -> str:
    return action.service.name if action.service is not None else _("outside the service basket")


def what_text(action: Action) -> str:
    """What exactly is done; the service's name again only when nothing more was written."""
    text = (action.description or "").strip()
    if text and action.service is not None and text == action.service.name.strip():
        return EMPTY
    return text or EMPTY


def service_cell(action: Action) -> list[Flowable]:
    """The koszyk service in bold, what exactly is done beneath it."""
    cell: list[Flowable] = [para(service_text(action), "cell_bold")]
    what = what_text(action)
    if what != EMPTY:
        cell.append(para(what, "cell"))
    return cell


def who_cell(data: CaseData, action: Action) -> list[Flowable]:
    inst = action.institution.name if action.institution is not None else data.home_name
    cell: list[Flowable] = [para(inst, "cell")]
    person = (action.responsible_person or "").strip()
    cell.append(para(person or _("person not named yet"), "cell_muted"))
    return cell


def when_cell(action: Action) -> list[Flowable]:
    cell: list[Flowable] = [para(when_text(action.start_on, action.end_on), "cell")]
    if (action.frequency or "").strip():
        cell.append(para(action.frequency, "cell_muted"))
    return cell


def identity_headers() -> list[str]:
    return [
        _("No."),
        _("Goal"),
        _("Service of the service basket and what exactly"),
        _("Carried out by"),
        _("When"),
    ]


def identity_row(data: CaseData, plan: SupportPlan, action: Action) -> list[object]:
    goal = goal_numbers(plan).get(action.goal_id or "")
    return [
        f"{action_numbers(plan).get(action.id, 0)}.",
        str(goal) if goal else EMPTY,
        service_cell(action),
        who_cell(data, action),
        when_cell(action),
    ]


def actions_table(
    data: CaseData,
    plan: SupportPlan,
    actions: Sequence[Action] | None = None,
    *,
    extra_headers: Sequence[str] = (),
    extra: Callable[[Action], list[object]] | None = None,
    extra_widths: Sequence[float] = (),
    empty_text: str = "",
) -> Table:
    """The actions (default: all of the programme, in order) with the identity columns and,
    for a review, ``extra`` columns (status, notes)."""
    chosen = ordered(plan) if actions is None else actions
    order = action_numbers(plan)
    chosen = sorted(chosen, key=lambda a: order.get(a.id, 0))
    rows = [identity_row(data, plan, a) + (extra(a) if extra else []) for a in chosen]
    widths = list(COMPACT_WIDTHS if extra_headers else IDENTITY_WIDTHS) + list(extra_widths)
    return data_table(
        identity_headers() + list(extra_headers),
        rows,
        widths,
        empty_text=empty_text or _("No actions recorded."),
    )


# -- the koszyk usług of the programme and its review calendar -------------------------------
def basket_rows(data: CaseData, plan: SupportPlan) -> list[list[object]]:
    """One row per service and provider: the service, who provides it, the actions (numbers)
    and the period they cover."""
    order = action_numbers(plan)
    groups: dict[tuple[str, str], list[Action]] = {}
    for a in ordered(plan):
        key = (service_text(a), a.institution.name if a.institution else data.home_name)
        groups.setdefault(key, []).append(a)
    rows: list[list[object]] = []
    for (service, provider), actions in groups.items():
        starts = [a.start_on for a in actions if a.start_on]
        ends = [a.end_on for a in actions if a.end_on]
        rows.append(
            [
                service,
                provider,
                ", ".join(str(order[a.id]) for a in actions),
                when_text(min(starts) if starts else None, max(ends) if ends else None),
            ]
        )
    return rows


def basket_table(data: CaseData, plan: SupportPlan) -> Table:
    return data_table(
        [_("Service"), _("Provided by"), _("Actions no."), _("Period")],
        basket_rows(data, plan),
        [48, 62, 22, 40],
        empty_text=_("No services planned."),
    )


def planned_reviews(plan: SupportPlan, limit: int = 12) -> list[date]:
    """Review dates every ``review_every_days`` from adoption to the programme's end (each
    moved to a working day)."""
    start = plan.adopted_on or plan.period_from
    if start is None or plan.review_every_days <= 0:
        return []
    out: list[date] = []
    day = start + timedelta(days=plan.review_every_days)
    while (plan.period_to is None or day <= plan.period_to) and len(out) < limit:
        out.append(next_working_day(day))
        day += timedelta(days=plan.review_every_days)
    end = plan.period_to
    if end is not None and (not out or out[-1] < end - timedelta(days=14)) and len(out) < limit:
        out.append(end)  # the final review at the programme's end
    return out


def planned_reviews_text(plan: SupportPlan) -> str:
    dates = planned_reviews(plan)
    return ", ".join(fmt_date(d) for d in dates) if dates else EMPTY
