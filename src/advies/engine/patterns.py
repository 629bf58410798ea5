"""Rule conditions as durable_rules patterns (plain JSON; the engine itself is engine.py's).

An unknown fact is asserted as a sentinel (ONBEKEND for words and yes/no, -1 for numbers) rather
than left out. That keeps "true or unknown" and "false or unknown" single patterns (one regex or
one comparison) instead of `$or`s over `$nex`: the engine expands every `$or` into separate rule
variants, and with three-valued twins that expansion multiplied the network twentyfold.

Inside the engine a fact goes by a short name and a choice by a letter (Codering): the engine
parses the case, and writes it out again in every action it hands back, so its length counted.
"""

from __future__ import annotations

from typing import Any

from advies.errors import KennisbankFout
from advies.knowledge.conditions import Alle, Conditie, EenVan, FeitVoorwaarde

ONBEKEND = "X"  # no choice is coded as an upper-case letter
GETAL_ONBEKEND = -1
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


class Codering:
    """Facts by short names (f0, f1, ...) and choices by letters, as the engine sees a case."""

    def __init__(self, feiten: dict[str, dict[str, Any]]):
        gelezen = [f for f, d in feiten.items() if d["type"] != "codes"]
        self.naam = {f: f"f{i}" for i, f in enumerate(gelezen)}
        self.letters: dict[str, dict[Any, str]] = {
            f: dict(zip(d["waarden"], _LETTERS, strict=False))
            for f, d in feiten.items()
            if d["type"] == "keuze"
        }
        for f, letters in self.letters.items():
            if len(letters) < len(feiten[f]["waarden"]):
                raise KennisbankFout(
                    f"feit '{f}' heeft meer dan {len(_LETTERS)} keuzes; zoveel kan de regelengine "
                    "niet onderscheiden",
                    bestand="feiten.yaml",
                )
        self._velden = [
            (
                f,
                self.naam[f],
                self.letters.get(f),
                GETAL_ONBEKEND if feiten[f]["type"] == "getal" else ONBEKEND,
            )
            for f in gelezen
        ]

    def casus(self, antwoorden: dict[str, Any]) -> dict[str, Any]:
        """The case fact: every fact a rule may read, unknown ones as their sentinel."""
        feit: dict[str, Any] = {}
        self.vul(feit, antwoorden)
        return feit

    def vul(self, feit: dict[str, Any], antwoorden: dict[str, Any]) -> None:
        """Add the case's facts to `feit`, as `casus` gives them (one dict less per case)."""
        for f, naam, letters, onbekend in self._velden:
            waarde = antwoorden.get(f)
            if waarde is None:
                feit[naam] = onbekend
            else:
                feit[naam] = letters[waarde] if letters else waarde


class Patronen:
    """The three patterns of a condition: true, possible (not false) and not certain (not true)."""

    def __init__(self, feiten: dict[str, dict[str, Any]], codering: Codering):
        self.feiten = feiten
        self.codering = codering

    def _literal(self, c: FeitVoorwaarde) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
        f = self.codering.naam[c.feit]
        soort = self.feiten[c.feit]["type"]
        if c.op == "onbekend":
            onbekend = {f: GETAL_ONBEKEND if soort == "getal" else ONBEKEND}
            bekend = {"$neq": {f: GETAL_ONBEKEND if soort == "getal" else ONBEKEND}}
            return onbekend, onbekend, bekend
        if soort == "keuze":
            letters = self.codering.letters[c.feit]
            waarden = c.waarde if isinstance(c.waarde, tuple) else (c.waarde,)
            gekozen = [letters[str(w)] for w in waarden]
            rest = [letter for letter in letters.values() if letter not in gekozen]
            ja, nee = (gekozen, rest) if c.op in ("is", "in") else (rest, gekozen)
            waar = {"$mt": {f: "|".join(ja)}} if ja else {f: "GEEN_WAARDE"}  # "niet_in" all values
            return (
                waar,
                {"$mt": {f: "|".join([*ja, ONBEKEND])}},
                {"$mt": {f: "|".join([*nee, ONBEKEND])}},
            )
        if soort == "ja_nee":
            return {f: c.waarde}, {"$neq": {f: not c.waarde}}, {"$neq": {f: c.waarde}}
        n = c.waarde
        onbekend = {f: GETAL_ONBEKEND}
        bekend = {"$gte": {f: 0}}
        if c.op == "kleiner_dan":
            return (
                {"$and": [bekend, {"$lt": {f: n}}]},
                {"$lt": {f: n}},
                {"$or": [{"$gte": {f: n}}, onbekend]},
            )
        if c.op == "hoogstens":
            return (
                {"$and": [bekend, {"$lte": {f: n}}]},
                {"$lte": {f: n}},
                {"$or": [{"$gt": {f: n}}, onbekend]},
            )
        if c.op == "groter_dan":
            return {"$gt": {f: n}}, {"$or": [{"$gt": {f: n}}, onbekend]}, {"$lte": {f: n}}
        if c.op == "minstens":
            return {"$gte": {f: n}}, {"$or": [{"$gte": {f: n}}, onbekend]}, {"$lt": {f: n}}
        return {f: n}, {"$or": [{f: n}, onbekend]}, {"$neq": {f: n}}  # "is" on a number

    def waar(self, c: Conditie) -> dict[str, Any]:
        if isinstance(c, FeitVoorwaarde):
            return self._literal(c)[0]
        delen = [self.waar(d) for d in c.delen]
        return and_(delen) if isinstance(c, Alle) else or_(delen)

    def mogelijk(self, c: Conditie) -> dict[str, Any]:
        if isinstance(c, FeitVoorwaarde):
            return self._literal(c)[1]
        delen = [self.mogelijk(d) for d in c.delen]
        return and_(delen) if isinstance(c, Alle) else or_(delen)

    def niet_zeker(self, c: Conditie) -> dict[str, Any]:
        if isinstance(c, FeitVoorwaarde):
            return self._literal(c)[2]
        delen = [self.niet_zeker(d) for d in c.delen]
        return or_(delen) if isinstance(c, Alle) else and_(delen)


def or_(delen: list[dict[str, Any]]) -> dict[str, Any]:
    return delen[0] if len(delen) == 1 else {"$or": delen}


def and_(delen: list[dict[str, Any]]) -> dict[str, Any]:
    return delen[0] if len(delen) == 1 else {"$and": delen}


GROEPEN = 8


def op_casus(pattern: dict[str, Any] | None, groep: int) -> list[dict[str, Any]]:
    """Match the case fact, under one of a few group markers.

    The engine walks its match network with a fixed-size stack, and a case in which every fact
    is known matches hundreds of rule branches at once under the same node (error 303). A marker
    per group puts an extra level in the network, so no node has more than a few dozen branches.
    """
    basis = [{"t": "casus"}, {f"g{groep}": 1}]
    return [{"m": {"$and": basis if pattern is None else [*basis, pattern]}}]


def heeft_een_van(conditie: Conditie | None) -> bool:
    if conditie is None or isinstance(conditie, FeitVoorwaarde):
        return False
    return isinstance(conditie, EenVan) or any(heeft_een_van(d) for d in conditie.delen)


def vergeleken_feiten(conditie: Conditie | None) -> set[str]:
    """Facts compared with a value; an unknown one leaves such a comparison undecided. (The
    `onbekend` operator is decided by the unknown itself.)"""
    if conditie is None:
        return set()
    if isinstance(conditie, FeitVoorwaarde):
        return set() if conditie.op == "onbekend" else {conditie.feit}
    return set().union(*(vergeleken_feiten(d) for d in conditie.delen))
