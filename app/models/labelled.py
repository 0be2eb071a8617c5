"""The label mechanism of the domain's closed value lists (``app.models.enums``,
``app.models.pilot_enums``): a member stored as a short English code, shown as its translated
label, in a status's own gettext context or in the form for a person's recorded sex
(``GenderedEnum``); how Polish agrees is described in ``app.models.enums``.
"""

from __future__ import annotations

from enum import StrEnum

from app.i18n import _, gendered, pgettext


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry a translatable label in ``_labels``."""

    @property
    def label(self) -> str:
        """The label for the neutral case (for a gendered enum: the form for unknown sex)."""
        return self.label_for(None)

    def label_for(self, sex: str | None) -> str:
        """The label as said of a person of recorded ``sex`` ("F", "M", None/"" unknown); the
        same as ``label`` for an enum whose words do not follow the person."""
        message = self._labels()[self.value]
        if self._gendered():
            return gendered(message, sex)
        context = self._label_context()
        return pgettext(context, message) if context else _(message)

    @classmethod
    def _labels(cls) -> dict[str, str]:
        raise NotImplementedError

    @classmethod
    def _label_context(cls) -> str | None:
        """The gettext context of the labels (their ``NP_`` context), None for plain ``N_``."""
        return None

    @classmethod
    def _gendered(cls) -> bool:
        """True when the labels are marked ``NG_`` (said of a person, follow the person's sex)."""
        return False

    @classmethod
    def choices(cls, sex: str | None = None) -> list[tuple[str, str]]:
        return [(m.value, m.label_for(sex)) for m in cls]


class GenderedEnum(LabelledEnum):
    """Labels said of a person: marked ``NG_``, chosen by the person's recorded sex."""

    @classmethod
    def _gendered(cls) -> bool:
        return True
