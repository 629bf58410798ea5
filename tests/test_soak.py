"""Many evaluations in one process: no exception, no state carried between sessions, no leak.

durable_rules keeps at most 1024 live sessions per ruleset and is corrupt after that, so an
engine that forgot to delete a session would fail here after 1024 evaluations. Each test uses a
fresh copy of the knowledge base, and so a ruleset of its own: a broken ruleset cannot spill over
into other tests.
"""

from __future__ import annotations

import dataclasses
import os
import resource
import sys
from typing import Any

import pytest

from advies.case.model import Casus, maak_casus
from advies.engine import evaluation
from advies.knowledge.loading import laad_kennisbank
from advies.knowledge.model import Kennisbank
from oracle import CasusGenerator

EVALUATIES = 10_000
SESSIEGRENS = 1024  # the engine's limit on live sessions per ruleset
MAX_GROEI_MIB = 20


@pytest.fixture()
def eigen_kb() -> Kennisbank:
    """A copy of the knowledge base: evaluation.engine_voor() compiles a ruleset for it alone."""
    return dataclasses.replace(laad_kennisbank())


def casussen(kb: Kennisbank, aantal: int, seed: int) -> list[Casus]:
    generator = CasusGenerator(kb, seed)
    return [
        maak_casus(kb, {"antwoorden": generator.antwoorden()}, bestand="<soak>")
        for _ in range(aantal)
    ]


def uitkomsten(kb: Kennisbank, vast: list[Casus]) -> list[str]:
    return [evaluation.evalueer(c, kb, wat_als=False).model_dump_json() for c in vast]


def rss_mib() -> float:
    """Resident memory now (Linux), or the peak where /proc is missing."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return piek / 2**20 if sys.platform == "darwin" else piek / 2**10


def test_ten_thousand_evaluations_on_one_engine_give_the_same_results_at_the_end(
    eigen_kb: Kennisbank, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = eigen_kb
    engine = evaluation.engine_voor(kb)
    sessies = 0
    evalueer = engine.evalueer

    def tellend(*args: Any, **kwargs: Any) -> Any:
        nonlocal sessies
        sessies += 1
        return evalueer(*args, **kwargs)

    monkeypatch.setattr(engine, "evalueer", tellend)
    vast = casussen(kb, 50, seed=1)
    stroom = casussen(kb, 1_000, seed=2)

    begin = uitkomsten(kb, vast)
    for _ in range(2):  # warm up: caches of built advice parts fill during the first rounds
        for casus in stroom:
            evaluation.evalueer(casus, kb, wat_als=False)
    geheugen_voor = rss_mib()
    while sessies < EVALUATIES:
        for casus in stroom:
            evaluation.evalueer(casus, kb, wat_als=False)
    geheugen_na = rss_mib()
    eind = uitkomsten(kb, vast)

    assert evaluation.engine_voor(kb) is engine
    assert sessies > SESSIEGRENS and sessies >= EVALUATIES
    verschillend = [i for i, (a, b) in enumerate(zip(begin, eind, strict=True)) if a != b]
    assert not verschillend, f"andere uitkomst aan het eind voor vaste casussen {verschillend}"
    groei = geheugen_na - geheugen_voor
    assert groei < MAX_GROEI_MIB, f"geheugen groeide {groei:.1f} MiB over {sessies} evaluaties"


class Kapot(Exception):
    """The failure planted in an engine action."""


def test_an_exception_in_an_action_propagates_and_leaves_the_engine_usable(
    eigen_kb: Kennisbank, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = eigen_kb
    casus = casussen(kb, 1, seed=3)[0]
    verwacht = evaluation.evalueer(casus, kb, wat_als=False).model_dump_json()
    engine = evaluation.engine_voor(kb)
    actie = "vorm_intervisiecoach_standaard$waar"  # no condition: fires for every case
    assert actie in engine._acties

    def ontplof(*_: Any) -> None:
        raise Kapot("in een actie")

    with monkeypatch.context() as mp:
        mp.setitem(engine._acties, actie, ontplof)
        # more failures than the engine has sessions: each failed session must be deleted too
        for _ in range(SESSIEGRENS + 10):
            with pytest.raises(Kapot):
                evaluation.evalueer(casus, kb, wat_als=False)

    assert evaluation.evalueer(casus, kb, wat_als=False).model_dump_json() == verwacht
    for anders in casussen(kb, 20, seed=4):
        evaluation.evalueer(anders, kb, wat_als=False)
    assert evaluation.evalueer(casus, kb, wat_als=False).model_dump_json() == verwacht
