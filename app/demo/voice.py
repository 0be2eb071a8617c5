"""Demo texts that agree with the household they describe: the applicant's sex ("wnioskodawczyni
jest zmotywowana"), a person alone or a family ("Potrzebuję…" / "Potrzebujemy…"), children or
none (no school goals for a person living alone).

A phrase is ``(condition, text)``; ``{W}``, ``{w_gen}``, ``{w_acc}``, ``{a}`` … are filled from
the applicant's sex (see ``Household.words``).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

Phrase = tuple[str, str]  # (condition, text)


@dataclass(frozen=True)
class Household:
    sex: str  # the applicant's
    persons: int
    children: int
    school_children: int
    has_man: bool

    @classmethod
    def of(cls, members: Sequence[dict], school_age: int = 7) -> Household:
        from datetime import date

        today = date.today()
        kids = [m for m in members if m["relation"] == "child"]
        school = [k for k in kids if (today - k["birth_date"]).days // 365 >= school_age]
        return cls(
            sex=members[0]["sex"],
            persons=len(members),
            children=len(kids),
            school_children=len(school),
            has_man=any(m["sex"] == "M" and m["relation"] != "child" for m in members),
        )

    @property
    def alone(self) -> bool:
        return self.persons == 1

    def fits(self, condition: str) -> bool:
        return {
            "any": True,
            "alone": self.alone,
            "family": not self.alone,
            "children": self.children > 0,
            "school": self.school_children > 0,
            "many_children": self.children >= 3,
            "man": self.has_man,
        }[condition]

    @property
    def words(self) -> dict[str, str]:
        f = self.sex == "F"
        return {
            "W": "Wnioskodawczyni" if f else "Wnioskodawca",
            "w": "wnioskodawczyni" if f else "wnioskodawca",
            "w_gen": "wnioskodawczyni" if f else "wnioskodawcy",
            "w_acc": "wnioskodawczynię" if f else "wnioskodawcę",
            "a": "a" if f else "y",  # zmotywowana / zmotywowany
            "sam": "sama" if f else "sam",
            "a_past": "a" if f else "",  # przygotowała / przygotował
        }

    def fill(self, text: str) -> str:
        return text.format(**self.words)

    def pick(self, rnd: random.Random, phrases: Sequence[Phrase], k: int = 1) -> list[str]:
        """Up to ``k`` different phrases that fit, filled in."""
        fitting = [t for cond, t in phrases if self.fits(cond)]
        return [self.fill(t) for t in rnd.sample(fitting, min(k, len(fitting)))]

    def one(self, rnd: random.Random, phrases: Sequence[Phrase]) -> str:
        chosen = self.pick(rnd, phrases, 1)
        return chosen[0] if chosen else ""
