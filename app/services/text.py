"""Text helpers shared by search and validation: diacritics folding and whitespace clean-up."""

from __future__ import annotations

import unicodedata

# Letters that Unicode does not decompose into a base letter + mark.
_SPECIAL = str.maketrans({"ł": "l", "Ł": "l", "đ": "d", "ø": "o", "ß": "ss"})


def fold(text: str) -> str:
    """Lower-case, strip diacritics: "Łukasz Żółć" → "lukasz zolc" (for search keys)."""
    text = (text or "").translate(_SPECIAL).lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def clean(text: str | None) -> str:
    """Trim and collapse inner runs of spaces (names, addresses)."""
    return " ".join((text or "").split())


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string greater than every string starting with ``prefix`` (index ranges)."""
    return prefix + "\U0010ffff"
