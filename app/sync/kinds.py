"""Names of the kinds of synchronised records and of their fields, for messages about a
bundle or a conflict (Qt-free).

Table and column names are codes; people read "członek rodziny", not ``person``.  Kept here
so the sync refusals, the import's notices and the screens name a record the same way.
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


# The fields people edit most often; any other field is shown by its code.
FIELD_LABELS = {
    "phone": N_("phone"),
    "notes": N_("notes"),
    "street": N_("street"),
    "house_number": N_("house number"),
    "flat_number": N_("flat number"),
    "postal_code": N_("postal code"),
    "locality": N_("locality"),
    "status": N_("status"),
    "lead_worker": N_("lead worker"),
    "first_name": N_("first name"),
    "last_name": N_("surname"),
    "pesel": N_("PESEL"),
    "birth_date": N_("date of birth"),
    "education": N_("education"),
    "employment": N_("employment"),
    "disability": N_("disability"),
    "relation": N_("relation"),
    "school": N_("school"),
    "name": N_("name"),
    "title": N_("title"),
    "description": N_("description"),
    "email": N_("e-mail"),
    "health_notes": N_("health"),
    "closure_note": N_("closure note"),
    "frequency": N_("frequency"),
}


def field_label(field: str) -> str:
    """The translated name of a field (the column's code for one not listed)."""
    return _(FIELD_LABELS[field]) if field in FIELD_LABELS else field


def kind_label(table: str) -> str:
    """The translated name of a record kind (the code itself for an unknown table)."""
    label = RECORD_KINDS.get(table)
    return _(label) if label else table
