"""Every confirmation of an advisory talk keeps the promises of advies.report.coherence: those of
any advice, and those that only a confirmation can break (a refusal named as refused and never
promised, a no go that plans nothing, the verdict as stated, the coach's words as typed).

Checked on seeded random cases, each with a random talk about its own conditions (a quarter with
a coach's own verdict), in the client's version of the letter."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import pytest

from advies.case.model import maak_casus
from advies.engine.evaluation import evalueer
from advies.knowledge.loading import laad_kennisbank
from advies.knowledge.model import Kennisbank
from advies.report.coherence import BELOFTEN, Controle, gebroken_beloften
from advies.report.markdown import als_markdown
from advies.report.sections import bouw_document
from oracle import CasusGenerator
from talk_generator import gesprek, oordeel_coach

AANTAL = 2_000
SEED = 20_261_205


@pytest.fixture(scope="module")
def kb() -> Kennisbank:
    return laad_kennisbank()


def met_gesprek(kb: Kennisbank, rng: random.Random, antwoorden: dict[str, Any]) -> dict[str, Any]:
    """A case file after a random talk about the conditions its advice put."""
    voor = evalueer(maak_casus(kb, {"antwoorden": antwoorden}, bestand="<willekeurig>"), kb)
    data: dict[str, Any] = {"antwoorden": antwoorden, "gesprek": gesprek(rng, voor)}
    oordeel = oordeel_coach(rng)
    if oordeel:
        data["oordeel_coach"] = oordeel
    return data


def breuken(kb: Kennisbank, data: dict[str, Any]) -> list[str]:
    casus = maak_casus(kb, data, bestand="<willekeurig>")
    advies = evalueer(casus, kb)
    brief = bouw_document(casus, advies, kb, voor="klant", datum=date(2026, 12, 6))
    controle = Controle(casus, advies, kb, brief, als_markdown(brief))
    return [f"{b.belofte}: {b.wat}" for b in gebroken_beloften(controle)]


def test_the_promises_hold_on_random_confirmations(kb: Kennisbank) -> None:
    generator = CasusGenerator(kb, SEED)
    rng = random.Random(SEED)
    gevonden: dict[str, tuple[int, int, dict[str, Any]]] = {}
    for i in range(AANTAL):
        data = met_gesprek(kb, rng, generator.antwoorden())
        for breuk in breuken(kb, data):
            code = breuk.split(":")[0]
            eerste, aantal, voorbeeld = gevonden.get(code, (i, 0, {**data, "breuk": breuk}))
            gevonden[code] = (eerste, aantal + 1, voorbeeld)
    assert not gevonden, "\n".join(
        f"{k}: {n}x, eerst in casus {i}: {d}" for k, (i, n, d) in gevonden.items()
    )


def test_the_confirmation_promises_are_registered() -> None:
    assert {
        "weigering_niet_toegezegd",
        "besluit_op_zijn_plaats",
        "bevestiging_no_go_plant_niets",
        "bevestiging_oordeel_klopt",
        "afspraken_zoals_getypt",
    } <= set(BELOFTEN)
