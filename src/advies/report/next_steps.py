"""What comes after the advice: the steps to a group that follow from the proposed guidance form,
or, at a no go, the first steps on the path of what fits instead."""

from __future__ import annotations

from typing import Any

from advies.engine.advice import Advies
from advies.knowledge.model import Kennisbank
from advies.report.content import Teksten, Vervolg, Vervolgstap, laad_vervolgstappen
from advies.report.document import Alinea, Blok, Lijst, Punt, Sectie


def vervolg_sectie(
    t: Teksten,
    advies: Advies,
    kb: Kennisbank,
    antwoorden: dict[str, Any],
    afgesproken: dict[str, str] | None = None,
    *,
    na_gesprek: bool = False,
) -> Sectie | None:
    """The next steps for the proposed form; None at a no go (the alternative's path is part of
    'Waarom nu geen intervisie')."""
    if advies.eindoordeel == "no_go":
        return None
    vervolg = laad_vervolgstappen(kb)
    vorm = advies.begeleiding.vorm.code if advies.begeleiding.vorm else None
    methode = advies.methoden[0].naam if advies.methoden else t["vervolg.eerste_werkvorm"]
    codes = {b.code for b in advies.bevindingen}
    stappen = [s for s in vervolg.stappen if s.geldt_voor(vorm, antwoorden)]
    met_valkuilen = next((s for s in stappen if s.valkuilen), None)
    subs = [
        _stap(
            t,
            s,
            vorm,
            methode,
            codes,
            antwoorden,
            vervolg if s is met_valkuilen else None,
            afgesproken or {},
        )
        for s in stappen
    ]
    inleiding = t[
        "vervolg.inleiding_zelfsturend"
        if vorm == "zelfsturend"
        else "vervolg.inleiding_bevestiging"
        if na_gesprek
        else "vervolg.inleiding"
    ]
    return Sectie(t["vervolg.kop"], (Alinea(inleiding),), tuple(subs), anker="vervolg")


def _stap(
    t: Teksten,
    stap: Vervolgstap,
    vorm: str | None,
    methode: str,
    codes: set[str],
    antwoorden: dict[str, Any],
    vervolg: Vervolg | None,
    afgesproken: dict[str, str],
) -> Sectie:
    blokken: list[Blok] = [
        Alinea(t.vul("vervolg.voor", voor=stap.voor), stijl="klein"),
        Alinea(
            " ".join(stap.tekst(vorm).split()).replace("{methode}", methode), bronnen=stap.bronnen
        ),
    ]
    if stap.nadruk and codes & set(stap.nadruk_bij):
        blokken.append(Alinea(" ".join(stap.nadruk.split()), vet=t["vervolg.let_op"]))
    if vervolg is not None:
        valkuilen = [v for v in vervolg.valkuilen if v.geldt_voor(antwoorden)]
        blokken.append(Alinea("", vet=t["vervolg.valkuilen"]))
        blokken.append(
            Lijst(
                tuple(
                    Punt(" ".join(v.tekst.split()), bronnen=v.bronnen)
                    for v in valkuilen[: vervolg.valkuilen_max]
                )
            )
        )
    for o in stap.onderdelen:
        punten = [p for p in o.punten if p.geldt_voor(vorm, antwoorden)]
        blokken.append(Alinea("", vet=o.kop))
        blokken.append(
            Lijst(
                tuple(
                    Punt(
                        " ".join(p.tekst.split())
                        + (f" {afgesproken[p.code]}" if p.code in afgesproken else ""),
                        bronnen=p.bronnen,
                    )
                    for p in punten
                )
            )
        )
    return Sectie(stap.titel, tuple(blokken))
