"""Advices are built from parts shared between cases and written from the parts' JSON (a batch's
speed depends on both). Sharing must never show: every advice equals one built from scratch, and
its JSON line equals pydantic's own serialisation of it."""

from __future__ import annotations

import json

import pytest

from advies.case.model import maak_casus
from advies.engine import parts as advice_parts
from advies.engine import parts_store
from advies.engine.adapter import Uitkomst, engine_voor
from advies.engine.advice import Advies, Bevinding
from advies.engine.evaluation import evalueer
from advies.knowledge.model import Kennisbank
from oracle import CasusGenerator

AANTAL = 2_000


def test_a_shared_part_is_frozen(kb: Kennisbank) -> None:
    advies = evalueer(
        maak_casus(kb, {"antwoorden": {"gedeelde_conflicten": True}}, bestand="-"), kb
    )
    with pytest.raises(ValueError, match="frozen"):
        advies.bevindingen[0].uitleg = "anders"


def test_a_changed_copy_of_a_part_writes_its_own_json(kb: Kennisbank) -> None:
    advies = evalueer(
        maak_casus(kb, {"antwoorden": {"gedeelde_conflicten": True}}, bestand="-"), kb
    )
    deel: Bevinding = advies.bevindingen[0]
    deel.json_bytes()  # cached now
    kopie = deel.model_copy(update={"titel": "Een andere titel"})
    assert json.loads(kopie.json_bytes())["titel"] == "Een andere titel"
    assert json.loads(deel.json_bytes())["titel"] != "Een andere titel"


def test_advices_from_shared_parts_equal_advices_built_from_scratch(kb: Kennisbank) -> None:
    generator = CasusGenerator(kb, 97)
    engine = engine_voor(kb)
    casussen = [
        maak_casus(
            kb, {"meta": {"naam": f"casus {i}"}, "antwoorden": generator.antwoorden()}, bestand="-"
        )
        for i in range(AANTAL)
    ]
    uitkomsten: list[Uitkomst] = [engine.evalueer(c.antwoorden) for c in casussen]
    gedeeld = [
        advice_parts.bouw_advies(kb, c, u).model_dump_json()
        for c, u in zip(casussen, uitkomsten, strict=True)
    ]
    for casus, uitkomst, verwacht in zip(casussen, uitkomsten, gedeeld, strict=True):
        parts_store._PER_KB.pop(kb, None)  # nothing shared: every part built for this advice
        assert advice_parts.bouw_advies(kb, casus, uitkomst).model_dump_json() == verwacht


@pytest.mark.parametrize(
    "meta",
    [
        {"naam": 'Team "Noord" \\ zuid\n\ttab'},
        {"naam": "Café Ünïcode ✓ \u2028 \U0001f600"},  # control characters: refused on input
        {},
    ],
    ids=["escapes", "unicode", "zonder-naam"],
)
def test_a_json_line_equals_pydantics_serialisation(kb: Kennisbank, meta: dict[str, str]) -> None:
    generator = CasusGenerator(kb, 5)
    for _ in range(200):
        data = {"meta": meta, "antwoorden": generator.antwoorden()}
        data["oordeel_coach"] = {"verdict": "go", "reden": 'Ik ken de groep "goed".'}
        advies = evalueer(maak_casus(kb, data, bestand="-"), kb)  # with the what-if search
        assert advies.json_regel() == advies.model_dump_json().encode()
        assert Advies.model_validate_json(advies.json_regel()) == advies
