"""The story of one synthetic case: diagnosis → IPW (goals, actions, commitments) → reviews.

Dates follow the calendar of a real case (diagnosis within a month of opening, the plan a few
weeks later, reviews about every 90 days) and never lie in the future; goal attainment drifts
upwards with setbacks, some reviews are overdue and some actions are dropped, as in real work.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from faker import Faker

from app.demo import pathway
from app.demo import texts as T  # noqa: N812
from app.demo.goal_texts import GENERIC_GOAL, GOALS
from app.demo.plan_words import ACTION_DETAILS, DOMAINS, FREQUENCY, PROVIDER_BY_SECTOR
from app.demo.texts import person_name
from app.demo.voice import Household
from app.models import (
    Action,
    ActionStatusEntry,
    CaseTeamMember,
    Commitment,
    Consent,
    ConsentRecipient,
    Diagnosis,
    DiagnosisParticipant,
    DomainRating,
    Goal,
    GoalScore,
    Review,
    ReviewDomainRating,
    SupportPlan,
)
from app.services.recipient_rule import may_receive


def _pick(rnd: random.Random, items: list[str], k: int) -> list[str]:
    return rnd.sample(items, min(k, len(items)))


def write_story(
    rows: Any,
    family: dict,
    members: list[dict],
    reasons: list[str],
    stage: str,
    st: Any,
    rnd: random.Random,
    fake: Faker,
) -> str:
    today = date.today()
    fid = family["id"]
    since_opened = (today - family["opened_on"]).days
    made_on = family["opened_on"] + timedelta(
        days=rnd.randint(min(5, since_opened), min(30, since_opened))
    )
    hh = Household.of(members)
    _diagnosis(rows, fid, members, reasons, made_on, st, rnd, hh)
    pathway.referral_and_workshop(rows, family, made_on, st)
    if stage == "diagnosis":
        return "diagnosis"
    start = made_on + timedelta(days=rnd.randint(7, 21))
    if start > today:
        return "diagnosis"
    plan_id, goals, actions = _plan(rows, fid, family, members, reasons, start, st, rnd, hh)
    _consent_and_team(
        rows,
        family,
        members,
        made_on,
        {a["institution_id"] for a in actions if a["institution_id"]},
        st,
        rnd,
        fake,
    )
    if stage == "plan":
        return "plan"
    plan = rows.by_model[SupportPlan][-1]
    last = _reviews(
        rows, fid, plan_id, goals, actions, reasons, start, plan["period_to"], stage, rnd, hh
    )
    _present(rows, members, st)
    if last is None:
        return "plan"
    if stage == "closed":
        family["closed_on"] = min(today, last + timedelta(days=rnd.randint(7, 30)))
        family["closure_note"] = rnd.choice(T.CLOSURE_NOTES)
        plan["status"] = pathway.closure(rows, family, plan, family["closed_on"], st.worker)
        return "closed"
    return "monitoring"


def _diagnosis(
    rows: Any,
    fid: str,
    members: list[dict],
    reasons: list[str],
    made_on: date,
    st: Any,
    rnd: random.Random,
    hh: Household,
) -> None:
    story: dict[str, list[tuple[str, str]]] = {
        k: [] for k in ("causes", "weaknesses", "deficits", "needs")
    }
    for code in reasons:
        for k in story:
            story[k] += T.REASON_STORY.get(code, T.REASON_STORY["1"])[k]
    did = rows.add(
        Diagnosis,
        family_id=fid,
        made_on=made_on,
        causes=" ".join(hh.pick(rnd, story["causes"], 2)),
        strengths=" ".join(hh.pick(rnd, T.STRENGTHS, 2)),
        weaknesses=" ".join(hh.pick(rnd, story["weaknesses"], 2)),
        resources=" ".join(hh.pick(rnd, T.RESOURCES, 2)),
        deficits=" ".join(hh.pick(rnd, story["deficits"], 2)),
        needs=" ".join(hh.pick(rnd, story["needs"], 3)),
        expectations=hh.one(rnd, T.EXPECTATIONS),
        family_view=hh.one(rnd, T.FAMILY_VIEWS),
        conclusions=hh.one(rnd, T.CONCLUSIONS),
        author=st.worker,
        finalized=True,
    )
    hit = {g[1] for code in reasons for g in GOALS.get(code, [])}
    for domain in DOMAINS:
        if domain in hit:
            rating = rnd.choice([-3, -2, -2, -1])
        elif rnd.random() < 0.25:
            continue
        else:
            rating = rnd.choice([-1, 0, 0, 1, 2])
        rows.add(DomainRating, diagnosis_id=did, domain_code=domain, rating=rating, note="")
    providers = _pick(rnd, ["pup", "ppp", "pcpr", "health", "police", "ngo"], rnd.randint(2, 3))
    for key in providers:
        rows.add(
            DiagnosisParticipant,
            diagnosis_id=did,
            kind="institution",
            institution_id=st.institutions[key],
            person_id=None,
            name="",
            role=T.TEAM_FUNCTIONS.get(key, ""),
        )
    for m in members[:2]:
        if m["relation"] != "child":
            rows.add(
                DiagnosisParticipant,
                diagnosis_id=did,
                kind="family",
                institution_id=None,
                person_id=m["id"],
                name="",
                role="",
            )


def _plan(
    rows: Any,
    fid: str,
    family: dict,
    members: list[dict],
    reasons: list[str],
    start: date,
    st: Any,
    rnd: random.Random,
    hh: Household,
) -> tuple[str, list[dict], list[dict]]:
    end = start + timedelta(days=rnd.choice([270, 365, 365, 400]))
    templates = [g for code in reasons for g in GOALS.get(code, [])]
    if len(templates) < 2:
        templates.append(GENERIC_GOAL)
    templates = templates[:4]
    plan_id = rows.add(
        SupportPlan,
        family_id=fid,
        number=f"IPW/{family['case_number'].rsplit('/', 1)[-1]}/{start.year}",
        period_from=start,
        period_to=end,
        main_goal=(
            "Usamodzielnienie rodziny i poprawa jej funkcjonowania społecznego."
            if not hh.alone
            else hh.fill("Usamodzielnienie {w_gen} i poprawa funkcjonowania społecznego.")
        ),
        status="active",
        adopted_on=start,
        review_every_days=90,
        notes="",
    )
    goals: list[Any] = []
    actions: list[Any] = []
    used: set[str] = set()
    for pos, (title, domain, levels, services) in enumerate(templates, start=1):
        baseline = rnd.choice([-2, -1, -1])
        gid = rows.add(
            Goal,
            plan_id=plan_id,
            position=pos,
            title=hh.fill(title),
            description="",
            domain_code=domain,
            weight=1,
            baseline=baseline,
            level_m2=levels[0],
            level_m1=levels[1],
            level_0=levels[2],
            level_p1=levels[3],
            level_p2=levels[4],
        )
        goals.append({"id": gid, "baseline": baseline})
        fresh = [c for c in services if c not in used]  # one action per service in a plan
        for code in _pick(rnd, fresh, rnd.randint(1, 2)):
            used.add(code)
            actions.append(_action(rows, plan_id, gid, code, start, end, st, rnd, len(actions)))
    if "PS-PRACA" not in used:
        # social work accompanies every plan, once (two identical rows would not tell apart)
        actions.append(
            _action(rows, plan_id, goals[0]["id"], "PS-PRACA", start, end, st, rnd, len(actions))
        )
    adults = [m for m in members if m["relation"] != "child"]
    for pos, text in enumerate(hh.pick(rnd, T.COMMITMENTS, rnd.randint(1, 3)), start=1):
        rows.add(
            Commitment,
            plan_id=plan_id,
            person_id=rnd.choice(adults)["id"],
            position=pos,
            description=text,
            due_on=None,
            status="pending",
        )
    return plan_id, goals, actions


def _action(
    rows: Any,
    plan_id: str,
    goal_id: str,
    code: str,
    start: date,
    end: date,
    st: Any,
    rnd: random.Random,
    position: int,
) -> dict:
    service_id, sector, name = st.services.get(code, (None, "social_assistance", "Praca socjalna"))
    if code.startswith("PCPR"):
        inst = st.institutions["pcpr"]
    elif code.startswith("GKRPA"):
        inst = st.institutions["gkrpa"]
    elif code.startswith("SZK") and st.schools:
        inst = next(iter(st.schools.values()))
    elif sector == "social_assistance" or code.startswith("SAM"):
        inst = st.home_id or None
    else:
        inst = st.institutions.get(PROVIDER_BY_SECTOR.get(sector, ""), None)
    begin = start + timedelta(days=rnd.randint(0, 60))
    values = dict(
        plan_id=plan_id,
        goal_id=goal_id,
        position=position + 1,
        institution_id=inst,
        sector_code=sector,
        service_id=service_id,
        description=ACTION_DETAILS.get(code, name),
        responsible_person=st.worker
        if inst in (st.home_id, None)
        else rnd.choice(st.staff.get(inst, [""])),
        start_on=begin,
        end_on=min(end, begin + timedelta(days=rnd.randint(60, 240))),
        frequency=FREQUENCY.get(code) or rnd.choice(T.FREQUENCIES),
        status="in_progress" if begin <= date.today() else "planned",
        drop_reason="",
    )
    values["id"] = rows.add(Action, **values)
    return values


def _consent_and_team(
    rows: Any,
    family: dict,
    members: list[dict],
    signed: date,
    inst_ids: set,
    st: Any,
    rnd: random.Random,
    fake: Faker,
) -> None:
    fid = family["id"]
    cid = rows.add(
        Consent,
        family_id=fid,
        person_id=members[0]["id"],
        signed_on=signed,
        scope="Dane niezbędne do diagnozy i realizacji Indywidualnego Programu Współpracy.",
        valid_until=None,
        withdrawn_on=None,
        withdrawal_note="",
    )
    for iid in sorted(i for i in inst_ids if i and may_receive(i, family["gmina_code"])):
        rows.add(ConsentRecipient, consent_id=cid, institution_id=iid)
    roles = {iid: key for key, iid in st.institutions.items()}
    roles[st.home_id] = "home"
    for iid in sorted(i for i in inst_ids if i)[: rnd.randint(1, 3)]:
        person = rnd.choice(st.staff.get(iid) or [person_name(fake)])
        rows.add(
            CaseTeamMember,
            family_id=fid,
            institution_id=iid,
            name=person,
            function=T.TEAM_FUNCTIONS.get(roles.get(iid, ""), "specjalista"),
            phone=fake.phone_number(),
            email="",
        )


def _reviews(
    rows: Any,
    fid: str,
    plan_id: str,
    goals: list[dict],
    actions: list[dict],
    reasons: list[str],
    start: date,
    period_to: date,
    stage: str,
    rnd: random.Random,
    hh: Household,
) -> date | None:
    """Reviews about every 90 days up to today (closed cases: up to the plan's end); for some
    monitored cases the latest review is left undone, so it shows as overdue.  Returns the date
    of the last review held."""
    today = date.today()
    until = min(today, period_to) if stage == "closed" else today
    dates = []
    held = start + timedelta(days=rnd.randint(80, 100))
    while held <= until:
        dates.append(held)
        held += timedelta(days=rnd.randint(80, 100))
    if stage == "monitoring" and len(dates) > 1 and rnd.random() < 0.15:
        dates.pop()
    levels = {g["id"]: g["baseline"] for g in goals}
    for held in dates:
        rid = rows.add(
            Review,
            family_id=fid,
            plan_id=plan_id,
            held_on=held,
            present="",
            family_attended=rnd.random() < 0.85,
            summary=hh.one(rnd, T.REVIEW_SUMMARIES),
            family_opinion="",
            next_review_on=held + timedelta(days=90),
        )
        for gid in levels:
            levels[gid] = max(-2, min(2, levels[gid] + rnd.choice([-1, 0, 1, 1, 1])))
            rows.add(GoalScore, review_id=rid, goal_id=gid, level=levels[gid], note="")
        for domain in {g for code in reasons for _t, g, _l, _s in GOALS.get(code, [])}:
            rows.add(
                ReviewDomainRating,
                review_id=rid,
                domain_code=domain,
                rating=rnd.choice([-2, -1, -1, 0]),
                note="",
            )
        for action in actions:
            if action["start_on"] > held or action["status"] in ("done", "dropped"):
                continue
            status = rnd.choices(["in_progress", "done", "dropped"], [60, 32, 8])[0]
            action["status"] = status
            rows.add(
                ActionStatusEntry,
                review_id=rid,
                action_id=action["id"],
                status=status,
                note="Rodzina zrezygnowała." if status == "dropped" else "",
            )
            if status == "dropped":
                action["drop_reason"] = "Rodzina zrezygnowała."
    _sync_action_rows(rows, actions)
    return dates[-1] if dates else None


def _present(rows: Any, members: list[dict], st: Any) -> None:
    """Who was at each review the family attended: its adult members and the worker."""
    adults = [f"{m['first_name']} {m['last_name']}" for m in members if m["relation"] != "child"]
    for review in rows.by_model.get(Review, []):
        if review["family_id"] == members[0]["family_id"] and review["family_attended"]:
            review["present"] = ", ".join([*adults, st.worker])


def _sync_action_rows(rows: Any, actions: list[dict]) -> None:
    """Reviews changed the actions' statuses; update the rows queued for insertion."""
    by_id = {a["id"]: a for a in actions}
    for row in rows.by_model.get(Action, []):
        a = by_id.get(row["id"])
        if a is not None:
            row["status"], row["drop_reason"] = a["status"], a["drop_reason"]
