"""The durable_rules adapter: the only module that imports the engine.

The knowledge base is compiled once into one ruleset (the patterns come from patterns.py). Cases
are evaluated a block at a time: one engine session (sid) per block, each case a fact with its
own number `k` in the block, and the rules that join facts join them on `k`; a single case is a
block of one. The session is deleted in a `finally`, because the engine holds at most 1024 live
sessions per ruleset and is corrupt after that. Actions are driven directly through the C
extension rather than the Host (whose timer threads race and whose glue costs 60% of the time; see
shared/engine-notes.md), so an exception in an action propagates instead of being swallowed in the
returned state.

Three phases per session:
1. the refused conditions (`geweigerd` facts) and the cases (`casus` facts) are asserted in one
   call; every data rule has a "waar" twin and, where its being undecided matters, an "onbeslist"
   twin (three-valued logic compiled into patterns), or one "mogelijk" rule for both. Their
   actions (actions.py) assert `bevinding` and `open` facts, which chain forward into `blokkade` facts (a
   blocking finding, or a refused condition).
2. once the queue is empty, a `fase` fact per case is asserted: only then do the verdict rules
   match, so the negations in them (`none(blokkade)`) see the complete set of findings.
3. the session is deleted.

Every rule is capped (`cap`): the engine hands over all the cases a rule matched in one message,
instead of one message per case. Per message the engine scans every rule node and Python makes a
call and a string; per block of 256 cases that was most of the engine's time.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Sequence
from typing import Any

import durable_rules_engine as dre
import orjson

from advies.engine.actions import (
    Gegevensregel,
    Sessie,
    Systeemactie,
    Uitkomst,
    bij_onbeslist,
    bij_waar,
    blokkeer,
    verdict_actie,
    vuur_alle,
    weiger,
)
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

__all__ = ["Engine", "Uitkomst", "engine_voor"]

_VERDICT_RULES = ("no_go", "onvoldoende_informatie", "go_onder_voorwaarden", "go")
_NO_MATCH = 1  # the engine's code for a fact no rule wants: not an error here
_CAP = 4096  # activations per message: more than a block has (the engine keeps it in 16 bits)


# --- the ruleset -----------------------------------------------------------------------------


class Engine:
    """The knowledge base compiled into one durable_rules ruleset."""

    _namen = itertools.count()

    def __init__(self, kb: Kennisbank, *, alle_twijfels: bool = False):
        """`alle_twijfels` also compiles the undecided twins of the proposal rules (methods, form,
        style, composition): only the questionnaires need those, to know which questions still
        matter, and they make every evaluation a third slower."""
        self.kb = kb
        self._alle_twijfels = alle_twijfels
        self._acties: dict[str, Gegevensregel | Systeemactie] = {}
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
            mogelijk = p.mogelijk(conditie)
            definitie[f"{regel.id}$mogelijk"] = _regel(op_casus(mogelijk, groep))
            acties = (gelezen, bij_waar(regel), bij_onbeslist(regel), _dubbel(mogelijk))
            self._acties[f"{regel.id}$mogelijk"] = acties
            return
        patroon = None if conditie is None else p.waar(conditie)
        definitie[f"{regel.id}$waar"] = _regel(op_casus(patroon, groep))
        self._acties[f"{regel.id}$waar"] = (None, bij_waar(regel), None, _dubbel(patroon))
        if not twijfel:
            return
        pattern = {"$and": [p.mogelijk(conditie), p.niet_zeker(conditie)]}
        definitie[f"{regel.id}$onbeslist"] = _regel(op_casus(pattern, groep))
        self._acties[f"{regel.id}$onbeslist"] = (None, bij_onbeslist(regel), None, _dubbel(pattern))

    def _systeemregels(self, definitie: dict[str, Any]) -> None:
        """Forward chaining from findings to blocks, and the verdict once all findings are in;
        facts are joined within their case (`k`), since a session may hold a block of cases."""
        definitie["blokkade$blokkerend"] = _regel(
            [{"b": {"$and": [{"t": "bevinding"}, {"ernst": "blokkerend"}]}}]
        )
        self._acties["blokkade$blokkerend"] = blokkeer
        definitie["blokkade$geweigerd"] = _regel(
            [
                {"b": {"$and": [{"t": "bevinding"}, {"ernst": "voorwaardelijk"}]}},
                {"g": {"$and": [{"t": "geweigerd"}, {"k": {"b": "k"}}, {"code": {"b": "code"}}]}},
            ]
        )
        self._acties["blokkade$geweigerd"] = weiger
        fase = {"f": {"t": "fase"}}
        zelfde = {"k": {"f": "k"}}
        blokkade = {"$and": [{"t": "blokkade"}, zelfde]}
        open_beslissend = {"$and": [{"t": "open"}, {"beslissend": True}, zelfde]}
        voorwaardelijk = {"$and": [{"t": "bevinding"}, {"ernst": "voorwaardelijk"}, zelfde]}
        definitie["verdict$no_go"] = _regel([fase, {"b": blokkade}])
        definitie["verdict$onvoldoende_informatie"] = _regel(
            [fase, {"o": open_beslissend}, {"b$not": blokkade}]
        )
        definitie["verdict$go_onder_voorwaarden"] = _regel(
            [fase, {"v": voorwaardelijk}, {"b$not": blokkade}, {"o$not": open_beslissend}]
        )
        definitie["verdict$go"] = _regel(
            [fase, {"b$not": blokkade}, {"o$not": open_beslissend}, {"v$not": voorwaardelijk}]
        )
        for verdict in _VERDICT_RULES:
            self._acties[f"verdict${verdict}"] = verdict_actie(verdict)

    def evalueer(self, antwoorden: dict[str, Any]) -> Uitkomst:
        """Run one case through the ruleset in a fresh session and return what fired."""
        return self.evalueer_blok([antwoorden])[0]

    def evalueer_blok(self, blok: Sequence[dict[str, Any]]) -> list[Uitkomst]:
        """Run a block of cases through the ruleset in one fresh session, each case a fact of
        its own (`k`, its place in the block), and return what fired for each, in order.

        A session per case cost a third of an evaluation in the engine's per-session setup (it
        allocates and clears state for every rule node); per block that is paid once. The rules
        that join facts (a refused condition, the verdict) join them on `k`, so the cases in a
        block never see each other's findings.
        """
        with self._lock:
            sid = f"s{next(self._sids)}"
            teller = itertools.count()
            wachtend: list[dict[str, Any]] = []
            namen = self._codering.naam.keys()
            sessies = [Sessie(namen, sid, teller, wachtend, k, a) for k, a in enumerate(blok)]
            feiten: list[dict[str, Any]] = []
            for k, antwoorden in enumerate(blok):
                for i, code in enumerate(antwoorden.get("geweigerde_voorwaarden", ())):
                    feiten.append(
                        {"k": k, "t": "geweigerd", "code": code, "sid": sid, "id": f"w{k}.{i}"}
                    )
                casus = {"k": k, "t": "casus", **self._markers}
                self._codering.vul(casus, antwoorden)
                casus["sid"], casus["id"] = sid, f"c{k}"
                feiten.append(casus)
            try:
                self._draai(sessies, feiten, wachtend)
                # only once every finding of every case is in do the verdict rules match
                fase = [{"k": k, "t": "fase", "sid": sid, "id": f"f{k}"} for k in range(len(blok))]
                self._draai(sessies, fase, wachtend)
            except MemoryError:
                # the engine's sign that sessions were not freed: it is unusable from here on
                raise EngineFout(
                    "de regelengine heeft geen ruimte meer voor nieuwe sessies"
                ) from None
            finally:
                dre.delete_state(self.handle, sid)
        for sessie in sessies:
            if len(sessie.uitkomst.verdicts) != 1:
                raise EngineFout(
                    f"de regelengine gaf geen eenduidig oordeel: {sorted(sessie.uitkomst.verdicts)}"
                )
        return [s.uitkomst for s in sessies]

    def _draai(
        self, sessies: list[Sessie], feiten: list[dict[str, Any]], wachtend: list[dict[str, Any]]
    ) -> None:
        """Assert facts and run every action they trigger, including those chained from them."""
        code, state = dre.assert_facts(self.handle, orjson.dumps(feiten).decode())
        if code == _NO_MATCH:
            return
        if code != 0:
            raise EngineFout(f"de regelengine weigerde een feit (code {code}): {feiten[:1]}")
        handle, acties, volgende = self.handle, self._acties, dre.complete_and_start_action
        per_k = {str(k): s for k, s in enumerate(sessies)}  # a case as a message writes it
        gestart = dre.start_action_for_state(handle, state)
        bericht = gestart[1] if gestart else None
        while bericht:
            # the message is '{"<rule name>":[<frame>,...]}', a frame per case the rule matched
            naam = bericht[2 : bericht.index('"', 2)]
            actie = acties[naam]
            try:
                if type(actie) is tuple:
                    vuur_alle(per_k, actie, bericht)
                else:
                    frames = orjson.loads(bericht)[naam]
                    # a list of frames, or one frame as it is when the engine had just the one
                    actie(sessies, frames if type(frames) is list else [frames])  # type: ignore[operator]
                if wachtend:  # inside the action still, as if each was asserted on its own
                    code, _ = dre.assert_facts(handle, orjson.dumps(wachtend).decode())
                    if code not in (0, _NO_MATCH):
                        raise EngineFout(
                            f"de regelengine weigerde een feit (code {code}): {wachtend[:1]}"
                        )
                    wachtend.clear()
            except BaseException:
                wachtend.clear()
                dre.abandon_action(handle, state)
                raise
            bericht = volgende(handle, state)


def _regel(patronen: list[dict[str, Any]]) -> dict[str, Any]:
    return {"all": patronen, "cap": _CAP}


def _dubbel(patroon: dict[str, Any] | None) -> bool:
    """The engine makes a rule variant per `$or` branch, and activates each that matches."""
    return patroon is not None and '"$or"' in json.dumps(patroon)


def _twijfel_telt(regel: Regel) -> bool:
    """An undecided finding (not an indication) is an open question; an undecided key condition
    is 'onbekend'. Other undecided rules change nothing in the advice."""
    if isinstance(regel, Bevindingsregel):
        return regel.soort != "indicatie"
    return regel.categorie == "sleutelvoorwaarde"


_ENGINES: dict[tuple[int, bool], tuple[Kennisbank, Engine]] = {}


def engine_voor(kb: Kennisbank, *, alle_twijfels: bool = False) -> Engine:
    """One compiled ruleset per knowledge base and purpose for the life of the process (rulesets
    cost memory until deleted, and a name cannot be registered twice)."""
    sleutel = (id(kb), alle_twijfels)
    if sleutel not in _ENGINES:
        _ENGINES[sleutel] = (kb, Engine(kb, alle_twijfels=alle_twijfels))
    return _ENGINES[sleutel][1]
