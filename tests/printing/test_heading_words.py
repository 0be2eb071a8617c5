"""The art. 15 copy and the archive print a section per record kind: its heading uses the same
noun as the kind's one name (``audit_words.ENTITY_LABELS``), in the plural.

They said "Plany wsparcia (IPW)", "Cele planu", "Zamknięcia planów", "Decyzje zespołu",
"Przekazania między gminami" for what every form and the change history call a programme
(IPW), a meeting's decision ("ustalenie posiedzenia") and a handover to another gmina.
"""

from __future__ import annotations

import os

import pytest

from app.i18n import _
from app.printing.access import TABLE_LABELS
from app.services.audit_words import entity_label


@pytest.mark.parametrize(
    ("table", "heading"),
    [
        ("support_plan", "Programy (IPW)"),
        ("goal", "Cele programu"),
        ("action", "Działania programu"),
        ("plan_closure", "Zamknięcia programu (IPW)"),
        ("meeting_decision", "Ustalenia posiedzeń"),
        ("family_transfer", "Przekazania do innej gminy"),
        ("review", "Oceny okresowe"),
        ("visit", "Wizyty"),
    ],
)
def test_a_printed_heading_names_the_kind_as_the_forms_do(table, heading):
    assert _(TABLE_LABELS[table]) == heading
    # the heading's first word is the kind's own noun, in the plural
    noun, own = heading.split()[0].lower(), entity_label(table).split()[0].lower()
    assert len(os.path.commonprefix([noun, own])) >= 3, (noun, own)
