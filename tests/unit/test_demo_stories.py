"""The demo's stories are believable (they are what the README's forms and screenshots show):
texts agree with the applicant's sex and the household, children are at least nine months apart
(or twins) and never share a first name, a person alone gets no goals about children."""

from __future__ import annotations

import re
from collections import defaultdict

from sqlalchemy import select

from app import demo
from app.models import (
    Action,
    ConsentRecipient,
    Diagnosis,
    Goal,
    Person,
    Review,
    SupportPlan,
    Visit,
)
from app.services import controller


def test_demo_stories_fit_their_households(ws):
    demo.generate(ws, families=150, seed=7)
    with ws.transaction() as s:
        people = defaultdict(list)
        for p in s.scalars(select(Person)):
            people[p.family_id].append(p)
        texts = defaultdict(list)
        for d in s.scalars(select(Diagnosis)):
            texts[d.family_id] += [d.causes, d.strengths, d.expectations, d.family_view]
            texts[d.family_id] += [d.conclusions, d.needs, d.deficits]
        for r in s.scalars(select(Review)):
            texts[r.family_id].append(r.summary)
        for v in s.scalars(select(Visit)):
            texts[v.family_id].append(v.notes)
        plans = {p.id: p.family_id for p in s.scalars(select(SupportPlan))}
        goals = defaultdict(list)
        for g in s.scalars(select(Goal)):
            goals[plans[g.plan_id]].append(g.title)
        for p in s.scalars(select(SupportPlan)):
            texts[p.family_id].append(p.main_goal)
        seen: dict[str, set] = defaultdict(set)
        for a in s.scalars(select(Action)):
            key = (a.service_id, a.description)
            assert key not in seen[a.plan_id], "two actions of one plan read the same"
            seen[a.plan_id].add(key)
        # the centre is the controller of the families' data, never named as its recipient
        own = controller.home_id(s)
        assert own and s.scalars(select(ConsentRecipient.institution_id)).all()
        assert own not in set(s.scalars(select(ConsentRecipient.institution_id)))
    checked_alone = checked_children = 0
    for fid, members in people.items():
        applicant = next(p for p in members if p.relation == "applicant")
        text = " ".join(texts[fid] + goals[fid])
        if applicant.sex == "M":
            assert not re.search(r"[Ww]nioskodawczyni", text), text
        else:
            assert not re.search(r"[Ww]nioskodawc(a|y|ę)\b", text), text
        children = [p for p in members if p.relation == "child"]
        names = [p.first_name for p in members]
        assert len(names) == len(set(names)), names
        births = sorted(c.birth_date for c in children)
        for a, b in zip(births, births[1:]):
            gap = (b - a).days
            assert gap == 0 or gap >= 275, (a, b)
        checked_children += len(children) > 1
        if len(members) == 1:
            checked_alone += 1
            assert not re.search(r"Potrzebujemy|Chcemy|damy radę|\bnam\b|\bnas\b", text), text
            assert not any("dzieci" in g or "rodzin" in g for g in goals[fid]), goals[fid]
            assert "Rodzina " not in text, text
    assert checked_alone >= 5 and checked_children >= 10  # the rules were really exercised
