"""What would change the verdict: the smallest sets of fact changes that give a better verdict.

Found by re-evaluating the case with the engine, so the answers always agree with the rules. For
each finding in the way (the blocks of a no go, the conditions of a go under conditions), the
single-fact changes that make it disappear are found first; one fix per finding is then combined,
re-evaluated, and pruned to what is really needed.
"""

from __future__ import annotations

import itertools
from typing import Any

from advies.engine.adapter import Uitkomst, engine_voor
from advies.engine.advice import WatAls, Wijziging
from advies.knowledge.conditions import Conditie, FeitVoorwaarde, toon_waarde
from advies.knowledge.model import Bevindingsregel, Kennisbank

_RANG = {"no_go": 0, "onvoldoende_informatie": 1, "go_onder_voorwaarden": 2, "go": 3}
_MAX_COMBINATIES = 400
_MAX_RESULTATEN = 5
_WEIGER = "geweigerde_voorwaarden"


def zoek_wat_als(kb: Kennisbank, antwoorden: dict[str, Any], uitkomst: Uitkomst) -> list[WatAls]:
    """For a no go or a go under conditions: the smallest changes that give a better verdict."""
    verdict = _verdict(uitkomst)
    if verdict not in ("no_go", "go_onder_voorwaarden"):
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
        # one suggestion per set of facts: "leervraag reflectie" and "leervraag kennisdeling"
        # are the same advice to the client, so the first (in the catalogue's order) stands
        feiten = {f for f, _ in wijzigingen}
        if all({f for f, _ in w} != feiten for w, _ in gevonden):
            gevonden.append((wijzigingen, nieuw))
    gevonden.sort(key=lambda g: (len(g[0]), -_RANG[g[1]]))
    return [_als_wat_als(kb, basis, w, v) for w, v in gevonden[:_MAX_RESULTATEN]]


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
    """Single changes to the facts this rule reads, plus accepting it if it was refused."""
    kandidaten: list[tuple[str, Any]] = []
    if regel.code in antwoorden.get(_WEIGER, []):
        kandidaten.append((_WEIGER, regel.code))
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
    kb: Kennisbank, basis: dict[str, Any], wijzigingen: list[tuple[str, Any]], verdict: str
) -> WatAls:
    items = []
    aanvaard = [w for f, w in wijzigingen if f == _WEIGER]
    for feit, waarde in wijzigingen:
        if feit == _WEIGER:
            titel = kb.bevinding(waarde).titel
            tekst = f"de opdrachtgever de voorwaarde bij '{titel}' alsnog aanvaardt"
            items.append(Wijziging(feit=feit, van=waarde, naar=None, tekst=tekst))
            continue
        d = kb.feiten[feit]
        label = d["label"].lower() if not d["label"].isupper() else d["label"]
        getoond = (
            d.get("waarden", {}).get(waarde, toon_waarde(waarde))
            if d["type"] == "keuze"
            else toon_waarde(waarde)
        )
        tekst = f"{label} '{getoond}' wordt"
        items.append(Wijziging(feit=feit, van=basis.get(feit), naar=waarde, tekst=tekst))
    delen = [i.tekst for i in items if i.feit != _WEIGER]
    if len(aanvaard) > 1:  # one clause for all accepted conditions, not one per condition
        titels = " en ".join(f"'{kb.bevinding(c).titel}'" for c in aanvaard)
        delen.insert(0, f"de opdrachtgever de voorwaarden bij {titels} alsnog aanvaardt")
    else:
        delen = [i.tekst for i in items]
    uitkomst = kb.verdicts[verdict]
    zin = "Als " + " en ".join(delen) + f", dan: {uitkomst.als_gevolg or uitkomst.label.lower()}."
    return WatAls(wijzigingen=items, verdict=verdict, zin=zin)
