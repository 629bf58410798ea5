"""What would change the verdict: the smallest sets of fact changes that give a better verdict.

Found by re-evaluating the case with the engine, so the answers always agree with the rules. For
each block of a no go, the single-fact changes that make it disappear are found first; one fix per
block is then combined, re-evaluated, and pruned to what is really needed. A go under conditions
gets none: every change that lifts one of its conditions is that condition again, which the advice
already asks. A condition the client refused in the talk is lifted only by accepting it after all,
never by changing its facts some other way. Each suggestion is one sentence in the coach's words.
"""

from __future__ import annotations

import itertools
from typing import Any

from advies.engine.adapter import Uitkomst, engine_voor
from advies.engine.advice import WatAls, Wijziging
from advies.knowledge.conditions import Conditie, FeitVoorwaarde
from advies.knowledge.dutch import in_woorden, opsomming, zinsdeel
from advies.knowledge.model import BESLISSEND, Bevindingsregel, Kennisbank

_RANG = {"no_go": 0, "onvoldoende_informatie": 1, "go_onder_voorwaarden": 2, "go": 3}
_MAX_COMBINATIES = 400
_MAX_RESULTATEN = 5
_WEIGER = "geweigerde_voorwaarden"


def zoek_wat_als(kb: Kennisbank, antwoorden: dict[str, Any], uitkomst: Uitkomst) -> list[WatAls]:
    """For a no go or a go under conditions: the smallest changes that give a better verdict."""
    verdict = _verdict(uitkomst)
    if verdict != "no_go":
        return []
    draai = engine_voor(kb).evalueer
    basis = dict(antwoorden)
    in_de_weg = _in_de_weg(kb, uitkomst, verdict)
    fixes_per_regel: list[list[tuple[str, Any]]] = []
    for regel in in_de_weg:
        fixes = [
            w
            for w in _kandidaten(kb, regel, basis)
            if not _nog_in_de_weg(regel, draai(_pas_toe(basis, [w])), verdict)
        ]
        if not fixes:
            return []  # something in the way cannot be changed: no honest what-if
        fixes_per_regel.append(fixes)

    gevonden: list[tuple[list[tuple[str, Any]], str]] = []
    for combinatie in itertools.islice(itertools.product(*fixes_per_regel), _MAX_COMBINATIES):
        wijzigingen = list(dict.fromkeys(combinatie))
        if len({f for f, _ in wijzigingen if f != _WEIGER}) != len(
            [w for w in wijzigingen if w[0] != _WEIGER]
        ):
            continue  # two different values for one fact
        nieuw = _verdict(draai(_pas_toe(basis, wijzigingen)))
        if _RANG[nieuw] <= _RANG[verdict]:
            continue
        wijzigingen = _snoei(
            wijzigingen, lambda ws, doel=_RANG[nieuw]: _rang(draai(_pas_toe(basis, ws))) >= doel
        )
        nieuw = _verdict(draai(_pas_toe(basis, wijzigingen)))
        # one suggestion per set of facts: "leervraag reflectie" and "leervraag kennisdeling"
        # are the same advice to the client, so the first (in the catalogue's order) stands
        feiten = {f for f, _ in wijzigingen}
        if all({f for f, _ in w} != feiten for w, _ in gevonden):
            gevonden.append((wijzigingen, nieuw))
    gevonden.sort(key=lambda g: (len(g[0]), -_RANG[g[1]]))
    uit = []
    for w, v in gevonden[:_MAX_RESULTATEN]:
        na = _pas_toe(basis, w)
        uit.append(_als_wat_als(kb, basis, w, v, _nog_open(kb, draai(na), na)))
    return uit


def _verdict(uitkomst: Uitkomst) -> str:
    return next(iter(uitkomst.verdicts))


def _rang(uitkomst: Uitkomst) -> int:
    return _RANG[_verdict(uitkomst)]


def _in_de_weg(kb: Kennisbank, uitkomst: Uitkomst, verdict: str) -> list[Bevindingsregel]:
    geweigerd = set(uitkomst.geweigerd)
    regels = []
    for regel_id, status in uitkomst.gevuurd:
        regel = kb.regel(regel_id)
        if status != "waar" or not isinstance(regel, Bevindingsregel):
            continue
        if (verdict == "no_go" and (regel.ernst == "blokkerend" or regel.code in geweigerd)) or (
            verdict == "go_onder_voorwaarden" and regel.ernst == "voorwaardelijk"
        ):
            regels.append(regel)
    return regels


def _nog_in_de_weg(regel: Bevindingsregel, uitkomst: Uitkomst, verdict: str) -> bool:
    if (regel.id, "waar") not in uitkomst.gevuurd:
        return False
    return verdict != "no_go" or regel.ernst == "blokkerend" or regel.code in uitkomst.geweigerd


def _kandidaten(
    kb: Kennisbank, regel: Bevindingsregel, antwoorden: dict[str, Any]
) -> list[tuple[str, Any]]:
    """Single changes to the facts this rule reads; for a refused condition only accepting it."""
    kandidaten: list[tuple[str, Any]] = []
    if regel.code in antwoorden.get(_WEIGER, []):
        return [(_WEIGER, regel.code)]
    for feit in regel.feiten:
        d = kb.feiten[feit]
        veranderbaar = d.get("veranderbaar", True)
        if veranderbaar is False or feit not in antwoorden:
            continue
        huidig = antwoorden[feit]
        if isinstance(veranderbaar, list) and huidig not in veranderbaar:
            continue  # only these values can change (an unclear question can be clarified)
        if d["type"] == "keuze":
            kandidaten += [(feit, w) for w in d["waarden"] if w != huidig]
        elif d["type"] == "ja_nee":
            kandidaten.append((feit, not huidig))
        elif d["type"] == "getal":
            grenzen = [g for g in _grenzen(regel.conditie, feit) if g != huidig]
            if veranderbaar == "alleen_hoger":  # recruiting more people is advice; fewer is not
                grenzen = [g for g in grenzen if g > huidig]
            kandidaten += [(feit, g) for g in grenzen]
    return kandidaten


def _grenzen(conditie: Conditie | None, feit: str) -> list[int]:
    """The values just across each threshold on this fact."""
    if conditie is None:
        return []
    if isinstance(conditie, FeitVoorwaarde):
        if conditie.feit != feit or not isinstance(conditie.waarde, int):
            return []
        w = conditie.waarde
        grens = {"kleiner_dan": [w], "groter_dan": [w], "minstens": [w - 1], "hoogstens": [w + 1]}
        return grens.get(conditie.op, [])
    return [g for deel in conditie.delen for g in _grenzen(deel, feit)]


def _pas_toe(antwoorden: dict[str, Any], wijzigingen: list[tuple[str, Any]]) -> dict[str, Any]:
    nieuw = dict(antwoorden)
    for feit, waarde in wijzigingen:
        if feit == _WEIGER:
            nieuw[_WEIGER] = [c for c in nieuw.get(_WEIGER, []) if c != waarde]
        else:
            nieuw[feit] = waarde
    return nieuw


def _snoei(wijzigingen: list[tuple[str, Any]], genoeg: Any) -> list[tuple[str, Any]]:
    """Drop every change the improvement does not need."""
    for w in list(wijzigingen):
        zonder = [x for x in wijzigingen if x != w]
        if zonder and genoeg(zonder):
            wijzigingen = zonder
    return wijzigingen


def _als_wat_als(
    kb: Kennisbank,
    basis: dict[str, Any],
    wijzigingen: list[tuple[str, Any]],
    verdict: str,
    open_: str,
) -> WatAls:
    """One suggestion as the coach says it: 'Als de groep groeit tot vijf deelnemers, adviseer
    ik een start onder voorwaarden.'; a refused condition: 'Kunt u alsnog toezeggen: ...?'."""
    items = []
    aanvaard = []
    delen = []
    for feit, waarde in wijzigingen:
        if feit == _WEIGER:
            toezegging = kb.bevinding(waarde).toezegging or kb.bevinding(waarde).titel
            aanvaard.append(zinsdeel(toezegging))
            items.append(Wijziging(feit=feit, van=waarde, naar=None, tekst=aanvaard[-1]))
            continue
        zinnen = kb.feiten[feit]["wat_als"]
        tekst = (
            str(zinnen).replace("{waarde}", in_woorden(waarde))
            if isinstance(zinnen, str)
            else str(zinnen[waarde])
        )
        delen.append(tekst)
        items.append(Wijziging(feit=feit, van=basis.get(feit), naar=waarde, tekst=tekst))
    gevolg = kb.verdicts[verdict].als_gevolg.replace("{open}", open_)
    lijst = opsomming(aanvaard)
    if not delen:
        zin = f"Kunt u alsnog toezeggen: {lijst}? Dan {gevolg}."
    elif aanvaard:
        zin = f"Als {opsomming(delen)}, en u alsnog toezegt wat u in ons gesprek afwees ({lijst}), {gevolg}."
    else:
        zin = f"Als {opsomming(delen)}, {gevolg}."
    return WatAls(wijzigingen=items, verdict=verdict, zin=zin)


def _nog_open(kb: Kennisbank, uitkomst: Uitkomst, antwoorden: dict[str, Any]) -> str:
    """What is still unknown after a change and decides the advice, as the letter says it ('van
    wie de wens komt'), not by the facts' labels."""
    feiten: dict[str, None] = {}
    for regel_id, status in uitkomst.gevuurd:
        regel = kb.regel(regel_id)
        if status != "onbeslist" or getattr(regel, "ernst", None) not in BESLISSEND:
            continue
        for feit in regel.feiten:
            feiten.setdefault(feit, None)
    return opsomming(
        [
            str(kb.feiten[f].get("onderwerp") or kb.feiten[f]["label"])
            for f in feiten
            if f not in antwoorden
        ]
    )
