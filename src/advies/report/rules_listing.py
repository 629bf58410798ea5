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
from advies.report.text import _wrap, bronnen_tekst, omgebroken


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


_BRONNEN_MIN = 30  # narrower than this, the sources go under each rule instead of beside it


def regeloverzicht(kb: Kennisbank, breedte: int = 80) -> str:
    """Every rule: id, code, weight or kind, sources; wrapped to `breedte`. On a wide terminal a
    table with the sources wrapped in their column; on a narrow one the sources under the rule."""
    rijen = [("id", "code", "ernst / soort", "bronnen")]
    for regel in kb.regels():
        code, ernst = _wat(regel)
        rijen.append((regel.id, code, ernst, bronnen_tekst(regel.bronnen)))
    kolom = [max(len(r[i]) for r in rijen) for i in range(3)]
    links = sum(kolom) + 6
    regels = []
    if breedte - links >= _BRONNEN_MIN:
        for rij in rijen:
            begin = "  ".join(rij[i].ljust(kolom[i]) for i in range(3)) + "  "
            regels += omgebroken(rij[3], begin, " " * links, breedte)
        regels.insert(1, "-" * (breedte - 1))
    else:
        regels.append("id · code · ernst / soort, daaronder de bronnen")
        regels.append("-" * (breedte - 1))
        for rij in rijen[1:]:
            regels += omgebroken(" · ".join(rij[:3]), "", "  ", breedte)
            regels += omgebroken(rij[3], "    ", "    ", breedte)
    regels.append(f"\n{len(kb.regels())} regels · kennisbank {kb.versie}")
    return "\n".join(regels) + "\n"


def regel_uitleg(kb: Kennisbank, regel_id: str, breedte: int = 80) -> str:
    regel = kb.regel(regel_id)
    code, ernst = _wat(regel)
    regels = [
        *omgebroken(f"Regel {regel.id} ({regel.bestand})", "", "  ", breedte),
        *omgebroken(f"{code} ({ernst})", "  levert: ", " " * 10, breedte),
        *omgebroken(kb.beschrijf(regel), "  als: ", " " * 6, breedte),
    ]
    velden = ("titel", "toezegging", "uitleg", "voorwaarde", "reden", "advies", "bij_een_groep")
    for veld in (*velden, "samenstelling", "te_regelen", "grond"):
        waarde = getattr(regel, veld, None)
        if waarde:
            regels.append(
                f"  {'grond (waarom zo, volgens de bronnen)' if veld == 'grond' else veld}:"
            )
            regels.append(_wrap(waarde, "    ", breedte))
    if isinstance(regel, Bevindingsregel):
        for keuze in regel.alternatieven():
            als = (
                f" (als {conditions.beschrijf(keuze.conditie, kb.feiten)})"
                if keuze.conditie
                else ""
            )
            regels += omgebroken(
                f"{kb.alternatieven[keuze.code].naam}{als}", "  alternatief: ", " " * 4, breedte
            )
    regels.append("  bronnen:")
    for b in regel.bronnen:
        bron = f"{b}  ({kb.bronnen[b.sleutel].volledig})" if b.sleutel in kb.bronnen else str(b)
        regels += omgebroken(bron, "    - ", " " * 6, breedte)
    return "\n".join(regels) + "\n"
