"""From a case to an advice: run the engine, then dress what fired with the knowledge base's texts."""

from __future__ import annotations

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
