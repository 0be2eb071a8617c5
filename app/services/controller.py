"""The data controller named in the RODO information clause: the OPS that runs this
installation (its full official name and postal address, from the registry's home institution)
and the contact of its inspektor ochrony danych (IOD), kept in the ``iod_contact`` setting.

``missing`` says in Polish what the clause would lack, so printing can warn before a family is
asked to sign a consent that names no address or no IOD.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import _, ngettext
from app.models import Institution, Setting
from app.services import audit
from app.services.recipient_rule import may_receive
from app.services.workspace import Workspace

IOD_KEY = "iod_contact"
IOD_MAX = 300
HOME_KEY = "home_institution_id"


def home_id(s: Session) -> str | None:
    """The id of the institution that runs this installation (the data controller)."""
    row = s.get(Setting, HOME_KEY)
    return row.value if row else None


def check_recipients(institution_ids: Iterable[str], gmina_code: str, field: str) -> None:
    """The consent form's refusal of the centre that keeps the case (``recipient_rule``)."""
    if not all(may_receive(iid, gmina_code) for iid in institution_ids):
        raise ValidationError(
            _(
                "The centre that keeps the case is the controller of the data, not a recipient: "
                "untick it (tick only the institutions the data may be shared with)."
            ),
            field,
        )


@dataclass(frozen=True)
class Controller:
    name: str
    street: str
    postal_code: str
    city: str
    iod_contact: str

    @property
    def address(self) -> str:
        town = " ".join(x for x in (self.postal_code, self.city) if x)
        return ", ".join(x for x in (self.street, town) if x)

    @property
    def has_address(self) -> bool:
        return bool(self.postal_code and self.city)

    def missing(self) -> list[str]:
        out = []
        if not self.has_address:
            out.append(
                _(
                    "The postal address of the centre (the data controller) is missing: add it "
                    "to the centre's entry in the register of institutions."
                )
            )
        if not self.iod_contact:
            out.append(
                _(
                    "The contact of the data protection officer (IOD) is missing: add it in "
                    "Settings."
                )
            )
        return out


def get_controller(ws: Workspace) -> Controller:
    with ws.transaction() as s:
        own = home_id(s)
        home = s.get(Institution, own) if own else None
        iod = s.get(Setting, IOD_KEY)
        return Controller(
            name=(home.name if home else "").strip(),
            street=(home.street if home else "").strip(),
            postal_code=(home.postal_code if home else "").strip(),
            city=(home.city if home else "").strip(),
            iod_contact=(iod.value if iod else "").strip(),
        )


def set_iod_contact(ws: Workspace, contact: str) -> str:
    """Save the IOD's contact (an e-mail address or a postal address); "" clears it."""
    text = " ".join((contact or "").split())
    if len(text) > IOD_MAX:
        raise ValidationError(
            ngettext(
                "The IOD contact is too long (at most {n} character).",
                "The IOD contact is too long (at most {n} characters).",
                IOD_MAX,
            ).format(n=IOD_MAX),
            "iod_contact",
        )
    with ws.transaction() as s:
        row = s.get(Setting, IOD_KEY) or Setting(key=IOD_KEY)
        if row.value != text:
            row.value = text
            s.add(row)
            audit.record(s, "update", "setting", IOD_KEY)
    return text
