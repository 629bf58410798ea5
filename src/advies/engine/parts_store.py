"""Parts of an advice that are built once per knowledge base and shared between advices.

An advice is mostly made of parts that depend only on the rules (a finding, a method, a trace step
for given fact values), and in a batch the same parts recur in thousands of cases. Building and
writing every part again for every case was two thirds of a batch's time, so each is built once
and kept here; the models are frozen, and each writes its JSON once (advice.Deel).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from operator import itemgetter
from typing import Any, TypeVar

from advies.knowledge.model import Kennisbank, Regel
from advies.knowledge.placeholders import plekken_in

T = TypeVar("T")

# Parts keyed by fact values (a trace step reads numbers) have no natural bound: past this many
# the store starts again, so a long batch cannot grow the process without limit.
_HOOGSTENS = 100_000


class Delen:
    """The parts built for one knowledge base."""

    def __init__(self, kb: Kennisbank):
        self.kb = kb
        self.gebouwd: dict[Hashable, Any] = {}
        self.feitvolgorde = {f: i for i, f in enumerate(kb.feiten)}
        # per fired rule: the rule, and how to read the values of its facts from a full case
        self.vuren: dict[tuple[str, str], tuple[Regel, Callable[[dict[str, Any]], Any]]] = {}
        self.leeg = dict.fromkeys(kb.feiten)
        self.plekken: dict[str, tuple[str, ...]] = {}

    def vuur(self, vuur: tuple[str, str]) -> tuple[Regel, Callable[[dict[str, Any]], Any]]:
        gevonden = self.vuren.get(vuur)
        if gevonden is None:
            regel = self.kb.regel(vuur[0])
            lees = itemgetter(*regel.feiten) if regel.feiten else _niets
            gevonden = self.vuren[vuur] = (regel, lees)
        return gevonden

    def plekken_van(self, regel: Any) -> tuple[str, ...]:
        """The {plekken} a finding's texts name, once per rule."""
        gevonden = self.plekken.get(regel.id)
        if gevonden is None:
            teksten = [regel.uitleg, regel.voorwaarde or "", *(a.tekst for a in regel.aanvullingen)]
            namen = plekken_in(" ".join(teksten))
            gevonden = self.plekken[regel.id] = tuple(dict.fromkeys(namen))
        return gevonden

    def geef(self, sleutel: Hashable, maak: Callable[..., T], *args: Any) -> T:
        """The part under `sleutel`, made by `maak(*args)` the first time."""
        try:
            deel = self.gebouwd.get(sleutel)
        except TypeError:  # a list among the fact values: built for this advice alone
            return maak(*args)
        if deel is None:
            if len(self.gebouwd) >= _HOOGSTENS:
                self.gebouwd.clear()
            deel = self.gebouwd[sleutel] = maak(*args)
        return deel


_PER_KB: weakref.WeakKeyDictionary[Kennisbank, Delen] = weakref.WeakKeyDictionary()


def delen_van(kb: Kennisbank) -> Delen:
    delen = _PER_KB.get(kb)
    if delen is None:
        delen = _PER_KB[kb] = Delen(kb)
    return delen


def _niets(_: dict[str, Any]) -> tuple[()]:
    return ()
