"""The durable_rules adapter: the only module that imports the engine.

The knowledge base is compiled once into one ruleset (the patterns come from patterns.py). Each evaluation gets a fresh session (sid)
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
import orjson

from advies.engine.patterns import (
    GROEPEN,
    Codering,
    Patronen,
    heeft_een_van,
    op_casus,
    vergeleken_feiten,
)
from advies.errors import EngineFout
from advies.knowledge.model import Bevindingsregel, Kennisbank, Regel

_VERDICT_RULES = ("no_go", "onvoldoende_informatie", "go_onder_voorwaarden", "go")
_BESLISSEND = ("blokkerend", "voorwaardelijk")
_NO_MATCH = 1  # the engine's code for a fact no rule wants: not an error here


@dataclass
class Uitkomst:
    """What fired in one session, in firing order: (rule id, 'waar' | 'onbeslist') and the rest."""

    gevuurd: list[tuple[str, str]] = field(default_factory=list)
    geweigerd: list[str] = field(default_factory=list)  # refused conditional codes that fired
    verdicts: set[str] = field(default_factory=set)


# --- the ruleset -----------------------------------------------------------------------------

_Actie = Callable[["_Sessie", str], None]  # the raw JSON message, decoded only where needed


class _Sessie:
    """One evaluation's working memory on the Python side."""

    __slots__ = (
        "_geketend",
        "_teller",
        "engine",
        "gevuurd",
        "geweigerd",
        "gezien",
        "onbekend",
        "sid",
        "uitkomst",
    )

    def __init__(self, engine: Engine, sid: str):
        self.engine = engine
        self.sid = sid
        self.uitkomst = Uitkomst()
        self.gevuurd = self.uitkomst.gevuurd
        self._teller = itertools.count()
        # the engine activates a rule once per matching `$or` branch: a firing is recorded once
        self.gezien: set[tuple[str, str]] = set()
        self.onbekend: set[str] = set()
        self.geweigerd: set[str] = set()
        self._geketend: set[str] = set()

    def moet_ketenen(self, fact: dict[str, Any]) -> bool:
        """The verdict rules only ask whether a blocking finding, a conditional finding or a
        decisive open question exists, so one of each is chained on; a conditional finding the
        client refused always is, for the join that turns it into a block. Fewer facts per case
        made the engine a fifth faster."""
        if fact["t"] == "bevinding" and fact["code"] in self.geweigerd:
            return True
        soort = fact.get("ernst", fact["t"])
        if soort in self._geketend:
            return False
        self._geketend.add(soort)
        return True

    def assert_fact(self, fact: dict[str, Any]) -> None:
        fact["sid"] = self.sid
        fact["id"] = next(self._teller)
        code, _ = dre.assert_fact(self.engine.handle, _json(fact))
        if code not in (0, _NO_MATCH):
            raise EngineFout(f"de regelengine weigerde een feit (code {code}): {fact}")


def _json(fact: dict[str, Any]) -> str:
    # orjson: encoding the case fact with the json module was a tenth of an evaluation
    return orjson.dumps(fact).decode()


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
        self._codering = Codering(kb.feiten)
        self._patronen = Patronen(kb.feiten, self._codering)
        self._groep = itertools.cycle(range(GROEPEN))
        self._markers = {f"g{i}": 1 for i in range(GROEPEN)}
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
        if twijfel and not heeft_een_van(conditie):
            # A conjunction that is possible (no part false) is true when every fact it compares
            # is known, and undecided otherwise: one rule instead of a true and an undecided twin,
            # whose "not certain" part the engine expands into a rule variant per fact.
            gelezen = frozenset(vergeleken_feiten(conditie))
            definitie[f"{regel.id}$mogelijk"] = {"all": op_casus(p.mogelijk(conditie), groep)}
            self._acties[f"{regel.id}$mogelijk"] = _bij_mogelijk(
                gelezen, _bij_waar(regel), _bij_onbeslist(regel)
            )
            return
        definitie[f"{regel.id}$waar"] = {
            "all": op_casus(None if conditie is None else p.waar(conditie), groep)
        }
        self._acties[f"{regel.id}$waar"] = _bij_waar(regel)
        if not twijfel:
            return
        pattern = {"$and": [p.mogelijk(conditie), p.niet_zeker(conditie)]}
        definitie[f"{regel.id}$onbeslist"] = {"all": op_casus(pattern, groep)}
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

    def evalueer(self, antwoorden: dict[str, Any]) -> Uitkomst:
        """Run one case through the ruleset in a fresh session and return what fired."""
        geweigerd = antwoorden.get("geweigerde_voorwaarden", [])
        with self._lock:
            sessie = _Sessie(self, f"s{next(self._sids)}")
            sessie.geweigerd = set(geweigerd)
            try:
                for code in geweigerd:
                    self._draai(sessie, {"t": "geweigerd", "code": code})
                sessie.onbekend = self._codering.naam.keys() - antwoorden.keys()
                casus = self._codering.casus(antwoorden)
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
        code, state = dre.assert_fact(self.handle, _json(fact))
        if code == _NO_MATCH:
            return
        if code != 0:
            raise EngineFout(f"de regelengine weigerde een feit (code {code}): {fact}")
        handle, acties, volgende = self.handle, self._acties, dre.complete_and_start_action
        gestart = dre.start_action_for_state(handle, state)
        bericht = gestart[1] if gestart else None
        while bericht:
            # the message is '{"<rule name>": {...}}'; only the name is needed for most actions,
            # and decoding the whole message (it repeats the case) was the largest cost
            naam = bericht[2 : bericht.index('"', 2)]
            try:
                acties[naam](sessie, bericht)
            except BaseException:
                dre.abandon_action(handle, state)
                raise
            bericht = volgende(handle, state)


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
    vuur = (regel.id, "waar")
    bevinding = None
    if isinstance(regel, Bevindingsregel) and regel.ernst in _BESLISSEND:
        # only what can weigh in the verdict is chained on; the rest is recorded
        bevinding = {"t": "bevinding", "code": regel.code, "ernst": regel.ernst}

    def actie(sessie: _Sessie, _: str) -> None:
        if vuur in sessie.gezien:
            return
        sessie.gezien.add(vuur)
        sessie.gevuurd.append(vuur)
        if bevinding is not None and sessie.moet_ketenen(bevinding):
            sessie.assert_fact(dict(bevinding))

    return actie


def _bij_onbeslist(regel: Regel) -> _Actie:
    vuur = (regel.id, "onbeslist")
    beslissend = isinstance(regel, Bevindingsregel) and regel.ernst in _BESLISSEND
    # only a decisive open question can hold the verdict back, so only that one is chained on
    feit = {"t": "open", "regel": regel.id, "beslissend": True}

    def actie(sessie: _Sessie, _: str) -> None:
        if vuur in sessie.gezien:
            return
        sessie.gezien.add(vuur)
        sessie.gevuurd.append(vuur)
        if beslissend and sessie.moet_ketenen(feit):
            sessie.assert_fact(dict(feit))

    return actie


def _blokkeer(sessie: _Sessie, bericht: str) -> None:
    sessie.assert_fact(
        {"t": "blokkade", "code": orjson.loads(bericht)["blokkade$blokkerend"]["b"]["code"]}
    )


def _weiger(sessie: _Sessie, bericht: str) -> None:
    code = orjson.loads(bericht)["blokkade$geweigerd"]["b"]["code"]
    if code in sessie.uitkomst.geweigerd:
        return
    sessie.uitkomst.geweigerd.append(code)
    sessie.assert_fact({"t": "blokkade", "code": code})


def _verdict(verdict: str) -> _Actie:
    def actie(sessie: _Sessie, _: str) -> None:
        sessie.uitkomst.verdicts.add(verdict)

    return actie


_ENGINES: dict[tuple[int, bool], tuple[Kennisbank, Engine]] = {}


def engine_voor(kb: Kennisbank, *, alle_twijfels: bool = False) -> Engine:
    """One compiled ruleset per knowledge base and purpose for the life of the process (rulesets
    cost memory until deleted, and a name cannot be registered twice)."""
    sleutel = (id(kb), alle_twijfels)
    if sleutel not in _ENGINES:
        _ENGINES[sleutel] = (kb, Engine(kb, alle_twijfels=alle_twijfels))
    return _ENGINES[sleutel][1]
