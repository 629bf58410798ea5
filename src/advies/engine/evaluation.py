"""From a case to an advice: run the engine, then dress what fired with the knowledge base's texts."""

from __future__ import annotations

from typing import Any

from .advice import Advies
from .advice_parts import bouw_advies
from .casus import Casus
from .engine import Engine
from .kennisbank import Kennisbank, laad_kennisbank

_ENGINES: dict[tuple[int, bool], tuple[Kennisbank, Engine]] = {}


def engine_voor(kb: Kennisbank, *, alle_twijfels: bool = False) -> Engine:
    """One compiled ruleset per knowledge base and purpose for the life of the process (rulesets
    cost memory until deleted, and a name cannot be registered twice)."""
    sleutel = (id(kb), alle_twijfels)
    if sleutel not in _ENGINES:
        _ENGINES[sleutel] = (kb, Engine(kb, alle_twijfels=alle_twijfels))
    return _ENGINES[sleutel][1]


def evalueer(casus: Casus, kb: Kennisbank | None = None, *, wat_als: bool = True) -> Advies:
    """Evaluate a case. `wat_als` also searches the smallest changes that improve the verdict."""
    kb = kb or laad_kennisbank()
    uitkomst = engine_voor(kb).evalueer(casus.antwoorden)
    advies = bouw_advies(kb, casus, uitkomst)
    if wat_als:
        from .whatif import zoek_wat_als

        advies.wat_als = zoek_wat_als(kb, casus.antwoorden, uitkomst)
    return advies


def nog_nodig(kb: Kennisbank, antwoorden: dict[str, Any]) -> dict[str, list[str]]:
    """Unknown facts that a still undecided rule reads, each with the ids of those rules.

    A fact not in here cannot change the advice any more, given what is already known: the
    questionnaires skip its question.
    """
    uitkomst = engine_voor(kb, alle_twijfels=True).evalueer(antwoorden)
    nodig: dict[str, list[str]] = {}
    for regel_id, status in uitkomst.gevuurd:
        if status != "onbeslist":
            continue
        for feit in kb.regel(regel_id).feiten:
            if feit not in antwoorden:
                nodig.setdefault(feit, []).append(regel_id)
    return nodig
