"""A batch evaluates a block of cases in one engine session; each case must get exactly the advice
it gets alone (one session of its own, as `advies beoordeel CASE` gives it)."""

from __future__ import annotations

import orjson

from advies.batch.blocks import BLOK
from advies.batch.output import compact
from advies.case.model import maak_casus
from advies.engine.evaluation import evalueer, evalueer_blok
from advies.knowledge.model import Kennisbank
from oracle import CasusGenerator

AANTAL = 10_000
VOLLEDIG = 2_000  # of which the whole advice (the --volledig line) is compared too
SEED = 16


def test_a_batch_gives_each_of_ten_thousand_random_cases_its_single_case_advice(
    kb: Kennisbank,
) -> None:
    generator = CasusGenerator(kb, SEED)
    casussen = [
        maak_casus(
            kb, {"meta": {"naam": f"groep {i}"}, "antwoorden": generator.antwoorden()}, bestand="x"
        )
        for i in range(AANTAL)
    ]
    verschillend: list[int] = []
    verdicts: set[str] = set()
    for begin in range(0, AANTAL, BLOK):
        blok = casussen[begin : begin + BLOK]
        kern = evalueer_blok(blok, kb, kern=True)  # what its compact line and CSV row are made of
        volledig = evalueer_blok(blok, kb) if begin < VOLLEDIG else kern  # the --volledig line
        for i, (casus, k, v) in enumerate(zip(blok, kern, volledig, strict=True), start=begin):
            alleen = evalueer(casus, kb, wat_als=False)
            verdicts.add(alleen.verdict)
            if orjson.dumps(compact(k, casus, i)) != orjson.dumps(compact(alleen, casus, i)) or (
                begin < VOLLEDIG and v.json_regel() != alleen.json_regel()
            ):
                verschillend.append(i)
    assert not verschillend, (
        f"{len(verschillend)} casussen verschillen, de eerste: {verschillend[:5]}"
    )
    assert verdicts == {"go", "go_onder_voorwaarden", "onvoldoende_informatie", "no_go"}
