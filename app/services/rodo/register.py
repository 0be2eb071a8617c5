"""The processing register entry (art. 30 RODO) for this application, from what is set here.

Nothing in it is typed by hand once and forgotten: the controller is the home institution, the
IOD's contact a setting (``IOD_SETTING``), the recipients the coordinators registered here with
the basis the OPS chose and the partner institutions named in consents, the retention the JRWA
categories the cases carry, and the security measures are read from the open database itself
(cipher version, key derivation cost, ``secure_delete``, journal mode, the audit chain's state).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from app.config import Settings
from app.errors import ValidationError
from app.i18n import N_, _, ngettext
from app.models import (
    ConsentRecipient,
    Device,
    ErasureNotice,
    Family,
    Institution,
    Setting,
)
from app.services import audit, controller
from app.services.rodo import sharing
from app.services.rodo.retention import active_years, retention_years
from app.services.workspace import Workspace
from app.store.keys import params_from_salt
from app.store.vault import read_salt

IOD_SETTING = "rodo.iod_contact"
PURPOSES = (
    N_("social work with families (art. 45 and 46 of the act on social assistance)"),
    N_("diagnosis, the individual support plan (IPW) and its monitoring in the Model Kooperacji"),
    N_("cooperation with the powiat coordinator and partner institutions (art. 110)"),
    N_("anonymised statistics for the ROPS (no personal data)"),
)
SUBJECTS = (
    N_("members of families receiving support, adults and children"),
    N_("contact persons of partner institutions"),
    N_("the OPS's workers using the application"),
)
DATA_CATEGORIES = (
    N_("identification: names, PESEL, identity documents, dates of birth"),
    N_("contact: address, phone"),
    N_("family situation, education, employment, reasons for help"),
    N_("special categories (art. 9): health, disability, addiction; domestic violence"),
    N_("the diagnosis, plan, reviews and visit notes of the case"),
)


@dataclass
class RegisterEntry:
    generated_on: date
    controller: str
    controller_address: str
    iod_contact: str
    purposes: list[str]
    subjects: list[str]
    categories: list[str]
    recipients: list[str] = field(default_factory=list)
    retention: list[str] = field(default_factory=list)
    security: list[str] = field(default_factory=list)


def set_iod_contact(ws: Workspace, contact: str) -> None:
    """The IOD is one person: the register's field and Ustawienia (the consent's clause)
    write the same setting."""
    controller.set_iod_contact(ws, contact)


def iod_contact(ws: Workspace) -> str:
    """The IOD's contact as recorded ("" when not yet)."""
    with ws.transaction() as s:
        return _iod(s)


def _iod(s) -> str:
    row = s.get(Setting, controller.IOD_KEY)
    if row is not None and row.value:
        return row.value
    legacy = s.get(Setting, IOD_SETTING)  # written by the register's own field before
    return legacy.value if legacy is not None else ""


def collect(ws: Workspace) -> RegisterEntry:
    with ws.transaction() as s:
        own = controller.home_id(s)
        home = s.get(Institution, own) if own else None
        iod = _iod(s)
        entry = RegisterEntry(
            date.today(),
            home.name if home else ws.identity.name,
            # "ul. Białowieska 1, 17-220 Narewka", as every other document's header writes it
            ", ".join(filter(None, (home.street, f"{home.postal_code} {home.city}".strip())))
            if home
            else "",
            iod or _("not set (kooperacja rodo register --iod)"),
            [_(p) for p in PURPOSES],
            [_(p) for p in SUBJECTS],
            [_(p) for p in DATA_CATEGORIES],
        )
        basis = sharing.coordinator_basis(s)
        for d in s.scalars(
            select(Device).where(Device.is_self.is_(False), Device.revoked.is_(False))
        ):
            if d.role == "coordinator":
                entry.recipients.append(
                    _("{name} (coordinator): {basis}").format(
                        name=d.name, basis=_(sharing.BASES[basis])
                    )
                )
        named = s.execute(
            select(Institution.name, func.count(func.distinct(ConsentRecipient.consent_id)))
            .join(ConsentRecipient, ConsentRecipient.institution_id == Institution.id)
            .where(ConsentRecipient.deleted.is_(False))
            # a consent saved before the rule may still name the centre: never its own recipient
            .where(Institution.id != (own or ""))
            .group_by(Institution.name)
            .order_by(Institution.name)
        )
        for name, n in named:
            entry.recipients.append(
                ngettext(
                    "{name}: as named in the family's consent ({n} consent)",
                    "{name}: as named in the family's consent ({n} consents)",
                    n,
                ).format(name=name, n=n)
            )
        entry.recipients.append(_("ROPS: anonymised statistics only"))
        classes = Counter(
            s.scalars(select(Family.retention_class).where(Family.deleted.is_(False)))
        )
        for cls, n in sorted(classes.items()):
            try:
                years = retention_years(cls)
            except ValidationError:
                years = -1
            if years is None:
                period = _("for ever (handed over to the state archive)")
            elif years < 0:
                period = _("not a JRWA category: check these cases")
            else:
                period = ngettext(
                    "{years} year from 1 January after the case closes",
                    "{years} years from 1 January after the case closes",
                    years,
                ).format(years=years)
            entry.retention.append(
                ngettext(
                    "{category}: {period} ({n} case)", "{category}: {period} ({n} cases)", n
                ).format(category=cls, period=period, n=n)
            )
        entry.retention.append(
            ngettext(
                "Closed cases leave active use {n} year after closing (the OPS's setting).",
                "Closed cases leave active use {n} years after closing (the OPS's setting).",
                active_years(s),
            ).format(n=active_years(s))
        )
        erasures = int(s.scalar(select(func.count()).select_from(ErasureNotice)) or 0)
        chain_ok = not audit.verify_chain(s)
    conn = ws.vault.raw_connection()
    try:
        cipher = conn.execute("PRAGMA cipher_version").fetchone()[0]
        secure = conn.execute("PRAGMA secure_delete").fetchone()[0]
        journal = conn.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        conn.close()
    kdf = params_from_salt(read_salt(ws.path))
    entry.security = [
        _("Database encrypted with SQLCipher {version} (AES-256, HMAC-SHA512 per page).").format(
            version=cipher
        ),
        _("Key derived from the passphrase with Argon2id ({mib} MiB, {t} passes).").format(
            mib=(1 << kdf.memory_log2) // 1024, t=kdf.time_cost
        ),
        _("Deleted data overwritten (secure_delete={on}), journal {journal}.").format(
            on=secure, journal=journal
        ),
        _("Automatic lock after {n} minutes without use.").format(
            n=Settings.load().idle_lock_minutes
        ),
        _("Hash-chained audit log of every view, change, print and export: {state}.").format(
            state=_("chain verified") if chain_ok else _("chain BROKEN, see kooperacja check")
        ),
        _("Bundles to the coordinator encrypted (age X25519) and signed (Ed25519)."),
        _("Erasures reach every device; erasures made so far: {n}.").format(n=erasures),
    ]
    return entry
