"""Names of the kinds of synchronised records, for messages about a bundle (Qt-free).

The table names are codes; people read "członek rodziny", not ``person``.  Kept here so the
sync refusals and the screens that show sync results name a record the same way.
"""

from __future__ import annotations

from app.i18n import N_, _

RECORD_KINDS: dict[str, str] = {
    "institution": N_("institution"),
    "cooperation_team": N_("cooperation team"),
    "team_membership": N_("team membership"),
    "agreement": N_("agreement"),
    "agreement_party": N_("party to an agreement"),
    "team_meeting": N_("team meeting"),
    "meeting_attendance": N_("meeting attendance"),
    "service": N_("service"),
    "family": N_("family"),
    "family_reason": N_("reason for help"),
    "person": N_("family member"),
    "case_team_member": N_("task team member"),
    "consent": N_("consent"),
    "consent_recipient": N_("consent recipient"),
    "diagnosis": N_("diagnosis"),
    "domain_rating": N_("domain rating"),
    "diagnosis_participant": N_("diagnosis participant"),
    "support_plan": N_("support plan (IPW)"),
    "goal": N_("goal"),
    "action": N_("action"),
    "commitment": N_("family's commitment"),
    "review": N_("monitoring review"),
    "goal_score": N_("goal score"),
    "review_domain_rating": N_("review domain rating"),
    "action_status_entry": N_("action status"),
    "visit": N_("visit"),
    "attachment": N_("document"),
    "referral": N_("referral"),
    "diagnostic_workshop": N_("diagnostic workshop"),
    "workshop_participant": N_("workshop participant"),
    "plan_closure": N_("closure of a support plan"),
    "meeting_decision": N_("team meeting decision"),
    "family_transfer": N_("family transfer"),
    "erasure_notice": N_("erasure notice"),
    "erasure_receipt": N_("erasure receipt"),
}


def kind_label(table: str) -> str:
    """The translated name of a record kind (the code itself for an unknown table)."""
    label = RECORD_KINDS.get(table)
    return _(label) if label else table
