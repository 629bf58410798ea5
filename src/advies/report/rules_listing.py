"""`advies regels`: the knowledge base as a list, and one rule explained."""

from __future__ import annotations

from advies.knowledge import conditions
from advies.knowledge.model import (
    Bevindingsregel,
    Kennisbank,
    Methoderegel,
    Regel,
    Stijlregel,
    Vormregel,
)
from advies.report.text import _wrap, bronnen_tekst


def _wat(regel: Regel) -> tuple[str, str]:
    if isinstance(regel, Bevindingsregel):
        return regel.code, regel.ernst or "indicatie"
    if isinstance(regel, Methoderegel):
        return regel.methode, f"methode (rang {regel.rang})"
    if isinstance(regel, Vormregel):
        return regel.vorm, f"vorm (rang {regel.rang})"
    if isinstance(regel, Stijlregel):
        return regel.stijl, f"stijl (rang {regel.rang})"
    return getattr(regel, "code", "-"), regel.categorie


def regeloverzicht(kb: Kennisbank) -> str:
    rijen = [("id", "code", "ernst / soort", "bronnen")]
    for regel in kb.regels():
        code, ernst = _wat(regel)
        rijen.append((regel.id, code, ernst, bronnen_tekst(regel.bronnen)))
    breedte = [max(len(r[i]) for r in rijen) for i in range(3)]
    regels = ["  ".join(r[i].ljust(breedte[i]) for i in range(3)) + "  " + r[3] for r in rijen]
    regels.insert(1, "-" * min(120, sum(breedte) + 6 + 20))
    regels.append(f"\n{len(kb.regels())} regels · kennisbank {kb.versie}")
    return "\n".join(regels) + "\n"


def regel_uitleg(kb: Kennisbank, regel_id: str) -> str:
    regel = kb.regel(regel_id)
    code, ernst = _wat(regel)
    regels = [
        f"Regel {regel.id} ({regel.bestand})",
        f"  levert: {code} ({ernst})",
        f"  als: {kb.beschrijf(regel)}",
    ]
    velden = ("titel", "toezegging", "uitleg", "voorwaarde", "reden", "advies", "bij_een_groep")
    for veld in (*velden, "samenstelling", "te_regelen", "grond"):
        waarde = getattr(regel, veld, None)
        if waarde:
            regels.append(
                f"  {'grond (waarom zo, volgens de bronnen)' if veld == 'grond' else veld}:"
            )
            regels.append(_wrap(waarde, "    "))
    if isinstance(regel, Bevindingsregel):
        for keuze in regel.alternatieven():
            als = (
                f" (als {conditions.beschrijf(keuze.conditie, kb.feiten)})"
                if keuze.conditie
                else ""
            )
            regels.append(f"  alternatief: {kb.alternatieven[keuze.code].naam}{als}")
    regels.append("  bronnen:")
    for b in regel.bronnen:
        regels.append(
            f"    - {b}  ({kb.bronnen[b.sleutel].volledig})"
            if b.sleutel in kb.bronnen
            else f"    - {b}"
        )
    return "\n".join(regels) + "\n"
