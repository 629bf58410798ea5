"""From what fired in the engine to an advice, dressed with the knowledge base's texts.

Each part of an advice that depends only on the rules (a finding, a method, a trace step for given
fact values) is built once per knowledge base (parts_store.py) and shared between advices.
"""

from __future__ import annotations

import math
import re
from typing import Any

from advies import __version__
from advies.case.model import Casus
from advies.engine.adapter import Uitkomst
from advies.engine.advice import (
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
from advies.engine.parts_store import Delen, delen_van
from advies.knowledge.conditions import geldt
from advies.knowledge.dutch import groepen_in_woorden, in_woorden
from advies.knowledge.model import (
    Bevindingsregel,
    Kennisbank,
    Methoderegel,
    Regel,
    Samenstellingsregel,
    Sleutelvoorwaarde,
    Stijlregel,
    Vormregel,
)


def bouw_advies(kb: Kennisbank, casus: Casus, uitkomst: Uitkomst) -> Advies:
    d = delen_van(kb)
    antwoorden = casus.feiten()
    waar: dict[str, list[Any]] = {c: [] for c in _CATEGORIEEN}
    onbeslist: dict[str, list[Any]] = {c: [] for c in _CATEGORIEEN}
    for regel_id, status in uitkomst.gevuurd:
        regel = kb.regel(regel_id)
        (waar if status == "waar" else onbeslist)[regel.categorie].append(regel)
    verdict = next(iter(uitkomst.verdicts))
    geweigerd = set(uitkomst.geweigerd)
    # a finding another one already says (vervalt_bij) is not said a second time
    gevuurd = {r.code for r in waar["bevinding"]}
    waar["bevinding"] = _volgorde(
        kb, [r for r in waar["bevinding"] if not gevuurd.intersection(r.vervalt_bij)]
    )
    tekst = kb.verdicts[verdict]
    # a no go (the rules', or the coach's own) proposes no intervision: no groups, no guidance,
    # no methods; what fits instead is the alternative
    geen_start = (casus.oordeel_coach.verdict if casus.oordeel_coach else verdict) == "no_go"
    methoden = _methoden(d, waar["methode"])
    samenstelling = _samenstelling(d, antwoorden, waar, geen_start)
    # what the texts of findings may name: the facts' numbers, the thresholds, and the proposal
    # (also at a no go, where the analysis still says what a session would have needed)
    plekken = (
        _plekken(d, antwoorden, methoden, waar, geen_start, samenstelling)
        if any(d.plekken_van(r) for r in waar["bevinding"])
        else {}
    )
    bevindingen = [
        _bevinding(d, r, r.ernst == "voorwaardelijk" and r.code in geweigerd, antwoorden, plekken)
        for r in waar["bevinding"]
    ]
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
        alternatief=_alternatieven(d, antwoorden, bevindingen) if verdict == "no_go" else [],
        samenstelling=samenstelling,
        begeleiding=_begeleiding(
            d, antwoorden, *(([], []) if geen_start else (waar["vorm"], waar["stijl"]))
        ),
        methoden=[] if geen_start else methoden,
        # at a no go only what could add a block is still open; the rest changes nothing
        open_vragen=_open_vragen(
            d,
            antwoorden,
            [r for r in onbeslist["bevinding"] if r.ernst == "blokkerend"]
            if geen_start
            else onbeslist["bevinding"],
        ),
        sleutelvoorwaarden=_sleutelvoorwaarden(
            d,
            antwoorden,
            waar["sleutelvoorwaarde"],
            onbeslist["sleutelvoorwaarde"],
            bevindingen,
            {r.code for r in onbeslist["bevinding"]},
            geen_start,
        ),
        wat_als=None,
        trace=_trace(d, antwoorden, uitkomst, verdict),
    )


_CATEGORIEEN = ("bevinding", "methode", "vorm", "stijl", "samenstelling", "sleutelvoorwaarde")


def _volgorde(kb: Kennisbank, regels: list[Any]) -> list[Any]:
    """Findings in a reading order: most severe first, then in the knowledge base's order."""
    return sorted(regels, key=lambda r: kb.leesvolgorde(r.id))


def _bevinding(
    d: Delen,
    regel: Bevindingsregel,
    geweigerd: bool,
    antwoorden: dict[str, Any],
    plekken: dict[str, str],
) -> Bevinding:
    """A finding with the sentences that hold for this case and its {plekken} filled in; most
    findings have neither, and are one shared part."""
    welke = tuple(geldt(a.conditie, antwoorden) is True for a in regel.aanvullingen)
    waarden = tuple(plekken.get(p, "") for p in d.plekken_van(regel))
    sleutel = ("bevinding", regel.id, geweigerd, welke, waarden)
    return d.geef(sleutel, _maak_bevinding, regel, geweigerd, welke, plekken)


def _maak_bevinding(
    regel: Bevindingsregel, geweigerd: bool, welke: tuple[bool, ...], plekken: dict[str, str]
) -> Bevinding:
    gekozen = [a for a, ja in zip(regel.aanvullingen, welke, strict=True) if ja]

    def tekst(veld: str, basis: str | None) -> str | None:
        if basis is None:
            return None
        voor = [a.tekst for a in gekozen if a.veld == veld and a.plek == "voor"]
        na = [a.tekst for a in gekozen if a.veld == veld and a.plek == "na"]
        return vul_in(" ".join(" ".join([*voor, basis, *na]).split()), plekken)

    return Bevinding(
        code=regel.code,
        titel=regel.titel,
        toezegging=regel.toezegging,
        soort=regel.soort,
        ernst=regel.ernst,
        publiek=regel.publiek,
        uitleg=tekst("uitleg", regel.uitleg) or "",
        voorwaarde=tekst("voorwaarde", regel.voorwaarde),
        geweigerd=geweigerd,
        bij_weigering=regel.bij_weigering,
        regel=regel.id,
        bronnen=regel.bronnen,
    )


_PLEK = re.compile(r"\{(\w+)\}")


def vul_in(tekst: str, plekken: dict[str, str]) -> str:
    """A text with its {plekken} filled in (the knowledge base checks their names on loading)."""
    return _PLEK.sub(lambda m: plekken.get(m.group(1), m.group(0)), tekst)


def _plekken(
    d: Delen,
    antwoorden: dict[str, Any],
    methoden: list[Methode],
    waar: dict[str, list[Any]],
    geen_start: bool,
    samenstelling: Samenstelling,
) -> dict[str, str]:
    kb = d.kb
    plekken = {naam: str(waarde) for naam, waarde in kb.drempels.items()}
    plekken.update(
        {f: str(w) for f, w in antwoorden.items() if kb.feiten.get(f, {}).get("type") == "getal"}
    )
    # the method a session is planned around: the first with a timed script
    getimed = [m for m in methoden if m.kortste_sessie] or [_maak_methode(kb, "basismodel", [])]
    m = getimed[0]
    minimum = kb.drempels.get("sessieduur_min", 0)
    plekken["werkvorm"] = m.naam_in_zin
    plekken["werkvorm_minuten"] = _bereik(m.duur_minuten, m.duur_minuten_max)
    plekken["sessie_nodig"] = str(max(m.kortste_sessie or 0, minimum))
    groepen = samenstelling.groepen
    aanvullen = samenstelling.aanvullen
    if geen_start and samenstelling.groepsgrootte:  # what the split would have been
        groepen, aanvullen = verdeel_groepen(
            max(samenstelling.groepsgrootte - samenstelling.niet_mee, 1),
            samenstelling.minimum,
            samenstelling.maximum,
            samenstelling.ideaal,
        )
    zin = groepen_in_woorden(groepen)
    if aanvullen:
        wie = "deelnemer" if aanvullen == 1 else "deelnemers"
        zin += f" (daarvoor {'komt' if aanvullen == 1 else 'komen'} er {in_woorden(aanvullen)} {wie} bij)"
    plekken["groepen"] = zin
    return plekken


def _bereik(van: int | None, tot: int | None) -> str:
    if van is None:
        return ""
    return f"{van} tot {tot}" if tot else str(van)


def _alternatieven(
    d: Delen, antwoorden: dict[str, Any], bevindingen: list[Bevinding]
) -> list[Alternatief]:
    """What the client can do instead of intervision, for each finding that blocks."""
    kb = d.kb
    codes: list[str | None] = []
    for b in bevindingen:
        if not (b.ernst == "blokkerend" or b.geweigerd):
            continue
        code = kb.bevinding(b.code).alternatief_voor(antwoorden)
        if code and code not in codes:
            codes.append(code)
    uit = []
    for c in codes or [None]:
        bron = kb.alternatieven[c] if c else kb.geen_alternatief
        welke = tuple(geldt(a.conditie, antwoorden) is True for a in bron.aanvullingen)
        uit.append(d.geef(("alternatief", c, welke), _maak_alternatief, kb, c, welke))
    return uit


def _maak_alternatief(kb: Kennisbank, code: str | None, welke: tuple[bool, ...]) -> Alternatief:
    """The alternative of this code, with the sentences that hold for the case; None for the
    general one, when no finding names one."""
    bron = kb.alternatieven[code] if code else kb.geen_alternatief
    return Alternatief(
        code=bron.code,
        naam=bron.naam,
        uitleg=bron.uitleg,
        vervolg=bron.vervolg,
        wie=bron.wie,
        aanvullingen=[a.tekst for a, ja in zip(bron.aanvullingen, welke, strict=True) if ja],
        bronnen=bron.bronnen,
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


def _samenstelling(
    d: Delen, antwoorden: dict[str, Any], waar: dict[str, list[Any]], geen_start: bool
) -> Samenstelling:
    regels = (
        ()
        if geen_start
        else (
            *(r.id for r in waar["bevinding"] if r.samenstelling),  # already in reading order
            *(r.id for r in waar["samenstelling"]),
        )
    )
    n = antwoorden.get("groepsgrootte")
    sleutel = ("samenstelling", n, regels, geen_start)
    return d.geef(sleutel, _maak_samenstelling, d, n, regels, geen_start)


def _maak_samenstelling(
    d: Delen, n: int | None, regels: tuple[str, ...], geen_start: bool
) -> Samenstelling:
    kb = d.kb
    minimum = kb.drempel(kb.grootte.min)
    maximum = kb.drempel(kb.grootte.max)
    ideaal = kb.drempel(kb.grootte.ideaal)
    samenstellingsregels = [r for r in map(kb.regel, regels) if isinstance(r, Samenstellingsregel)]
    # who does not join (who manages another, one of a clashing pair in a single group) is not
    # counted in the groups
    # one group, unless a finding splits them or those who stay do not fit in one; in one
    # group those who only leave a single group (one of a clashing pair) do not join either
    niet_mee, wie = _niet_mee(samenstellingsregels, een_groep=True)
    splitsen = any(
        r.splitst_groepen for r in map(kb.regel, regels) if isinstance(r, Bevindingsregel)
    )
    if n and (splitsen or n - niet_mee > maximum):
        niet_mee, wie = _niet_mee(samenstellingsregels, een_groep=False)
    if n:
        niet_mee = min(niet_mee, n - 1)  # at least one of those named takes part
    groepen: list[int] = []
    aanvullen = 0
    if n and not geen_start:
        groepen, aanvullen = verdeel_groepen(n - niet_mee, minimum, maximum, ideaal)
    een_groep = len(groepen) == 1
    adviezen = []
    for regel_id in regels:
        r = kb.regel(regel_id)
        bronnen = r.bronnen
        if isinstance(r, Bevindingsregel):
            tekst = r.samenstelling or ""
        else:
            assert isinstance(r, Samenstellingsregel)
            if een_groep and r.bij_een_groep is not None:
                tekst, bronnen = r.bij_een_groep, r.bronnen_bij_een_groep or r.bronnen
            else:
                tekst = r.advies
        if tekst:
            adviezen.append(SamenstellingsAdvies(tekst=tekst, regel=r.id, bronnen=bronnen))
    return Samenstelling(
        groepsgrootte=n,
        aantal_groepen=len(groepen) or None,
        groepen=groepen,
        aanvullen=aanvullen,
        niet_mee=niet_mee if n else 0,
        niet_mee_wie=wie if n else [],
        minimum=minimum,
        maximum=maximum,
        ideaal=ideaal,
        adviezen=adviezen,
    )


def _niet_mee(regels: list[Samenstellingsregel], *, een_groep: bool) -> tuple[int, list[str]]:
    """How many named people do not join, and who they are. Rules that count the same people
    (`telt_als`) count once, the largest number."""
    per_soort: dict[str, tuple[int, str | None]] = {}
    for r in regels:
        aantal = r.telt_niet_mee + (r.telt_niet_mee_bij_een_groep if een_groep else 0)
        if not aantal:
            continue
        soort = r.telt_als or r.id
        if aantal > per_soort.get(soort, (0, None))[0]:
            per_soort[soort] = (aantal, r.niet_mee_tekst)
    return sum(a for a, _ in per_soort.values()), [w for _, w in per_soort.values() if w]


def _eerste(kb: Kennisbank, regels: list[Any]) -> Any:
    """The rule of lowest rang; a tie goes to the rule that comes first in the knowledge base, not
    to firing order."""
    return min(regels, key=lambda r: (r.rang, kb.leesvolgorde(r.id)), default=None)


def _begeleiding(
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


def _methoden(d: Delen, regels: list[Methoderegel]) -> list[Methode]:
    per_methode: dict[str, list[Methoderegel]] = {}
    for r in sorted(regels, key=lambda r: (r.rang, r.id)):
        per_methode.setdefault(r.methode, []).append(r)
    return [
        d.geef(("methode", code, *(r.id for r in regels)), _maak_methode, d.kb, code, regels)
        for code, regels in per_methode.items()
    ]


def _maak_methode(kb: Kennisbank, code: str, regels: list[Methoderegel]) -> Methode:
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


def _open_vragen(d: Delen, antwoorden: dict[str, Any], onbeslist: list[Any]) -> list[OpenVraag]:
    """One question per unknown fact that an undecided finding needs; decisive ones first."""
    per_feit: dict[str, list[Bevindingsregel]] = {}
    for regel in onbeslist:
        if regel.soort == "indicatie":
            continue
        for feit in regel.feiten:
            if feit not in antwoorden:
                per_feit.setdefault(feit, []).append(regel)
    vragen = [
        d.geef(("open", feit, *(r.id for r in regels)), _maak_open_vraag, d.kb, feit, regels)
        for feit, regels in sorted(per_feit.items(), key=lambda kv: d.feitvolgorde[kv[0]])
    ]
    return sorted(vragen, key=lambda v: not v.beslissend)


def _maak_open_vraag(kb: Kennisbank, feit: str, regels: list[Bevindingsregel]) -> OpenVraag:
    definitie = kb.feiten[feit]
    return OpenVraag(
        feit=feit,
        vraag=definitie.get("vraag_klant", definitie["vraag"]),
        waarom=" ".join(str(definitie["waarom_klant"]).split()),
        regels=[r.id for r in regels],
        beslissend=any(r.ernst in ("blokkerend", "voorwaardelijk") for r in regels),
    )


_ZWAARTE = {"blokkerend": "niet_vervuld", "voorwaardelijk": "voorwaarde", "advies": "te_regelen"}
_VOLGORDE = ("niet_vervuld", "voorwaarde", "te_regelen")


def _sleutelvoorwaarden(
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


def _trace(
    d: Delen, antwoorden: dict[str, Any], uitkomst: Uitkomst, verdict: str
) -> list[TraceStap]:
    kb = d.kb
    volledig = {**d.leeg, **antwoorden}
    stappen = []
    for vuur in uitkomst.gevuurd:
        regel, lees = d.vuur(vuur)
        sleutel = (vuur, lees(volledig))  # one fact's value, or a tuple of them
        stappen.append(d.geef(sleutel, _maak_stap, kb, regel, vuur[1], volledig))
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
    stappen.append(d.geef(("oordeel", verdict), _maak_oordeelstap, kb, verdict))
    return stappen


def _maak_oordeelstap(kb: Kennisbank, verdict: str) -> TraceStap:
    return TraceStap(
        regel=f"oordeel.{verdict}",
        uitkomst="verdict",
        conditie="beslist nadat alle bevindingen bekend zijn",
        feiten={},
        bronnen=kb.verdicts[verdict].bronnen,
    )


def _maak_stap(kb: Kennisbank, regel: Regel, status: str, volledig: dict[str, Any]) -> TraceStap:
    return TraceStap(
        regel=regel.id,
        uitkomst=status,
        conditie=kb.beschrijf(regel),
        feiten={f: volledig[f] for f in regel.feiten},
        bronnen=regel.bronnen,
    )
