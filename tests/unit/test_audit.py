"""The audit log: every view and change is recorded without the data; tampering is detected."""

from __future__ import annotations

from sqlalchemy import delete, select, update

from app.models import AuditEvent
from app.services import audit, casefile, families, integrity
from tests.factories import PESEL_MOTHER


def _events(ws):
    with ws.transaction() as s:
        return s.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()


def test_views_and_changes_are_recorded_without_values(ws, family_case):
    before = len(_events(ws))
    casefile.open_family(ws, family_case.family_id)
    events = _events(ws)
    assert len(events) == before + 1
    assert (events[-1].action, events[-1].entity, events[-1].record_id) == (
        "view",
        "family",
        family_case.family_id,
    )
    actions = {(e.action, e.entity) for e in events}
    assert {("create", "person"), ("create", "diagnosis"), ("create", "review")} <= actions
    for e in events:
        text = " ".join(str(v) for v in e.chain_fields().values())
        assert PESEL_MOTHER not in text and "Źdźbło" not in text and "Grażyna" not in text


def test_a_new_task_team_member_is_logged_as_created_and_an_edit_as_changed(ws, family_case):
    """Historia said "zmiana" for a task team member just added: the save logged "update"
    whether the record was new or not (every other form's save tells them apart)."""
    data = families.TeamMemberInput(name="Jan Kurator", function="kurator")
    member = families.save_team_member(ws, family_case.family_id, data)
    families.save_team_member(
        ws,
        family_case.family_id,
        families.TeamMemberInput(name="Jan Kurator", function="kurator sądowy"),
        member.id,
    )
    logged = [(e.action, e.record_id) for e in _events(ws) if e.entity == "case_team_member"]
    assert logged[-2:] == [("create", member.id), ("update", member.id)]


def test_chain_is_valid_then_edit_and_removal_are_detected(ws, family_case):
    assert integrity.full_check(ws).ok
    with ws.transaction() as s:
        s.execute(update(AuditEvent).where(AuditEvent.seq == 3).values(action="view"))
    problems = integrity.full_check(ws).chain_problems
    assert [(p.seq, p.problem) for p in problems] == [(3, "wpis został zmieniony")]
    with ws.transaction() as s:
        s.execute(update(AuditEvent).where(AuditEvent.seq == 3).values(action="create"))
    assert integrity.full_check(ws).ok
    with ws.transaction() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.seq == 5))
    report = integrity.full_check(ws)
    assert not report.ok
    assert any(p.seq == 5 for p in report.chain_problems)
    assert any("Dziennik zdarzeń" in line for line in report.lines())


def test_forged_entry_with_recomputed_hash_breaks_the_next_link(ws, family_case):
    with ws.transaction() as s:
        ev = s.scalar(select(AuditEvent).where(AuditEvent.seq == 4))
        ev.detail = "forged"
        ev.hash = audit._digest(ev.chain_fields())
    problems = integrity.full_check(ws).chain_problems
    assert [p.seq for p in problems] == [5]


def test_list_events_for_a_family(ws, family_case):
    rows = audit.list_events(ws, family_id=family_case.family_id)
    assert rows and all(r.family_id == family_case.family_id for r in rows)
    assert rows[0].action_label  # translated label
