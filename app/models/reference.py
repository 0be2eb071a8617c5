"""Code lists shipped in ``resources/reference`` and loaded at first start (not synchronised).

Codes are stable identifiers; labels come in Polish and English from the data files, and each list
records which legal text it follows, so an amendment becomes a new data file, not a code change.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class CodeListMixin:
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    label_pl: Mapped[str] = mapped_column(String(200))
    label_en: Mapped[str] = mapped_column(String(200))
    sort: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    def label(self, lang: str = "pl") -> str:
        return self.label_en if lang == "en" else self.label_pl


class HelpReason(CodeListMixin, Base):
    """Art. 7 u.p.s. reasons for granting social assistance."""

    __tablename__ = "ref_help_reason"
    legal_basis: Mapped[str] = mapped_column(String(200), default="")


class LifeDomain(CodeListMixin, Base):
    """Life domains rated in the diagnosis and in reviews."""

    __tablename__ = "ref_life_domain"


class Sector(CodeListMixin, Base):
    """Sectors of partner institutions (social assistance, labour market, education, …)."""

    __tablename__ = "ref_sector"


class ServiceArea(CodeListMixin, Base):
    """The 14 areas of social services of the CUS act (Dz.U. 2019 poz. 1818)."""

    __tablename__ = "ref_service_area"


class TercUnit(Base):
    """One unit of the TERYT TERC register: a voivodeship, powiat or gmina (with its kind)."""

    __tablename__ = "ref_terc"
    code: Mapped[str] = mapped_column(String(7), primary_key=True)
    woj: Mapped[str] = mapped_column(String(2), index=True)
    pow: Mapped[str] = mapped_column(String(2), default="")
    gmi: Mapped[str] = mapped_column(String(2), default="")
    rodz: Mapped[str] = mapped_column(String(1), default="")
    name: Mapped[str] = mapped_column(String(100))
    name_folded: Mapped[str] = mapped_column(String(100), index=True)
    kind: Mapped[str] = mapped_column(String(60))
    level: Mapped[str] = mapped_column(String(12), index=True)  # voivodeship | powiat | gmina
    valid_on: Mapped[date | None]

    @property
    def powiat_code(self) -> str:
        return self.code[:4]
