"""What the letter's own texts may name in {braces}: the first method as a sentence names it, how
many sessions the coach guides, and the planned numbers, in words where Dutch prose writes them."""

from __future__ import annotations

from typing import Any

from advies.engine.advice import Advies
from advies.knowledge.dutch import in_woorden
from advies.knowledge.placeholders import vul_in

__all__ = ["brief_plekken", "vul_in"]


def brief_plekken(advies: Advies, antwoorden: dict[str, Any]) -> dict[str, str]:
    plekken: dict[str, str] = {}
    if advies.methoden:
        plekken["methode"] = plekken["werkvorm"] = advies.methoden[0].naam_in_zin
    if advies.begeleiding.aantal_begeleid is not None:
        plekken["begeleid"] = in_woorden(advies.begeleiding.aantal_begeleid)
    for feit in ("bijeenkomsten", "groepsgrootte"):
        if isinstance(antwoorden.get(feit), int):
            plekken[feit] = in_woorden(antwoorden[feit])
    if isinstance(antwoorden.get("sessieduur"), int):
        plekken["sessieduur"] = str(antwoorden["sessieduur"])
    return plekken
