"""Small helpers for Dutch sentences in the written advice (the words themselves are in
advies.knowledge.dutch, which the advice's own texts use too)."""

from __future__ import annotations

from advies.knowledge.dutch import groepen_in_woorden, in_woorden, opsomming, zinsdeel

__all__ = ["groepen_in_woorden", "hoofdletter", "in_woorden", "opsomming", "zinsdeel"]


def hoofdletter(tekst: str) -> str:
    """The sentence with a capital first letter: 'één groep' becomes 'Eén groep'."""
    if tekst.startswith("één"):
        return "Eén" + tekst[3:]
    return tekst[:1].upper() + tekst[1:]
