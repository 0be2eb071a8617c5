"""What each printed document is called: the PDF's title, the menus' entry and the audit log's
word for a print.

The printing modules take their titles from here (``TITLES[kind]``) so that the log, which lives
below printing, names a printed document exactly as its page does.
"""

from __future__ import annotations

from app.i18n import N_

TITLES: dict[str, str] = {
    "diagnosis": N_("Diagnosis of the family's situation"),
    "plan": N_("Individual Cooperation Programme"),
    "contract": N_("Social contract"),
    "review": N_("Periodic review of the Individual Cooperation Programme"),
    "consent": N_(
        "Consent to the processing and sharing of data with the members of the Cooperation Team"
    ),
    "visit": N_("Note of a visit"),
    "agreement": N_("Cooperation agreement"),
    "blank-diagnosis": N_("Diagnosis of the family's situation – form to fill in"),
    "blank-review": N_("Periodic review of the programme – form to fill in"),
    "blank-visit": N_("Note of a visit – form to fill in"),
    "referral": N_("Referral card"),
    "workshop": N_("Attendance list of the diagnostic workshop"),
    "closing": N_("Closing summary of the cooperation"),
    "agenda": N_("Agenda of the team meeting"),
    "minutes": N_("Minutes of the team meeting"),
    "tasks": N_("Task list of an institution"),
}
