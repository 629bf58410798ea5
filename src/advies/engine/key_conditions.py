"""How each key condition stands, from the findings that fired and the facts known."""

from __future__ import annotations

from typing import Any

from advies.engine.advice import Bevinding, SleutelvoorwaardeStatus
from advies.engine.parts_store import Delen
from advies.knowledge.model import Sleutelvoorwaarde

_ZWAARTE = {"blokkerend": "niet_vervuld", "voorwaardelijk": "voorwaarde", "advies": "te_regelen"}
_VOLGORDE = ("niet_vervuld", "voorwaarde", "te_regelen")


def sleutelvoorwaarden(
    d: Delen,
    antwoorden: dict[str, Any],
    waar: list[Sleutelvoorwaarde],
    onbeslist: list[Sleutelvoorwaarde],
    bevindingen: list[Bevinding],
    twijfel: set[str],
    geen_start: bool,
) -> list[SleutelvoorwaardeStatus]:
    """How each key condition stands. Where one of its findings fired, the heaviest says it:
    blocking is not met, a condition is 'voorwaarde', a point of attention is arranged at the
    start; so a condition is never 'vervuld' beside a finding about it. Otherwise its facts say
    met or unknown. A condition judged by stand-in facts is never 'niet vervuld'. At a no go
    there is no condition to accept: what would have been one is simply not met."""
    vervuld = {r.id for r in waar}
    onbekend = {r.id for r in onbeslist}
    gewicht = {
        b.code: "niet_vervuld" if b.geweigerd else _ZWAARTE.get(b.ernst or "", "")
        for b in bevindingen
    }
    statussen = []
    for s in d.kb.sleutelvoorwaarden:
        zwaarst = [gewicht[c] for c in s.bevindingen if gewicht.get(c)]
        if zwaarst:
            status = min(zwaarst, key=_VOLGORDE.index)
            if geen_start and status == "voorwaarde":
                status = "niet_vervuld"
            if s.benadering and status == "niet_vervuld":
                status = "te_regelen"
        elif s.id in vervuld:
            status = "vervuld"
        elif s.id in onbekend:
            status = "onbekend"
        elif s.benadering:
            status = "te_regelen"
        elif any(c in twijfel for c in s.bevindingen):
            status = "onbekend"  # which finding applies hangs on a fact still unknown
        else:
            status = "niet_vervuld"  # no finding says more: the promises flag this
        ontbrekend = tuple(f for f in s.feiten if f not in antwoorden) if s.id in onbekend else ()
        sleutel = ("sleutel", s.id, status, ontbrekend)
        statussen.append(d.geef(sleutel, _maak_sleutelstatus, s, status, ontbrekend))
    return statussen


def _maak_sleutelstatus(
    s: Sleutelvoorwaarde, status: str, ontbrekend: tuple[str, ...]
) -> SleutelvoorwaardeStatus:
    return SleutelvoorwaardeStatus(
        code=s.code,
        naam=s.naam,
        status=status,
        uitleg=s.uitleg,
        te_regelen=s.te_regelen,
        ontbrekende_feiten=list(ontbrekend),
        bronnen=s.bronnen,
    )
