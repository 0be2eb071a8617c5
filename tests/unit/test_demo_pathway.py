"""The demo shows the pilots' case path: who each case is about, a qualified referral and a
diagnostic workshop behind every diagnosis, an outcome for every closed IPW — all of it valid
records (``dump`` → ``load`` of the demo goes through the same rules as any file)."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from app import demo
from app.models import Diagnosis, DiagnosticWorkshop, Family, PlanClosure, Referral, SupportPlan
from app.services import dump, integrity
from tests.unit.test_dump import fresh


def test_the_demo_walks_the_case_path(ws, tmp_path):
    demo.generate(ws, families=120, seed=7)
    with ws.transaction() as s:
        kinds = Counter(s.scalars(select(Family.subject_kind)))
        diagnosed = set(s.scalars(select(Diagnosis.family_id)))
        referred = set(
            s.scalars(select(Referral.family_id).where(Referral.decision == "qualified"))
        )
        linked = s.scalar(
            select(func.count()).select_from(Diagnosis).where(Diagnosis.workshop_id.is_(None))
        )
        workshops = s.scalar(select(func.count()).select_from(DiagnosticWorkshop))
        closed_plans = set(
            s.scalars(
                select(SupportPlan.id).where(SupportPlan.status.in_(("completed", "cancelled")))
            )
        )
        outcomes = Counter(s.scalars(select(PlanClosure.outcome)))
        closed_with = set(s.scalars(select(PlanClosure.plan_id)))
        new = set(s.scalars(select(Family.id).where(Family.status == "new")))
        pending = set(s.scalars(select(Referral.family_id).where(Referral.decision == "pending")))
    assert kinds["family"] and kinds["single"] and kinds["older"], kinds
    assert diagnosed and diagnosed <= referred
    assert new and pending == new  # new cases wait for the team's decision (the agenda)
    assert linked == 0 and workshops == len(diagnosed)
    assert closed_plans and closed_plans == closed_with
    assert outcomes["achieved"] > outcomes["dropped"]
    report = integrity.full_check(ws)
    assert report.ok, report.lines()
    other = fresh(tmp_path)
    try:
        dump.load_data(other, dump.dump_data(ws))
    finally:
        other.lock()
