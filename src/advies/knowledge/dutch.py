"""Numbers and group sizes as Dutch prose writes them: small numbers in words (W4 of the review:
"twee groepen van vijf deelnemers", never "2 groepen van 5")."""

from __future__ import annotations

from collections import Counter

WOORDEN = (
    "nul",
    "één",
    "twee",
    "drie",
    "vier",
    "vijf",
    "zes",
    "zeven",
    "acht",
    "negen",
    "tien",
    "elf",
    "twaalf",
)


def zinsdeel(titel: str) -> str:
    """A title inside a sentence: lower-case initial, unless it is an abbreviation ('ICT')."""
    if len(titel) > 1 and titel[1].islower():
        return titel[0].lower() + titel[1:]
    return titel


def in_woorden(n: int) -> str:
    """Up to twelve in words, larger numbers in digits, as Dutch prose does."""
    return WOORDEN[n] if 0 <= n < len(WOORDEN) else str(n)


def opsomming(delen: list[str]) -> str:
    """Dutch enumeration: 'a, b en c'; with a comma inside an item: 'a; b en c'."""
    if len(delen) <= 1:
        return "".join(delen)
    scheiding = "; " if any("," in d for d in delen) else ", "
    return scheiding.join(delen[:-1]) + " en " + delen[-1]


def groepen_in_woorden(groepen: list[int]) -> str:
    """'één groep van zeven deelnemers', 'twee groepen van vijf deelnemers', 'drie groepen,
    twee van zeven en één van zes deelnemers'."""
    if not groepen:
        return ""
    if len(groepen) == 1:
        return f"één groep van {in_woorden(groepen[0])} deelnemers"
    aantal = in_woorden(len(groepen))
    if len(set(groepen)) == 1:
        return f"{aantal} groepen van {in_woorden(groepen[0])} deelnemers"
    per_grootte = sorted(Counter(groepen).items(), reverse=True)
    delen = [f"{in_woorden(k)} van {in_woorden(g)}" for g, k in per_grootte]
    return f"{aantal} groepen, {opsomming(delen)} deelnemers"
