"""The whole cycle through the services, checked end to end on a real SQLCipher file."""

from app.models.enums import ActionStatus, FamilyStatus
from app.services import audit, casefile, search


def test_full_case_round(ws, family_case):
    f = casefile.open_family(ws, family_case.family_id)
    assert f.family.status == FamilyStatus.MONITORING
    assert [p.first_name for p in f.persons] == ["Grażyna", "Józef", "Zuzanna"]
    assert f.family.head_name == "Źdźbło-Łęcka Grażyna"
    plan = f.current_plan
    assert len(plan.goals) == 2 and len(plan.actions) == 3
    assert {a.institution.short_name for a in plan.actions if a.institution} == {
        "PUP Hajnówka",
        "PPP Hajnówka",
    }
    assert plan.actions[0].status in {s.value for s in ActionStatus}
    assert len(f.reviews[0].goal_scores) == 2
    assert f.consents[0].recipients[0].institution is not None
    with ws.transaction() as s:
        assert audit.verify_chain(s) == []


def test_search_by_surname_pesel_locality_case_number(ws, family_case):
    assert search.search_families(ws, "lecka").total == 1  # diacritics-insensitive
    assert search.search_families(ws, "ŹDŹB").total == 1
    assert search.search_families(ws, "85030484082").total == 1
    assert search.search_families(ws, "850304").total == 1
    assert search.search_families(ws, "narew").total == 1
    number = search.search_families(ws).rows[0].case_number
    assert search.search_families(ws, number).total == 1
    assert search.search_families(ws, "kowalski").total == 0
