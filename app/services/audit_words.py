"""What each audited record is called on screen ("członek rodziny", "paczka synchronizacyjna").

Audit entries hold codes only (a table's name, ``bundle``, ``setting``…); the Historia views
and the RODO screen's log show these words instead.  Every code an ``audit.record`` call
writes has its word here (tests/unit/test_audit_words.py): the log once showed "setting",
"subject_access" and "erasure" in English.
"""

from __future__ import annotations

from app.i18n import N_, _

ENTITY_LABELS: dict[str, str] = {
    "family": N_("case"),
    "family_reason": N_("reason for help"),
    "person": N_("family member"),
    "case_team_member": N_("task team member"),
    "consent": N_("consent"),
    "consent_recipient": N_("consent recipient"),
    "referral": N_("referral"),
    "diagnostic_workshop": N_("diagnostic workshop"),
    "workshop_participant": N_("workshop participant"),
    "diagnosis": N_("diagnosis"),
    "diagnosis_participant": N_("diagnosis participant"),
    "domain_rating": N_("diagnosis rating"),
    "support_plan": N_("programme (IPW)"),
    "goal": N_("goal"),
    "action": N_("action"),
    "action_status_entry": N_("action status"),
    "commitment": N_("commitment"),
    "review": N_("monitoring review"),
    "goal_score": N_("goal score"),
    "review_domain_rating": N_("review rating"),
    "visit": N_("visit"),
    "attachment": N_("document"),
    "plan_closure": N_("closing of the programme"),
    "family_transfer": N_("handover to another gmina"),
    "institution": N_("institution"),
    "cooperation_team": N_("cooperation team"),
    "team_membership": N_("team membership"),
    "agreement": N_("agreement"),
    "agreement_party": N_("party to an agreement"),
    "team_meeting": N_("team meeting"),
    "meeting_attendance": N_("meeting attendance"),
    "meeting_decision": N_("meeting decision"),
    "service": N_("service (koszyk usług)"),
    "erasure_notice": N_("erasure notice"),
    "erasure_receipt": N_("erasure receipt"),
    "erasure": N_("erasure"),
    "archive": N_("archive package"),
    "subject_access": N_("a person's own data (art. 15 RODO)"),
    "audit_log": N_("audit log"),
    "bundle": N_("sync bundle"),
    "device": N_("device"),
    "key_card": N_("key card"),
    "setting": N_("setting"),
    "dump": N_("data export (JSON)"),
    "demo": N_("demo data"),
    "task_list": N_("institution's task list"),
}


def entity_label(code: str) -> str:
    """The word for an audited record's code (the code itself for one this version lacks)."""
    label = ENTITY_LABELS.get(code)
    return _(label) if label else code
