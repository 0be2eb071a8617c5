"""What each audited record is called on screen ("członek rodziny", "paczka synchronizacyjna").

Audit entries hold codes only (a table's name, ``bundle``, ``setting``…); the Historia views
and the RODO screen's log show these words instead.  Every code an ``audit.record`` call
writes has its word here (tests/unit/test_audit_words.py): the log once showed "setting",
"subject_access" and "erasure" in English.

``detail_label`` words an entry's detail the same way: the codes a service writes there
("closed", "withdrawn", an erasure's reason, the corrected fields, the coordinator's basis) are
shown as words; counts, bundle numbers and hashes stay as they are.
"""

from __future__ import annotations

from app.i18n import N_, _
from app.services.document_titles import TITLES

# The one name of each kind of record, for the Historia views and (``app.sync.kinds``) the sync
# refusals, notices and conflict inbox alike: the words the forms use ("Zamknij program", the
# "Ustalenia" of a "Posiedzenie", "Przekazanie do innej gminy").
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
    "domain_rating": N_("diagnosis domain rating"),
    "support_plan": N_("programme (IPW)"),
    "goal": N_("goal"),
    "action": N_("action"),
    "action_status_entry": N_("action status"),
    "commitment": N_("commitment"),
    "review": N_("monitoring review"),
    "goal_score": N_("goal score"),
    "review_domain_rating": N_("review domain rating"),
    "visit": N_("visit"),
    "attachment": N_("document"),
    "plan_closure": N_("closure of the programme (IPW)"),
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


# Codes services write as an entry's detail, whatever the entry (tests/unit/test_audit_words.py).
DETAIL_WORDS: dict[str, str] = {
    "closed": N_("case closed"),
    "reopened": N_("reopened as a new programme"),
    "withdrawn": N_("consent withdrawn"),
    "handed over": N_("handed over to another gmina"),
    "handover": N_("handover file"),
    "out": N_("outside the powiat"),
    "reasons": N_("reasons for help"),
    "workshop": N_("from the diagnostic workshop"),
    "action": N_("an action of the programme"),
    "without-erasure-list": N_("without the erasure list"),
    "card": N_("key card"),
    "age_identity": N_("encryption key"),
    "member": N_("one family member"),
}


def _word(code: str) -> str | None:
    from app.models.enums import PlanOutcome, ReferralDecision
    from app.services.rodo.erasure import REASONS
    from app.services.rodo.sharing import BASES

    if code in DETAIL_WORDS:
        return _(DETAIL_WORDS[code])
    if code in REASONS:
        return _(REASONS[code])
    if code in BASES:
        return _(BASES[code])
    for enum in (ReferralDecision, PlanOutcome):
        if code in enum._value2member_map_:
            return enum(code).label
    return None


def detail_label(action: str, detail: str) -> str:
    """An entry's detail in words: known codes translated, the fields of a correction named,
    an erasure's "reason:member" as two words; anything else (a count, "device #7") as it is."""
    if not detail:
        return ""
    if action == "print" and detail in TITLES:  # the document's kind: its printed title
        return _(TITLES[detail])
    if action == "correct":
        return ", ".join(field_label(f) for f in detail.split(","))
    if action == "resolve" and ":" in detail:  # "field:mine" (conflicts.resolve)
        field, _sep, take = detail.partition(":")
        side = _("this device's value") if take == "mine" else _("the other device's value")
        return f"{field_label(field)}: {side}"
    words = [_word(part) for part in detail.split(":")]
    if all(words):
        return " — ".join(w for w in words if w)
    return detail
