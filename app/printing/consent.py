"""Zgoda na przetwarzanie i udostępnianie danych członkom Zespołu Kooperacji, with the RODO
information clause (controller = the OPS, purpose, legal basis, the named recipient
institutions, retention, rights).  Each adult family member signs for themselves; parents also
consent for their minor children listed on the form."""

from __future__ import annotations

import re

from reportlab.platypus import Flowable, Spacer

from app.i18n import N_, _
from app.models import Consent, Institution
from app.printing import clauses_pl as legal
from app.printing.casedata import CaseData, institution_address
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

TITLE = N_("Consent to the processing and sharing of data with the members of the Cooperation Team")


def recipients(data: CaseData, consent: Consent | None) -> list[Institution]:
    """The institutions named in the recorded consent; for a new consent, the partners of the
    current plan and of the case team (the OPS itself needs no consent)."""
    if consent is not None and consent.recipients:
        return [r.institution for r in consent.recipients if r.institution is not None]
    found: dict[str, Institution] = {}
    home_id = data.home.id if data.home else None
    plan = data.file.current_plan
    for a in plan.actions if plan is not None else []:
        if a.institution is not None and a.institution.id != home_id:
            found.setdefault(a.institution.id, a.institution)
    for m in data.file.team:
        if m.institution is not None and m.institution.id != home_id:
            found.setdefault(m.institution.id, m.institution)
    return list(found.values())


def retention_text(code: str) -> str:
    """JRWA categories as archives write them: B10 → B-10, BE5 → BE-5."""
    m = re.fullmatch(r"(BE|Bc|B)(\d+)", (code or "").strip())
    return f"{m.group(1)}-{m.group(2)}" if m else (code or "B-10")


def rodo_clause(data: CaseData) -> list[Flowable]:
    home = data.home
    address = institution_address(home)
    values = {
        "controller": data.home_name,
        "address": f", {address}" if address else "",
        "contact": f" lub pocztą elektroniczną: {home.email}" if home and home.email else "",
        "retention": retention_text(data.family.retention_class),
    }
    story: list[Flowable] = [para(legal.RODO_TITLE_NOTE, "clause")]
    for i, text in enumerate(legal.RODO_CLAUSE, 1):
        story.append(para(f"{i}. {esc(text.format(**values))}", "clause", markup=True))
    return story


def build(data: CaseData, consent: Consent | None) -> list[Flowable]:
    story: list[Flowable] = title_block(
        _(TITLE), _("with the information on the processing of personal data (art. 13 GDPR)")
    )
    adults = data.adults()
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
            empty_text=_("No adult family members recorded."),
        ),
        heading("2. " + _("Family members whose data are concerned")),
        members_table(data, full=False),
        heading("3. " + _("Declaration")),
        para(legal.CONSENT_DECLARATION.format(controller=data.home_name)),
        heading("4. " + _("Scope of the data shared")),
        *text_block(consent.scope if consent and consent.scope else legal.CONSENT_SCOPE_DEFAULT),
        heading("5. " + _("Institutions the data may be shared with")),
        data_table(
            [_("No."), _("Institution"), _("Address"), _("Sector")],
            [
                [
                    f"{i}.",
                    inst.name,
                    institution_address(inst) or EMPTY,
                    data.labels.sectors.get(inst.sector_code, inst.sector_code),
                ]
                for i, inst in enumerate(recipients(data, consent), 1)
            ],
            [0.7, 4.8, 4, 2.6],
            empty_text=_("No partner institutions named yet."),
        ),
        heading("6. " + _("Period of validity of the consent")),
    ]
    if consent is not None and consent.valid_until:
        story.append(para(_("until {date}").format(date=fmt_date(consent.valid_until))))
    else:
        story.append(para(legal.CONSENT_VALID_DEFAULT))
    story += [Spacer(1, 4), para(legal.CONSENT_VOLUNTARY, "clause")]
    story += [
        heading("7. " + _("Information on the processing of personal data")),
        *rodo_clause(data),
    ]
    story.append(para(_("By signing, I confirm that I have read the information above.")))
    people = [Signatory(p.full_name, _("person giving consent")) for p in adults]
    people.append(data.worker_signatory())
    lead = story[-3:]  # the clause's last items and the confirmation stay with the signatures
    del story[-3:]
    story += signature_section(people, note=legal.CONSENT_RECEIVED, lead=lead)
    return story
