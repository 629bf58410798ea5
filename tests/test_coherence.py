"""Every advice keeps the promises of advies.report.coherence: no proposal and nothing to promise
under a no go, groups that follow their own conditions, a chart that agrees with the verdict and
never calls a stand-in met, confidentiality first, honest what-ifs, a first method that fits the
session the conditions ask for, steps that fit the guidance form and the initiative, no condition
counted twice, no plan while too little is known, and a client letter in the coach's own words:
no internal words, "ik" not "de coach", numbers in words, no sentence that states what the case
leaves open, a refusal confirmed as what it was.

Checked on 10,000 seeded random cases (a tenth with a coach's own verdict), on what hypothesis
finds, and on every example and case test, in the client's version of the letter."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advies.case.files import lees_casus
from advies.case.model import VERDICTS, maak_casus
from advies.engine.evaluation import evalueer
from advies.knowledge.loading import laad_kennisbank
from advies.knowledge.model import Kennisbank
from advies.report.coherence import BELOFTEN, Controle, gebroken_beloften
from advies.report.markdown import als_markdown
from advies.report.sections import bouw_document
from conftest import CASES, lees_case
from oracle import CasusGenerator

AANTAL = 10_000
SEED = 20_261_201
VOORBEELDEN = sorted((Path(__file__).resolve().parents[1] / "voorbeelden").glob("*.yaml"))


@pytest.fixture(scope="module")
def kb() -> Kennisbank:
    return laad_kennisbank()


def breuken(kb: Kennisbank, data: dict[str, Any], bestand: str = "<willekeurig>") -> list[str]:
    casus = maak_casus(kb, data, bestand=bestand)
    advies = evalueer(casus, kb)
    brief = bouw_document(casus, advies, kb, voor="klant", datum=date(2026, 12, 1))
    controle = Controle(casus, advies, kb, brief, als_markdown(brief))
    return [f"{b.belofte}: {b.wat}" for b in gebroken_beloften(controle)]


def test_every_promise_has_a_name_and_a_sentence() -> None:
    assert len(BELOFTEN) >= 15
    assert all(tekst for tekst, _ in BELOFTEN.values())


def test_the_promises_hold_on_ten_thousand_random_cases(kb: Kennisbank) -> None:
    generator = CasusGenerator(kb, SEED)
    rng = random.Random(SEED)
    gevonden: dict[str, tuple[int, dict[str, Any]]] = {}
    for i in range(AANTAL):
        data: dict[str, Any] = {"antwoorden": generator.antwoorden()}
        if rng.random() < 0.1:
            data["oordeel_coach"] = {"verdict": rng.choice(VERDICTS), "reden": "Eigen afweging."}
        for breuk in breuken(kb, data):
            gevonden.setdefault(breuk.split(":")[0], (i, {**data, "breuk": breuk}))
    assert not gevonden, "\n".join(f"{k} (casus {i}): {d}" for k, (i, d) in gevonden.items())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_the_promises_hold_on_any_case_hypothesis_finds(data: st.DataObject) -> None:
    kb = laad_kennisbank()
    antwoorden: dict[str, Any] = {}
    for feit, d in kb.feiten.items():
        if d["type"] == "codes" or not data.draw(st.booleans(), label=f"{feit} bekend"):
            continue
        if d["type"] == "keuze":
            antwoorden[feit] = data.draw(st.sampled_from(list(d["waarden"])), label=feit)
        elif d["type"] == "ja_nee":
            antwoorden[feit] = data.draw(st.booleans(), label=feit)
        else:
            antwoorden[feit] = data.draw(
                st.integers(d.get("min", 0), min(d["max"], 40)), label=feit
            )
    assert breuken(kb, {"antwoorden": antwoorden}) == []


@pytest.mark.parametrize("pad", VOORBEELDEN, ids=lambda p: p.stem)
def test_the_promises_hold_for_every_example(kb: Kennisbank, pad: Path) -> None:
    casus = lees_casus(kb, pad)
    assert breuken(kb, casus.model_dump(mode="json"), str(pad)) == []


@pytest.mark.parametrize("pad", sorted(CASES.glob("*.yaml")), ids=lambda p: p.stem)
def test_the_promises_hold_for_every_case_test(kb: Kennisbank, pad: Path) -> None:
    assert breuken(kb, lees_case(pad)["casus"], str(pad)) == []
