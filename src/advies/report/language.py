"""Small helpers for Dutch sentences in the written advice."""

from __future__ import annotations


def opsomming(delen: list[str]) -> str:
    """Dutch enumeration: 'a, b en c'."""
    if len(delen) <= 1:
        return "".join(delen)
    return ", ".join(delen[:-1]) + " en " + delen[-1]
