"""Zgoda na udostępnianie danych instytucjom Zespołu Kooperacji, with the RODO information
clause (art. 13): the controller (the OPS: full name, postal address), its IOD's contact (from
the settings; printing warns when either is missing), purpose, legal basis, recipients,
retention, rights.

The OPS processes the family's data under the Social Assistance Act, not by consent; what the
family consents to is the sharing with partner institutions that have no statutory basis.  So
the OPS is never among the recipients; every other institution of the case (diagnosis
participants, the plan's actions, the case team, a recorded consent) is listed with a box to
tick, and so is each special category of data (art. 9 RODO) and each category of ordinary data.
"Ja/My", "niżej podpisana/podpisany/podpisani" follow the people who sign.
"""

from __future__ import annotations

import re

from reportlab.platypus import Flowable

from app.i18n import _
from app.models import Consent, Institution
from app.printing import clauses_pl as legal
from app.printing.casedata import CaseData, institution_address, is_adult
from app.printing.grammar import Signers
from app.printing.layout import (
    EMPTY,
    data_table,
    esc,
    fmt_date,
    heading,
    para,
    text_block,
    title_block,
)
from app.printing.parts import identity_text, members_table
from app.printing.signatures import Signatory, signature_section
from app.printing.ticks import TickBox
from app.services.document_titles import TITLES

TITLE = TITLES["consent"]
DOTS = "………………………………………………"


def recipients(data: CaseData, consent: Consent | None) -> list[Institution]:
    """Every institution of the case except the OPS itself: a recorded consent's recipients,
    the diagnosis participants, the plan's actions and the case team, in that order."""
    found: dict[str, Institution] = {}
    home_id = data.home.id if data.home else None

    def add(inst: Institution | None) -> None:
        if inst is not None and inst.id != home_id:
            found.setdefault(inst.id, inst)

    for r in consent.recipients if consent is not None else []:
        add(r.institution)
    for diag in data.file.diagnoses[:1]:
        for p in diag.participants:
            add(p.institution)
    plan = data.file.current_plan
    for a in plan.actions if plan is not None else []:
        add(a.institution)
    for m in data.file.team:
        add(m.institution)
    return list(found.values())


def retention_text(code: str) -> str:
    """JRWA categories as archives write them: B10 → B-10, BE5 → BE-5."""
    m = re.fullmatch(r"(BE|Bc|B)(\d+)", (code or "").strip())
    return f"{m.group(1)}-{m.group(2)}" if m else (code or "B-10")


def rodo_clause(data: CaseData) -> list[Flowable]:
    ctl = data.controller
    name = (ctl.name if ctl and ctl.name else data.home_name) or DOTS
    address = ctl.address if ctl and ctl.has_address else DOTS
    values = {
        "controller": name,
        "address": address,
        "contact": ctl.iod_contact if ctl and ctl.iod_contact else DOTS,
        "retention": retention_text(data.family.retention_class),
    }
    story: list[Flowable] = [para(legal.RODO_TITLE_NOTE, "clause")]
    for i, text in enumerate(legal.rodo_clause(data.one_person), 1):
        story.append(para(f"{i}. {esc(text.format(**values))}", "clause", markup=True))
    return story


def build(data: CaseData, consent: Consent | None) -> list[Flowable]:
    story: list[Flowable] = title_block(
        _(TITLE), _("with the information on the processing of personal data (art. 13 GDPR)")
    )
    adults = data.adults()
    minors = [p for p in data.persons if not is_adult(p, data.printed_on)]
    who = Signers.of(adults)
    story += [
        heading("1. " + _("Persons giving consent")),
        data_table(
            [
                _("No."),
                _("First name and surname"),
                _("PESEL or identity document"),
                _("Address of residence"),
            ],
            [
                [f"{i}.", p.full_name, identity_text(p), data.address]
                for i, p in enumerate(adults, 1)
            ],
            [0.7, 3.6, 2.8, 5],
            empty_text=data.word("No adult family members recorded."),
        ),
        heading("2. " + data.word("Family members whose data are concerned")),
        members_table(data, full=False),
        heading("3. " + _("Declaration")),
    ]
    children = legal.CONSENT_CHILDREN.format(our=who.our) if minors else ""
    story.append(
        para(
            legal.CONSENT_DECLARATION.format(
                we=who.we,
                undersigned=who.undersigned,
                give=who.verb("wyrażam", "wyrażamy"),
                our=who.our,
                children=children,
                family=legal.CONSENT_ONE_SITUATION if data.one_person else who.our_family,
                controller=data.home_name,
            ),
            "justify",
        )
    )
    story += [
        heading("4. " + _("Scope of the data shared")),
        para(legal.CONSENT_SCOPE_INTRO, "small"),
        data_table(
            [_("Consent"), _("Data")],
            [[TickBox(), text] for text in legal.consent_data_ordinary(data.one_person)],
            [1.4, 10.6],
        ),
        para(legal.CONSENT_SPECIAL_INTRO, "small"),
        data_table(
            [_("Consent"), _("Special categories of data (art. 9 GDPR)")],
            [[TickBox(), text] for text in legal.CONSENT_DATA_SPECIAL],
            [1.4, 10.6],
        ),
    ]
    if consent is not None and consent.scope.strip():
        story += [
            para(data.word("Scope agreed with the family:"), "label"),
            *text_block(consent.scope),
        ]
    insts = recipients(data, consent)
    story += [
        heading("5. " + _("Institutions the data may be shared with")),
        para(legal.CONSENT_RECIPIENTS_INTRO.format(controller=data.home_name), "small"),
        data_table(
            [_("Consent"), _("Institution"), _("Address"), _("Sector")],
            [
                [
                    TickBox(),
                    inst.name,
                    institution_address(inst) or EMPTY,
                    data.labels.sectors.get(inst.sector_code, inst.sector_code),
                ]
                for inst in insts
            ],
            [1.4, 5, 3.6, 2],
            empty_text=_("No partner institutions named yet."),
        ),
        heading("6. " + _("Period of validity of the consent")),
    ]
    if consent is not None and consent.valid_until:
        story.append(para(_("until {date}").format(date=fmt_date(consent.valid_until))))
    else:
        story.append(para(legal.CONSENT_VALID_DEFAULT))
    story += [para(legal.CONSENT_VOLUNTARY, "justify")]
    story += [
        heading("7. " + _("Information on the processing of personal data")),
        *rodo_clause(data),
    ]
    story.append(
        para(
            legal.CONSENT_READ.format(
                confirm=who.verb("potwierdzam", "potwierdzamy"), informed=who.informed()
            ),
            "justify",
        )
    )
    people = [Signatory(p.full_name, _("person giving consent")) for p in adults]
    people.append(data.worker_signatory())
    lead = story[-3:]  # the clause's last items and the confirmation stay with the signatures
    del story[-3:]
    story += signature_section(people, note=legal.CONSENT_RECEIVED, lead=lead)
    return story
