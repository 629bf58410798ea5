"""The durable_rules adapter: the only module that imports the engine.

The knowledge base is compiled once into one ruleset. Each evaluation gets a fresh session (sid)
that is deleted in a `finally`, because the engine holds at most 1024 live sessions per ruleset and
is corrupt after that. Actions are driven directly through the C extension rather than the Host
(whose timer threads race and whose glue costs 60% of the time; see shared/engine-notes.md), so an
exception in an action propagates instead of being swallowed in the returned state.

Three phases per session:
1. the refused conditions (`geweigerd` facts) and then the case (`casus` fact) are asserted; every
   data rule has a "waar" twin and, where its being undecided matters, an "onbeslist" twin (three-valued
   logic compiled into `$ex`/`$nex` patterns). Their actions assert `bevinding` and `open` facts,
   which chain forward into `blokkade` facts (a blocking finding, or a refused condition).
2. once the queue is empty, a `fase` fact is asserted: only then do the verdict rules match, so the
   negations in them (`none(blokkade)`) see the complete set of findings.
3. the session is deleted.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import durable_rules_engine as dre

from .conditions import Alle, Conditie, EenVan, FeitVoorwaarde
from .errors import EngineFout
from .kennisbank import Bevindingsregel, Kennisbank, Regel

_VERDICT_RULES = ("no_go", "onvoldoende_informatie", "go_onder_voorwaarden", "go")
_BESLISSEND = ("blokkerend", "voorwaardelijk")
_NO_MATCH = 1  # the engine's code for a fact no rule wants: not an error here


@dataclass
class Uitkomst:
    """What fired in one session, in firing order: (rule id, 'waar' | 'onbeslist') and the rest."""

    gevuurd: list[tuple[str, str]] = field(default_factory=list)
    geweigerd: list[str] = field(default_factory=list)  # refused conditional codes that fired
    verdicts: set[str] = field(default_factory=set)


# --- compiling conditions into patterns ------------------------------------------------------
#
# An unknown fact is asserted as a sentinel (ONBEKEND for words and yes/no, -1 for numbers) rather
# than left out. That keeps "true or unknown" and "false or unknown" single patterns (one regex or
# one comparison) instead of `$or`s over `$nex`: the engine expands every `$or` into separate rule
# variants, and with three-valued twins that expansion multiplied the network twentyfold.

ONBEKEND = "ONBEKEND"
_GETAL_ONBEKEND = -1


def _regex(waarden: list[str]) -> dict[str, Any]:
    return {"$mt": "|".join(waarden)}


class _Patronen:
    """The three patterns of a condition: true, possible (not false) and not certain (not true)."""

    def __init__(self, feiten: dict[str, dict[str, Any]]):
        self.feiten = feiten

    def _literal(self, c: FeitVoorwaarde) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
        f = c.feit
        soort = self.feiten[f]["type"]
        if c.op == "onbekend":
            onbekend = {f: _GETAL_ONBEKEND if soort == "getal" else ONBEKEND}
            bekend = {"$neq": {f: _GETAL_ONBEKEND if soort == "getal" else ONBEKEND}}
            return onbekend, onbekend, bekend
        if soort == "keuze":
            gekozen = [str(w) for w in (c.waarde if isinstance(c.waarde, tuple) else (c.waarde,))]
            rest = [w for w in self.feiten[f]["waarden"] if w not in gekozen]
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
        onbekend = {f: _GETAL_ONBEKEND}
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
        return _and(delen) if isinstance(c, Alle) else _or(delen)

    def mogelijk(self, c: Conditie) -> dict[str, Any]:
        if isinstance(c, FeitVoorwaarde):
            return self._literal(c)[1]
        delen = [self.mogelijk(d) for d in c.delen]
        return _and(delen) if isinstance(c, Alle) else _or(delen)

    def niet_zeker(self, c: Conditie) -> dict[str, Any]:
        if isinstance(c, FeitVoorwaarde):
            return self._literal(c)[2]
        delen = [self.niet_zeker(d) for d in c.delen]
        return _or(delen) if isinstance(c, Alle) else _and(delen)


def _or(delen: list[dict[str, Any]]) -> dict[str, Any]:
    return delen[0] if len(delen) == 1 else {"$or": delen}


def _and(delen: list[dict[str, Any]]) -> dict[str, Any]:
    return delen[0] if len(delen) == 1 else {"$and": delen}


_GROEPEN = 8


def _op_casus(pattern: dict[str, Any] | None, groep: int) -> list[dict[str, Any]]:
    """Match the case fact, under one of a few group markers.

    The engine walks its match network with a fixed-size stack, and a case in which every fact
    is known matches hundreds of rule branches at once under the same node (error 303). A marker
    per group puts an extra level in the network, so no node has more than a few dozen branches.
    """
    basis = [{"t": "casus"}, {f"g{groep}": 1}]
    return [{"m": {"$and": basis if pattern is None else [*basis, pattern]}}]


# --- the ruleset -----------------------------------------------------------------------------

_Actie = Callable[["_Sessie", str], None]  # the raw JSON message, decoded only where needed


class _Sessie:
    """One evaluation's working memory on the Python side."""

    def __init__(self, engine: Engine, sid: str):
        self.engine = engine
        self.sid = sid
        self.uitkomst = Uitkomst()
        self._teller = itertools.count()
        self._gezien: set[tuple[str, str]] = set()
        self.onbekend: set[str] = set()

    def eerste_keer(self, regel_id: str, status: str) -> bool:
        """Record a firing once: the engine activates a rule once per matching `$or` branch."""
        if (regel_id, status) in self._gezien:
            return False
        self._gezien.add((regel_id, status))
        self.uitkomst.gevuurd.append((regel_id, status))
        return True

    def assert_fact(self, fact: dict[str, Any]) -> None:
        fact["sid"] = self.sid
        fact["id"] = next(self._teller)
        code, _ = dre.assert_fact(self.engine.handle, json.dumps(fact))
        if code not in (0, _NO_MATCH):
            raise EngineFout(f"de regelengine weigerde een feit (code {code}): {fact}")


class Engine:
    """The knowledge base compiled into one durable_rules ruleset."""

    _namen = itertools.count()

    def __init__(self, kb: Kennisbank, *, alle_twijfels: bool = False):
        """`alle_twijfels` also compiles the undecided twins of the proposal rules (methods, form,
        style, composition): only the questionnaires need those, to know which questions still
        matter, and they make every evaluation a third slower."""
        self.kb = kb
        self._alle_twijfels = alle_twijfels
        self._acties: dict[str, _Actie] = {}
        self._patronen = _Patronen(kb.feiten)
        self._groep = itertools.cycle(range(_GROEPEN))
        # every fact a rule may read, with the sentinel it gets when unknown
        self._onbekend = {
            f: _GETAL_ONBEKEND if d["type"] == "getal" else ONBEKEND
            for f, d in kb.feiten.items()
            if d["type"] != "codes"
        }
        self._markers = {f"g{i}": 1 for i in range(_GROEPEN)}
        definitie: dict[str, Any] = {}
        for regel in kb.regels():
            self._compileer(regel, definitie)
        self._systeemregels(definitie)
        naam = f"advies_{kb.versie}_{next(self._namen)}"
        self.handle = dre.create_ruleset(naam, json.dumps(definitie))
        self._sids = itertools.count()
        self._lock = threading.Lock()

    def _compileer(self, regel: Regel, definitie: dict[str, Any]) -> None:
        conditie = regel.conditie
        p = self._patronen
        groep = next(self._groep)
        twijfel = conditie is not None and (self._alle_twijfels or _twijfel_telt(regel))
        if twijfel and not _heeft_een_van(conditie):
            # A conjunction that is possible (no part false) is true when every fact it compares
            # is known, and undecided otherwise: one rule instead of a true and an undecided twin,
            # whose "not certain" part the engine expands into a rule variant per fact.
            gelezen = frozenset(_vergeleken_feiten(conditie))
            definitie[f"{regel.id}$mogelijk"] = {"all": _op_casus(p.mogelijk(conditie), groep)}
            self._acties[f"{regel.id}$mogelijk"] = _bij_mogelijk(
                gelezen, _bij_waar(regel), _bij_onbeslist(regel)
            )
            return
        definitie[f"{regel.id}$waar"] = {
            "all": _op_casus(None if conditie is None else p.waar(conditie), groep)
        }
        self._acties[f"{regel.id}$waar"] = _bij_waar(regel)
        if not twijfel:
            return
        pattern = {"$and": [p.mogelijk(conditie), p.niet_zeker(conditie)]}
        definitie[f"{regel.id}$onbeslist"] = {"all": _op_casus(pattern, groep)}
        self._acties[f"{regel.id}$onbeslist"] = _bij_onbeslist(regel)

    def _systeemregels(self, definitie: dict[str, Any]) -> None:
        """Forward chaining from findings to blocks, and the verdict once all findings are in."""
        definitie["blokkade$blokkerend"] = {
            "all": [{"b": {"$and": [{"t": "bevinding"}, {"ernst": "blokkerend"}]}}]
        }
        self._acties["blokkade$blokkerend"] = _blokkeer
        definitie["blokkade$geweigerd"] = {
            "all": [
                {"b": {"$and": [{"t": "bevinding"}, {"ernst": "voorwaardelijk"}]}},
                {"g": {"$and": [{"t": "geweigerd"}, {"code": {"b": "code"}}]}},
            ]
        }
        self._acties["blokkade$geweigerd"] = _weiger
        fase = {"f": {"t": "fase"}}
        blokkade = {"$and": [{"t": "blokkade"}]}
        open_beslissend = {"$and": [{"t": "open"}, {"beslissend": True}]}
        voorwaardelijk = {"$and": [{"t": "bevinding"}, {"ernst": "voorwaardelijk"}]}
        definitie["verdict$no_go"] = {"all": [fase, {"b": blokkade}]}
        definitie["verdict$onvoldoende_informatie"] = {
            "all": [fase, {"o": open_beslissend}, {"b$not": blokkade}]
        }
        definitie["verdict$go_onder_voorwaarden"] = {
            "all": [fase, {"v": voorwaardelijk}, {"b$not": blokkade}, {"o$not": open_beslissend}]
        }
        definitie["verdict$go"] = {
            "all": [
                fase,
                {"b$not": blokkade},
                {"o$not": open_beslissend},
                {"v$not": voorwaardelijk},
            ]
        }
        for verdict in _VERDICT_RULES:
            self._acties[f"verdict${verdict}"] = _verdict(verdict)

    def evalueer(self, antwoorden: dict[str, Any], geweigerd: list[str]) -> Uitkomst:
        """Run one case through the ruleset in a fresh session and return what fired."""
        with self._lock:
            sessie = _Sessie(self, f"s{next(self._sids)}")
            try:
                for code in geweigerd:
                    self._draai(sessie, {"t": "geweigerd", "code": code})
                casus = {f: antwoorden.get(f, onbekend) for f, onbekend in self._onbekend.items()}
                sessie.onbekend = {f for f in self._onbekend if f not in antwoorden}
                self._draai(sessie, {"t": "casus", **self._markers, **casus})
                self._draai(sessie, {"t": "fase"})
            except MemoryError:
                # the engine's sign that sessions were not freed: it is unusable from here on
                raise EngineFout(
                    "de regelengine heeft geen ruimte meer voor nieuwe sessies"
                ) from None
            finally:
                dre.delete_state(self.handle, sessie.sid)
        if len(sessie.uitkomst.verdicts) != 1:
            raise EngineFout(
                f"de regelengine gaf geen eenduidig oordeel: {sorted(sessie.uitkomst.verdicts)}"
            )
        return sessie.uitkomst

    def _draai(self, sessie: _Sessie, fact: dict[str, Any]) -> None:
        """Assert a fact and run every action it triggers, including those chained from them."""
        fact["sid"] = sessie.sid
        fact["id"] = f"x{next(sessie._teller)}"
        code, state = dre.assert_fact(self.handle, json.dumps(fact))
        if code == _NO_MATCH:
            return
        if code != 0:
            raise EngineFout(f"de regelengine weigerde een feit (code {code}): {fact}")
        gestart = dre.start_action_for_state(self.handle, state)
        bericht = gestart[1] if gestart else None
        while bericht:
            # the message is '{"<rule name>": {...}}'; only the name is needed for most actions,
            # and decoding the whole message (it repeats the case) was the largest cost
            naam = bericht[2 : bericht.index('"', 2)]
            try:
                self._acties[naam](sessie, bericht)
            except BaseException:
                dre.abandon_action(self.handle, state)
                raise
            bericht = dre.complete_and_start_action(self.handle, state)


def _heeft_een_van(conditie: Conditie | None) -> bool:
    if conditie is None or isinstance(conditie, FeitVoorwaarde):
        return False
    return isinstance(conditie, EenVan) or any(_heeft_een_van(d) for d in conditie.delen)


def _vergeleken_feiten(conditie: Conditie | None) -> set[str]:
    """Facts compared with a value; an unknown one leaves such a comparison undecided. (The
    `onbekend` operator is decided by the unknown itself.)"""
    if conditie is None:
        return set()
    if isinstance(conditie, FeitVoorwaarde):
        return set() if conditie.op == "onbekend" else {conditie.feit}
    return set().union(*(_vergeleken_feiten(d) for d in conditie.delen))


def _bij_mogelijk(gelezen: frozenset[str], waar: _Actie, onbeslist: _Actie) -> _Actie:
    def actie(sessie: _Sessie, bericht: str) -> None:
        if gelezen & sessie.onbekend:
            onbeslist(sessie, bericht)
        else:
            waar(sessie, bericht)

    return actie


def _twijfel_telt(regel: Regel) -> bool:
    """An undecided finding (not an indication) is an open question; an undecided key condition
    is 'onbekend'. Other undecided rules change nothing in the advice."""
    if isinstance(regel, Bevindingsregel):
        return regel.soort != "indicatie"
    return regel.categorie == "sleutelvoorwaarde"


def _bij_waar(regel: Regel) -> _Actie:
    regel_id = regel.id
    bevinding = None
    if isinstance(regel, Bevindingsregel) and regel.ernst in _BESLISSEND:
        # only what can weigh in the verdict is chained on; the rest is recorded
        bevinding = {"t": "bevinding", "code": regel.code, "ernst": regel.ernst}

    def actie(sessie: _Sessie, _: str) -> None:
        if not sessie.eerste_keer(regel_id, "waar"):
            return
        if bevinding is not None:
            sessie.assert_fact(dict(bevinding))

    return actie


def _bij_onbeslist(regel: Regel) -> _Actie:
    regel_id = regel.id
    beslissend = isinstance(regel, Bevindingsregel) and regel.ernst in _BESLISSEND
    # only a decisive open question can hold the verdict back, so only that one is chained on
    feit = {"t": "open", "regel": regel_id, "beslissend": True}

    def actie(sessie: _Sessie, _: str) -> None:
        if not sessie.eerste_keer(regel_id, "onbeslist"):
            return
        if beslissend:
            sessie.assert_fact(dict(feit))

    return actie


def _blokkeer(sessie: _Sessie, bericht: str) -> None:
    sessie.assert_fact(
        {"t": "blokkade", "code": json.loads(bericht)["blokkade$blokkerend"]["b"]["code"]}
    )


def _weiger(sessie: _Sessie, bericht: str) -> None:
    code = json.loads(bericht)["blokkade$geweigerd"]["b"]["code"]
    if code in sessie.uitkomst.geweigerd:
        return
    sessie.uitkomst.geweigerd.append(code)
    sessie.assert_fact({"t": "blokkade", "code": code})


def _verdict(verdict: str) -> _Actie:
    def actie(sessie: _Sessie, _: str) -> None:
        sessie.uitkomst.verdicts.add(verdict)

    return actie
