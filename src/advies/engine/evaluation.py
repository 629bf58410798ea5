"""From a case to an advice: run the engine, then dress what fired with the knowledge base's texts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from advies.case.model import Casus
from advies.engine.adapter import engine_voor
from advies.engine.advice import Advies
from advies.engine.parts import bouw_advies
from advies.engine.whatif import zoek_wat_als
from advies.knowledge.loading import laad_kennisbank
from advies.knowledge.model import Kennisbank


def evalueer(casus: Casus, kb: Kennisbank | None = None, *, wat_als: bool = True) -> Advies:
    """Evaluate a case. `wat_als` also searches the smallest changes that improve the verdict."""
    kb = kb or laad_kennisbank()
    feiten = casus.feiten()  # with the conditions refused in the talk
    uitkomst = engine_voor(kb).evalueer(feiten)
    advies = bouw_advies(kb, casus, uitkomst)
    if wat_als:
        advies.wat_als = zoek_wat_als(kb, feiten, uitkomst)
    return advies


def nog_nodig(kb: Kennisbank, antwoorden: dict[str, Any]) -> dict[str, list[str]]:
    """Unknown facts that a still undecided rule reads, each with the ids of those rules.

    A fact not in here cannot change the advice any more, given what is already known: the
    questionnaires skip its question.
    """
    uitkomst = engine_voor(kb, alle_twijfels=True).evalueer(antwoorden)
    # at a no go nothing but another block can change the advice: the proposal, its conditions
    # and its details are not given, so the questions that feed them are not asked
    no_go = "no_go" in uitkomst.verdicts
    nodig: dict[str, list[str]] = {}
    for regel_id, status in uitkomst.gevuurd:
        if status != "onbeslist":
            continue
        regel = kb.regel(regel_id)
        if no_go and getattr(regel, "ernst", None) != "blokkerend":
            continue
        for feit in regel.feiten:
            if feit not in antwoorden:
                nodig.setdefault(feit, []).append(regel_id)
    return nodig


def evalueer_blok(
    casussen: Sequence[Casus],
    kb: Kennisbank | None = None,
    *,
    wat_als: bool = False,
    kern: bool = False,
) -> list[Advies]:
    """Evaluate many cases at once, as a batch does: one engine session for all of them (each case
    a fact of its own), the same advice as `evalueer` gives each of them. `kern`: without the
    trace, the key conditions and the alternatives (see bouw_advies)."""
    kb = kb or laad_kennisbank()
    if not casussen:
        return []
    feiten = [c.feiten() for c in casussen]  # with the conditions refused in the talk
    uitkomsten = engine_voor(kb).evalueer_blok(feiten)
    adviezen = [bouw_advies(kb, c, u, kern=kern) for c, u in zip(casussen, uitkomsten, strict=True)]
    if wat_als:
        for f, uitkomst, advies in zip(feiten, uitkomsten, adviezen, strict=True):
            advies.wat_als = zoek_wat_als(kb, f, uitkomst)
    return adviezen
