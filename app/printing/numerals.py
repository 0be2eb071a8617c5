"""Polish numerals in words where legal text wants them ("w ośmiu jednobrzmiących
egzemplarzach": the locative of the cardinal)."""

from __future__ import annotations

_LOCATIVE = {
    1: "jednym",
    2: "dwóch",
    3: "trzech",
    4: "czterech",
    5: "pięciu",
    6: "sześciu",
    7: "siedmiu",
    8: "ośmiu",
    9: "dziewięciu",
    10: "dziesięciu",
    11: "jedenastu",
    12: "dwunastu",
    13: "trzynastu",
    14: "czternastu",
    15: "piętnastu",
    16: "szesnastu",
    17: "siedemnastu",
    18: "osiemnastu",
    19: "dziewiętnastu",
}
_TENS = {20: "dwudziestu", 30: "trzydziestu", 40: "czterdziestu"}


def locative(n: int) -> str:
    """ "ośmiu" for 8, "dwudziestu trzech" for 23 (1–49); digits beyond."""
    if n in _LOCATIVE:
        return _LOCATIVE[n]
    tens, ones = divmod(n, 10)
    if 2 <= tens <= 4:
        head = _TENS[tens * 10]
        return head if not ones else f"{head} {_LOCATIVE[ones]}"
    return str(n)
