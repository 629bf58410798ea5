"""A second reading of the knowledge base in plain Python: the oracle the engine is checked against.

It interprets the same parsed conditions (conditions.FeitVoorwaarde / Alle / EenVan) with
three-valued logic (True, False, None for undecided) and applies the verdict rule of the domain
brief §4 directly. It shares nothing with advies.engine on purpose: if both read the
rules the same way, the engine's compilation into durable_rules patterns (sentinels for unknown
facts, "waar"/"onbeslist" twins, forward chaining, the gated verdict rules) is right.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from advies.knowledge.conditions import Alle, Conditie, EenVan, FeitVoorwaarde
from advies.knowledge.model import Kennisbank, Regel

Drie = bool | None  # three-valued: True, False, or None when unknown facts leave it open

_ERNST_VOLGORDE = {"blokkerend": 0, "voorwaardelijk": 1, "advies": 2}
_BESLISSEND = ("blokkerend", "voorwaardelijk")


def waarde_van(conditie: Conditie | None, antwoorden: Mapping[str, Any]) -> Drie:
    """The truth of a condition given the known answers (a missing fact is unknown)."""
    if conditie is None:
        return True
    if isinstance(conditie, FeitVoorwaarde):
        return _literal(conditie, antwoorden.get(conditie.feit))
    delen = [waarde_van(d, antwoorden) for d in conditie.delen]
    if isinstance(conditie, Alle):
        if any(d is False for d in delen):
            return False
        return None if any(d is None for d in delen) else True
    assert isinstance(conditie, EenVan)
    if any(d is True for d in delen):
        return True
    return None if any(d is None for d in delen) else False


def _literal(c: FeitVoorwaarde, waarde: Any) -> Drie:
    if c.op == "onbekend":  # asks about the knowledge itself: never undecided
        return waarde is None
    if waarde is None:
        return None
    if c.op == "is":
        # bool is an int in Python: compare the kinds too, so True never equals 1
        return type(waarde) is type(c.waarde) and waarde == c.waarde
    if c.op in ("in", "niet_in"):
        lijst = c.waarde if isinstance(c.waarde, tuple) else (c.waarde,)
        return (waarde in lijst) == (c.op == "in")
    if c.op not in ("kleiner_dan", "groter_dan", "minstens", "hoogstens"):
        raise NotImplementedError(f"het oracle kent operator {c.op!r} nog niet")
    grens = c.waarde
    assert isinstance(grens, int) and isinstance(waarde, int)
    return {
        "kleiner_dan": waarde < grens,
        "groter_dan": waarde > grens,
        "minstens": waarde >= grens,
        "hoogstens": waarde <= grens,
    }[c.op]


@dataclass
class OracleUitkomst:
    """The advice as the oracle computes it, in comparable pieces."""

    verdict: str
    bevindingen: set[str]  # codes of the findings that hold
    geweigerd: set[str]  # conditional codes that hold and were refused (they block)
    onbeslist: dict[str, list[str]]  # undecided non-indication rule id -> its unknown facts
    open_beslissend: set[str]  # unknown facts of undecided blocking or conditional findings
    open_feiten: set[str]  # unknown facts of all undecided non-indications
    methoden: list[tuple[str, list[str]]]  # (method code, rule ids) in proposal order
    vorm: str | None
    stijl: str | None
    samenstelling: list[str]  # rule ids of the composition advice, in reading order
    sleutelvoorwaarden: dict[str, str] = field(default_factory=dict)  # code -> status
    sleutel_ontbreekt: dict[str, list[str]] = field(default_factory=dict)  # code -> unknown facts


def _onbekend(regel: Regel, antwoorden: Mapping[str, Any]) -> list[str]:
    return [f for f in _feiten(regel.conditie) if f not in antwoorden]


def _feiten(conditie: Conditie | None) -> list[str]:
    if conditie is None:
        return []
    if isinstance(conditie, FeitVoorwaarde):
        return [conditie.feit]
    return list(dict.fromkeys(f for d in conditie.delen for f in _feiten(d)))


def _laagste_rang(regels: Iterable[Any]) -> Any:
    gekozen = None
    for regel in regels:  # in knowledge-base order, so a tie goes to the first rule listed
        if gekozen is None or regel.rang < gekozen.rang:
            gekozen = regel
    return gekozen


def beoordeel(kb: Kennisbank, antwoorden: Mapping[str, Any]) -> OracleUitkomst:
    """Evaluate a case's answers (with `geweigerde_voorwaarden` among them, if any)."""
    geweigerde = set(antwoorden.get("geweigerde_voorwaarden") or ())
    staat = {r.id: waarde_van(r.conditie, antwoorden) for r in kb.regels()}
    waar = {regel_id for regel_id, w in staat.items() if w is True}

    gelden = [b for b in kb.bevindingen if b.id in waar]
    # a finding another one already says is not said a second time (vervalt_bij); it never
    # changes the verdict, because what it yields to blocks
    codes = {b.code for b in gelden}
    gelden = [b for b in gelden if not codes.intersection(b.vervalt_bij)]
    onbeslist = {
        b.id: _onbekend(b, antwoorden)
        for b in kb.bevindingen
        if b.soort != "indicatie" and staat[b.id] is None
    }
    beslissend_onbeslist = [
        b for b in kb.bevindingen if b.id in onbeslist and b.ernst in _BESLISSEND
    ]
    geweigerd = {b.code for b in gelden if b.ernst == "voorwaardelijk" and b.code in geweigerde}

    # the verdict rule of the domain brief §4, in its own order
    if any(b.ernst == "blokkerend" for b in gelden) or geweigerd:
        verdict = "no_go"
    elif beslissend_onbeslist:
        verdict = "onvoldoende_informatie"
    elif any(b.ernst == "voorwaardelijk" for b in gelden):
        verdict = "go_onder_voorwaarden"
    else:
        verdict = "go"

    # a no go proposes no intervision: no methods, no form or style, no composition advice; and
    # only what could add a block is still an open question
    no_go = verdict == "no_go"
    methoden: dict[str, list[str]] = {}
    for m in sorted((m for m in kb.methoderegels if m.id in waar), key=lambda m: (m.rang, m.id)):
        methoden.setdefault(m.methode, []).append(m.id)
    vorm = _laagste_rang(r for r in kb.vormregels if r.id in waar)
    stijl = _laagste_rang(r for r in kb.stijlregels if r.id in waar)

    volgorde = {
        b.id: (_ERNST_VOLGORDE.get(b.ernst or "", 3), i) for i, b in enumerate(kb.bevindingen)
    }
    samenstelling = [b.id for b in sorted(gelden, key=lambda b: volgorde[b.id]) if b.samenstelling]
    samenstelling += [r.id for r in kb.samenstellingsregels if r.id in waar]
    if no_go:
        methoden, vorm, stijl, samenstelling = {}, None, None, []
        onbeslist = {
            r: f
            for r, f in onbeslist.items()
            if kb.regel(r).ernst == "blokkerend"  # type: ignore[attr-defined]
        }

    # a key condition with a finding about it that holds stands by the heaviest of them (rules/
    # sleutelvoorwaarden.yaml), else by its own facts; one judged by stand-in facts is never
    # 'niet vervuld'
    gewicht = {"blokkerend": "niet_vervuld", "voorwaardelijk": "voorwaarde", "advies": "te_regelen"}
    zwaarte = ["niet_vervuld", "voorwaarde", "te_regelen"]
    van_code = {
        b.code: "niet_vervuld" if b.code in geweigerd else gewicht.get(b.ernst or "", "")
        for b in gelden
    }
    twijfel = {b.code for b in kb.bevindingen if staat[b.id] is None}
    sleutel = {}
    ontbreekt = {}
    for s in kb.sleutelvoorwaarden:
        w = staat[s.id]
        standen = [van_code[c] for c in s.bevindingen if van_code.get(c)]
        if standen:
            stand = min(standen, key=zwaarte.index)
            if no_go and stand == "voorwaarde":  # no condition without a start
                stand = "niet_vervuld"
            if s.benadering and stand == "niet_vervuld":
                stand = "te_regelen"
            sleutel[s.code] = stand
        elif w is True:
            sleutel[s.code] = "vervuld"
        elif w is None:
            sleutel[s.code] = "onbekend"
        elif s.benadering:
            sleutel[s.code] = "te_regelen"
        else:
            if twijfel & set(s.bevindingen):
                sleutel[s.code] = "onbekend"
            else:
                sleutel[s.code] = "niet_vervuld"
        ontbreekt[s.code] = _onbekend(s, antwoorden) if w is None else []

    return OracleUitkomst(
        verdict=verdict,
        bevindingen={b.code for b in gelden},
        geweigerd=geweigerd,
        onbeslist=onbeslist,
        open_beslissend={
            f for b in beslissend_onbeslist if b.id in onbeslist for f in onbeslist[b.id]
        },
        open_feiten={f for feiten in onbeslist.values() for f in feiten},
        methoden=list(methoden.items()),
        vorm=vorm.vorm if vorm else None,
        stijl=stijl.stijl if stijl else None,
        samenstelling=samenstelling,
        sleutelvoorwaarden=sleutel,
        sleutel_ontbreekt=ontbreekt,
    )


# --- random cases ----------------------------------------------------------------------------


def _drempels_per_feit(kb: Kennisbank) -> dict[str, set[int]]:
    """The numbers each numeric fact is compared with somewhere in the rules."""
    gevonden: dict[str, set[int]] = {}

    def loop(c: Conditie | None) -> None:
        if isinstance(c, FeitVoorwaarde):
            if isinstance(c.waarde, int) and not isinstance(c.waarde, bool):
                gevonden.setdefault(c.feit, set()).add(c.waarde)
        elif c is not None:
            for deel in c.delen:
                loop(deel)

    for regel in kb.regels():
        loop(regel.conditie)
    return gevonden


class CasusGenerator:
    """Seeded random answers: each fact unknown with a per-case probability, else an allowed value.

    Numbers land on and next to the thresholds the rules use half of the time, and anywhere from
    the fact's minimum to a little above three times its largest threshold otherwise (groepsgrootte
    1..30). Two cases in five are first steered away from the blocking (and conditional) findings
    (by drawing their facts again), or a `go` would hardly ever come up. Some cases refuse
    one to three conditional findings.
    """

    def __init__(self, kb: Kennisbank, seed: int):
        import random

        self.kb = kb
        self.rng = random.Random(seed)
        self.codes = sorted({b.code for b in kb.bevindingen if b.ernst == "voorwaardelijk"})
        self.getallen: dict[str, tuple[list[int], int, int]] = {}
        drempels = _drempels_per_feit(kb)
        for feit, d in kb.feiten.items():
            if d["type"] != "getal":
                continue
            laag, hoog = d.get("min", 0), d.get("max", 10**6)
            grenzen = drempels.get(feit, {laag + 10})
            rand = sorted({g + s for g in grenzen for s in (-1, 0, 1) if laag <= g + s <= hoog})
            self.getallen[feit] = (rand, laag, min(hoog, 3 * max(grenzen) + 6))

    def antwoorden(self) -> dict[str, Any]:
        rng = self.rng
        antwoorden = {f: self._waarde(f) for f, d in self.kb.feiten.items() if d["type"] != "codes"}
        if rng.random() < 0.4:
            self._ontwijk_bezwaren(antwoorden, rng.choice((("blokkerend",), _BESLISSEND)))
        onbekend = rng.choice((0.0, 0.1, 0.25, 0.5))
        antwoorden = {f: w for f, w in antwoorden.items() if rng.random() >= onbekend}
        if rng.random() < 0.3:
            antwoorden["geweigerde_voorwaarden"] = rng.sample(self.codes, rng.randint(1, 3))
        return antwoorden

    def _waarde(self, feit: str) -> Any:
        d = self.kb.feiten[feit]
        if d["type"] == "keuze":
            return self.rng.choice(list(d["waarden"]))
        if d["type"] == "ja_nee":
            return self.rng.random() < 0.5
        rand, laag, hoog = self.getallen[feit]
        return self.rng.choice(rand) if self.rng.random() < 0.5 else self.rng.randint(laag, hoog)

    def _ontwijk_bezwaren(self, antwoorden: dict[str, Any], ernst: tuple[str, ...]) -> None:
        for _ in range(40):
            bezwaren = [
                b
                for b in self.kb.bevindingen
                if b.ernst in ernst and waarde_van(b.conditie, antwoorden) is True
            ]
            if not bezwaren:
                return
            feit = self.rng.choice(_feiten(self.rng.choice(bezwaren).conditie))
            antwoorden[feit] = self._waarde(feit)
