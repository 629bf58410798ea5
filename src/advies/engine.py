"""The durable_rules adapter: the only module that imports the engine.

The knowledge base is compiled once into one ruleset. Each evaluation gets a fresh session (sid)
that is deleted in a `finally`, because the engine holds at most 1024 live sessions per ruleset and
is corrupt after that. Actions are driven directly through the C extension rather than the Host
(whose timer threads race and whose glue costs 60% of the time; see shared/engine-notes.md), so an
exception in an action propagates instead of being swallowed in the returned state.

Three phases per session:
1. the refused conditions (`geweigerd` facts) and then the case (`casus` fact) are asserted; every
   data rule has a "waar" twin and an "onbeslist" twin (three-valued
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

def _ex(feit: str) -> dict[str, Any]:
    return {"$ex": {feit: 1}}


def _nex(feit: str) -> dict[str, Any]:
    return {"$nex": {feit: 1}}


def _or(delen: list[dict[str, Any]]) -> dict[str, Any]:
    return delen[0] if len(delen) == 1 else {"$or": delen}


def _and(delen: list[dict[str, Any]]) -> dict[str, Any]:
    return delen[0] if len(delen) == 1 else {"$and": delen}


_VERGELIJK = {"kleiner_dan": "$lt", "groter_dan": "$gt", "minstens": "$gte", "hoogstens": "$lte"}
_TEGENDEEL = {"kleiner_dan": "$gte", "groter_dan": "$lte", "minstens": "$lt", "hoogstens": "$gt"}


def _literal(c: FeitVoorwaarde) -> tuple[dict[str, Any], dict[str, Any]]:
    """(holds, fails) for a known fact; both require the fact to be present."""
    f = c.feit
    if c.op in _VERGELIJK:
        return {_VERGELIJK[c.op]: {f: c.waarde}}, {_TEGENDEEL[c.op]: {f: c.waarde}}
    waarden = c.waarde if isinstance(c.waarde, tuple) else (c.waarde,)
    gelijk = _or([{f: w} for w in waarden])
    ongelijk = _and([_ex(f)] + [{"$neq": {f: w}} for w in waarden])
    return (gelijk, ongelijk) if c.op in ("is", "in") else (ongelijk, gelijk)


def waar(c: Conditie) -> dict[str, Any]:
    """Pattern: the condition is true on the known facts."""
    if isinstance(c, FeitVoorwaarde):
        return _literal(c)[0]
    delen = [waar(d) for d in c.delen]
    return _and(delen) if isinstance(c, Alle) else _or(delen)


def mogelijk(c: Conditie) -> dict[str, Any]:
    """Pattern: the condition is not false (true, or undecided for lack of facts)."""
    if isinstance(c, FeitVoorwaarde):
        return _or([_nex(c.feit), _literal(c)[0]])
    delen = [mogelijk(d) for d in c.delen]
    return _and(delen) if isinstance(c, Alle) else _or(delen)


def niet_zeker(c: Conditie) -> dict[str, Any]:
    """Pattern: the condition is not true (false, or undecided)."""
    if isinstance(c, FeitVoorwaarde):
        return _or([_nex(c.feit), _literal(c)[1]])
    delen = [niet_zeker(d) for d in c.delen]
    return _or(delen) if isinstance(c, Alle) else _and(delen)


def _op_casus(pattern: dict[str, Any] | None) -> list[dict[str, Any]]:
    basis = {"t": "casus"}
    return [{"m": basis if pattern is None else {"$and": [basis, pattern]}}]


# --- the ruleset -----------------------------------------------------------------------------

_Actie = Callable[["_Sessie", dict[str, Any]], None]


class _Sessie:
    """One evaluation's working memory on the Python side."""

    def __init__(self, engine: Engine, sid: str):
        self.engine = engine
        self.sid = sid
        self.uitkomst = Uitkomst()
        self._teller = itertools.count()
        self._gezien: set[tuple[str, str]] = set()

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

    def __init__(self, kb: Kennisbank):
        self.kb = kb
        self._acties: dict[str, _Actie] = {}
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
        definitie[f"{regel.id}$waar"] = {"all": _op_casus(None if conditie is None else waar(conditie))}
        self._acties[f"{regel.id}$waar"] = _bij_waar(regel)
        if conditie is None:
            return
        pattern = {"$and": [mogelijk(conditie), niet_zeker(conditie)]}
        definitie[f"{regel.id}$onbeslist"] = {"all": _op_casus(pattern)}
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
            "all": [fase, {"b$not": blokkade}, {"o$not": open_beslissend}, {"v$not": voorwaardelijk}]
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
                self._draai(sessie, {"t": "casus", **antwoorden})
                self._draai(sessie, {"t": "fase"})
            finally:
                dre.delete_state(self.handle, sessie.sid)
        if len(sessie.uitkomst.verdicts) != 1:
            raise EngineFout(f"de regelengine gaf geen eenduidig oordeel: {sorted(sessie.uitkomst.verdicts)}")
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
            ((naam, inhoud),) = json.loads(bericht).items()
            try:
                self._acties[naam](sessie, inhoud)
            except BaseException:
                dre.abandon_action(self.handle, state)
                raise
            bericht = dre.complete_and_start_action(self.handle, state)


def _bij_waar(regel: Regel) -> _Actie:
    regel_id = regel.id
    bevinding = None
    if isinstance(regel, Bevindingsregel):
        bevinding = {"t": "bevinding", "code": regel.code, "ernst": regel.ernst or "geen"}

    def actie(sessie: _Sessie, _: dict[str, Any]) -> None:
        if not sessie.eerste_keer(regel_id, "waar"):
            return
        if bevinding is not None:
            sessie.assert_fact(dict(bevinding))

    return actie


def _bij_onbeslist(regel: Regel) -> _Actie:
    regel_id = regel.id
    beslissend = isinstance(regel, Bevindingsregel) and regel.ernst in _BESLISSEND
    # an undecided indication is no question: it cannot hold the verdict back
    vraag = isinstance(regel, Bevindingsregel) and regel.soort != "indicatie"
    feit = {"t": "open", "regel": regel_id, "beslissend": beslissend}

    def actie(sessie: _Sessie, _: dict[str, Any]) -> None:
        if not sessie.eerste_keer(regel_id, "onbeslist"):
            return
        if vraag:
            sessie.assert_fact(dict(feit))

    return actie


def _blokkeer(sessie: _Sessie, inhoud: dict[str, Any]) -> None:
    sessie.assert_fact({"t": "blokkade", "code": inhoud["b"]["code"]})


def _weiger(sessie: _Sessie, inhoud: dict[str, Any]) -> None:
    code = inhoud["b"]["code"]
    if code in sessie.uitkomst.geweigerd:
        return
    sessie.uitkomst.geweigerd.append(code)
    sessie.assert_fact({"t": "blokkade", "code": code})


def _verdict(verdict: str) -> _Actie:
    def actie(sessie: _Sessie, _: dict[str, Any]) -> None:
        sessie.uitkomst.verdicts.add(verdict)

    return actie
