"""From what fired in the engine to an advice, dressed with the knowledge base's texts.

Each part of an advice that depends only on the rules (a finding, a method, a trace step for given
fact values) is built once per knowledge base (parts_store.py) and shared between advices.
"""

from __future__ import annotations

from typing import Any

from advies import __version__
from advies.case.model import Casus
from advies.engine import composition, guidance, key_conditions
from advies.engine import trace as reasons
from advies.engine.adapter import Uitkomst
from advies.engine.advice import (
    Advies,
    Alternatief,
    Bevinding,
    Methode,
    OpenVraag,
    Samenstelling,
)
from advies.engine.parts_store import Delen, delen_van
from advies.knowledge.conditions import geldt
from advies.knowledge.dutch import groepen_in_woorden, in_woorden
from advies.knowledge.model import (
    BESLISSEND,
    Bevindingsregel,
    Kennisbank,
)
from advies.knowledge.placeholders import drempel_plekken, vul_in


def bouw_advies(kb: Kennisbank, casus: Casus, uitkomst: Uitkomst, *, kern: bool = False) -> Advies:
    """The advice for what fired. `kern` leaves out what a batch's compact line and spreadsheet
    row do not show (the reasoning trace, the key conditions, the alternatives): building those
    was half the time of an advice."""
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
    methoden = guidance.methoden(d, waar["methode"])
    samenstelling = composition.samenstelling(d, antwoorden, waar, geen_start)
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
        alternatief=_alternatieven(d, antwoorden, bevindingen)
        if verdict == "no_go" and not kern
        else [],
        samenstelling=samenstelling,
        begeleiding=guidance.begeleiding(
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
        sleutelvoorwaarden=[]
        if kern
        else key_conditions.sleutelvoorwaarden(
            d,
            antwoorden,
            waar["sleutelvoorwaarde"],
            onbeslist["sleutelvoorwaarde"],
            bevindingen,
            {r.code for r in onbeslist["bevinding"]},
            geen_start,
        ),
        wat_als=None,
        trace=[] if kern else reasons.trace(d, antwoorden, uitkomst, verdict),
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


def _plekken(
    d: Delen,
    antwoorden: dict[str, Any],
    methoden: list[Methode],
    waar: dict[str, list[Any]],
    geen_start: bool,
    samenstelling: Samenstelling,
) -> dict[str, str]:
    kb = d.kb
    plekken = drempel_plekken(kb)
    plekken.update(
        {f: str(w) for f, w in antwoorden.items() if kb.feiten.get(f, {}).get("type") == "getal"}
    )
    # the method a session is planned around: the first with a timed script
    getimed = [m for m in methoden if m.kortste_sessie] or [
        guidance.maak_methode(kb, "basismodel", [])
    ]
    m = getimed[0]
    minimum = kb.drempels.get("sessieduur_min", 0)
    plekken["werkvorm"] = m.naam_in_zin
    plekken["werkvorm_minuten"] = _bereik(m.duur_minuten, m.duur_minuten_max)
    plekken["sessie_nodig"] = str(max(m.kortste_sessie or 0, minimum))
    groepen = samenstelling.groepen
    aanvullen = samenstelling.aanvullen
    if geen_start and samenstelling.groepsgrootte:  # what the split would have been
        groepen, aanvullen = composition.verdeel_groepen(
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
        beslissend=any(r.ernst in BESLISSEND for r in regels),
    )
