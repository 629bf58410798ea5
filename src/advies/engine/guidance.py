"""Guidance form and style, how many sessions are guided, and the methods, as advice parts."""

from __future__ import annotations

from typing import Any

from advies.engine.advice import Begeleiding, Keuze, Methode, Stap
from advies.engine.parts_store import Delen
from advies.knowledge.conditions import geldt
from advies.knowledge.model import Kennisbank, Methoderegel, Stijlregel, Vormregel


def _eerste(kb: Kennisbank, regels: list[Any]) -> Any:
    """The rule of lowest rang; a tie goes to the rule that comes first in the knowledge base, not
    to firing order."""
    return min(regels, key=lambda r: (r.rang, kb.leesvolgorde(r.id)), default=None)


def begeleiding(
    d: Delen, antwoorden: dict[str, Any], vormen: list[Vormregel], stijlen: list[Stijlregel]
) -> Begeleiding:
    vorm = _eerste(d.kb, vormen)
    stijl = _eerste(d.kb, stijlen)
    aantal, reden = _aantal_begeleid(d.kb, vorm.vorm if vorm else None, antwoorden)
    sleutel = ("begeleiding", vorm and vorm.id, stijl and stijl.id, aantal, reden)
    return d.geef(sleutel, _maak_begeleiding, d.kb, vorm, stijl, aantal, reden)


def _aantal_begeleid(
    kb: Kennisbank, vorm: str | None, antwoorden: dict[str, Any]
) -> tuple[int | None, str | None]:
    """How many of the planned sessions are guided: a few by the intervision coach (the first
    choice of begeleidingsduur that holds), all by a standing guide, none in a self-steering
    group; never more than are planned."""
    gepland = antwoorden.get("bijeenkomsten")
    if vorm == "zelfsturend":
        return 0, None
    if vorm == "intervisiebegeleider":
        return gepland, None
    if vorm is None:
        return None, None
    keuze = next(
        k for k in kb.begeleidingsduur if k.conditie is None or geldt(k.conditie, antwoorden)
    )
    aantal = min(keuze.aantal, gepland) if gepland else keuze.aantal
    return aantal, keuze.reden


def _maak_begeleiding(
    kb: Kennisbank,
    vorm: Vormregel | None,
    stijl: Stijlregel | None,
    aantal: int | None,
    reden: str | None,
) -> Begeleiding:
    keuze_vorm = keuze_stijl = None
    bijeenkomsten = None
    if vorm:
        v = kb.vormen[vorm.vorm]
        keuze_vorm = Keuze(
            code=v.code, naam=v.naam, reden=vorm.reden, regel=vorm.id, bronnen=vorm.bronnen
        )
        bijeenkomsten = v.begeleide_bijeenkomsten
    if stijl:
        s = kb.stijlen[stijl.stijl]
        keuze_stijl = Keuze(
            code=s.code, naam=s.naam, reden=stijl.reden, regel=stijl.id, bronnen=stijl.bronnen
        )
    return Begeleiding(
        vorm=keuze_vorm,
        stijl=keuze_stijl,
        begeleide_bijeenkomsten=bijeenkomsten,
        aantal_begeleid=aantal,
        aantal_reden=reden,
    )


def methoden(d: Delen, regels: list[Methoderegel]) -> list[Methode]:
    per_methode: dict[str, list[Methoderegel]] = {}
    for r in sorted(regels, key=lambda r: (r.rang, r.id)):
        per_methode.setdefault(r.methode, []).append(r)
    return [
        d.geef(("methode", code, *(r.id for r in regels)), maak_methode, d.kb, code, regels)
        for code, regels in per_methode.items()
    ]


def maak_methode(kb: Kennisbank, code: str, regels: list[Methoderegel]) -> Methode:
    m = kb.methoden[code]
    afsluiting = kb.actieplan if m.actieplan_toevoegen else None
    # the closing's sources belong to the closing, not to the reason the method was chosen
    bronnen = [*m.bronnen, *(b for r in regels for b in r.bronnen)]
    return Methode(
        code=code,
        naam=m.naam,
        naam_in_zin=m.naam_in_zin,
        redenen=[r.reden for r in regels],
        regels=[r.id for r in regels],
        duur_minuten=m.duur_minuten,
        duur_minuten_max=m.duur_minuten_max,
        kortste_sessie=kb.kortste_sessie(code),
        stappen=[Stap(**s.model_dump()) for s in m.stappen],
        afsluiting=afsluiting.tekst if afsluiting else None,
        afsluiting_bronnen=afsluiting.bronnen if afsluiting else (),
        bronnen=tuple(dict.fromkeys(bronnen)),
    )
