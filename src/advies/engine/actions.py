"""What the rules do when they fire, on the Python side: record it for the case, and chain on
the facts the verdict rules read. The engine itself is adapter.py's, the only module that imports
durable_rules; this module only reads the messages it hands over.

A block of cases shares one engine session; each case has its own working memory here (`Sessie`),
found by the number `k` that comes first in every fact it asserts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Set
from dataclasses import dataclass, field
from typing import Any

from advies.knowledge.model import BESLISSEND, Bevindingsregel, Regel


@dataclass
class Uitkomst:
    """What fired in one session, in firing order: (rule id, 'waar' | 'onbeslist') and the rest."""

    gevuurd: list[tuple[str, str]] = field(default_factory=list)
    geweigerd: list[str] = field(default_factory=list)  # refused conditional codes that fired
    verdicts: set[str] = field(default_factory=set)


# A data rule's action is plain data, run by `vuur_alle` without a call per case: the facts its
# condition compares, then what it records (and the fact it chains on) when true, and when
# undecided (used when one of those facts is unknown; a rule without it is always the first);
# and whether the engine may activate it twice for a case (once per matching `$or` branch).
Vuur = tuple[tuple[str, str], dict[str, Any] | None]
Gegevensregel = tuple[frozenset[str] | None, Vuur, Vuur | None, bool]
# The other rules (blocks, verdicts) get the frames of their message, decoded.
Systeemactie = Callable[[list["Sessie"], list[dict[str, Any]]], None]
# a data rule's frame in a message, and its case (op_casus names the pattern "m", and `k` comes
# first in every fact)
_FRAME_K = re.compile(r'\{"m":\{"k":(\d+)')


class Sessie:
    """One case's working memory on the Python side. The engine session it lives in (sid) may hold
    a whole block of cases, each its own `k`; every fact the case asserts carries that `k` first,
    so that the rules that join facts join them within one case, and an action finds its case."""

    __slots__ = (
        "_geketend",
        "_k",
        "_sid",
        "_teller",
        "_wachtend",
        "gevuurd",
        "geweigerd",
        "gezien",
        "onbekend",
        "uitkomst",
    )

    def __init__(
        self,
        namen: Set[str],
        sid: str,
        teller: Iterator[int],
        wachtend: list[dict[str, Any]],
        k: int,
        antwoorden: dict[str, Any],
    ):
        self._sid = sid
        self._teller = teller  # fact ids, unique within the session
        self._wachtend = wachtend  # facts chained on, asserted together after each message
        self._k = k
        self.uitkomst = Uitkomst()
        self.gevuurd = self.uitkomst.gevuurd
        # the engine activates a rule once per matching `$or` branch: a firing is recorded once
        self.gezien: set[tuple[str, str]] = set()
        self.onbekend: set[str] = namen - antwoorden.keys()  # the facts a rule may read, unknown
        self.geweigerd: set[str] = set(antwoorden.get("geweigerde_voorwaarden", ()))
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

    def feit(self, fact: dict[str, Any], fact_id: Any) -> dict[str, Any]:
        """The fact as the engine gets it: its case first (actions read it from there)."""
        return {"k": self._k, **fact, "sid": self._sid, "id": fact_id}

    def assert_fact(self, fact: dict[str, Any]) -> None:
        """Chain a fact on; it reaches the engine with the others of this message (a call into
        the engine per fact cost more than the facts themselves)."""
        self._wachtend.append(self.feit(fact, next(self._teller)))


def vuur_alle(per_k: dict[str, Sessie], regel: Gegevensregel, bericht: str) -> None:
    """A data rule fired for the cases in `bericht`: record it per case, and chain on what can
    weigh in the verdict. Only each frame's case is read (its `k` comes first); decoding the
    whole message, which repeats every case, cost more than all of this."""
    gelezen, waar, onbeslist, dubbel = regel
    for k in _FRAME_K.findall(bericht):
        sessie = per_k[k]
        if onbeslist is not None and not gelezen.isdisjoint(sessie.onbekend):  # type: ignore[union-attr]
            vuur, feit = onbeslist
        else:
            vuur, feit = waar
        if dubbel:
            gezien = sessie.gezien
            if vuur in gezien:  # fired once already, in another `$or` branch
                continue
            gezien.add(vuur)
        sessie.gevuurd.append(vuur)
        if feit is not None and sessie.moet_ketenen(feit):
            sessie.assert_fact(dict(feit))


def bij_waar(regel: Regel) -> Vuur:
    bevinding = None
    if isinstance(regel, Bevindingsregel) and regel.ernst in BESLISSEND:
        # only what can weigh in the verdict is chained on; the rest is recorded
        bevinding = {"t": "bevinding", "code": regel.code, "ernst": regel.ernst}
    return (regel.id, "waar"), bevinding


def bij_onbeslist(regel: Regel) -> Vuur:
    beslissend = isinstance(regel, Bevindingsregel) and regel.ernst in BESLISSEND
    # only a decisive open question can hold the verdict back, so only that one is chained on
    feit = {"t": "open", "regel": regel.id, "beslissend": True} if beslissend else None
    return (regel.id, "onbeslist"), feit


def blokkeer(sessies: list[Sessie], frames: list[dict[str, Any]]) -> None:
    for frame in frames:
        b = frame["b"]
        sessies[b["k"]].assert_fact({"t": "blokkade", "code": b["code"]})


def weiger(sessies: list[Sessie], frames: list[dict[str, Any]]) -> None:
    # in the engine's order (the newest activation first), as when a case had a session of its
    # own: the order of a case's refused conditions in its advice stays what it was
    for frame in frames:
        b = frame["b"]
        sessie, code = sessies[b["k"]], b["code"]
        if code in sessie.uitkomst.geweigerd:
            continue
        sessie.uitkomst.geweigerd.append(code)
        sessie.assert_fact({"t": "blokkade", "code": code})


def verdict_actie(verdict: str) -> Systeemactie:
    def actie(sessies: list[Sessie], frames: list[dict[str, Any]]) -> None:
        for frame in frames:
            sessies[frame["f"]["k"]].uitkomst.verdicts.add(verdict)

    return actie
