"""The {plekken} in the knowledge base's texts: finding them and filling them in.

A text names a place as `{naam}`: a threshold (`{groep_max}`), a number fact (`{sessieduur}`) or a
part of the proposal (PLEKKEN_VOORSTEL). The knowledge base checks the names when it loads; the
advice, the letter and a batch's summary fill them in here, all the same way.
"""

from __future__ import annotations

import re

from advies.knowledge.model import Kennisbank

_PLEK = re.compile(r"\{(\w+)\}")


def plekken_in(tekst: str) -> list[str]:
    """The names of the places in `tekst`, in order, repeats included."""
    return _PLEK.findall(tekst)


def vul_in(tekst: str, plekken: dict[str, str]) -> str:
    """`tekst` with its places filled in; a place without a value stays as written."""
    return _PLEK.sub(lambda m: plekken.get(m.group(1), m.group(0)), tekst)


def drempel_plekken(kb: Kennisbank) -> dict[str, str]:
    """Every threshold as a place: the values that hold for every case."""
    return {naam: str(waarde) for naam, waarde in kb.drempels.items()}
