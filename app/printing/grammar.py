"""Phrases of the printed documents that follow who signs: one woman, one man, several people.

Person labels (relation, occupation) come from ``app.models.enums`` (``label_for(sex)``); this
module holds only the words of the documents' own sentences, in Polish, the language of their
legal text (``clauses_pl``): "niżej podpisana / podpisany / podpisane / podpisani", "Ja / My",
"wyrażam / wyrażamy", "moich / naszych", and whether a kontrakt's party is a person or a family.
A sex that is not recorded gives both forms ("podpisana/podpisany"), never a guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Signers:
    """The persons who sign a declaration, by their recorded sex ("F", "M" or "")."""

    sexes: tuple[str, ...]

    @classmethod
    def of(cls, people: Sequence[object]) -> Signers:
        return cls(tuple((getattr(p, "sex", "") or "") for p in people))

    @property
    def plural(self) -> bool:
        return len(self.sexes) > 1

    def _form(self, female: str, male: str, women: str, mixed: str) -> str:
        if self.plural:
            return women if all(s == "F" for s in self.sexes) else mixed
        sex = self.sexes[0] if self.sexes else ""
        if sex == "F":
            return female
        if sex == "M":
            return male
        return f"{female}/{male}"

    @property
    def undersigned(self) -> str:
        """ "niżej podpisana", "niżej podpisany", "niżej podpisane", "niżej podpisani"."""
        return "niżej " + self._form("podpisana", "podpisany", "podpisane", "podpisani")

    @property
    def we(self) -> str:
        return "My" if self.plural else "Ja"

    def verb(self, singular: str, plural: str) -> str:
        """A verb in the first person: "wyrażam" / "wyrażamy"."""
        return plural if self.plural else singular

    @property
    def our(self) -> str:
        """ "moich" / "naszych" (genitive plural, as in "moich danych")."""
        return "naszych" if self.plural else "moich"

    @property
    def our_family(self) -> str:
        return "naszej rodziny" if self.plural else "mojej rodziny"

    def informed(self) -> str:
        """ "zostałam poinformowana" … "zostaliśmy poinformowani"."""
        if self.plural:
            return self._form("", "", "zostałyśmy poinformowane", "zostaliśmy poinformowani")
        return self._form("zostałam poinformowana", "zostałem poinformowany", "", "")


def party_is_person(persons: Sequence[object]) -> bool:
    """A kontrakt with one person alone is concluded with "osoba", otherwise with "rodzina"."""
    return len(persons) == 1
