"""What comes after the advice: the steps to a group that follow from the proposed guidance form,
in the coach's own words, and the appendix for the start session (contract and logbook). At a no
go there are none: the alternative's path is part of 'Waarom nu geen intervisie'. While too
little is known, one line says the steps follow once the questions are answered."""

from __future__ import annotations

from typing import Any

from advies.engine.advice import Advies
from advies.knowledge.model import Kennisbank
from advies.report.content import Teksten, Vervolg, Vervolgstap, laad_vervolgstappen
from advies.report.document import Alinea, Blok, Lijst, Punt, Sectie
from advies.report.placeholders import vul_in


def _stappen(advies: Advies, kb: Kennisbank, antwoorden: dict[str, Any]) -> list[Vervolgstap]:
    vorm = advies.begeleiding.vorm.code if advies.begeleiding.vorm else None
    return [s for s in laad_vervolgstappen(kb).stappen if s.geldt_voor(vorm, antwoorden)]


def vervolg_sectie(
    t: Teksten,
    advies: Advies,
    kb: Kennisbank,
    antwoorden: dict[str, Any],
    plekken: dict[str, str],
    *,
    na_gesprek: bool = False,
) -> Sectie | None:
    """The next steps for the proposed form; None at a no go."""
    if advies.eindoordeel == "no_go":
        return None
    if advies.eindoordeel == "onvoldoende_informatie":
        return Sectie(t["vervolg.kop"], (Alinea(t["vervolg.onvoldoende"]),), anker="vervolg")
    vervolg = laad_vervolgstappen(kb)
    vorm = advies.begeleiding.vorm.code if advies.begeleiding.vorm else None
    plekken = {"methode": t["vervolg.eerste_werkvorm"], **plekken}
    codes = {b.code for b in advies.bevindingen}
    geweigerd = {b.code for b in advies.bevindingen if b.geweigerd}
    stappen = _stappen(advies, kb, antwoorden)
    met_valkuilen = next((s for s in stappen if s.valkuilen), None)
    subs = [
        _stap(
            t,
            s,
            vorm,
            plekken,
            codes,
            geweigerd,
            antwoorden,
            vervolg if s is met_valkuilen else None,
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
    plekken: dict[str, str],
    codes: set[str],
    geweigerd: set[str],
    antwoorden: dict[str, Any],
    vervolg: Vervolg | None,
) -> Sectie:
    # a refused condition the coach starts without: the step's own words would promise it
    zinnen = [
        stap.tekst(vorm, geweigerd),
        *(z.tekst for z in stap.zinnen if z.geldt_voor(antwoorden)),
    ]
    blokken: list[Blok] = [
        Alinea(t.vul("vervolg.voor", voor=stap.voor_wie(vorm)), stijl="klein"),
        Alinea(vul_in(" ".join(" ".join(zinnen).split()), plekken), bronnen=stap.bronnen),
    ]
    for nadruk in stap.nadrukken:
        if codes & set(nadruk.bij):
            blokken.append(Alinea(" ".join(nadruk.tekst.split()), vet=t["vervolg.let_op"]))
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
    return Sectie(stap.titel, tuple(blokken))


def bijlage_sectie(
    t: Teksten,
    advies: Advies,
    kb: Kennisbank,
    antwoorden: dict[str, Any],
    plekken: dict[str, str],
    afgesproken: dict[str, str] | None = None,
) -> Sectie | None:
    """The appendix for the start session: what goes in the contract and the logbook, the
    items that hold for this group and form; in the confirmation, with what the talk agreed."""
    if advies.eindoordeel in ("no_go", "onvoldoende_informatie"):
        return None
    vorm = advies.begeleiding.vorm.code if advies.begeleiding.vorm else None
    afgesproken = afgesproken or {}
    geweigerd = {b.code for b in advies.bevindingen if b.geweigerd}
    onderdelen = next((s.onderdelen for s in _stappen(advies, kb, antwoorden) if s.onderdelen), ())
    if not onderdelen:
        return None
    subs = []
    for o in onderdelen:
        punten = [p for p in o.punten if p.geldt_voor(vorm, antwoorden)]
        subs.append(
            Sectie(
                o.kop,
                (
                    Lijst(
                        tuple(
                            Punt(
                                vul_in(" ".join(p.tekst_bij(geweigerd).split()), plekken)
                                + (f" {afgesproken[p.code]}" if p.code in afgesproken else ""),
                                bronnen=p.bronnen,
                            )
                            for p in punten
                        )
                    ),
                ),
            )
        )
    return Sectie(t["bijlage.kop"], (Alinea(t["bijlage.inleiding"]),), tuple(subs), anker="bijlage")
