"""From a case to an advice: run the engine, then dress what fired with the knowledge base's texts."""

from __future__ import annotations

import math
from typing import Any

from . import __version__
from .advice import (
    Advies,
    Alternatief,
    Begeleiding,
    Bevinding,
    Keuze,
    Methode,
    OpenVraag,
    Samenstelling,
    SamenstellingsAdvies,
    SleutelvoorwaardeStatus,
    Stap,
    TraceStap,
)
from .casus import Casus
from .engine import Engine, Uitkomst
from .kennisbank import (
    Bevindingsregel,
    Kennisbank,
    Methoderegel,
    Samenstellingsregel,
    Sleutelvoorwaarde,
    Stijlregel,
    Vormregel,
    laad_kennisbank,
)

_ENGINES: dict[tuple[int, bool], tuple[Kennisbank, Engine]] = {}


def engine_voor(kb: Kennisbank, *, alle_twijfels: bool = False) -> Engine:
    """One compiled ruleset per knowledge base and purpose for the life of the process (rulesets
    cost memory until deleted, and a name cannot be registered twice)."""
    sleutel = (id(kb), alle_twijfels)
    if sleutel not in _ENGINES:
        _ENGINES[sleutel] = (kb, Engine(kb, alle_twijfels=alle_twijfels))
    return _ENGINES[sleutel][1]


def evalueer(casus: Casus, kb: Kennisbank | None = None, *, wat_als: bool = True) -> Advies:
    """Evaluate a case. `wat_als` also searches the smallest changes that improve the verdict."""
    kb = kb or laad_kennisbank()
    uitkomst = engine_voor(kb).evalueer(casus.antwoorden)
    advies = _bouw_advies(kb, casus, uitkomst)
    if wat_als:
        from .whatif import zoek_wat_als

        advies.wat_als = zoek_wat_als(kb, casus.antwoorden, uitkomst)
    return advies


def nog_nodig(kb: Kennisbank, antwoorden: dict[str, Any]) -> dict[str, list[str]]:
    """Unknown facts that a still undecided rule reads, each with the ids of those rules.

    A fact not in here cannot change the advice any more, given what is already known: the
    questionnaires skip its question.
    """
    uitkomst = engine_voor(kb, alle_twijfels=True).evalueer(antwoorden)
    nodig: dict[str, list[str]] = {}
    for regel_id, status in uitkomst.gevuurd:
        if status != "onbeslist":
            continue
        for feit in kb.regel(regel_id).feiten:
            if feit not in antwoorden:
                nodig.setdefault(feit, []).append(regel_id)
    return nodig


def _bouw_advies(kb: Kennisbank, casus: Casus, uitkomst: Uitkomst) -> Advies:
    antwoorden = casus.antwoorden
    waar = [kb.regel(r) for r, status in uitkomst.gevuurd if status == "waar"]
    onbeslist = [kb.regel(r) for r, status in uitkomst.gevuurd if status == "onbeslist"]
    verdict = next(iter(uitkomst.verdicts))
    geweigerd = set(uitkomst.geweigerd)

    bevindingen = [
        _bevinding_van(r, r.ernst == "voorwaardelijk" and r.code in geweigerd)
        for r in _volgorde(kb, waar)
        if isinstance(r, Bevindingsregel)
    ]
    alternatieven: list[Alternatief] = []
    if verdict == "no_go":
        for b in bevindingen:
            regel = kb.bevinding(b.code)
            if (b.ernst == "blokkerend" or b.geweigerd) and regel.alternatief:
                alt = kb.alternatieven[regel.alternatief]
                if all(a.code != alt.code for a in alternatieven):
                    alternatieven.append(Alternatief(**dict(alt)))
        if not alternatieven:
            alternatieven.append(Alternatief(**dict(kb.geen_alternatief)))
    tekst = kb.verdicts[verdict]
    # its parts are validated models; checking the whole again cost a tenth of a batch
    return Advies.model_construct(
        kennisbank_versie=kb.versie,
        advies_versie=__version__,
        casus=casus.meta.naam,
        verdict=verdict,  # type: ignore[arg-type]
        verdict_label=tekst.label,
        verdict_zin=tekst.zin,
        oordeel_coach=casus.oordeel_coach,
        bevindingen=bevindingen,
        alternatief=alternatieven,
        samenstelling=_samenstelling(kb, antwoorden, waar),
        begeleiding=_begeleiding(kb, waar),
        methoden=_methoden(kb, waar),
        open_vragen=_open_vragen(kb, antwoorden, onbeslist),
        sleutelvoorwaarden=_sleutelvoorwaarden(kb, antwoorden, waar, onbeslist),
        wat_als=None,
        trace=_trace(kb, antwoorden, uitkomst, verdict),
    )


def _volgorde(kb: Kennisbank, regels: list[Any]) -> list[Any]:
    """Findings in a reading order: most severe first, then in the knowledge base's order."""
    return sorted(regels, key=lambda r: kb.leesvolgorde(r.id))


# Parts of an advice that depend only on the rules, built once: in a batch the same findings and
# methods recur in thousands of cases, and building them again was most of the time per case.
# They are shared between advices, so nothing may change them after construction.
_GEBOUWD: dict[tuple[Any, ...], Any] = {}


def _bevinding_van(regel: Bevindingsregel, geweigerd: bool) -> Bevinding:
    sleutel = ("bevinding", regel.id, regel.uitleg, geweigerd)
    if sleutel not in _GEBOUWD:
        _GEBOUWD[sleutel] = _maak_bevinding(regel, geweigerd)
    return _GEBOUWD[sleutel]


def _maak_bevinding(regel: Bevindingsregel, geweigerd: bool) -> Bevinding:
    return Bevinding(
        code=regel.code,
        titel=regel.titel,
        soort=regel.soort,
        ernst=regel.ernst,
        uitleg=regel.uitleg,
        voorwaarde=regel.voorwaarde,
        geweigerd=geweigerd,
        regel=regel.id,
        bronnen=regel.bronnen,
    )


def verdeel_groepen(n: int, minimum: int, maximum: int, ideaal: int) -> tuple[list[int], int]:
    """Groups within [minimum, maximum], as close to ideaal as possible, and how many people to
    recruit when no split of n fits (9 with 5..8: two groups of 5 after recruiting one; 3: one)."""
    laagste = max(1, math.ceil(n / maximum))
    if n < laagste * minimum:
        aanvullen = laagste * minimum - n
        return _verdeel(n + aanvullen, laagste), aanvullen
    hoogste = max(laagste, n // minimum)
    aantal = min(range(laagste, hoogste + 1), key=lambda k: (abs(n / k - ideaal), k))
    return _verdeel(n, aantal), 0


def _verdeel(n: int, aantal: int) -> list[int]:
    basis, rest = divmod(n, aantal)
    return [basis + 1] * rest + [basis] * (aantal - rest)


def _samenstelling(kb: Kennisbank, antwoorden: dict[str, Any], waar: list[Any]) -> Samenstelling:
    minimum = kb.drempel(kb.grootte.min)
    maximum = kb.drempel(kb.grootte.max)
    ideaal = kb.drempel(kb.grootte.ideaal)
    n = antwoorden.get("groepsgrootte")
    groepen, aanvullen = verdeel_groepen(n, minimum, maximum, ideaal) if n else ([], 0)
    adviezen = [
        SamenstellingsAdvies(tekst=r.samenstelling, regel=r.id, bronnen=r.bronnen)
        for r in _volgorde(kb, waar)
        if isinstance(r, Bevindingsregel) and r.samenstelling
    ]
    adviezen += [
        SamenstellingsAdvies(tekst=r.advies, regel=r.id, bronnen=r.bronnen)
        for r in waar
        if isinstance(r, Samenstellingsregel)
    ]
    return Samenstelling(
        groepsgrootte=n,
        aantal_groepen=len(groepen) or None,
        groepen=groepen,
        aanvullen=aanvullen,
        minimum=minimum,
        maximum=maximum,
        ideaal=ideaal,
        adviezen=adviezen,
    )


def _begeleiding(kb: Kennisbank, waar: list[Any]) -> Begeleiding:
    # ties in rang go to the rule that comes first in the knowledge base, not to firing order
    vormen = sorted(
        (r for r in waar if isinstance(r, Vormregel)), key=lambda r: (r.rang, kb.leesvolgorde(r.id))
    )
    stijlen = sorted(
        (r for r in waar if isinstance(r, Stijlregel)),
        key=lambda r: (r.rang, kb.leesvolgorde(r.id)),
    )
    vorm = stijl = None
    bijeenkomsten = None
    if vormen:
        r = vormen[0]
        v = kb.vormen[r.vorm]
        vorm = Keuze(code=v.code, naam=v.naam, reden=r.reden, regel=r.id, bronnen=r.bronnen)
        bijeenkomsten = v.begeleide_bijeenkomsten
    if stijlen:
        s_regel = stijlen[0]
        s = kb.stijlen[s_regel.stijl]
        stijl = Keuze(
            code=s.code, naam=s.naam, reden=s_regel.reden, regel=s_regel.id, bronnen=s_regel.bronnen
        )
    return Begeleiding(vorm=vorm, stijl=stijl, begeleide_bijeenkomsten=bijeenkomsten)


def _methoden(kb: Kennisbank, waar: list[Any]) -> list[Methode]:
    per_methode: dict[str, list[Methoderegel]] = {}
    for r in sorted((r for r in waar if isinstance(r, Methoderegel)), key=lambda r: (r.rang, r.id)):
        per_methode.setdefault(r.methode, []).append(r)
    return [_methode_van(kb, code, tuple(regels)) for code, regels in per_methode.items()]


def _methode_van(kb: Kennisbank, code: str, regels: tuple[Methoderegel, ...]) -> Methode:
    sleutel = (id(kb), code, tuple(r.id for r in regels))
    if sleutel not in _GEBOUWD:
        m = kb.methoden[code]
        _GEBOUWD[sleutel] = Methode(
            code=code,
            naam=m.naam,
            redenen=[r.reden for r in regels],
            regels=[r.id for r in regels],
            duur_minuten=m.duur_minuten,
            duur_minuten_max=m.duur_minuten_max,
            stappen=[Stap(**s.model_dump()) for s in m.stappen],
            bronnen=tuple(dict.fromkeys([*m.bronnen, *(b for r in regels for b in r.bronnen)])),
        )
    return _GEBOUWD[sleutel]


def _open_vragen(
    kb: Kennisbank, antwoorden: dict[str, Any], onbeslist: list[Any]
) -> list[OpenVraag]:
    """One question per unknown fact that an undecided finding needs; decisive ones first."""
    per_feit: dict[str, list[Bevindingsregel]] = {}
    for regel in onbeslist:
        if not isinstance(regel, Bevindingsregel) or regel.soort == "indicatie":
            continue
        for feit in regel.feiten:
            if feit not in antwoorden:
                per_feit.setdefault(feit, []).append(regel)
    vragen = []
    volgorde = list(kb.feiten)
    for feit, regels in sorted(per_feit.items(), key=lambda kv: volgorde.index(kv[0])):
        beslissend = any(r.ernst in ("blokkerend", "voorwaardelijk") for r in regels)
        titels = "; ".join(
            dict.fromkeys(r.titel[0].lower() + r.titel[1:].rstrip(".") for r in regels)
        )
        vragen.append(
            OpenVraag(
                feit=feit,
                vraag=kb.feiten[feit]["vraag"],
                waarom=f"Het antwoord bepaalt of dit speelt: {titels}.",
                regels=[r.id for r in regels],
                beslissend=beslissend,
            )
        )
    return sorted(vragen, key=lambda v: not v.beslissend)


def _sleutelvoorwaarden(
    kb: Kennisbank, antwoorden: dict[str, Any], waar: list[Any], onbeslist: list[Any]
) -> list[SleutelvoorwaardeStatus]:
    vervuld = {r.id for r in waar if isinstance(r, Sleutelvoorwaarde)}
    onbekend = {r.id for r in onbeslist if isinstance(r, Sleutelvoorwaarde)}
    return [
        SleutelvoorwaardeStatus(
            code=s.code,
            naam=s.naam,
            status="vervuld"
            if s.id in vervuld
            else "onbekend"
            if s.id in onbekend
            else "niet_vervuld",
            uitleg=s.uitleg,
            te_regelen=s.te_regelen,
            ontbrekende_feiten=[f for f in s.feiten if f not in antwoorden]
            if s.id in onbekend
            else [],
            bronnen=s.bronnen,
        )
        for s in kb.sleutelvoorwaarden
    ]


def _trace(
    kb: Kennisbank, antwoorden: dict[str, Any], uitkomst: Uitkomst, verdict: str
) -> list[TraceStap]:
    stappen = []
    for regel_id, status in uitkomst.gevuurd:
        regel = kb.regel(regel_id)
        stappen.append(
            TraceStap(
                regel=regel_id,
                uitkomst=status,
                conditie=kb.beschrijf(regel),
                feiten={f: antwoorden.get(f) for f in regel.feiten},
                bronnen=regel.bronnen,
            )
        )
    for code in uitkomst.geweigerd:
        stappen.append(
            TraceStap(
                regel=f"geweigerd.{code}",
                uitkomst="geweigerd",
                conditie=f"{code} staat in geweigerde_voorwaarden",
                feiten={"geweigerde_voorwaarden": antwoorden.get("geweigerde_voorwaarden")},
                bronnen=kb.geweigerd.bronnen,
            )
        )
    stappen.append(
        TraceStap(
            regel=f"oordeel.{verdict}",
            uitkomst="verdict",
            conditie="beslist nadat alle bevindingen bekend zijn",
            feiten={},
            bronnen=kb.verdicts[verdict].bronnen,
        )
    )
    return stappen
